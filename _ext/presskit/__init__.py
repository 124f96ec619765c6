"""Local Sphinx code of The Red Soul press kit: small modules, one job each.

- ``facts``: loads and validates ``film/facts.toml`` (the schema lives there).
- ``factsdirectives``: directives that render the facts into pages.
- ``factscatalog``: the ``facts`` gettext domain (extraction and compilation).
- ``latex``: the PDF's cover, running head and metadata in the page's language
  (the design is ``_latex/presskit.sty``).
- ``downloads``: the PDF in the site: the header button on every page and the
  ``{pdf-downloads}`` list of the downloads page.
- ``csp``: the Content-Security-Policy of every page (inline scripts by hash).
- ``catalogcheck``: the catalogue content checks of ``make check`` in every build.
"""
