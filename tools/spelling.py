"""The spelling check: every word of a translation is in the language's hunspell
dictionary, the project's word list (``locale/<lang>/wordlist.txt``) or the
glossary.

Not checked: markup, link and role targets, placeholders, URLs and code;
words the English has too (names and titles kept as they are: *The Hollywood
Reporter*, *De Filmkrant*); words written wholly in another script than the
language's (a Latin-script title in Russian).  The dictionary (``ru_RU``) and
the script (Cyrillic) of a language come from CLDR.  hunspell runs once per
language, on every distinct word of its catalogues.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_NOT_PROSE = [
    (re.compile(r"\{[\w:-]+\}`([^`<]*)(<[^`]*>)?`"), lambda m: m.group(1) if m.group(2) else " "),  # role
    (re.compile(r"`[^`]*`"), " "),  # code
    (re.compile(r"\]\([^)]*\)"), "]"),  # link target
    (re.compile(r"<?(?:https?|mailto):[^\s>]+>?"), " "),  # URL
    (re.compile(r"\{[^{}]*\}|%\(\w+\)\w|%\w"), " "),  # placeholder, substitution
]


def words(text: str) -> list[str]:
    """The words of a translation's prose (no markup, targets, placeholders, URLs, code)."""
    for pattern, replacement in _NOT_PROSE:
        text = pattern.sub(replacement, text)
    return WORD.findall(text)


def language(lang: str) -> tuple[str, str]:
    """(hunspell dictionary, script name) of ``lang``, from CLDR: ("ru_RU", "CYRILLIC")."""
    from babel import Locale
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang, lang).split("_")
    return f"{lang}_{likely[-1]}", Locale("en").scripts.get(likely[1], "").upper()


def _script(word: str) -> set[str]:
    return {unicodedata.name(c, "?").split()[0] for c in word}


def wordlist(path: Path) -> set[str]:
    """One word a line; ``#`` starts a comment."""
    if not path.exists():
        return set()
    return {w for line in path.read_text(encoding="utf-8").splitlines() if (w := line.split("#")[0].strip())}


def hunspell(dictionary: str, candidates: list[str]) -> dict[str, list[tuple[str, list[str]]]]:
    """hunspell's verdict on each word: the (part, suggestions) it does not know."""
    if not shutil.which("hunspell"):
        raise RuntimeError("hunspell not found: install it with `sudo bash tools/system-deps.sh`")
    proc = subprocess.run(
        ["hunspell", "-d", dictionary, "-a"],
        input="".join(f"^{w}\n" for w in candidates),
        capture_output=True,
        text=True,
    )
    if proc.returncode or "Can't open" in proc.stderr:
        raise RuntimeError(
            f"no hunspell dictionary {dictionary}: install hunspell-{dictionary.split('_')[0]}"
            " (`sudo bash tools/system-deps.sh`)"
        )
    blocks = proc.stdout.split("\n", 1)[1].split("\n\n")
    verdict = {}
    for word, block in zip(candidates, blocks):
        unknown = []
        for line in block.splitlines():
            if line[:1] in "&#":
                head, _, suggestions = line.partition(": ")
                unknown.append((head.split()[1], suggestions.split(", ") if suggestions else []))
        verdict[word] = unknown
    return verdict


def check(catalogues: list[tuple[str, list]], lang: str, known) -> list[str]:
    """``rel:line: spelling: word (suggestions)`` for every unknown word of the
    translated ``messages`` of each ``(rel, messages)``; ``known(word)`` says
    whether the project knows a word (word list, glossary)."""
    dictionary, script = language(lang)
    where: dict[str, list[str]] = {}
    for rel, messages in catalogues:
        for m in messages:
            english = set(words(m.id))
            for word in words(m.string):
                if word in english or known(word) or (script and script not in _script(word)):
                    continue
                where.setdefault(word, []).append(f"{rel}:{m.lineno}")
    # A hyphenated word is right when each of its parts is.
    candidates = list(dict.fromkeys([*where, *(p for w in where if "-" in w for p in w.split("-"))]))
    verdict = hunspell(dictionary, candidates) if candidates else {}

    def unknown(word: str) -> list[tuple[str, list[str]]]:
        return [(part, s) for part, s in verdict.get(word, []) if not known(part)]

    errors: list[tuple[str, int, str]] = []
    for word, places in where.items():
        bad = unknown(word)
        if not bad or ("-" in word and not any(unknown(p) for p in word.split("-"))):
            continue
        suggestions = ", ".join(s for _, sug in bad for s in sug[:5]) or "no suggestions"
        shown = word if len(bad) > 1 or bad[0][0] == word else f"{bad[0][0]} in {word}"
        for place in dict.fromkeys(places):
            rel, line = place.rsplit(":", 1)
            errors.append((rel, int(line), f"{place}: spelling: {shown} ({suggestions})"))
    return [e for *_, e in sorted(errors)]
