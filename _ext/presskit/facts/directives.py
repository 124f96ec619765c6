"""Directives that render the film facts into pages.

``{film-facts}`` (facts at a glance), ``{credits}``, ``{technical-sheet}``,
``{screenings}``, ``{filmography}``, ``{contacts}`` and ``{press-quotes}`` each show one view of
``presskit.facts.view`` in the page's language.  Their text comes from the data file and
the ``facts`` catalogue, not from the page, so the nodes carry no source and
the page catalogues do not extract them a second time.

A block of facts is a :class:`facts_block` node holding a field list of its
rows (or a definition list of titled blocks: festivals, contacts); its HTML
visitor shows the list, or a table, its LaTeX visitor a box of the design.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import view
from .view import Entry, Link, Row, Value, dash, voice

_EMPHASIS = re.compile(r"\*([^*]+)\*")


class facts_block(nodes.General, nodes.Element):
    """A block of facts: one child, a field list or a definition list of field lists."""


def visit_facts_html(self, node: facts_block) -> None:
    """A ``table`` block is a two-column table, its labels the rows' headers."""
    if not node.get("table"):
        return  # the list as it is
    body = nodes.tbody()
    for name, value in node[0].children:
        label = nodes.paragraph("", "", *name.deepcopy().children)
        body += nodes.row("", nodes.entry("", label), nodes.entry("", *value.deepcopy().children))
    group = nodes.tgroup("", nodes.colspec(colwidth=1, stub=1), nodes.colspec(colwidth=2), body, cols=2)
    nodes.table("", group, classes=node[0]["classes"]).walkabout(self)
    raise nodes.SkipNode


def visit_facts_latex(self, node: facts_block) -> None:
    """A box of the design around the list (``_latex/presskit.sty``)."""
    box = "presskit-entries" if isinstance(node[0], nodes.definition_list) else "presskit-fields"
    self.body.append(f"\n\\begin{{sphinxuseclass}}{{{box}}}")


def depart_facts_latex(self, node: facts_block) -> None:
    self.body.append("\\end{sphinxuseclass}\n")


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


def rows_block(rows: list[Row], classes: list[str], table: bool = False) -> facts_block:
    fields = nodes.field_list(classes=["presskit-facts", *classes])
    for row in rows:
        # (Translated in facts.po: not extracted into the page's catalogue too.)
        label = nodes.field_name(row.label, row.label, translatable=False)
        fields += nodes.field("", label, nodes.field_body("", value_nodes(row.values)))
    return facts_block("", fields, table=table)


def entries_block(entries: list[Entry], classes: list[str]) -> facts_block:
    # "simple", as docutils marks a list of simple items (the theme styles it):
    # docutils cannot look into a facts block to see that it is one.
    dl = nodes.definition_list(classes=["simple", "presskit-entries", *classes])
    for entry in entries:
        dl += nodes.definition_list_item(
            "",
            nodes.term("", "", *inline(entry.title)),
            nodes.definition("", rows_block(entry.rows, [])),
        )
    return facts_block("", dl)


def lines_list(lines: list[str], classes: list[str]) -> nodes.bullet_list:
    ul = nodes.bullet_list(classes=["presskit-list", *classes])
    for line in lines:
        ul += nodes.list_item("", nodes.paragraph("", "", *inline(line)))
    return ul


def attribution(quote: view.ShownQuote) -> str:
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
        found = []
        for quote in view.quotes(self.config.presskit_facts, voice(lang)):
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


class FactsDirective(SphinxDirective):
    """One view of the facts (``DIRECTIVES``, by the directive's name) in the page's language."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        shown, render = DIRECTIVES[self.name]
        return [render(shown(self.config.presskit_facts, voice(self.config.language)), [f"presskit-{self.name}"])]


DIRECTIVES = {
    "film-facts": (view.at_a_glance, rows_block),
    "credits": (view.credits, partial(rows_block, table=True)),
    "technical-sheet": (view.technical_sheet, partial(rows_block, table=True)),
    "screenings": (view.screenings, entries_block),
    "filmography": (view.filmography, lines_list),
    "contacts": (view.contacts, entries_block),
}


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_node(
        facts_block, html=(visit_facts_html, lambda self, node: None), latex=(visit_facts_latex, depart_facts_latex)
    )
    for name in DIRECTIVES:
        app.add_directive(name, FactsDirective)
    app.add_directive("press-quotes", PressQuotesDirective)
    # A language's quotation marks, outer then inner: {"ru": "«»„“"}.
    app.add_config_value("presskit_quotation_marks", {}, "env", types=[dict])
    app.add_config_value("presskit_dash", {}, "env", types=[dict])
    app.add_config_value("presskit_stop_after_quote", [], "env", types=[list])
    return {"version": "2.0", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
