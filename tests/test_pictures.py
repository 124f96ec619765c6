"""Pictures (issue 15): the title card of each language, and stills when they arrive.

- The title cards: 1200×630 PNGs of at most 150 kB without metadata, one per
  language with its own text, the share image of every page of their
  language (``og:image``, ``twitter:card``, ``Movie.image``), the touch icon.
- Stills: one build (website and PDF, every language, base URL set) of a copy
  with images made here (the kit ships none): derivatives and ``srcset``,
  captions, credits and alt texts in each language, the zip with caption and
  credit embedded (read back with exiftool), the PDF page (pdftotext), the
  poster as share image and the images page's weight.
- Bad input (no caption, credit or alt text, unreadable, too small, no entry)
  fails the build naming the file: each case where the build meets it first,
  reading conf.py (``build.load_conf``, in this process), and one case
  through the build command, as a user sees it.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import zipfile
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

import build as build_tool  # noqa: E402
from conftest import BASE, PAGES, ROOT, build, copy_project
from conftest import LANGUAGES as LANGS
from po_helpers import read
from presskit.facts import load, view
from presskit.site import card as card_module  # noqa: E402
from presskit.site import stills

CARD_TEXT = {
    "en": ["The Red Soul", "De rode ziel", "a documentary by Jessica Gorter", "2017", "92 min"],
    "ru": ["Красная душа", "De rode ziel", "документальный фильм Джессики Гортер", "2017", "92 мин"],
    "nl": ["De rode ziel", "The Red Soul", "een documentaire van Jessica Gorter", "2017", "92 min."],
}


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def og(soup: BeautifulSoup) -> dict[str, str]:
    return {m["property"]: m["content"] for m in soup.select("meta[property^='og:image']")}


def movie(site: Path, lang: str) -> dict:
    return json.loads(soup_of(site / lang / "index.html").select_one('script[type="application/ld+json"]').string)


# -- The title card -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_title_card_of_each_language(site_with_base: Path, lang: str):
    data = (site_with_base / lang / "_static" / f"presskit-card-{lang}.png").read_bytes()
    assert len(data) <= 150_000
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        assert not image.info.keys() - {"transparency"}, image.info  # no time, no text
    assert b"tIME" not in data and b"tEXt" not in data and b"iTXt" not in data
    # Its text: the facts in the language, through the facts catalogue.
    po = {m.id: m.string for m in read(ROOT / "locale" / lang / "LC_MESSAGES" / "facts.po") if m.id}
    voice = view.Voice(lambda m: po.get(m) or m, lang)
    text = view.title_card(load(ROOT / "film/facts.toml"), voice)
    shown = [text.title, text.other_title, text.by, text.year, text.runtime]
    assert [" ".join(t.split()) for t in shown] == CARD_TEXT[lang]
    # The build drew exactly that (deterministic: the same bytes again).
    assert card_module.render_card(text) == data
    # Every page of the language shows it, with its size and alt text.
    for docname in PAGES:
        soup = soup_of(site_with_base / lang / f"{docname}.html")
        assert og(soup) == {
            "og:image": f"{BASE}{lang}/_static/presskit-card-{lang}.png",
            "og:image:width": "1200",
            "og:image:height": "630",
            "og:image:alt": text.alt,
        }
        assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        icon = soup.select_one('link[rel="apple-touch-icon"]')["href"]
        assert icon.endswith(f"_static/presskit-icon-{lang}.png")
    assert movie(site_with_base, lang)["image"] == f"{BASE}{lang}/_static/presskit-card-{lang}.png"
    with Image.open(site_with_base / lang / "_static" / f"presskit-icon-{lang}.png") as icon:
        assert icon.size == (180, 180)
    # No images in the kit: no stills page, no zip on the downloads page.
    assert not (site_with_base / lang / "press" / "stills.html").exists()
    assert "zip" not in (site_with_base / lang / "press" / "downloads.html").read_text().lower()


def test_the_three_cards_differ(site_with_base: Path):
    cards = {(site_with_base / lang / "_static" / f"presskit-card-{lang}.png").read_bytes() for lang in LANGS}
    assert len(cards) == len(LANGS)


def test_the_kit_ships_no_stills():
    assert {p.name for p in (ROOT / "images").iterdir()} == {"images.toml"}
    assert stills.load(ROOT) == []


# -- Stills (made here) -------------------------------------------------------------------

CREDIT = "© Zeppers Film & TV"
#: file, kind, size, caption, alt; format from the extension.
IMAGES = [
    (
        "still-01.jpg",
        "still",
        (1800, 1000),
        "Galina at her kitchen *window*, Saint Petersburg",
        "An old woman looks out of a window",
    ),
    ("still-02.png", "still", (1600, 900), "A choir rehearses a Soviet song", "Singers stand in rows in a hall"),
    ("the poster.jpg", "poster", (1200, 1700), "The poster of the film", "A red poster with the title of the film"),
    ("portrait.jpg", "portrait", (1200, 1500), "Jessica Gorter, director", "A portrait of the director"),
]
TRANSLATED = {"ru": "RU", "nl": "NL"}


def picture(size: tuple[int, int], seed: int) -> Image.Image:
    """A test picture: a gradient and a few shapes (compresses like a photo would not)."""
    image = Image.merge("RGB", [Image.linear_gradient("L").rotate(seed * 40 + i * 90).resize(size) for i in range(3)])
    draw = ImageDraw.Draw(image)
    for i in range(6):
        x, y = (seed * 97 + i * 211) % size[0], (seed * 53 + i * 157) % size[1]
        draw.ellipse((x, y, x + size[0] // 5, y + size[1] // 5), fill=(180, 30 * i, 40))
    return image


@cache
def encoded(size: tuple[int, int], seed: int, fmt: str) -> bytes:
    """``picture(size, seed)`` as a file's bytes (made once per session)."""
    out = io.BytesIO()
    picture(size, seed).save(out, fmt, quality=90)
    return out.getvalue()


