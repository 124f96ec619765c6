"""The translators' catalogue commands.

    python tools/catalogs.py update     # refresh .pot files, merge them into every catalogue
    python tools/catalogs.py progress   # translated / fuzzy / untranslated per file and language
    python tools/catalogs.py wrap       # rewrite every catalogue in canonical form
    python tools/catalogs.py add-language de   # a new language, in progress until complete

``update`` never loses a translation: GNU ``msgmerge --previous`` keeps every
existing msgstr, marks a changed English sentence fuzzy with the previous msgid
beside it, and keeps removed ones as obsolete (``#~``) entries.

Every catalogue the project writes is in one canonical form (``canonical``):
the project's header (no ``VERSION``, ``EMAIL@ADDRESS`` or "Automatically
generated") and GNU gettext's layout at width 79, as ``msgcat --width=79``
writes it, so that a catalogue's diff shows only what a translator changed.
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402
from build import ROOT, sphinx_build  # noqa: E402

#: Project-Id-Version of every catalogue and template.
PROJECT = "The Red Soul press kit"
WIDTH = 79
#: Header values that tools write as placeholders: never left in a catalogue.
PLACEHOLDERS = {"Automatically generated", "FULL NAME <EMAIL@ADDRESS>", "LANGUAGE <LL@li.org>", "EMAIL@ADDRESS"}


def settings(srcdir: Path, conf: dict | None = None) -> tuple[str, list[str], Path]:
    """(source language, every language, published first then those in progress,
    locale dir) from conf.py (its settings ``conf``, when read already)."""
    conf = conf or build.load_conf(srcdir)
    return conf["language"], build.every_language(conf), srcdir / conf["locale_dirs"][0]


def need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        sys.exit(f"error: {tool} not found: install GNU gettext (apt-get install gettext)")
    return path


def write_theme_template(srcdir: Path, pot: Path) -> None:
    """The interface strings of the site ("sphinx" domain) into ``pot``:
    pydata-sphinx-theme's own template plus the strings of the project's
    template overrides in ``_templates/``, of ``presskit.theme.strings``, of
    Sphinx's HTML writer (the permalinks' titles) and of Sphinx's scripts (the
    search page's messages, which ``presskit.theme.strings`` hands to them).

    The themes ship no Dutch catalogue and incomplete Russian ones, and Sphinx's
    catalogues leave some of these strings untranslated, so the project keeps
    its own ``sphinx.po`` per language, merged from this template; Sphinx
    prefers it to its own.
    """
    import pydata_sphinx_theme
    import sphinx
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.pofile import read_po, write_po

    with (Path(pydata_sphinx_theme.__file__).parent / "locale" / "sphinx.pot").open("rb") as f:
        catalog = read_po(f)
    catalog.project, catalog.version, catalog.msgid_bugs_address = PROJECT, "", ""
    catalog.header_comment = "# The press kit's interface strings (theme and templates)."
    sphinx_dir = Path(sphinx.__file__).parent
    # doctools.js' gettext, called by its full name in searchtools.js.
    keywords = {**DEFAULT_KEYWORDS, "Documentation.gettext": None, "Documentation.ngettext": (1, 2)}
    for folder, shown, method_map in (
        (srcdir / "_templates", "_templates", [("**.html", "jinja2")]),
        (srcdir / "_ext/presskit/theme", "_ext/presskit/theme", [("strings.py", "python")]),
        (sphinx_dir / "writers", "sphinx/writers", [("html5.py", "python")]),
        (sphinx_dir / "themes/basic/static", "sphinx/static", [("*.js", "javascript")]),
    ):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(folder), method_map=method_map, keywords=keywords
        ):
            catalog.add(message, locations=[(f"{shown}/{filename}", lineno)])
    with pot.open("wb") as f:
        write_po(f, catalog, width=79)


def extract(srcdir: Path) -> Path:
    """Write one .pot per page, facts.pot and the theme's sphinx.pot into
    ``_build/gettext`` (its own doctrees, apart from the site's), and return it."""
    potdir, doctrees = srcdir / "_build" / "gettext", srcdir / "_build" / "gettext-doctrees"
    # Fresh every time: a template of a page that is gone must not survive.
    for folder in (potdir, doctrees, srcdir / "_build" / "doctrees" / "gettext"):
        shutil.rmtree(folder, ignore_errors=True)
    command = sphinx_build("gettext", "en", srcdir, potdir, doctrees)
    # Every page, also one a build leaves out while it would be empty (the
    # stills page without images: conf.py), so its catalogue is ready.
    command[3:3] = ["-t", "presskit_every_page"]
    proc = subprocess.run(command, capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"error: extracting messages failed:\n{proc.stdout}{proc.stderr}")
    write_theme_template(srcdir, potdir / "sphinx.pot")
    return potdir


def pots(potdir: Path) -> dict[str, Path]:
    """The templates by domain ("index", "film/synopsis", "facts", ...)."""
    return {p.relative_to(potdir).with_suffix("").as_posix(): p for p in sorted(potdir.rglob("*.pot"))}


def catalogue(locale_dir: Path, lang: str, domain: str) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def create(locale_dir: Path, lang: str, domain: str, pot: Path) -> Path:
    """A new, empty catalogue for ``lang`` from ``pot``, made by sphinx-intl
    (the Sphinx translators' tool, with the plural forms of the language),
    then in canonical form (see ``header``)."""
    import tempfile

    with tempfile.TemporaryDirectory() as potdir:
        template = Path(potdir, f"{domain}.pot")
        template.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pot, template)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx_intl",
                "update",
                "--pot-dir",
                potdir,
                "--locale-dir",
                str(locale_dir),
                "--language",
                lang,
                "--line-width",
                str(WIDTH),
            ],
            check=True,
            capture_output=True,
        )
    po = catalogue(locale_dir, lang, domain)
    wrap(po)
    return po


