"""Build the press kit and publish it to ``_build/site`` only when every part succeeded.

    python tools/build.py [--lang en ru ...] [--formats html pdf] [--srcdir .] [--outdir _build]
    python tools/build.py --catalogues [--lang ru]    # only compile the catalogues strictly

One change-detection mechanism, in three sentences:

1. Each *part* (one language in one format) has a digest of everything it is
   built from: the project's files that format reads, that language's
   catalogues, the installed packages, TeX (for the PDF) and the settings.
2. A part whose digest differs from the one its last good build recorded is
   built from scratch in a fresh folder (its own doctrees, nothing carried
   over), so ``make`` after any edit gives what a clean build gives.
3. When every requested part succeeded, a new release is assembled from the
   parts whose digest is current (unchanged files hard-linked) and
   ``_build/site``, a symlink, is switched to it in one atomic rename; on any
   failure or interrupt it stays as it was.  The nginx settings for that
   release are written beside it, to ``_build/nginx/`` (``tools/nginx.py``).

Before Sphinx runs, each language's catalogues are compiled strictly
(``msgfmt --check``), so a syntax slip fails with ``catalogue:line: reason``.
Every Sphinx build is strict (``-n -W --keep-going``).  This file is the one
place where the build command is written: the Makefile, the tests and the
benchmark call it.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import importlib.metadata
import multiprocessing
import os
import re
import runpy
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(__file__).resolve().parent
STRICT = ["-n", "-W", "--keep-going"]
FORMATS = ("html", "pdf")
#: XeLaTeX: stop at the first error, report file and line.
XELATEX = ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error"]
TEX_TOOLS = ("xelatex",)

#: Not the project's sources: build output, caches, other tools' state.
NOT_SOURCES = {"_build", ".venv", "venv", ".git", "node_modules", "__pycache__", ".pytest_cache"}
#: Project files no build reads: those above, tests and the other tools' files.
NOT_INPUTS = NOT_SOURCES | {
    "locale",
    "tests",
    "bench",
    ".ci",
    "README.md",
    "TRANSLATING.md",
    "Makefile",
    ".gitignore",
    ".readthedocs.yaml",
    "pytest.ini",
    "catalogs.py",
    "pocheck.py",
    "spelling.py",
    "glossary.py",
    "langpackages.py",
    "weight.py",
    "localsite.py",
    "system-deps.sh",
}
#: Files only one format reads (the other format's digest leaves them out).
ONLY_FOR = {
    "html": ("_templates/", "_static/", "tools/site_files.py", "tools/nginx.py"),
    "pdf": ("_latex/", "tools/texlog.py"),
}


def copy_project(dest: Path, srcdir: Path = ROOT) -> Path:
    """A copy of the project's sources at ``dest`` (for the tests and the benchmark)."""
    shutil.copytree(srcdir, dest, ignore=shutil.ignore_patterns(*NOT_SOURCES, "*.mo"))
    return dest


class BuildError(Exception):
    """An expected failure, reported as one line (or a few) without a traceback."""


def load_conf(srcdir: Path) -> dict:
    """conf.py's settings; a fault in the facts file is one readable line."""
    sys.path.insert(0, str(srcdir / "_ext"))
    from presskit.facts import FactsError

    try:
        return runpy.run_path(str(srcdir / "conf.py"))
    except FactsError as exc:
        raise BuildError(str(exc)) from None


def languages(srcdir: Path) -> list[str]:
    """Every language conf.py builds: the published ones, then those in progress."""
    return every_language(load_conf(srcdir))


def every_language(conf: dict) -> list[str]:
    return [*conf["presskit_published"], *conf["presskit_in_progress"]]


def sphinx_args(
    builder: str, lang: str, srcdir: Path, target: Path, doctrees: Path, settings: dict[str, str] | None = None
) -> list[str]:
    """The arguments of one strict Sphinx build."""
    overrides = [arg for key, value in (settings or {}).items() for arg in ("-D", f"{key}={value}")]
    return [
        "-b",
        builder,
        *STRICT,
        "-q",
        "-d",
        str(doctrees),
        "-D",
        f"language={lang}",
        *overrides,
        str(srcdir),
        str(target),
    ]


