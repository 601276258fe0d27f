# Front door. `make report` and `make test` set everything up on a fresh machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup report test lab bench browser-deps clean

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

test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(VENV) reports data/processed/*