def where(po: Path) -> tuple[str, str]:
    """(language, domain) of ``locale/<lang>/LC_MESSAGES/<domain>.po``."""
    parts = po.parts
    i = len(parts) - 1 - parts[::-1].index("LC_MESSAGES")
    return parts[i - 1], "/".join(parts[i + 1 :]).removesuffix(".po")


def header(text: str, lang: str, domain: str) -> str:
    """``text`` (a catalogue) with the header that editors (Poedit, Weblate)
    check and nothing generic: Project-Id-Version, an empty
    Report-Msgid-Bugs-To, Language, Language-Team (CLDR's name of the
    language), no placeholder Last-Translator, no "Generated-By".  The header
    comment says what the file is; values a translator or editor set are kept."""
    from babel import Locale

    head, blank, body = text.partition("\n\n")
    lines = head.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith('msgstr ""')), None)
    if start is None or 'msgid ""' not in lines[:start]:
        return text  # no header entry: msgfmt and editors will say so
    fields: dict[str, str] = {}
    for line in "".join(ast.literal_eval(q) for q in lines[start:] if q.startswith('"')).splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    team = Locale.parse(lang).english_name
    fields["Project-Id-Version"] = PROJECT
    fields["Report-Msgid-Bugs-To"] = ""
    if fields.get("Last-Translator", "") in PLACEHOLDERS:
        fields["Last-Translator"] = ""
    if fields.get("Language-Team", "") in PLACEHOLDERS | {""} or "LL@li.org" in fields["Language-Team"]:
        fields["Language-Team"] = team
    fields["Language"] = lang
    if fields.get("PO-Revision-Date", "").startswith("YEAR"):  # a new catalogue: no revision yet
        fields["PO-Revision-Date"] = fields.get("POT-Creation-Date", "")
    fields.pop("Generated-By", None)
    comment = [
        f'# {team} catalogue of the press kit page or domain "{domain}".',
        "# Update with `make update-po`; check with `make check`; see TRANSLATING.md.",
    ]
    quoted = ['"' + f"{k}: {v}\\n".replace('"', '\\"') + '"' for k, v in fields.items()]
    return "\n".join([*comment, 'msgid ""', 'msgstr ""', *quoted]) + blank + body