def sphinx_build(*args, **kwargs) -> list[str]:
    """The command line of one strict Sphinx build (arguments as :func:`sphinx_args`)."""
    return [sys.executable, "-m", "sphinx", *sphinx_args(*args, **kwargs)]


# -- Catalogues, compiled strictly before Sphinx ----------------------------------


def catalogues(srcdir: Path, lang: str) -> list[Path]:
    return sorted((srcdir / "locale" / lang).rglob("*.po"))


def compile_catalogue(po: Path, srcdir: Path, mo: Path | None = None) -> list[str]:
    """``msgfmt --check`` one catalogue into its ``.mo`` (or ``mo``); the errors
    as ``locale/…/x.po:LINE: reason``."""
    msgfmt = shutil.which("msgfmt")
    if not msgfmt:
        raise BuildError("msgfmt not found: install GNU gettext (apt-get install gettext)")
    out = mo or po.with_suffix(".mo")
    proc = subprocess.run([msgfmt, "--check", f"--output-file={out}", str(po)], capture_output=True, text=True)
    if proc.returncode == 0:
        return []
    rel = po.relative_to(srcdir).as_posix()
    lines = [line.replace(str(po), rel) for line in proc.stderr.splitlines() if "msgfmt: found" not in line]
    return lines or [f"{rel}: msgfmt failed"]


def compile_catalogues(srcdir: Path, langs: list[str]) -> None:
    errors = [e for lang in langs for po in catalogues(srcdir, lang) for e in compile_catalogue(po, srcdir)]
    if errors:
        raise BuildError(
            "a catalogue is broken; nothing was built or published:\n" + "\n".join(f"error: {e}" for e in errors)
        )


# -- Digests -------------------------------------------------------------------------


def _files(srcdir: Path) -> list[Path]:
    found = []
    for folder, dirs, names in os.walk(srcdir):
        dirs[:] = sorted(d for d in dirs if d not in NOT_INPUTS)
        found += [Path(folder, n) for n in names if n not in NOT_INPUTS and not n.endswith((".mo", ".pyc"))]
    return sorted(found)


def _tool_version(*command: str) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout
    except OSError:
        return "missing"


def environment(with_tex: bool) -> dict[str, str]:
    """What a build reads besides the project: Python and its packages, TeX and
    the fonts (for the PDF), and the settings from the environment."""
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    settings = sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith(("PRESSKIT_", "READTHEDOCS")))
    # The fonts: the PDF's and the title card's (presskit.site.card draws it in PT Sans/Serif).
    fonts = _tool_version("fc-list", ":", "family", "file", "fontversion")
    env = {"html": "\n".join([sys.version, *packages, *settings, fonts])}
    if with_tex:
        env["pdf"] = env["html"] + _tool_version("xelatex", "--version")
    return env


@dataclass(frozen=True)
class Part:
    """One language in one format."""

    lang: str
    fmt: str

    @property
    def name(self) -> str:
        return f"{self.lang}-{self.fmt}"


def digests(srcdir: Path, parts: list[Part], env: dict[str, str], settings: dict[Part, dict]) -> dict[Part, str]:
    """The digest of each part's inputs (each project file read once)."""
    contents = {p.relative_to(srcdir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(srcdir)}
    result = {}
    for part in parts:
        digest = hashlib.sha256(env.get(part.fmt, "missing").encode())
        other = [prefix for fmt, prefixes in ONLY_FOR.items() if fmt != part.fmt for prefix in prefixes]
        for rel, content in contents.items():
            if not rel.startswith(tuple(other)):
                digest.update(f"{rel}\0{content}\0".encode())
        for po in catalogues(srcdir, part.lang):
            digest.update(po.relative_to(srcdir).as_posix().encode() + b"\0" + po.read_bytes() + b"\0")
        digest.update(repr(sorted(settings.get(part, {}).items())).encode())
        result[part] = digest.hexdigest()
    return result


# -- Building one part -----------------------------------------------------------

_RUNNING: set = set()  # subprocess.Popen and multiprocessing processes
_RUNNING_LOCK = threading.Lock()


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """A subprocess that an interrupt of the build stops too."""
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs) as proc:
        with _RUNNING_LOCK:
            _RUNNING.add(proc)
        try:
            output, _ = proc.communicate()
        finally:
            with _RUNNING_LOCK:
                _RUNNING.discard(proc)
    return subprocess.CompletedProcess(command, proc.returncode, output, "")


