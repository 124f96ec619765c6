"""The PDF press kit in the site: a header button and the downloads page.

The website links the PDFs when it is built together with them
(``presskit_with_pdf``, set by tools/build.py), and only then: a page never
depends on a PDF file itself, so the website and the PDFs build independently.

- ``{pdf-downloads}`` lists the PDF of every language.
- Every HTML page gets a header button to the PDF of its language (the book
  theme's header buttons, not its print-this-page button).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ..facts import view
from ..facts.view import dash, voice


def pdf_name(config: Config, lang: str) -> str:
    return config.presskit_pdf_name.format(language=lang)


def pdf_url(config: Config, lang: str) -> str:
    """The PDF's address where the host keeps it apart (Read the Docs), or ""."""
    return config.presskit_pdf_url.format(lang=lang) if config.presskit_pdf_url else ""


class PdfDownloadsDirective(SphinxDirective):
    """A list of the PDF of every language."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        text = view.pdf_download(self.config.presskit_facts, voice(self.config.language))
        up = "../" * (self.env.docname.count("/") + 1)
        items = nodes.bullet_list(classes=["presskit-downloads"])
        for lang, native in self.config.presskit_languages.items():
            para = nodes.paragraph()
            if self.config.presskit_with_pdf:
                url = pdf_url(self.config, lang) or f"{up}{lang}/{pdf_name(self.config, lang)}"
                para += nodes.reference(native, native, refuri=url)
                para += nodes.Text(f" {dash(self.config)} {text.kind}")
            else:
                para += nodes.Text(f"{native} {dash(self.config)} {text.missing}")
            items += nodes.list_item("", para)
        return [items]


def add_pdf_button(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    lang = app.config.language
    if "header_buttons" not in context or not app.config.presskit_with_pdf:
        return
    text = view.pdf_download(app.config.presskit_facts, voice(lang))
    context["header_buttons"].insert(
        0,
        {
            "type": "link",
            "url": pdf_url(app.config, lang) or context["pathto"](pdf_name(app.config, lang), 1),
            # The icon says "PDF"; the tooltip (and the accessible name) says it
            # in the page's language.
            # (The theme writes it into the page unescaped.)
            "tooltip": Markup.escape(text.button),
            "icon": "fas fa-file-pdf",
            "label": "presskit-pdf-button",
        },
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("presskit_pdf_name", "presskit-{language}.pdf", "env", types=[str])
    app.add_config_value("presskit_with_pdf", False, "env", types=[bool])
    app.add_config_value("presskit_pdf_url", "", "env", types=[str])
    app.add_directive("pdf-downloads", PdfDownloadsDirective)
    app.add_css_file("presskit-pdf.css")
    # After the book theme has made its list of header buttons (priority 501).
    app.connect("html-page-context", add_pdf_button, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