def canonical(po: Path) -> str:
    """The text of ``po`` in canonical form: the project's header, then GNU
    gettext's layout as ``msgcat --width=79`` writes it."""
    lang, domain = where(po)
    text = _msgcat(str(po))
    return _msgcat("-", header(text, lang, domain))


def _msgcat(source: str, text: str | None = None) -> str:
    proc = subprocess.run([need("msgcat"), f"--width={WIDTH}", source], input=text, capture_output=True, text=True)
    if proc.returncode:
        raise ValueError(proc.stderr.strip())
    return proc.stdout


def wrap(po: Path) -> bool:
    """Rewrite ``po`` in canonical form; whether it changed."""
    text = canonical(po)
    if text == po.read_text(encoding="utf-8"):
        return False
    po.write_text(text, encoding="utf-8")
    return True


def wrap_all(srcdir: Path) -> int:
    _, languages, locale_dir = settings(srcdir)
    failed = 0
    for lang in languages:
        for po in sorted((locale_dir / lang).rglob("*.po")):
            try:
                if wrap(po):
                    print(f"rewrapped: {po.relative_to(srcdir)}")
            except ValueError as exc:  # a catalogue msgcat cannot read: left as it is
                print(f"error: {str(exc).replace(str(po), str(po.relative_to(srcdir)))}", file=sys.stderr)
                failed += 1
    return 1 if failed else 0


def update(srcdir: Path) -> int:
    msgmerge = need("msgmerge")
    _, languages, locale_dir = settings(srcdir)
    potdir = extract(srcdir)
    for lang in languages:
        for domain, pot in pots(potdir).items():
            po = catalogue(locale_dir, lang, domain)
            po.parent.mkdir(parents=True, exist_ok=True)
            if po.exists():
                subprocess.run(
                    [
                        msgmerge,
                        "--quiet",
                        "--update",
                        "--previous",
                        "--backup=off",
                        f"--width={WIDTH}",
                        str(po),
                        str(pot),
                    ],
                    check=True,
                )
                wrap(po)
                action = "updated"
            else:
                create(locale_dir, lang, domain, pot)
                action = "created"
            print(f"{action}: {po.relative_to(srcdir)}")
    return 0


def counts(po: Path | None, pot: Path) -> dict[str, int]:
    """translated / fuzzy / untranslated of the messages of ``pot`` in ``po``
    (a catalogue that does not exist yet translates nothing)."""
    from presskit.pofile import is_translated, messages

    wanted = [m.id for m in messages(pot)]
    found = {m.id: m for m in messages(po)} if po is not None and po.exists() else {}
    fuzzy = sum(1 for i in wanted if i in found and found[i].fuzzy)
    translated = sum(1 for i in wanted if i in found and is_translated(found[i]))
    return {"translated": translated, "fuzzy": fuzzy, "untranslated": len(wanted) - translated - fuzzy}


def progress(srcdir: Path, markdown: bool = False) -> int:
    """Progress of every language against a fresh extraction; fails while a
    translated language is below 100 %."""
    conf = build.load_conf(srcdir)
    source, languages, locale_dir = settings(srcdir, conf)
    broken = [
        e
        for lang in languages
        for po in build.catalogues(srcdir, lang)
        for e in build.compile_catalogue(po, srcdir, Path(os.devnull))
    ]
    if broken:
        print("\n".join(f"error: {e}" for e in broken), file=sys.stderr)
        return 1
    templates = pots(extract(srcdir))
    incomplete, rows = [], []
    published = conf["presskit_published"]
    for lang in languages:
        if lang == source:
            print(f"{lang}: the source language")
            continue
        total = {"translated": 0, "fuzzy": 0, "untranslated": 0}
        print(f"{lang}:")
        for domain, pot in templates.items():
            po = catalogue(locale_dir, lang, domain)
            c = counts(po, pot)
            for key in total:
                total[key] += c[key]
            note = "" if po.exists() else " (no catalogue yet: run `make update-po`)"
            print(
                f"  {domain}: {c['translated']} translated, {c['fuzzy']} fuzzy, {c['untranslated']} untranslated{note}"
            )
        all_messages = sum(total.values())
        percent = 100.0 * total["translated"] / all_messages if all_messages else 100.0
        print(
            f"  total: {total['translated']} translated, {total['fuzzy']} fuzzy, "
            f"{total['untranslated']} untranslated ({percent:.1f}%)"
        )
        rows.append(
            f"| {lang} | {total['translated']} | {total['fuzzy']} | {total['untranslated']} | {percent:.1f} % |"
        )
        if percent < 100.0:
            if lang in published:
                incomplete.append(f"{lang} ({percent:.1f}%)")
            else:
                print(f"  ({lang} is in progress: offered to readers once complete)")
    if markdown:
        print("\n| language | translated | fuzzy | untranslated | progress |\n| --- | ---: | ---: | ---: | ---: |")
        print("\n".join(rows))
    if incomplete:
        print(f"error: not fully translated: {', '.join(incomplete)}", file=sys.stderr)
        return 1
    return 0


