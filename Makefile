# make run  — set everything up, build the gazetteer, ingest the samples, serve the map.
# make test — the same set-up, then the whole test suite.
# Each step is skipped when its inputs have not changed.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= $(abspath ../shared)
HOST ?= 127.0.0.1
PORT ?= 8000
export FRONTWATCH_SHARED := $(SHARED)

.PHONY: run test setup system gazetteer samples clean

run: setup samples
	$(BIN)/frontwatch serve --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest -q

setup: system $(VENV)/.installed node_modules/.installed gazetteer

system:
	@bash scripts/install-system.sh

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade 'pip==26.3'
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The build command itself checks whether its inputs changed and returns at once when they did not.
gazetteer: $(VENV)/.installed
	$(BIN)/frontwatch gazetteer build

samples: setup
	$(BIN)/frontwatch ingest $(SHARED)/samples

clean:
	rm -rf $(VENV) node_modules var
