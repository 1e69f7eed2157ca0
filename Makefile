# Koppel: `make run` serves the demo, `make test` runs the whole suite. Only Python 3.11+ is needed.
PYTHON ?= python3
PORT ?= 5000
# pip stays quiet (-qq: errors only) so the start-up banner with the addresses and the login is what you see
PIP = $(BIN)/python -m pip --disable-pip-version-check --no-input
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-browser bench fuzz lint clean

$(BIN)/koppel: pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Koppel needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -qq --upgrade pip
	$(PIP) install -qq -e .
	touch $(BIN)/koppel

$(VENV)/.test-deps: $(BIN)/koppel
	$(PIP) install -qq -e '.[test]'
	touch $@

run: $(BIN)/koppel
	$(BIN)/koppel serve --demo --port $(PORT)

test: $(VENV)/.test-deps
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not browser"

test-browser: $(VENV)/.test-deps
	$(BIN)/python -m pytest -m browser

# schemathesis (FUZZ_EXAMPLES per operation of the OpenAPI document) and the bad-input fuzzing of every route
FUZZ_EXAMPLES ?= 250
fuzz: $(VENV)/.test-deps
	KOPPEL_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/e2e/test_api_fuzz.py tests/e2e/test_bad_input.py -k "fuzzing or no_route" -p no:randomly -s

# Every benchmark figure with its target and PASS/FAIL (tests/bench/__main__.py); mentor-match, for the
# side-by-side, goes into a virtualenv of its own (.bench-venv), never into .venv.
bench: $(VENV)/.test-deps
	$(BIN)/python -m tests.bench

clean:
	rm -rf $(VENV) instance
