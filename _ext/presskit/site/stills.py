"""Stills, poster, portrait and key art: ``images/`` and ``images/images.toml``.

Each image in ``images/`` (JPEG or PNG, at least ``MIN_LONG_SIDE`` px on its
long side) has one ``[[image]]`` entry in ``images/images.toml``: ``file``,
``kind`` (``KINDS``), ``caption``, ``credit`` and ``alt``; captions and alt
texts are translated through the ``facts`` catalogue.  :func:`load` (called by
conf.py) checks all of it and raises :class:`StillsError` naming the file.

While the folder has no images the page ``press/stills`` is excluded
(conf.py) and the toctree leaves it out (:class:`TocTree`).  With images:

- HTML: WebP and JPEG derivatives in ``_static/stills/`` (``WIDTHS``, named
  by content), shown by ``{stills}`` as lazy ``<picture>`` elements with
  ``srcset``, caption and credit; a zip of the originals
  (``presskit_images_zip``), caption, credit and alt text embedded as XMP
  (:func:`with_xmp`), listed with its size by ``{images-download}``;
- LaTeX: one JPEG per image in ``stills/``, set by ``\\presskitstill``
  (``_latex/presskit.sty``) with caption and credit;
- the poster (the first image of kind ``poster``) is the share image
  (``presskit.site.card``).
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import tomllib
import zipfile
import zlib
from html import escape
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from babel.numbers import format_decimal
from docutils import nodes
from PIL import Image
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree as SphinxTocTree
from sphinx.util.docutils import SphinxDirective
from sphinx.util.texescape import escape as tex_escape
from sphinx.util.texescape import init as tex_init

from ..facts import view
from ..facts.schema import FactsError
from ..facts.view import dash, voice

FOLDER = "images"
METADATA = "images.toml"
KINDS = ("still", "poster", "portrait", "key art")
FIELDS = ("file", "kind", "caption", "credit", "alt")
MIN_LONG_SIDE = 1200
WIDTHS = (480, 960, 1600)
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
#: Files of the folder that are not images.
NOT_IMAGES = {METADATA, "README.md", ".gitkeep"}
PAGE = "press/stills"
SIZES = "(min-width: 1200px) 760px, 100vw"


class StillsError(FactsError):
    """An image or its entry in images/images.toml is missing, unreadable or too small."""


def load(srcdir: Path) -> list[dict[str, Any]]:
    """The images of ``srcdir/images`` with their metadata, in the order of
    ``images.toml``; checked (see the module's docstring)."""
    folder = srcdir / FOLDER
    meta = folder / METADATA
    files = (
        sorted(
            p.name for p in folder.iterdir() if p.is_file() and p.name not in NOT_IMAGES and not p.name.startswith(".")
        )
        if folder.is_dir()
        else []
    )
    try:
        entries = tomllib.loads(meta.read_text(encoding="utf-8")).get("image", []) if meta.exists() else []
    except tomllib.TOMLDecodeError as exc:
        raise StillsError(f"{FOLDER}/{METADATA}: {exc}") from None
    found, seen = [], set()
    for number, entry in enumerate(entries, 1):
        name = str(entry.get("file", "")).strip()
        where = f"{FOLDER}/{name}" if name else f"{FOLDER}/{METADATA}: image {number}"
        if unknown := sorted(set(entry) - set(FIELDS)):
            raise StillsError(
                f"{where}: unknown key {', '.join(unknown)} in {FOLDER}/{METADATA} (allowed: {', '.join(FIELDS)})"
            )
        for field in FIELDS:
            if not isinstance(entry.get(field), str) or not entry[field].strip():
                raise StillsError(
                    f"{where}: {'alt text' if field == 'alt' else field} is missing in {FOLDER}/{METADATA}"
                )
        if entry["kind"] not in KINDS:
            raise StillsError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
        if name in seen or "/" in name or name not in files:
            raise StillsError(f"{where}: {'listed twice' if name in seen else 'no such file'} (in {FOLDER}/{METADATA})")
        seen.add(name)
        found.append(_image(folder / name, where, {k: entry[k].strip() for k in FIELDS}, number))
    if unlisted := [f for f in files if f not in seen]:
        raise StillsError(
            f"{FOLDER}/{unlisted[0]}: no entry in {FOLDER}/{METADATA} "
            "(every image needs its kind, caption, credit and alt text)"
        )
    return found


def _image(path: Path, where: str, entry: dict[str, str], number: int) -> dict[str, Any]:
    data = path.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt, (width, height) = image.format, image.size
            image.draft("RGB", (width // 8, height // 8))
            image.load()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds
        raise StillsError(f"{where}: not a readable image ({exc})") from None
    if fmt not in FORMATS:
        raise StillsError(f"{where}: {fmt} images are not supported (JPEG or PNG)")
    if max(width, height) < MIN_LONG_SIDE:
        raise StillsError(
            f"{where}: {width}×{height} px is too small for print: the long side must be at least {MIN_LONG_SIDE} px"
        )
    stem = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "image"
    slug = f"{number:02d}-{stem}-{hashlib.sha256(data).hexdigest()[:8]}"
    return {**entry, "path": path.as_posix(), "format": fmt, "width": width, "height": height, "slug": slug}


def messages(images: list[dict[str, Any]]) -> dict[str, str]:
    """The catalogue's messages: each caption and alt text, with where it is from."""
    found: dict[str, str] = {}
    for image in images:
        found.setdefault(image["caption"], f"{FOLDER}/{METADATA} (caption of {image['file']})")
        found.setdefault(image["alt"], f"{FOLDER}/{METADATA} (alt text of {image['file']})")
    return found


# -- Derivatives --------------------------------------------------------------------


def widths(image: dict[str, Any]) -> list[int]:
    return sorted({min(w, image["width"]) for w in WIDTHS})


def derivative(image: dict[str, Any], width: int, ext: str) -> str:
    return f"_static/stills/{image['slug']}-{width}.{ext}"


def _height(image: dict[str, Any], width: int) -> int:
    return round(image["height"] * width / image["width"])


def _save(picture: Image.Image, path: Path, fmt: str) -> None:
    """JPEG or WebP without metadata: the same picture, the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "webp":
        picture.save(path, "WEBP", quality=80, method=4)
    else:
        picture.save(path, "JPEG", quality=84, optimize=True, progressive=True)


def _resized(image: dict[str, Any], width: int) -> Image.Image:
    with Image.open(image["path"]) as original:
        picture = original.convert("RGB")
    return picture if width == image["width"] else picture.resize((width, _height(image, width)), Image.LANCZOS)


def write_derivatives(app: Sphinx) -> None:
    images = app.config.presskit_images
    if not images or app.builder.format not in ("html", "latex"):
        return
    out = Path(app.outdir)
    for image in images:
        if app.builder.format == "latex":
            _save(_resized(image, widths(image)[-1]), out / "stills" / f"{image['slug']}.jpg", "jpeg")
            continue
        for width in widths(image):
            picture = _resized(image, width)
            for ext in ("webp", "jpg"):
                _save(picture, out / derivative(image, width, ext), ext)
    if app.builder.format == "html":
        write_zip(images, voice(app.config.language), out / zip_name(app))
        app.env.presskit_images_zip_size = (out / zip_name(app)).stat().st_size


def zip_name(app: Sphinx) -> str:
    return app.config.presskit_images_zip.format(language=app.config.language)


# -- The originals, with caption and credit embedded --------------------------------


def xmp(caption: str, credit: str, alt: str, lang: str) -> bytes:
    """An XMP packet: caption (dc:description), credit (dc:rights,
    photoshop:Credit) and alt text (IPTC Core's AltTextAccessibility)."""

    def alt_text(value: str) -> str:
        return (
            f'<rdf:Alt><rdf:li xml:lang="x-default">{xml_escape(value)}</rdf:li>'
            f'<rdf:li xml:lang="{lang}">{xml_escape(value)}</rdf:li></rdf:Alt>'
        )

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        ' xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">\n'
        f"<dc:description>{alt_text(caption)}</dc:description>\n"
        f"<dc:rights>{alt_text(credit)}</dc:rights>\n"
        f"<photoshop:Credit>{xml_escape(credit)}</photoshop:Credit>\n"
        f"<Iptc4xmpCore:AltTextAccessibility>{alt_text(alt)}</Iptc4xmpCore:AltTextAccessibility>\n"
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end="r"?>'
    ).encode()


XMP_JPEG = b"http://ns.adobe.com/xap/1.0/\0"
XMP_PNG = b"XML:com.adobe.xmp"


def with_xmp(data: bytes, fmt: str, packet: bytes) -> bytes:
    """The file's bytes with ``packet`` as its XMP (an older XMP replaced),
    the picture itself untouched (no re-encoding)."""
    if fmt == "JPEG":
        segment = b"\xff\xe1" + struct.pack(">H", len(XMP_JPEG) + len(packet) + 2) + XMP_JPEG + packet
        pos, kept = 2, [data[:2]]
        while data[pos] == 0xFF and 0xE0 <= data[pos + 1] <= 0xEF:  # APPn segments
            length = struct.unpack(">H", data[pos + 2 : pos + 4])[0]
            if not data[pos + 4 : pos + 4 + len(XMP_JPEG)] == XMP_JPEG:
                kept.append(data[pos : pos + 2 + length])
            pos += 2 + length
        return b"".join([*kept, segment, data[pos:]])
    # PNG: an iTXt chunk right after IHDR (the signature and IHDR are 33 bytes).
    body = XMP_PNG + b"\0\0\0\0\0" + packet
    chunk = struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))
    out, pos = [data[:33], chunk], 33
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        end = pos + 12 + length
        if not (data[pos + 4 : pos + 8] == b"iTXt" and data[pos + 8 : pos + 8 + len(XMP_PNG) + 1] == XMP_PNG + b"\0"):
            out.append(data[pos:end])
        pos = end
    return b"".join(out)


def write_zip(images: list[dict[str, Any]], _: view.Voice, path: Path) -> None:
    """The originals, each with its caption, credit and alt text (in the
    page's language) embedded, and ``captions.txt``; the same bytes for the
    same inputs (fixed member dates)."""
    lines = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for image in images:
            caption, alt = _(image["caption"]), _(image["alt"])
            data = with_xmp(
                Path(image["path"]).read_bytes(), image["format"], xmp(caption, image["credit"], alt, _.language)
            )
            archive.writestr(zipfile.ZipInfo(image["file"], (1980, 1, 1, 0, 0, 0)), data)
            lines.append(f"{image['file']}\n  {caption}\n  {image['credit']}\n")
        info = zipfile.ZipInfo("captions.txt", (1980, 1, 1, 0, 0, 0))
        archive.writestr(info, "\n".join(lines).encode("utf-8"), zipfile.ZIP_DEFLATED)


# -- In the pages ---------------------------------------------------------------------

_EMPHASIS = re.compile(r"\*([^*]+)\*")


def _html(text: str) -> str:
    return _EMPHASIS.sub(r"<em>\1</em>", escape(text))


def _tex(text: str) -> str:
    tex_init()
    return _EMPHASIS.sub(r"\\emph{\1}", tex_escape(text, "xelatex"))


def figure_html(image: dict[str, Any], _: view.Voice, up: str) -> str:
    def srcset(ext: str) -> str:
        return ", ".join(f"{up}{derivative(image, w, ext)} {w}w" for w in widths(image))

    default = widths(image)[-2] if len(widths(image)) > 1 else widths(image)[-1]
    return (
        f'<figure class="presskit-still presskit-still-{image["kind"].replace(" ", "-")}">\n<picture>'
        f'<source type="image/webp" srcset="{srcset("webp")}" sizes="{SIZES}" />'
        f'<img src="{up}{derivative(image, default, "jpg")}" srcset="{srcset("jpg")}" sizes="{SIZES}" '
        f'width="{default}" height="{_height(image, default)}" alt="{escape(_(image["alt"]))}" '
        # (height:auto: the width and height attributes give the ratio, the column the width)
        f'loading="lazy" decoding="async" style="height:auto" /></picture>\n'
        f'<figcaption><span class="presskit-still-caption">{_html(_(image["caption"]))}</span><br />'
        f'<span class="presskit-still-credit">{escape(image["credit"])}</span></figcaption>\n</figure>\n'
    )


class StillsDirective(SphinxDirective):
    """Every image of ``images/`` with its caption and credit."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        _ = voice(self.config.language)
        up = "../" * self.env.docname.count("/")
        self.env.note_dependency(f"{FOLDER}/{METADATA}")
        result: list[nodes.Node] = []
        for image in self.config.presskit_images:
            result.append(nodes.raw("", figure_html(image, _, up), format="html"))
            result.append(
                nodes.raw(
                    "",
                    rf"\presskitstill{{stills/{image['slug']}.jpg}}"
                    rf"{{{_tex(_(image['caption']))}}}{{{_tex(image['credit'])}}}"
                    "\n",
                    format="latex",
                )
            )
        return result


class ImagesDownloadDirective(SphinxDirective):
    """The zip of the originals, with its size; nothing while there are no images."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        # Written before the pages are read (HTML builds only: the PDF leaves the downloads out).
        size = getattr(self.env, "presskit_images_zip_size", 0)
        if not size:
            return []
        _ = voice(self.config.language)
        text = view.images_download(self.config.presskit_facts, _)
        megabytes = format_decimal(max(size / 1e6, 0.1), "#,##0.0", locale=_.locale)
        up = "../" * self.env.docname.count("/")
        name = self.config.presskit_images_zip.format(language=self.config.language)
        para = nodes.paragraph(classes=["presskit-images-download"])
        para += nodes.reference(text.link, text.link, refuri=f"{up}{name}")
        para += nodes.Text(f" {dash(self.config)} " + text.size.format(megabytes=megabytes))
        items = nodes.bullet_list(classes=["presskit-downloads"])
        items += nodes.list_item("", para)
        return [items]


def poster(app: Sphinx) -> dict[str, Any] | None:
    """The poster's share image (URL relative to the language's folder), if any."""
    for image in app.config.presskit_images:
        if image["kind"] == "poster":
            width = widths(image)[-1]
            return {
                "url": derivative(image, width, "jpg"),
                "width": width,
                "height": _height(image, width),
                "alt": voice(app.config.language)(image["alt"]),
            }
    return None


def new_page_in_pdf(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the PDF the stills start a page of their own."""
    if app.builder.format != "latex" or docname != app.config.root_doc:
        return
    for section in list(doctree.findall(nodes.section)):
        if "stills" in section["names"] or "stills" in section["ids"]:
            at = section.parent.index(section)
            while at and isinstance(section.parent[at - 1], nodes.target):
                at -= 1  # before its (label)= target, as presskit.pdf does
            section.parent.insert(at, nodes.raw("", "\\clearpage\n", format="latex"))


class TocTree(SphinxTocTree):
    """A toctree that leaves out the stills page while it is excluded (no images)."""

    def run(self) -> list[nodes.Node]:
        if PAGE not in self.env.found_docs:
            self.content = type(self.content)([line for line in self.content if line.strip() != PAGE])
        return super().run()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("presskit_images", [], "env", types=[list])
    app.add_config_value("presskit_images_zip", "images-{language}.zip", "env", types=[str])
    app.add_directive("stills", StillsDirective)
    app.add_directive("images-download", ImagesDownloadDirective)
    app.add_directive("toctree", TocTree, override=True)
    app.connect("builder-inited", write_derivatives)
    app.connect("doctree-resolved", new_page_in_pdf, priority=600)  # after presskit.pdf
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
