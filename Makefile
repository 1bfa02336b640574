# Meridian Dispatch: write, check, preview and publish.
# `make serve` and `make test` install what they need into .venv first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What the site needs to build, preview and start an article (requirements-site.txt), and besides
# that what the tests, checks and benchmarks need (requirements.txt): `make build` on a publishing
# machine installs no browser driver and no test tool.
SITE_INSTALLED := $(VENV)/.installed-site
INSTALLED := $(VENV)/.installed-requirements
# How requirements.txt is made from pyproject.toml: every package, pinned, with its hashes, for the
# oldest Python the site supports, on every platform (a package some lack is marked so); and
# requirements-site.txt, the site's part of it, at the same versions.
# tests/test_supply_chain.py checks the locks name these.
LOCK_OPTIONS := pyproject.toml --extra test --extra tools --generate-hashes --python-version 3.11 --universal
SITE_LOCK_OPTIONS := pyproject.toml --extra tools --constraint requirements.txt --generate-hashes --python-version 3.11 --universal
SITE_LOCK := requirements-site.txt
# The installer, pinned with its hashes in a lock of its own and installed before anything else: the
# pip a fresh venv brings is whatever the interpreter bundles (23.2.1 with Debian 12's Python 3.11),
# and it only ever installs this one, which then installs requirements.txt.
INSTALLER_LOCK := requirements-installer.txt
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
# Lighthouse for `make bench`, exactly as benchmarks/package-lock.json pins it.
LIGHTHOUSE := benchmarks/node_modules/.installed-lock
# The Nu HTML Checker for `make test`, exactly as tests/package-lock.json pins it. Without npm its
# tests are skipped, as the browser's are without a browser, except in CI (`CI=true`).
HTML_CHECKER := tests/node_modules/.installed-lock
export NO_MKDOCS_2_WARNING := 1
# `make new` reads these from its environment, taken literally, so a headline may hold any quote
# or symbol, "$5bn" included.
override TITLE := $(value TITLE)
export TITLE DESK CATEGORY DATELINE
# What `make check` compares the articles with, if the editor names it: a git ref (by default, main as
# last pushed: tests/support/change.py).
SINCE ?=

.PHONY: serve test check new build linkcheck bench screenshots lock clean

## serve: preview the site at http://127.0.0.1:8000/, rebuilding on every save; drafts included.
## Not strict: a problem is shown and the rest of the site stays up (`make check` is strict).
serve: $(SITE_INSTALLED)
	$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8000

## test: the whole suite: front matter, links, spelling, the built pages in a browser and the HTML checker
test: $(INSTALLED) $(HTML_CHECKER)
	$(BIN)/python -m pytest

## check: the quick checks while writing, drafts included: front matter, links, spelling and lists (no browser,
## no HTML checker) of the articles changed since main was last pushed, or since SINCE=<git ref>, and those
## linked to or from them
check: $(INSTALLED)
	DRAFTS=true $(BIN)/python -m pytest -m "editorial and not browser and not html_checker" -q --change "$(SINCE)"

## new: start an article as a draft: make new TITLE="Headline" [DESK=foreign-desk] [CATEGORY=World] [DATELINE=Geneva]
new: $(SITE_INSTALLED)
	@$(BIN)/python -m newsroom.new_article

## build: the production site, into site/: MkDocs builds the pages, then the site is finished
## (newsroom/finish.py): indexed for search, and stopped if it would not fit GitHub Pages (1 GB)
build: $(SITE_INSTALLED)
	$(BIN)/mkdocs build --strict --clean
	$(BIN)/python -m newsroom.finish site

## linkcheck: build the site and check every external link live (needs the internet)
linkcheck: $(INSTALLED)
	$(BIN)/python -m tests.support.linkcheck

## bench: Lighthouse on the home and article pages, the site at 10/100/1,000 articles (benchmarks/RESULTS.md)
bench: $(INSTALLED) $(LIGHTHOUSE)
	$(BIN)/python -m benchmarks.bench

## screenshots: the home and article pages at phone and desktop widths, light and dark, into screenshots/
screenshots: $(INSTALLED)
	$(BIN)/python -m benchmarks.screenshots

## lock: resolve pyproject.toml's dependencies again into requirements.txt (and the site's part of them
## into requirements-site.txt), and the newest pip into requirements-installer.txt, each pinned with its hashes
lock: $(INSTALLED)
	$(BIN)/uv pip compile $(LOCK_OPTIONS) --output-file requirements.txt
	$(BIN)/uv pip compile $(SITE_LOCK_OPTIONS) --output-file $(SITE_LOCK)
	echo pip | $(BIN)/uv pip compile - --generate-hashes --universal --python-version 3.11 \
		--custom-compile-command "make lock" --quiet --output-file $(INSTALLER_LOCK)

## clean: remove the built site, the virtual environment and the tests' and benchmarks' Node packages
clean:
	rm -rf site $(VENV) benchmarks/node_modules tests/node_modules

$(SITE_INSTALLED): $(INSTALLER_LOCK) $(SITE_LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes -r $(INSTALLER_LOCK)
	$(PIP) install --require-hashes -r $(SITE_LOCK)
	$(PIP) install --no-deps --no-build-isolation --editable .
	touch $@

$(INSTALLED): $(SITE_INSTALLED) requirements.txt
	$(PIP) install --require-hashes -r requirements.txt
	touch $@

$(LIGHTHOUSE): benchmarks/package-lock.json
	cd benchmarks && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The checker is a jar inside its package: nothing of it runs as it installs.
$(HTML_CHECKER): tests/package-lock.json
	@command -v npm >/dev/null || { echo "Without npm, the tests that read pages with the Nu HTML Checker are skipped"; exit 0; }; \
	set -x; cd tests && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch ../$@
