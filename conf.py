"""Sphinx configuration of The Red Soul press kit.

Read top to bottom: each banner section holds one concern.  Film facts are
not typed here: they come from the data file (``film/facts.toml``).
"""

import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent.resolve()
sys.path.insert(0, str(HERE / "_ext"))

from presskit import facts as _facts  # noqa: E402
from presskit.site import languages as _languages  # noqa: E402
from presskit.site import stills as _stills  # noqa: E402

# -- Film facts ---------------------------------------------------------------

presskit_facts_file = "film/facts.toml"
presskit_facts = _facts.load(HERE / presskit_facts_file)

_film = presskit_facts.film
_director = ", ".join(presskit_facts.credits.director)

# -- Stills and images --------------------------------------------------------
# images/ and images/images.toml (README, "Stills and images"): checked here, so
# that a missing caption, credit or alt text or a bad image stops the build
# naming the file.  Empty: no stills page, no zip (presskit.site.stills).

presskit_images = _stills.load(HERE)
#: Set by tools/catalogs.py when it extracts the messages (Sphinx gives conf.py
#: its tags; tools that only read the settings run it without them).
_every_page = "tags" in globals() and tags.has("presskit_every_page")  # noqa: F821

# -- Project ------------------------------------------------------------------

project = _film.title
author = _director
copyright = f"{_film.year}, {_film.production_company}"

# -- General ------------------------------------------------------------------

extensions = [
    "myst_parser",
    "presskit.facts",  # the facts blocks and their catalogue
    "presskit.catalogcheck",  # the catalogues' content checks of `make check`, in every build
    "presskit.pdf",  # cover, running head, metadata
    "presskit.site",  # languages, sharing, downloads, title card, stills, CSP
    "presskit.theme",  # icons, scripts, interface strings
]
source_suffix = {".md": "markdown"}
exclude_patterns = [
    "_build",
    ".venv",
    "venv",
    "README.md",
    "TRANSLATING.md",
    "locale",
    "tests",
    "tools",
    "bench",
    "_ext",
    "_templates",
    "_latex",
    ".ci",
    ".pytest_cache",
    "**/.ipynb_checkpoints",
    "images",
    # The stills page exists only when images/ has images (its catalogue always:
    # tools/catalogs.py extracts every page).
    *([] if presskit_images or _every_page else [_stills.PAGE + ".md"]),
]
nitpicky = True

# -- MyST ---------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "attrs_block"]
# No raw HTML in pages or translations: "<script>" in a catalogue is text.
myst_disable_syntax = ["html_inline", "html_block"]
myst_heading_anchors = 0  # link to explicit (label)= targets, never to slugs

# -- HTML ---------------------------------------------------------------------

html_theme = "sphinx_book_theme"
html_title = _film.title  # translated per language by presskit.facts.catalog
html_static_path = ["_static"]
# Theme components whose interface strings the themes leave untranslated.
templates_path = ["_templates"]
html_use_index = False  # a press kit has no index
html_css_files = ["presskit.css"]
# A small icon of our own: browsers otherwise ask every host for /favicon.ico.
html_favicon = "_static/favicon.svg"
# An explicit colour mode ("auto": the reader's system setting, as before):
# without it the theme's script logs an error on every first visit.
html_context = {"default_mode": "auto"}
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    # One search field on wide screens, the sidebar's (as the book theme means
    # it): pydata-sphinx-theme 0.20 would add a second one in a header bar.
    "navbar_persistent": [],
    "home_page_in_toc": True,
    # The kit is not "by" the director: the footer names the rights holder only.
    "footer_content_items": ["copyright"],
    # The language switcher (presskit.site.languages) before the theme's buttons.
    "article_header_end": ["components/language-switcher.html", "article-header-buttons.html"],
}
#: The site's public address (the folder that holds en/, ru/, nl/), from the
#: environment: PRESSKIT_BASE_URL=https://host/path/ make.  Empty (the default):
#: hreflang and canonical links, og:url and sitemap.xml are left out, since
#: all need an absolute URL.  See README, "Publishing".
#: On Read the Docs, where each language is a project of its own, it is RTD's
#: canonical URL with the language made a slot ({lang}), and each language's
#: PDF is RTD's download of that project (presskit_pdf_url).
_rtd_url = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
_rtd_lang = os.environ.get("READTHEDOCS_LANGUAGE", "")
presskit_base_url = os.environ.get("PRESSKIT_BASE_URL", "").strip() or (
    _rtd_url.replace(f"/{_rtd_lang}/", "/{lang}/", 1) if _rtd_url and _rtd_lang else ""
)
#: Where a language's PDF is downloaded ({lang} filled in); empty: beside its pages.
presskit_pdf_url = (
    f"{_rtd_url.split('/' + _rtd_lang + '/')[0]}/_/downloads/{{lang}}/"
    f"{os.environ.get('READTHEDOCS_VERSION', 'latest')}/pdf/"
    if _rtd_url and _rtd_lang
    else ""
)