def add_images(project: Path, images=IMAGES, translate: bool = True) -> None:
    folder = project / "images"
    entries = []
    for seed, (name, kind, size, caption, alt) in enumerate(images):
        (folder / name).write_bytes(encoded(size, seed, "PNG" if name.endswith(".png") else "JPEG"))
        entries.append(
            f'[[image]]\nfile = "{name}"\nkind = "{kind}"\ncaption = "{caption}"\ncredit = "{CREDIT}"\nalt = "{alt}"\n'
        )
    (folder / "images.toml").write_text("\n".join(entries), encoding="utf-8")
    if translate:  # as `make update-po` and a translator would
        for lang, mark in TRANSLATED.items():
            po = project / "locale" / lang / "LC_MESSAGES" / "facts.po"
            added = "".join(
                f'\nmsgid "{text}"\nmsgstr "{mark}: {text}"\n'
                for _, _, _, caption, alt in images
                for text in (caption, alt)
            )
            po.write_text(po.read_text(encoding="utf-8") + added, encoding="utf-8")


def in_lang(text: str, lang: str) -> str:
    return f"{TRANSLATED[lang]}: {text}" if lang in TRANSLATED else text


@pytest.fixture(scope="module")
def pictures_site(tmp_path_factory) -> Path:
    """One build of a copy with the test images: website and PDF, every language."""
    src = copy_project(tmp_path_factory.mktemp("pictures") / "project")
    add_images(src)
    result = build(src, formats=("html", "pdf"), env={**os.environ, "PRESSKIT_BASE_URL": BASE})
    assert result.returncode == 0, result.stdout + result.stderr
    return src / "_build" / "site"


def emphasis_as_text(text: str) -> str:
    return text.replace("*", "")


