"""Catalogues and facts are data, never code: a hostile corpus.

Payloads (script, event handler, attribute break-out, end of script, comment
plus script, TeX file reading and shell escape, catcode, TeX's special
characters, a ``javascript:`` URL, two paragraphs) × entry points (a page
catalogue, ``facts.po``, ``sphinx.po``, each text field of the data file).

Each pair has one outcome (``OUTCOMES``):

- rejected: the catalogue check (``pocheck.check_content``, as ``make check``
  and every build run it) or the facts schema names the file and line (or the
  field); tested on the check functions directly, plus one end-to-end build;
- inert: one build per entry point carries every inert payload at once; no
  element gains an ``on…`` attribute or a script the policy allows, no file
  content reaches a PDF, the JSON-LD parses, and the text reads as written,
  in the HTML (BeautifulSoup) and in the PDF (``pdftotext``).
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import tomllib
import unicodedata
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from bs4 import BeautifulSoup

import pocheck  # noqa: E402
from conftest import ROOT, build
from po_helpers import line_of, translate
from presskit.facts import schema as facts_schema  # noqa: E402
from presskit.site.csp import source  # noqa: E402

RU = "locale/ru/LC_MESSAGES"
#: A file of the build machine the TeX payloads try to read into the PDF (as
#: /etc/hostname, with a text no PDF has by chance; a short path, as a real one).
SECRET_FILE = "/tmp/pk-secret"
SECRET = "SECRETTOKEN4711"
Path(SECRET_FILE).write_text(SECRET + "\n")

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "img-onerror": "<img src=x onerror=alert(2)>",
    "attribute": '" onfocus="alert(3)',
    "end-script": "</script>",
    "comment-script": "<!--<script>",
    "tex-input": rf"\input{{{SECRET_FILE}}}",
    "tex-write18": r"\write18{touch x}",
    "tex-catcode": rf"{{\catcode95=12\relax\input {SECRET_FILE} }}",
    "tex-specials": "& % # _ ~ ^ { } \\",
    "javascript": "javascript:alert(4)",
    "paragraphs": "First paragraph.\n\nSecond paragraph.",
}
RAW_HTML = {"script", "img-onerror", "end-script", "comment-script"}
#: Entry point -> the payloads it rejects; every other payload is inert there.
OUTCOMES = {
    "page catalogue": RAW_HTML | {"paragraphs"},
    "facts.po": RAW_HTML | {"paragraphs"},
    "sphinx.po": RAW_HTML | {"attribute", "tex-specials"},  # < > " & added to a theme string
    "facts file": set(),  # text fields: all inert (links and empty values: see below)
}


def inert(entry: str) -> dict[str, str]:
    return {name: text for name, text in PAYLOADS.items() if name not in OUTCOMES[entry]}


def payload(name: str) -> str:
    return PAYLOADS[name]


# -- Reading the output -------------------------------------------------------------


def plain(text: str) -> str:
    """Text as a reader compares it: one space for any run of spaces, and the
    typographer's quotes and dashes (smartquotes) as typed."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"[“”„«»]", '"', text).replace("–", "--").replace("—", "---")
    return " ".join(text.split())


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {
        p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
        for p in sorted(site.glob("**/*.html"))
        if "_static" not in p.parts
    }


def assert_inert_html(site: Path) -> dict[str, BeautifulSoup]:
    """No event handler, no script outside the page's policy, JSON-LD that parses."""
    found = pages(site)
    assert found
    for name, soup in found.items():
        meta = soup.head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, name
        for element in soup.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert not handlers, f"{name}: <{element.name} {handlers}>"
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)
            elif not script.get("src"):
                assert source(script.string or "") in meta["content"], f"{name}: {script}"
    return found


def page_text(soup: BeautifulSoup) -> str:
    return plain(soup.get_text(" "))


