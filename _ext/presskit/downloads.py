"""The PDF press kit in the site: a header button and the downloads page.

- ``{pdf-downloads}`` lists the PDF of every language with its size.  tools/build.py
  builds the PDFs before the HTML, into ``<site>/<lang>/<presskit_pdf_name>``;
  the page depends on those files, so a new PDF updates the size it shows.
- Every HTML page gets a header button to the PDF of its language (the book
  theme's header buttons, not its print-this-page button).
- A PDF that is not built is not linked; when the set of built PDFs changes,
  every page is read and written again, so the buttons follow.

``presskit_site_dir`` is the site's root (the parent of ``<lang>/``); by
default the HTML output directory's parent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.units import format_unit
from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from . import factsview
from .factsdirectives import voice


def default_site_dir(app: Sphinx) -> None:
    if not app.config.presskit_site_dir and app.builder.format == "html":
        app.config.presskit_site_dir = str(Path(app.outdir).parent)


def pdf_name(config: Config, lang: str) -> str:
    return config.presskit_pdf_name.format(language=lang)


def pdf_path(config: Config, lang: str) -> Path | None:
    if not config.presskit_site_dir:
        return None
    return Path(config.presskit_site_dir).resolve() / lang / pdf_name(config, lang)


def built_pdfs(config: Config) -> frozenset[str]:
    return frozenset(
        lang for lang in config.presskit_languages
        if (path := pdf_path(config, lang)) is not None and path.is_file()
    )


def file_size(size: int, language: str) -> str:
    """A file size as people write it in ``language``: "245 kB", "1,2 МБ"."""
    if size < 1_000_000:
        return format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short", locale=language)
    return format_unit(size / 1_000_000, "digital-megabyte", length="short", format="#,##0.0", locale=language)


class PdfDownloadsDirective(SphinxDirective):
    """A list of the PDF of every language, with its size."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        text = factsview.pdf_download(self.config.presskit_facts, voice(self.config.language))
        up = "../" * (self.env.docname.count("/") + 1)
        items = nodes.bullet_list(classes=["presskit-downloads"])
        for lang, native in self.config.presskit_languages.items():
            path = pdf_path(self.config, lang)
            para = nodes.paragraph()
            if path is not None:
                # Re-read this page when the PDF is built again.
                self.env.note_dependency(str(path))
            if path is not None and path.is_file():
                url = f"{up}{lang}/{pdf_name(self.config, lang)}"
                para += nodes.reference(native, native, refuri=url)
                para += nodes.Text(f" – PDF, {file_size(path.stat().st_size, self.config.language)}")
            else:
                para += nodes.Text(f"{native} – {text.missing}")
            items += nodes.list_item("", para)
        return [items]


def outdated_when_pdfs_change(app: Sphinx, env: BuildEnvironment, added: set[str],
                              changed: set[str], removed: set[str]) -> list[str]:
    now = built_pdfs(app.config)
    if getattr(env, "presskit_pdfs", None) != now:
        env.presskit_pdfs = now
        return sorted(env.found_docs)
    return []


def add_pdf_button(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    lang = app.config.language
    if "header_buttons" not in context or lang not in built_pdfs(app.config):
        return
    text = factsview.pdf_download(app.config.presskit_facts, voice(lang))
    context["header_buttons"].insert(0, {
        "type": "link",
        "url": context["pathto"](pdf_name(app.config, lang), 1),
        # The icon says "PDF"; the tooltip (and the accessible name) says it
        # in the page's language.
        # (The theme writes it into the page unescaped.)
        "tooltip": Markup.escape(text.button),
        "icon": "fas fa-file-pdf",
        "label": "presskit-pdf-button",
    })


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("presskit_pdf_name", "presskit-{language}.pdf", "env", types=[str])
    app.add_config_value("presskit_site_dir", "", "", types=[str])
    app.connect("builder-inited", default_site_dir)
    app.add_directive("pdf-downloads", PdfDownloadsDirective)
    app.add_css_file("presskit-pdf.css")
    app.connect("env-get-outdated", outdated_when_pdfs_change)
    # After the book theme has made its list of header buttons (priority 501).
    app.connect("html-page-context", add_pdf_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
