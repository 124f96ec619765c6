"""``make`` always publishes what a clean build would; a failed build publishes nothing.

Every test drives ``make`` (website and PDFs) in a copy of a project that a
clean ``make`` has built once for the session, edits one kind of input, and
compares the published site with a clean build of the same sources: every
file byte for byte, the PDFs by their text.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import LANGUAGES, copy_project, make, make_command

RU_PO = Path("locale/ru/LC_MESSAGES")


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def published(project: Path) -> dict[str, object]:
    """What the site publishes: each file's bytes, a PDF's text."""
    site = project / "_build" / "site"
    return {
        p.relative_to(site).as_posix(): pdf_text(p) if p.suffix == ".pdf" else p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def identities(project: Path, part: str) -> dict[str, tuple[int, bytes]]:
    """Each published file of ``part`` ("html ru": the Russian website, "pdf
    ru": its PDF) as (mtime, bytes): equal means untouched."""
    fmt, lang = part.split()
    folder = project / "_build" / "site" / lang
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file() and (p.suffix == ".pdf") == (fmt == "pdf")
    }


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="session")
def baseline(built_project) -> Path:
    """A copy of the project after a clean ``make``."""
    return built_project


@pytest.fixture
def built(baseline, tmp_path) -> Path:
    """A copy of the built baseline, free to change (the site symlink kept)."""
    return Path(shutil.copytree(baseline, tmp_path / "project", symlinks=True))


def clean_build_of(project: Path, tmp_path: Path) -> dict[str, object]:
    clean = copy_project(tmp_path / "clean", srcdir=project)
    ok(make(clean))
    return published(clean)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


#: Every part: each language in each format.
EVERY = {f"{fmt} {lang}" for lang in LANGUAGES for fmt in ("html", "pdf")}
HTML = {part for part in EVERY if part.startswith("html")}
PDF = EVERY - HTML
RU = {"html ru", "pdf ru"}

#: One edit of every kind of input: (file, old, new, the parts it reaches,
#: where a reader sees it (file in the site → text), how it is tested):
#: - "clean": ``make``, then the whole site compared with a clean build of the
#:   edited sources (one edit of each shape of rebuild: every part, one
#:   language, every website, every PDF);
#: - "make": ``make``, the edit shown, every other part untouched;
#: - "plan": ``make outdated`` lists every part (an edit that reaches every part
#:   is then built as the "page" edit is: each part from scratch).
EDITS = {
    "page": (
        "film/synopsis.md",
        "In Red Square",
        "MARKERPAGE In Red Square",
        EVERY,
        {f"{lang}/film/synopsis.html": "MARKERPAGE" for lang in LANGUAGES},
        "clean",
    ),
    "facts file": ("film/facts.toml", "runtime_minutes = 92", "runtime_minutes = 93", EVERY, {}, "plan"),
    "page catalogue": (
        RU_PO / "film/synopsis.po",
        'msgstr "Синопсис"',
        'msgstr "Синопсис фильма"',
        RU,
        {
            "ru/film/synopsis.html": "Синопсис фильма",
            "ru/index.html": "Синопсис фильма",
            "ru/the-red-soul-ru.pdf": "Синопсис фильма",
        },
        "clean",
    ),
    "facts catalogue": (
        RU_PO / "facts.po",
        'msgstr "Хронометраж"',
        'msgstr "Продолжительность"',
        RU,
        {
            "ru/index.html": "Продолжительность",
            "ru/film/credits.html": "Продолжительность",
            "ru/the-red-soul-ru.pdf": "Продолжительность",
        },
        "make",
    ),
    "theme catalogue": (
        RU_PO / "sphinx.po",
        'msgstr "Язык"',
        'msgstr "Языки сайта"',
        RU,
        {
            "ru/index.html": "Языки сайта",
            "ru/film/synopsis.html": "Языки сайта",
            "ru/press/contacts.html": "Языки сайта",
        },
        "make",
    ),
    "template": (
        "_templates/components/language-switcher.html",
        "<ul>",
        '<ul data-marker="MARKERTPL">',
        HTML,
        {f"{lang}/film/statement.html": "MARKERTPL" for lang in LANGUAGES},
        "clean",
    ),
    "static file": (
        "_static/presskit.css",
        "",
        "/* MARKERCSS */\n",
        HTML,
        {f"{lang}/_static/presskit.css": "MARKERCSS" for lang in LANGUAGES},
        "make",
    ),
    "PDF design": ("_latex/presskit.sty", "", "% MARKERSTY\n", PDF, {}, "clean"),
    "conf.py": (
        "conf.py",
        'copyright = f"{_film.year}, ',
        'copyright = f"MARKERCONF {_film.year}, ',
        EVERY,
        {},
        "plan",
    ),
    "extension code": ("_ext/presskit/facts/view.py", '"{minutes} min"', '"{minutes} minutes"', EVERY, {}, "plan"),
    "pinned packages": ("requirements.txt", "", "# MARKERREQ: a new pin\n", EVERY, {}, "plan"),
}


def rebuilt(result: subprocess.CompletedProcess, state: str = "ok") -> set[str]:
    """The parts ``make`` built, from its "[html ru] ok" lines (or the parts
    ``make outdated`` lists, ``state`` "out of date")."""
    return set(re.findall(rf"^\[(\w+ [\w-]+)\] {state}$", result.stdout, re.M))


