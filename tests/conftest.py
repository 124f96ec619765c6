"""Shared fixtures: every build runs in a temporary copy of the project.

Sphinx writes ``.mo`` files beside the ``.po`` files and build output beside
the sources, so no test builds in place.  Each language is built in its own
process by ``tools/build.py``, the same command ``make`` runs.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

from build import copy_project, languages  # noqa: E402, F401  (copy_project: the tests' name)
from presskit.facts import Facts  # noqa: E402
from presskit.facts import load as load_facts  # noqa: E402

#: The published languages, as conf.py lists them.
LANGUAGES = languages(ROOT)

#: The content pages, by document name.
PAGES = [
    "index",
    "film/synopsis",
    "film/statement",
    "film/protagonists",
    "film/director",
    "film/credits",
    "press/quotes",
    "press/screenings",
    "press/contacts",
    "press/downloads",
]


def build(
    src: Path, *langs: str, formats: tuple[str, ...] = ("html",), env: dict | None = None, outdir: Path | None = None
) -> subprocess.CompletedProcess:
    """Build ``langs`` (default: all) of the project at ``src`` in ``formats``
    (the website alone unless a test asks for the PDF) into ``outdir``
    (default ``src/_build``); never raises on failure."""
    return subprocess.run(
        [
            sys.executable,
            str(src / "tools" / "build.py"),
            "--srcdir",
            str(src),
            *(["--lang", *langs] if langs else []),
            "--formats",
            *formats,
            *(["--outdir", str(outdir)] if outdir else []),
        ],
        capture_output=True,
        text=True,
        env=env,
    )


#: The virtual environment the tests run in: ``make`` in a copy uses it as is.
VENV = Path(sys.prefix)


def make_command(src: Path, *targets: str) -> list[str]:
    """``make`` in the project at ``src``, as a user runs it, with the tests'
    virtual environment, which is set up already: make does not set it up
    again (and the tests never change it) even where a test edits requirements.txt."""
    stamp = VENV / ".requirements-installed"
    return ["make", "--no-print-directory", "-C", str(src), f"VENV={VENV}", f"--assume-old={stamp}", *targets]


def make(src: Path, *targets: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """``make`` (both formats by default) in the project at ``src``; never raises on failure."""
    return subprocess.run(make_command(src, *targets), capture_output=True, text=True, env=env, **kwargs)


def read_html(site: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup((site / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def article(soup: BeautifulSoup):
    """The page's main content, without the theme around it."""
    return soup.select_one("article.bd-article")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project, free to change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def facts() -> Facts:
    return load_facts(ROOT / "film" / "facts.toml")


def once(tmp_path_factory, name: str, create: Callable[[Path], None]) -> Path:
    """The folder ``name``, made by ``create`` once for the whole run: the
    test processes of ``pytest -n`` share it (the first makes it, the others
    wait).  Tests only read it."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    folder = root / name
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / f"{name}.done").exists():
            shutil.rmtree(folder, ignore_errors=True)
            create(folder)
            (root / f"{name}.done").touch()
    return folder


def made(folder: Path, *targets: str, env: dict | None = None) -> None:
    """A copy of the project at ``folder/project`` on which ``make targets`` ran."""
    src = copy_project(folder / "project")
    result = make(src, *targets, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A copy of the project after ``make`` (every language, both formats),
    made once for the run; tests only read it (or copy it)."""
    return once(tmp_path_factory, "built", made) / "project"


@pytest.fixture(scope="session")
def built_site(built_project) -> Path:
    """The published site of :func:`built_project`."""
    return built_project / "_build" / "site"


#: A test-only address (.test is reserved) for builds with PRESSKIT_BASE_URL set.
BASE = "https://presskit.test/kit/"


@pytest.fixture(scope="session")
def site_with_base(tmp_path_factory) -> Path:
    """The website built with PRESSKIT_BASE_URL set (absolute URLs, sitemap, og:image)."""

    def create(folder: Path) -> None:
        made(folder, "site", env={**os.environ, "PRESSKIT_BASE_URL": BASE})

    return once(tmp_path_factory, "based", create) / "project" / "_build" / "site"


@pytest.fixture(scope="session")
def built_en(built_site) -> Path:
    return built_site / "en"


#: Test modules that drive a real browser or server: `pytest -m "not browser"`
#: leaves them out for a fast loop while editing.
BROWSER_MODULES = {"test_browser.py", "test_nginx.py"}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in BROWSER_MODULES:
            item.add_marker(pytest.mark.browser)
