"""Page weight: what a first visit to a page transfers, and Lighthouse's scores.

    .venv/bin/python tools/weight.py [--site _build/site] [--no-lighthouse]

- :func:`transfer_bytes` reads the built site from disk: the HTML page and every
  resource a first load fetches (stylesheets, scripts, preloads, images, icons,
  and what the CSS pulls in through ``@import`` and ``url()``: fonts, images),
  each counted as a server with gzip on sends it: text types compressed at
  level 6 (nginx's ``gzip_comp_level 6``, as ``tools/nginx.py`` sets),
  others as they are.  Source maps are not counted (only developer tools fetch
  them), nor ``data:`` URLs (part of the file that holds them), nor HTTP
  headers.  It counts every font and image the CSS names, so it is an upper
  bound: a browser fetches a font only when some text uses it.
- :func:`lighthouse` runs Lighthouse 12.2.3 (``bench/package.json``, installed
  into ``bench/node_modules`` by ``npm ci --prefix bench``) with Debian's
  Chromium in its mobile configuration against a URL and returns the four
  category scores; ``tools/localsite.SiteServer`` serves the site on 127.0.0.1 with gzip.
- :func:`main` prints both for each language's home page and a content page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from build import ROOT, languages
from localsite import CHROMIUM, CHROMIUM_ARGS, COMPRESSED, GZIP_LEVEL, SiteServer, content_type

BENCH = ROOT / "bench"
LANGUAGES = languages(ROOT)
#: Per language: the home page and one content page (the longest page, with tables).
PAGES = ("index.html", "film/credits.html")
#: The budget of the issue: bytes transferred on a first load, gzip on.
BUDGET = 250_000
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"


def wire_size(data: bytes, ctype: str) -> int:
    """The body's size on the wire: gzip level 6 for text types."""
    if ctype in COMPRESSED:
        return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
    return len(data)


# -- What a page loads ----------------------------------------------------------


class _PageParser(HTMLParser):
    """The URLs a page makes the browser fetch as it loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (kind, url)
        self.styles: list[str] = []  # inline <style> text (its url()s count)
        self._in_style = False
        self._sources: list[tuple[str, str]] | None = None  # of the <picture> being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link" and a.get("href"):
            if "stylesheet" in rel and "alternate" not in rel and a.get("media", "all") != "not all":
                self.urls.append(("stylesheet", a["href"]))
            elif rel & {"preload", "modulepreload", "icon", "shortcut", "apple-touch-icon", "manifest"}:
                self.urls.append(
                    (
                        a.get("as") or next(iter(rel & {"preload", "modulepreload", "icon", "manifest"}), "link"),
                        a["href"],
                    )
                )
        elif tag == "script" and a.get("src"):
            self.urls.append(("script", a["src"]))
        elif tag == "picture":
            self._sources = []
        elif tag in ("img", "source", "input", "video", "audio", "iframe", "embed"):
            src = a.get("src") or a.get("poster") or ""
            if not src and a.get("srcset"):
                src = a["srcset"].split(",")[0].split()[0]
            if tag == "source" and self._sources is not None:
                # A <picture>'s sources load as its <img> does (lazily or not).
                self._sources.append(("image", src))
                return
            if tag == "img" and self._sources is not None:
                if a.get("loading") != "lazy":
                    self.urls.extend(self._sources)
                self._sources = None
            if src and a.get("loading") != "lazy" and not (tag == "input" and a.get("type") != "image"):
                self.urls.append(("image" if tag in ("img", "source", "input") else tag, src))
        elif tag == "object" and a.get("data"):
            self.urls.append(("object", a["data"]))
        if a.get("style"):
            self.styles.append(a["style"])
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)
_CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""", re.I | re.S)


def css_urls(text: str) -> list[tuple[str, str]]:
    """The URLs a stylesheet pulls in: ``@import`` and every ``url()``."""
    text = _CSS_COMMENT.sub("", text)
    found = [("stylesheet", u) for u in _CSS_IMPORT.findall(text)]
    imported = {u for _, u in found}
    for _, url in _CSS_URL.findall(text):
        url = url.strip()
        if url in imported:
            continue
        kind = "font" if re.search(r"\.(woff2?|ttf|otf|eot)(\?|#|$)", url, re.I) else "image"
        found.append((kind, url))
    return found


