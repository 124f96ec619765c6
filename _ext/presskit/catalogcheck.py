"""The catalogue content checks of ``make check`` in every build.

A build of a language runs ``tools/pocheck.py``'s content checks on that
language's catalogues (no raw HTML, no ``{raw}``, ``{eval-rst}`` or
``{include}``, no role, directive or paragraph the English lacks, no HTML
markup characters added to a theme string) and warns with the catalogue's
file and line: the strict build fails, so whoever runs only ``make`` learns
of it too, before anything is published.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def check_catalogues(app: Sphinx) -> None:
    if app.builder.name == "gettext" or not app.config.language:
        return
    tools = str(Path(app.srcdir, "tools"))
    if tools not in sys.path:
        sys.path.insert(0, tools)
    import pocheck  # tools/pocheck.py

    md = pocheck.markdown_parser(app.config.myst_enable_extensions)
    for locale_dir in app.config.locale_dirs:
        base = Path(app.srcdir, locale_dir, app.config.language, "LC_MESSAGES")
        for po in sorted(base.rglob("*.po")):
            domain = po.relative_to(base).with_suffix("").as_posix()
            rel = po.relative_to(app.srcdir).as_posix()
            equivalents = app.config.presskit_markup_equivalents.get(app.config.language)
            for error in pocheck.check_content(po, rel, domain, md, equivalents):
                logger.warning(error, type="presskit", subtype="catalogue")


def setup(app: Sphinx) -> dict[str, Any]:
    # What a language writes its own way (conf.py): {"ru": {"em": "«„"}}.
    app.add_config_value("presskit_markup_equivalents", {}, "env", types=[dict])
    app.connect("builder-inited", check_catalogues)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
