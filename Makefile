# Meridian Dispatch: write, check, preview and publish.
# `make serve` and `make test` install what they need into .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-requirements
export NO_MKDOCS_2_WARNING := 1
# `make new` reads these from its environment, taken literally, so a headline may hold any quote
# or symbol, "$5bn" included.
override TITLE := $(value TITLE)
export TITLE DESK CATEGORY

.PHONY: serve test check new build linkcheck clean

## serve: preview the site at http://127.0.0.1:8000/, rebuilding on every save; drafts included.
## Not strict: a problem is shown and the rest of the site stays up (`make check` is strict).
serve: $(INSTALLED)
	$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

## test: the whole suite: front matter, links, spelling, the built pages
test: $(INSTALLED)
	$(BIN)/python -m pytest

## check: the quick checks while writing, drafts included: front matter, links, spelling (no browser)
check: $(INSTALLED)
	DRAFTS=true $(BIN)/python -m pytest -m editorial -q

## new: start an article as a draft: make new TITLE="Headline" [DESK=foreign-desk] [CATEGORY=World]
new: $(INSTALLED)
	@$(BIN)/python tools/new_article.py

## build: the production site, into site/
build: $(INSTALLED)
	$(BIN)/mkdocs build --strict --clean

## linkcheck: build the site and check every external link live (needs the internet)
linkcheck: $(INSTALLED)
	PYTHONPATH=tests $(BIN)/python -m support.linkcheck

## clean: remove the built site and the virtual environment
clean:
	rm -rf site $(VENV)

$(INSTALLED): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@
