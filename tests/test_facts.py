"""A broken data file stops the build with a message that names the field."""

from __future__ import annotations

import pytest

from conftest import build

BROKEN = [
    # (what to replace, with what, words the error must contain)
    ("runtime_minutes = 92\n", "", "missing required field film.runtime_minutes"),
    ("runtime_minutes = 92", 'runtime_minutes = "92 min"', "field film.runtime_minutes must be an integer"),
    ("year = 2017\nruntime", 'year = 2017\ndirectr = "x"\nruntime', "unknown field film.directr"),
    ("date = 2017-11-19", 'date = "19 November"', "field premiere.date must be a date"),
    (
        'director = ["Jessica Gorter"]',
        'director = "Jessica Gorter"',
        "field credits.director must be a list of a string",
    ),
    ('section = "In Focus: New Europe"\n', "", "missing required field screenings[0].section"),
    ("[film]", "[film", "not valid TOML"),
    ('eu = ""', 'eu = "javascript:alert(1)"', "field watch_online.eu must be an https: or mailto: URL"),
    ('title = "The Red Soul"', 'title = ""', "field film.title must not be empty"),
]


@pytest.mark.parametrize("old, new, message", BROKEN, ids=[b[2] for b in BROKEN])
def test_broken_data_file_fails_naming_the_field(project, old, new, message):
    data = project / "film" / "facts.toml"
    text = data.read_text()
    assert old in text
    data.write_text(text.replace(old, new, 1))
    result = build(project, "en")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "film/facts.toml" in output
    assert message in output
