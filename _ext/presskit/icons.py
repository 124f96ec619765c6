"""The theme's icons without Font Awesome's 1.5 MB script and its web fonts.

pydata-sphinx-theme loads ``_static/scripts/fontawesome.js`` on every page
(1.5 MB, ~540 kB gzipped) and its stylesheet carries all of Font Awesome's CSS
(~130 kB: a rule per icon) and three web fonts.  The site shows a dozen icons.
This module:

- leaves the script out: ``templates/icons/static/webpack-macros.html`` wraps
  the theme's asset macros and drops the script's line (the theme writes it
  from a template macro, not through ``script_files``);
- overrides ``_static/styles/pydata-sphinx-theme.css`` with the
  theme's stylesheet, read from the installed theme at build time, minus Font
  Awesome's rules, fonts and banners, plus a small set of CSS icons in their
  place: each ``fa-*`` class the pages use draws its Font Awesome Free solid
  glyph (paths below, CC BY 4.0) as a CSS mask in ``currentColor``, so the
  markup, class names, sizes and colours stay the theme's.  The theme's
  pseudo-element icons (``content: var(--pst-icon-…)``: admonitions, external
  links…) are drawn the same way;
- fails the build (a warning, and builds are strict) when a page uses an
  ``fa-`` class that has no icon here: add its path to :data:`ICONS`.

The stylesheet is generated when the build starts and written over the theme's
copy in ``<outdir>/_static/styles/`` when the HTML build finishes (as the theme
writes its own generated files), so nothing is staged beside or inside the
output folder and a plain ``sphinx-build -b html . OUT`` works.  Its URL's
``?digest=`` is a hash of its content (the theme's is of the theme's build),
so a cache that keeps it long never serves an old one.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates" / "icons"
THEME_CSS = "styles/pydata-sphinx-theme.css"

#: Font Awesome Free 7.2.0 solid icons (https://fontawesome.com, icons CC BY 4.0):
#: name -> (width, height, code point, SVG path), as the theme's fontawesome.js has them.
#: The first group is what the theme's and the kit's markup use; the second the
#: theme's CSS icons (admonitions, external and download links, search highlight).
ICONS: dict[str, tuple[int, int, str, str]] = {
    "angle-left": (
        256,
        512,
        "f104",
        "M9.4 233.4c-12.5 12.5-12.5 32.8 0 45.3l160 160c12.5 12.5 32.8 12.5 45.3 0s12.5-32.8 0-45.3L77.3 256 214.6 118.6c12.5-12.5 12.5-32.8 0-45.3s-32.8-12.5-45.3 0l-160 160z",
    ),
    "angle-right": (
        256,
        512,
        "f105",
        "M247.1 233.4c12.5 12.5 12.5 32.8 0 45.3l-160 160c-12.5 12.5-32.8 12.5-45.3 0s-12.5-32.8 0-45.3L179.2 256 41.9 118.6c-12.5-12.5-12.5-32.8 0-45.3s32.8-12.5 45.3 0l160 160z",
    ),
    "arrow-up": (
        384,
        512,
        "f062",
        "M214.6 9.4c-12.5-12.5-32.8-12.5-45.3 0l-160 160c-12.5 12.5-12.5 32.8 0 45.3s32.8 12.5 45.3 0L160 109.3 160 480c0 17.7 14.3 32 32 32s32-14.3 32-32l0-370.7 105.4 105.4c12.5 12.5 32.8 12.5 45.3 0s12.5-32.8 0-45.3l-160-160z",
    ),
    "bars": (
        448,
        512,
        "f0c9",
        "M0 96C0 78.3 14.3 64 32 64l384 0c17.7 0 32 14.3 32 32s-14.3 32-32 32L32 128C14.3 128 0 113.7 0 96zM0 256c0-17.7 14.3-32 32-32l384 0c17.7 0 32 14.3 32 32s-14.3 32-32 32L32 288c-17.7 0-32-14.3-32-32zM448 416c0 17.7-14.3 32-32 32L32 448c-17.7 0-32-14.3-32-32s14.3-32 32-32l384 0c17.7 0 32 14.3 32 32z",
    ),
    "chevron-down": (
        448,
        512,
        "f078",
        "M201.4 406.6c12.5 12.5 32.8 12.5 45.3 0l192-192c12.5-12.5 12.5-32.8 0-45.3s-32.8-12.5-45.3 0L224 338.7 54.6 169.4c-12.5-12.5-32.8-12.5-45.3 0s-12.5 32.8 0 45.3l192 192z",
    ),
    "circle-half-stroke": (
        512,
        512,
        "f042",
        "M448 256c0-106-86-192-192-192l0 384c106 0 192-86 192-192zM0 256a256 256 0 1 1 512 0 256 256 0 1 1 -512 0z",
    ),
    "file-pdf": (
        576,
        512,
        "f1c1",
        "M96 0C60.7 0 32 28.7 32 64l0 384c0 35.3 28.7 64 64 64l80 0 0-112c0-35.3 28.7-64 64-64l176 0 0-165.5c0-17-6.7-33.3-18.7-45.3L290.7 18.7C278.7 6.7 262.5 0 245.5 0L96 0zM357.5 176L264 176c-13.3 0-24-10.7-24-24L240 58.5 357.5 176zM240 380c-11 0-20 9-20 20l0 128c0 11 9 20 20 20s20-9 20-20l0-28 12 0c33.1 0 60-26.9 60-60s-26.9-60-60-60l-32 0zm32 80l-12 0 0-40 12 0c11 0 20 9 20 20s-9 20-20 20zm96-80c-11 0-20 9-20 20l0 128c0 11 9 20 20 20l32 0c28.7 0 52-23.3 52-52l0-64c0-28.7-23.3-52-52-52l-32 0zm20 128l0-88 12 0c6.6 0 12 5.4 12 12l0 64c0 6.6-5.4 12-12 12l-12 0zm88-108l0 128c0 11 9 20 20 20s20-9 20-20l0-44 28 0c11 0 20-9 20-20s-9-20-20-20l-28 0 0-24 28 0c11 0 20-9 20-20s-9-20-20-20l-48 0c-11 0-20 9-20 20z",
    ),
    "list": (
        512,
        512,
        "f03a",
        "M40 48C26.7 48 16 58.7 16 72l0 48c0 13.3 10.7 24 24 24l48 0c13.3 0 24-10.7 24-24l0-48c0-13.3-10.7-24-24-24L40 48zM192 64c-17.7 0-32 14.3-32 32s14.3 32 32 32l288 0c17.7 0 32-14.3 32-32s-14.3-32-32-32L192 64zm0 160c-17.7 0-32 14.3-32 32s14.3 32 32 32l288 0c17.7 0 32-14.3 32-32s-14.3-32-32-32l-288 0zm0 160c-17.7 0-32 14.3-32 32s14.3 32 32 32l288 0c17.7 0 32-14.3 32-32s-14.3-32-32-32l-288 0zM16 232l0 48c0 13.3 10.7 24 24 24l48 0c13.3 0 24-10.7 24-24l0-48c0-13.3-10.7-24-24-24l-48 0c-13.3 0-24 10.7-24 24zM40 368c-13.3 0-24 10.7-24 24l0 48c0 13.3 10.7 24 24 24l48 0c13.3 0 24-10.7 24-24l0-48c0-13.3-10.7-24-24-24l-48 0z",
    ),
    "magnifying-glass": (
        512,
        512,
        "f002",
        "M416 208c0 45.9-14.9 88.3-40 122.7L502.6 457.4c12.5 12.5 12.5 32.8 0 45.3s-32.8 12.5-45.3 0L330.7 376C296.3 401.1 253.9 416 208 416 93.1 416 0 322.9 0 208S93.1 0 208 0 416 93.1 416 208zM208 352a144 144 0 1 0 0-288 144 144 0 1 0 0 288z",
    ),
    "moon": (
        512,
        512,
        "f186",
        "M256 0C114.6 0 0 114.6 0 256S114.6 512 256 512c68.8 0 131.3-27.2 177.3-71.4 7.3-7 9.4-17.9 5.3-27.1s-13.7-14.9-23.8-14.1c-4.9 .4-9.8 .6-14.8 .6-101.6 0-184-82.4-184-184 0-72.1 41.5-134.6 102.1-164.8 9.1-4.5 14.3-14.3 13.1-24.4S322.6 8.5 312.7 6.3C294.4 2.2 275.4 0 256 0z",
    ),
    "outdent": (
        448,
        512,
        "f03b",
        "M.4 64c0-17.7 14.3-32 32-32l384 0c17.7 0 32 14.3 32 32s-14.3 32-32 32l-384 0C14.8 96 .4 81.7 .4 64zm192 128c0-17.7 14.3-32 32-32l192 0c17.7 0 32 14.3 32 32s-14.3 32-32 32l-192 0c-17.7 0-32-14.3-32-32zm32 96l192 0c17.7 0 32 14.3 32 32s-14.3 32-32 32l-192 0c-17.7 0-32-14.3-32-32s14.3-32 32-32zM.4 448c0-17.7 14.3-32 32-32l384 0c17.7 0 32 14.3 32 32s-14.3 32-32 32l-384 0c-17.7 0-32-14.3-32-32zM.7 268.6c-8.2-6.4-8.2-18.9 0-25.3l101.9-79.3c10.5-8.2 25.8-.7 25.8 12.6l0 158.6c0 13.3-15.3 20.8-25.8 12.6L.7 268.6z",
    ),
    "sun": (
        576,
        512,
        "f185",
        "M288-32c8.4 0 16.3 4.4 20.6 11.7L364.1 72.3 468.9 46c8.2-2 16.9 .4 22.8 6.3S500 67 498 75.1l-26.3 104.7 92.7 55.5c7.2 4.3 11.7 12.2 11.7 20.6s-4.4 16.3-11.7 20.6L471.7 332.1 498 436.8c2 8.2-.4 16.9-6.3 22.8S477 468 468.9 466l-104.7-26.3-55.5 92.7c-4.3 7.2-12.2 11.7-20.6 11.7s-16.3-4.4-20.6-11.7L211.9 439.7 107.2 466c-8.2 2-16.8-.4-22.8-6.3S76 445 78 436.8l26.2-104.7-92.6-55.5C4.4 272.2 0 264.4 0 256s4.4-16.3 11.7-20.6L104.3 179.9 78 75.1c-2-8.2 .3-16.8 6.3-22.8S99 44 107.2 46l104.7 26.2 55.5-92.6 1.8-2.6c4.5-5.7 11.4-9.1 18.8-9.1zm0 144a144 144 0 1 0 0 288 144 144 0 1 0 0-288zm0 240a96 96 0 1 1 0-192 96 96 0 1 1 0 192z",
    ),
    "xmark": (
        384,
        512,
        "f00d",
        "M55.1 73.4c-12.5-12.5-32.8-12.5-45.3 0s-12.5 32.8 0 45.3L147.2 256 9.9 393.4c-12.5 12.5-12.5 32.8 0 45.3s32.8 12.5 45.3 0L192.5 301.3 329.9 438.6c12.5 12.5 32.8 12.5 45.3 0s12.5-32.8 0-45.3L237.8 256 375.1 118.6c12.5-12.5 12.5-32.8 0-45.3s-32.8-12.5-45.3 0L192.5 210.7 55.1 73.4z",
    ),
    "bell": (
        448,
        512,
        "f0f3",
        "M224 0c-17.7 0-32 14.3-32 32l0 3.2C119 50 64 114.6 64 192l0 21.7c0 48.1-16.4 94.8-46.4 132.4L7.8 358.3C2.7 364.6 0 372.4 0 380.5 0 400.1 15.9 416 35.5 416l376.9 0c19.6 0 35.5-15.9 35.5-35.5 0-8.1-2.7-15.9-7.8-22.2l-9.8-12.2C400.4 308.5 384 261.8 384 213.7l0-21.7c0-77.4-55-142-128-156.8l0-3.2c0-17.7-14.3-32-32-32zM162 464c7.1 27.6 32.2 48 62 48s54.9-20.4 62-48l-124 0z",
    ),
    "circle-check": (
        512,
        512,
        "f058",
        "M256 512a256 256 0 1 1 0-512 256 256 0 1 1 0 512zM374 145.7c-10.7-7.8-25.7-5.4-33.5 5.3L221.1 315.2 169 263.1c-9.4-9.4-24.6-9.4-33.9 0s-9.4 24.6 0 33.9l72 72c5 5 11.8 7.5 18.8 7s13.4-4.1 17.5-9.8L379.3 179.2c7.8-10.7 5.4-25.7-5.3-33.5z",
    ),
    "circle-exclamation": (
        512,
        512,
        "f06a",
        "M256 512a256 256 0 1 1 0-512 256 256 0 1 1 0 512zm0-192a32 32 0 1 0 0 64 32 32 0 1 0 0-64zm0-192c-18.2 0-32.7 15.5-31.4 33.7l7.4 104c.9 12.6 11.4 22.3 23.9 22.3 12.6 0 23-9.7 23.9-22.3l7.4-104c1.3-18.2-13.1-33.7-31.4-33.7z",
    ),
    "circle-info": (
        512,
        512,
        "f05a",
        "M256 512a256 256 0 1 0 0-512 256 256 0 1 0 0 512zM224 160a32 32 0 1 1 64 0 32 32 0 1 1 -64 0zm-8 64l48 0c13.3 0 24 10.7 24 24l0 88 8 0c13.3 0 24 10.7 24 24s-10.7 24-24 24l-80 0c-13.3 0-24-10.7-24-24s10.7-24 24-24l24 0 0-64-24 0c-13.3 0-24-10.7-24-24s10.7-24 24-24z",
    ),
    "circle-xmark": (
        512,
        512,
        "f057",
        "M256 512a256 256 0 1 0 0-512 256 256 0 1 0 0 512zM167 167c9.4-9.4 24.6-9.4 33.9 0l55 55 55-55c9.4-9.4 24.6-9.4 33.9 0s9.4 24.6 0 33.9l-55 55 55 55c9.4 9.4 9.4 24.6 0 33.9s-24.6 9.4-33.9 0l-55-55-55 55c-9.4 9.4-24.6 9.4-33.9 0s-9.4-24.6 0-33.9l55-55-55-55c-9.4-9.4-9.4-24.6 0-33.9z",
    ),
    "download": (
        448,
        512,
        "f019",
        "M256 32c0-17.7-14.3-32-32-32s-32 14.3-32 32l0 210.7-41.4-41.4c-12.5-12.5-32.8-12.5-45.3 0s-12.5 32.8 0 45.3l96 96c12.5 12.5 32.8 12.5 45.3 0l96-96c12.5-12.5 12.5-32.8 0-45.3s-32.8-12.5-45.3 0L256 242.7 256 32zM64 320c-35.3 0-64 28.7-64 64l0 32c0 35.3 28.7 64 64 64l320 0c35.3 0 64-28.7 64-64l0-32c0-35.3-28.7-64-64-64l-46.9 0-56.6 56.6c-31.2 31.2-81.9 31.2-113.1 0L110.9 320 64 320zm304 56a24 24 0 1 1 0 48 24 24 0 1 1 0-48z",
    ),
    "lightbulb": (
        384,
        512,
        "f0eb",
        "M292.9 384c7.3-22.3 21.9-42.5 38.4-59.9 32.7-34.4 52.7-80.9 52.7-132.1 0-106-86-192-192-192S0 86 0 192c0 51.2 20 97.7 52.7 132.1 16.5 17.4 31.2 37.6 38.4 59.9l201.7 0zM288 432l-192 0 0 16c0 44.2 35.8 80 80 80l32 0c44.2 0 80-35.8 80-80l0-16zM184 112c-39.8 0-72 32.2-72 72 0 13.3-10.7 24-24 24s-24-10.7-24-24c0-66.3 53.7-120 120-120 13.3 0 24 10.7 24 24s-10.7 24-24 24z",
    ),
    "magnifying-glass-minus": (
        512,
        512,
        "f010",
        "M416 208c0 45.9-14.9 88.3-40 122.7L502.6 457.4c12.5 12.5 12.5 32.8 0 45.3s-32.8 12.5-45.3 0L330.7 376C296.3 401.1 253.9 416 208 416 93.1 416 0 322.9 0 208S93.1 0 208 0 416 93.1 416 208zM136 184c-13.3 0-24 10.7-24 24s10.7 24 24 24l144 0c13.3 0 24-10.7 24-24s-10.7-24-24-24l-144 0z",
    ),
    "pencil": (
        512,
        512,
        "f303",
        "M36.4 353.2c4.1-14.6 11.8-27.9 22.6-38.7l181.2-181.2 33.9-33.9c16.6 16.6 51.3 51.3 104 104l33.9 33.9-33.9 33.9-181.2 181.2c-10.7 10.7-24.1 18.5-38.7 22.6L30.4 510.6c-8.3 2.3-17.3 0-23.4-6.2S-1.4 489.3 .9 481L36.4 353.2zm55.6-3.7c-4.4 4.7-7.6 10.4-9.3 16.6l-24.1 86.9 86.9-24.1c6.4-1.8 12.2-5.1 17-9.7L91.9 349.5zm354-146.1c-16.6-16.6-51.3-51.3-104-104L308 65.5C334.5 39 349.4 24.1 352.9 20.6 366.4 7 384.8-.6 404-.6S441.6 7 455.1 20.6l35.7 35.7C504.4 69.9 512 88.3 512 107.4s-7.6 37.6-21.2 51.1c-3.5 3.5-18.4 18.4-44.9 44.9z",
    ),
    "share": (
        512,
        512,
        "f064",
        "M307.8 18.4c-12 5-19.8 16.6-19.8 29.6l0 80-112 0c-97.2 0-176 78.8-176 176 0 113.3 81.5 163.9 100.2 174.1 2.5 1.4 5.3 1.9 8.1 1.9 10.9 0 19.7-8.9 19.7-19.7 0-7.5-4.3-14.4-9.8-19.5-9.4-8.8-22.2-26.4-22.2-56.7 0-53 43-96 96-96l96 0 0 80c0 12.9 7.8 24.6 19.8 29.6s25.7 2.2 34.9-6.9l160-160c12.5-12.5 12.5-32.8 0-45.3l-160-160c-9.2-9.2-22.9-11.9-34.9-6.9z",
    ),
    "triangle-exclamation": (
        512,
        512,
        "f071",
        "M256 0c14.7 0 28.2 8.1 35.2 21l216 400c6.7 12.4 6.4 27.4-.8 39.5S486.1 480 472 480L40 480c-14.1 0-27.2-7.4-34.4-19.5s-7.5-27.1-.8-39.5l216-400c7-12.9 20.5-21 35.2-21zm0 352a32 32 0 1 0 0 64 32 32 0 1 0 0-64zm0-192c-18.2 0-32.7 15.5-31.4 33.7l7.4 104c.9 12.5 11.4 22.3 23.9 22.3 12.6 0 23-9.7 23.9-22.3l7.4-104c1.3-18.2-13.1-33.7-31.4-33.7z",
    ),
    "up-right-from-square": (
        512,
        512,
        "f35d",
        "M290.4 19.8C295.4 7.8 307.1 0 320 0L480 0c17.7 0 32 14.3 32 32l0 160c0 12.9-7.8 24.6-19.8 29.6s-25.7 2.2-34.9-6.9L400 157.3 246.6 310.6c-12.5 12.5-32.8 12.5-45.3 0s-12.5-32.8 0-45.3L354.7 112 297.4 54.6c-9.2-9.2-11.9-22.9-6.9-34.9zM0 176c0-44.2 35.8-80 80-80l80 0c17.7 0 32 14.3 32 32s-14.3 32-32 32l-80 0c-8.8 0-16 7.2-16 16l0 256c0 8.8 7.2 16 16 16l256 0c8.8 0 16-7.2 16-16l0-80c0-17.7 14.3-32 32-32s32 14.3 32 32l0 80c0 44.2-35.8 80-80 80L80 512c-44.2 0-80-35.8-80-80L0 176z",
    ),
}
#: ``fa-`` classes that are styles or modifiers, not icons.
MODIFIERS = {
    "fa",
    "fas",
    "far",
    "fa-solid",
    "fa-regular",
    "fa-classic",
    "fa-fw",
    "fa-width-auto",
    "fa-width-fixed",
    "fa-2xs",
    "fa-xs",
    "fa-sm",
    "fa-lg",
    "fa-xl",
    "fa-2xl",
    "fa-1x",
    "fa-2x",
    "fa-3x",
}

BANNER = """/* presskit.icons: Font Awesome's CSS, fonts and script replaced by CSS icons.
 * Icons: Font Awesome Free 7.2.0 by @fontawesome - https://fontawesome.com
 * License - https://fontawesome.com/license/free (Icons: CC BY 4.0) */
