"""Scripts only where they are needed, and none that blocks the first paint.

- Sphinx's search scripts (``searchtools.js``, ``language_data.js`` and the
  whole ``searchindex.js``) load on the search page only.  The theme puts them
  on every page for its search-as-you-type (off here: ``search_as_you_type``
  is false): elsewhere the search field simply sends the query to
  ``search.html``.  The project's ``_templates/layout.html`` does this (Sphinx
  reads one ``layout.html`` from the templates path).
- Scripts that only act once the document is ready (Sphinx's ``doctools.js``
  and ``sphinx_highlight.js``, the book theme's script) load with ``defer``:
  they no longer hold up the first paint; so does the catalogue of Sphinx's
  script messages (``translations.js``), right after ``doctools.js``.  ``documentation_options.js`` stays
  as it is (300 bytes): the inline scripts after it set its fields at once.
  The search page keeps its order untouched (``searchtools.js`` calls
  ``doctools.js``'s ``_ready`` as it loads).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

DOCTOOLS = "_static/doctools.js"
TRANSLATIONS = "_static/translations.js"
#: Scripts that wait for the document themselves (``_ready``/``documentReady``).
DEFERRABLE = {
    "_static/doctools.js",
    "_static/sphinx_highlight.js",
    "_static/scripts/sphinx-book-theme.js",
}


def defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    scripts = context.get("script_files")
    if pagename == "search" or not isinstance(scripts, list):
        return
    deferred = []
    for js in scripts:
        attrs = getattr(js, "attributes", {})
        if (
            str(getattr(js, "filename", "")) in DEFERRABLE
            and not {"defer", "async"} & set(attrs)
            and attrs.get("type", "") != "module"
        ):
            # Sphinx 9 has no public way to change a script it registered (add_js_file()
            # only appends): a copy of its private _JavaScript, through type(js).
            js = type(js)(js.filename, priority=js.priority, **{**attrs, "defer": "defer"})
        deferred.append(js)
    # The catalogue of doctools.js' messages (ru, nl) calls it as it loads: it
    # follows doctools.js at once, deferred too, before sphinx_highlight.js
    # uses the messages.
    names = [str(getattr(js, "filename", "")) for js in deferred]
    if TRANSLATIONS in names and DOCTOOLS in names:
        catalog = deferred.pop(names.index(TRANSLATIONS))
        doctools = next(js for js in deferred if str(getattr(js, "filename", "")) == DOCTOOLS)
        if "defer" in doctools.attributes:
            catalog = type(catalog)(
                catalog.filename, priority=doctools.priority, **{**catalog.attributes, "defer": "defer"}
            )
        deferred.insert(deferred.index(doctools) + 1, catalog)
    context["script_files"] = deferred


def setup(app: Sphinx) -> dict[str, Any]:
    # Last: after the themes and the other extensions have added their scripts.
    app.connect("html-page-context", defer_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
