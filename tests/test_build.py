"""The build is strict: a warning anywhere fails it."""

from __future__ import annotations

from conftest import build


def test_a_warning_fails_the_build(project):
    """Two warnings of different kinds, in one build (--keep-going reports
    both): an unknown label on a page, and a page outside the toctree.  Each
    is named with its file (and line), and the build fails."""
    page = project / "film" / "synopsis.md"
    text = page.read_text()
    page.write_text(text + "\nSee {ref}`no-such-label`.\n")
    (project / "press" / "orphan.md").write_text("# Orphan\n\nNot linked from anywhere.\n")
    result = build(project, "en")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = len(text.splitlines()) + 2
    assert f"film/synopsis.md:{line}: WARNING: undefined label: 'no-such-label'" in output, output
    assert "press/orphan.md: WARNING: document isn't included in any toctree" in output, output
    assert "nothing was published" in output


def test_a_facts_error_is_one_line_naming_the_field(project):
    data = project / "film" / "facts.toml"
    data.write_text(data.read_text().replace("runtime_minutes = 92", 'runtime_minutes = "long"'))
    result = build(project, "en")
    assert result.returncode != 0
    assert "film/facts.toml" in result.stderr and "runtime_minutes" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_language_is_named(project):
    result = build(project, "xx")
    assert result.returncode != 0 and "unknown language xx" in result.stderr


def test_the_latex_log_reader_reports_a_label_defined_twice(tmp_path):
    from texlog import faults

    log, tex = tmp_path / "presskit.log", tmp_path / "presskit.tex"
    tex.write_text("\\begin{document}\n\\end{document}\n")
    log.write_text("LaTeX Warning: Label `index:credits' multiply defined.\n")
    assert any("index:credits" in str(f) and "twice" in str(f) for f in faults(log, tex, tmp_path, "en"))