"""

# Host element: the box Font Awesome gives an icon (1.25em wide, 1em high,
# centred); the glyph is its ::before, a mask over currentColor.
BASE_CSS = """\
.fa,.fas,.far,.fa-solid,.fa-regular,.fa-classic{--presskit-icon:linear-gradient(transparent,transparent);\
display:var(--fa-display,inline-block);font-style:normal;font-variant:normal;line-height:1;text-align:center;\
width:var(--fa-width,1.25em)}
:is(.fa,.fas,.far,.fa-solid,.fa-regular,.fa-classic):before{content:"";display:inline-block;\
width:var(--fa-width,1.25em);height:1em;vertical-align:-.125em;background-color:currentColor;\
-webkit-mask:var(--presskit-icon) center/contain no-repeat;mask:var(--presskit-icon) center/contain no-repeat}
.fa-2xs{font-size:.625em;line-height:.1em;vertical-align:.225em}.fa-xs{font-size:.75em;line-height:.08333em;\
vertical-align:.125em}.fa-sm{font-size:.875em;line-height:.07143em;vertical-align:.05357em}.fa-lg{font-size:1.25em;\
line-height:.05em;vertical-align:-.075em}.fa-xl{font-size:1.5em;line-height:.04167em;vertical-align:-.125em}\
.fa-2xl{font-size:2em;line-height:.03125em;vertical-align:-.1875em}.fa-1x{font-size:1em}.fa-2x{font-size:2em}\
.fa-3x{font-size:3em}.fa-width-auto{--fa-width:auto}.fa-fw,.fa-width-fixed{--fa-width:1.25em}
.bd-header-article .btn :is(.fa,.fas,.far,.fa-solid,.fa-regular){--fa-width:1.3rem}
.prev-next-area i:is(.fa,.fas,.far,.fa-solid,.fa-regular){font-size:inherit;--fa-width:.625em}
"""
# The last two rules keep the sizes the stock theme shows: there Font Awesome's
# script puts an <svg> in place of each <i>, so the book theme's rules for
# ".btn svg" apply to the icons and those for "i" do not.

# Replaces ``font: var(--fa-font-solid)`` in the theme's pseudo-element icons.
PSEUDO_BOX = (
    "display:inline-block;width:1em;height:1em;vertical-align:-.125em;background-color:currentColor;"
    "-webkit-mask-position:center;mask-position:center;-webkit-mask-size:contain;mask-size:contain;"
    "-webkit-mask-repeat:no-repeat;mask-repeat:no-repeat"
)


def svg_url(name: str) -> str:
    width, height, _, path = ICONS[name]
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
    return 'url("data:image/svg+xml,' + svg.replace("<", "%3C").replace(">", "%3E").replace("#", "%23") + '")'


# -- The theme's stylesheet, without Font Awesome -----------------------------------


def _statements(css: str) -> Iterator[tuple[str, str | None]]:
    """Top-level statements of ``css``: (prelude, block body) for rules and
    at-rules with a block, (text, None) for comments and ``@x …;``."""
    i, n = 0, len(css)
    while i < n:
        if css[i].isspace():
            i += 1
            continue
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            end = n if end < 0 else end + 2
            yield css[i:end], None
            i = end
            continue
        start, depth, quote, body_start = i, 0, "", -1
        while i < n:
            c = css[i]
            if quote:
                if c == "\\":
                    i += 1
                elif c == quote:
                    quote = ""
            elif c in "\"'":
                quote = c
            elif css.startswith("/*", i):
                i = css.find("*/", i + 2) + 1 or n
            elif c == "{":
                depth += 1
                if depth == 1:
                    body_start = i
            elif c == "}":
                depth -= 1
                if depth == 0:
                    yield css[start:body_start].strip(), css[body_start + 1 : i]
                    i += 1
                    break
            elif c == ";" and depth == 0:
                yield css[start : i + 1].strip(), None
                i += 1
                break
            i += 1
        else:
            yield css[start:].strip(), None


_FA_SELECTOR = re.compile(r"^(?::is\()?\.(?:fa|fas|far|fab)(?:-[\w-]+)?(?![\w-])")


def _declarations(body: str) -> list[str]:
    return [d.strip() for d in re.split(r";(?![^(]*\))", body) if d.strip()]


def _is_font_awesome(prelude: str, body: str) -> bool:
    if prelude.startswith("@font-face"):
        return "Font Awesome" in body
    if prelude.startswith(("@keyframes", "@-webkit-keyframes")):
        return prelude.split()[-1].startswith("fa-")
    if prelude.startswith("@"):
        return False
    selectors = [s.strip() for s in prelude.split(",")]
    if all(_FA_SELECTOR.match(s) for s in selectors):
        return True
    if set(selectors) <= {":root", ":host"}:
        return all(d.startswith("--fa-") for d in _declarations(body))
    return False


def _rewrite_declarations(body: str) -> str:
    """The theme's glyph icons (``content: var(--pst-icon-x)`` in the icon
    font) → the same icon as a mask."""
    if "--pst-icon-" not in body and "--fa-font-" not in body:
        return body
    out = []
    for decl in _declarations(body):
        prop, _, value = decl.partition(":")
        match = re.fullmatch(r"var\(--pst-icon-([\w-]+)\)", value.strip())
        if prop.strip() == "content" and match:
            var = f"var(--presskit-pst-icon-{match.group(1)})"
            out += ['content:""', f"-webkit-mask-image:{var}", f"mask-image:{var}"]
        elif prop.strip() == "font" and value.strip().startswith("var(--fa-font-"):
            out.append(PSEUDO_BOX)
        else:
            out.append(decl)
    return ";".join(out)


def _filter(css: str, removed: list[str]) -> list[str]:
    """``css`` without Font Awesome; a ``None`` marks where its first rule was."""
    kept: list[Any] = []
    for prelude, body in _statements(css):
        if body is None:
            if prelude.startswith("/*") and ("Font Awesome" in prelude or "sourceMappingURL" in prelude):
                continue
            kept.append(prelude)
        elif _is_font_awesome(prelude, body):
            removed.append(prelude)
            if None not in kept:
                kept.append(None)
        elif prelude.startswith("@") and "{" in body:
            inner = _filter(body, removed)
            if any(s is not None and not s.startswith("/*") for s in inner):
                kept.append(prelude + "{" + "".join(s for s in inner if s is not None) + "}")
        else:
            kept.append(prelude + "{" + _rewrite_declarations(body) + "}")
    return kept


def icons_css(theme_css: str) -> str:
    """The icon rules: one class per icon, and the theme's ``--pst-icon-*``
    variables as masks (aliases followed, unknown code points left out)."""
    by_code = {code: name for name, (_, _, code, _) in ICONS.items()}
    variables = []
    for var, value in dict(re.findall(r'--pst-icon-([\w-]+):(var\(--pst-icon-[\w-]+\)|"[^"]*")', theme_css)).items():
        if value.startswith("var("):
            variables.append(f"--presskit-pst-icon-{var}:{value.replace('--pst-icon-', '--presskit-pst-icon-')}")
        elif len(value) == 3 and (name := by_code.get(f"{ord(value[1]):x}")):
            variables.append(f"--presskit-pst-icon-{var}:{svg_url(name)}")
    rules = "".join(f".fa-{name}{{--presskit-icon:{svg_url(name)}}}\n" for name in ICONS)
    return BANNER + BASE_CSS + rules + ":root{" + ";".join(variables) + "}\n"


def theme_stylesheet(theme_css: str) -> tuple[str, int]:
    """The theme's stylesheet with Font Awesome replaced by the CSS icons, and
    how many of Font Awesome's rules were removed."""
    removed: list[str] = []
    kept = _filter(theme_css, removed)
    icons = icons_css(theme_css)
    if None not in kept:
        kept.append(None)
    return "\n".join(icons if s is None else s for s in kept) + "\n", len(removed)


