"""The facts blocks show the data file: tables equal it, a change shows everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import article, build, read_html


def table_rows(table):
    return [
        (tr.find(["th", "td"]).get_text(" ", strip=True), tr.find_all(["th", "td"])[1].get_text(" ", strip=True))
        for tr in table.find_all("tr")
    ]


def test_credits_table_equals_the_data_file(built_en, facts):
    table = article(read_html(built_en, "film/credits")).select_one("table.presskit-credits")
    expected = [(label, ", ".join(people)) for label, people in facts.credits.roles()]
    expected.append(("Production company", facts.film.production_company))
    expected.append(("In co-production with", ", ".join(facts.film.co_production)))
    assert table_rows(table) == expected


def test_technical_sheet_shows_the_facts(built_en, facts):
    rows = dict(table_rows(article(read_html(built_en, "film/credits")).select_one("table.presskit-technical-sheet")))
    film = facts.film
    assert rows["Original title"] == film.original_title
    assert rows["Runtime"] == f"{film.runtime_minutes} min"
    assert rows["Year"] == str(film.year)
    assert rows["Picture"] == film.picture_format
    assert rows["Language"] == "Russian with English subtitles"


def _runtime_on(site: Path) -> tuple[str, str]:
    glance = article(read_html(site, "index")).select_one("dl.presskit-film-facts")
    labels = [dt.get_text(strip=True).rstrip(":") for dt in glance.find_all("dt")]
    values = [dd.get_text(" ", strip=True) for dd in glance.find_all("dd")]
    home = dict(zip(labels, values))["Runtime"]
    sheet = dict(table_rows(article(read_html(site, "film/credits")).select_one("table.presskit-technical-sheet")))[
        "Runtime"
    ]
    return home, sheet


def test_runtime_comes_from_the_data_file(built_en, project):
    assert _runtime_on(built_en) == ("92 min", "92 min")
    data = project / "film" / "facts.toml"
    data.write_text(re.sub(r"runtime_minutes = \d+", "runtime_minutes = 101", data.read_text()))
    result = build(project, "en")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _runtime_on(project / "_build" / "site" / "en") == ("101 min", "101 min")


def test_filled_in_address_and_link_render(project):
    data = project / "film" / "facts.toml"
    text = data.read_text()
    text = text.replace(
        'person = "Mirjam Wiekenkamp"\nemail = ""', 'person = "Mirjam Wiekenkamp"\nemail = "press@example.org"'
    )
    text = text.replace('eu = ""', 'eu = "https://example.org/eu"')
    data.write_text(text)
    result = build(project, "en")
    assert result.returncode == 0, result.stdout + result.stderr
    body = article(read_html(project / "_build" / "site" / "en", "press/contacts"))
    # Sphinx cloaks addresses from harvesters; the browser decodes them.
    mails = [a for a in body.select('a[href^="mailto:"]') if unquote(a["href"]) == "mailto:press@example.org"]
    assert [a.get_text() for a in mails] == ["press@example.org"]
    link = body.select_one('a[href="https://example.org/eu"]')
    assert link.get_text() == "The Red Soul (EU)"
    assert not body.select('a[href=""]')


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "26 February and 3 March 2018"),
        ("ru", "26 февраля и 3 марта 2018 г."),
        ("nl", "26 februari en 3 maart 2018"),
    ],
)
def test_dates_of_one_year_give_the_year_once(built_site, lang, expected):
    text = article(read_html(built_site / lang, "press/screenings")).get_text(" ", strip=True)
    assert expected in text.replace("\xa0", " ").replace("\u202f", " ")
