# Two commands do everything: `make book` builds the HTML book, `make test` runs every test.
# Each creates .venv and installs the pinned requirements on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

PORT ?= 8000

.PHONY: book test check lint validate stamp execute preview lock clean

book: $(READY)
	$(BIN)/python -m caucasus_atlas build

test: lint
	scripts/ensure-chromium
	$(BIN)/python -m pytest

# The fast checks (seconds): data, lint, unit tests; no notebooks, no build, no browser. Changes no file.
check: lint
	$(BIN)/python -m caucasus_atlas validate
	$(BIN)/python -m pytest tests -p no:nbval -o addopts='' \
		--ignore=tests/test_book.py --ignore=tests/test_browser.py --ignore=tests/test_hostile.py

# Python with ruff; the maps' JavaScript (caucasus_atlas/static/) with ESLint, pinned in package-lock.json.
# Without Node.js the JavaScript is skipped locally, with a message; CI needs it.
lint: $(READY)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .
	@if command -v npm >/dev/null; then \
		test node_modules/.package-lock.json -nt package-lock.json || npm ci --no-audit --no-fund --silent; \
		npm run --silent lint; \
	elif [ "$$CI" = true ]; then echo "CI needs Node.js for ESLint" >&2; exit 1; \
	else echo "Node.js is not installed: the maps' JavaScript was not linted (apt-get install nodejs npm)" >&2; fi

execute: $(READY)
	$(BIN)/python -m caucasus_atlas execute

# Check all the data, then record the checksum, size and date of each changed data file in datapackage.json.
# Writes nothing while the data is invalid (stamp validates too, and refuses).
validate: $(READY)
	$(BIN)/python -m caucasus_atlas validate
	$(BIN)/python -m caucasus_atlas stamp

stamp: $(READY)
	$(BIN)/python -m caucasus_atlas stamp

# Serve the built book on http://localhost:$(PORT) (`make preview PORT=8001` for another port).
preview: $(READY)
	$(BIN)/python -m http.server --directory _build/html $(PORT)

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
