"""The website around the pages: ``languages`` (switcher, hreflang, canonical;
languages offered), ``sharing`` (Open Graph, descriptions, JSON-LD),
``downloads`` (the PDF button and downloads page), ``card`` (the title card),
``stills`` (pictures, when there are any), ``csp`` (the Content-Security-Policy)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

MODULES = ("downloads", "languages", "sharing", "card", "stills", "csp")


def setup(app: Sphinx) -> dict[str, Any]:
    for name in MODULES:
        app.setup_extension(f"{__name__}.{name}")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
