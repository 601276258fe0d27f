# Front door. `make report` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LINT_PATHS := xialu_graph tests scripts benchmarks

.PHONY: setup report test test-fast lint bench lab browser-deps clean screenshots

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m ipykernel install --sys-prefix --name xialu-graph --display-name "Python (xialu-graph)" >/dev/null
	@touch $(STAMP)

browser-deps:
	@bash scripts/install-browser.sh

report: $(STAMP)
	$(BIN)/xialu-graph report data/raw/xialu_2020.txt --out reports/xialu_2020 --figures figures

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)

# Everything CI runs: lint, docstring examples, unit tests, notebooks, headless-browser tests.
test: $(STAMP) browser-deps lint
	$(BIN)/python -m pytest -q

# No browser, no root, no notebooks or slow tests: the loop while editing (docstring examples included).
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -q -m "not browser and not notebook and not slow"

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# Screenshots of the pack as a reader sees it (report zh/en, an untrusted notebook in JupyterLab, the workbook).
screenshots: $(STAMP) browser-deps
	$(BIN)/python scripts/screenshots.py reports/screenshots

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root,) notebooks/

clean:
	rm -rf $(VENV) reports data/processed/*
