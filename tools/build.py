"""Build the press kit: every language in its own process, in parallel.

    python tools/build.py [--lang en ru ...] [--formats html pdf] [--srcdir .] [--outdir _build]

Each language is one ``sphinx-build`` run per format (Sphinx leaks translated
labels between languages built in one process) with the strict options below,
writing its doctrees to ``<outdir>/doctrees/<lang>/``, shared by its formats:

- ``pdf``: the LaTeX builder writes ``<outdir>/latex/<lang>/``, ``latexmk``
  runs XeLaTeX there (as many passes as the document needs, none when the
  ``.tex`` is unchanged), the log is checked (``tools/texlog.py``: an error, a
  missing glyph or an overfull box fails the build naming the page) and the PDF
  is published as ``<outdir>/site/<lang>/<presskit_pdf_name>``.
- ``html``: the site, into ``<outdir>/site/<lang>/``.  It runs after every
  language's PDF, since each page offers the PDF and the downloads page gives
  every language's size.

Both formats by default; ``--formats html`` needs no TeX.  A warning fails the
build.  This file is the one place where the build command is written: the
Makefile, the tests and the benchmark call it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import runpy
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT = ["-n", "-W", "--keep-going"]
FORMATS = ("html", "pdf")
#: XeLaTeX through latexmk: stop at the first error, report file and line.
LATEXMK = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error"]
TEX_TOOLS = ("xelatex", "latexmk")


def languages(srcdir: Path) -> list[str]:
    """The published languages, as conf.py lists them."""
    return list(runpy.run_path(str(srcdir / "conf.py"))["presskit_languages"])


def sphinx_build(builder: str, lang: str, srcdir: Path, target: Path, doctrees: Path,
                 settings: dict[str, str] | None = None) -> list[str]:
    """The command line of one strict Sphinx build."""
    overrides = [arg for key, value in (settings or {}).items() for arg in ("-D", f"{key}={value}")]
    return [
        sys.executable, "-m", "sphinx", "-b", builder, *STRICT, "-q",
        "-d", str(doctrees), "-D", f"language={lang}", *overrides, str(srcdir), str(target),
    ]


def run(command: list[str], label: str) -> tuple[str, int, str]:
    proc = subprocess.run(command, capture_output=True, text=True)
    return label, proc.returncode, proc.stdout + proc.stderr


#: Folders a build does not read (output, caches, tests, other tools' files);
#: every other file of the project, and the language's catalogues, is an input.
NOT_INPUTS = {"_build", ".venv", "venv", ".git", "locale", "tests", "bench", "deploy",
              "node_modules", "__pycache__", ".pytest_cache", ".ci"}


def project_digest(srcdir: Path) -> str:
    """A digest of the project files every language's build reads (all but the
    folders above and the catalogues), and of the settings from the environment."""
    digest = hashlib.sha256()
    files = []
    for folder, dirs, names in os.walk(srcdir):
        dirs[:] = sorted(d for d in dirs if d not in NOT_INPUTS)
        files += [Path(folder, n) for n in names if not n.endswith(".mo")]
    for path in sorted(files):
        digest.update(path.relative_to(srcdir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for value in (sys.version, os.environ.get("PRESSKIT_BASE_URL", "")):
        digest.update(value.encode() + b"\0")
    return digest.hexdigest()


def fingerprint(project: str, srcdir: Path, lang: str, *extra: str) -> str:
    """What one language's build reads: the project (``project_digest``), that
    language's catalogues (not the others'), and ``extra``."""
    digest = hashlib.sha256(project.encode())
    for path in sorted((srcdir / "locale" / lang).rglob("*.po")):
        digest.update(path.relative_to(srcdir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for value in extra:
        digest.update(value.encode() + b"\0")
    return digest.hexdigest()


class Stamp:
    """The fingerprint of a language's last successful build in one format:
    when it matches, the build would make the same files, and is skipped (their
    mtimes stay as they are)."""

    def __init__(self, outdir: Path, name: str, digest: str, product: Path):
        self.path, self.digest, self.product = outdir / "stamps" / name, digest, product

    def current(self) -> bool:
        return self.product.exists() and self.path.exists() and self.path.read_text() == self.digest

    def record(self, ok: bool) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if ok:
            self.path.write_text(self.digest)
        else:
            self.path.unlink(missing_ok=True)


def shown_sizes(srcdir: Path, site: Path, lang: str, langs: list[str], conf: dict) -> list[str]:
    """The PDF sizes the downloads page of ``lang`` shows, as it shows them."""
    sys.path.insert(0, str(srcdir / "_ext"))
    from presskit.downloads import file_size

    sizes = []
    for other in langs:
        pdf_file = site / other / conf["presskit_pdf_name"].format(language=other)
        sizes.append(file_size(pdf_file.stat().st_size, lang) if pdf_file.exists() else "-")
    return sizes


#: What in a .tex file needs a second LaTeX pass (the .aux of the first).
CROSS_REFERENCES = re.compile(r"\\(?:ref|pageref|autoref|nameref|cite)\{|\\hyperref\[|\\tableofcontents")


def single_pass(tex: Path) -> list[str]:
    """latexmk options for a document that needs one pass only.

    latexmk reruns XeLaTeX whenever the .aux changed, and on a clean build it
    always has.  A document with no cross-reference, citation or contents
    reads nothing back from its .aux (bookmarks come from the bookmark
    package in the first pass), so its .aux changes are ignored.
    """
    if CROSS_REFERENCES.search(tex.read_text(encoding="utf-8")):
        return []
    return ["-e", '$hash_calc_ignore_pattern{"aux"} = "^";']


def missing_tex() -> list[str]:
    return [tool for tool in TEX_TOOLS if not shutil.which(tool)]


def pdf(lang: str, srcdir: Path, outdir: Path, conf: dict) -> tuple[str, int, str]:
    """One language's PDF: LaTeX builder, latexmk, log check, publish."""
    label = f"pdf {lang}"
    texdir = outdir / "latex" / lang
    site = outdir / "site"
    published = site / lang / conf["presskit_pdf_name"].format(language=lang)
    tex = texdir / conf["latex_documents"][0][1]
    command = sphinx_build("latex", lang, srcdir, texdir, outdir / "doctrees" / lang,
                           {"presskit_site_dir": str(site)})
    _, code, output = run(command, label)
    if code:
        published.unlink(missing_ok=True)
        return label, code, output
    # Log lines unwrapped, so that tools/texlog.py reads every message whole.
    env = {**os.environ, "max_print_line": "10000", "error_line": "254", "half_error_line": "238"}
    proc = subprocess.run([*LATEXMK, *single_pass(tex), tex.name], cwd=texdir,
                          capture_output=True, text=True, env=env)
    from texlog import faults  # tools/texlog.py

    log = tex.with_suffix(".log")
    problems = faults(log, tex, srcdir, lang) if log.exists() else []
    if proc.returncode or problems or not tex.with_suffix(".pdf").exists():
        published.unlink(missing_ok=True)
        report = "\n".join(f"error: {fault}" for fault in problems)
        if proc.returncode and not problems:
            report = f"error: latexmk failed (exit {proc.returncode}); see {log}\n{proc.stdout[-3000:]}"
        return label, 1, f"{output}{report}\n(LaTeX log: {log})"
    published.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(tex.with_suffix(".pdf"), published)
    return label, 0, output