def stop_all() -> None:
    with _RUNNING_LOCK:
        for proc in _RUNNING:
            proc.terminate()


# Sphinx runs in processes forked from a server that has imported Sphinx, the
# theme and the extensions once (not the project's own code, which conf.py
# loads in each build): each build starts as a fresh process would, without
# paying for the imports again (about a fifth of a clean build's processor time).
_FORKS = multiprocessing.get_context("forkserver")


def preload(conf: dict) -> None:
    """What the fork server imports: Sphinx's builders, the theme and the
    installed extensions that conf.py lists."""
    installed = [name for name in conf["extensions"] if not name.startswith("presskit")]
    _FORKS.set_forkserver_preload(["sphinx.cmd.build", "sphinx.builders.latex", conf["html_theme"], *installed])


def _sphinx_main(args: list[str], log: str) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    from sphinx.cmd.build import build_main

    sys.exit(build_main(args))


def run_sphinx(args: list[str], log: Path) -> subprocess.CompletedProcess:
    """``sphinx-build args`` in a forked process; its output is written to ``log``."""
    proc = _FORKS.Process(target=_sphinx_main, args=(args, str(log)))
    proc.start()
    with _RUNNING_LOCK:
        _RUNNING.add(proc)
    try:
        proc.join()
    finally:
        with _RUNNING_LOCK:
            _RUNNING.discard(proc)
    output = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    return subprocess.CompletedProcess(args, proc.exitcode, output, "")


#: What in a .tex file needs a second LaTeX pass (the .aux of the first).
CROSS_REFERENCES = re.compile(r"\\(?:ref|pageref|autoref|nameref|cite)\{|\\hyperref\[|\\tableofcontents")


def passes(tex: Path) -> int:
    """XeLaTeX passes a document needs: one when it reads nothing back from its
    .aux (no cross-reference, citation or contents, as the press kit), else two."""
    return 2 if CROSS_REFERENCES.search(tex.read_text(encoding="utf-8")) else 1


def build_part(part: Part, srcdir: Path, work: Path, conf: dict, settings: dict) -> tuple[int, str, Path]:
    """Build ``part`` from scratch in ``work``; (exit code, output, product folder)."""
    shutil.rmtree(work, ignore_errors=True)
    out = work / "out"
    builder = "html" if part.fmt == "html" else "latex"
    target = out if part.fmt == "html" else work / "latex"
    work.mkdir(parents=True)
    proc = run_sphinx(sphinx_args(builder, part.lang, srcdir, target, work / "doctrees", settings), work / "sphinx.log")
    if proc.returncode or part.fmt == "html":
        return proc.returncode, proc.stdout, out
    tex = target / conf["latex_documents"][0][1]
    # Log lines unwrapped, so that tools/texlog.py reads every message whole.
    env = {**os.environ, "max_print_line": "10000", "error_line": "254", "half_error_line": "238"}
    for _ in range(passes(tex)):
        latex = run([*XELATEX, tex.name], cwd=target, env=env)
        if latex.returncode:
            break
    sys.path.insert(0, str(TOOLS))
    from texlog import faults

    log = tex.with_suffix(".log")
    problems = faults(log, tex, srcdir, part.lang) if log.exists() else []
    if latex.returncode or problems or not tex.with_suffix(".pdf").exists():
        report = "\n".join(f"error: {fault}" for fault in problems)
        if not problems:
            report = f"error: xelatex failed (exit {latex.returncode}); see {log}\n{latex.stdout[-3000:]}"
        return 1, f"{proc.stdout}{report}\n(LaTeX log: {log})", out
    out.mkdir()
    os.replace(tex.with_suffix(".pdf"), out / conf["presskit_pdf_name"].format(language=part.lang))
    return 0, proc.stdout, out


