"""The translator workflow: nothing is lost, progress is a number."""

from __future__ import annotations

import ast
import re

from conftest import LANGUAGES
from po_helpers import catalogs, read, translate

RU = "locale/ru/LC_MESSAGES"


def previous_msgid(po, lineno: int) -> str:
    """The ``#| msgid`` that msgmerge --previous wrote above line ``lineno``
    (babel does not read multi-line previous msgids)."""
    lines = po.read_text(encoding="utf-8").splitlines()[: lineno - 1]
    block = []
    for line in reversed(lines):
        if not line.startswith("#|"):
            break
        block.insert(0, line[2:].strip())
    text = " ".join(block).removeprefix("msgid").strip()
    return "".join(ast.literal_eval(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', text))


def test_changed_sentence_turns_fuzzy_and_keeps_translation(project):
    po = project / RU / "film" / "protagonists.po"
    old = translate(po, "Galina is 75.", "ГАЛИНЕ 75 ЛЕТ.")
    page = project / "film" / "protagonists.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Galina is 75.", "Galina is seventy-five."), encoding="utf-8"
    )

    result = catalogs(project, "update")
    assert result.returncode == 0, result.stdout + result.stderr

    cat = read(po)
    message = next(m for m in cat if m.id and m.id.startswith("Galina is seventy-five."))
    assert message.fuzzy
    assert message.string == "ГАЛИНЕ 75 ЛЕТ."
    assert previous_msgid(po, message.lineno) == old
    # and the check now reports the catalogue as needing work
    assert catalogs(project, "progress").returncode != 0


def test_removed_sentence_is_kept_as_obsolete(project):
    po = project / RU / "press" / "contacts.po"
    old = translate(po, "For screeners, interviews and sales", "ПЕРЕВОД")
    page = project / "press" / "contacts.md"
    page.write_text(page.read_text(encoding="utf-8").replace(old, "Ask us."), encoding="utf-8")
    assert catalogs(project, "update").returncode == 0
    cat = read(po)
    assert cat.obsolete[old].string == "ПЕРЕВОД"


def test_progress_reports_each_file_and_total(project):
    result = catalogs(project, "progress")
    for lang in LANGUAGES:
        assert f"{lang}:" in result.stdout
    assert "film/synopsis:" in result.stdout and "total:" in result.stdout
    assert "en: the source language" in result.stdout


def test_progress_fails_below_complete(project):
    po = project / RU / "film" / "synopsis.po"
    # Make one message untranslated: progress must fail and say which language.
    translate(po, "Synopsis", "")
    result = catalogs(project, "progress")
    assert result.returncode != 0
    assert "ru (" in result.stderr


def test_shipped_catalogues_are_complete(project):
    """Russian and Dutch are published whole: nothing untranslated or fuzzy."""
    result = catalogs(project, "progress")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in ("ru", "nl"):
        block = result.stdout.split(f"{lang}:\n", 1)[1]
        assert "(100.0%)" in block.split("total:", 1)[1].splitlines()[0]


def test_progress_counts_a_page_without_a_catalogue_as_untranslated(project):
    (project / "press" / "festivals.md").write_text("(festivals)=\n# Festivals\n\nWhere it played.\n")
    index = project / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("press/downloads", "press/downloads\npress/festivals"),
        encoding="utf-8",
    )
    result = catalogs(project, "progress", "--markdown")
    assert result.returncode != 0
    assert "press/festivals: 0 translated, 0 fuzzy, 2 untranslated (no catalogue yet" in result.stdout
    assert "| ru |" in result.stdout and "ru (" in result.stderr


def test_progress_fails_on_a_broken_catalogue_naming_the_line(project):
    po = project / RU / "film" / "synopsis.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Синопсис"', 'msgstr "Синопсис', 1), encoding="utf-8")
    result = catalogs(project, "progress")
    assert result.returncode != 0
    assert re.search(r"locale/ru/LC_MESSAGES/film/synopsis\.po:\d+:", result.stderr)
