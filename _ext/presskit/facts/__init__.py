"""The film's facts: the data file (``schema``), what each block says in one
language (``view``), the blocks in the pages (``directives``) and their
``facts`` gettext domain (``catalog``)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .schema import Facts, FactsError, load

__all__ = ["Facts", "FactsError", "load"]


def setup(app: Sphinx) -> dict[str, Any]:
    # conf.py loads the file (it needs the title and director itself) and hands
    # the result over; a change in it rebuilds every page (Sphinx compares the
    # old and new value: frozen dataclasses, compared and pickled field by field).
    app.add_config_value("presskit_facts_file", "film/facts.toml", "env", types=[str])
    app.add_config_value("presskit_facts", None, "env", types=[Facts])
    app.setup_extension("presskit.facts.catalog")
    app.setup_extension("presskit.facts.directives")
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
