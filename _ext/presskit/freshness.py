"""Rebuild every page when the local extension's code changes.

Sphinx decides what to rebuild from the sources, the configuration and the
templates, not from extension code: after an edit to ``_ext/presskit/`` it
would leave pages written by the old code in place.  The digest of that code
is a configuration value that rebuilds the environment when it changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).resolve().parent


def code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(HERE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".html", ".css", ".js"}:
            digest.update(path.relative_to(HERE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def note_digest(app: Sphinx, config: Config) -> None:
    config.presskit_code_digest = code_digest()


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("presskit_code_digest", "", "env", types=[str])
    app.connect("config-inited", note_digest)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
