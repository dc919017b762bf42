# The two commands: `make demo` builds the graph of seeds/, `make test` runs the tests.
# Both create .venv from pyproject.toml first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= .kg

.PHONY: demo test venv chromium interop virtuoso golden readme clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: venv
	$(BIN)/kg build seeds --store $(STORE)
	$(BIN)/kg export --format turtle --output out/kg.ttl --store $(STORE)
	$(BIN)/kg export --format trig --output out/kg.trig --store $(STORE)
	$(BIN)/kg view --output out/actors.html --store $(STORE)
	$(BIN)/kg stats --store $(STORE)

chromium:
	@command -v chromium >/dev/null 2>&1 || sh scripts/install-chromium.sh

# rapper, xmllint and Java for tests/test_interop.py.
interop:
	@command -v rapper >/dev/null 2>&1 && command -v xmllint >/dev/null 2>&1 && command -v java >/dev/null 2>&1 || sh scripts/install-interop.sh

# This checkout's Virtuoso server of tests/test_virtuoso.py (its own folder and ports, see
# scripts/virtuoso.sh), started unless running, or KG_VIRTUOSO_URL names another, or
# KG_SKIP_VIRTUOSO=1. `bash scripts/virtuoso.sh stop` stops it.
virtuoso:
	@[ "$(KG_SKIP_VIRTUOSO)" = 1 ] || [ -n "$(KG_VIRTUOSO_URL)" ] || bash scripts/virtuoso.sh start

# The tests start this checkout's Virtuoso when none runs, and stop it when they end.
test: venv chromium interop
	$(BIN)/ruff check kg tests benchmarks scripts
	bash scripts/with-virtuoso.sh $(BIN)/python -m pytest -q

# The golden snapshot of the seed (tests/data/golden/), written anew: only after a change meant
# to alter kg's output, and say which lines changed and why.
golden: venv
	$(BIN)/python tests/golden.py

# README's table of the rule bank, written anew from kg/lexicon/rules.toml.
readme: venv
	$(BIN)/python scripts/write_rules_table.py

clean:
	rm -rf $(STORE) out
