"""Directives that render the film facts into pages.

``{film-facts}`` (facts at a glance), ``{credits}``, ``{technical-sheet}``,
``{screenings}``, ``{filmography}``, ``{contacts}`` and ``{press-quotes}`` each show one view of
``factsview`` in the page's language.  Their text comes from the data file and
the ``facts`` catalogue, not from the page, so the nodes carry no source and
the page catalogues do not extract them a second time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.docutils import SphinxDirective

from . import factsview
from .factsview import Entry, Link, Row, Value, Voice

_ = get_translation("facts")

_EMPHASIS = re.compile(r"\*([^*]+)\*")


def inline(text: str) -> list[nodes.Node]:
    """Text with ``*emphasis*`` as nodes, on one line (a fact is one line of
    text: a line break in the data would end a paragraph in the PDF)."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()  # no-break spaces stay
    out: list[nodes.Node] = []
    pos = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > pos:
            out.append(nodes.Text(text[pos : m.start()]))
        out.append(nodes.emphasis(m.group(1), m.group(1)))
        pos = m.end()
    if pos < len(text):
        out.append(nodes.Text(text[pos:]))
    return out


def value_nodes(values: list[Value]) -> nodes.paragraph:
    para = nodes.paragraph()
    for i, value in enumerate(values):
        if i:
            para += nodes.Text(" · ")
        if isinstance(value, Link):
            para += nodes.reference(value.text, value.text, refuri=value.url)
        else:
            para += inline(value)
    return para


def rows_table(rows: list[Row], classes: list[str]) -> nodes.table:
    table = nodes.table(classes=["presskit-facts", *classes])
    group = nodes.tgroup(cols=2)
    table += group
    group += nodes.colspec(colwidth=1, stub=1)
    group += nodes.colspec(colwidth=2)
    body = nodes.tbody()
    group += body
    for row in rows:
        body += nodes.row(
            "",
            nodes.entry("", nodes.paragraph(row.label, row.label)),
            nodes.entry("", value_nodes(row.values)),
        )
    return table


def rows_fields(rows: list[Row], classes: list[str]) -> nodes.field_list:
    fields = nodes.field_list(classes=["presskit-facts", *classes])
    for row in rows:
        fields += nodes.field("", nodes.field_name(row.label, row.label), nodes.field_body("", value_nodes(row.values)))
    return fields


def entries_list(entries: list[Entry], classes: list[str]) -> nodes.definition_list:
    dl = nodes.definition_list(classes=["presskit-entries", *classes])
    for entry in entries:
        dl += nodes.definition_list_item(
            "",
            nodes.term("", "", *inline(entry.title)),
            nodes.definition("", rows_fields(entry.rows, [])),
        )
    return dl


def lines_list(lines: list[str], classes: list[str]) -> nodes.bullet_list:
    ul = nodes.bullet_list(classes=["presskit-list", *classes])
    for line in lines:
        ul += nodes.list_item("", nodes.paragraph("", "", *inline(line)))
    return ul


def attribution(quote: factsview.Quote) -> str:
    """ "Neil Young, *The Hollywood Reporter*", "Jos van der Burg, *De Filmkrant* (NL)"."""
    where = f"*{quote.outlet}*" if quote.outlet else quote.affiliation
    return f"{quote.author}, {where}" + (f" ({quote.country})" if quote.country else "")


class PressQuotesDirective(SphinxDirective):
    """The press quotes (``quotes`` in the data file), in the page's language
    and its quotation marks (``presskit_quotation_marks``)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        lang = self.config.language
        opening, closing = self.config.presskit_quotation_marks.get(lang, "“”")[:2]
        self.env.note_dependency(self.config.presskit_facts_file)
        found = []
        for quote in factsview.quotes(self.config.presskit_facts, voice(lang)):
            text, after = quote.text, ""
            if lang in self.config.presskit_stop_after_quote and text.endswith("."):
                text, after = text[:-1], "."
            words = nodes.paragraph("", "", nodes.Text(opening), *inline(text), nodes.Text(closing + after))
            by = nodes.paragraph(
                "",
                "",
                nodes.Text(f"{dash(self.config)}\u00a0"),
                *inline(attribution(quote)),
                classes=["presskit-attribution"],
            )
            found.append(nodes.block_quote("", words, by, classes=["presskit-quote"]))
        return found


def dash(config) -> str:
    """The language's dash (conf.py's ``presskit_dash``)."""
    return config.presskit_dash.get(config.language, "–")


def voice(language: str) -> Voice:
    return Voice(lambda message: str(_(message)), language)


def facts_directive(
    view: Callable[[dict[str, Any], Voice], list], render: Callable[[list, list[str]], nodes.Node]
) -> type[SphinxDirective]:
    """A directive class that renders ``view`` with ``render``."""

    class FactsDirective(SphinxDirective):
        has_content = False

        def run(self) -> list[nodes.Node]:
            facts = self.config.presskit_facts
            # The page shows facts from the data file: rebuild it when that changes.
            self.env.note_dependency(self.config.presskit_facts_file)
            node = render(view(facts, voice(self.config.language)), [f"presskit-{self.name}"])
            return [node]

    FactsDirective.__name__ = f"{view.__name__.title().replace('_', '')}Directive"
    return FactsDirective


DIRECTIVES = {
    "film-facts": (factsview.at_a_glance, rows_fields),
    "credits": (factsview.credits, rows_table),
    "technical-sheet": (factsview.technical_sheet, rows_table),
    "screenings": (factsview.screenings, entries_list),
    "filmography": (factsview.filmography, lines_list),
    "contacts": (factsview.contacts, entries_list),
}


def setup(app: Sphinx) -> dict[str, Any]:
    for name, (view, render) in DIRECTIVES.items():
        app.add_directive(name, facts_directive(view, render))
    app.add_directive("press-quotes", PressQuotesDirective)
    # A language's quotation marks, outer then inner: {"ru": "«»„“"}.
    app.add_config_value("presskit_quotation_marks", {}, "env", types=[dict])
    app.add_config_value("presskit_dash", {}, "env", types=[dict])
    app.add_config_value("presskit_stop_after_quote", [], "env", types=[list])
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
