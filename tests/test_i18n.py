"""The Russian and Dutch sites: every page translated, in the reader's language
throughout (theme included), and searchable in that language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment, Doctype

from conftest import LANGUAGES, PAGES, article, read_html

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]  # en is the source


def visible_strings(soup: BeautifulSoup) -> set[str]:
    """Every string of the page a reader sees or hears outside the content:
    text, and the attributes screen readers and tooltips use."""
    soup = BeautifulSoup(str(soup), "html.parser")
    # Page titles in the navigation are content (their catalogues are checked
    # for completeness); .onlyprint is the theme's print-only copy of the page.
    for node in soup.select(
        "article.bd-article, script, style, noscript, head, .onlyprint, .bd-links a, .prev-next-title"
    ):
        node.decompose()
    strings = {t.strip() for t in soup.find_all(string=True) if not isinstance(t, (Comment, Doctype)) and t.strip()}
    for element in soup.find_all(True):
        for attribute in ("aria-label", "title", "placeholder", "alt"):
            if element.get(attribute):
                strings.add(element[attribute].strip())
    return strings


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]{3,}", text)


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("docname", PAGES)
def test_page_is_translated(built_site, lang, docname):
    english = {t.get_text(" ", strip=True) for t in prose(read_html(built_site / "en", docname))}
    page = read_html(built_site / lang, docname)
    assert page.html["lang"] == lang
    for element in prose(page):
        text = element.get_text(" ", strip=True)
        if len(words(text)) >= 4:
            assert text not in english, f"{lang}/{docname}: untranslated: {text!r}"


def prose(soup: BeautifulSoup) -> list:
    """The page's own sentences: headings and paragraphs, without the facts
    blocks and attributions, where names and titles rightly stay as they are
    (the catalogue check holds those complete)."""
    body = BeautifulSoup(str(article(soup)), "html.parser")
    for node in body.select(".presskit-facts, .presskit-entries, .presskit-list, .presskit-attribution, .presskit-signature"):
        node.decompose()
    return body.find_all(["p", "h1", "h2", "h3"])


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("docname", ["index", "film/synopsis", "search"])
def test_theme_speaks_the_page_language(built_site, lang, docname):
    english_ui = visible_strings(read_html(built_site / "en", docname))
    page_ui = visible_strings(read_html(built_site / lang, docname))
    # Strings that are the same in every language: keys, the copyright holder's
    # line, the names of the languages in the switcher.
    same_everywhere = {s for s in english_ui if not words(s) or s.startswith("©")}
    same_everywhere |= {"Ctrl", "PDF"}
    same_everywhere |= {"English", "Русский", "Nederlands"}
    leftover = sorted((english_ui & page_ui) - same_everywhere)
    assert not leftover, f"{lang}/{docname}: English interface strings: {leftover}"


def test_site_title_is_in_the_page_language(built_site):
    titles = {lang: read_html(built_site / lang, "index").title.get_text() for lang in LANGUAGES}
    assert titles["en"].endswith("The Red Soul")
    assert "Красная душа" in titles["ru"]
    assert "De rode ziel" in titles["nl"]


def search_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def stem(lang: str, word: str) -> str:
    """The stem Sphinx's search uses for ``word`` in ``lang`` (the site's
    JavaScript applies the same Snowball stemmer to the query)."""
    from sphinx.search import languages
    from sphinx.util import import_object

    return import_object(languages[lang])({}).stem(word.lower())


# A word as a reader would type it, in another inflection than the page uses.
SEARCHES = [
    ("ru", "Сталином", "film/synopsis"),  # the page says «Сталина», «Сталин»
    ("ru", "гвоздикой", "film/protagonists"),  # the page says «гвоздики»
    ("nl", "herinnering", "press/quotes"),  # the page says ‘herinneringen’
    ("nl", "vrijwilliger", "film/protagonists"),  # the page says ‘vrijwilligers’
]


@pytest.mark.parametrize("lang, query, docname", SEARCHES)
def test_search_finds_an_inflected_word(built_site, lang, query, docname):
    index = search_index(built_site / lang)
    term = stem(lang, query)
    assert term in index["terms"], f"{query!r} (stem {term!r}) not in the {lang} index"
    found = index["terms"][term]
    found = found if isinstance(found, list) else [found]
    assert index["docnames"].index(docname) in found
