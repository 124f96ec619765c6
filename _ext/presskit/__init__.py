"""Local Sphinx code of The Red Soul press kit: small modules, one job each.

- ``facts``: loads and validates ``film/facts.toml`` (the schema lives there).
- ``factsdirectives``: directives that render the facts into pages.
- ``factscatalog``: the ``facts`` gettext domain (extraction and compilation).
"""
