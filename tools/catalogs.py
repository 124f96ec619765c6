"""The translators' catalogue commands.

    python tools/catalogs.py update     # refresh .pot files, merge them into every catalogue
    python tools/catalogs.py progress   # translated / fuzzy / untranslated per file and language
    python tools/catalogs.py check      # every static catalogue check; see tools/pocheck.py

``update`` never loses a translation: GNU ``msgmerge --previous`` keeps every
existing msgstr, marks a changed English sentence fuzzy with the previous msgid
beside it, and keeps removed ones as obsolete (``#~``) entries.
"""

from __future__ import annotations

import argparse
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build  # noqa: E402
from build import ROOT, sphinx_build  # noqa: E402



def settings(srcdir: Path) -> tuple[str, list[str], Path]:
    """(source language, published languages, locale dir) from conf.py."""
    conf = runpy.run_path(str(srcdir / "conf.py"))
    return conf["language"], list(conf["presskit_languages"]), srcdir / conf["locale_dirs"][0]


def need(tool: str) -> str:
    path = shutil.which(tool)
    if not path:
        sys.exit(f"error: {tool} not found: install GNU gettext (apt-get install gettext)")
    return path


def write_theme_template(srcdir: Path, pot: Path) -> None:
    """The interface strings of the site ("sphinx" domain) into ``pot``:
    pydata-sphinx-theme's own template plus the strings of the project's
    template overrides in ``_templates/`` and of ``presskit.themestrings``.

    The theme ships no Dutch catalogue and an incomplete Russian one, so the
    project keeps its own ``sphinx.po`` per language, merged from this template.
    """
    import pydata_sphinx_theme
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po, write_po

    with (Path(pydata_sphinx_theme.__file__).parent / "locale" / "sphinx.pot").open("rb") as f:
        catalog = read_po(f)
    for folder, method_map in (
        ("_templates", [("**.html", "jinja2")]),
        ("_ext/presskit", [("themestrings.py", "python")]),
    ):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            str(srcdir / folder), method_map=method_map
        ):
            catalog.add(message, locations=[(f"{folder}/{filename}", lineno)])
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


def create(po: Path, pot: Path, lang: str) -> None:
    """A new, empty catalogue for ``lang`` with the header fields that editors
    (Poedit, Weblate) check: Language, Language-Team, Plural-Forms, UTF-8."""
    from babel.messages.pofile import read_po, write_po

    with pot.open("rb") as f:
        catalog = read_po(f, locale=lang)
    team = catalog.locale.english_name  # "Russian", "Dutch", from CLDR
    catalog.language_team = team
    catalog.revision_date = catalog.creation_date
    catalog.header_comment = (
        f"# {team} catalogue of the press kit page or domain \"{pot.stem}\".\n"
        "# Update with `make update-po`; check with `make check`."
    )
    catalog.last_translator = ""
    catalog.fuzzy = False
    with po.open("wb") as f:
        write_po(f, catalog, width=79)


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
                    [msgmerge, "--quiet", "--update", "--previous", "--backup=off",
                     "--width=79", str(po), str(pot)],
                    check=True,
                )
                action = "updated"
            else:
                create(po, pot, lang)
                action = "created"
            print(f"{action}: {po.relative_to(srcdir)}")
    return 0


def counts(po: Path | None, pot: Path) -> dict[str, int]:
    """translated / fuzzy / untranslated of the messages of ``pot`` in ``po``
    (a catalogue that does not exist yet translates nothing)."""
    from babel.messages.pofile import read_po

    with pot.open("rb") as f:
        wanted = [m.id for m in read_po(f) if m.id]
    messages = {}
    if po is not None and po.exists():
        with po.open("rb") as f:
            messages = {m.id: m for m in read_po(f) if m.id}
    fuzzy = sum(1 for i in wanted if i in messages and messages[i].fuzzy)
    translated = sum(1 for i in wanted if i in messages and messages[i].string and not messages[i].fuzzy)
    return {"translated": translated, "fuzzy": fuzzy, "untranslated": len(wanted) - translated - fuzzy}


def progress(srcdir: Path, markdown: bool = False) -> int:
    """Progress of every language against a fresh extraction; fails while a
    translated language is below 100 %."""
    source, languages, locale_dir = settings(srcdir)
    broken = [e for lang in languages for po in build.catalogues(srcdir, lang)
              for e in build.compile_catalogue(po, srcdir, Path(os.devnull))]
    if broken:
        print("\n".join(f"error: {e}" for e in broken), file=sys.stderr)
        return 1
    templates = pots(extract(srcdir))
    incomplete, rows = [], []
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
            print(f"  {domain}: {c['translated']} translated, {c['fuzzy']} fuzzy, "
                  f"{c['untranslated']} untranslated{note}")
        all_messages = sum(total.values())
        percent = 100.0 * total["translated"] / all_messages if all_messages else 100.0
        print(f"  total: {total['translated']} translated, {total['fuzzy']} fuzzy, "
              f"{total['untranslated']} untranslated ({percent:.1f}%)")
        rows.append(f"| {lang} | {total['translated']} | {total['fuzzy']} | {total['untranslated']} | {percent:.1f} % |")
        if percent < 100.0:
            incomplete.append(f"{lang} ({percent:.1f}%)")
    if markdown:
        print("\n| language | translated | fuzzy | untranslated | progress |\n| --- | ---: | ---: | ---: | ---: |")
        print("\n".join(rows))
    if incomplete:
        print(f"error: not fully translated: {', '.join(incomplete)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "progress", "check"])
    parser.add_argument("--srcdir", type=Path, default=ROOT)
    parser.add_argument("--markdown", action="store_true", help="progress: also print a Markdown table")
    args = parser.parse_args(argv)
    srcdir = args.srcdir.resolve()
    if args.command == "update":
        return update(srcdir)
    if args.command == "progress":
        return progress(srcdir, args.markdown)
    from pocheck import check

    return check(srcdir)


if __name__ == "__main__":
    sys.exit(main())
