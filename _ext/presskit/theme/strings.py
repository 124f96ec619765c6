"""Interface text in the page's language: the themes' options and script messages.

- The search field's text (pydata-sphinx-theme's ``search_bar_text`` option,
  printed as it is); ``tools/catalogs.py`` extracts this module's ``_()``
  strings into ``sphinx.po``.  The themes write it, the site's title
  (``docstitle``) and the home page's (``root_title``) unescaped: they are
  given to the templates escaped once, as ``Markup``.
- Sphinx's script messages: its ``translations.js`` leaves the search results'
  count untranslated in Russian and Dutch, and its Dutch plural expression
  gives a boolean that picks no form (a script error).  The translated script
  messages of ``sphinx.po``, with its ``Plural-Forms`` as a number, go to
  ``_static/presskit-messages.js`` (an external file: no inline script for
  the CSP to allow), loaded after ``translations.js``, adding to and
  overriding Sphinx's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _

FILENAME = "presskit-messages.js"
DOMAIN = "sphinx"


def translate_options(app: Sphinx, config: Config) -> None:
    config.html_theme_options["search_bar_text"] = Markup.escape(_("Search…"))


def escape_titles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    for key in ("docstitle", "root_title"):
        if isinstance(context.get(key), str):
            context[key] = Markup.escape(context[key])


def catalogue(app: Sphinx) -> Path | None:
    """The project's ``sphinx.po`` for the build's language, if any."""
    for folder in app.config.locale_dirs:
        po = Path(app.srcdir, folder, app.config.language, "LC_MESSAGES", f"{DOMAIN}.po")
        if po.is_file():
            return po
    return None


def script(po: Path, language: str) -> str:
    """The ``addTranslations`` call for the translated messages of ``po`` that
    a script uses (a location in a ``.js`` file); ``""`` if there are none."""
    with po.open("rb") as f:
        catalog = read_po(f, locale=language)
    messages: dict[str, Any] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not any(f.endswith(".js") for f, _line in message.locations):
            continue
        if message.pluralizable and all(message.string):
            messages[message.id[0]] = list(message.string)
        elif not message.pluralizable and message.string:
            messages[message.id] = message.string
    if not messages:
        return ""
    data = {
        "locale": language,
        "messages": messages,
        # Number(): an index into the plural forms, never a boolean.
        "plural_expr": f"Number({catalog.plural_expr})",
    }
    return f"Documentation.addTranslations({json.dumps(data, ensure_ascii=False, indent=1)});\n"


def write_script(app: Sphinx) -> None:
    if app.builder.format != "html" or not (po := catalogue(app)):
        return
    text = script(po, app.config.language)
    if not text:
        return
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    (static / FILENAME).write_text(text, encoding="utf-8")
    # After translations.js (added when the builder started); deferred, so
    # it runs after doctools.js on every page and before any script's
    # DOMContentLoaded handler asks for a message.
    app.add_js_file(FILENAME, loading_method="defer")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", translate_options)
    # After the book theme has set root_title.
    app.connect("html-page-context", escape_titles, priority=800)
    app.connect("builder-inited", write_script)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
