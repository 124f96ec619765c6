"""The themes, lighter and in the page's language: ``icons`` (icons without
Font Awesome's script and fonts), ``scripts`` (scripts deferred, search scripts
on the search page), ``strings`` (interface text and script messages)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

MODULES = ("strings", "icons", "scripts")


def setup(app: Sphinx) -> dict[str, Any]:
    for name in MODULES:
        app.setup_extension(f"{__name__}.{name}")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