def add_language(srcdir: Path, lang: str, install: bool = True) -> int:
    """Register ``lang`` in conf.py as in progress, install what it needs
    (spelling dictionary, hyphenation patterns) and create its catalogues."""
    import ast
    import re

    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(lang).display_name
    except (ValueError, UnknownLocaleError):
        print(f"error: {lang!r} is not a language code CLDR knows (de, fr, pt_BR, ...)", file=sys.stderr)
        return 1
    import langpackages

    if lang not in langpackages.PACKAGES:
        print(
            f"error: no Debian packages known for {lang} (its spelling dictionary and hyphenation): "
            "add them to PACKAGES in tools/langpackages.py, then run this again",
            file=sys.stderr,
        )
        return 1
    rtd = srcdir / ".readthedocs.yaml"
    tex = langpackages.PACKAGES[lang][1]
    if rtd.exists() and tex and f"- {tex}\n" not in rtd.read_text(encoding="utf-8"):
        text = rtd.read_text(encoding="utf-8")
        at = text.index("\n", text.rindex("    - texlive-lang-")) + 1
        rtd.write_text(text[:at] + f"    - {tex}\n" + text[at:], encoding="utf-8")
        print(f".readthedocs.yaml: {tex} added to apt_packages")
    conf_py = srcdir / "conf.py"
    text = conf_py.read_text(encoding="utf-8")
    conf = build.load_conf(srcdir)
    if lang in build.every_language(conf):
        print(f"{lang} is already in conf.py")
    else:
        line = re.search(r"^presskit_in_progress = (\{.*\})$", text, re.M)
        languages = {**ast.literal_eval(line[1]), lang: name[:1].upper() + name[1:]}
        literal = "{" + ", ".join(f'"{k}": "{v}"' for k, v in languages.items()) + "}"
        conf_py.write_text(text[: line.start(1)] + literal + text[line.end(1) :], encoding="utf-8")
        print(f"conf.py: {lang} ({languages[lang]}) added to presskit_in_progress")
    if install:
        for kind in ("", "pdf"):
            if subprocess.run(["bash", str(srcdir / "tools" / "system-deps.sh"), *([kind] if kind else [])]).returncode:
                return 1
    update(srcdir)
    print(
        f"\nNext: translate locale/{lang}/LC_MESSAGES/*.po, preview with `make preview lang={lang}`,\n"
        f"follow with `make progress`. At 100 % the language is offered to readers."
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "progress", "wrap", "add-language"])
    parser.add_argument("lang", nargs="?", help="add-language: the language code (de, fr, ...)")
    parser.add_argument("--srcdir", type=Path, default=ROOT)
    parser.add_argument("--no-install", action="store_true", help="add-language: do not run tools/system-deps.sh")
    parser.add_argument("--markdown", action="store_true", help="progress: also print a Markdown table")
    args = parser.parse_args(argv)
    srcdir = args.srcdir.resolve()
    if args.command == "update":
        return update(srcdir)
    if args.command == "progress":
        return progress(srcdir, args.markdown)
    if args.command == "wrap":
        return wrap_all(srcdir)
    return add_language(srcdir, args.lang or "", install=not args.no_install)


if __name__ == "__main__":
    sys.exit(main())
