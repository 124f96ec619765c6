"""The assembled site, on parsed output: switcher, hreflang and canonical links
(absolute, and only with a base URL), entry and 404 pages, sitemap, Open Graph
and each page's own description, the schema.org Movie (JSON-LD), and every
internal link and anchor resolving, in every language."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import BASE, PAGES
from conftest import LANGUAGES as LANGS


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolve(page: str, href: str) -> str:
    """A relative href of ``page`` (site-relative path) → site-relative path."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("docname", PAGES)
def test_switcher_and_no_relative_hreflang_or_canonical(built_site, lang, docname):
    page = f"{lang}/{docname}.html"
    soup = soup_of(built_site / page)
    nav = soup.select_one("nav.presskit-language-switcher[aria-label]")
    assert nav is not None and nav["aria-label"].strip()
    links = nav.find_all("a")
    assert [a["hreflang"] for a in links] == LANGS
    names = [a.select_one(".presskit-language-name").get_text(strip=True) for a in links]
    assert names == ["English", "Русский", "Nederlands"]
    assert [a.get("aria-current") for a in links] == ["page" if code == lang else None for code in LANGS]
    for a in links:
        assert resolve(page, a["href"]) == f"{a['hreflang']}/{docname}.html"

    # Without a base URL: no hreflang alternates, no canonical, no og:url
    # (all need absolute URLs).
    assert not soup.select('link[rel="alternate"][hreflang], link[rel="canonical"], meta[property="og:url"]')
    assert soup.html["lang"] == lang


def test_entry_page_404_and_robots(built_site):
    entry = soup_of(built_site / "index.html")
    links = entry.select("main a[hreflang]")
    assert [(a["hreflang"], a["href"]) for a in links] == [(c, f"{c}/") for c in LANGS]
    assert "location.replace" in entry.script.string
    missing = soup_of(built_site / "404.html")
    assert [a["href"] for a in missing.select("main a")] == [f"/{c}/" for c in LANGS]
    assert (built_site / "robots.txt").read_text().startswith("User-agent: *")
    # No base URL set: no sitemap (it needs absolute URLs), no og:url, no og:image.
    assert not (built_site / "sitemap.xml").exists()
    assert not soup_of(built_site / "en" / "index.html").select('meta[property="og:url"]')
    assert not soup_of(built_site / "en" / "index.html").select('meta[property^="og:image"]')


def test_nothing_is_loaded_from_another_host(built_site):
    for path in built_site.rglob("*.html"):
        soup = soup_of(path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag):
                url = el.get(attr, "")
                if tag == "link" and "stylesheet" not in el.get("rel", []) and "preload" not in el.get("rel", []):
                    continue
                assert not urlsplit(url).netloc, (path, url)


