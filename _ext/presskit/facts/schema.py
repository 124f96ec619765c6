"""``film/facts.toml`` as frozen dataclasses: the classes below are the schema.

A field without a default is required; its type hint says what it holds
(``tuple[T, ...]``: a list, or an array of tables when ``T`` is a class;
``Url``, ``Email``, ``Language``: a string of that form).  A missing or empty
required field, a wrong type, a link that is not ``https:`` or ``mailto:`` or
an unknown key raises :class:`FactsError` naming the file and the dotted field
path, and Sphinx stops with that message.  A required string, and any item of
a list, may not be empty; an optional string may (it shows nothing).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from sphinx.errors import ConfigError

#: Strings of a given form (regex, what it is; "" is always allowed): a link the
#: pages may show (no ``javascript:``, ``data:``...), an e-mail address (shown
#: as a ``mailto:`` link), a language code (BCP 47 primary subtag).
Url = Annotated[str, (r"(?:https://|mailto:)[^\s<>\"]+", "an https: or mailto: URL")]
Email = Annotated[str, (r"[^\s@<>\"():;,]+@[^\s@<>\"():;,]+", "an e-mail address")]
Language = Annotated[str, (r"[a-z]{2,3}", "a language code (en, nl, ...)")]
Names = tuple[str, ...]


@dataclass(frozen=True)
class Film:
    title: str
    original_title: str
    genre: str
    country: str
    year: int
    runtime_minutes: int
    spoken_languages: Names
    subtitle_languages: Names
    picture_format: str
    colour: str
    production_company: str
    co_production: Names = ()


@dataclass(frozen=True)
class Premiere:
    festival: str
    festival_name: str
    city: str
    date: dt.date
    section: str
    also: str = ""


@dataclass(frozen=True)
class Screening:
    festival: str
    city: str
    section: str
    dates: tuple[dt.date, ...] = ()
    year: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Credits:
    """The credits in the order the credits table shows them; each role's
    label is its name in words ("Alto saxophone"), translated through the
    ``facts`` catalogue."""

    director: Names
    screenplay: Names = ()
    cinematography: Names = ()
    editing: Names = ()
    sound: Names = ()
    music: Names = ()
    alto_saxophone: Names = ()
    percussion: Names = ()
    producers: Names = ()

    def roles(self) -> list[tuple[str, Names]]:
        """(English label, people) of each role that has any."""
        return [
            (f.name.replace("_", " ").capitalize(), p) for f in dataclasses.fields(self) if (p := getattr(self, f.name))
        ]


@dataclass(frozen=True)
class FilmographyEntry:
    title: str
    year: int
    english_title: str = ""


@dataclass(frozen=True)
class WorldSales:
    organisation: str
    person: str = ""
    email: Email = ""


@dataclass(frozen=True)
class Press:
    person: str
    email: Email = ""


@dataclass(frozen=True)
class Production:
    email: Email = ""


@dataclass(frozen=True)
class Contacts:
    world_sales: WorldSales
    press: Press
    production: Production


@dataclass(frozen=True)
class Quote:
    """A press quote: ``text`` in English (as the original press kit gives it),
    ``language`` the one the critic wrote in, ``original`` their own words when
    that is not English (the edition in that language quotes them)."""

    text: str
    author: str
    language: Language
    outlet: str = ""
    affiliation: str = ""
    country: str = ""
    original: str = ""


@dataclass(frozen=True)
class WatchOnline:
    eu: Url = ""
    usa: Url = ""


@dataclass(frozen=True)
class Facts:
    film: Film
    premiere: Premiere
    screenings: tuple[Screening, ...]
    credits: Credits
    filmography: tuple[FilmographyEntry, ...]
    contacts: Contacts
    quotes: tuple[Quote, ...]
    watch_online: WatchOnline


class FactsError(ConfigError):
    """The data file is unreadable or does not match the schema."""


def _parts(hint: Any) -> tuple[Any, tuple[str, str] | None]:
    """The type of a hint, without ``| None``, and its pattern (regex, name) if any."""
    if typing.get_origin(hint) is typing.Annotated:
        return typing.get_args(hint)[0], hint.__metadata__[0]
    args = typing.get_args(hint)
    return ([a for a in args if a is not type(None)][0] if type(None) in args else hint), None


def _type_name(hint: Any) -> str:
    hint, pattern = _parts(hint)
    if pattern:
        return pattern[1]
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return "an array of tables ([[...]])" if dataclasses.is_dataclass(item) else f"a list of {_type_name(item)}"
    if dataclasses.is_dataclass(hint):
        return "a table"
    return {str: "a string", int: "an integer", dt.date: "a date (YYYY-MM-DD)"}[hint]


def _is(value: Any, hint: Any) -> bool:
    hint, pattern = _parts(hint)
    if typing.get_origin(hint) is tuple:
        return isinstance(value, list) and all(_is(v, typing.get_args(hint)[0]) for v in value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if pattern:
        return isinstance(value, str) and (not value or re.fullmatch(pattern[0], value) is not None)
    return isinstance(value, hint)


def _blank(value: Any) -> bool:
    """An empty string, or a list holding one."""
    return any(map(_blank, value)) if isinstance(value, list) else isinstance(value, str) and not value.strip()


def _table(cls: type, table: dict, path: str, errors: list[str]) -> Any:
    """``table`` as a ``cls``, its faults added to ``errors`` (then ``None``)."""
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls, include_extras=True)
    for key in table:
        if key not in fields:
            errors.append(f"unknown field {path}{key!s} (known here: {', '.join(sorted(fields))})")
    values = {}
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING
        if name not in table:
            if required:
                errors.append(f"missing required field {path}{name}")
            continue
        values[name] = _value(table[name], hints[name], f"{path}{name}", required, errors)
    return None if errors else cls(**values)


def _value(value: Any, hint: Any, field: str, required: bool, errors: list[str]) -> Any:
    kind = _parts(hint)[0]
    item = typing.get_args(kind)[0] if typing.get_origin(kind) is tuple else None
    if dataclasses.is_dataclass(kind):
        if isinstance(value, dict):
            return _table(kind, value, f"{field}.", errors)
        errors.append(f"field {field} must be a table, not {type(value).__name__}")
    elif dataclasses.is_dataclass(item):
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            return tuple(_table(item, v, f"{field}[{i}].", errors) for i, v in enumerate(value))
        errors.append(f"field {field} must be {_type_name(kind)}")
    elif not _is(value, hint):
        errors.append(f"field {field} must be {_type_name(hint)}, not {value!r}")
    elif _blank(value) and (required or isinstance(value, list)):
        errors.append(f"field {field} must not be empty")
    return tuple(value) if isinstance(value, list) else value


def parse(data: dict[str, Any]) -> tuple[Facts | None, list[str]]:
    """The facts of a parsed data file, or ``None`` and what is wrong with it."""
    errors: list[str] = []
    return _table(Facts, data, "", errors), errors


def load(path: str | Path) -> Facts:
    """Read and validate the data file; raise :class:`FactsError` on any fault."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise FactsError(f"{path}: cannot read the film facts: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FactsError(f"{path}: not valid TOML: {exc}") from exc
    facts, errors = parse(data)
    if errors:
        listing = "\n".join(f"  - {e}" for e in errors)
        raise FactsError(f"{path}: the film facts do not match the schema:\n{listing}")
    return facts