# -- LaTeX --------------------------------------------------------------------
# One designed PDF per language: XeLaTeX through latexmk (tools/build.py runs
# both and publishes _build/site/<lang>/<presskit_pdf_name>).  The design is
# _latex/presskit.sty; presskit.pdf adds what depends on the language (the
# cover, running head and PDF metadata, from the facts and the catalogues).
# No table of contents: ten pages with PDF bookmarks need none.

#: The PDF's file name in the site, ``{language}`` filled in per language.
presskit_pdf_name = re.sub(r"[^a-z0-9]+", "-", _film.title.lower()).strip("-") + "-{language}.pdf"
#: The zip of the stills' originals (captions embedded), beside the PDF.
presskit_images_zip = presskit_pdf_name.replace("-{language}.pdf", "-images-{language}.zip")
#: Sections and pages of the site the PDF leaves out (web navigation), by label.
presskit_pdf_skip = ["guide", "downloads"]

latex_engine = "xelatex"
latex_theme = "howto"
latex_toplevel_sectioning = "section"
# The title is the home page's heading, in the page's language.
latex_documents = [("index", "presskit.tex", "", _director, "howto")]
latex_additional_files = ["_latex/presskit.sty"]
latex_domain_indices = False
latex_use_xindy = False
latex_table_style = ["booktabs", "borderless"]
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "classoptions": ",oneside",
    "fontpkg": r"""
\setmainfont{PT Serif}
\setsansfont{PT Sans}
\setmonofont{PT Mono}
\newfontfamily\cyrillicfont{PT Serif}
\newfontfamily\cyrillicfontsf{PT Sans}
\newfontfamily\cyrillicfonttt{PT Mono}
""",
    "fncychap": "",
    "geometry": r"\usepackage[a4paper,top=30mm,bottom=28mm,left=28mm,right=28mm,headsep=9mm,footskip=14mm]{geometry}",
    "cmappkg": "",
    "preamble": r"\usepackage{presskit}",
    # Bookmarks written in the first pass (bookmark), no page labels (the pages
    # are numbered 1..n anyway): a document without cross-references then
    # needs one XeLaTeX pass, and tools/build.py runs no more.
    "hyperref": r"""\usepackage[pdfpagelabels=false]{hyperref}
\usepackage{hypcap}
\usepackage{bookmark}""",
    # The cover is the first page of the body (presskit.pdf builds it from
    # the home page); no Sphinx title page, date, release line or index.
    "maketitle": "",
    "tableofcontents": "",
    "releasename": "",
    "makeindex": "",
    "printindex": "",
}

# -- Internationalisation -----------------------------------------------------

#: The languages the press kit is published in, with their native names.
presskit_published = {"en": "English", "ru": "Русский", "nl": "Nederlands"}
#: Languages being translated (`make add-language lang=de` adds one): built and
#: previewable (`make preview lang=de`), offered to readers only once their
#: catalogues are complete (or when moved up to presskit_published).
presskit_in_progress = {}
#: The languages offered to readers: switcher, entry page, hreflang, sitemap, nginx.
presskit_languages = _languages.offered(HERE / "locale", presskit_published, presskit_in_progress)
#: Where an edition's language is written when not where CLDR finds it most
#: likely (Open Graph's og:locale): the English kit is British.
presskit_territories = {"en": "GB"}

#: What a language writes its own way, for the catalogue check (tools/pocheck.py):
#: Russian sets titles in «ёлочки» („лапки“ inside a quotation), not in italics.
presskit_markup_equivalents = {"ru": {"em": "«„"}}
#: The dash each language sets, spaced, between a title and its site or a quote
#: and its author: Russian the em dash, Dutch (and British English) the en dash.
presskit_dash = {"en": "–", "ru": "—", "nl": "–"}
#: Each language's quotation marks, outer then inner (the press quotes).
presskit_quotation_marks = {"en": "“”‘’", "ru": "«»„“", "nl": "‘’“”"}
#: Languages that set a quoted sentence's full stop after the closing mark: «…настоящим».
presskit_stop_after_quote = ["ru"]

language = "en"
locale_dirs = ["locale/"]
gettext_compact = False
gettext_last_translator = ""
