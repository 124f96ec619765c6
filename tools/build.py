"""Build the press kit: every language in its own process, in parallel.

    python tools/build.py [--lang en ru ...] [--srcdir .] [--outdir _build]

Each language is one ``sphinx-build`` run (Sphinx leaks translated labels
between languages built in one process) with the strict options below, writing
the site to ``<outdir>/site/<lang>/`` and its doctrees to
``<outdir>/doctrees/<lang>/``.  A warning fails the build.  This file is the
one place where the build command is written: the Makefile, the tests and the
benchmark call it.
"""

from __future__ import annotations

import argparse
import os
import runpy
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ["-n", "-W", "--keep-going"]


def languages(srcdir: Path) -> list[str]:
    """The published languages, as conf.py lists them."""
    return list(runpy.run_path(str(srcdir / "conf.py"))["presskit_languages"])


def sphinx_build(builder: str, lang: str, srcdir: Path, target: Path, doctrees: Path) -> list[str]:
    """The command line of one strict Sphinx build."""
    return [
        sys.executable, "-m", "sphinx", "-b", builder, *STRICT, "-q",
        "-d", str(doctrees), "-D", f"language={lang}", str(srcdir), str(target),
    ]


def run(command: list[str], label: str) -> tuple[str, int, str]:
    proc = subprocess.run(command, capture_output=True, text=True)
    return label, proc.returncode, proc.stdout + proc.stderr


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="*", help="languages (default: all in conf.py)")
    parser.add_argument("--srcdir", type=Path, default=ROOT)
    parser.add_argument("--outdir", type=Path, default=None)
    args = parser.parse_args(argv)
    srcdir = args.srcdir.resolve()
    outdir = (args.outdir or srcdir / "_build").resolve()
    langs = args.lang or languages(srcdir)

    jobs = [
        (sphinx_build("html", lang, srcdir, outdir / "site" / lang, outdir / "doctrees" / lang), f"html {lang}")
        for lang in langs
    ]
    failed = 0
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for label, code, output in pool.map(lambda job: run(*job), jobs):
            status = "ok" if code == 0 else f"FAILED (exit {code})"
            print(f"[{label}] {status}")
            if output.strip():
                print(output.rstrip())
            failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
