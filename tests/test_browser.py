"""The site in a real browser: Playwright drives Debian's Chromium (headless,
no display needed) against the built site served on 127.0.0.1.

Covers: the language switcher (mouse, keyboard, no JavaScript), the entry page
(browser languages, a remembered choice, no loop, no JavaScript), the PDF
button, search in Russian and Dutch (results and their count in the page's
language; one search field, the magnifier beside the text), axe-core and the
absence of script errors on every page of every language in light and dark
mode, that no request leaves localhost, and that no page breaks its
Content-Security-Policy (the <meta> and the generated nginx header): every
test fails on any violation.
"""

from __future__ import annotations

import asyncio
import re
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build import load_conf
from conftest import PAGES, ROOT
from site_helpers import CHROMIUM, CHROMIUM_ARGS, PolicyLog, RequestLog, SiteServer, is_local

pytest.importorskip("playwright")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.async_api import TimeoutError as PlaywrightTimeout  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

#: The languages the switcher offers, code → name, as conf.py gives them.
LANGUAGES = dict(load_conf(ROOT)["presskit_languages"])


@pytest.fixture(scope="session")
def server(built_site):
    with SiteServer(built_site) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: run `bash tools/system-deps.sh`"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Make browser contexts whose every request and page is checked: each test
    fails if any request went to a host other than localhost, or if a page broke
    its Content-Security-Policy."""
    made: list[tuple] = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        log, policy = RequestLog(), PolicyLog()
        log.attach(context)
        policy.attach(context)
        made.append((context, log, policy))
        return context

    yield make
    for context, log, policy in made:
        context.close()
        assert not log.foreign, f"requests left localhost: {log.foreign}"
        assert not policy.violations, "Content-Security-Policy violations:\n" + "\n".join(policy.violations)


def url_path(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url)


# -- Language switcher ------------------------------------------------------------


def switcher(page):
    nav = page.locator("nav.presskit-language-switcher")
    assert nav.count() == 1
    return nav


def test_switcher_on_a_russian_page_leads_to_the_same_page_in_dutch_and_english(server, new_context):
    page = new_context().new_page()
    page.goto(server.url + "ru/film/synopsis.html")
    nav = switcher(page)
    # Accessible name in the page's language (the sphinx catalogue), not empty.
    assert nav.get_attribute("aria-label")
    assert page.get_by_role("navigation", name=nav.get_attribute("aria-label")).count() == 1
    names = [a.inner_text().strip() for a in nav.locator("a").all()]
    assert names == list(LANGUAGES.values())
    current = nav.locator('a[aria-current="page"]')
    assert current.inner_text().strip() == "Русский"

    nav.get_by_role("link", name="Nederlands").click()
    page.wait_for_url("**/nl/film/synopsis.html")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert switcher(page).locator('a[aria-current="page"]').inner_text().strip() == "Nederlands"

    switcher(page).get_by_role("link", name="English").click()
    page.wait_for_url("**/en/film/synopsis.html")
    assert page.locator("html").get_attribute("lang") == "en"


def test_switcher_is_reachable_by_keyboard(server, new_context):
    page = new_context().new_page()
    page.goto(server.url + "ru/press/quotes.html")
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => document.activeElement.closest('nav.presskit-language-switcher') ?"
            " document.activeElement.getAttribute('hreflang') : null"
        )
        if focused == "nl":
            break
    else:
        pytest.fail("Tab never reached the switcher's Dutch link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/nl/press/quotes.html")


def test_switcher_works_without_javascript(server, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(server.url + "ru/film/protagonists.html")
    switcher(page).get_by_role("link", name="English").click()
    page.wait_for_url("**/en/film/protagonists.html")


# -- Entry page -------------------------------------------------------------------


def navigations(page) -> list[str]:
    seen: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and seen.append(frame.url))
    return seen


@pytest.mark.parametrize("accept, lang", [("ru", "ru"), ("nl-NL", "nl"), ("de", "en")])
def test_entry_page_follows_the_browser_language(server, new_context, accept, lang):
    page = new_context(locale=accept, extra_http_headers={"Accept-Language": accept}).new_page()
    seen = navigations(page)
    page.goto(server.url)
    page.wait_for_url(f"**/{lang}/")
    page.wait_for_load_state("load")
    time.sleep(0.3)  # a loop would navigate again by now
    assert url_path(page) == f"/{lang}/"
    assert page.locator("html").get_attribute("lang") == lang
    # The root page, then the language's home page: nothing more, no loop.
    assert len(seen) == 2, seen


def test_a_choice_in_the_switcher_wins_on_the_next_visit(server, new_context):
    page = new_context(locale="ru", extra_http_headers={"Accept-Language": "ru"}).new_page()
    page.goto(server.url)
    page.wait_for_url("**/ru/")
    switcher(page).get_by_role("link", name="Nederlands").click()
    page.wait_for_url("**/nl/index.html")
    page.goto(server.url)
    page.wait_for_url("**/nl/")
    assert url_path(page) == "/nl/"


def test_entry_page_without_javascript_shows_three_plain_links(server, new_context):
    page = new_context(java_script_enabled=False, locale="ru").new_page()
    page.goto(server.url)
    assert url_path(page) == "/"
    links = page.locator("main a")
    assert links.count() == len(LANGUAGES)
    for code in LANGUAGES:
        link = page.locator(f'main a[hreflang="{code}"]')
        assert link.get_attribute("href") == f"{code}/"
    page.locator('main a[hreflang="nl"]').click()
    page.wait_for_url("**/nl/")


# -- PDF ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_pdf_link_downloads_the_pdf_of_the_page_language(server, built_site, new_context, lang):
    html = (built_site / lang / "film" / "credits.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    button = soup.select_one(".article-header-buttons a[href$='.pdf']")
    assert button is not None, f"{lang}: the page offers no PDF"
    expected = built_site / lang / Path(button["href"]).name
    assert expected.name.endswith(f"-{lang}.pdf") and expected.is_file(), button["href"]
    context = new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(server.url + f"{lang}/film/credits.html")
    # Chromium opens the PDF in a new tab (its viewer) or downloads it: either
    # way the browser fetches that language's PDF from the site.
    with context.expect_event(
        "response", predicate=lambda r: r.url.startswith(server.url) and r.url.endswith(".pdf")
    ) as info:
        page.locator(".article-header-buttons a[href$='.pdf']").first.click()
    response = info.value
    assert response.ok and response.url.endswith(f"/{lang}/{expected.name}"), response.url
    assert response.header_value("content-type") == "application/pdf"
    # (Its viewer replaces the body the page sees: fetch the bytes once more.)
    data = context.request.get(response.url).body()
    assert data.startswith(b"%PDF") and data == expected.read_bytes()


# -- Search ------------------------------------------------------------------------


def longest_word(text: str) -> str:
    return max(re.findall(r"\w+", text), key=len)


@pytest.mark.parametrize("lang, docname", [("ru", "film/synopsis"), ("nl", "film/protagonists")])
def test_search_finds_a_page_by_a_word_of_its_language(server, built_site, new_context, lang, docname):
    soup = BeautifulSoup((built_site / lang / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")
    word = longest_word(soup.select_one("article h1").get_text(" ", strip=True).rstrip("#"))
    assert not word.isascii() if lang == "ru" else True, word
    page = new_context().new_page()
    page.goto(server.url + f"{lang}/search.html?q={word}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15000)
    hrefs = [a.get_attribute("href") for a in results.all()]
    assert any(h.split("?")[0].split("#")[0].endswith(f"{docname}.html") for h in hrefs), (word, hrefs)


#: How the search page reports what it found, per translated language: its
#: heading, the number of results (a word for one in Dutch) and "nothing found".
SEARCH_STATUS = {
    "ru": ("Результаты поиска", r"Поиск завершён: найден[аоы] (\d+) страниц", "По вашему запросу ничего не найдено."),
    "nl": ("Zoekresultaten", r"Zoeken voltooid: (één|\d+) pagina", "Uw zoekopdracht leverde geen resultaten op."),
}
#: The plural form each count takes (an index into the catalogue's forms).
PLURAL_FORMS = {"ru": {1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1}, "nl": {1: 0, 2: 1, 5: 1, 11: 1, 21: 1, 22: 1}}


@pytest.mark.parametrize("lang, query", [("ru", "Сталин"), ("nl", "Stalin")])
def test_search_says_how_many_pages_it_found_in_the_page_language(server, new_context, lang, query):
    page = new_context().new_page()
    errors = script_errors(page)
    page.goto(server.url + f"{lang}/search.html?q={query}")
    results = page.locator("#search-results ul.search li")
    status = page.locator("#search-results p.search-summary")
    page.wait_for_function("() => document.querySelector('#search-results p.search-summary')?.innerText")
    heading, pattern, nothing = SEARCH_STATUS[lang]
    found = re.match(pattern, status.inner_text())
    assert found, status.inner_text()
    count = 1 if found[1] == "één" else int(found[1])
    assert results.count() == count > 0
    assert page.locator("#search-results h2").inner_text() == heading
    forms = page.evaluate("ns => ns.map(n => Documentation.PLURAL_EXPR(n))", list(PLURAL_FORMS[lang]))
    assert forms == list(PLURAL_FORMS[lang].values())
    page.goto(server.url + f"{lang}/search.html?q=qqqzzzxxx")
    page.wait_for_function("() => document.querySelector('#search-results p.search-summary')?.innerText")
    assert status.inner_text().startswith(nothing), status.inner_text()
    assert not errors, errors


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["ru", "nl"])
def test_the_search_page_has_one_search_field_with_the_magnifier_beside_the_text(server, new_context, lang, width):
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    page.goto(server.url + f"{lang}/search.html?q=Stalin")
    fields = page.locator(".search-button-field, form.bd-search input")
    assert sum(field.is_visible() for field in fields.all()) == 1
    form = page.locator(".bd-search-container form.bd-search")
    icon = form.locator(".fa-magnifying-glass").bounding_box()
    text_start = form.locator("input").evaluate(
        "i => i.getBoundingClientRect().left + parseFloat(getComputedStyle(i).paddingLeft)"
    )
    assert icon["x"] + icon["width"] <= text_start


# -- Accessibility, script errors and privacy, every page ------------------------------


def script_errors(page) -> list[str]:
    """Every console error and uncaught exception of ``page`` from now on."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            message.type == "error" and errors.append(f"console: {message.text} ({message.location.get('url', '')})")
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    return errors


