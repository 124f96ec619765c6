"""The press kit's benchmark: build speed against the naive build, page weight,
Lighthouse and PDF sizes, in one run, as figures (medians of several runs).

    .venv/bin/python bench/bench.py [--runs 3]      (make bench)

Everything runs in a temporary copy of the project.  Targets (issues 6 and 9):
full clean build <= 0.5 x the naive build; no-op rebuild <= 2 s; rebuild after
one Russian .po edit <= 0.5 x the full clean build, rebuilding Russian only; <= 250 KB transferred per
page; Lighthouse mobile performance >= 0.95 and the other categories 1.0.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build  # noqa: E402
from build import copy_project  # noqa: E402


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def check(proc: subprocess.CompletedProcess) -> None:
    if proc.returncode:
        sys.exit(f"bench: a build failed:\n{proc.stdout}{proc.stderr}")


#: The PDF as Sphinx's own Makefile makes it.
LATEXMK = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error"]


def naive(src: Path, out: Path) -> None:
    """The build a newcomer writes: one sphinx-build per language and format,
    each reading the sources itself, one after another, then latexmk."""
    conf_tex = "presskit.tex"
    for lang in build.languages(src):
        check(
            subprocess.run(
                build.sphinx_build("html", lang, src, out / "html" / lang, out / "dt-html" / lang),
                capture_output=True,
                text=True,
            )
        )
        texdir = out / "latex" / lang
        check(
            subprocess.run(
                build.sphinx_build("latex", lang, src, texdir, out / "dt-latex" / lang), capture_output=True, text=True
            )
        )
        check(subprocess.run([*LATEXMK, conf_tex], cwd=texdir, capture_output=True, text=True))


def project_build(src: Path) -> None:
    check(
        subprocess.run(
            [sys.executable, str(src / "tools" / "build.py"), "--srcdir", str(src)], capture_output=True, text=True
        )
    )


def median(values: list[float]) -> float:
    return statistics.median(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="presskit-bench-"))
    try:
        src = copy_project(tmp / "project")
        out = src / "_build"

        naive_times, full_times, noop_times, po_times = [], [], [], []
        po = src / "locale" / "ru" / "LC_MESSAGES" / "film" / "synopsis.po"
        original = po.read_text(encoding="utf-8")
        for run in range(args.runs):
            shutil.rmtree(tmp / "naive", ignore_errors=True)
            naive_times.append(timed(lambda: naive(src, tmp / "naive")))
            shutil.rmtree(out, ignore_errors=True)
            full_times.append(timed(lambda: project_build(src)))
            noop_times.append(timed(lambda: project_build(src)))
            # One Russian translation edited (a different one each run).
            po.write_text(original.replace('msgstr "Синопсис"', f'msgstr "Синопсис ({run})"', 1), encoding="utf-8")
            po_times.append(timed(lambda: project_build(src)))
        po.write_text(original, encoding="utf-8")

        full, naive_t = median(full_times), median(naive_times)
        noop, po_t = median(noop_times), median(po_times)
        print(f"Build speed (median of {args.runs} runs, {__import__('os').cpu_count()} cores)")
        print(f"  naive build (6 sphinx-build + 3 latexmk, in sequence)  {naive_t:6.2f} s")
        print(
            f"  project build, clean                                 {full:6.2f} s   ratio {full / naive_t:.2f}  (target <= 0.50)"
        )
        print(f"  no-op rebuild                                        {noop:6.2f} s   (target <= 2 s)")
        print(
            f"  rebuild after one ru .po edit                        {po_t:6.2f} s   ratio {po_t / full:.2f}  (target <= 0.50)"
        )

        site = out / "site"
        print("PDF sizes")
        conf = build.load_conf(src)
        for lang in build.languages(src):
            pdf = site / lang / conf["presskit_pdf_name"].format(language=lang)
            pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
            print(f"  {pdf.name:24} {pdf.stat().st_size / 1000:7.1f} kB  {count} pages")

        try:
            import weight  # tools/weight.py: bytes transferred and Lighthouse
        except ImportError:
            print("Page weight: tools/weight.py not found")
        else:
            weight.report(site, srcdir=src)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
