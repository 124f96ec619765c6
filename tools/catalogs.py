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
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
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
    potdir = srcdir / "_build" / "gettext"
    command = sphinx_build("gettext", "en", srcdir, potdir, srcdir / "_build" / "doctrees" / "gettext")
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


def counts(po: Path) -> dict[str, int]:
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        cat = read_po(f)
    messages = [m for m in cat if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    untranslated = sum(1 for m in messages if not m.string)
    return {
        "translated": len(messages) - fuzzy - untranslated,
        "fuzzy": fuzzy,
        "untranslated": untranslated,
        "obsolete": len(cat.obsolete),
    }


def progress(srcdir: Path) -> int:
    source, languages, locale_dir = settings(srcdir)
    incomplete = []
    for lang in languages:
        total = {"translated": 0, "fuzzy": 0, "untranslated": 0, "obsolete": 0}
        print(f"{lang}:")
        for po in sorted((locale_dir / lang / "LC_MESSAGES").rglob("*.po")):
            c = counts(po)
            for key in total:
                total[key] += c[key]
            rel = po.relative_to(locale_dir / lang / "LC_MESSAGES")
            print(f"  {rel}: {c['translated']} translated, {c['fuzzy']} fuzzy, {c['untranslated']} untranslated")
        all_messages = total["translated"] + total["fuzzy"] + total["untranslated"]
        percent = 100.0 * total["translated"] / all_messages if all_messages else 100.0
        print(f"  total: {total['translated']} translated, {total['fuzzy']} fuzzy, "
              f"{total['untranslated']} untranslated ({percent:.1f}%)")
        if lang != source and percent < 100.0:
            incomplete.append(f"{lang} ({percent:.1f}%)")
    if incomplete:
        print(f"error: not fully translated: {', '.join(incomplete)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "progress", "check"])
    parser.add_argument("--srcdir", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    srcdir = args.srcdir.resolve()
    if args.command == "update":
        return update(srcdir)
    if args.command == "progress":
        return progress(srcdir)
    from pocheck import check

    return check(srcdir)


if __name__ == "__main__":
    sys.exit(main())