@pytest.mark.parametrize("lang", LANGS)
def test_the_stills_page(pictures_site: Path, lang: str):
    page = pictures_site / lang / "press" / "stills.html"
    soup = soup_of(page)
    figures = soup.select("article figure.presskit-still")
    assert len(figures) == len(IMAGES)
    for figure, (_name, kind, size, caption, alt) in zip(figures, IMAGES):
        img = figure.select_one("picture img")
        assert img["loading"] == "lazy" and img["alt"] == in_lang(alt, lang)
        assert f"presskit-still-{kind}" in figure["class"]
        caption_el = figure.select_one(".presskit-still-caption")
        assert caption_el.get_text() == emphasis_as_text(in_lang(caption, lang))
        if "*" in caption:
            assert caption_el.em.get_text() == "window"
        assert figure.select_one(".presskit-still-credit").get_text() == CREDIT
        widths = sorted({min(w, size[0]) for w in (480, 960, 1600)})
        for source, ext in ((figure.select_one('source[type="image/webp"]'), "webp"), (img, "jpg")):
            candidates = [c.split() for c in source["srcset"].split(", ")]
            assert [int(w[:-1]) for _, w in candidates] == widths
            for url, w in candidates:
                assert url.endswith(f"-{w[:-1]}.{ext}")
                with Image.open(page.parent / url) as derivative:
                    assert derivative.size == (int(w[:-1]), round(size[1] * int(w[:-1]) / size[0]))
                    assert derivative.format == ("WEBP" if ext == "webp" else "JPEG")
        assert (page.parent / img["src"]).is_file()
    # In the navigation of every page, before the downloads.
    nav = [a["href"] for a in soup_of(pictures_site / lang / "index.html").select("nav.bd-links a")]
    assert nav.index("press/stills.html") == nav.index("press/downloads.html") - 1


def test_the_images_page_stays_within_the_budget(pictures_site: Path):
    import weight  # tools/weight.py

    for lang in LANGS:
        page = f"{lang}/press/stills.html"
        result = weight.transfer_bytes(pictures_site, page)
        # The images are lazy, but a browser loads those near the first
        # screen at once: count the first two at the width a desktop picks.
        first = [
            s["srcset"].split(", ")[1].split()[0]
            for s in soup_of(pictures_site / page).select('figure source[type="image/webp"]')[:2]
        ]
        pictures = sum((pictures_site / lang / "press" / url).stat().st_size for url in first)
        assert not result["missing"] and result["bytes"] + pictures <= weight.BUDGET, (result["bytes"], pictures)
        assert not [r for r in result["resources"] if "/stills/" in r["path"]]


def exiftool(*paths: Path) -> list[dict]:
    """The XMP tags of each of ``paths`` (one exiftool run)."""
    command = ["exiftool", "-json", "-XMP:all", *map(str, paths)]
    found = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert [Path(f["SourceFile"]) for f in found] == list(paths)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_zip_of_originals_with_captions_embedded(pictures_site: Path, lang: str, tmp_path: Path):
    downloads = soup_of(pictures_site / lang / "press" / "downloads.html")
    link = downloads.select_one(".presskit-images-download a")
    archive = pictures_site / lang / "press" / link["href"]
    assert archive.name == f"the-red-soul-images-{lang}.zip"
    size = f"{archive.stat().st_size / 1e6:.1f}".replace(".", "," if lang != "en" else ".")
    # "ZIP, 1.2 MB", "zip, 1,2 MB" (Dutch), "ZIP, 1,2 МБ" with a no-break space (Russian).
    assert re.search(rf"zip, {re.escape(size)}\s", link.parent.get_text(), re.I)
    with zipfile.ZipFile(archive) as z:
        assert z.namelist() == [name for name, *_ in IMAGES] + ["captions.txt"]
        z.extractall(tmp_path)
    for (name, _kind, size_px, caption, alt), tags in zip(IMAGES, exiftool(*(tmp_path / i[0] for i in IMAGES))):
        assert tags["Description"] == in_lang(caption, lang)
        assert tags["Rights"] == CREDIT and tags["Credit"] == CREDIT
        assert tags["AltTextAccessibility"] == in_lang(alt, lang)
        with Image.open(tmp_path / name) as original:  # the picture itself untouched
            assert original.size == size_px
            original.load()
    assert in_lang(IMAGES[0][3], lang) in (tmp_path / "captions.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_the_pdf_has_a_page_of_captioned_stills(pictures_site: Path, lang: str):
    pdf = pictures_site / lang / f"the-red-soul-{lang}.pdf"
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    for _, _, _, caption, _ in IMAGES:
        assert emphasis_as_text(in_lang(caption, lang)) in text
    assert text.count(CREDIT) == len(IMAGES)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) - 2 >= len(IMAGES)


