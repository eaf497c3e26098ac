# Two commands on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test test-slow lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,ingest]'
	touch $@ $(STAMP)

## demo: create the virtual environment, install, and write the report of the embedded corpus
demo: $(STAMP)
	$(BIN)/accords report --out accords-report.html
	@echo
	@echo "Report: $(CURDIR)/accords-report.html (open it in a browser; it works offline)"
	@echo "Run accords: $(BIN)/accords --help   (or: . $(BIN)/activate, then accords --help)"
	@echo "Try: $(BIN)/accords search Umerov; $(BIN)/accords show issue nato-membership"

## test: install the dev dependencies, then ruff, mypy and pytest
test: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

## test-slow: the slow tests only
test-slow: $(DEVSTAMP)
	$(BIN)/python -m pytest -m slow

bench: $(STAMP)
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache build src/*.egg-info
