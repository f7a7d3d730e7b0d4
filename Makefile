# Set-up and checks. Needs only Python 3.11+, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test fuzz lint format bench conformance clean
# Users' targets: run, test, fuzz, lint, format, bench, clean.
# Maintainers' targets (files outside the repository): conformance.

# Install graft into .venv and merge the bundled example.
run: $(VENV)/.installed
	$(BIN)/graft merge examples/base.yml examples/prod.yml

# Install what the tests need, lint, and run the whole test suite.
test: $(VENV)/.test-installed
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/python -m pytest

# A long fuzzing campaign (tests/fuzz/test_fuzz.py; `make test` runs a short one):
# GRAFT_FUZZ_EXAMPLES generated inputs in all (`make fuzz GRAFT_FUZZ_EXAMPLES=50000`).
GRAFT_FUZZ_EXAMPLES ?= 24000
fuzz: $(VENV)/.test-installed
	GRAFT_FUZZ_EXAMPLES=$(GRAFT_FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/fuzz/test_fuzz.py

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests benchmarks tools

format: $(VENV)/.test-installed
	$(BIN)/ruff format src tests benchmarks tools

# Timings (not part of the test suite).
bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/run.py

# --- Maintainers' targets ------------------------------------------------------------
# They need files outside this repository, so they are not part of `make test` and a
# user of graft never needs them.

# The cases recorded from the Go graft (../shared/conformance beside the checkout).
conformance: $(VENV)/.installed
	@test -x ../shared/conformance/run || { \
	  echo "make conformance is a maintainers' target: it needs ../shared/conformance" \
	       "(the cases recorded from the Go graft) beside this checkout" >&2; exit 2; }
	../shared/conformance/run

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[all]'
	$(BIN)/python -m compileall -q src  # byte-code even where PYTHONDONTWRITEBYTECODE is set
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build src/*.egg-info
