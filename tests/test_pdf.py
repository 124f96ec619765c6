"""The PDF press kit of every language, as a reader and a printer get it.

Read from the PDFs the session's site build publishes (``built_site``):
A4, fonts embedded, the facts and the synopsis in the language, metadata,
bookmarks, a sensible number of pages; every HTML page offers its PDF and the
downloads page lists them all.  The expected texts come from the catalogues
(msgstr when translated, the English otherwise), as the build shows them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import LANGUAGES, PAGES, ROOT, article, build, read_html
from presskit.facts import view  # noqa: E402
from presskit.pofile import messages, translations  # noqa: E402

LANGS = LANGUAGES
#: A designed press kit of this film: cover plus six to eight pages of text.
PAGE_RANGE = range(5, 11)
A4 = (595.28, 841.89)


def pdf_path(site: Path, lang: str) -> Path:
    return site / lang / f"the-red-soul-{lang}.pdf"


def translator(lang: str, domain: str):
    """What the build shows for a message: its translation, unless missing or fuzzy."""
    strings = translations(ROOT / "locale" / lang / "LC_MESSAGES" / f"{domain}.po")
    return lambda message: strings.get(message, message)


def voice(lang: str) -> view.Voice:
    return view.Voice(translator(lang, "facts"), lang)


def squash(text: str) -> str:
    """Text without what layout changes: spaces, line-end hyphens, quote styles."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011'\"‘’“”„«»*]", "", text)


