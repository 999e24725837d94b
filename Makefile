# Two commands on a fresh machine: `make build`, then `make test`.
# The first run creates .venv and installs the exact pins of requirements*.lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
# npm tools (package-lock.json): axe-core and decap-server (the web editor's local mode) for the
# tests; Lighthouse, the font package and decap-cms for `make lighthouse` / `make fonts` /
# `make editor` only. The site itself needs no npm.
NODE_TEST := node_modules/.ready-test
NODE_ALL := node_modules/.ready-all

# Material prints an end-of-life banner on every build; we know (see the README) and pin it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: build test test-long lint check serve clean browser-deps html-checker-deps sandbox-deps office-deps lighthouse fonts

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

# The W3C Nu Html Checker (npm vnu-jar, tests/browser/test_html_validity.py) runs on Java:
# Debian's default-jre-headless, installed when missing (as root).
html-checker-deps:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "ต้องติดตั้ง Java ก่อน (need: sudo apt-get install default-jre-headless)"; exit 1; \
	  fi; \
	fi

# Publishing builds pushed content inside bubblewrap (site_builder/publish/sandbox.py); the
# tests of that sandbox need it too. Installed when missing (as root), like browser-deps.
sandbox-deps:
	@if ! command -v bwrap >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; \
	  else \
	    echo "ต้องติดตั้ง bubblewrap ก่อน (need: sudo apt-get install bubblewrap)"; exit 1; \
	  fi; \
	fi

# The PDF import tests save a .docx as PDF with LibreOffice's headless Writer (Debian package);
# install it when missing (as root), like Chromium above.
office-deps:
	@if ! command -v soffice >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui >/dev/null; \
	  else \
	    echo "ต้องติดตั้ง libreoffice-writer-nogui ก่อน (need: sudo apt-get install libreoffice-writer-nogui)"; exit 1; \
	  fi; \
	fi

# `npm ci` empties node_modules/, so each install leaves its own stamp (the full one both).
# --ignore-scripts: vnu-jar's install script would download a Java runtime from outside the
# package registries; Java comes from Debian instead (html-checker-deps).
$(NODE_TEST): package.json package-lock.json
	@command -v npm >/dev/null || { echo "ต้องมี node และ npm (need node + npm: apt-get install nodejs npm)"; exit 1; }
	npm ci --omit=dev --no-audit --no-fund --ignore-scripts
	touch $@

$(NODE_ALL): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_TEST) $@

test: $(READY) lint browser-deps html-checker-deps sandbox-deps office-deps $(NODE_TEST)
	$(BIN)/python -m pytest -q

# The property-based tests with many more examples (minutes, not seconds).
test-long: $(READY)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q tests/test_properties.py

# Lighthouse (mobile preset) on four pages of the demo site; slow, so not part of `make test`.
lighthouse: build browser-deps $(NODE_ALL)
	$(BIN)/python -m bench.lighthouse

# Sarabun (OFL) is committed in theme/assets/fonts/; this refreshes it from the pinned npm package.
fonts: $(NODE_ALL)
	for name in thai-400 thai-700 latin-400 latin-700; do \
	  cp node_modules/@fontsource/sarabun/files/sarabun-$$name-normal.woff2 theme/assets/fonts/; \
	done
	cp node_modules/@fontsource/sarabun/LICENSE theme/assets/fonts/OFL.txt

# The web editor (/admin/, PUBLISHING.md): Decap CMS is committed in
# site_builder/site/editor_assets/decap-cms/ (so `make build` and agencies' projects need no npm);
# this refreshes it from the version pinned in package.json. `make editor-serve`: decap-server on
# 127.0.0.1:8081 for the editor's local mode, writing into this working tree (with `make serve`).
.PHONY: editor editor-serve
editor: $(READY) $(NODE_ALL)
	$(BIN)/python tools/vendor_editor.py

editor-serve: $(NODE_TEST)
	BIND_HOST=127.0.0.1 PORT=8081 MODE=fs GIT_REPO_DIRECTORY="$(CURDIR)" node node_modules/decap-server/dist/index.js

clean:
	rm -rf site .pytest_cache .ruff_cache

# Thai search: recall and precision of Material's search and ours on bench/search/queries.yml in
# Chromium, index sizes and time to the first result (a few minutes; not part of `make test`).
# `make bench-search-scale`: the same search on a synthetic site of 5,000 records.
.PHONY: bench-search bench-search-scale
bench-search: $(READY) browser-deps
	$(BIN)/python -m bench.search.run

bench-search-scale: $(READY) browser-deps
	$(BIN)/python -m bench.search.scale

# Scale benchmark (bench/scale.py): build time, memory, check time, output and search-index
# size and the `mkdocs serve` rebuild after a one-record edit, at 100 to 20,000 records, beside a
# plain Material site of the same pages (about 20 minutes on 2 cores; run on a quiet machine).
# `make bench-ci`: the 100-record size only (about a minute), as CI runs it.
.PHONY: bench bench-ci
bench: $(READY)
	$(BIN)/python -m bench.scale --out bench/results.json

bench-ci: $(READY)
	$(BIN)/python -m bench.scale --sizes 100 --out artifacts/bench-ci.json

# Publish benchmark (bench/publish_push.py): real pushes through the installed hooks to a site
# of 3,000 records; how long until a one-record edit is live in current/ (about 3 minutes).
.PHONY: bench-publish
bench-publish: $(READY) sandbox-deps
	$(BIN)/python -m bench.publish_push --sizes 3000 --edits 6 --out bench/publish-results.json
