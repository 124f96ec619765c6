"""A Content-Security-Policy for every page, first in its ``<head>``.

Scripts, styles, images and fonts come from the site itself; an inline
script runs only if its SHA-256 hash is in the policy.  The hashes are of
the inline scripts the code and the templates write, never of the page's
text, so a script that a catalogue or the facts might smuggle into a page
stays blocked:

- the scripts Sphinx and the themes add with a ``body`` (``script_files``,
  e.g. ``DOCUMENTATION_OPTIONS.pagename = '...'``);
- the ``<script>`` elements written in the templates (the themes' and the
  project's), rendered with the page's context.

The policy is a ``<meta http-equiv>`` for hosts that cannot send headers;
the generated nginx settings (tools/nginx.py) send the policy of the whole
site (``site_policy``: every page's hashes) as a header.  Inline styles stay allowed: the themes
write ``style`` attributes, and a style runs no code.  ``eval`` is not:
Sphinx's ``translations.js`` (Russian, Dutch) gets its plural rule as code
written by the build instead of through ``new Function``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from html import escape, unescape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: The policy without its script hashes.  (``frame-ancestors`` is the
#: header's alone: a ``<meta>`` policy may not hold it.)
DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}

#: What only a header can say: no other site may frame the pages.
HEADER_ONLY = {"frame-ancestors": "'self'"}

#: An inline script element (no ``src``) that the browser runs (no data type).
_INLINE = re.compile(r"<script\b(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA = re.compile(r"""\btype=["']?(?!text/javascript|module)""", re.I)
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts in ``html`` (HTML or template text)."""
    return [m["body"] for m in _INLINE.finditer(html) if not _DATA.search(m["attrs"])]


def source(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return f"'sha256-{digest}'"


def _policy(hashes: set[str], directives: dict[str, str] = DIRECTIVES) -> str:
    return "; ".join(
        f"{name} {' '.join([value, *sorted(hashes)]) if name == 'script-src' else value}"
        for name, value in directives.items()
    )


def policy(scripts: Iterable[str]) -> str:
    """The policy that lets exactly ``scripts`` run inline."""
    return _policy({source(s) for s in scripts})


def meta(scripts: Iterable[str]) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{escape(policy(scripts), quote=False)}" />\n'


def site_policy(site: Path) -> str:
    """The policy of every page under ``site`` at once, for a header
    (tools/nginx.py): the hashes of all their policies."""
    hashes: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        for found in _META.findall(page.read_text(encoding="utf-8"))[:1]:
            hashes.update(re.findall(r"'sha256-[^']+'", unescape(found)))
    return _policy(hashes, {**DIRECTIVES, **HEADER_ONLY})


def template_scripts(app: Sphinx) -> None:
    """Find the inline scripts written in the templates (as template text)."""
    if app.builder.format != "html":
        return
    folders = [*app.builder.theme.get_theme_dirs(), *(Path(app.confdir, p) for p in app.config.templates_path)]
    env = app.builder.templates.environment
    app.builder.presskit_scripts = [
        env.from_string(script)
        for folder in folders
        for template in sorted(Path(folder).rglob("*.html"))
        for script in inline_scripts(template.read_text(encoding="utf-8"))
    ]


def add_policy(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html":
        return
    scripts = []
    for template in app.builder.presskit_scripts:
        try:
            scripts.append(template.render(context))
        except Exception:  # noqa: BLE001 - a script of other pages (the entry page's)
            continue
    scripts += [
        js.attributes["body"]
        for js in context.get("script_files", [])
        if not getattr(js, "filename", "x") and getattr(js, "attributes", {}).get("body")
    ]
    # First in <head>, before anything a translation writes.
    context["metatags"] = meta(scripts) + context.get("metatags", "")


#: A plural rule of gettext (a C expression of n), and nothing else.
_PLURAL = re.compile(r"[n\d\s%!=<>&|?:()]+")
_TRANSLATIONS = re.compile(r"Documentation\.addTranslations\((\{.*\})\);?\s*$", re.S)
NO_EVAL = """// presskit.site.csp: the plural rule as code, not through new Function (no eval).
Documentation.addTranslations = (catalog) => {
  Object.assign(Documentation.TRANSLATIONS, catalog.messages);
  Documentation.PLURAL_EXPR = (n) => Number(%s);
  Documentation.LOCALE = catalog.locale;
};
"""


def translations_without_eval(app: Sphinx, exception: Exception | None) -> None:
    script = Path(app.outdir, "_static", "translations.js")
    if exception or app.builder.format != "html" or not script.exists():
        return
    text = script.read_text(encoding="utf-8")
    found = _TRANSLATIONS.search(text)
    if text.startswith("// presskit.site.csp") or not found:
        return
    rule = json.loads(found[1]).get("plural_expr", "0")
    if not _PLURAL.fullmatch(rule):
        rule = "0"
    script.write_text(NO_EVAL % rule + text, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", translations_without_eval)
    app.connect("builder-inited", template_scripts)
    # Last: after presskit.theme.scripts and the themes have settled the scripts.
    app.connect("html-page-context", add_policy, priority=950)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
