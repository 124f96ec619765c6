"""Plain Sphinx works: how Read the Docs and most Sphinx users build, from a checkout.

``sphinx-build -W -n -b html . OUT`` (doctrees inside OUT; Read the Docs'
way) and the Makefile's ``make gettext|linkcheck|latexpdf`` (``sphinx-build
-M``, as Sphinx's own Makefile) exit 0 without a warning.  Each builder runs
once: ``make html`` is the same strict html build through the Makefile rule
the other three targets run, ``-b gettext`` the same builder as ``make
gettext``, and ``-b latex`` the first half of ``make latexpdf``.  linkcheck
runs offline: the kit's pages have no external link today, and the test
ignores http(s) URLs so that it never reaches the network; every other link
is checked.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project, make


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("sphinx") / "project")


def sphinx_build(src: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinx", *args], cwd=src, capture_output=True, text=True)


def clean(result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "WARNING" not in output, output[-3000:]


def test_sphinx_build_b_html(checkout):
    out = checkout / "_build" / "plain-html"
    clean(sphinx_build(checkout, "-W", "-n", "-b", "html", ".", str(out)))
    assert (out / "index.html").exists()
    # The icon stylesheet (presskit.theme.icons) is in place, at a URL of its content.
    css = (out / "_static" / "styles" / "pydata-sphinx-theme.css").read_bytes()
    assert b"presskit.theme.icons" in css
    digest = hashlib.sha256(css).hexdigest()[:20]
    assert f"pydata-sphinx-theme.css?digest={digest}" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("target", ["gettext", "linkcheck", "latexpdf"])
def test_make_target(checkout, target):
    if target == "latexpdf" and not shutil.which("latexmk"):
        pytest.skip("no latexmk: `make latexpdf` needs TeX (bash tools/system-deps.sh pdf)")
    options = ["O=-D linkcheck_ignore=^https?://"] if target == "linkcheck" else []
    result = make(checkout, target, *options)
    clean(result)
    out = checkout / "_build" / "sphinx"
    expected = {
        "gettext": "gettext/index.pot",
        "linkcheck": "linkcheck/output.json",
        "latexpdf": "latex/presskit.pdf",
    }[target]
    assert (out / expected).exists(), result.stdout[-2000:]
    if target == "latexpdf":  # nor one of LaTeX's (a label defined twice, say)
        log = (out / "latex" / "presskit.log").read_text(encoding="utf-8", errors="replace")
        assert not re.findall(r"^.*Warning:.*$", log, re.M)
    if target == "linkcheck":
        broken = [
            line
            for line in (out / "linkcheck" / "output.json").read_text().splitlines()
            if re.search(r'"status": "(broken|timeout)"', line)
        ]
        assert not broken
