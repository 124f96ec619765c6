"""The build is strict: a warning anywhere fails it."""

from __future__ import annotations

from conftest import LANGUAGES, build


def test_a_warning_fails_the_build(project):
    page = project / "film" / "synopsis.md"
    page.write_text(page.read_text() + "\nSee {ref}`no-such-label`.\n")
    result = build(project, "en")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "synopsis.md" in output and "no-such-label" in output


def test_a_page_outside_the_toctree_fails_the_build(project):
    (project / "press" / "orphan.md").write_text("# Orphan\n\nNot linked from anywhere.\n")
    result = build(project, "en")
    assert result.returncode != 0
    assert "orphan" in result.stdout + result.stderr


def test_the_clean_project_builds_without_warnings(built_en):
    assert (built_en / "index.html").exists()


def mtimes(site, lang):
    return {p: p.stat().st_mtime_ns for p in (site / lang).rglob("*") if p.is_file()}


def test_nothing_changed_means_no_sphinx_work(project):
    assert build(project).returncode == 0
    site = project / "_build" / "site"
    before = {lang: mtimes(site, lang) for lang in LANGUAGES}
    again = build(project)
    assert again.returncode == 0
    assert "[html" not in again.stdout and "[pdf" not in again.stdout
    assert {lang: mtimes(site, lang) for lang in LANGUAGES} == before


def test_a_catalogue_edit_rebuilds_only_its_language(project):
    assert build(project).returncode == 0
    site = project / "_build" / "site"
    before = {lang: mtimes(site, lang) for lang in ("en", "nl")}
    po = project / "locale" / "ru" / "LC_MESSAGES" / "film" / "synopsis.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Синопсис"', 'msgstr "Синопсис фильма"', 1), encoding="utf-8")
    again = build(project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "[html ru] ok" in again.stdout
    assert "[html en]" not in again.stdout and "[html nl]" not in again.stdout
    assert {lang: mtimes(site, lang) for lang in ("en", "nl")} == before
    assert "Синопсис фильма" in (site / "ru" / "film" / "synopsis.html").read_text(encoding="utf-8")


def test_an_extension_change_rewrites_the_pages(project):
    """Sphinx does not track extension code; presskit.freshness makes it."""
    assert build(project, "en").returncode == 0
    view = project / "_ext" / "presskit" / "factsview.py"
    view.write_text(view.read_text(encoding="utf-8").replace('"{minutes} min"', '"{minutes} minutes"'), encoding="utf-8")
    again = build(project, "en")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "92 minutes" in (project / "_build" / "site" / "en" / "index.html").read_text(encoding="utf-8")