def every_page(site: Path) -> list[str]:
    pages = ["index.html", "404.html"]
    for lang in LANGUAGES:
        pages += [f"{lang}/{p}.html" for p in PAGES] + [f"{lang}/search.html"]
    return pages


AXE = Axe()
SCHEMES = ("light", "dark")
#: Tabs that check pages at once: on two cores, two take about a third off a
#: walk of one (a tab waits on the server, the theme and the network in turn).
TABS = 2
#: As Playwright's "networkidle": a page is left only when no request is in
#: flight and it has made none for this long (axe's own requests aside).
QUIET = 0.5
#: The theme sets html[data-theme] from prefers-color-scheme, also when the
#: scheme changes under an open page; its colours then change in CSS transitions,
#: which are run to their end at once (axe sees the colours they end in).
THEME_IS = "scheme => document.documentElement.dataset.theme === scheme"
END_TRANSITIONS = "() => document.getAnimations().forEach(a => a instanceof CSSTransition && a.finish())"


@dataclass
class Walk:
    """What a walk over pages found, each line naming its page (and scheme)."""

    pages: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    policy: list[str] = field(default_factory=list)
    requests: int = 0


class Tab:
    """One browser tab of a walk, and what the page it shows does: its requests
    (axe's apart), those in flight, and its script errors."""

    def __init__(self, page, walk: Walk) -> None:
        self.page, self.walk = page, walk
        self.path, self.axe_running, self.axe_urls = "", False, set()
        self.in_flight: set = set()
        self.last_request = time.monotonic()
        page.on("request", self._request)
        page.on("requestfinished", lambda request: self.in_flight.discard(request))
        page.on("requestfailed", lambda request: self.in_flight.discard(request))
        page.on("console", self._console)
        page.on("pageerror", lambda error: walk.errors.append(f"{self.path}: uncaught: {error}"))

    def _request(self, request) -> None:
        self.in_flight.add(request)
        if self.axe_running:
            self.axe_urls.add(request.url)
        else:
            self.last_request = time.monotonic()
        if not is_local(request.url):
            self.walk.foreign.append(f"{self.path}: {request.url}")

    def _console(self, message) -> None:
        url = message.location.get("url", "")
        # axe fetches the theme's "@import '../basic.css'" again, resolved
        # against the page: that 404 is axe's, not the page's (any other error
        # while axe runs counts).
        if message.type == "error" and not (url in self.axe_urls and message.text.startswith("Failed to load")):
            self.walk.errors.append(f"{self.path}: console: {message.text} ({url})")

    async def axe(self, scheme: str) -> None:
        self.axe_running = True
        try:
            result = await self.page.evaluate("options => axe.run(options)", {"resultTypes": ["violations"]})
        finally:
            self.axe_running = False
        for violation in result["violations"]:
            nodes = [n["target"] for n in violation["nodes"]][:3]
            self.walk.axe.append(f"{self.path} [{scheme}]: {violation['id']} – {violation['help']} {nodes}")

    async def quiet(self) -> None:
        deadline = time.monotonic() + 10
        while self.in_flight or time.monotonic() - self.last_request < QUIET:
            if time.monotonic() > deadline:
                self.walk.errors.append(f"{self.path}: requests still in flight: {[r.url for r in self.in_flight]}")
                return
            await asyncio.sleep(0.05)

    async def check(self, url: str, path: str, schemes: tuple[str, ...]) -> None:
        """Load ``path`` in the first of ``schemes`` and run axe, then switch the
        open page to the next scheme and run axe again.  The entry page moves on
        to a language at once: it is checked for its requests and errors only
        (axe checks it without JavaScript, below)."""
        self.path, self.axe_urls = path, set()
        self.walk.pages.append(path)
        await self.page.emulate_media(color_scheme=schemes[0])
        await self.page.goto(url + path)
        if path == "index.html":
            await self.page.wait_for_url(re.compile(f"{re.escape(url)}({'|'.join(LANGUAGES)})/$"), wait_until="load")
        else:
            themed = path.startswith(tuple(LANGUAGES))
            await self.page.evaluate(AXE.axe_script)
            for scheme in schemes:
                await self.page.emulate_media(color_scheme=scheme)
                if themed:
                    try:
                        await self.page.wait_for_function(THEME_IS, arg=scheme, timeout=5000)
                    except PlaywrightTimeout:
                        theme = await self.page.evaluate("() => document.documentElement.dataset.theme")
                        self.walk.axe.append(f"{path} [{scheme}]: html[data-theme] is {theme!r}")
                        continue
                await self.page.evaluate(END_TRANSITIONS)
                await self.axe(scheme)
        await self.quiet()


