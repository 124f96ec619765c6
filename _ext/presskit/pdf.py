"""The PDF press kit: its cover, running head and metadata, in the page's language.

The design itself is ``_latex/presskit.sty``; this module supplies what
depends on the language and on the facts:

- ``config-inited``: adds to the LaTeX preamble the PDF metadata (title,
  author, subject, keywords, language) and the running head, made from the
  facts and the ``facts`` catalogue (``presskit.facts.view.pdf_document``).  Every
  string is TeX-escaped (Sphinx's tables, initialised here: the LaTeX builder
  would do it only later), so a title or translation is text, never TeX.
- ``doctree-resolved`` (LaTeX builder, the whole document): the home page's
  heading, original title and logline become the cover, followed by the
  premiere; the sections named in ``presskit_pdf_skip`` (web navigation) are
  left out; the pages the home page's toctrees include become top-level
  sections after "facts at a glance"; quotes and the signature are put in
  the design's boxes (the facts blocks have their own LaTeX visitor).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import texescape

from .facts import view
from .facts.directives import facts_block, value_nodes


def _tex(text: str) -> str:
    # Before init() the tables are empty and escape() returns the text as it is.
    texescape.init()
    return texescape.escape(text, "xelatex")


def _pdf_string(text: str) -> str:
    # hyperref drops \sphinxhyphen from the metadata: a plain hyphen is safe there.
    return _tex(text).replace(r"\sphinxhyphen{}", "-")


def _bcp47(language: str) -> str:
    return language.replace("_", "-")


def language_preamble(config: Config) -> str:
    """The LaTeX that depends on the language: metadata and running head."""
    doc = view.pdf_document(config.presskit_facts, view.voice(config.language))
    return "\n".join(
        [
            "% Added by presskit.pdf for language " + config.language,
            r"\hypersetup{",
            f"  pdftitle={{{_pdf_string(doc.title)}}},",
            f"  pdfauthor={{{_pdf_string(doc.author)}}},",
            f"  pdfsubject={{{_pdf_string(doc.subject)}}},",
            f"  pdfkeywords={{{_pdf_string(', '.join(doc.keywords))}}},",
            f"  pdflang={{{_bcp47(config.language)}}},",
            "}",
            rf"\presskitrunninghead{{{_tex(doc.title)}}}{{{_tex(doc.kind)}}}",
            # The film's titles and the director's name are never hyphenated.
            rf"\AddToHook{{begindocument/end}}{{\hyphenation{{{' '.join(unbreakable(doc))}}}}}",
        ]
    )


def unbreakable(doc: view.Document) -> list[str]:
    """The words of the titles and of the director's name (letters only)."""
    words = re.findall(r"[^\W\d_]{4,}", " ".join(doc.keywords[: doc.keywords.index(doc.author) + 1]))
    return sorted(set(words))


def add_language_preamble(app: Sphinx, config: Config) -> None:
    # Runs after presskit.facts.catalog has loaded the language's catalogue.
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + "\n" + language_preamble(config)
    config.latex_elements = elements


def _box(cls: str, *children: nodes.Node) -> nodes.container:
    return nodes.container("", *children, classes=[cls])


def _has_class(node: nodes.Node, cls: str) -> bool:
    return isinstance(node, nodes.Element) and cls in node.get("classes", [])


def _labels(node: nodes.Element) -> set[str]:
    return set(node.get("names", [])) | set(node.get("ids", []))


def make_cover(app: Sphinx, home: nodes.section) -> None:
    """Turn the home page's title, original title and logline into the cover."""
    doc = view.pdf_document(app.config.presskit_facts, view.voice(app.config.language))
    title = home[0]
    assert isinstance(title, nodes.title)
    original = [n for n in home.children if _has_class(n, "presskit-original-title")]
    logline = [n for n in home.children if _has_class(n, "presskit-logline")]
    for node in original + logline:
        home.remove(node)
    premiere = doc.premiere
    cover = _box(
        "presskit-cover",
        _box(
            "presskit-cover-band",
            _box("presskit-cover-kind", nodes.paragraph("", doc.kind.upper())),
            _box("presskit-cover-title", nodes.paragraph("", "", *[c.deepcopy() for c in title.children])),
            _box("presskit-cover-original", *original),
        ),
        _box("presskit-cover-logline", *logline),
        _box(
            "presskit-cover-premiere",
            _box("presskit-cover-label", nodes.paragraph("", premiere.label.upper())),
            value_nodes(premiere.values),
        ),
    )
    home.insert(1, cover)


