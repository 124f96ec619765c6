"""Local Sphinx code of The Red Soul press kit, grouped by job (conf.py loads
each group as one extension).

- ``facts``: the data file as frozen dataclasses (``schema``), what each block
  says in one language (``view``), the blocks as ``facts_block`` nodes with an
  HTML and a LaTeX visitor (``directives``), their ``facts`` gettext domain
  (``catalog``).
- ``pdf``: the PDF's cover, running head and metadata.
- ``site``: ``languages`` (switcher, hreflang, canonical; languages offered),
  ``sharing`` (Open Graph, descriptions, JSON-LD), ``downloads`` (the PDF button
  and downloads page), ``card`` (the title card), ``stills`` (pictures, when
  there are any), ``csp`` (the Content-Security-Policy).
- ``theme``: ``icons`` (icons without Font Awesome's script and fonts),
  ``scripts`` (scripts deferred, search scripts on the search page),
  ``strings`` (interface text and script messages in the page's language).
- ``pofile`` (the one reading of a ``.po`` file) and ``catalogcheck`` (the
  catalogue content checks in every build).
"""
