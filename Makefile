# szreport: `make report` builds every report, `make test` runs the tests. Both install what is missing first:
# Debian packages (when root), the virtualenv in .venv with the project, and a Jupyter kernel inside .venv.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
KERNEL := $(VENV)/share/jupyter/kernels/szreport/kernel.json
DEB_PACKAGES := chromium fonts-wqy-microhei fonts-liberation poppler-utils
STAMP := $(VENV)/.installed
# The szreport nbconvert template where Jupyter finds templates, so that `jupyter nbconvert --template szreport`
# works as it does for the build: a link to the package's folder (its conf.json registers the preprocessors, once).
NBTEMPLATE := $(VENV)/share/jupyter/nbconvert/templates/szreport
# Every Python package at an exact version with its hashes (make lock); uv installs exactly that set, compiled to
# bytecode at install time (with PYTHONDONTWRITEBYTECODE set, as on these machines, nothing is compiled later and
# every kernel would compile pandas and matplotlib again: builds 1.7x slower, measured).
LOCK := requirements.lock
UV_VERSION := $(shell sed -n 's/^uv==\([0-9.]*\).*/\1/p' $(LOCK))
SZREPORT_ARGS ?=
# axe-core (npm, exact version in tests/a11y/package-lock.json) for the accessibility check of the rendered pages
A11Y := tests/a11y
AXE := $(A11Y)/node_modules/axe-core/axe.min.js

.PHONY: help install report test test-fast stress lab bench clean system-deps check-data params serve lock lint a11y-deps test-a11y

help: ## show this help
	@echo "szreport: reproducible report on Shenzhen's 14th Five-Year Plan (2020-2025)"
	@echo
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo
	@echo "  Pass build options with SZREPORT_ARGS, e.g. make report SZREPORT_ARGS='--lang en --only economy'"

system-deps: ## install Debian packages (chromium, WenQuanYi and Liberation fonts, poppler) when missing
	@missing=""; for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	  else \
	    echo "missing Debian packages:$$missing"; echo "install them with: sudo apt-get update && sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode $(LOCK)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

$(KERNEL): $(STAMP)
	$(BIN)/python -m ipykernel install --prefix $(VENV) --name szreport --display-name "Python (szreport)" >/dev/null
	$(BIN)/python -c "import json,sys; p=sys.argv[1]; k=json.load(open(p)); k['argv']+=['--IPKernelApp.log_level=ERROR'] if '--IPKernelApp.log_level=ERROR' not in k['argv'] else []; json.dump(k, open(p,'w'), indent=1)" $@

$(NBTEMPLATE): | $(STAMP)
	@mkdir -p $(dir $@)
	ln -sfn $(CURDIR)/src/szreport/build/templates/szreport $@

install: system-deps $(STAMP) $(KERNEL) $(NBTEMPLATE) ## install what is missing: Debian packages (when root), .venv from the lock file, the Jupyter kernel and nbconvert template

report: install ## build every report in zh and en as HTML and PDF into reports/
	$(BIN)/szreport build $(SZREPORT_ARGS)

test: install lint $(AXE) ## lint, then the unit tests (seconds), then the notebook, browser and PDF tiers (minutes)
	$(BIN)/python -m pytest -q -m "not notebook and not render"
	$(BIN)/python -m pytest -q -m "notebook or render"

lint: install ## ruff (lint, and format check) on src/, tests/, notebooks/, benchmarks/; mypy on src/
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests notebooks benchmarks
	$(BIN)/mypy

# npm ci installs exactly the lock's axe-core; touch: npm keeps the package's own (older) file time.
$(AXE): $(A11Y)/package.json $(A11Y)/package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages: nodejs npm"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm; \
	  else \
	    echo "npm is missing (needed for axe-core, the accessibility check)"; echo "install it with: sudo apt-get update && sudo apt-get install -y nodejs npm"; exit 1; \
	  fi; }
	cd $(A11Y) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

a11y-deps: $(AXE) ## install axe-core from npm (tests/a11y/package-lock.json) for the accessibility check

test-a11y: install $(AXE) ## accessibility check only: axe-core on every page of one build (a few minutes)
	$(BIN)/python -m pytest -q tests/test_accessibility.py

test-fast: install ## run the unit tests only
	$(BIN)/python -m pytest -q -m "not notebook and not render"

check-data: install ## validate data/ and report every problem
	$(BIN)/szreport check-data

params: install ## list every notebook parameter
	$(BIN)/szreport params

stress: install ## 30 forced full builds in a row, none may fail (minutes; not part of make test)
	$(BIN)/python -m pytest -q -s -m stress

lock: ## update requirements.lock: every package of pyproject.toml (with dev) at an exact version, with hashes
	@test -x $(BIN)/uv || { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); $(BIN)/python -m pip install --quiet uv; }
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 --quiet -o $(LOCK)
	@sed -i 's|^#    uv pip compile.*|#    make lock  (uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 -o requirements.lock)|' $(LOCK)

serve: install ## build, serve reports/ on 127.0.0.1:8000, rebuild and reload pages on every save (Ctrl-C stops)
	$(BIN)/szreport serve $(SZREPORT_ARGS)

lab: install ## open JupyterLab on notebooks/ with the project's kernel
	JUPYTER_PATH=$(CURDIR)/$(VENV)/share/jupyter $(BIN)/jupyter lab --notebook-dir=notebooks \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

bench: install ## benchmark the build against the naive pipelines and the floor (BENCH_ARGS=--quick: one round)
	$(BIN)/python benchmarks/bench_build.py $(BENCH_ARGS)

clean: ## remove generated reports (keeps reports/README.md) and caches
	find reports -mindepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .pytest_cache src/*.egg-info .venv/var/szreport/chart-png
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
