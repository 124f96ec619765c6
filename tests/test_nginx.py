"""The generated nginx settings (tools/nginx.py) under a real nginx.

The site is built once for the module (the website of every language and the
English PDF, with a base URL so that sitemap.xml is written) and served by
nginx (Debian's ``nginx-light``, installed by ``tools/system-deps.sh``) on a
free loopback port; plain HTTP, no browser.
"""

from __future__ import annotations

import gzip
import hashlib
import http.client
import os
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, build, copy_project
from site_helpers import NGINX, Nginx

pytestmark = pytest.mark.skipif(not Path(NGINX).exists(), reason=f"{NGINX} is missing: run `bash tools/system-deps.sh`")

BASE_URL = "https://presskit.example/"
LONG = "max-age=31536000"


class Response:
    def __init__(self, status: int, headers: http.client.HTTPMessage, body: bytes) -> None:
        self.status, self.headers, self.raw = status, headers, body

    @property
    def body(self) -> bytes:
        return gzip.decompress(self.raw) if self.headers.get("Content-Encoding") == "gzip" else self.raw

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")

    def header(self, name: str) -> str:
        return ", ".join(self.headers.get_all(name) or [])


def get(url: str, **headers: str) -> Response:
    """One GET, redirects not followed (header names with ``_`` for ``-``)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        connection.close()


def follow(url: str, limit: int = 5, **headers: str) -> tuple[list[str], Response]:
    """Follow redirects (at most ``limit``): the URLs visited and the last response."""
    visited = [url]
    response = get(url, **headers)
    while response.status in (301, 302, 303, 307, 308):
        assert len(visited) <= limit, f"redirect loop: {visited}"
        visited.append(urljoin(visited[-1], response.location))
        response = get(visited[-1], **headers)
    return visited, response


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The build's output folder: ``site/`` and ``nginx/``."""
    src = copy_project(tmp_path_factory.mktemp("nginx") / "project")
    env = {**os.environ, "PRESSKIT_BASE_URL": BASE_URL}
    for langs, formats in (([LANGUAGES[0]], ("html", "pdf")), ([], ("html",))):
        result = build(src, *langs, formats=formats, env=env)
        assert result.returncode == 0, result.stdout + result.stderr
    return src / "_build"


@pytest.fixture(scope="module")
def server(out, tmp_path_factory):
    with Nginx(out / "site", out / "nginx", tmp_path_factory.mktemp("nginx-run")) as running:
        yield running
    assert "[emerg]" not in running.error_log() and "[crit]" not in running.error_log()


# -- The root's redirect ---------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("ru", "ru"),
        ("RU", "ru"),
        ("nl-NL", "nl"),
        ("NL-be, en;q=0.5", "nl"),
        ("de-DE, de;q=0.9, ru;q=0.8, en;q=0.7", "ru"),
        ("en;q=0.5, ru;q=0.8", "ru"),
        ("ru;q=0, nl", "nl"),
        ("ru;q=0.0, nl;q=0.000", "en"),
        ("ru;q=0.9, nl;q=0.95", "nl"),
        ("en;q=0.503, nl;q=0.5", "en"),
        ("nl;q=0.5, en;q=0.503", "en"),
        ("ru;q=0.5, nl;q=0.50", "ru"),  # a tie: the first listed
        ("nl , ru ; Q = 1.0", "nl"),
        ("rus, nl;q=0.1", "nl"),  # "rus" is not "ru"
        ("de, fr;q=0.8", "en"),
        ("*", "en"),
        ("", "en"),
    ],
)
def test_the_root_redirects_by_accept_language(server, accept, expected):
    headers = {"Accept_Language": accept} if accept else {}
    response = get(server.url, **headers)
    assert (response.status, response.location) == (302, f"/{expected}/")
    assert response.header("Cache-Control") == "no-cache"
    assert "Accept-Language" in response.header("Vary") and "Cookie" in response.header("Vary")


@pytest.mark.parametrize("cookie", ["presskit-language=nl", "theme=dark; presskit-language=nl; other=ru"])
def test_the_switchers_cookie_beats_accept_language(server, cookie):
    response = get(server.url, Cookie=cookie, Accept_Language="ru")
    assert (response.status, response.location) == (302, "/nl/")