def report(results) -> int:
    failed = 0
    for label, code, output in results:
        status = "ok" if code == 0 else f"FAILED (exit {code})"
        print(f"[{label}] {status}", flush=True)
        if output.strip():
            print(output.rstrip(), flush=True)
        failed += code != 0
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="*", help="languages (default: all in conf.py)")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS),
                        help="what to build (default: html and pdf)")
    parser.add_argument("--srcdir", type=Path, default=ROOT)
    parser.add_argument("--outdir", type=Path, default=None)
    args = parser.parse_args(argv)
    srcdir = args.srcdir.resolve()
    outdir = (args.outdir or srcdir / "_build").resolve()
    conf = runpy.run_path(str(srcdir / "conf.py"))
    langs = args.lang or list(conf["presskit_languages"])

    if "pdf" in args.formats and (missing := missing_tex()):
        print(f"error: the PDF needs {' and '.join(missing)}, not found.  Install TeX Live and the "
              "fonts with `sudo bash tools/system-deps.sh pdf` (Debian/Ubuntu: it lists the "
              "packages), or build the website alone: tools/build.py --formats html", file=sys.stderr)
        return 2

    site = outdir / "site"
    all_langs = list(conf["presskit_languages"])
    project = project_digest(srcdir)
    failed = 0
    ran_html = False
    with ThreadPoolExecutor(max_workers=len(langs)) as pool:
        if "pdf" in args.formats:
            stamps = {
                lang: Stamp(outdir, f"pdf-{lang}", fingerprint(project, srcdir, lang, "pdf"),
                            site / lang / conf["presskit_pdf_name"].format(language=lang))
                for lang in langs
            }
            todo = [lang for lang in langs if not stamps[lang].current()]
            for lang, result in zip(todo, pool.map(lambda lang: pdf(lang, srcdir, outdir, conf), todo)):
                stamps[lang].record(result[1] == 0)
                failed += report([result])
        if "html" in args.formats and not failed:
            stamps = {
                lang: Stamp(outdir, f"html-{lang}",
                            fingerprint(project, srcdir, lang, "html", *shown_sizes(srcdir, site, lang, all_langs, conf)),
                            site / lang / "index.html")
                for lang in langs
            }
            todo = [lang for lang in langs if not stamps[lang].current()]
            jobs = [
                (sphinx_build("html", lang, srcdir, site / lang, outdir / "doctrees" / lang,
                              {"presskit_site_dir": str(site)}), f"html {lang}")
                for lang in todo
            ]
            for lang, result in zip(todo, pool.map(lambda job: run(*job), jobs)):
                stamps[lang].record(result[1] == 0)
                failed += report([result])
            ran_html = bool(todo)
    if failed:
        return 1
    if ran_html:
        # The site-wide files (entry page, 404, robots.txt, sitemap.xml): tools/site_files.py.
        from site_files import assemble

        assemble(srcdir, site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