# -- Sphinx ---------------------------------------------------------------------------


def _theme_css_path() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / THEME_CSS


def write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    # Atomically: the HTML and LaTeX builds of a language may start together.
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def theme_digest() -> str:
    """The ``?digest=`` the theme's templates give its stylesheet."""
    macros = (_theme_css_path().parents[1] / "webpack-macros.html").read_text(encoding="utf-8")
    found = re.search(r"pydata-sphinx-theme\.css', 1\) \}\}\?digest=(\w+)", macros)
    return found[1] if found else ""


def setup_assets(app: Sphinx, config: Config) -> None:
    """Generate the stylesheet and its URL, and register the template override."""
    source = _theme_css_path()
    text, removed = theme_stylesheet(source.read_text(encoding="utf-8"))
    if not removed:
        logger.warning("presskit.icons: no Font Awesome rule found in %s: has the theme changed?", source)
    app.presskit_theme_css = text
    # For templates/icons/static/webpack-macros.html: the theme's digest → one of the content.
    digest = hashlib.sha256(text.encode()).hexdigest()[:20]
    app.presskit_theme_css_url = (
        f"pydata-sphinx-theme.css?digest={theme_digest()}",
        f"pydata-sphinx-theme.css?digest={digest}",
    )
    if str(TEMPLATES) not in map(str, config.templates_path):
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    context["presskit_theme_css_url"] = app.presskit_theme_css_url