def test_a_cookie_of_another_language_is_ignored(server):
    for cookie in ("presskit-language=de", "presskit_language=nl", "xpresskit-language=nl"):
        assert get(server.url, Cookie=cookie, Accept_Language="ru").location == "/ru/", cookie


def test_the_cookie_name_is_the_switchers(out):
    """The switcher's script sets the cookie named by its data-key: the name nginx reads."""
    from presskit.site.languages import STORAGE_KEY

    soup = BeautifulSoup((out / "site" / "en" / "index.html").read_text(encoding="utf-8"), "html.parser")
    script = soup.find("script", src=lambda src: src and "presskit-language.js" in src)
    assert script["data-key"] == STORAGE_KEY
    assert f"{STORAGE_KEY}=(?<presskit_c>" in (out / "nginx" / "nginx-maps.conf").read_text().replace("\\", "")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Accept_Language": "RU"},
        {"Accept_Language": "nl;q=0.4"},
        {"Cookie": "presskit-language=ru"},
        {"Cookie": "presskit-language=xx", "Accept_Language": "xx, *"},
    ],
)
def test_no_redirect_loop(server, headers):
    visited, response = follow(server.url, **headers)
    assert response.status == 200 and len(visited) == 2, visited
    assert b"<html" in response.body


def test_no_language_page_redirects(server):
    for lang in LANGUAGES:
        assert get(f"{server.url}{lang}/").status == 200
        assert get(f"{server.url}{lang}/film/synopsis.html").status == 200


def test_a_folder_without_a_page_goes_to_its_language(server):
    for lang in LANGUAGES:
        response = get(f"{server.url}{lang}/film/")
        assert (response.status, response.location) == (302, f"/{lang}/")
        visited, final = follow(f"{server.url}{lang}/film")
        assert final.status == 200 and visited[-1].endswith(f"/{lang}/"), visited


# -- 404 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [f"{lang}/nope" for lang in LANGUAGES] + ["nope.html", "de/", "en/_static/nope.css?v=1"]
)
def test_a_missing_page_is_the_404_page(server, out, path):
    response = get(server.url + path, Accept_Encoding="gzip")
    assert response.status == 404
    assert response.body == (out / "site" / "404.html").read_bytes()
    assert response.header("Content-Type") == "text/html; charset=utf-8"
    assert response.header("Cache-Control") == "no-cache"


# -- Compression, caching, content types, security headers ------------------------


def _assets(out: Path, page: str) -> list[str]:
    """The URLs (relative to the site) of the stylesheets and scripts a page loads."""
    soup = BeautifulSoup((out / "site" / page).read_text(encoding="utf-8"), "html.parser")
    urls = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    urls += [script["src"] for script in soup.find_all("script", src=True)]
    return [urljoin(page, url) for url in urls]


def test_text_is_gzipped(server, out):
    assets = _assets(out, "en/index.html")
    paths = [
        "en/",
        "sitemap.xml",
        "en/_static/favicon.svg",
        next(a for a in assets if ".css" in a),
        next(a for a in assets if ".js" in a),
    ]
    for path in paths:
        response = get(server.url + path, Accept_Encoding="gzip")
        assert response.header("Content-Encoding") == "gzip", path
        assert "Accept-Encoding" in response.header("Vary"), path
        assert get(server.url + path).header("Content-Encoding") == "", path


def test_cache_headers(server, out):
    pdf = f"en/{next((out / 'site' / 'en').glob('*.pdf')).name}"
    cases = {
        "en/": "no-cache",
        "en/film/synopsis.html": "no-cache",
        "index.html": "no-cache",
        "sitemap.xml": "no-cache",
        "robots.txt": "no-cache",
        "en/_static/searchtools.js": "no-cache",
        "en/_static/favicon.svg": "no-cache",
        "en/_static/presskit.css": "no-cache",
        pdf: "public, max-age=3600",
        "en/_static/presskit.css?v=1": f"public, {LONG}, immutable",
    }
    for path, expected in cases.items():
        assert get(server.url + path).header("Cache-Control") == expected, path


