"""Each kind of broken catalogue fails the check, naming its file and line.

End to end, as a translator runs it, `make check` runs on two copies of the
project: the shipped catalogues pass every check (the strict builds of the
references check included); with one fault of each kind seeded, every fault
is named with its file and line.  The checks' functions are also tested
directly, one fault at a time (no extraction, no build).  What the strict
build finds runs one build each: a link pointed elsewhere (Russian's
website) and a character the PDF's fonts lack (the references check, for
Russian alone).
"""

from __future__ import annotations

import os
from pathlib import Path

import build  # noqa: E402
import catalogs as catalogs_tool  # noqa: E402
import pocheck  # noqa: E402
from conftest import ROOT, make
from conftest import build as build_site
from po_helpers import catalogs, join_long_msgstr, line_of, read, translate

RU, NL = "locale/ru/LC_MESSAGES", "locale/nl/LC_MESSAGES"
CONF = build.load_conf(ROOT)
MD = pocheck.markdown_parser(CONF["myst_enable_extensions"])


def content_errors(project: Path, rel: str, domain: str) -> list[str]:
    """The markup check of one catalogue, as `make check` runs it."""
    lang = rel.split("/")[1]
    equivalents = CONF["presskit_markup_equivalents"].get(lang)
    return pocheck.check_content(project / rel, rel, domain, MD, equivalents)


def syntax_errors(project: Path, rel: str) -> list[str]:
    """msgfmt --check of one catalogue, as `make check` (and every build) runs it."""
    return build.compile_catalogue(project / rel, project, Path(os.devnull))


# -- End to end: `make check` ------------------------------------------------------------


def test_clean_catalogues_pass(project):
    result = make(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "catalogue check: 0 error(s)" in result.stdout


def test_make_check_names_every_seeded_fault(project):
    """One of each fault in one run of `make check`, each named with its file and line."""
    faults = {
        "ru-spelling": (RU, "film/protagonists.po", "Igor is 45", "Для него Сталин", "Для него Сталлин"),
        "nl-spelling": (NL, "film/synopsis.po", "Struggles with the past", "dan herinnering", "dan herrinering"),
        "ru-glossary": (RU, "facts.po", "Winning combination", "Гортер разумно", "Гортэр разумно"),
        "nl-glossary": (NL, "film/protagonists.po", "Galina is 75.", "Stalins Goelag", "Stalins Gulag"),
    }
    for folder, file, msgid, old, new in faults.values():
        po = project / folder / file
        message = next(m for m in read(po) if m.id.startswith(msgid))
        assert old in message.string
        translate(po, msgid, message.string.replace(old, new))
    # Markup: an unclosed ** and a dropped link, in one catalogue.
    index = project / RU / "index.po"
    translate(index, "The Red Soul", "**Красная душа")
    translate(index, "The [press quotes](quotes)", "Цитаты из прессы, [показы](screenings) и [контакты](contacts).")
    lines = {
        name: f"{folder}/{file}:{line_of(project / folder / file, msgid)}:"
        for name, (folder, file, msgid, _, _) in faults.items()
    }
    # Syntax: an unterminated string.
    synopsis = project / RU / "film" / "synopsis.po"
    text = synopsis.read_text(encoding="utf-8").splitlines(keepends=True)
    syntax_line = next(i for i, line in enumerate(text) if line.startswith('msgid "Synopsis"')) + 1
    text[syntax_line] = 'msgstr "Синопсис\n'
    synopsis.write_text("".join(text), encoding="utf-8")
    # Freshness: a new sentence on a page.
    page = project / "press" / "screenings.md"
    source = page.read_text(encoding="utf-8")
    page.write_text(source + "\nA sentence the catalogues have never seen.\n", encoding="utf-8")
    new_line = len(source.splitlines()) + 2
    # Canonical form, and a fuzzy flag.
    wrapped = project / RU / "film" / "statement.po"
    canonical_line = join_long_msgstr(wrapped)
    fuzzy = project / NL / "press" / "contacts.po"
    fuzzy.write_text(
        fuzzy.read_text(encoding="utf-8").replace('\nmsgid "Contacts"', '\n#, fuzzy\nmsgid "Contacts"'),
        encoding="utf-8",
    )

    result = make(project, "check")
    assert result.returncode != 0
    err = result.stderr
    assert f"error: {lines['ru-spelling']} spelling: Сталлин (Сталин" in err
    assert f"error: {lines['nl-spelling']} spelling: herrinering (" in err
    assert f'error: {lines["ru-glossary"]} glossary: "Gorter" should read "Гортер"' in err
    assert f'error: {lines["nl-glossary"]} glossary: "Gulag" should read "Goelag"' in err
    assert f"error: {RU}/index.po:{line_of(index, 'The Red Soul')}: unbalanced markup '**'" in err
    assert f"error: {RU}/index.po:{line_of(index, 'The [press quotes](quotes)')}: missing link to (quotes)" in err
    # msgfmt reports the broken msgstr line or the line where the string runs on
    assert any(f"error: {RU}/film/synopsis.po:{n}:" in err for n in (syntax_line + 1, syntax_line + 2)), err
    assert "msgfmt: found" not in err
    assert f"error: {RU}/press/screenings.po: stale: new message from press/screenings.md:{new_line}" in err
    assert f"error: {RU}/film/statement.po:{canonical_line}: not in canonical form" in err
    assert f"error: {NL}/press/contacts.po:{line_of(fuzzy, 'Contacts')}: fuzzy" in err


# -- One fault at a time, through the check's functions --------------------------------------


def test_syntax_error_names_file_and_line(project):
    rel = f"{RU}/film/synopsis.po"
    po = project / rel
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.startswith('msgid "Synopsis"'))
    lines[target + 1] = 'msgstr "Синопсис\n'  # unterminated string
    po.write_text("".join(lines), encoding="utf-8")
    errors = syntax_errors(project, rel)
    # msgfmt reports the broken msgstr line or the line where the string runs on
    assert any(e.startswith(f"{rel}:{n}:") for e in errors for n in (target + 2, target + 3)), errors
    assert not [e for e in errors if "msgfmt: found" in e]


