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
    for node in body.select(
        ".presskit-facts, .presskit-entries, .presskit-list, .presskit-attribution, .presskit-signature"
    ):
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


def english_interface_strings(lang: str) -> set[str]:
    """The English strings Sphinx and the themes may put on a page: the msgids
    of their own templates (Sphinx's and pydata-sphinx-theme's ``sphinx.pot``,
    sphinx-book-theme's ``booktheme`` catalogue) and the attribute values the
    themes type into their templates in English.  Left out: strings of fewer
    than three letters, and those a catalogue of ``lang`` keeps as they are
    (words that are also the language's, and proper names)."""
    import pydata_sphinx_theme
    import sphinx
    import sphinx_book_theme
    from babel.messages.pofile import read_po

    sphinx_dir, pydata_dir = Path(sphinx.__file__).parent, Path(pydata_sphinx_theme.__file__).parent
    book_dir = Path(sphinx_book_theme.__file__).parent

    def messages(po: Path) -> list:
        with po.open("rb") as f:
            return [m for m in read_po(f) if m.id]

    def ids(message) -> list[str]:
        return [" ".join(i.split()) for i in (message.id if message.pluralizable else [message.id])]

    templates = [
        sphinx_dir / "locale" / "sphinx.pot",
        pydata_dir / "locale" / "sphinx.pot",
        sorted(book_dir.rglob("booktheme.po"))[0],
    ]
    english = {i for pot in templates for m in messages(pot) for i in ids(m)}
    for folder in (sphinx_dir / "themes" / "basic", pydata_dir / "theme", book_dir / "theme"):
        for template in folder.rglob("*.html"):
            english |= set(
                re.findall(r'(?:title|aria-label|placeholder|alt)="([^"{}]+)"', template.read_text(encoding="utf-8"))
            )
    kept = {
        i
        for po in [
            sphinx_dir / "locale" / lang / "LC_MESSAGES" / "sphinx.po",
            pydata_dir / "locale" / lang / "LC_MESSAGES" / "sphinx.po",
        ]
        if po.exists()
        for m in messages(po)
        if m.string == m.id
        for i in ids(m)
    }
    return {s for s in english - kept if len(re.findall(r"[^\W\d_]", s)) >= 3}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_english_interface_string_on_any_page(built_site, lang):
    english = english_interface_strings(lang)
    assert "Link to this heading" in english and "Page" in english  # the sources are read
    found = []
    for path in sorted((built_site / lang).rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for node in soup(["script", "style"]):
            node.decompose()
        strings = {
            (" ".join(t.split()), "text") for t in soup.find_all(string=True) if not isinstance(t, (Comment, Doctype))
        }
        strings |= {
            (" ".join(element[name].split()), name)
            for element in soup.find_all(True)
            for name in ("title", "aria-label", "placeholder", "alt")
            if element.get(name)
        }
        found += [f"{path.relative_to(built_site)}: {where} {text!r}" for text, where in strings if text in english]
    assert not found, "\n".join(sorted(found))


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
