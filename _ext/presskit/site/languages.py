"""One site in every language: switcher links, ``hreflang`` alternates, canonical URL.

The site is laid out as ``<site>/<lang>/<page>.html`` (``tools/build.py`` builds
each language into its own folder).  For every page this module gives the
templates ``presskit_switcher`` (the same page in each language, for the
header's language switcher, ``_templates/components/language-switcher.html``)
and adds to the page's ``<head>``:

- ``<link rel="alternate" hreflang="…">`` for each language and ``x-default``
  (the first language of ``presskit_languages``);
- ``<link rel="canonical">``.

Both need absolute URLs (search engines reject relative ones), so they are
written only when ``presskit_base_url`` (conf.py, from the environment
variable ``PRESSKIT_BASE_URL``) is set, as ``og:url`` and the sitemap are: the
team invents no host name.  The switcher's links are relative, right wherever
the folder is served.  A base URL may hold ``{lang}`` where the language goes
(Read the Docs: ``https://<project>.readthedocs.io/{lang}/latest/``); without
it the language folder is appended to the base URL.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

#: Where the reader's explicit choice is remembered: the localStorage key and
#: cookie name that _static/presskit-language.js sets (its data-key) and the
#: entry page (tools/site_files.py) and nginx (tools/nginx.py) read.
STORAGE_KEY = "presskit-language"


def complete(locale_dir: Path, lang: str, source: str = "en") -> bool:
    """Whether ``lang`` translates every message: each catalogue of the source
    language (which ``make update-po`` keeps equal to the templates) has its
    counterpart, with no message untranslated or fuzzy."""
    from ..pofile import is_translated, messages

    templates = locale_dir / source / "LC_MESSAGES"
    for template in templates.rglob("*.po"):
        po = locale_dir / lang / "LC_MESSAGES" / template.relative_to(templates)
        wanted = {str(m.id) for m in messages(template)}
        if not po.exists() or wanted - {str(m.id) for m in messages(po) if is_translated(m)}:
            return False
    return True


def offered(locale_dir: Path, published: dict[str, str], in_progress: dict[str, str]) -> dict[str, str]:
    """The languages readers are offered: the published ones, then those in
    progress whose translation is complete."""
    return {**published, **{code: name for code, name in in_progress.items() if complete(locale_dir, code)}}


def language_root(base_url: str, lang: str) -> str:
    """The absolute URL of a language's folder (ends with ``/``), or ``""``."""
    if not base_url:
        return ""
    if "{lang}" in base_url:
        root = base_url.replace("{lang}", lang)
    else:
        root = base_url.rstrip("/") + f"/{lang}/"
    return root if root.endswith("/") else root + "/"


def page_url(app: Sphinx, pagename: str, lang: str, *, absolute: bool = True) -> str:
    """The URL of ``pagename`` in ``lang``: absolute when a base URL is set
    (and ``absolute``), otherwise relative to the page itself."""
    target = app.builder.get_target_uri(pagename)
    root = language_root(app.config.presskit_base_url, lang)
    if root and absolute:
        # ".../ru/" rather than ".../ru/index.html", as sitemap.xml has it.
        return root + (target[: -len("index.html")] if target.endswith("index.html") else target)
    # Up from the page's folder to the language folder, up once more to the site.
    depth = pagename.count("/") + 1
    return "../" * depth + f"{lang}/{target}"


def switcher(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """The same page in each language, for the header's switcher.

    Links are relative (they work on any host and on localhost) unless the base
    URL names where the language goes (``{lang}``): then the layout is not
    ``<site>/<lang>/`` and only absolute links are right.
    """
    absolute = "{lang}" in app.config.presskit_base_url
    return [
        {
            "code": code,
            "name": name,
            "href": page_url(app, pagename, code, absolute=absolute),
            "current": code == app.config.language,
        }
        for code, name in app.config.presskit_languages.items()
    ]


def head_links(app: Sphinx, pagename: str) -> str:
    """The alternates and the canonical link; none without a base URL."""
    if not app.config.presskit_base_url:
        return ""
    links = []
    for code in app.config.presskit_languages:
        url = page_url(app, pagename, code)
        links.append(f'<link rel="alternate" hreflang="{code}" href="{escape(url)}" />')
    default = page_url(app, pagename, next(iter(app.config.presskit_languages)))
    links.append(f'<link rel="alternate" hreflang="x-default" href="{escape(default)}" />')
    canonical = page_url(app, pagename, app.config.language)
    links.append(f'<link rel="canonical" href="{escape(canonical)}" />')
    return "\n".join(links) + "\n"


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html":
        return
    context["presskit_switcher"] = switcher(app, pagename)
    context["presskit_language_key"] = STORAGE_KEY
    context["metatags"] = context.get("metatags", "") + head_links(app, pagename)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("presskit_languages", {"en": "English"}, "html", types=[dict])
    app.add_config_value("presskit_base_url", "", "html", types=[str])
    app.add_css_file("presskit-languages.css")
    app.add_js_file("presskit-language.js", loading_method="defer", **{"data-key": STORAGE_KEY})
    app.connect("html-page-context", page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
