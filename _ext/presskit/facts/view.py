"""What each facts block says, as plain data, in one language.

Every function takes the validated facts and a :class:`Voice` (how to translate
a message and format a date) and returns rows or entries of text.  The
directives turn them into document nodes, and the ``facts`` catalogue is
extracted by calling the same functions with a voice that records every
message it is asked for, so the catalogue always matches what is rendered.

Text may carry ``*emphasis*``; a :class:`Link` is a link whose text is
translated and whose target is a fact.  In a build, :func:`voice` is the
language's voice and :func:`dash` its dash (every module that shows facts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from sphinx.config import Config
from sphinx.locale import get_translation

from .schema import Facts


@dataclass(frozen=True)
class Link:
    text: str
    url: str


Value = str | Link


@dataclass(frozen=True)
class Row:
    label: str
    values: list[Value]


@dataclass(frozen=True)
class Entry:
    """A titled group of rows (a festival, a contact)."""

    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass(frozen=True)
class Voice:
    """Translation and locale formatting for one language."""

    gettext: Callable[[str], str]
    language: str

    def __call__(self, message: str) -> str:
        return self.gettext(message)

    @property
    def locale(self) -> str:
        # Dates and lists follow the language's own conventions (CLDR); the
        # English kit is European, so its dates are British: 19 November 2017.
        return "en_GB" if self.language == "en" else self.language

    def date(self, day: dt.date, weekday: bool = False) -> str:
        return format_date(day, "full" if weekday else "long", locale=self.locale)

    def join(self, items: Iterable[str]) -> str:
        return format_list(list(items), locale=self.locale)

    def dates(self, days: list[dt.date]) -> str:
        """Several dates as one phrase; a year they share is given once:
        "26 February and 3 March 2018", «26 февраля и 3 марта 2018 г.»."""
        if len({day.year for day in days}) != 1:
            return self.join(self.date(day) for day in days)
        return self.join(
            [*(format_skeleton("MMMMd", day, locale=self.locale) for day in days[:-1]), self.date(days[-1])]
        )


def names(voice: Voice, people: Iterable[str]) -> str:
    return ", ".join(voice(p) for p in people)


def runtime(facts: Facts, _: Voice) -> str:
    return _("{minutes} min").format(minutes=facts.film.runtime_minutes)


def language_line(facts: Facts, _: Voice) -> str:
    """ "Russian with English subtitles", translated as one sentence."""
    film = facts.film
    spoken = " and ".join(film.spoken_languages)
    subtitles = " and ".join(film.subtitle_languages)
    return _(f"{spoken} with {subtitles} subtitles")


def premiere_line(facts: Facts, _: Voice) -> str:
    p = facts.premiere
    return _("{festival} {city}, {date}").format(
        festival=_(p.festival), city=_(p.city), date=_.date(p.date, weekday=True)
    )


def title(facts: Facts, _: Voice) -> str:
    """The film's title as the page's language knows it (site title, headers)."""
    return _(facts.film.title)


def at_a_glance(facts: Facts, _: Voice) -> list[Row]:
    film = facts.film
    return [
        Row(_("Director"), [names(_, facts.credits.director)]),
        Row(_("Runtime"), [runtime(facts, _)]),
        Row(_("Language"), [language_line(facts, _)]),
        Row(_("Country"), [_(film.country)]),
        Row(_("Year"), [str(film.year)]),
        Row(_("World premiere"), [premiere_line(facts, _)]),
    ]


def credits(facts: Facts, _: Voice) -> list[Row]:
    rows = [Row(_(label), [names(_, people)]) for label, people in facts.credits.roles()]
    film = facts.film
    rows.append(Row(_("Production company"), [_(film.production_company)]))
    if film.co_production:
        rows.append(Row(_("In co-production with"), [names(_, film.co_production)]))
    return rows


def technical_sheet(facts: Facts, _: Voice) -> list[Row]:
    film = facts.film
    return [
        Row(_("Title"), [_(f"*{film.title}*")]),
        Row(_("Original title"), [f"*{film.original_title}*"]),
        Row(_("Genre"), [_(film.genre)]),
        Row(_("Country"), [_(film.country)]),
        Row(_("Year"), [str(film.year)]),
        Row(_("Runtime"), [runtime(facts, _)]),
        Row(_("Language"), [language_line(facts, _)]),
        Row(_("Picture"), [_(film.picture_format)]),
        Row(_("Colour"), [_(film.colour)]),
    ]


def screenings(facts: Facts, _: Voice) -> list[Entry]:
    p = facts.premiere
    entries = [
        Entry(
            _("{festival} – {festival_name}").format(festival=_(p.festival), festival_name=_(p.festival_name)),
            [
                Row(_("World premiere"), [_.date(p.date, weekday=True)]),
                Row(_("Programme"), [_(p.section)]),
            ]
            + ([Row(_("Note"), [_(p.also)])] if p.also else []),
        )
    ]
    for s in facts.screenings:
        when = _.dates(s.dates) if s.dates else str(s.year)
        rows = [
            Row(_("Dates") if len(s.dates) > 1 else _("Year"), [when]),
            Row(_("Programme"), [_(s.section)]),
        ]
        if s.note:
            rows.append(Row(_("Note"), [_(s.note)]))
        title = _("{festival}, {city}").format(festival=_(s.festival), city=_(s.city))
        entries.append(Entry(title, rows))
    return entries


def filmography(facts: Facts, _: Voice) -> list[str]:
    lines = []
    for film in facts.filmography:
        if film.english_title:
            line = f"*{film.title}* ({film.english_title}, {film.year})"
        else:
            line = f"*{film.title}* ({film.year})"
        lines.append(_(line))
    return lines


def _email(address: str) -> list[Value]:
    return [Link(address, f"mailto:{address}")] if address else []


def contacts(facts: Facts, _: Voice) -> list[Entry]:
    c = facts.contacts
    sales, press, production = c.world_sales, c.press, c.production
    entries = [
        Entry(
            _("Distribution and world sales"),
            [Row(_("Company"), [_(sales.organisation)])]
            + ([Row(_("Contact"), [_(sales.person)] + _email(sales.email))] if sales.person else []),
        ),
        Entry(
            _("Press relations"),
            [Row(_("Contact"), [_(press.person)] + _email(press.email))],
        ),
        Entry(
            _("Production"),
            [Row(_("Company"), [_(facts.film.production_company)] + _email(production.email))],
        ),
    ]
    title = facts.film.title
    links = [
        Link(_(f"{title} ({region})"), url)
        for region, url in (("EU", facts.watch_online.eu), ("USA", facts.watch_online.usa))
        if url
    ]
    if links:
        entries.append(Entry(_("Watch the film online"), [Row(_("Links"), links)]))
    return entries


@dataclass(frozen=True)
class ShownQuote:
    """A press quote as a page shows it: its words (with ``*title*`` markup,
    without outer quotation marks), who said it and where."""

    text: str
    author: str
    outlet: str  # a publication ("" for a person's affiliation)
    affiliation: str
    country: str  # "" when the reader needs no reminder
    original: bool  # the critic's own words, not a translation


def quotes(facts: Facts, _: Voice) -> list[ShownQuote]:
    """The press quotes in ``_``'s language: a quote written in that language
    is given verbatim (its ``original``), any other is translated from the
    English ``text``; the outlet's country is named unless it is the reader's."""
    shown = []
    for q in facts.quotes:
        own = q.language == _.language
        verbatim = own and bool(q.original)
        shown.append(
            ShownQuote(
                text=q.original if verbatim else _(q.text),
                author=_(q.author),
                outlet=q.outlet,
                affiliation=_(q.affiliation) if q.affiliation else "",
                country="" if own or not q.country else _(q.country),
                original=verbatim or own,
            )
        )
    return shown


@dataclass(frozen=True)
class Document:
    """What the PDF says about itself: its cover, running head and metadata."""

    title: str
    author: str
    kind: str
    subject: str
    keywords: list[str]
    premiere: Row


def pdf_document(facts: Facts, _: Voice) -> Document:
    film = facts.film
    film_title = title(facts, _)
    director = names(_, facts.credits.director)
    kind = _("Press kit")
    subject = _("Press kit of the documentary {title} by {director} ({country} {year})").format(
        title=film_title, director=director, country=_(film.country), year=film.year
    )
    # Every title the film is known by (in Dutch the translated title is the
    # original one: the English title must still be found).
    titles = list(dict.fromkeys([film_title, film.original_title, film.title]))
    keywords = [*titles, director, _(film.genre), _(film.country), str(film.year), kind]
    return Document(film_title, director, kind, subject, keywords, Row(_("World premiere"), [premiere_line(facts, _)]))


@dataclass(frozen=True)
class Download:
    """What the site says where it offers the PDF."""

    button: str
    missing: str
    kind: str  # the file's format as the language writes it: PDF, pdf


def pdf_download(facts: Facts, _: Voice) -> Download:
    return Download(_("Download the press kit (PDF)"), _("not available yet"), _("PDF"))


@dataclass(frozen=True)
class Card:
    """What the title card says (``presskit.site.card``): the share image of every page."""

    kind: str
    title: str
    other_title: str
    by: str
    year: str
    runtime: str

    @property
    def alt(self) -> str:
        return f"{self.title} ({self.other_title}), {self.by}, {self.year}, {self.runtime}"


def title_card(facts: Facts, _: Voice) -> Card:
    film = facts.film
    shown = title(facts, _)
    # The other title the film is known by: the original one, or, where the
    # page's title is the original (Dutch), the English one.
    other = next((t for t in (film.original_title, film.title) if t != shown), film.original_title)
    by = _(f"a documentary by {', '.join(facts.credits.director)}")
    return Card(_("Press kit"), shown, other, by, str(film.year), runtime(facts, _))


@dataclass(frozen=True)
class ImagesDownload:
    """What the downloads page says about the zip of stills (``presskit.site.stills``)."""

    link: str
    size: str


def images_download(facts: Facts, _: Voice) -> ImagesDownload:
    return ImagesDownload(_("Stills and images"), _("ZIP, {megabytes} MB; caption and credit in each file"))


#: Every view, so that extraction can call them all.
ALL_VIEWS = (
    title,
    at_a_glance,
    credits,
    technical_sheet,
    screenings,
    filmography,
    contacts,
    quotes,
    pdf_document,
    pdf_download,
    title_card,
    images_download,
)


_translate = get_translation("facts")


def voice(language: str) -> Voice:
    """The voice of the build's language, through the ``facts`` catalogue."""
    return Voice(lambda message: str(_translate(message)), language)


def dash(config: Config) -> str:
    """The language's dash (conf.py's ``presskit_dash``)."""
    return config.presskit_dash.get(config.language, "–")
