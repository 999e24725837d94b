# Two commands on a fresh machine: `make build`, then `make test`.
# The first run creates .venv and installs the exact pins of requirements*.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

# Material prints an end-of-life banner on every build; we know (see the README) and pin it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test lint check serve clean browser-deps

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

# Browser tests need Debian's Chromium and Thai fonts; install them when missing (as root).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi -e garuda -e loma -e sarabun -e "noto sans thai"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-thai-tlwg >/dev/null; \
	  else \
	    echo "ต้องติดตั้ง chromium และ fonts-thai-tlwg ก่อน (need: sudo apt-get install chromium fonts-thai-tlwg)"; exit 1; \
	  fi; \
	fi

test: $(READY) lint browser-deps
	$(BIN)/python -m pytest -q

clean:
	rm -rf site .pytest_cache .ruff_cache