def _resolve(base: PurePosixPath, url: str, site: Path) -> tuple[str, Path | None]:
    """A URL relative to the site-relative ``base`` file → (site path, file)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return url, None  # another host (the site has none) or a scheme like data:
    path = unquote(parts.path)
    if not path:
        return str(base), site / base
    joined = PurePosixPath(path.lstrip("/")) if path.startswith("/") else base.parent / path
    norm: list[str] = []
    for part in joined.parts:
        if part == "..":
            if norm:
                norm.pop()
        elif part not in (".", ""):
            norm.append(part)
    rel = "/".join(norm)
    target = site / rel
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
        rel = f"{rel}/index.html".lstrip("/")
    return rel, target


def transfer_bytes(site_dir: Path, page: str) -> dict[str, Any]:
    """What a first load of ``page`` (relative to ``site_dir``, e.g.
    ``"ru/film/credits.html"``) transfers with gzip on.

    Returns ``{"page", "bytes" (on the wire, gzip), "raw" (uncompressed),
    "requests", "resources": [{"path", "kind", "type", "raw", "bytes"}],
    "missing": [...], "external": [...]}``; the page itself is the first
    resource.  Each URL counts once (a browser fetches it once)."""
    site = Path(site_dir)
    resources: list[dict[str, Any]] = []
    missing: list[str] = []
    external: list[str] = []
    seen: set[str] = set()

    def fetch(kind: str, rel: str, path: Path | None, url: str) -> bytes | None:
        key = rel.split("#")[0]
        if path is None:
            if not url.startswith("data:") and url not in external:
                external.append(url)
            return None
        if key in seen:
            return None
        seen.add(key)
        if rel.endswith(".map"):
            return None
        if not path.is_file():
            missing.append(rel)
            return None
        data = path.read_bytes()
        ctype = content_type(path)
        resources.append({"path": rel, "kind": kind, "type": ctype, "raw": len(data), "bytes": wire_size(data, ctype)})
        return data

    def follow_css(rel: str, text: str) -> None:
        for kind, url in css_urls(text):
            if url.startswith("#"):
                continue  # an SVG reference within the document
            sub_rel, sub_path = _resolve(PurePosixPath(rel), url, site)
            data = fetch(kind, sub_rel, sub_path, url)
            if data is not None and kind == "stylesheet":
                follow_css(sub_rel, data.decode("utf-8", "replace"))

    page_rel, page_path = _resolve(PurePosixPath("index.html"), page, site)
    html = fetch("document", page_rel, page_path, page)
    if html is None:
        raise FileNotFoundError(site / page)
    parser = _PageParser()
    parser.feed(html.decode("utf-8", "replace"))
    base = PurePosixPath(page_rel)
    for style in parser.styles:
        for kind, url in css_urls(style):
            if not url.startswith("#"):
                rel, path = _resolve(base, url, site)
                data = fetch(kind, rel, path, url)
                if data is not None and kind == "stylesheet":
                    follow_css(rel, data.decode("utf-8", "replace"))
    for kind, url in parser.urls:
        rel, path = _resolve(base, url, site)
        data = fetch(kind, rel, path, url)
        if data is not None and kind == "stylesheet":
            follow_css(rel, data.decode("utf-8", "replace"))
    return {
        "page": page,
        "bytes": sum(r["bytes"] for r in resources),
        "raw": sum(r["raw"] for r in resources),
        "requests": len(resources),
        "resources": resources,
        "missing": missing,
        "external": external,
    }


# -- Lighthouse ---------------------------------------------------------------------


def lighthouse_available() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not shutil.which("node"):
        return "node is not installed"
    if not LIGHTHOUSE.is_file():
        return f"Lighthouse is not installed: run `npm ci --prefix {BENCH.relative_to(ROOT)}`"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (tools/system-deps.sh installs it)"
    return None


def lighthouse(url: str, timeout: float = 240) -> dict[str, Any]:
    """Lighthouse 12.2.3's default (mobile) run on ``url`` with Debian's
    Chromium: ``{"performance": 0.99, "accessibility": 1.0, "best-practices":
    1.0, "seo": 1.0, "failed": {category: [audit ids scoring below 1]},
    "metrics": {...}, "total-byte-weight": bytes}``."""
    if why := lighthouse_available():
        raise RuntimeError(why)
    with tempfile.TemporaryDirectory(prefix="presskit-lh-") as tmp:
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "TMPDIR": tmp}
        command = [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ]
        proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout)
    if proc.returncode or not proc.stdout.strip():
        raise RuntimeError(f"lighthouse failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    report = json.loads(proc.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError']}")
    result: dict[str, Any] = {c: report["categories"][c]["score"] for c in CATEGORIES}
    audits = report["audits"]
    result["failed"] = {
        c: [
            ref["id"]
            for ref in report["categories"][c]["auditRefs"]
            if ref.get("weight") and (audits[ref["id"]].get("score") is not None) and audits[ref["id"]]["score"] < 1
        ]
        for c in CATEGORIES
    }
    result["metrics"] = {
        m: audits[m].get("numericValue")
        for m in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
        if m in audits
    }
    result["total-byte-weight"] = audits.get("total-byte-weight", {}).get("numericValue")
    return result


# -- The benchmark ---------------------------------------------------------------------


def pages(languages: tuple[str, ...] = tuple(LANGUAGES)) -> list[str]:
    """Home page and one content page of each language."""
    return [f"{lang}/{page}" for lang in languages for page in PAGES]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_published(outdir: Path, base_url: str, srcdir: Path = ROOT) -> Path:
    """The site as it is published: built (website and PDFs, every language)
    with ``PRESSKIT_BASE_URL`` set, so that canonical and ``hreflang`` links are
    absolute, as search engines (and Lighthouse's SEO audits) want them.
    Returns the site folder."""
    proc = subprocess.run(
        [sys.executable, str(srcdir / "tools" / "build.py"), "--srcdir", str(srcdir), "--outdir", str(outdir)],
        capture_output=True,
        text=True,
        env={**os.environ, "PRESSKIT_BASE_URL": base_url},
    )
    if proc.returncode:
        raise RuntimeError(f"build failed:\n{proc.stdout}{proc.stderr}")
    return outdir / "site"


def lighthouse_pages(page_list: list[str], srcdir: Path = ROOT) -> dict[str, dict[str, Any]]:
    """Lighthouse on each page of the site as published (see
    :func:`build_published`), served with gzip on 127.0.0.1."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="presskit-weight-") as tmp:
        site = build_published(Path(tmp), base_url, srcdir)
        with SiteServer(site, port) as server:
            return {page: lighthouse(server.url + page) for page in page_list}


def measure(site: Path, run_lighthouse: bool = True, srcdir: Path = ROOT) -> list[dict[str, Any]]:
    """Bytes (from ``site``) and, when it can run, Lighthouse (on a published
    build of ``srcdir``, see :func:`build_published`) for :func:`pages`."""
    rows = [{"page": page, **transfer_bytes(site, page)} for page in pages()]
    if run_lighthouse and not (why := lighthouse_available()):
        scores = lighthouse_pages([row["page"] for row in rows], srcdir=srcdir)
        for row in rows:
            row["lighthouse"] = scores[row["page"]]
    elif run_lighthouse:
        print(f"(Lighthouse skipped: {why})", file=sys.stderr)
    return rows


def format_rows(rows: list[dict[str, Any]]) -> str:
    lines = [f"{'page':<24} {'transferred (gzip)':>19} {'requests':>8}   perf  a11y  b-p   seo"]
    for row in rows:
        line = f"{row['page']:<24} {row['bytes'] / 1000:>16.1f} kB {row['requests']:>8}"
        if lh := row.get("lighthouse"):
            line += "   " + "  ".join(f"{lh[c]:.2f}" for c in CATEGORIES)
            failed = sorted({a for c in CATEGORIES for a in lh["failed"][c]})
            if failed:
                line += "   below 1: " + ", ".join(failed)
        lines.append(line)
    lines.append(
        f"budget: {BUDGET / 1000:.0f} kB per page; Lighthouse mobile: performance >= 0.95, "
        "accessibility, best practices and SEO = 1"
    )
    return "\n".join(lines)


def within_budget(rows: list[dict[str, Any]]) -> bool:
    over = [r["page"] for r in rows if r["bytes"] > BUDGET]
    low = [
        r["page"]
        for r in rows
        if (lh := r.get("lighthouse")) and (lh["performance"] < 0.95 or min(lh[c] for c in CATEGORIES[1:]) < 1)
    ]
    return not over and not low


def report(site: Path, run_lighthouse: bool = True, srcdir: Path = ROOT) -> bool:
    """Print the page-weight section of the benchmark (``bench/bench.py``)
    for the built ``site``; True when every figure meets its target."""
    print("Page weight (first load, gzip) and Lighthouse (mobile)", flush=True)
    rows = measure(Path(site), run_lighthouse=run_lighthouse, srcdir=srcdir)
    print("\n".join("  " + line for line in format_rows(rows).splitlines()), flush=True)
    return within_budget(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--site", type=Path, default=ROOT / "_build" / "site", help="the built site (default: _build/site)"
    )
    parser.add_argument("--no-lighthouse", action="store_true", help="bytes only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    rows = measure(args.site, run_lighthouse=not args.no_lighthouse)
    if args.json:
        print(json.dumps([{k: v for k, v in r.items() if k != "resources"} for r in rows], indent=1))
    else:
        print(format_rows(rows))
    return 0 if within_budget(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
