"""Each kind of broken catalogue fails the check, naming its file and line."""

from __future__ import annotations

from conftest import build
from po_helpers import catalogs, line_of, translate

RU = "locale/ru/LC_MESSAGES"


def test_clean_catalogues_pass(project):
    result = catalogs(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_syntax_error_names_file_and_line(project):
    po = project / RU / "film" / "synopsis.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if line.startswith('msgid "Synopsis"'))
    lines[target + 1] = 'msgstr "Синопсис\n'  # unterminated string
    po.write_text("".join(lines), encoding="utf-8")
    result = catalogs(project, "check")
    assert result.returncode != 0
    # msgfmt reports the broken msgstr line or the line where the string runs on
    assert any(f"{RU}/film/synopsis.po:{n}:" in result.stderr for n in (target + 2, target + 3))
    assert "msgfmt: found" not in result.stderr


def test_unclosed_strong_names_file_line_and_msgid(project):
    po = project / RU / "index.po"
    translate(po, "The Red Soul", "**Красная душа")
    line = line_of(po, "The Red Soul")
    result = catalogs(project, "check")
    assert result.returncode != 0
    assert f"{RU}/index.po:{line}: unbalanced markup '**'" in result.stderr
    assert 'msgid "The Red Soul"' in result.stderr


def test_dropped_link_names_file_line_and_target(project):
    po = project / RU / "index.po"
    translate(po, "The [press quotes](quotes)", "Цитаты из прессы, [показы](screenings) и [контакты](contacts).")
    line = line_of(po, "The [press quotes](quotes)")
    result = catalogs(project, "check")
    assert result.returncode != 0
    assert f"{RU}/index.po:{line}: missing link to (quotes)" in result.stderr


def test_changed_placeholder_in_facts_fails(project):
    po = project / RU / "facts.po"
    translate(po, "{minutes} min", "{minuten} мин")
    result = catalogs(project, "check")
    assert result.returncode != 0
    assert f"{RU}/facts.po:" in result.stderr and "minuten" in result.stderr


def test_stale_catalogue_names_the_new_source_line(project):
    page = project / "film" / "synopsis.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nA sentence the catalogues have never seen.\n", encoding="utf-8")
    line = len(text.splitlines()) + 2
    result = catalogs(project, "check")
    assert result.returncode != 0
    assert f"{RU}/film/synopsis.po: stale: new message from film/synopsis.md:{line}" in result.stderr


def test_inconsistent_reference_fails_the_build(project):
    # A translation that points a link elsewhere: Sphinx's
    # i18n.inconsistent_references warning, which the strict build turns into a failure.
    po = project / RU / "index.po"
    translate(
        po,
        "The [press quotes](quotes)",
        "[Цитаты](quotes), [показы](screenings) и [контакты](statement).",
    )
    result = build(project, "ru")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "inconsistent" in output and "index" in output


def test_the_check_shows_why_a_pdf_failed(project):
    """A translation with a character the fonts lack: the check names it, the
    page's catalogue and the character (not only "[pdf ru] FAILED")."""
    po = project / RU / "film" / "synopsis.po"
    translate(po, "Synopsis", "Синопсис ☃")
    result = catalogs(project, "check")
    assert result.returncode != 0
    assert "U+2603" in result.stderr and "synopsis" in result.stderr


def test_a_deleted_page_leaves_no_template_behind(project):
    """Extraction starts afresh: a page that is gone gets no catalogue back."""
    page, index = project / "press" / "festivals.md", project / "index.md"
    toc = index.read_text(encoding="utf-8")
    page.write_text("(festivals)=\n# Festivals\n\nWhere it played.\n")
    index.write_text(toc.replace("press/downloads", "press/downloads\npress/festivals"), encoding="utf-8")
    assert catalogs(project, "update").returncode == 0
    assert (project / RU / "press" / "festivals.po").exists()
    page.unlink()
    index.write_text(toc, encoding="utf-8")
    for lang in ("en", "ru", "nl"):
        (project / "locale" / lang / "LC_MESSAGES" / "press" / "festivals.po").unlink()
    result = catalogs(project, "update")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (project / RU / "press" / "festivals.po").exists()
    assert catalogs(project, "check").returncode == 0
