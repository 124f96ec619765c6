"""The translators' quality gates of `make check`: spelling, glossary, canonical
form, fuzzy entries, editor-ready headers.  Each seeded fault names its
catalogue, line and word or term.  The check functions are tested directly
(fast); `make check` runs end to end, with each of these faults seeded, in
test_pocheck.py (test_make_check_names_every_seeded_fault)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import build  # noqa: E402
import catalogs as catalogs_tool  # noqa: E402
import pocheck  # noqa: E402
import spelling  # noqa: E402
from conftest import LANGUAGES, ROOT, make
from po_helpers import join_long_msgstr, line_of, read, translate

RU, NL = "locale/ru/LC_MESSAGES", "locale/nl/LC_MESSAGES"
CONF = build.load_conf(ROOT)
SOURCE = CONF["language"]
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE]


def texts(srcdir: Path, lang: str) -> dict[str, list]:
    base = srcdir / "locale" / lang / "LC_MESSAGES"
    return {p.relative_to(srcdir).as_posix(): pocheck._texts(p) for p in sorted(base.rglob("*.po"))}


def seeded(lang: str, rel: str, msgstr_part: str, old: str, new: str) -> tuple[list[str], int]:
    """The glossary and spelling errors of ``lang``'s catalogue ``rel`` with
    ``old`` replaced by ``new`` in the landed message whose msgstr contains
    ``msgstr_part``; and its line.  Only ``rel`` is checked, with the facts
    catalogue the glossary takes its forms from (the landed catalogues pass:
    test_landed_catalogues_pass_glossary_and_spelling)."""
    found = texts(ROOT, lang)
    found = {name: found[name] for name in (f"locale/{lang}/LC_MESSAGES/facts.po", rel)}
    message = next(m for m in found[rel] if msgstr_part in m.string)
    assert old in message.string
    message.string = message.string.replace(old, new)
    return pocheck.check_words(ROOT, lang, CONF["presskit_facts"], found), message.lineno


@pytest.mark.parametrize("lang", TRANSLATED)
def test_landed_catalogues_pass_glossary_and_spelling(lang):
    assert pocheck.check_words(ROOT, lang, CONF["presskit_facts"], texts(ROOT, lang)) == []


def test_landed_catalogues_are_canonical_with_editor_ready_headers():
    for lang in LANGUAGES:
        for po in sorted((ROOT / "locale" / lang).rglob("*.po")):
            rel = po.relative_to(ROOT).as_posix()
            assert pocheck.check_canonical(po, rel) == []
            head = po.read_text(encoding="utf-8").split("\n\n", 1)[0]
            for generic in ("VERSION", "EMAIL@ADDRESS", "pydata", "Automatically generated", "Generated-By"):
                assert generic not in head, (rel, generic)
            assert '"Project-Id-Version: The Red Soul press kit\\n"' in head
            assert '"Report-Msgid-Bugs-To: \\n"' in head


def test_russian_misspelling_names_file_line_word_and_suggestion():
    rel = f"{RU}/film/protagonists.po"
    errors, line = seeded("ru", rel, "Для него Сталин", "Для него Сталин", "Для него Сталлин")
    assert any(e.startswith(f"{rel}:{line}: spelling: Сталлин (Сталин, ") for e in errors), errors


def test_dutch_misspelling_names_file_line_word_and_suggestion():
    rel = f"{NL}/film/synopsis.po"
    errors, line = seeded("nl", rel, "dan herinnering", "herinnering", "herrinering")
    assert any(e.startswith(f"{rel}:{line}: spelling: herrinering (") and "herinnering" in e for e in errors)


def test_russian_name_in_the_wrong_form_breaks_the_glossary():
    rel = f"{RU}/facts.po"
    errors, line = seeded("ru", rel, "Гортер разумно", "Гортер", "Гортэр")
    assert (
        f'{rel}:{line}: glossary: "Gorter" should read "Гортер" (stem Гортер…): not in the translation'
        ' (msgid "Winning combination of topicality and artistic quality… G...")' in errors
    )


def test_russian_names_match_by_stem():
    # «Джессики Гортер», «Красной души», «ГУЛАГа»: inflected forms are the required form.
    rel = f"{RU}/film/director.po"
    errors, _ = seeded(
        "ru", rel, "Джессика Гортер училась", "Джессика Гортер училась", "Фильмы Джессики Гортер: она училась"
    )
    assert not [e for e in errors if "glossary" in e]


def test_dutch_term_in_the_wrong_form_breaks_the_glossary():
    rel = f"{NL}/film/protagonists.po"
    errors, line = seeded("nl", rel, "Stalins Goelag", "Goelag", "Gulag")
    assert (
        f'{rel}:{line}: glossary: "Gulag" should read "Goelag": not in the translation'
        ' (msgid "Galina is 75. In the forests of Northern Russia she digs ...")' in errors
    )


def test_dutch_title_comes_first():
    rel = f"{NL}/film/protagonists.po"
    errors, line = seeded("nl", rel, "*De rode ziel* is een", "*De rode ziel*", "*The Red Soul* (*De rode ziel*)")
    assert any(e.startswith(f'{rel}:{line}: glossary: "De rode ziel" comes first') for e in errors)


def test_a_conventional_russian_title_in_guillemets_passes(project):
    po = project / RU / "film" / "synopsis.po"
    translate(
        po,
        "*The Red Soul* shows a world",
        "«Красная душа» показывает мир, полный противоречий, а критики пишут о „Красной душе“ как о фильме о памяти.",
    )
    rel = f"{RU}/film/synopsis.po"
    md = pocheck.markdown_parser(CONF["myst_enable_extensions"])
    assert pocheck.check_content(po, rel, "film/synopsis", md, CONF["presskit_markup_equivalents"]["ru"]) == []
    assert pocheck.check_canonical(po, rel) == []
    found = texts(project, "ru")
    found = {name: found[name] for name in (f"{RU}/facts.po", rel)}  # the others: landed, they pass
    assert pocheck.check_words(project, "ru", CONF["presskit_facts"], found) == []


def test_prose_leaves_out_markup_targets_placeholders_urls_and_code():
    text = (
        "См. [синопсис](synopsis-target), {ref}`раздел <statement-target>`, {doc}`quotes-target`, "
        "`code_word`, {minutes} мин, %(copyright)s, https://example.org/path и <https://x.invalid/y>."
    )
    assert spelling.words(text) == ["См", "синопсис", "раздел", "мин", "и"]


def test_non_canonical_catalogue_is_named_and_make_wrap_fixes_it(project):
    po = project / RU / "film" / "statement.po"
    before = [(m.id, m.string) for m in read(po)]
    line = join_long_msgstr(po)
    rel = f"{RU}/film/statement.po"
    assert pocheck.check_canonical(po, rel) == [
        f"{rel}:{line}: not in canonical form (GNU gettext, width 79, the project's header); run `make wrap`"
    ]
    result = make(project, "wrap")
    assert result.returncode == 0 and f"rewrapped: {rel}" in result.stdout, result.stdout + result.stderr
    assert pocheck.check_canonical(po, rel) == []
    assert [(m.id, m.string) for m in read(po)] == before


def test_fuzzy_entry_is_named(project):
    po = project / NL / "film" / "synopsis.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('\nmsgid "Synopsis"', '\n#, fuzzy\nmsgid "Synopsis"', 1), encoding="utf-8")
    line = line_of(po, "Synopsis")
    rel = f"{NL}/film/synopsis.po"
    pot = project / "_build" / "pot.pot"
    pot.parent.mkdir()
    pot.write_text(text, encoding="utf-8")  # the same messages: only the flag is wrong
    assert pocheck.check_fresh(po, rel, pot) == [
        f'{rel}:{line}: fuzzy (msgid "Synopsis"): the English changed; '
        "revise the translation, then remove the fuzzy flag"
    ]


def test_new_catalogue_is_canonical_with_an_editor_ready_header(project, tmp_path):
    pot = tmp_path / "festivals.pot"
    pot.write_text(
        'msgid ""\nmsgstr ""\n"Project-Id-Version: The Red Soul \\n"\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Festivals"\nmsgstr ""\n',
        encoding="utf-8",
    )
    po = catalogs_tool.create(project / "locale", "ru", "press/festivals", pot)
    assert po == project / RU / "press" / "festivals.po"
    text = po.read_text(encoding="utf-8")
    assert text.startswith('# Russian catalogue of the press kit page or domain "press/festivals".\n')
    assert '"Project-Id-Version: The Red Soul press kit\\n"' in text
    assert '"Language-Team: Russian\\n"' in text and '"Language: ru\\n"' in text
    assert "VERSION" not in text and "EMAIL@ADDRESS" not in text and "Automatically" not in text
    assert "YEAR-MO-DA" not in text
    assert pocheck.check_canonical(po, "x") == []


def test_reference_check_builds_the_website_alone_without_tex(monkeypatch, capsys):
    commands = []
    monkeypatch.setattr(pocheck.build, "missing_tex", lambda: ["xelatex"])
    monkeypatch.setattr(
        pocheck.subprocess,
        "run",
        lambda command, **kw: commands.append(command) or SimpleNamespace(returncode=0, stdout="", stderr=""),
    )
    assert pocheck.check_references(ROOT, ["ru"]) == []
    assert commands[0][-2:] == ["--formats", "html"]
    assert "no TeX" in capsys.readouterr().err