def write_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    """Put the generated stylesheet in place of the theme's copy."""
    if not exception and app.builder.format == "html":
        write_if_changed(Path(app.outdir) / "_static" / THEME_CSS, app.presskit_theme_css)


_FA_CLASS = re.compile(r'class="([^"]*\bfa-[^"]*)"')


def check_icons(app: Sphinx, exception: Exception | None) -> None:
    """Every ``fa-`` class in the written pages has an icon here, and no page
    loads Font Awesome's script."""
    if exception or app.builder.format != "html":
        return
    known = MODIFIERS | {f"fa-{name}" for name in ICONS}
    unknown: dict[str, str] = {}
    # The site's pages (not a stale file left in the output folder by an
    # older configuration, nor the theme's template files under _static/).
    pages = [Path(app.builder.get_outfilename(name)) for name in sorted(app.env.found_docs) + ["search"]]
    for page in pages:
        if not page.exists():
            continue
        html = page.read_text(encoding="utf-8", errors="replace")
        if "fontawesome.js" in html:
            logger.warning("presskit.icons: %s still loads fontawesome.js", page.relative_to(app.outdir))
        for classes in _FA_CLASS.findall(html):
            for cls in classes.split():
                if (cls.startswith("fa-") or cls in ("fab", "fa-brands")) and cls not in known:
                    unknown.setdefault(cls, str(page.relative_to(app.outdir)))
    for cls, page in sorted(unknown.items()):
        logger.warning(
            "presskit.icons: %s (%s) has no icon: add its path to ICONS in %s", cls, page, Path(__file__).name
        )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", setup_assets, priority=700)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", write_stylesheet)
    app.connect("build-finished", check_icons)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
