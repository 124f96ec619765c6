"""Local Sphinx code of The Red Soul press kit: small modules, one job each.

Facts: ``facts`` (the data file and its schema), ``factsview`` (what each block
says, in one language), ``factsdirectives`` (the blocks as nodes),
``factscatalog`` (their ``facts`` gettext domain), ``pofile`` (the one reading
of a ``.po`` file), ``catalogcheck`` (the catalogue content checks in every build).

PDF: ``latex`` (cover, running head, metadata).

Site: ``languages`` (switcher, hreflang, canonical; languages offered),
``sharing`` (Open Graph, descriptions, JSON-LD), ``downloads`` (the PDF button
and downloads page), ``card`` (the title card), ``stills`` (pictures, when there
are any), ``csp`` (the Content-Security-Policy).

Theme: ``icons`` (icons without Font Awesome's script and fonts), ``scripts``
(scripts deferred, search scripts on the search page), ``scriptmessages`` and
``themestrings`` (interface text in the page's language).
"""