@pytest.fixture(scope="session")
def pdf_text(built_site):
    return {
        lang: "\n".join(page.extract_text() for page in PdfReader(pdf_path(built_site, lang)).pages) for lang in LANGS
    }


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_published_a4_with_a_sensible_page_count(built_site, lang):
    path = pdf_path(built_site, lang)
    assert path.is_file()
    reader = PdfReader(path)
    assert len(reader.pages) in PAGE_RANGE
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4, abs=1), size


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_is_embedded(built_site, lang):
    out = subprocess.run(
        ["pdffonts", str(pdf_path(built_site, lang))], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    header, rule, rows = out[0], out[1], out[2:]
    columns = [m.span() for m in re.finditer(r"-+", rule)]
    names = [header[a:b].strip() for a, b in columns]
    fonts = [dict(zip(names, (row[a:b].strip() for a, b in columns))) for row in rows]
    assert fonts
    assert all(font["emb"] == "yes" for font in fonts), fonts
    families = {re.sub(r"^[A-Z]{6}\+", "", font["name"]).split("-")[0] for font in fonts}
    assert families <= {"PTSerif", "PTSans", "PTMono"}, families


@pytest.mark.parametrize("lang", LANGS)
def test_text_has_the_facts_at_a_glance(pdf_text, facts, lang):
    text = squash(pdf_text[lang])
    for row in view.at_a_glance(facts, voice(lang)):
        assert squash(row.label) in text, row.label
        for value in row.values:
            assert squash(str(value)) in text, value
    assert squash(facts.film.original_title) in text
    assert squash(view.title(facts, voice(lang))) in text


@pytest.mark.parametrize("lang", LANGS)
def test_text_has_the_synopsis_first_sentence(pdf_text, lang):
    english = next(
        m.id
        for m in messages(ROOT / "locale" / lang / "LC_MESSAGES" / "film" / "synopsis.po")
        if m.id.startswith("In the country where hardly any family")
    )
    paragraph = translator(lang, "film/synopsis")(english)
    first_sentence = re.match(r"(.+?[.!?])(\s|$)", paragraph).group(1)
    assert squash(first_sentence) in squash(pdf_text[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_text_shows_no_sphinx_defaults(pdf_text, lang):
    text = pdf_text[lang]
    for default in ("Author name not set", "Release", "Index", "Contents", "Python"):
        assert default not in text, default


@pytest.mark.parametrize("lang", LANGS)
def test_metadata_in_the_language(built_site, facts, lang):
    reader = PdfReader(pdf_path(built_site, lang))
    meta = reader.metadata
    doc = view.pdf_document(facts, voice(lang))
    assert meta.title == view.title(facts, voice(lang))
    assert meta.author == view.names(voice(lang), facts.credits.director)
    assert meta.subject == doc.subject
    keywords = [k.strip() for k in meta["/Keywords"].split(",")]
    assert facts.film.original_title in keywords and doc.kind in keywords
    # Both titles can be searched for, in every language.
    assert facts.film.title in keywords and doc.title in keywords
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang", LANGS)
def test_bookmarks_for_every_page(built_site, lang):
    outline = PdfReader(pdf_path(built_site, lang)).outline
    top = [item.title for item in outline if not isinstance(item, list)]
    page_titles = translator(lang, "film/synopsis")("Synopsis"), translator(lang, "press/contacts")("Contacts")
    assert len(top) >= 9, top
    for title in page_titles:
        assert title in top, (title, top)


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_offers_its_pdf(built_site, lang):
    site = built_site / lang
    for docname in PAGES:
        button = read_html(site, docname).select_one("a.btn-presskit-pdf-button")
        assert button is not None, docname
        target = (site / docname).parent / button["href"]
        assert target.resolve() == pdf_path(built_site, lang).resolve(), (docname, button["href"])
        assert "print" not in button.get("onclick", "")


@pytest.mark.parametrize("lang", LANGS)
def test_downloads_page_links_every_pdf(built_site, lang):
    body = article(read_html(built_site / lang, "press/downloads"))
    items = body.select("ul.presskit-downloads li")
    assert len(items) == len(LANGS)
    for item, other in zip(items, LANGS):
        link = item.find("a")
        path = pdf_path(built_site, other)
        assert (built_site / lang / "press" / link["href"]).resolve() == path.resolve()
        assert path.stat().st_size > 50_000


def _build_pdf(project: Path, *formats: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return build(project, "en", formats=formats, env=env)


def test_a_character_the_font_lacks_fails_the_build_naming_the_page(project):
    # U+2603 SNOWMAN: PT Serif has no glyph for it.
    page = project / "film" / "synopsis.md"
    page.write_text(page.read_text() + "\nA snowman ☃ the font cannot draw.\n")
    result = _build_pdf(project, "pdf")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Missing character" in output and "U+2603" in output
    assert "film/synopsis.md" in output
    assert not pdf_path(project / "_build" / "site", "en").exists()


def test_a_filled_in_address_is_a_clickable_link(project):
    data = project / "film" / "facts.toml"
    data.write_text(
        data.read_text().replace(
            'person = "Mirjam Wiekenkamp"\nemail = ""', 'person = "Mirjam Wiekenkamp"\nemail = "press@example.org"'
        )
    )
    result = _build_pdf(project, "pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    reader = PdfReader(pdf_path(project / "_build" / "site", "en"))
    uris = [
        annot.get_object()["/A"].get("/URI")
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/A")
    ]
    assert "mailto:press@example.org" in uris


def test_the_website_builds_without_tex_and_the_pdf_says_what_to_install(project, tmp_path):
    gettext_only = tmp_path / "bin"
    gettext_only.mkdir()
    (gettext_only / "msgfmt").symlink_to(shutil.which("msgfmt"))
    no_tex = {**os.environ, "PATH": str(gettext_only)}
    html = _build_pdf(project, "html", env=no_tex)
    assert html.returncode == 0, html.stdout + html.stderr
    assert (project / "_build" / "site" / "en" / "index.html").exists()
    pdf = _build_pdf(project, "pdf", env=no_tex)
    assert pdf.returncode != 0
    assert "tools/system-deps.sh" in pdf.stderr and "xelatex" in pdf.stderr


def pages_text(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext gives it (what a reader copies)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")[:-1]


@pytest.mark.parametrize("lang", LANGS)
def test_running_heads_name_a_section_never_a_subsection(built_site, facts, lang):
    outline = PdfReader(pdf_path(built_site, lang)).outline
    sections = [item.title for item in outline if not isinstance(item, list)]
    subsections = [sub.title for item in outline if isinstance(item, list) for sub in item if not isinstance(sub, list)]
    heads = [page.strip().splitlines()[0] for page in pages_text(pdf_path(built_site, lang))[1:]]
    for head in heads:
        assert any(head.rstrip().endswith(section) for section in sections), (head, sections)
        assert not any(head.rstrip().endswith(sub) for sub in subsections if sub not in sections), head


@pytest.mark.parametrize("lang", LANGS)
def test_names_and_titles_are_never_hyphenated_and_labels_copy_as_words(built_site, facts, lang):
    text = "\n".join(pages_text(pdf_path(built_site, lang)))
    doc = view.pdf_document(facts, voice(lang))
    for word in re.findall(r"[^\W\d_]{4,}", f"{doc.title} {doc.author}"):
        broken = rf"{word[:2]}\w*-\s*\n\s*\w*{word[-2:]}"
        assert not any("".join(m.group().replace("-", "").split()) == word for m in re.finditer(broken, text)), word
    # The letter-spaced cover label is copied as the word it is.
    assert doc.kind.upper() in text.replace("\u00ad", "")
