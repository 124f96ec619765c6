"""The glossary check: a term of the English is in its translation in the
language's required form (``locale/glossary.toml``).

The terms are the names and titles of ``film/facts.toml`` (their form is
their translation in the language's ``facts.po``, so no fact is typed twice)
and the glossary file's own terms.  A language that inflects is matched by
stem: the letters the file names are left off the end of each word of a
form, and any word that begins with the stem matches («Гортер»: Гортера).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

_PARENS = re.compile(r"\s*\([^)]*\)")
_EDGE = re.compile(r"^\W+|\W+$")


@dataclass
class Glossary:
    terms: dict[str, str]  # English term -> required form
    endings: str = ""  # letters left off a stem ("" for a language that does not inflect)
    keep: set[str] = field(default_factory=set)  # msgids exempt, with a reason in the file

    def stem(self, word: str) -> str:
        for _ in range(2):
            if len(word) > 3 and word[-1] in self.endings:
                word = word[:-1]
        return word

    def stems(self, form: str) -> list[str]:
        return [s for w in form.split() if (s := self.stem(_EDGE.sub("", w)))]

    def pattern(self, form: str) -> re.Pattern:
        """The form in a translation: its words (stems) in order, each maybe
        inflected, with spaces, quotes or markup between them."""
        return re.compile(r"(?<!\w)" + r"\W+".join(re.escape(s) + r"\w*" for s in self.stems(form)), re.IGNORECASE)

    def known(self, words: set[str] = frozenset()):
        """A test of whether a word is a word of a form or of ``words`` (a word
        list), or one of them inflected (by at most three letters)."""
        stems = {self.stem(s).casefold() for s in words}
        stems.update(s.casefold() for form in self.terms.values() for s in self.stems(form))
        most = 3 if self.endings else 0
        return lambda word: any(word.casefold().startswith(s) and len(word) - len(s) <= most for s in stems)


def _values(node, path: list[str]) -> list[str]:
    """The strings at a dotted ``path`` of the facts (lists and tables of any depth)."""
    if isinstance(node, (list, tuple)):
        return [v for item in node for v in _values(item, path)]
    if path:
        return _values(node.get(path[0], []), path[1:]) if isinstance(node, dict) else []
    if isinstance(node, dict):
        return [v for item in node.values() for v in _values(item, [])]
    return [node] if isinstance(node, str) and node else []


def load(srcdir: Path, lang: str, facts, facts_po: dict[str, str]) -> Glossary:
    """The glossary of ``lang``: ``facts`` (conf.py's presskit_facts) and
    ``facts_po`` (the language's facts.po, msgid -> msgstr) give the names."""
    with (srcdir / "locale" / "glossary.toml").open("rb") as f:
        data = tomllib.load(f)
    terms: dict[str, str] = {}
    for kind in ("names", "people"):
        for path in data["facts"][kind]:
            for english in _values(asdict(facts), path.split(".")):
                form = facts_po.get(english) or english
                terms[english] = form
                surname, translated = _PARENS.sub("", english).split(), _PARENS.sub("", form).split()
                if kind == "people" and len(surname) == len(translated) > 1:
                    terms[surname[-1]] = translated[-1]
    for english, forms in data["terms"].items():
        terms[english] = forms.get(lang, english)
    keep = {k["msgid"] for k in data.get("keep", []) if k["lang"] == lang}
    return Glossary(terms, data.get("inflection", {}).get(lang, ""), keep)


def check(messages, glossary: Glossary) -> list[tuple[object, str]]:
    """(message, problem) for every term of a msgid whose required form its
    msgstr lacks, or has after the English."""
    problems = []
    for m in messages:
        if m.id in glossary.keep:
            continue
        found: list[tuple[int, int, str]] = []  # spans of terms in the msgid, longest first
        for term in sorted(glossary.terms, key=len, reverse=True):
            for hit in _word(term).finditer(m.id):
                if not any(s <= hit.start() and hit.end() <= e for s, e, _ in found):
                    found.append((hit.start(), hit.end(), term))
        for term in dict.fromkeys(t for _, _, t in sorted(found)):
            form = glossary.terms[term]
            own, english = glossary.pattern(form).search(m.string), _word(term).search(m.string)
            if not own:
                stem = f" (stem {' '.join(s + '…' for s in glossary.stems(form))})" if glossary.endings else ""
                problems.append((m, f'glossary: "{term}" should read "{form}"{stem}: not in the translation'))
            elif english and english.start() < own.start() and form.casefold() != term.casefold():
                problems.append((m, f'glossary: "{form}" comes first, the English "{term}" after it'))
    return problems


def _word(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)