def restructure(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex" or docname != app.config.root_doc:
        return
    home = next(iter(doctree.findall(nodes.section)))
    # The pages of the toctrees: top-level sections, in reading order.
    pages = [
        sof
        for sof in doctree.findall(addnodes.start_of_file)
        if not any(isinstance(a, addnodes.start_of_file) for a in _ancestors(sof))
    ]
    skip = set(app.config.presskit_pdf_skip)
    for sof in pages:
        sof.parent.remove(sof)
    pages = [sof for sof in pages if not any(_labels(s) & skip for s in sof.findall(nodes.section))]
    for section in list(home.findall(nodes.section)):
        if section is not home and _labels(section) & skip:
            section.parent.remove(section)
    make_cover(app, home)
    home.extend(pages)
    style_boxes(doctree)
    keep_facts_together(doctree)


def style_boxes(doctree: nodes.document) -> None:
    """Mark the signature and the quotes for the design (``presskit.sty``)."""
    for para in list(doctree.findall(nodes.paragraph)):
        if _has_class(para, "presskit-signature"):
            para.replace_self(_box("presskit-signature", para.deepcopy()))
    for quote in list(doctree.findall(nodes.block_quote)):
        for para in list(quote.findall(nodes.paragraph)):
            if _has_class(para, "presskit-attribution"):
                para.replace_self(_box("presskit-attribution", para.deepcopy()))
        quote.replace_self(_box("presskit-quote", quote.deepcopy()))


def _lines(node: nodes.Node) -> float:
    """About how many lines ``node`` takes in the PDF (for keeping it together)."""
    if isinstance(node, nodes.title):
        return 3.5
    if isinstance(node, nodes.field):
        return 1.1 * (1 + len(node[1].astext()) // 60)
    if isinstance(node, nodes.term):
        return 1.8
    if isinstance(node, nodes.paragraph):
        return 0.8 + len(node.astext()) / 80
    if isinstance(node, nodes.Element):
        return sum(_lines(child) for child in node.children)
    return 0.0


def keep_facts_together(doctree: nodes.document) -> None:
    """A section of facts (credits, screenings, contacts) starts on a new page
    unless it fits whole (up to its first subsection) on the current one: no
    heading stays alone at the foot of a page, no contact spills onto the next."""
    for section in list(doctree.findall(nodes.section)):
        if not any(section.findall(facts_block)):
            continue
        lines = 0.0
        for child in section.children:
            lines += _lines(child)
            if isinstance(child, nodes.section):
                break
        raw = nodes.raw("", f"\\presskitneedspace{{{min(lines, 40):.0f}\\baselineskip}}\n", format="latex")
        parent, index = _before_targets(section)
        parent.insert(index, raw)


def _before_targets(section: nodes.section) -> tuple[nodes.Element, int]:
    """Where a node goes just before ``section``: before the label targets
    that precede it (which may end the previous section), since between a
    target and its section LaTeX would get the label twice."""
    parent, index = section.parent, section.parent.index(section)
    while index and isinstance(parent[index - 1], nodes.section):
        parent, index = parent[index - 1], len(parent[index - 1])
    if not (index and isinstance(parent[index - 1], nodes.target)):
        return section.parent, section.parent.index(section)
    while index and isinstance(parent[index - 1], nodes.target):
        index -= 1
    return parent, index


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("presskit_pdf_skip", [], "", types=[list])
    app.connect("config-inited", add_language_preamble, priority=600)
    app.connect("doctree-resolved", restructure)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