# -- Publishing --------------------------------------------------------------------


class Store:
    """``<outdir>``: the last good build of each part (``parts/``), the
    releases assembled from them (``releases/``) and the published ``site``
    symlink."""

    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.parts, self.releases, self.site = outdir / "parts", outdir / "releases", outdir / "site"

    def digest_file(self, part: Part) -> Path:
        return self.parts / f"{part.name}.digest"

    def current(self, part: Part, digest: str) -> bool:
        f = self.digest_file(part)
        return f.exists() and f.read_text() == digest and (self.parts / part.name).is_dir()

    def keep(self, part: Part, product: Path, digest: str) -> None:
        """Make ``product`` the last good build of ``part``: the digest is
        written last, so an interrupt leaves a part that is rebuilt."""
        self.parts.mkdir(parents=True, exist_ok=True)
        self.digest_file(part).unlink(missing_ok=True)
        shutil.rmtree(self.parts / part.name, ignore_errors=True)
        os.replace(product, self.parts / part.name)
        tmp = self.digest_file(part).with_suffix(".tmp")
        tmp.write_text(digest)
        os.replace(tmp, self.digest_file(part))

    def published(self) -> str:
        """The digest the published site was assembled from ("" when none)."""
        stamp = self.outdir / "published.digest"
        return stamp.read_text() if self.site.is_symlink() and stamp.exists() else ""

    def publish(self, parts: list[Part], srcdir: Path, conf: dict, release_digest: str) -> None:
        """Assemble ``parts`` and the site-wide files into a new release and
        switch ``site`` to it atomically."""
        self.releases.mkdir(parents=True, exist_ok=True)
        release = self.releases / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
        for part in parts:
            source = self.parts / part.name
            for folder, _dirs, names in os.walk(source):
                dest = release / part.lang / Path(folder).relative_to(source)
                dest.mkdir(parents=True, exist_ok=True)
                for name in names:
                    if not name.startswith("."):  # .buildinfo
                        os.link(Path(folder, name), dest / name)
        sys.path.insert(0, str(TOOLS))
        import nginx
        from site_files import assemble

        if websites := [p.lang for p in parts if p.fmt == "html"]:
            assemble(srcdir, release, conf, websites)
            nginx.write(srcdir, self.outdir, conf, websites, release)
        link = self.outdir / f".site-{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(release.relative_to(self.outdir))
        if self.site.exists() and not self.site.is_symlink():
            shutil.rmtree(self.site)  # a site folder of an older version of this tool
        os.replace(link, self.site)
        (self.outdir / "published.digest").write_text(release_digest)

    def prune(self) -> None:
        """Remove every release but the published one, and any leftover link."""
        keep = self.site.resolve() if self.site.is_symlink() else None
        for release in self.releases.iterdir() if self.releases.exists() else []:
            if release.resolve() != keep:
                shutil.rmtree(release, ignore_errors=True)
        for link in self.outdir.glob(".site-*"):
            link.unlink(missing_ok=True)