@pytest.mark.parametrize("lang", LANGS)
def test_the_poster_takes_over_the_share_image(pictures_site: Path, lang: str):
    name, _, (width, height), _, alt = IMAGES[2]
    for docname in PAGES:
        tags = og(soup_of(pictures_site / lang / f"{docname}.html"))
        assert re.fullmatch(rf"{BASE}{lang}/_static/stills/03-the-poster-[0-9a-f]{{8}}-{width}\.jpg", tags["og:image"])
        assert (tags["og:image:width"], tags["og:image:height"]) == (str(width), str(height))
        assert tags["og:image:alt"] == in_lang(alt, lang)
    assert movie(pictures_site, lang)["image"] == tags["og:image"]
    assert (pictures_site / tags["og:image"].removeprefix(BASE)).is_file()


# -- Bad input fails the build, naming the file -------------------------------------------

BAD = {
    "no caption": ("still-01.jpg", lambda t: re.sub(r'caption = "Galina[^\n]*\n', "", t)),
    "empty credit": (
        "still-02.png",
        lambda t: t.replace(f'credit = "{CREDIT}"\nalt = "Singers', 'credit = ""\nalt = "Singers'),
    ),
    "no alt text": ("portrait.jpg", lambda t: t.replace('alt = "A portrait of the director"\n', "")),
}


CASES = [*BAD, "unreadable", "truncated", "too small", "no entry"]


def seed_bad_input(project: Path, case: str) -> str:
    """The test images with one fault of kind ``case``; the file it concerns."""
    add_images(project, translate=False)
    folder = project / "images"
    meta = folder / "images.toml"
    if case in BAD:
        name, edit = BAD[case]
        meta.write_text(edit(meta.read_text(encoding="utf-8")), encoding="utf-8")
    elif case == "unreadable":
        name = "still-02.png"
        (folder / name).write_bytes(b"not a picture")
    elif case == "truncated":
        name = "still-01.jpg"
        (folder / name).write_bytes((folder / name).read_bytes()[:20_000])
    elif case == "too small":
        name = "portrait.jpg"
        (folder / name).write_bytes(encoded((800, 1000), 1, "JPEG"))
    else:
        name = "extra.jpg"
        (folder / name).write_bytes(encoded((1600, 900), 2, "JPEG"))
    return name


@pytest.mark.parametrize("case", CASES)
def test_bad_input_fails_naming_the_file(project: Path, case: str):
    """The build reads conf.py first (build.load_conf), which checks the images:
    a fault is a BuildError, the one line the build prints, naming the file."""
    name = seed_bad_input(project, case)
    with pytest.raises(build_tool.BuildError) as failure:
        build_tool.load_conf(project)
    message = str(failure.value)
    assert message.startswith(f"images/{name}"), message
    assert "\n" not in message, message


def test_bad_input_fails_the_build_command_naming_the_file(project: Path):
    """End to end, one case: the build fails, names the file, no traceback."""
    name = seed_bad_input(project, "unreadable")
    result = build(project, "en", formats=("html",))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"error: images/{name}: not a readable image" in output, output
    assert "Traceback" not in output, output