def test_every_internal_link_and_anchor_resolves(built_site):
    problems = []
    ids: dict[str, set[str]] = {}

    def anchors(rel: str) -> set[str]:
        if rel not in ids:
            s = soup_of(built_site / rel)
            ids[rel] = {el["id"] for el in s.find_all(id=True)} | {
                a["name"] for a in s.find_all("a", attrs={"name": True})
            }
        return ids[rel]

    for path in sorted(built_site.rglob("*.html")):
        page = path.relative_to(built_site).as_posix()
        if page.startswith(tuple(f"{lang}/_" for lang in LANGS)):
            continue
        for a in soup_of(path).find_all("a", href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("javascript:"):
                continue
            target = (
                page
                if not parts.path
                else (parts.path.lstrip("/") if parts.path.startswith("/") else resolve(page, parts.path))
            )
            if target.endswith("/") or (built_site / target).is_dir():
                target = posixpath.join(target, "index.html")
            if not (built_site / target).is_file():
                problems.append(f"{page}: {href} (no file {target})")
            elif parts.fragment and target.endswith(".html") and parts.fragment not in anchors(target):
                problems.append(f"{page}: {href} (no #{parts.fragment})")
    assert not problems, "\n".join(problems)


# -- With a base URL ------------------------------------------------------------------

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_absolute_urls_when_the_base_url_is_set(site_with_base):
    soup = soup_of(site_with_base / "ru" / "film" / "synopsis.html")
    canonical = soup.select('link[rel="canonical"]')
    assert len(canonical) == 1 and canonical[0]["href"] == BASE + "ru/film/synopsis.html"
    alternates = {link["hreflang"]: link["href"] for link in soup.select('link[rel="alternate"][hreflang]')}
    assert alternates == {c: f"{BASE}{c}/film/synopsis.html" for c in LANGS} | {
        "x-default": BASE + "en/film/synopsis.html"
    }
    assert soup.select_one('meta[property="og:url"]')["content"] == BASE + "ru/film/synopsis.html"
    # The switcher stays relative: it works on localhost too.
    assert soup.select_one('nav.presskit-language-switcher a[hreflang="nl"]')["href"] == "../../nl/film/synopsis.html"


def test_sitemap_lists_every_page_with_its_alternates(site_with_base):
    root = ET.parse(site_with_base / "sitemap.xml").getroot()
    urls = root.findall("s:url", NS)
    locs = [u.find("s:loc", NS).text for u in urls]
    docs = {
        p.relative_to(site_with_base / "en").with_suffix("").as_posix()
        for p in (site_with_base / "en").rglob("*.html")
        if not p.relative_to(site_with_base / "en").parts[0].startswith("_") and p.name != "search.html"
    }
    assert set(PAGES) <= docs
    expected = {f"{BASE}{c}/{'' if d == 'index' else d + '.html'}" for c in LANGS for d in docs}
    assert set(locs) == expected and len(locs) == len(expected)
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        assert set(alternates) == {*LANGS, "x-default"}
        assert url.find("s:loc", NS).text in alternates.values()
    assert f"Sitemap: {BASE}sitemap.xml" in (site_with_base / "robots.txt").read_text()


# -- Open Graph and JSON-LD --------------------------------------------------------------

OG_LOCALES = {"en": "en_GB", "ru": "ru_RU", "nl": "nl_NL"}  # the English kit is British


def one_line(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def first_prose(soup: BeautifulSoup) -> str:
    """The text of the article's first paragraph in a section or a quotation."""
    for p in soup.select("article.bd-article p"):
        if p.parent.name == "section" or p.find_parent("blockquote"):
            return one_line(p.get_text())
    return ""


@pytest.mark.parametrize("lang", LANGS)
def test_open_graph_in_the_page_language(built_site, lang):
    home = soup_of(built_site / lang / "index.html")
    logline = one_line(home.select_one("p.presskit-logline").get_text())
    descriptions = set()
    for docname in PAGES:
        soup = soup_of(built_site / lang / f"{docname}.html")
        og = {}
        for m in soup.select("meta[property^='og:']"):
            og.setdefault(m["property"], []).append(m["content"])
        assert og["og:type"] == ["video.movie"]
        assert og["og:locale"] == [OG_LOCALES[lang]]
        assert sorted(og["og:locale:alternate"]) == sorted(v for k, v in OG_LOCALES.items() if k != lang)
        h1 = soup.select_one("article h1").get_text(strip=True).rstrip("#")
        assert og["og:title"][0].startswith(h1)

        # Each page's own description: its first paragraph, cut at a word near
        # 160 characters; the home page (and a page without prose) the logline.
        text = og["og:description"][0]
        assert soup.select_one('meta[name="description"]')["content"] == text
        prose = first_prose(soup) if docname != "index" else ""
        if not prose:
            assert text == logline, docname
            continue
        assert len(text) <= 162 and "<" not in text, text
        # A quotation cut short keeps its closing mark: «… between the past and the…»
        cut = text[:-1] if text != prose and text[-1] in "”’»“" and text[-2] == "…" else text
        if cut.endswith("…") and cut != prose:
            assert prose.startswith(cut[:-1]) and prose[len(cut) - 1] in " ,;:–—-", (text, prose)
        else:
            assert text == prose
        descriptions.add(text)
    assert logline not in descriptions and len(descriptions) >= len(PAGES) - 2


def movie(site: Path, lang: str) -> dict:
    scripts = soup_of(site / lang / "index.html").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


# The schema.org properties of each type used (https://schema.org/<Type>,
# including those inherited from Thing, CreativeWork and Event), and the types
# each property expects: the JSON-LD may use nothing else.
SCHEMA_ORG = {
    "Movie": {
        "name": "Text",
        "alternateName": "Text",
        "description": "Text",
        "genre": "Text",
        "director": "Person",
        "duration": "Duration",
        "inLanguage": "Text",
        "subtitleLanguage": "Text",
        "countryOfOrigin": "Country",
        "productionCompany": "Organization",
        "dateCreated": "Date",
        "subjectOf": "Event",
        "review": "Review",
        "url": "URL",
        "image": "URL",
    },
    "Person": {"name": "Text", "affiliation": "Organization"},
    "Organization": {"name": "Text"},
    "Country": {"name": "Text", "identifier": "Text"},
    "ScreeningEvent": {
        "name": "Text",
        "startDate": "Date",
        "location": "Place",
        "superEvent": "Event",
        "workPresented": "Movie",
    },
    "Festival": {"name": "Text", "alternateName": "Text"},
    "Place": {"name": "Text", "address": "PostalAddress"},
    "PostalAddress": {"addressLocality": "Text"},
    "Review": {"reviewBody": "Text", "author": "Person", "publisher": "Organization"},
}
SUBTYPES = {"Event": {"ScreeningEvent", "Festival"}, "Organization": {"Organization"}}


def check_schema(node, expected: str, path: str, errors: list[str]) -> None:
    if isinstance(node, list):
        for i, item in enumerate(node):
            check_schema(item, expected, f"{path}[{i}]", errors)
        return
    if isinstance(node, dict) and set(node) == {"@id"}:
        return  # a reference to a node described elsewhere
    if expected in {"Text", "URL", "Date", "Duration"}:
        if not isinstance(node, str) or not node.strip():
            errors.append(f"{path}: expected {expected}, got {node!r}")
        return
    if not isinstance(node, dict) or "@type" not in node:
        errors.append(f"{path}: expected a {expected} object")
        return
    kind = node["@type"]
    if kind != expected and kind not in SUBTYPES.get(expected, set()):
        errors.append(f"{path}: {kind} where {expected} is expected")
        return
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in SCHEMA_ORG[kind]:
            errors.append(f"{path}.{key}: not a property of {kind}")
        else:
            check_schema(value, SCHEMA_ORG[kind][key], f"{path}.{key}", errors)


@pytest.mark.parametrize("lang", LANGS)
def test_movie_json_ld(built_site, facts, lang):
    data = movie(built_site, lang)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Movie"
    errors: list[str] = []
    check_schema(data, "Movie", "Movie", errors)
    assert not errors, errors

    film = facts.film
    home = soup_of(built_site / lang / "index.html")
    assert data["name"] == home.select_one("article h1").get_text(strip=True).rstrip("#")
    assert film.original_title in data["alternateName"] or data["name"] == film.original_title
    assert data["duration"] == f"PT{film.runtime_minutes}M"
    assert data["inLanguage"] == ["ru"] and data["subtitleLanguage"] == ["en"]
    assert data["countryOfOrigin"]["identifier"] == "NL"
    assert data["dateCreated"] == str(film.year)
    assert len(data["director"]) == len(facts.credits.director)
    assert [c["name"] for c in data["productionCompany"]][0]
    event = data["subjectOf"]
    assert event["@type"] == "ScreeningEvent"
    assert event["startDate"] == facts.premiere.date.isoformat()

    # The reviews: tests/test_quotes.py.
    assert len(data["review"]) == len(facts.quotes)
    # Only the home page describes the film.
    assert not soup_of(built_site / lang / "film" / "synopsis.html").select('script[type="application/ld+json"]')


def test_every_page_has_its_content_security_policy_first_in_head(built_site):
    for page in sorted(p for p in built_site.rglob("*.html") if "_static" not in p.parts):
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        first = head.find("meta", attrs={"http-equiv": True})
        assert first and first["http-equiv"] == "Content-Security-Policy", page
        assert "'unsafe-inline'" not in first["content"].split("script-src")[1].split(";")[0], page


def test_nginx_sends_the_content_security_policy_of_the_built_site(built_site):
    from presskit.site.csp import site_policy
    from site_helpers import nginx_policy

    assert nginx_policy(built_site) == site_policy(built_site)