def lock(outdir: Path):
    """One build at a time in an output folder: a second one waits."""
    outdir.mkdir(parents=True, exist_ok=True)
    handle = (outdir / ".lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"waiting: another build is running in {outdir} ...", file=sys.stderr, flush=True)
        fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def missing_tex() -> list[str]:
    return [tool for tool in TEX_TOOLS if not shutil.which(tool)]


def build(srcdir: Path, outdir: Path, langs: list[str] | None, formats: tuple[str, ...], dry_run: bool = False) -> int:
    """Build ``langs`` (default: every language) in ``formats`` and publish;
    with ``dry_run``, only list the parts that would be built."""
    conf = load_conf(srcdir)
    all_langs = every_language(conf)
    langs = langs or all_langs
    offered = list(conf["presskit_languages"])
    unknown = sorted(set(langs) - set(all_langs))
    if unknown:
        raise BuildError(
            f"unknown language {', '.join(unknown)}: conf.py has "
            f"{', '.join(all_langs)} (`make add-language lang=xx` adds one)"
        )
    if "pdf" in formats and (missing := missing_tex()):
        raise BuildError(
            f"the PDF needs {' and '.join(missing)}, not found.  Install TeX Live and the "
            "fonts with `sudo bash tools/system-deps.sh pdf` (Debian/Ubuntu), or build "
            "the website alone: tools/build.py --formats html"
        )
    store = Store(outdir)
    every = [Part(lang, fmt) for lang in all_langs for fmt in FORMATS]
    # The website links the PDFs when it is built with them; its switcher
    # offers the languages conf.py offers (a language in progress joins them
    # once complete: every page is rebuilt then).
    settings = {p: {"presskit_with_pdf": int("pdf" in formats)} if p.fmt == "html" else {} for p in every}
    digest = digests(
        srcdir, every, environment(with_tex=not missing_tex()), {p: {**settings[p], "offered": offered} for p in every}
    )
    requested = [Part(lang, fmt) for lang in langs for fmt in FORMATS if fmt in formats]
    todo = [p for p in requested if not store.current(p, digest[p])]
    if dry_run:
        for part in todo:
            print(f"[{part.fmt} {part.lang}] out of date", flush=True)
        return 0

    failed = []
    if todo:
        compile_catalogues(srcdir, sorted({p.lang for p in todo}))
        work = outdir / "work"
        shutil.rmtree(work, ignore_errors=True)
        preload(conf)
        with ThreadPoolExecutor(max_workers=len(todo)) as pool:
            futures = [pool.submit(build_part, p, srcdir, work / p.name, conf, settings[p]) for p in todo]
            try:
                results = [future.result() for future in futures]
            except KeyboardInterrupt:
                stop_all()
                raise
            for part, (code, output, product) in zip(todo, results):
                print(f"[{part.fmt} {part.lang}] {'ok' if code == 0 else 'FAILED'}", flush=True)
                if output.strip():
                    print(output.rstrip(), flush=True)
                if code:
                    failed.append(part)
                else:
                    store.keep(part, product, digest[part])
        if not failed:
            shutil.rmtree(work, ignore_errors=True)
    # A language in progress never blocks the ones readers are offered.
    if unoffered := [p for p in failed if p.lang not in offered]:
        print(
            f"warning: {', '.join(p.name for p in unoffered)} failed: a language in progress, not offered to readers",
            file=sys.stderr,
        )
    if failed := [p for p in failed if p.lang in offered]:
        print(
            f"error: {len(failed)} of {len(todo)} builds failed; nothing was published ({store.site} is as it was)",
            file=sys.stderr,
        )
        return 1
    # Every part offered to readers whose last good build is current, in
    # conf.py's order (a language in progress stays in _build/parts/).
    current = [p for p in every if p.lang in offered and store.current(p, digest[p])]
    release_digest = hashlib.sha256(repr([(p, digest[p]) for p in current]).encode()).hexdigest()
    if store.published() != release_digest:
        store.publish(current, srcdir, conf, release_digest)
        print(f"published: {store.site} ({', '.join(p.name for p in current)})", flush=True)
    store.prune()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="*", help="languages (default: all in conf.py)")
    parser.add_argument(
        "--formats", nargs="+", choices=FORMATS, default=list(FORMATS), help="what to build (default: html and pdf)"
    )
    parser.add_argument(
        "--catalogues", action="store_true", help="only compile the catalogues strictly (the first step of every build)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list the parts a build would rebuild; build and publish nothing"
    )
    parser.add_argument("--srcdir", type=Path, default=ROOT)
    parser.add_argument("--outdir", type=Path, default=None)
    args = parser.parse_args(argv)
    srcdir = args.srcdir.resolve()
    outdir = (args.outdir or srcdir / "_build").resolve()
    try:
        if args.catalogues:
            compile_catalogues(srcdir, args.lang or languages(srcdir))
            return 0
        with lock(outdir):
            return build(srcdir, outdir, args.lang, tuple(args.formats), args.dry_run)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        stop_all()
        print(f"\ninterrupted: nothing was published ({outdir / 'site'} is as it was)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
