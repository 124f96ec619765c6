"""Sphinx configuration of The Red Soul press kit.

Read top to bottom: each banner section holds one concern.  Film facts are
not typed here: they come from the data file (``film/facts.toml``).
"""

import sys
from pathlib import Path

HERE = Path(__file__).parent.resolve()
sys.path.insert(0, str(HERE / "_ext"))

from presskit import facts as _facts  # noqa: E402

# -- Film facts ---------------------------------------------------------------

presskit_facts_file = "film/facts.toml"
presskit_facts = _facts.load(HERE / presskit_facts_file)

_film = presskit_facts["film"]
_director = ", ".join(presskit_facts["credits"]["director"])

# -- Project ------------------------------------------------------------------

project = _film["title"]
author = _director
copyright = f"{_film['year']}, {_film['production_company']}"
# A press kit has no software version or release: leave both empty so that no
# "Release" line or version number shows anywhere.
version = release = ""

# -- General ------------------------------------------------------------------

extensions = [
    "myst_parser",
    "presskit.facts",
    "presskit.factscatalog",
    "presskit.factsdirectives",
]
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = [
    "_build", ".venv", "venv", "README.md", "locale", "tests", "tools", "bench",
    "_ext", "_templates", ".ci", ".pytest_cache", "**/.ipynb_checkpoints",
]
nitpicky = True
smartquotes = True

# -- MyST ---------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "attrs_block"]
myst_heading_anchors = 0  # link to explicit (label)= targets, never to slugs

# -- HTML ---------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = _film["title"]  # translated per language by presskit.factscatalog
html_static_path = ["_static"]
html_css_files = ["presskit.css"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
}

# -- Internationalisation -----------------------------------------------------

#: The languages the press kit is published in, with their native names.
presskit_languages = {"en": "English", "ru": "Русский", "nl": "Nederlands"}

language = "en"
locale_dirs = ["locale/"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_last_translator = ""
