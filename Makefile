# Lantern — the two set-up commands are `make demo` and `make test`; both install what is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast eval bench lint format clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: start the local fixture sites, crawl them into the embedded store, print what was flagged
demo: $(STAMP)
	$(BIN)/lantern demo

## test: the whole suite (slow tests included), lint first
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "slow or not slow" -q

## test-fast: the lean default run (no slow tests)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q

## eval: precision/recall of the analyzer on the labelled set; place resolution on GeoWebNews
eval: $(STAMP)
	$(BIN)/python eval/analyzer.py --set both
	$(BIN)/python eval/places.py

## bench: benchmarks; results go to docs/BENCHMARKS.md
bench: $(STAMP)
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/export.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) lantern-data .pytest_cache .ruff_cache
