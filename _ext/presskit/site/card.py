"""The title card: the picture a shared link shows, made from the facts and the fonts.

Every HTML build writes, for its language, ``_static/presskit-card-<lang>.png``
(1200×630, the PDF cover's design: a red band with the title in PT Sans Bold
and the other title in PT Serif, below it "a documentary by …", year and
runtime) and ``_static/presskit-icon-<lang>.png`` (180×180, the site's
``apple-touch-icon``).  The text comes from ``presskit.facts.view.title_card`` through
the ``facts`` catalogue; the PNGs carry no metadata, so the same facts, fonts
and Pillow give the same bytes.

Every page gets ``og:image`` (with width, height and a translated alt text),
``twitter:card`` and the touch icon; the home page's ``Movie`` its ``image``
(``presskit.site.sharing``).  The share image is the poster when ``images/`` has
one (``presskit.site.stills``), else the title card.  Open Graph wants an absolute
URL: while the base URL is empty, ``og:image``, ``twitter:card`` and
``Movie.image`` are left out, as ``og:url`` is.
"""

from __future__ import annotations

import io
from html import escape
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from ..facts import view
from ..facts.view import voice
from .languages import language_root

SIZE = (1200, 630)
ICON = 180
RED, DARK, GREY, WHITE = (139, 21, 28), (34, 30, 30), (110, 104, 104), (255, 255, 255)
#: Debian's fonts-paratype (Pillow finds them by file name under /usr/share/fonts).
FONTS = {"sans-bold": "PTS75F.ttf", "sans": "PTS55F.ttf", "serif": "PTF55F.ttf", "serif-italic": "PTF56F.ttf"}
MARGIN = 72
BAND = 400


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(FONTS[name], size)
    except OSError:
        raise ExtensionError(
            f"the title card needs the PT fonts ({FONTS[name]} not found): "
            "apt-get install fonts-paratype (tools/system-deps.sh)"
        ) from None


def _width(face: ImageFont.FreeTypeFont, text: str, spacing: int = 0) -> float:
    return face.getlength(text) + spacing * max(len(text) - 1, 0)


def fit(text: str, face: str, width: int, sizes: range, max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size of ``face`` at which ``text`` wraps (at spaces) into
    at most ``max_lines`` lines of ``width``; the font and the lines."""
    for size in sizes:
        f = font(face, size)
        lines: list[str] = []
        for word in text.split():
            if lines and _width(f, f"{lines[-1]} {word}") <= width:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        if len(lines) <= max_lines and all(_width(f, line) <= width for line in lines):
            return f, lines
    return f, lines


def _png(image: Image.Image) -> bytes:
    """PNG without metadata (no time, no text chunks): the same picture, the same bytes."""
    out = io.BytesIO()
    image.quantize(64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(out, "PNG", optimize=True)
    return out.getvalue()


def _spaced(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, face, fill, spacing: int) -> None:
    x, y = xy
    for char in text:
        draw.text((x, y), char, font=face, fill=fill)
        x += face.getlength(char) + spacing


def render_card(card: view.Card) -> bytes:
    image = Image.new("RGB", SIZE, WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE[0], BAND), fill=RED)
    inner = SIZE[0] - 2 * MARGIN
    _spaced(draw, (MARGIN, 52), card.kind.upper(), font("sans-bold", 22), (244, 214, 214), 5)
    # The title, as large as fits in two lines, set on the band's foot line.
    title_font, lines = fit(card.title, "sans-bold", inner, range(112, 47, -4), 2)
    other_font = font("serif-italic", 40)
    leading = round(title_font.size * 1.02)
    bottom = BAND - 62 - 58
    for i, line in enumerate(reversed(lines)):
        draw.text((MARGIN, bottom - i * leading), line, font=title_font, fill=WHITE, anchor="ls")
    draw.text((MARGIN, BAND - 50), card.other_title, font=other_font, fill=WHITE, anchor="ls")
    by_font, by_lines = fit(card.by, "serif", inner, range(40, 23, -2), 1)
    draw.text((MARGIN, BAND + 88), by_lines[0] if len(by_lines) == 1 else card.by, font=by_font, fill=DARK, anchor="ls")
    draw.rectangle((MARGIN, BAND + 124, MARGIN + 84, BAND + 128), fill=RED)
    draw.text((MARGIN, BAND + 178), f"{card.year}  ·  {card.runtime}", font=font("sans", 32), fill=GREY, anchor="ls")
    return _png(image)


def render_icon(title: str) -> bytes:
    """A square of the band: the title in white on red (the touch icon)."""
    image = Image.new("RGB", (ICON, ICON), RED)
    draw = ImageDraw.Draw(image)
    # Two lines at most, clear of the corners a phone rounds off.
    face, lines = fit(title, "sans-bold", ICON - 48, range(44, 19, -2), 2)
    leading = round(face.size * 1.08)
    for i, line in enumerate(reversed(lines)):
        draw.text((24, ICON - 30 - i * leading), line, font=face, fill=WHITE, anchor="ls")
    return _png(image)


def card_name(lang: str) -> str:
    return f"_static/presskit-card-{lang}.png"


def icon_name(lang: str) -> str:
    return f"_static/presskit-icon-{lang}.png"


def write_cards(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    lang = app.config.language
    card = view.title_card(app.config.presskit_facts, voice(lang))
    for name, data in ((card_name(lang), render_card(card)), (icon_name(lang), render_icon(card.title))):
        path = Path(app.outdir, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def share_image(app: Sphinx) -> dict[str, Any] | None:
    """The picture a shared link shows (the poster, else the title card):
    its absolute URL, size and alt text; ``None`` while the base URL is empty."""
    root = language_root(app.config.presskit_base_url, app.config.language)
    if not root:
        return None
    from .stills import poster

    if found := poster(app):
        return {**found, "url": root + found["url"]}
    card = view.title_card(app.config.presskit_facts, voice(app.config.language))
    return {"url": root + card_name(app.config.language), "width": SIZE[0], "height": SIZE[1], "alt": card.alt}


def movie_image(app: Sphinx) -> dict[str, str]:
    """The ``Movie``'s ``image`` (for ``presskit.site.sharing``), when there is an absolute URL."""
    image = share_image(app)
    return {"image": image["url"]} if image else {}


def head(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    if app.builder.format != "html":
        return
    icon = context["pathto"](icon_name(app.config.language), 1)
    tags = [f'<link rel="apple-touch-icon" href="{escape(icon)}" />']
    if image := share_image(app):
        tags += [
            f'<meta property="{p}" content="{escape(str(v))}" />'
            for p, v in (
                ("og:image", image["url"]),
                ("og:image:width", image["width"]),
                ("og:image:height", image["height"]),
                ("og:image:alt", image["alt"]),
            )
        ]
        tags.append('<meta name="twitter:card" content="summary_large_image" />')
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("presskit.site.languages")
    app.connect("builder-inited", write_cards)
    app.connect("html-page-context", head)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
