"""Read a XeLaTeX log and name the page each fault comes from.

    python tools/texlog.py _build/work/ru-pdf/latex/presskit.log   # the faults, as the build reports them

:func:`faults` finds, in the log of the last LaTeX run:

- LaTeX errors (``! ...`` or ``file:line: ...``);
- missing glyphs (``Missing character: There is no ... in font ...``,
  written because ``_latex/presskit.sty`` sets ``\\tracinglostchars``);
- overfull boxes wider than :data:`OVERFULL_PT` points;
- undefined references and font shapes LaTeX had to substitute.

Each fault names the page source it comes from (``film/synopsis.md``, and for
a translation the page's catalogue), found from the line of the ``.tex`` file
the log gives, or for a missing glyph from where the character occurs.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

#: An overfull box wider than this (points) fails the build; LaTeX's own
#: tolerance hides anything below 0.1pt, a point or two does not show in print.
OVERFULL_PT = 3.0

_DOC_LABEL = re.compile(r"\\label\{\\detokenize\{([^}]*)::doc\}\}")
_FILE_LINE_ERROR = re.compile(r"^(?:\./)?(?P<file>[^:\s]+\.tex):(?P<line>\d+): (?P<msg>.*)")
_LINE_CONTEXT = re.compile(r"^l\.(\d+) ")
_MISSING = re.compile(
    r"Missing character: There is no (?P<char>.+?) \((?P<code>U\+[0-9A-F]+)\) in font (?P<font>[^!]*)"
)
_OVERFULL = re.compile(
    r"^Overfull \\[hv]box \((?P<pt>[\d.]+)pt too (?:wide|high)\) (?P<where>.*?)(?:lines? (?P<a>\d+)(?:--(?P<b>\d+))?)?$"
)
_UNDEFINED_REF = re.compile(r"LaTeX Warning: (Reference|Citation) `([^']*)' on page \d+ undefined")
_NO_PATTERNS = re.compile(r"No hyphenation patterns were (?:pre)?loaded for `([^']+)'")
_MULTIPLY_DEFINED = re.compile(r"LaTeX Warning: Label `([^']*)' multiply defined")
_FONT_SHAPE = re.compile(r"LaTeX Font Warning: Font shape `([^']*)' undefined")


@dataclass(frozen=True)
class Fault:
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class Pages:
    """Which page of the press kit each line of the ``.tex`` file comes from."""

    def __init__(self, tex: Path, srcdir: Path, language: str, locale_dir: str = "locale") -> None:
        self.lines = tex.read_text(encoding="utf-8").splitlines()
        self.srcdir, self.language, self.locale_dir = srcdir, language, locale_dir
        self.starts: list[tuple[int, str]] = []  # (first line, docname)
        scope_start = 1
        for number, text in enumerate(self.lines, start=1):
            if text.startswith(r"\sphinxstepscope"):
                scope_start = number
            for docname in _DOC_LABEL.findall(text):
                if not self.starts or self.starts[-1][1] != docname:
                    self.starts.append((min(scope_start, number), docname))

    def docname(self, line: int) -> str | None:
        found = None
        for start, docname in self.starts:
            if start <= line:
                found = docname
        return found or (self.starts[0][1] if self.starts else None)

    def source(self, docname: str | None, line: int | None = None) -> str:
        """``film/synopsis.md`` (and its catalogue for a translation)."""
        if docname is None:
            return "the press kit"
        matches = sorted(self.srcdir.glob(f"{docname}.*"))
        name = matches[0].relative_to(self.srcdir).as_posix() if matches else docname
        where = f"{name}"
        po = self.srcdir / self.locale_dir / self.language / "LC_MESSAGES" / f"{docname}.po"
        if self.language != "en" and po.exists():
            where += f" (translated in {po.relative_to(self.srcdir).as_posix()})"
        if line is not None:
            where += f" [.tex line {line}]"
        return where

    def lines_with(self, char: str) -> list[int]:
        return [n for n, text in enumerate(self.lines, start=1) if char in text]


def faults(log: Path, tex: Path, srcdir: Path, language: str) -> list[Fault]:
    """Every fault of the log, each naming its page."""
    pages = Pages(tex, srcdir, language)
    text = log.read_text(encoding="utf-8", errors="replace")
    found: list[Fault] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if m := _FILE_LINE_ERROR.match(line):
            number = int(m["line"]) if m["file"].endswith(tex.name) else None
            doc = pages.docname(number) if number else None
            found.append(Fault(pages.source(doc, number), f"LaTeX error: {m['msg']}"))
        elif line.startswith("! "):
            number = next((int(c[1]) for c in map(_LINE_CONTEXT.match, lines[i : i + 12]) if c), None)
            doc = pages.docname(number) if number else None
            found.append(Fault(pages.source(doc, number), f"LaTeX error: {line[2:]}"))
        elif m := _MISSING.search(line):
            char = m["char"]
            docs = {pages.docname(n) for n in pages.lines_with(char)} or {None}
            for doc in sorted(docs, key=str):
                found.append(
                    Fault(
                        pages.source(doc),
                        f"Missing character: the font {m['font'].split(':')[0].split('/')[0]} has no "
                        f"{char!r} ({m['code']}); use another character or a font that has it",
                    )
                )
        elif (m := _OVERFULL.match(line)) and float(m["pt"]) > OVERFULL_PT:
            number = int(m["a"]) if m["a"] else None
            found.append(
                Fault(
                    pages.source(pages.docname(number) if number else None, number),
                    f"overfull box, {m['pt']}pt too wide (more than {OVERFULL_PT:g}pt): "
                    "a word or table does not fit the line",
                )
            )
        elif m := _UNDEFINED_REF.search(line):
            found.append(Fault("the press kit", f"undefined {m[1].lower()} {m[2]!r}"))
        elif m := _NO_PATTERNS.search(line):
            found.append(
                Fault(
                    "the press kit",
                    f"TeX has no hyphenation patterns for {m[1]}: install them "
                    "with `sudo bash tools/system-deps.sh pdf` (its packages: tools/langpackages.py)",
                )
            )
        elif m := _MULTIPLY_DEFINED.search(line):
            found.append(Fault("the press kit", f"label {m[1]!r} is defined twice (a cross-reference may go astray)"))
        elif m := _FONT_SHAPE.search(line):
            found.append(Fault("the press kit", f"font shape {m[1]} is missing; LaTeX substituted another"))
    # One report per fault, in order.
    return list(dict.fromkeys(found))


if __name__ == "__main__":
    log = Path(sys.argv[1])
    for fault in faults(log, log.with_suffix(".tex"), Path.cwd(), sys.argv[2] if len(sys.argv) > 2 else "en"):
        print(fault)
