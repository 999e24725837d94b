# Two commands on a fresh machine: `make build`, then `make test`.
# The first run creates .venv and installs the exact pins of requirements*.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

# Material prints an end-of-life banner on every build; we know (see the README) and pin it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test lint check serve clean

$(READY): pyproject.toml requirements.lock requirements-test.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-test.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

build: $(READY)
	$(BIN)/mkdocs build --strict

serve: $(READY)
	$(BIN)/mkdocs serve

check: $(READY)
	$(BIN)/python -m site_builder check

lint: $(READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(READY) lint
	$(BIN)/python -m pytest -q

clean:
	rm -rf site .pytest_cache .ruff_cache
