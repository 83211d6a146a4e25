# Two commands do everything: `make book` builds the HTML book, `make test` runs every test.
# Each creates .venv and installs the pinned requirements on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: book test check validate stamp execute preview lock clean

book: $(READY)
	$(BIN)/python -m caucasus_atlas build

test: $(READY)
	scripts/ensure-chromium
	$(BIN)/python -m pytest

# The fast checks (seconds): data, lint, unit tests; no notebooks, no build, no browser. Changes no file.
check: $(READY)
	$(BIN)/python -m caucasus_atlas validate
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	$(BIN)/python -m pytest tests -p no:nbval -o addopts='' --ignore=tests/test_book.py --ignore=tests/test_browser.py

execute: $(READY)
	$(BIN)/python -m caucasus_atlas execute

# Check all the data, then record the checksum, size and date of each changed data file in datapackage.json.
# Writes nothing while the data is invalid (stamp validates too, and refuses).
validate: $(READY)
	$(BIN)/python -m caucasus_atlas validate
	$(BIN)/python -m caucasus_atlas stamp

stamp: $(READY)
	$(BIN)/python -m caucasus_atlas stamp

preview: $(READY)
	$(BIN)/python -m http.server --directory _build/html 8000

# Upgrade the pinned environment: edit requirements.in, then `make lock`, then `make test`. pip-tools runs from a
# throwaway venv. The lock hashes every file (setuptools too, which builds the package) and names no index or
# find-links: those are each machine's pip config (tests/test_supply_chain.py).
lock:
	set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	$(PYTHON) -m venv "$$tools"; \
	"$$tools/bin/python" -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2; \
	"$$tools/bin/pip-compile" --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

# Hash-checked install; the package then builds with the lock's setuptools (no build isolation), so nothing
# unhashed is fetched.
$(READY): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps -e .
	touch $(READY)

clean:
	rm -rf _build