async def walk_pages(url: str, paths: list[str], fake: dict[str, str] | None = None) -> Walk:
    """Check ``paths`` on the site at ``url`` in TABS tabs of their own browser
    (each tab's context records its requests and policy violations); ``fake``
    serves made-up pages by path."""
    walk = Walk()
    queue = list(reversed(paths))
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)

        async def tab() -> None:
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            log, policy = RequestLog(), PolicyLog()
            log.attach(context)
            await policy.attach(context)
            for path, html in (fake or {}).items():
                await context.route(
                    url + path, lambda route, _, html=html: route.fulfill(body=html, content_type="text/html")
                )
            one = Tab(await context.new_page(), walk)
            schemes = SCHEMES
            while queue:
                await one.check(url, queue.pop(), schemes)
                schemes = schemes[::-1]  # the next page loads in the scheme this one ends in
            await context.close()
            walk.requests += log.count
            walk.foreign += [
                f"(not from a page) {u}" for u in log.foreign if not any(f.endswith(u) for f in walk.foreign)
            ]
            walk.policy += policy.violations

        await asyncio.gather(*(tab() for _ in range(TABS)))
        await browser.close()
    return walk


def walk_site(url: str, paths: list[str], fake: dict[str, str] | None = None) -> Walk:
    # The session's browser runs Playwright's sync API in this thread; the
    # walk, with its async API, runs in a thread of its own.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, walk_pages(url, paths, fake)).result()


