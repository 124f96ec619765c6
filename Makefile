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
.PHONY: all site test clean help

all: site ## set up and build everything into _build/site/

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

site: $(STAMP) ## build the website of every language into _build/site/<lang>/
	$(BUILD)

test: $(STAMP) ## set up and run every test
	$(BIN)/python -m pytest

# -- Translators ---------------------------------------------------------------
.PHONY: update-po progress check preview

update-po: $(STAMP) ## refresh the .pot files and merge them into every catalogue (keeps all translations)
	$(CATALOGS) update

progress: $(STAMP) ## translated / fuzzy / untranslated per catalogue; fails below 100% for ru and nl
	$(CATALOGS) progress

check: $(STAMP) ## every catalogue check: syntax, markup, freshness, references
	$(CATALOGS) check

preview: $(STAMP) ## live preview of one language while editing: make preview lang=nl
	$(BIN)/sphinx-autobuild -D language=$(lang) -d _build/preview/doctrees-$(lang) \
		--ignore '*/_build/*' --ignore '*.mo' --port 8000 . _build/preview/$(lang)

clean: ## remove build output (keeps .venv)
	rm -rf _build