def test_pages_long_cache_only_versioned_assets(server, out):
    """What a page loads is cached long only when its URL carries a version."""
    for page in ("en/index.html", "ru/search.html", "nl/film/credits.html"):
        for asset in _assets(out, page):
            cache = get(server.url + asset).header("Cache-Control")
            versioned = any(key in urlsplit(asset).query for key in ("v=", "digest="))
            assert (LONG in cache) == versioned, (page, asset, cache)
            assert cache == (f"public, {LONG}, immutable" if versioned else "no-cache")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("en/", "text/html; charset=utf-8"),
        ("en/_static/presskit.css", "text/css; charset=utf-8"),
        ("en/_static/presskit-language.js", "application/javascript; charset=utf-8"),
        ("en/_static/favicon.svg", "image/svg+xml"),
        ("sitemap.xml", "text/xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("pdf", "application/pdf"),
    ],
)
def test_content_types(server, out, path, expected):
    if path == "pdf":
        path = f"en/{next((out / 'site' / 'en').glob('*.pdf')).name}"
    response = get(server.url + path)
    assert response.status == 200, path
    assert response.header("Content-Type") == expected


@pytest.mark.parametrize("path", ["", "en/", "en/_static/presskit.css?v=1", "ru/nope", "en/film/"])
def test_security_headers(server, path):
    response = get(server.url + path)
    assert response.header("X-Content-Type-Options") == "nosniff", path
    assert response.header("Referrer-Policy") == "strict-origin-when-cross-origin", path


def test_the_settings_follow_conf_py(out):
    """The languages come from conf.py: a fourth is in every rule at once."""
    import nginx

    languages = {code: code for code in [*LANGUAGES, "de"]}
    settings = nginx.render({"presskit_languages": languages, "presskit_base_url": ""})
    listed = "|".join(languages)
    assert settings["nginx-maps.conf"].count(listed) >= 5 and listed in settings["nginx.conf"]
    assert (out / "nginx" / "nginx-maps.conf").read_text() == nginx.render(
        {"presskit_languages": dict.fromkeys(LANGUAGES, ""), "presskit_base_url": BASE_URL}, site=out / "site"
    )["nginx-maps.conf"]


# -- Long-cached URLs change with their content -----------------------------------


def _long_cached(server: Nginx, site: Path) -> dict[str, str]:
    """Every long-cached URL the pages of ``site`` load: its content's hash."""
    pages = [p.relative_to(site).as_posix() for lang in LANGUAGES for p in (site / lang).rglob("*.html")]
    assets = {asset for page in pages if "/_static/" not in page for asset in _assets(site.parent, page)}
    found = {}
    for asset in sorted(assets):
        response = get(server.url + asset)
        if LONG in response.header("Cache-Control"):
            found[asset] = hashlib.sha256(response.body).hexdigest()
    return found


def test_a_long_cached_url_changes_when_its_content_does(tmp_path):
    """Build, change the kit's stylesheet, script and icon stylesheet, build
    again: a long-cached URL served by both builds has the same content."""
    src = copy_project(tmp_path / "project")
    assert build(src, formats=("html",)).returncode == 0
    with Nginx(src / "_build" / "site", src / "_build" / "nginx", tmp_path / "nginx") as server:
        before = _long_cached(server, src / "_build" / "site")
        for name, text in [
            ("_static/presskit.css", "\n/* changed */\n"),
            ("_static/presskit-language.js", "\n// changed\n"),
            ("_static/presskit-icons.css", "\n/* changed */\n"),
        ]:
            with (src / name).open("a", encoding="utf-8") as f:
                f.write(text)
        icons = src / "_ext" / "presskit" / "theme" / "icons.py"
        icons.write_text(
            icons.read_text(encoding="utf-8").replace("/* presskit.theme.icons:", "/* presskit.theme.icons (changed):"),
            encoding="utf-8",
        )
        result = build(src, formats=("html",))
        assert result.returncode == 0, result.stdout + result.stderr
        after = _long_cached(server, src / "_build" / "site")
    assert before and after
    stale = {url for url in before.keys() & after.keys() if before[url] != after[url]}
    assert not stale, f"long-cached URLs whose content changed: {sorted(stale)}"
    changed = {"presskit.css", "presskit-language.js", "presskit-icons.css", "pydata-sphinx-theme.css"}
    for name in changed:
        old = {u for u in before if urlsplit(u).path.endswith("/" + name)}
        new = {u for u in after if urlsplit(u).path.endswith("/" + name)}
        assert old and new and not old & new, name