@pytest.fixture(scope="module")
def walk(server, built_site) -> Walk:
    """Every page, once: axe in light and dark, script errors, requests and the
    Content-Security-Policy."""
    return walk_site(server.url, every_page(built_site))


def test_the_walk_saw_every_page_and_their_assets(walk, built_site):
    assert sorted(walk.pages) == sorted(every_page(built_site))
    assert walk.requests > len(walk.pages)


def test_axe_finds_no_violation_on_any_page_in_light_and_dark(walk):
    assert not walk.axe, "\n".join(walk.axe)


def test_no_script_error_on_any_page(walk):
    assert not walk.errors, "\n".join(walk.errors)


def test_no_request_leaves_localhost_on_any_page(walk):
    assert not walk.foreign, "\n".join(walk.foreign)


def test_no_page_breaks_its_content_security_policy(walk):
    assert not walk.policy, "\n".join(walk.policy)


BROKEN = """<!DOCTYPE html><html lang="en"><head><title>Broken</title>
<meta http-equiv="Content-Security-Policy" content="script-src 'unsafe-inline'; style-src 'self'"></head>
<body><main><h1>Broken</h1><img src="missing.png"><p style="color: red">text</p>
<script>fetch("http://example.test/"); noSuchFunction();</script></main></body></html>"""