@pytest.mark.parametrize("kind", EDITS)
def test_make_after_an_edit_equals_a_clean_build(kind, built, tmp_path):
    """``make`` rebuilds exactly the parts the edit reaches, each from scratch
    in a fresh folder, and leaves every other file as it was (same bytes, same
    mtime); the edit shows where a reader looks (see EDITS for how each kind
    is tested)."""
    path, old, new, parts, shows, how = EDITS[kind]
    edit(built / path, old, new)
    if how == "plan":
        assert rebuilt(ok(make(built, "outdated")), "out of date") == parts, kind
        return
    before = {part: identities(built, part) for part in EVERY - parts}
    assert rebuilt(ok(make(built))) == parts, kind
    after = published(built)
    if how == "clean":
        assert after == clean_build_of(built, tmp_path), f"{kind}: make differs from a clean build"
    for page, text in shows.items():
        shown = after[page] if page.endswith(".pdf") else after[page].decode()
        assert text in shown, (kind, page, text)
    for part in EVERY - parts:
        assert identities(built, part) == before[part], f"{kind}: {part} was touched"


def test_nothing_changed_means_nothing_built(built):
    before = {part: identities(built, part) for part in EVERY}
    again = ok(make(built))
    assert not rebuilt(again) and "published" not in again.stdout
    assert {part: identities(built, part) for part in EVERY} == before


def snapshot(project: Path) -> tuple[str, dict[str, bytes]]:
    """The published site exactly: where the link points and every byte."""
    site = project / "_build" / "site"
    return os.readlink(site), {
        p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


#: Failures of every kind: (file, old, new, what the message must name).
FAILURES = {
    "broken reference": ("index.md", "[synopsis](synopsis)", "[synopsis](synopsys)", r"index\.md:\d+"),
    "unknown role target": ("film/statement.md", "", "", r"statement\.md:\d+.*no-such-label"),
    "catalogue without a closing quote": (
        RU_PO / "film/synopsis.po",
        'msgstr "Синопсис"',
        'msgstr "Синопсис',
        r"locale/ru/LC_MESSAGES/film/synopsis\.po:\d+:",
    ),
    "broken placeholder": (
        RU_PO / "facts.po",
        'msgstr "{minutes}',
        'msgstr "{minuten}',
        r"locale/ru/LC_MESSAGES/facts\.po:\d+:",
    ),
    "character the font lacks": ("film/synopsis.md", "In Red Square", "☃ In Red Square", r"film/synopsis\.md.*U\+2603"),
}


@pytest.mark.parametrize("kind", FAILURES)
def test_a_failed_build_publishes_nothing(kind, built):
    path, old, new, message = FAILURES[kind]
    if kind == "unknown role target":
        (built / path).write_text((built / path).read_text() + "\nSee {ref}`no-such-label`.\n")
    else:
        edit(built / path, old, new)
    # A visible change beside the fault: it must not reach the site either.
    edit(built / "film/synopsis.md", "In Red Square", "MARKERFAIL In Red Square")
    before = snapshot(built)
    result = make(built)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(message, output), output
    assert "Traceback" not in output and "report this" not in output
    assert snapshot(built) == before


def test_a_renamed_page_leaves_the_site_and_the_sitemap(built, tmp_path):
    (built / "film/director.md").rename(built / "film/the-director.md")
    edit(built / "index.md", "film/director", "film/the-director")
    env = {**os.environ, "PRESSKIT_BASE_URL": "https://example.org/kit/"}
    ok(make(built, env=env))
    site = built / "_build" / "site"
    for lang in LANGUAGES:
        assert not (site / lang / "film" / "director.html").exists()
        assert (site / lang / "film" / "the-director.html").exists()
    sitemap = (site / "sitemap.xml").read_text()
    assert "the-director.html" in sitemap and "/director.html" not in sitemap


def run_make_until(project: Path, seen: callable, sig: int) -> subprocess.CompletedProcess:
    """Start ``make``, send ``sig`` to it (and its children) once ``seen()``."""
    proc = subprocess.Popen(
        make_command(project),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not seen() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be interrupted"
    os.killpg(proc.pid, sig)
    out, err = proc.communicate(timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_an_interrupted_build_leaves_the_site_and_the_next_make_is_clean(sig, baseline, built):
    """Edit, interrupt ``make`` once its new pages exist, revert the edit: the
    next ``make`` publishes exactly the clean build of the reverted sources."""
    before = snapshot(built)
    page = built / "film/synopsis.md"
    original = page.read_text()
    edit(page, "In Red Square", "MARKERKILL In Red Square")
    work = built / "_build" / "work"
    result = run_make_until(
        built,
        lambda: any("MARKERKILL" in p.read_text(errors="ignore") for p in work.glob("*-html/out/film/synopsis.html")),
        sig,
    )
    assert result.returncode != 0
    if sig == signal.SIGINT:
        assert "interrupted" in result.stderr and "Traceback" not in result.stderr
    assert snapshot(built) == before
    page.write_text(original)
    ok(make(built))
    assert published(built) == published(baseline)


def test_a_second_make_waits_for_the_first(built):
    edit(built / RU_PO / "film/synopsis.po", 'msgstr "Синопсис"', 'msgstr "MARKERTWO"')
    first = subprocess.Popen(
        make_command(built),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = built / "_build" / "work"
    deadline = time.monotonic() + 60
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    second = make(built)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, out + err
    ok(second)
    assert "another build is running" in second.stderr
    assert "MARKERTWO" in (built / "_build/site/ru/film/synopsis.html").read_text()
