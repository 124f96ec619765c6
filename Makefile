# The Red Soul press kit.  `make` sets up and builds everything; `make test`
# sets up and runs every test.  `make help` lists the other targets.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements-installed
BUILD  := $(BIN)/python tools/build.py
CATALOGS := $(BIN)/python tools/catalogs.py
lang   ?= ru

.DEFAULT_GOAL := all
.PHONY: all site pdf outdated pdf-deps test clean help

all: $(STAMP) pdf-deps ## set up and build everything (website and PDFs) into _build/site/
	$(BUILD)

help: ## list the targets
	@grep -E '^[a-z -]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt tools/system-deps.sh
	bash tools/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

site: $(STAMP) ## build the website of every language into _build/site/<lang>/ (no TeX needed)
	$(BUILD) --formats html

pdf: $(STAMP) pdf-deps ## build the PDF press kit of every language: _build/site/<lang>/the-red-soul-<lang>.pdf
	$(BUILD) --formats pdf

outdated: $(STAMP) ## list the parts (a language in a format) that `make` would rebuild; builds nothing
	$(BUILD) --dry-run

pdf-deps: ## install TeX Live, latexmk and the fonts the PDF needs, when missing (apt-get)
	bash tools/system-deps.sh pdf

# Lighthouse (pinned in bench/package-lock.json), for the benchmark.
BENCH_NODE := bench/node_modules/.package-lock.json
$(BENCH_NODE): bench/package.json bench/package-lock.json $(STAMP)
	npm ci --prefix bench --no-audit --no-fund

test: $(STAMP) pdf-deps ## set up and run every test
	$(BIN)/python -m pytest

.PHONY: lint
lint: $(STAMP) ## the Python style: ruff's checks and its formatter (ruff.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# -- Translators ---------------------------------------------------------------
.PHONY: update-po progress check wrap preview add-language

update-po: $(STAMP) ## refresh the .pot files and merge them into every catalogue (keeps all translations)
	$(CATALOGS) update

progress: $(STAMP) ## translated / fuzzy / untranslated per page and language; fails below 100% (md=1: a Markdown table too)
	$(CATALOGS) progress $(if $(md),--markdown)

check: $(STAMP) ## every catalogue check: syntax, markup, freshness, canonical form, fuzzy, glossary, spelling, references
	$(BIN)/python tools/pocheck.py

add-language: $(STAMP) ## a new language, in progress until complete: make add-language lang=de
	$(CATALOGS) add-language $(lang)

wrap: $(STAMP) ## rewrite every catalogue in canonical form (GNU gettext, width 79; the project's header)
	$(CATALOGS) wrap

preview: $(STAMP) ## live preview of one language while editing: make preview lang=nl
	$(BUILD) --catalogues --lang $(lang)
	$(BIN)/sphinx-autobuild -D language=$(lang) -d _build/preview/doctrees-$(lang) \
		--ignore '*/_build/*' --ignore '*.mo' --port 8000 . _build/preview/$(lang)

clean: ## remove build output (keeps .venv)
	rm -rf _build

# -- Plain Sphinx ----------------------------------------------------------------
# As Sphinx's own Makefile: `sphinx-build -M <target>` of conf.py's language
# (English) into _build/sphinx/<target>/; another one with O="-D language=ru".
# No catalogue gate, no release, no entry page: `make` builds the site.
.PHONY: html latexpdf gettext linkcheck
SPHINXOPTS  ?= -n -W --keep-going
SPHINXBUILD ?= $(BIN)/sphinx-build

html latexpdf gettext linkcheck: $(STAMP) ## plain `sphinx-build -M <target> . _build/sphinx` (e.g. make html; O="-D language=ru")
	$(SPHINXBUILD) -M $@ . _build/sphinx $(SPHINXOPTS) $(O)

# -- The whole site --------------------------------------------------------------
.PHONY: serve
port   ?= 8000

serve: all ## serve _build/site/ (every language, entry page) on http://127.0.0.1:8000/ (port=…)
	$(BIN)/python -m http.server $(port) --bind 127.0.0.1 --directory _build/site

# -- Benchmark ---------------------------------------------------------------------
.PHONY: bench

bench: $(STAMP) pdf-deps $(BENCH_NODE) ## build speed, page weight, Lighthouse and PDF sizes as figures (not part of make test)
	$(BIN)/python bench/bench.py
