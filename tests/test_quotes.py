"""Press quotes: one source (the data file) for the page, the PDF and the JSON-LD;
a quote is given in its author's own words in the language they wrote in."""

from __future__ import annotations

import json
import re

import pytest

from conftest import LANGUAGES, article, read_html


def page_quotes(site, lang):
    return article(read_html(site / lang, "press/quotes")).select("blockquote")


def reviews(site, lang):
    script = read_html(site / lang, "index").select_one('script[type="application/ld+json"]')
    return json.loads(script.string)["review"]


def words(text: str) -> str:
    return " ".join(text.replace("*", "").split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_quote_of_the_data_file_is_on_the_page_with_its_author(built_site, facts, lang):
    quotes = page_quotes(built_site, lang)
    assert len(quotes) == len(facts.quotes)
    for block in quotes:
        assert block.select_one(".presskit-attribution").get_text(strip=True)


def test_a_quote_is_given_verbatim_in_the_language_it_was_written_in(built_site, facts):
    for quote in facts.quotes:
        if not quote.original:
            continue
        own = quote.language
        for lang in LANGUAGES:
            texts = [words(b.get_text(" ")) for b in page_quotes(built_site, lang)]
            present = any(words(quote.original) in text for text in texts)
            assert present == (lang == own), (lang, quote.author)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_json_ld_reviews_are_the_quotes_of_the_page(built_site, facts, lang):
    found = reviews(built_site, lang)
    quotes = page_quotes(built_site, lang)
    assert len(found) == len(quotes)
    for review, block in zip(found, quotes):
        body = review["reviewBody"]
        assert body[:1] not in '“‘«"' and "*" not in body
        # The page adds the quotation marks; the words are the same.
        assert re.sub(r"\W", "", body) in re.sub(r"\W", "", block.select_one("p").get_text("")), body
        assert review["author"]["name"] in block.select_one(".presskit-attribution").get_text()


def test_russian_quotes_close_before_the_full_stop(built_site):
    for block in page_quotes(built_site, "ru"):
        text = block.select_one("p").get_text("").strip()
        assert text.startswith("«") and (text.endswith("».") or text.endswith("»"))
