"""The theme's icons without Font Awesome's 1.5 MB script and its web fonts.

pydata-sphinx-theme loads ``_static/scripts/fontawesome.js`` on every page
(1.5 MB, ~540 kB gzipped), which turns each ``<i class="fa-…">`` into an
``<svg>``, and its stylesheet declares Font Awesome's three web fonts
(``@font-face``, ~240 kB).  The site shows a dozen icons, so:

- ``_templates/layout.html`` leaves the script out of the theme's head (the
  theme writes it from a template macro, not through ``script_files``);
- ``_static/presskit-icons.css``, after the theme's stylesheet, draws each
  icon as a CSS mask over ``currentColor`` and gives no element a Font
  Awesome font;
- at ``build-finished`` (as the theme writes its own generated files) the
  served ``_static/styles/pydata-sphinx-theme.css`` is the theme's, read from
  the installed theme, without its Font Awesome ``@font-face`` rules: nothing
  else changes.  Its URL's ``?digest=`` is a hash of that content (the
  theme's is of the theme's build), so a long cache never serves an old one;
- the build fails (a warning, and builds are strict) when a page uses an
  ``fa-`` class ``presskit-icons.css`` has no icon for, or loads the script.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import pydata_sphinx_theme
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

STYLESHEET = "presskit-icons.css"
THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
THEME_CSS = "styles/pydata-sphinx-theme.css"
#: Where the fonts' rules were (tests/test_nginx.py edits it to change the content).
MARKER = "/* presskit.theme.icons: Font Awesome's @font-face rules removed, see _static/presskit-icons.css */"
#: A Font Awesome ``@font-face`` rule of the minified stylesheet, e.g.
#: ``@font-face{font-display:block;font-family:Font Awesome\ 7 Free;…;src:url(…/fa-solid-900.woff2)}``:
#: ``@font-face``, then a block without nested braces that names a "Font Awesome" family.
FONT_AWESOME_FONT = re.compile(r"@font-face\s*\{[^{}]*font-family:\s*[\"']?Font Awesome[^{}]*\}")
#: ``fa-`` classes that are styles or modifiers, not icons.
MODIFIERS = {
    *("fa-solid", "fa-regular", "fa-classic", "fa-fw", "fa-width-auto", "fa-width-fixed"),
    *("fa-2xs", "fa-xs", "fa-sm", "fa-lg", "fa-xl", "fa-2xl", "fa-1x", "fa-2x", "fa-3x"),
}
_FA_CLASS = re.compile(r'class="([^"]*\bfa-[^"]*)"')


def theme_stylesheet() -> str:
    """The theme's stylesheet without Font Awesome's fonts, the first rule
    replaced by :data:`MARKER`, the others by nothing."""
    css = (THEME_STATIC / THEME_CSS).read_text(encoding="utf-8")
    found = FONT_AWESOME_FONT.findall(css)
    if not found:
        logger.warning("presskit.theme.icons: no Font Awesome @font-face in the theme's %s: has it changed?", THEME_CSS)
        return css
    return FONT_AWESOME_FONT.sub("", css.replace(found[0], MARKER, 1))


def theme_css_url() -> tuple[str, str]:
    """The stylesheet's URL tail as the theme's templates write it, and with
    the digest of the served content."""
    macros = (THEME_STATIC / "webpack-macros.html").read_text(encoding="utf-8")
    theme = re.search(r"pydata-sphinx-theme\.css', 1\) \}\}\?digest=(\w+)", macros)
    ours = hashlib.sha256(theme_stylesheet().encode()).hexdigest()[:20]
    return f"pydata-sphinx-theme.css?digest={theme[1] if theme else ''}", f"pydata-sphinx-theme.css?digest={ours}"


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    context["presskit_theme_css_url"] = app.presskit_theme_css_url  # for _templates/layout.html


def write_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    if not exception and app.builder.format == "html":
        (Path(app.outdir) / "_static" / THEME_CSS).write_text(theme_stylesheet(), encoding="utf-8")


def check_icons(app: Sphinx, exception: Exception | None) -> None:
    """Every ``fa-`` class in the written pages has an icon, and no page
    loads Font Awesome's script."""
    if exception or app.builder.format != "html":
        return
    css = (Path(app.outdir) / "_static" / STYLESHEET).read_text(encoding="utf-8")
    known = MODIFIERS | set(re.findall(r"^\.(fa-[\w-]+)\{--presskit-icon:url\(", css, re.M))
    unknown: dict[str, str] = {}
    # The site's pages (not a stale file left in the output folder).
    for name in sorted(app.env.found_docs) + ["search"]:
        page = Path(app.builder.get_outfilename(name))
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8", errors="replace")
        if "fontawesome.js" in html:
            logger.warning("presskit.theme.icons: %s still loads fontawesome.js", page.relative_to(app.outdir))
        for classes in _FA_CLASS.findall(html):
            for cls in classes.split():
                if cls.startswith("fa-") and cls not in known:
                    unknown.setdefault(cls, str(page.relative_to(app.outdir)))
    for cls, page in sorted(unknown.items()):
        logger.warning("presskit.theme.icons: %s (%s) has no icon: add it to _static/%s", cls, page, STYLESHEET)


def setup(app: Sphinx) -> dict[str, Any]:
    app.presskit_theme_css_url = theme_css_url()
    app.add_css_file(STYLESHEET)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", write_stylesheet)
    app.connect("build-finished", check_icons)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
