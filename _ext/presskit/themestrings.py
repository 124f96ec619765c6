"""Interface text the themes take from options rather than templates.

pydata-sphinx-theme prints its ``search_bar_text`` option as it is, so the
search field would say "Search..." on every page; this sets it in the page's
language.  ``tools/catalogs.py`` extracts the ``_()`` strings of this module
into the theme strings catalogue (``sphinx.po``) with those of ``_templates/``.

The themes write these strings, the site's title (``docstitle``, from the
facts catalogue) and the home page's title (``root_title``) into pages without
escaping them: they are given to the templates escaped once, as ``Markup`` (so
the templates that do escape them do not escape them twice).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _


def translate_options(app: Sphinx, config: Config) -> None:
    config.html_theme_options["search_bar_text"] = Markup.escape(_("Search…"))


def escape_titles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    for key in ("docstitle", "root_title"):
        if isinstance(context.get(key), str):
            context[key] = Markup.escape(context[key])


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", translate_options)
    # After the book theme has set root_title.
    app.connect("html-page-context", escape_titles, priority=800)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
