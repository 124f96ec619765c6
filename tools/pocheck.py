"""Catalogue checks: every one names the file and line of what is wrong.

1. syntax and format: GNU ``msgfmt --check`` on every catalogue (a Sphinx build
   accepts a broken .po silently);
2. markup: every inline element of a msgid (emphasis, strong, code, link
   target, role, substitution) is in its msgstr, well-formed (an unclosed
   ``**`` is published as literal asterisks otherwise); a msgstr adds no
   role or directive, no raw HTML, no ``{raw}``, ``{eval-rst}`` or
   ``{include}``, and no block (a second paragraph would be lost); a theme
   string (``sphinx.po``) adds none of the characters of HTML markup
   (``< > " &``), since the themes write them into pages unescaped;
3. freshness: each catalogue holds exactly the messages of a fresh extraction
   (no message missing, none obsolete), so an edited page cannot go out with a
   stale translation;
4. references: each translated language builds strictly, which fails on
   Sphinx's ``i18n.inconsistent_references`` (a dropped or changed reference):
   the website always, the PDF too where TeX is installed (the text checks
   need no TeX);
5. canonical form: each catalogue is as ``make wrap`` writes it (the
   project's header, GNU gettext's layout at width 79);
6. fuzzy: no translation is left marked fuzzy;
7. glossary: each term of a msgid has its required form in the translation
   (``tools/glossary.py``, ``locale/glossary.toml``);
8. spelling: each word of a translation is known to hunspell, the language's
   word list or the glossary (``tools/spelling.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402
import glossary  # noqa: E402
import spelling  # noqa: E402
from catalogs import canonical, catalogue, extract, pots, settings  # noqa: E402

#: Domains whose messages are not Markdown (the theme's interface strings).
NOT_MARKDOWN = {"sphinx"}
#: Directives no translation may use, even where its English does: they put
#: raw output or another file into the page.
FORBIDDEN = {"raw", "eval-rst", "include"}
#: What makes markup in HTML: a theme string may hold these only as its English does.
HTML_SPECIAL = '<>"&'
_SUBSTITUTION = re.compile(r"\{\{.*?\}\}")
_STRAY = re.compile(r"\*+|`+|\]\(|\{\{|\}\}")
_DIRECTIVE = re.compile(r"\{([^}\s]+)\}")


def markdown_parser(extensions: list[str]):
    # The project's MyST extensions, and raw HTML recognised (the build
    # disables it, so that it shows as text: here it is found and rejected).
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(extensions)), RendererHTML)


def markup(md, text: str) -> tuple[Counter, Counter]:
    """(inline elements, stray markup characters left as plain text) of ``text``."""
    elements: Counter = Counter()
    stray: Counter = Counter()
    for block in md.parseInline(text):
        for token in block.children or []:
            if token.type in ("em_open", "strong_open"):
                elements[token.type.replace("_open", "")] += 1
            elif token.type == "code_inline":
                elements[f"code `{token.content}`"] += 1
            elif token.type == "link_open":
                elements[f"link to ({token.attrs.get('href')})"] += 1
            elif token.type == "myst_role":
                target = token.content.rsplit("<", 1)[-1].rstrip(">") if "<" in token.content else token.content
                elements[f"{{{token.meta.get('name')}}} role to {target}"] += 1
            elif token.type == "text":
                stray.update(_STRAY.findall(token.content))
    elements.update(f"substitution {s}" for s in _SUBSTITUTION.findall(text))
    return elements, stray


def blocks(md, text: str) -> tuple[int, Counter]:
    """(how many blocks ``text`` parses to, its directives and raw HTML)."""
    count, found = 0, Counter()
    for token in md.parse(text):
        count += token.level == 0 and token.nesting >= 0
        if token.type in ("fence", "colon_fence") and (name := _DIRECTIVE.match(token.info.strip())):
            found[f"{{{name.group(1)}}} directive"] += 1
        elif token.type == "html_block":
            found[f"raw HTML {_short(token.content)}"] += 1
        found.update(f"raw HTML {child.content}" for child in token.children or [] if child.type == "html_inline")
    return count, found


def _forbidden(element: str) -> bool:
    return element.startswith("raw HTML") or element.split("}")[0].lstrip("{") in FORBIDDEN


def _short(msgid: str) -> str:
    msgid = " ".join(msgid.split())
    return msgid if len(msgid) <= 60 else msgid[:57] + "..."


def conventional(missing: Counter, msgid: str, msgstr: str, equivalents: dict[str, str]) -> Counter:
    """``missing`` less the elements the language writes its own way: for each
    element, every pair of its quotation marks the msgstr adds stands for one
    (Russian sets a title «Красная душа», where English has *The Red Soul*)."""
    missing = Counter(missing)
    for element, marks in equivalents.items():
        added = sum(msgstr.count(mark) - msgid.count(mark) for mark in marks)
        missing[element] = max(0, missing[element] - max(0, added))
    return +missing


def _translated(po: Path):
    """The translated, not fuzzy messages of ``po``."""
    from presskit.pofile import is_translated, messages

    return [m for m in messages(po) if is_translated(m)]


def _texts(po: Path) -> list[SimpleNamespace]:
    """The translated messages of ``po`` as text (a plural's forms joined)."""

    def text(value) -> str:
        return " ".join(value) if isinstance(value, (tuple, list)) else value

    return [SimpleNamespace(id=text(m.id), string=text(m.string), lineno=m.lineno) for m in _translated(po)]


def check_markup(po: Path, rel: str, md, equivalents: dict[str, str] | None = None) -> list[str]:
    errors = []
    for message in _translated(po):
        want, want_stray = markup(md, message.id)
        got, got_stray = markup(md, message.string)
        problems = []
        for element in sorted(conventional(want - got, message.id, message.string, equivalents or {}).keys()):
            problems.append(f"missing {element}")
        for element in sorted((got - want).keys()):
            problems.append(f"unexpected {element}")
        for chars in sorted((got_stray - want_stray).keys()):
            problems.append(f"unbalanced markup {chars!r} shows as literal text")
        want_blocks, want_found = blocks(md, message.id)
        got_blocks, got_found = blocks(md, message.string)
        for element in sorted(got_found):
            if _forbidden(element):
                problems.append(f"{element} is not allowed in a translation")
            elif element not in want_found:
                problems.append(f"unexpected {element}")
        if got_blocks > want_blocks:
            problems.append(
                f"{got_blocks} blocks (paragraphs) where the English has {want_blocks}: all but the first would be lost"
            )
        if problems:
            errors.append(f'{rel}:{message.lineno}: {"; ".join(problems)} (msgid "{_short(message.id)}")')
    return errors


def check_theme_strings(po: Path, rel: str) -> list[str]:
    errors = []
    for message in _translated(po):
        english, translation = (
            "".join(map(str, m)) if isinstance(m, (tuple, list)) else m for m in (message.id, message.string)
        )
        added = [c for c in HTML_SPECIAL if translation.count(c) > english.count(c)]
        if added:
            errors.append(
                f"{rel}:{message.lineno}: markup character(s) {' '.join(added)} the English "
                f'has not: the theme writes this string into pages as HTML (msgid "{_short(english)}")'
            )
    return errors


def check_content(po: Path, rel: str, domain: str, md, equivalents: dict[str, str] | None = None) -> list[str]:
    """What a translation may say: Markdown (the pages, facts) or theme strings.
    ``presskit.catalogcheck`` runs this in every build too."""
    return check_theme_strings(po, rel) if domain in NOT_MARKDOWN else check_markup(po, rel, md, equivalents)


def check_fresh(po: Path, rel: str, pot: Path) -> list[str]:
    from babel.messages.pofile import read_po

    with pot.open("rb") as f:
        template = read_po(f)
    with po.open("rb") as f:
        cat = read_po(f)
    errors = []
    for message in template:
        if message.id and message.id not in cat:
            where = ", ".join(f"{Path(file).as_posix().lstrip('./')}:{line}" for file, line in message.locations[:1])
            errors.append(
                f"{rel}: stale: new message from {where or pot.name} is missing "
                f'(msgid "{_short(message.id)}"); run `make update-po`'
            )
    for message in cat:
        if message.id and message.id not in template:
            errors.append(
                f"{rel}:{message.lineno}: stale: message no longer in the sources "
                f'(msgid "{_short(message.id)}"); run `make update-po`'
            )
    for message in cat:
        if message.id and message.fuzzy:
            errors.append(
                f'{rel}:{message.lineno}: fuzzy (msgid "{_short(message.id)}"): the English changed; '
                "revise the translation, then remove the fuzzy flag"
            )
    for msgid, message in cat.obsolete.items():
        errors.append(
            f'{rel}:{message.lineno}: obsolete entry (msgid "{_short(msgid)}"): '
            "reuse its translation where it fits, then delete it"
        )
    return errors


def check_canonical(po: Path, rel: str) -> list[str]:
    want, have = canonical(po).splitlines(), po.read_text(encoding="utf-8").splitlines()
    if want == have:
        return []
    line = next((i for i, (a, b) in enumerate(zip(want, have), 1) if a != b), min(len(want), len(have)) + 1)
    return [f"{rel}:{line}: not in canonical form (GNU gettext, width 79, the project's header); run `make wrap`"]


def check_words(srcdir: Path, lang: str, facts, texts: dict[str, list]) -> list[str]:
    """Glossary and spelling of one language's catalogues (``texts``: rel -> messages)."""
    facts_po = {m.id: m.string for rel, messages in texts.items() if rel.endswith("/facts.po") for m in messages}
    terms = glossary.load(srcdir, lang, facts, facts_po)
    errors = [
        f'{rel}:{m.lineno}: {problem} (msgid "{_short(m.id)}")'
        for rel, messages in texts.items()
        for m, problem in glossary.check(messages, terms)
    ]
    words = spelling.wordlist(srcdir / "locale" / lang / "wordlist.txt")
    try:
        errors += spelling.check(list(texts.items()), lang, terms.known(words))
    except RuntimeError as exc:
        errors.append(str(exc))
    return errors


def check_references(srcdir: Path, languages: list[str]) -> list[str]:
    """Build ``languages`` strictly: the website, and the PDF where TeX is installed."""
    formats = ["html"] if build.missing_tex() else ["html", "pdf"]
    if formats == ["html"]:
        print("note: no TeX (xelatex): the PDFs are not built by this check", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="check-") as tmp:
        proc = subprocess.run(
            [
                sys.executable,
                str(Path(build.__file__)),
                "--srcdir",
                str(srcdir),
                "--outdir",
                tmp,
                "--lang",
                *languages,
                "--formats",
                *formats,
            ],
            capture_output=True,
            text=True,
        )
    if proc.returncode == 0:
        return []
    return [
        line
        for line in (proc.stdout + proc.stderr).splitlines()
        if "WARNING" in line or "ERROR" in line or "FAILED" in line or line.startswith("error:")
    ] or [proc.stdout + proc.stderr]


def check(srcdir: Path, references: bool = True) -> int:
    conf = build.load_conf(srcdir)
    source, languages, locale_dir = settings(srcdir, conf)
    md = markdown_parser(conf.get("myst_enable_extensions", []))
    templates = pots(extract(srcdir))
    errors: list[str] = []
    for lang in languages:
        texts: dict[str, list] = {}
        for domain, pot in templates.items():
            po = catalogue(locale_dir, lang, domain)
            rel = po.relative_to(srcdir).as_posix()
            if not po.exists():
                errors.append(f"{rel}: missing catalogue; run `make update-po`")
                continue
            syntax = build.compile_catalogue(po, srcdir, Path(os.devnull))
            errors += syntax
            if syntax:
                continue
            errors += check_content(po, rel, domain, md, conf.get("presskit_markup_equivalents", {}).get(lang))
            errors += check_fresh(po, rel, pot)
            errors += check_canonical(po, rel)
            texts[rel] = _texts(po)
        facts_po = catalogue(locale_dir, lang, "facts").relative_to(srcdir).as_posix()
        if lang != source and facts_po not in texts:
            # The glossary's forms are that catalogue's translations: not
            # knowing them would flag every name in every other catalogue.
            errors.append(f"{facts_po}: glossary and spelling of {lang} not checked until it compiles")
        elif lang != source:
            errors += check_words(srcdir, lang, conf["presskit_facts"], texts)
        known = {catalogue(locale_dir, lang, d) for d in templates}
        for po in sorted((locale_dir / lang).rglob("*.po")):
            if po not in known:
                errors.append(f"{po.relative_to(srcdir).as_posix()}: catalogue of no page; delete it")
    if references and not errors:
        errors += check_references(srcdir, [lang for lang in languages if lang != source])
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    print(f"catalogue check: {len(errors)} error(s)")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Every catalogue check (make check).")
    parser.add_argument("--srcdir", type=Path, default=build.ROOT)
    return check(parser.parse_args(argv).srcdir.resolve())


if __name__ == "__main__":
    sys.exit(main())
