# Two commands matter: `make serve` and `make test`. Both set everything up first.
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# pyodide-build needs Python 3.12 or newer; .python-version pins 3.13 for pyenv users.
PYTHON := $(shell for c in python3.13 python3.12 python3; do \
	if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then echo $$c; break; fi; done)

.PHONY: help setup build serve live test lint unit jstest browser-deps server-deps bench clean review new-page zensical-check

help:
	@echo "make serve  - set up, build and serve site/ on http://127.0.0.1:8000 as deployed (precompressed files)"
	@echo "make live   - serve the sources with live reload while writing (mkdocs serve, offline service worker off)"
	@echo "make test   - set up and run every test (prose lint, unit, Pyodide, build, browser)"
	@echo "make build  - write the site into site/"
	@echo "make bench  - measure load times, transfer sizes and search quality/speed in headless Chromium"
	@echo "make review - list the pages past their review date (reviewed + review_every)"
	@echo "make new-page SECTION=respond SLUG=late-delivery TITLE=納期遅延 - write a page from the template"
	@echo "make zensical-check - build with Zensical (own venv) and report what differs"

$(PY_STAMP): requirements.txt
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.12 or newer is required (python3.13 / python3.12 / python3 not found or too old)." >&2; exit 1; fi
	@command -v node >/dev/null || { echo "Node.js 20 or newer is required: install it (e.g. apt-get install nodejs npm)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(PY_STAMP) $(NODE_STAMP)

build: setup
	$(BIN)/mkdocs build --strict

serve: build
	$(BIN)/python -m macros.static_server --port 8000 site

live: setup
	KB_OFFLINE=0 KB_PRECOMPRESS=0 $(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000 --livereload

browser-deps:
	@./tests/tools/ensure-browser.sh

# nginx, Apache httpd and Caddy for tests/servers (the deploy/ configurations); their services are not started.
server-deps:
	@./tests/tools/ensure-servers.sh

lint: setup
	npx textlint --config .textlintrc.json "docs/**/*.md" CONTRIBUTING.md
	$(BIN)/ruff check widgets macros tests benchmarks
	npx tsc -p tsconfig.json
	npx biome lint --error-on-warnings

# Unit tests of the JS runtime (docs/assets/kb) in Node, with happy-dom for the DOM writers.
jstest: setup
	node --test tests/runtime/

unit: setup jstest
	$(BIN)/pytest -m "not browser and not slow"

test: setup browser-deps server-deps lint jstest
	$(BIN)/pytest

bench: setup browser-deps
	$(BIN)/python benchmarks/bench_site.py
	$(BIN)/python benchmarks/bench_search.py

review: setup
	$(BIN)/python -c "import sys; from macros.freshness import main; sys.exit(main())"

new-page: setup
	$(BIN)/python -m macros.new_page "$(SECTION)" "$(SLUG)" "$(TITLE)"

# Zensical (the theme's successor) lives in its own venv so it never mixes with the MkDocs toolchain.
# 0.0.73 is the newest release whose dependencies all install from PyPI here (0.1.x needs zensical-ui, not found).
ZENSICAL_VENV := .venv-zensical
ZENSICAL_VERSION := 0.0.73
$(ZENSICAL_VENV)/.installed:
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet --disable-pip-version-check zensical==$(ZENSICAL_VERSION)
	@touch $@

zensical-check: setup $(ZENSICAL_VENV)/.installed
	$(BIN)/python -m macros.zensical_check $(ZENSICAL_VENV)/bin/zensical

clean:
	rm -rf site site-zensical .cache .pytest_cache
