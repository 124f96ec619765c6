"""The English press kit as a reader gets it: parsed HTML of every page."""

from __future__ import annotations

import pytest

from conftest import PAGES, article, read_html


def paragraphs(soup):
    return [p.get_text(" ", strip=True) for p in article(soup).find_all("p", recursive=True)]


@pytest.mark.parametrize("docname", PAGES)
def test_every_page_exists_with_its_title(built_en, docname):
    soup = read_html(built_en, docname)
    h1 = article(soup).find("h1")
    assert h1 is not None and h1.get_text(strip=True)
    heading = h1.get_text(strip=True).rstrip("#")
    if docname == "index":  # the site's title already is the film's
        assert soup.title.get_text() == f"Press kit – {heading}"
    else:
        assert soup.title.get_text().startswith(heading)


def test_home_page_has_title_original_title_and_logline(built_en):
    soup = read_html(built_en, "index")
    body = article(soup)
    assert body.find("h1").get_text(strip=True).rstrip("#") == "The Red Soul"
    text = body.get_text(" ", strip=True)
    assert "De rode ziel" in text
    assert "so many Russians defend Stalin as a great leader and a hero?" in text
    assert "lays bare the Russian psyche of today" in text


def test_home_page_guides_to_every_page(built_en):
    body = article(read_html(built_en, "index"))
    targets = {a["href"].split("#")[0] for a in body.select("a.reference.internal")}
    for docname in PAGES[1:]:
        assert f"{docname}.html" in targets, docname


# The opening words of each paragraph of the seed's "About the film" and of
# the director's statement: every one must be on the page, in order.
SYNOPSIS_OPENINGS = [
    "In the country where hardly any family escaped Stalin",
    "In Red Square in the heart of Moscow, Igor (45)",
    "High up in the forests of Northern Russia, Galina (75)",
    "The initial enthusiasm of Russians about the freedom",
    "The Red Soul shows a world full of contradictions.",
    "Struggles with the past are set against the heroic image",
]
STATEMENT_OPENINGS = [
    "All my life I",
    "I am struck by the way Russians deal",
    "For this film, as I did for my previous film, 900 Days",
    "The wiping out of independent farmers",
    "In The Red Soul I not only show how the first generation",
    "It",  # "It's the personal stories ..." (apostrophe is typographic)
]


@pytest.mark.parametrize(
    "docname, openings, last_words",
    [
        ("film/synopsis", SYNOPSIS_OPENINGS, "pride is more important than memory."),
        ("film/statement", STATEMENT_OPENINGS, "it does make it more intriguing."),
    ],
)
def test_seed_texts_are_complete(built_en, docname, openings, last_words):
    texts = paragraphs(read_html(built_en, docname))
    starts = [t for t in texts if any(t.startswith(o) for o in openings)]
    assert len(starts) >= len(openings)
    for text, opening in zip(texts, openings):
        assert text.startswith(opening), (opening, text)
    assert any(t.endswith(last_words) for t in texts)


def test_typos_of_the_seed_are_corrected(built_en):
    for docname in PAGES:
        text = article(read_html(built_en, docname)).get_text(" ")
        for typo in ("Fim ", "Stalins ", "Nazi's", "Nazi’s", "asks citizen of"):
            assert typo not in text, (docname, typo)


QUOTES = [
    ("Winning combination of topicality and artistic quality", "Neil Young", "The Hollywood Reporter"),
    ("not about Stalin’s terror", "Jos van der Burg", "De Filmkrant"),
    ("Nearly 65 years after the death of Joseph Stalin", "Meredith Taylor", "Filmuforia"),
    ("A striking documentary that avoids moralizing", "Dr. Dmitry Gorenburg", "Harvard University"),
]


def test_press_quotes_with_attributions(built_en):
    quotes = article(read_html(built_en, "press/quotes")).find_all("blockquote")
    assert len(quotes) == len(QUOTES)
    for quote, (words, author, outlet) in zip(quotes, QUOTES):
        assert words in quote.get_text(" ")
        attribution = quote.select_one(".presskit-attribution").get_text(" ", strip=True)
        assert author in attribution and outlet in attribution


def test_protagonists_page_introduces_igor_and_galina(built_en):
    headings = [
        h.get_text(strip=True).rstrip("#") for h in article(read_html(built_en, "film/protagonists")).find_all("h2")
    ]
    assert headings == ["Igor", "Galina"]


def test_filmography_lists_every_film(built_en, facts):
    items = [
        li.get_text(" ", strip=True)
        for li in article(read_html(built_en, "film/director")).select(".presskit-filmography li")
    ]
    assert len(items) == len(facts.filmography)
    for item, film in zip(items, facts.filmography):
        assert film.title in item and str(film.year) in item


def test_screenings_name_every_festival(built_en, facts):
    text = article(read_html(built_en, "press/screenings")).get_text(" ", strip=True)
    assert "Sunday, 19 November 2017" in text
    assert facts.premiere.section in text
    for screening in facts.screenings:
        assert screening.festival in text and screening.section in text
    assert "26 February and 3 March 2018" in text


def test_contacts_name_every_contact_and_no_empty_link(built_en, facts):
    body = article(read_html(built_en, "press/contacts"))
    text = body.get_text(" ", strip=True)
    for name in ("Deckert Distribution", "Ina Rossow", "Mirjam Wiekenkamp", facts.film.production_company):
        assert name in text
    # The seed lost the addresses and the watch-online links: while the data
    # file leaves them empty, nothing of them shows.
    assert not body.select('a[href^="mailto:"]')
    assert "Watch" not in text
    assert all(a.get("href") for a in body.find_all("a"))
