"""The Debian packages each language of the press kit needs, from conf.py.

    python3 tools/langpackages.py hunspell   # spelling dictionaries (make check)
    python3 tools/langpackages.py tex        # hyphenation patterns (the PDF)

Runs with the system's Python alone (tools/system-deps.sh calls it before the
virtual environment exists): conf.py's language dictionaries are read as
literals, nothing is imported.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Debian's packages per language: (hunspell dictionary, TeX Live hyphenation).
#: English, the source, needs neither.  A language missing here gets a clear
#: error from tools/system-deps.sh: add its two packages to this table.
PACKAGES = {
    "en": ("", ""),
    "ru": ("hunspell-ru", "texlive-lang-cyrillic"),
    "uk": ("hunspell-uk", "texlive-lang-cyrillic"),
    "nl": ("hunspell-nl", "texlive-lang-european"),
    "de": ("hunspell-de-de", "texlive-lang-german"),
    "fr": ("hunspell-fr", "texlive-lang-french"),
    "it": ("hunspell-it", "texlive-lang-italian"),
    "es": ("hunspell-es", "texlive-lang-spanish"),
    "pt": ("hunspell-pt-pt", "texlive-lang-portuguese"),
    "pl": ("hunspell-pl", "texlive-lang-polish"),
}


def languages(conf: Path = ROOT / "conf.py") -> list[str]:
    """Every language of conf.py: presskit_published, then presskit_in_progress."""
    found: dict[str, list[str]] = {}
    for node in ast.parse(conf.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("presskit_published", "presskit_in_progress"):
                found[node.targets[0].id] = list(ast.literal_eval(node.value))
    return [*found.get("presskit_published", []), *found.get("presskit_in_progress", [])]


def main(argv: list[str]) -> int:
    kind = {"hunspell": 0, "tex": 1}[argv[0]]
    unknown = [code for code in languages() if code not in PACKAGES]
    if unknown:
        print(
            f"error: no Debian packages known for {', '.join(unknown)}: add them to PACKAGES in tools/langpackages.py",
            file=sys.stderr,
        )
        return 1
    print(" ".join(sorted({PACKAGES[code][kind] for code in languages()} - {""})))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