def squash(text: str) -> str:
    """``plain`` without spaces and hyphens: what a PDF's line breaks change."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]", "", plain(text))


def pdf_text(pdf: Path) -> str:
    return squash(
        subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    )


def built(src: Path, *langs: str, formats=("html",)) -> Path:
    result = build(src, *langs, formats=formats)
    assert result.returncode == 0, result.stdout + result.stderr
    return src / "_build" / "site"


# -- Rejected: the catalogue check names the file and line --------------------------

MSGIDS = {
    "page catalogue": ("film/synopsis", "A plain sentence."),
    "facts.po": ("facts", "Press kit"),
    "sphinx.po": ("sphinx", "Language"),
}
REJECTED = [(entry, name) for entry, names in OUTCOMES.items() if entry in MSGIDS for name in sorted(names)]
INERT = [(entry, name) for entry in MSGIDS for name in sorted(inert(entry))]


def check(tmp_path: Path, entry: str, text: str) -> tuple[list[str], str, int]:
    domain, msgid = MSGIDS[entry]
    catalog = Catalog(locale="ru")
    catalog.add(msgid, text)
    po = tmp_path / f"{domain}.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as f:
        write_po(f, catalog)
    rel = f"{RU}/{domain}.po"
    md = pocheck.markdown_parser(["colon_fence", "deflist", "attrs_block"])
    return pocheck.check_content(po, rel, domain, md), rel, line_of(po, msgid)


@pytest.mark.parametrize("entry, name", REJECTED, ids=[f"{e}-{n}" for e, n in REJECTED])
def test_check_rejects_naming_file_and_line(tmp_path, entry, name):
    errors, rel, line = check(tmp_path, entry, f"Текст {PAYLOADS[name]} текст")
    assert errors and all(e.startswith(f"{rel}:{line}: ") for e in errors), errors


@pytest.mark.parametrize("entry, name", INERT, ids=[f"{e}-{n}" for e, n in INERT])
def test_check_lets_inert_text_through(tmp_path, entry, name):
    errors, _, _ = check(tmp_path, entry, f"Текст {PAYLOADS[name]} текст")
    assert not errors


@pytest.mark.parametrize(
    "text, problem",
    [
        ("```{raw} html\n<b>x</b>\n```", "{raw} directive is not allowed"),
        ("```{eval-rst}\n.. raw:: html\n```", "{eval-rst} directive is not allowed"),
        (":::{include} /etc/hostname\n:::", "{include} directive is not allowed"),
        ("```{note}\nx\n```", "unexpected {note} directive"),
        ("Текст {abbr}`x (y)`", "unexpected {abbr} role"),
    ],
)
def test_check_rejects_directives_and_roles_the_english_lacks(tmp_path, text, problem):
    errors, rel, line = check(tmp_path, "page catalogue", text)
    assert any(e.startswith(f"{rel}:{line}: ") and problem in e for e in errors), errors


def test_a_rejected_translation_fails_the_build_naming_file_and_line(project):
    po = project / RU / "film" / "synopsis.po"
    translate(
        po, "In the country where hardly any family", "В стране<img src=x onerror=alert(1)><script>alert(2)</script>."
    )
    line = line_of(po, "In the country where hardly any family")
    result = build(project, "ru")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{RU}/film/synopsis.po:{line}: " in output
    assert "raw HTML <img src=x onerror=alert(1)> is not allowed" in output


# -- Rejected: the facts schema names the field -------------------------------------

FACTS = tomllib.loads((ROOT / "film" / "facts.toml").read_text(encoding="utf-8"))
LINKS = [("watch_online", "eu"), ("watch_online", "usa")]
EMAILS = [("contacts", "world_sales", "email"), ("contacts", "press", "email"), ("contacts", "production", "email")]
BAD_LINKS = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "http://example.org/", "vbscript:x"]


def schema_errors(path: tuple[str, ...], value) -> list[str]:
    data = copy.deepcopy(FACTS)
    table = data
    for key in path[:-1]:
        table = table[key]
    table[path[-1]] = value
    return facts_schema.parse(data)[1]


@pytest.mark.parametrize("path", LINKS + EMAILS, ids=".".join)
@pytest.mark.parametrize("value", BAD_LINKS + ['x" onfocus="alert(1)@example.org'])
def test_schema_rejects_links_that_are_not_https_or_mailto(path, value):
    errors = schema_errors(path, value)
    assert len(errors) == 1 and errors[0].startswith(f"field {'.'.join(path)} must be"), errors


@pytest.mark.parametrize(
    "path, value",
    [
        (("watch_online", "eu"), "https://example.org/film"),
        (("watch_online", "usa"), "mailto:sales@example.org"),
        (("contacts", "press", "email"), "press@example.org"),
    ],
)
def test_schema_accepts_https_and_mailto(path, value):
    assert schema_errors(path, value) == []


def text_fields(data: dict, prefix: tuple = ()) -> list[tuple]:
    """Every text field of the data file (strings, and items of string lists), as paths."""
    found = []
    for key, value in data.items():
        path = (*prefix, key)
        if isinstance(value, dict):
            found += text_fields(value, path)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for i, item in enumerate(value):
                found += text_fields(item, (*path, i))
        elif isinstance(value, list) and value and isinstance(value[0], str):
            found += [(*path, i) for i in range(len(value))]
        elif isinstance(value, str) and path[:1] != ("watch_online",) and path[-1] not in ("email", "language"):
            found.append(path)
    return found


TEXT_FIELDS = text_fields(FACTS)


REQUIRED_TEXT = [
    ("film", "title"),
    ("film", "original_title"),
    ("film", "genre"),
    ("premiere", "city"),
    ("screenings", 0, "section"),
    ("filmography", 1, "title"),
    ("contacts", "press", "person"),
    ("credits", "director", 0),
    ("film", "co_production", 0),
]


@pytest.mark.parametrize("path", REQUIRED_TEXT, ids=lambda p: ".".join(map(str, p)))
def test_schema_rejects_an_empty_required_text(path):
    data = copy.deepcopy(FACTS)
    table = data
    for key in path[:-1]:
        table = table[key]
    table[path[-1]] = " "
    errors = facts_schema.parse(data)[1]
    assert errors and "must not be empty" in errors[0], errors


# -- Inert: one build per entry point ------------------------------------------------


def test_page_catalogue_payloads_are_inert_in_html_and_pdf(project):
    po = project / RU / "film" / "synopsis.po"
    text = "Инертно: " + " | ".join(payload(n) for n in inert("page catalogue"))
    translate(po, "In the country where hardly any family", text)
    site = built(project, "ru", formats=("html", "pdf"))
    found = assert_inert_html(site / "ru")
    assert plain(text) in page_text(found["film/synopsis.html"])
    pdf = pdf_text(next((site / "ru").glob("*.pdf")))
    assert squash(text) in pdf and squash(SECRET) not in pdf


def test_facts_catalogue_payloads_are_inert_in_html_and_pdf(project):
    po = project / RU / "facts.po"
    shown = ["Press kit", "Director", "Runtime", "Country", "Year", "World premiere"]
    texts = {}
    for msgid, name in zip(shown * 2, inert("facts.po")):
        texts[msgid] = texts.get(msgid, "") + f"{name}: {payload(name)} "
    for msgid, text in texts.items():
        translate(po, msgid, text.strip())
    site = built(project, "ru", formats=("html", "pdf"))
    found = assert_inert_html(site / "ru")
    home = page_text(found["index.html"])
    pdf = pdf_text(next((site / "ru").glob("*.pdf")))
    for text in texts.values():
        assert plain(text) in home
        assert squash(text) in pdf
    assert squash(SECRET) not in pdf
    # The running head and the metadata say "Press kit" as written, too.
    info = subprocess.run(
        ["pdfinfo", str(next((site / "ru").glob("*.pdf")))], capture_output=True, text=True, check=True
    ).stdout
    assert plain(texts["Press kit"]) in plain(info)


def test_theme_catalogue_payloads_are_inert_in_html(project):
    po = project / RU / "sphinx.po"
    texts = {
        msgid: f"{name}: {payload(name)}"
        for msgid, name in zip(
            ["Language", "Main", "Toggle primary sidebar", "Search…", "Page not found"], inert("sphinx.po")
        )
    }
    for msgid, text in texts.items():
        translate(po, msgid, text)
    site = built(project, "ru")
    found = assert_inert_html(site)
    page = found["ru/film/synopsis.html"]
    assert page.select_one("nav.presskit-language-switcher")["aria-label"] == texts["Language"]
    assert page.select_one("nav.bd-docs-nav")["aria-label"] == texts["Main"]
    assert page.select_one("button.primary-toggle[title]")["title"] == texts["Toggle primary sidebar"]
    assert page.select_one("form.bd-search input")["placeholder"] == texts["Search…"]
    assert plain(texts["Page not found"]) in page_text(found["404.html"])


def test_every_text_field_of_the_facts_file_is_inert_everywhere(project):
    """Every text field carries a payload (each payload in several fields);
    the title is the one the issue names."""
    data = project / "film" / "facts.toml"
    text = data.read_text(encoding="utf-8")
    names = list(PAYLOADS)
    values = {}
    for i, path in enumerate(TEXT_FIELDS):
        value = payload(names[i % len(names)])
        values[path] = f"F{i} {value}"
    title = "The Red Soul: 100% & #1 in_Russia ~x"
    values[("film", "title")] = title
    for path, value in values.items():
        text = set_field(text, path, value)
    data.write_text(text, encoding="utf-8")
    site = built(project, formats=("html", "pdf"))
    quotes = tomllib.loads(text)["quotes"]

    def shown(lang: str, path: tuple) -> bool:
        """A quote's ``original`` shows in its own language, its ``text`` elsewhere;
        its ``country`` only where the outlet is foreign."""
        if path[0] != "quotes" or path[2] not in ("text", "original", "country"):
            return True
        if path[2] == "country":
            return quotes[path[1]]["language"] != lang
        own = quotes[path[1]]["language"] == lang and "original" in quotes[path[1]]
        return own == (path[2] == "original")

    for lang in ("en", "ru", "nl"):
        found = assert_inert_html(site / lang)
        everything = " ".join(page_text(soup) for soup in found.values())
        expected = {path: value for path, value in values.items() if shown(lang, path)}
        for path, value in expected.items():
            assert plain(value) in everything, (lang, path, value)
        ld = json.loads(found["index.html"].find("script", type="application/ld+json").string)
        assert ld["name"] == title and ld["genre"] == values[("film", "genre")]
        assert found["index.html"].find("meta", property="og:site_name")["content"] == title
        pdf = next((site / lang).glob("*.pdf"))
        words = pdf_text(pdf)
        assert squash(SECRET) not in words
        missing = [(path, value) for path, value in expected.items() if squash(value) not in words]
        assert not missing, (lang, missing)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(rf"^Title: +{re.escape(title)}$", info, re.M), info


def set_field(toml: str, path: tuple, value: str) -> str:
    """The data file with the field at ``path`` set to ``value`` (its text
    edited in place, so that comments and order stay)."""
    data = tomllib.loads(toml)
    target = data
    for key in path[:-1]:
        target = target[key]
    old = target[path[-1]]
    literal = json.dumps(value, ensure_ascii=False)  # a TOML basic string
    pattern = re.escape(json.dumps(old, ensure_ascii=False))
    # The n-th occurrence of the old value that belongs to this path: find it
    # by rewriting and checking, occurrence by occurrence.
    for match in re.finditer(pattern, toml):
        candidate = toml[: match.start()] + literal + toml[match.end() :]
        changed = tomllib.loads(candidate)
        probe = changed
        for key in path[:-1]:
            probe = probe[key]
        if probe[path[-1]] == value:
            return candidate
    raise AssertionError(f"cannot set {path}")