def test_unclosed_strong_names_file_line_and_msgid(project):
    rel = f"{RU}/index.po"
    assert content_errors(project, rel, "index") == []
    translate(project / rel, "The Red Soul", "**Красная душа")
    errors = content_errors(project, rel, "index")
    line = line_of(project / rel, "The Red Soul")
    assert [e for e in errors if e.startswith(f"{rel}:{line}: unbalanced markup '**'")] == errors, errors
    assert 'msgid "The Red Soul"' in errors[0]


def test_dropped_link_names_file_line_and_target(project):
    rel = f"{RU}/index.po"
    translate(
        project / rel, "The [press quotes](quotes)", "Цитаты из прессы, [показы](screenings) и [контакты](contacts)."
    )
    line = line_of(project / rel, "The [press quotes](quotes)")
    errors = content_errors(project, rel, "index")
    assert len(errors) == 1 and errors[0].startswith(f"{rel}:{line}: missing link to (quotes)"), errors


def test_changed_placeholder_in_facts_fails(project):
    rel = f"{RU}/facts.po"
    assert syntax_errors(project, rel) == []
    translate(project / rel, "{minutes} min", "{minuten} мин")
    errors = syntax_errors(project, rel)
    line = line_of(project / rel, "{minutes} min") + 1  # msgfmt names the msgstr line
    assert any(e.startswith(f"{rel}:{line}:") and "minuten" in e for e in errors), errors


def test_stale_catalogue_names_the_missing_message(project, tmp_path):
    """A template with a message the catalogue lacks (the end-to-end case above
    edits a page; here the template is the catalogue itself, one message more)."""
    rel = f"{RU}/film/synopsis.po"
    po = project / rel
    pot = tmp_path / "synopsis.pot"
    pot.write_text(
        po.read_text(encoding="utf-8") + '\n#: film/synopsis.md:42\nmsgid "A new sentence."\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert pocheck.check_fresh(po, rel, pot) == [
        f'{rel}: stale: new message from film/synopsis.md:42 is missing (msgid "A new sentence."); run `make update-po`'
    ]


# -- What only a build finds: the references check ------------------------------------------


def test_inconsistent_reference_fails_the_build(project):
    # A translation that points a link elsewhere: Sphinx's
    # i18n.inconsistent_references warning, which the strict build turns into a failure.
    po = project / RU / "index.po"
    translate(
        po,
        "The [press quotes](quotes)",
        "[Цитаты](quotes), [показы](screenings) и [контакты](statement).",
    )
    result = build_site(project, "ru")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "inconsistent" in output and "index" in output


def test_the_check_shows_why_a_pdf_failed(project):
    """A translation with a character the fonts lack: the check names it, the
    page's catalogue and the character (not only "[pdf ru] FAILED")."""
    po = project / RU / "film" / "synopsis.po"
    translate(po, "Synopsis", "Синопсис ☃")
    assert content_errors(project, f"{RU}/film/synopsis.po", "film/synopsis") == []
    errors = "\n".join(pocheck.check_references(project, ["ru"]))
    assert "U+2603" in errors and "synopsis" in errors, errors


# -- update ----------------------------------------------------------------------------------


def test_a_deleted_page_leaves_no_template_behind(project, monkeypatch):
    """Extraction starts afresh: a page that is gone gets no catalogue back,
    though an earlier extraction left its template in _build/gettext."""
    page, index = project / "press" / "festivals.md", project / "index.md"
    toc = index.read_text(encoding="utf-8")
    page.write_text("(festivals)=\n# Festivals\n\nWhere it played.\n")
    index.write_text(toc.replace("press/downloads", "press/downloads\npress/festivals"), encoding="utf-8")
    assert (catalogs_tool.extract(project) / "press" / "festivals.pot").exists()
    page.unlink()
    index.write_text(toc, encoding="utf-8")
    result = catalogs(project, "update")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in ("en", "ru", "nl"):
        assert not (project / "locale" / lang / "LC_MESSAGES" / "press" / "festivals.po").exists()
    # The text checks pass, against the templates update has just extracted
    # (the sources are unchanged since; the references check builds what the
    # clean case builds).
    monkeypatch.setattr(pocheck, "extract", lambda srcdir: srcdir / "_build" / "gettext")
    assert pocheck.check(project, references=False) == 0
