# Lantern — the two set-up commands are `make demo` and `make test`; both install what is missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The real OpenSearch node of the tests: Maven compiles the launcher and fetches the server's jars once.
OPENSEARCH := tests/opensearch/target/.built
CHROMIUM   := /usr/bin/chromium

.PHONY: demo test test-fast test-engines eval bench bench-search lint format typecheck clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

$(OPENSEARCH): tests/opensearch/pom.xml tests/opensearch/src/main/java/lantern/testnode/LanternNode.java
	mvn -q -B -f tests/opensearch/pom.xml package
	touch $(OPENSEARCH)

# Debian's Chromium for the rendering tests (`render: true` sources); Lantern never lets a tool download a browser.
$(CHROMIUM):
	apt-get install -y --no-install-recommends chromium || \
	  (apt-get update && apt-get install -y --no-install-recommends chromium)

## demo: start the local fixture sites, crawl them into the embedded store, print what was flagged
demo: $(STAMP)
	$(BIN)/lantern demo

## test: the whole suite (slow tests and the real OpenSearch node included), lint and types first
test: $(STAMP) $(OPENSEARCH) $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -m "slow or not slow" -q

## test-fast: the lean default run (no slow tests)
test-fast: $(STAMP) $(OPENSEARCH)
	$(BIN)/python -m pytest -q

## test-engines: only the presets against real forum engines (each installed once from PyPI into its own venv)
test-engines: $(STAMP)
	$(BIN)/python -m pytest -m engines -q

## eval: the analyzer on the labelled sets, real news corpora and a ranked mix; places on GeoWebNews, GeoVirus
## (tag F, end-to-end F@161, Acc@161) and CoNLL-2002 Dutch and Spanish (recall, precision), beside the anchors;
## the trained solicitation model with one development set left out at a time
eval: $(STAMP)
	$(BIN)/python eval/analyzer.py
	$(BIN)/python eval/places.py
	$(BIN)/python eval/solicitation.py

## bench: benchmarks; results go to docs/BENCHMARKS.md
bench: $(STAMP)
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/gazetteer.py
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/export.py

## bench-search: the OpenSearch node's start-up; search p95 over 1,000,000 items, embedded store and OpenSearch
bench-search: $(STAMP) $(OPENSEARCH)
	$(BIN)/python bench/opensearch_node.py
	$(BIN)/python bench/search.py

typecheck: $(STAMP)
	$(BIN)/mypy

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) lantern-data .pytest_cache .ruff_cache tests/opensearch/target
