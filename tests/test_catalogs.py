"""The translator workflow: nothing is lost, progress is a number.

`update` runs once for the two sentence edits (``updated``) and `progress`
once on the shipped catalogues (``shipped``); a test that changes only a
catalogue runs `progress` in this process against templates extracted
already from the same sources."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

import catalogs as catalogs_tool  # noqa: E402
from conftest import LANGUAGES, copy_project
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


@pytest.fixture(scope="module")
def updated(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """One `update` of a copy where two translated sentences changed on their
    pages: one edited (film/protagonists.md), one removed (press/contacts.md);
    returns the copy and the two old msgids (read only: the tests share it)."""
    project = copy_project(tmp_path_factory.mktemp("updated") / "project")
    old = {
        "changed": translate(project / RU / "film" / "protagonists.po", "Galina is 75.", "ГАЛИНЕ 75 ЛЕТ."),
        "removed": translate(project / RU / "press" / "contacts.po", "For screeners, interviews and sales", "ПЕРЕВОД"),
    }
    for page, before, after in (
        (project / "film" / "protagonists.md", "Galina is 75.", "Galina is seventy-five."),
        (project / "press" / "contacts.md", old["removed"], "Ask us."),
    ):
        text = page.read_text(encoding="utf-8")
        assert before in text
        page.write_text(text.replace(before, after), encoding="utf-8")
    result = catalogs(project, "update")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, old


def progress_of(project: Path, potdir: Path, monkeypatch, capsys) -> tuple[int, str, str]:
    """`progress` run in this process against the templates in ``potdir``, extracted
    already from the same sources (exit code, stdout, stderr)."""
    monkeypatch.setattr(catalogs_tool, "extract", lambda srcdir: potdir)
    capsys.readouterr()
    code = catalogs_tool.progress(project)
    out = capsys.readouterr()
    return code, out.out, out.err


def block(stdout: str, lang: str) -> str:
    """The lines ``progress`` prints for ``lang``."""
    return stdout.split(f"{lang}:\n", 1)[1].split("total:", 1)[0]


def test_changed_sentence_turns_fuzzy_and_keeps_translation(updated, monkeypatch, capsys):
    project, old = updated
    po = project / RU / "film" / "protagonists.po"
    cat = read(po)
    message = next(m for m in cat if m.id and m.id.startswith("Galina is seventy-five."))
    assert message.fuzzy
    assert message.string == "ГАЛИНЕ 75 ЛЕТ."
    assert previous_msgid(po, message.lineno) == old["changed"]
    # and the check now reports the catalogue as needing work
    code, out, err = progress_of(project, project / "_build" / "gettext", monkeypatch, capsys)
    assert code != 0 and "ru (" in err
    assert re.search(r"^  film/protagonists: \d+ translated, 1 fuzzy, 0 untranslated$", block(out, "ru"), re.M), out


def test_removed_sentence_is_kept_as_obsolete(updated):
    project, old = updated
    cat = read(project / RU / "press" / "contacts.po")
    assert cat.obsolete[old["removed"]].string == "ПЕРЕВОД"


@pytest.fixture(scope="module")
def shipped(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """`progress` of a copy as shipped (the tests only read it), and the
    templates it extracted."""
    project = copy_project(tmp_path_factory.mktemp("shipped") / "project")
    return catalogs(project, "progress"), project / "_build" / "gettext"


def test_progress_reports_each_file_and_total(shipped):
    result, _ = shipped
    for lang in LANGUAGES:
        assert f"{lang}:" in result.stdout
    assert "film/synopsis:" in result.stdout and "total:" in result.stdout
    assert "en: the source language" in result.stdout


def test_progress_fails_below_complete(shipped, project, monkeypatch, capsys):
    po = project / RU / "film" / "synopsis.po"
    # Make one message untranslated: progress must fail and say which language.
    translate(po, "Synopsis", "")
    code, out, err = progress_of(project, shipped[1], monkeypatch, capsys)
    assert code != 0
    assert "ru (" in err
    assert re.search(r"^  film/synopsis: \d+ translated, 0 fuzzy, 1 untranslated$", block(out, "ru"), re.M), out


def test_shipped_catalogues_are_complete(shipped):
    """Russian and Dutch are published whole: nothing untranslated or fuzzy."""
    result, _ = shipped
    assert result.returncode == 0, result.stdout + result.stderr
    for lang in ("ru", "nl"):
        after = result.stdout.split(f"{lang}:\n", 1)[1]
        assert "(100.0%)" in after.split("total:", 1)[1].splitlines()[0]


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
