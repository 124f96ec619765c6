"""The ``facts`` gettext domain: labels, names and titles the facts blocks show.

- Extraction: the gettext builder also writes ``facts.pot``, made by calling
  every view of ``presskit.facts.view`` with a voice that records each message, so the
  catalogue holds exactly what the pages ask for.
- Loading: before reading, ``locale/<lang>/LC_MESSAGES/facts.po`` is compiled
  (when newer than its ``.mo``) and registered as a message catalogue.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.i18n import CatalogInfo

from ..site import stills
from . import view
from .schema import Facts

DOMAIN = "facts"


def _every_branch(facts: Facts) -> Facts:
    """The facts with every optional link set, so that the labels shown only
    once a value is filled in are in the catalogue already."""
    links = {f.name: "https://example.invalid/" for f in dataclasses.fields(facts.watch_online)}
    return dataclasses.replace(facts, watch_online=dataclasses.replace(facts.watch_online, **links))


def messages(facts: Facts) -> dict[str, list[str]]:
    """Every message the facts blocks ask for, with the views that ask."""
    found: dict[str, list[str]] = {}
    for shown in view.ALL_VIEWS:

        def record(message: str, view_name: str = shown.__name__) -> str:
            found.setdefault(message, [])
            if view_name not in found[message]:
                found[message].append(view_name)
            return message

        shown(_every_branch(facts), view.Voice(record, "en"))
    return found


def write_pot(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.name != "gettext":
        return
    catalog = Catalog(
        project=app.config.project,
        version=app.config.version,
        copyright_holder=app.config.copyright,
        msgid_bugs_address="",
        charset="utf-8",
    )
    for message, views in messages(app.config.presskit_facts).items():
        catalog.add(
            message,
            auto_comments=[f"{app.config.presskit_facts_file} (shown by: {', '.join(views)})"],
        )
    # Captions and alt texts of the stills (presskit.site.stills), when there are any.
    for message, where in stills.messages(app.config.presskit_images).items():
        catalog.add(message, auto_comments=[where])
    with (Path(app.outdir) / f"{DOMAIN}.pot").open("wb") as f:
        write_po(f, catalog, width=79, omit_header=False, sort_output=False)


def load_catalog(app: Sphinx, config: Config) -> None:
    if not config.language or not config.locale_dirs:
        return
    for locale_dir in config.locale_dirs:
        base = Path(app.srcdir, locale_dir, config.language, "LC_MESSAGES")
        info = CatalogInfo(str(base), DOMAIN, config.source_encoding)
        if Path(info.po_path).exists() and info.is_outdated():
            info.write_mo(config.language, config.gettext_allow_fuzzy_translations)
        app.add_message_catalog(DOMAIN, str(Path(app.srcdir, locale_dir)))
    # The site's title in the page's language («Красная душа», De rode ziel).
    config.html_title = view.title(config.presskit_facts, view.voice(config.language))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", load_catalog)
    app.connect("build-finished", write_pot)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
