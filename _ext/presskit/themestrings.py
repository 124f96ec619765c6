"""Interface text the themes take from options rather than templates.

pydata-sphinx-theme prints its ``search_bar_text`` option as it is, so the
search field would say "Search..." on every page; this sets it in the page's
language.  ``tools/catalogs.py`` extracts the ``_()`` strings of this module
into the theme strings catalogue (``sphinx.po``) with those of ``_templates/``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _


def translate_options(app: Sphinx, config: Config) -> None:
    config.html_theme_options["search_bar_text"] = _("Search…")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", translate_options)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
