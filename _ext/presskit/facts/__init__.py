"""The film's facts: ``schema``, ``view``, ``directives`` and their ``catalog``."""

from .schema import Facts, FactsError, load

__all__ = ["Facts", "FactsError", "load"]


def setup(app):
    # conf.py loads the file (it needs the title and director itself) and hands
    # the result over; Sphinx compares (and pickles) the frozen dataclasses
    # field by field, so a change in the facts rebuilds every page.
    app.add_config_value("presskit_facts_file", "film/facts.toml", "env", types=[str])
    app.add_config_value("presskit_facts", None, "env", types=[Facts])
    app.setup_extension("presskit.facts.catalog")
    app.setup_extension("presskit.facts.directives")
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
