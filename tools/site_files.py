"""Assemble the language builds into one deployable folder.

    python tools/site_files.py [--srcdir .] [--outdir _build]

``tools/build.py`` builds each language into ``<outdir>/site/<lang>/`` and then
calls :func:`assemble`, which adds what belongs to the whole site:

- ``index.html``: the entry page; it sends a reader to their language
  (``_templates/site/index.html`` says how) and shows three plain links
  without JavaScript;
- ``404.html``: "page not found" in every language, with links home;
- ``robots.txt``;
- ``sitemap.xml`` with every page and its language alternates, when the site's
  base URL (``PRESSKIT_BASE_URL``, conf.py's ``presskit_base_url``) is set:
  the sitemap protocol allows absolute URLs only, and the team invents none.

The pages' texts are in the "sphinx" catalogue (``locale/<lang>/LC_MESSAGES/sphinx.po``,
extracted from ``_templates/`` by ``tools/catalogs.py``); the film's title in
each language comes from the facts and the "facts" catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from jinja2 import Environment, FileSystemLoader, select_autoescape

ROOT = Path(__file__).resolve().parent.parent
#: Pages that are not content: not in the sitemap.
NOT_CONTENT = {"search.html", "genindex.html", "py-modindex.html"}


def translator(locale_dir: Path, lang: str, domain: str) -> Callable[[str], str]:
    """gettext for one catalogue, read from its .po file (no .mo needed);
    untranslated and fuzzy messages stay in English."""
    from presskit.pofile import translations

    strings = translations(locale_dir / lang / "LC_MESSAGES" / f"{domain}.po")
    return lambda message: strings.get(message, message)


def content_pages(site: Path, langs: list[str]) -> list[str]:
    """The HTML pages (relative paths) that every language has."""

    def pages(lang: str) -> set[str]:
        folder = site / lang
        return {
            p.relative_to(folder).as_posix()
            for p in folder.rglob("*.html")
            if not p.relative_to(folder).parts[0].startswith("_") and p.name not in NOT_CONTENT
        }

    common = set.intersection(*(pages(lang) for lang in langs)) if langs else set()
    return sorted(common, key=lambda p: (p != "index.html", p))


def sitemap(base_url: str, langs: list[str], pages: list[str], language_root: Callable[[str, str], str]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in pages:
        target = "" if page == "index.html" else page
        urls = {lang: language_root(base_url, lang) + target for lang in langs}
        alternates = [(lang, urls[lang]) for lang in langs] + [("x-default", urls[langs[0]])]
        for lang in langs:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(urls[lang])}</loc>")
            for hreflang, url in alternates:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{hreflang}" href={quoteattr(url)}/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def assemble(
    srcdir: Path, site: Path, conf: dict[str, Any] | None = None, published: list[str] | None = None
) -> list[Path]:
    """Write the site-wide files into ``site`` for the ``published`` languages
    (default: all of conf.py's); return them."""
    srcdir = srcdir.resolve()
    if conf is None:
        from build import load_conf

        conf = load_conf(srcdir)
    from presskit.facts import view
    from presskit.site.csp import inline_scripts, policy
    from presskit.site.languages import STORAGE_KEY, language_root

    languages: dict[str, str] = {
        code: name for code, name in conf["presskit_languages"].items() if published is None or code in published
    }
    codes = list(languages)
    base_url: str = conf.get("presskit_base_url", "")
    locale_dir = srcdir / conf["locale_dirs"][0]
    # Links of the 404 page are absolute paths: it is served at any address.
    base_path = urlsplit(base_url).path.rstrip("/") + "/" if base_url else "/"

    langs = []
    for code, name in languages.items():
        facts_voice = view.Voice(translator(locale_dir, code, "facts"), code)
        home = language_root(base_url, code)
        langs.append(
            {
                "code": code,
                "name": name,
                "title": view.title(conf["presskit_facts"], facts_voice),
                "gettext": translator(locale_dir, code, "sphinx"),
                "href": home or f"{code}/",
                "home": urlsplit(home).path if home else f"{base_path}{code}/",
            }
        )

    env = Environment(
        loader=FileSystemLoader(srcdir / "_templates"),
        autoescape=select_autoescape(["html"]),
        keep_trailing_newline=True,
    )
    context = {
        "languages": langs,
        "codes": codes,
        "storage_key": STORAGE_KEY,
        "root_url": base_url.split("{lang}")[0] if base_url else "./",
        # The site's icon, as Sphinx publishes it in each language's _static/.
        "favicon": f"_static/{Path(conf['html_favicon']).name}" if conf.get("html_favicon") else "",
    }
    written = []
    for name in ("index.html", "404.html"):
        out = site / name
        template = env.get_template(f"site/{name}")
        # Its Content-Security-Policy lets the template's own inline script run
        # (autoescaped, the page's text holds no script).
        scripts = inline_scripts(template.render(context))
        out.write_text(template.render(context, content_security_policy=policy(scripts)), encoding="utf-8")
        written.append(out)

    robots = ["User-agent: *", "Allow: /"]
    sitemap_file = site / "sitemap.xml"
    if base_url and "{lang}" not in base_url:
        pages = content_pages(site, codes)
        sitemap_file.write_text(sitemap(base_url, codes, pages, language_root), encoding="utf-8")
        robots.append(f"Sitemap: {base_url.rstrip('/')}/sitemap.xml")
        written.append(sitemap_file)
    else:
        sitemap_file.unlink(missing_ok=True)
    (site / "robots.txt").write_text("\n".join(robots) + "\n", encoding="utf-8")
    written.append(site / "robots.txt")
    return written