def test_the_walk_reports_each_fault_with_its_page_and_scheme(server):
    # The walk's checkers at work: an image without text, a missing file, an
    # uncaught exception, a request to another host and a style the policy refuses.
    walk = walk_site(server.url, ["broken.html"], fake={"broken.html": BROKEN})
    assert [line.split(" – ")[0] for line in walk.axe] == [f"broken.html [{s}]: image-alt" for s in SCHEMES]
    assert any(e.startswith("broken.html: uncaught: ") and "noSuchFunction" in e for e in walk.errors), walk.errors
    assert any(e.startswith("broken.html: console: ") and "404" in e for e in walk.errors), walk.errors
    assert walk.foreign == ["broken.html: http://example.test/"]
    assert any("style-src" in v for v in walk.policy), walk.policy


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_entry_page_without_javascript(server, new_context, scheme):
    page = new_context(color_scheme=scheme, java_script_enabled=False).new_page()
    page.goto(server.url)
    # axe needs JavaScript: run it on the same markup in a second, scripted page.
    html = page.content()
    checker = new_context(color_scheme=scheme).new_page()
    checker.route(
        server.url + "entry-copy.html",
        lambda route: route.fulfill(
            body=re.sub(r"<script>.*?</script>", "", html, flags=re.S), content_type="text/html"
        ),
    )
    checker.goto(server.url + "entry-copy.html")
    violations = AXE.run(checker).response["violations"]
    assert not violations, [(v["id"], v["help"]) for v in violations]


def test_a_script_outside_the_policy_is_blocked_and_recorded(server, browser):
    # The recorder itself: an inline script no policy hash allows is refused.
    context = browser.new_context()
    policy = PolicyLog()
    policy.attach(context)
    page = context.new_page()
    page.route(
        server.url + "en/injected.html",
        lambda route: route.fulfill(
            content_type="text/html",
            body=(
                '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
                "<p id=x>inert</p><script>document.getElementById('x').textContent = 'ran'</script>"
            ),
        ),
    )
    page.goto(server.url + "en/injected.html")
    page.wait_for_timeout(200)
    assert page.locator("#x").inner_text() == "inert"
    context.close()
    assert policy.violations
