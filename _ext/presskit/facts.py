"""Load ``film/facts.toml`` and check it against the schema below.

The schema is the single description of what the data file may hold: which
fields exist, which are required, and their types.  A missing or empty
required field, a wrong type, a link that is not ``https:`` or ``mailto:`` or
an unknown key raises :class:`FactsError` naming the file and the dotted field
path, and Sphinx stops with that message.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from sphinx.errors import ConfigError

# A field spec is (type, required).  Types: a Python type, ``URL`` or
# ``EMAIL``, ``[T]`` for a list of T, or a dict (a sub-table with its own
# schema).  ``("table-list", schema)`` is an array of tables, each checked
# against ``schema``.  A required string, and any item of a list, may not be
# empty; an optional string may (it shows nothing).
Schema = dict[str, tuple[Any, bool]]

#: Text patterns: a link the pages may show (no ``javascript:``, ``data:``...)
#: and an e-mail address (shown as a ``mailto:`` link).
URL = re.compile(r"(?:https://|mailto:)[^\s<>\"]+")
EMAIL = re.compile(r"[^\s@<>\"():;,]+@[^\s@<>\"():;,]+")
#: A language code (BCP 47 primary subtag: "en", "nl").
LANGUAGE = re.compile(r"[a-z]{2,3}")

#: Credit roles in the order the credits table shows them, with their English
#: labels (translated through the ``facts`` catalogue).
CREDIT_ROLES: dict[str, str] = {
    "director": "Director",
    "screenplay": "Screenplay",
    "cinematography": "Cinematography",
    "editing": "Editing",
    "sound": "Sound",
    "music": "Music",
    "alto_saxophone": "Alto saxophone",
    "percussion": "Percussion",
    "producers": "Producers",
}

SCHEMA: Schema = {
    "film": (
        {
            "title": (str, True),
            "original_title": (str, True),
            "genre": (str, True),
            "country": (str, True),
            "year": (int, True),
            "runtime_minutes": (int, True),
            "spoken_languages": ([str], True),
            "subtitle_languages": ([str], True),
            "picture_format": (str, True),
            "colour": (str, True),
            "production_company": (str, True),
            "co_production": ([str], False),
        },
        True,
    ),
    "premiere": (
        {
            "festival": (str, True),
            "festival_name": (str, True),
            "city": (str, True),
            "date": (dt.date, True),
            "section": (str, True),
            "also": (str, False),
        },
        True,
    ),
    "screenings": (
        (
            "table-list",
            {
                "festival": (str, True),
                "city": (str, True),
                "section": (str, True),
                "dates": ([dt.date], False),
                "year": (int, False),
                "note": (str, False),
            },
        ),
        True,
    ),
    "credits": ({role: ([str], role == "director") for role in CREDIT_ROLES}, True),
    "filmography": (
        (
            "table-list",
            {
                "title": (str, True),
                "english_title": (str, False),
                "year": (int, True),
            },
        ),
        True,
    ),
    "contacts": (
        {
            "world_sales": (
                {
                    "organisation": (str, True),
                    "person": (str, False),
                    "email": (EMAIL, False),
                },
                True,
            ),
            "press": (
                {
                    "person": (str, True),
                    "email": (EMAIL, False),
                },
                True,
            ),
            "production": (
                {
                    "email": (EMAIL, False),
                },
                True,
            ),
        },
        True,
    ),
    # Press quotes: ``text`` in English (as the original press kit gives it),
    # ``language`` the one the critic wrote in, ``original`` their own words
    # when that is not English (the edition in that language quotes them).
    "quotes": (
        (
            "table-list",
            {
                "text": (str, True),
                "author": (str, True),
                "outlet": (str, False),
                "affiliation": (str, False),
                "country": (str, False),
                "language": (LANGUAGE, True),
                "original": (str, False),
            },
        ),
        True,
    ),
    "watch_online": (
        {
            "eu": (URL, False),
            "usa": (URL, False),
        },
        True,
    ),
}


class FactsError(ConfigError):
    """The data file is unreadable or does not match the schema."""


def _type_name(spec: Any) -> str:
    if isinstance(spec, list):
        return f"a list of {_type_name(spec[0])}"
    if isinstance(spec, dict):
        return "a table"
    if isinstance(spec, tuple):
        return "an array of tables ([[...]])"
    if spec is URL:
        return "an https: or mailto: URL"
    if spec is EMAIL:
        return "an e-mail address"
    if spec is LANGUAGE:
        return "a language code (en, nl, ...)"
    return {str: "a string", int: "an integer", dt.date: "a date (YYYY-MM-DD)"}[spec]


def _is(value: Any, spec: Any) -> bool:
    if isinstance(spec, list):
        return isinstance(value, list) and all(_is(v, spec[0]) for v in value)
    if spec is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if spec is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if isinstance(spec, re.Pattern):
        return isinstance(value, str) and (not value or spec.fullmatch(value) is not None)
    return isinstance(value, spec)


def _blank(value: Any) -> bool:
    """An empty string, or a list holding one."""
    if isinstance(value, list):
        return any(_blank(v) for v in value)
    return isinstance(value, str) and not value.strip()


def _check(table: dict, schema: Schema, path: str, errors: list[str]) -> None:
    for key in table:
        if key not in schema:
            known = ", ".join(sorted(schema))
            errors.append(f"unknown field {path}{key!s} (known here: {known})")
    for key, (spec, required) in schema.items():
        field = f"{path}{key}"
        if key not in table:
            if required:
                errors.append(f"missing required field {field}")
            continue
        value = table[key]
        if isinstance(spec, dict):
            if not isinstance(value, dict):
                errors.append(f"field {field} must be a table, not {type(value).__name__}")
            else:
                _check(value, spec, f"{field}.", errors)
        elif isinstance(spec, tuple):
            if not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
                errors.append(f"field {field} must be {_type_name(spec)}")
            else:
                for i, item in enumerate(value):
                    _check(item, spec[1], f"{field}[{i}].", errors)
        elif not _is(value, spec):
            errors.append(f"field {field} must be {_type_name(spec)}, not {value!r}")
        elif _blank(value) and (required or isinstance(value, list)):
            errors.append(f"field {field} must not be empty")


def load(path: str | Path) -> dict[str, Any]:
    """Read and validate the data file; raise :class:`FactsError` on any fault."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise FactsError(f"{path}: cannot read the film facts: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FactsError(f"{path}: not valid TOML: {exc}") from exc
    errors: list[str] = []
    _check(data, SCHEMA, "", errors)
    if errors:
        listing = "\n".join(f"  - {e}" for e in errors)
        raise FactsError(f"{path}: the film facts do not match the schema:\n{listing}")
    return data


def setup(app: Any) -> dict[str, Any]:
    # conf.py loads the file (it needs the title and director itself) and hands
    # the result over; a change in either rebuilds every page.
    app.add_config_value("presskit_facts_file", "film/facts.toml", "env", types=[str])
    app.add_config_value("presskit_facts", {}, "env", types=[dict])
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
