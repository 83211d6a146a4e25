# Two commands do everything: `make book` builds the HTML book, `make test` runs every test.
# Each creates .venv and installs the pinned requirements on first use.
# The Python that creates .venv: 3.11 (what CI runs and the lock is compiled with), 3.12 or 3.13. Unless PYTHON is
# given (`make PYTHON=/opt/python3.13/bin/python3`), the first of python3.11, python3.12, python3.13, python3 on PATH
# that runs and is one of those (a pyenv shim of a version not selected is on PATH but does not run).
PYTHONS := 3.11 3.12 3.13
PYTHON ?= $(firstword $(foreach p,$(addprefix python,$(PYTHONS)) python3,$(shell $(p) -c \
	'import sys; sys.exit("%d.%d" % sys.version_info[:2] not in "$(PYTHONS)".split())' >/dev/null 2>&1 && echo $(p))))
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

PORT ?= 8000

.PHONY: book test check lint validate stamp execute lab preview lock clean screenshots

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

# JupyterLab on the project's environment: maps draw in it with nothing to set, and a notebook saved from it is saved
# as a fresh run writes it (jupyter_server_config.py).
lab: $(READY)
	$(BIN)/jupyter lab --config=jupyter_server_config.py $(if $(filter 0,$(shell id -u)),--allow-root)

# Serve the built book on http://localhost:$(PORT) (`make preview PORT=8001` for another port).
preview: $(READY)
	$(BIN)/python -m http.server --directory _build/html $(PORT)

# Upgrade the pinned environment: edit requirements.in, then `make lock`, then `make test`. pip-tools runs from a
# throwaway venv. The lock hashes every file (setuptools too, which builds the package) and names no index or
# find-links: those are each machine's pip config (tests/test_supply_chain.py).
lock:
	set -e; tools=$$(mktemp -d); trap 'rm -rf "$$tools"' EXIT; \
	python3.11 -m venv "$$tools"; \
	"$$tools/bin/python" -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2; \
	"$$tools/bin/pip-compile" --quiet --upgrade --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

# First the Python: a new .venv needs 3.11, 3.12 or 3.13 (PYTHON, above); an existing one is kept if it still runs,
# is one of those, and is PYTHON's version when PYTHON is given. Then a hash-checked install; the package then builds
# with the lock's setuptools (no build isolation), so nothing unhashed is fetched.
$(READY): requirements.txt pyproject.toml
	@version() { $$1 -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null; }; \
	supported() { for s in $(PYTHONS); do case $$1 in $$s.*) return 0;; esac; done; return 1; }; \
	needs='needs Python 3.11, 3.12 or 3.13'; python='$(PYTHON)'; \
	given=$${python:+$(filter-out file,$(origin PYTHON))}; \
	v=; [ -z "$$python" ] || v=$$(version "$$python") || v=; \
	if [ -n "$$given" ] && [ -z "$$v" ]; then \
		echo "PYTHON=$$python does not run; $$needs (leave PYTHON unset to find one on PATH)" >&2; exit 1; fi; \
	if [ -n "$$given" ] && ! supported "$$v"; then \
		echo "PYTHON=$$python is Python $$v; $$needs (leave PYTHON unset to find one on PATH)" >&2; exit 1; fi; \
	if [ -e $(VENV)/pyvenv.cfg ] || [ -e $(BIN)/python ] || [ -L $(BIN)/python ]; then \
		have=$$(version $(BIN)/python) || { \
			made=; exe=; [ ! -r $(VENV)/pyvenv.cfg ] || while IFS=' =' read -r key value; do \
				case $$key in version|version_info) made=" $$value";; executable|home) exe=" ($$value)";; esac; \
			done <$(VENV)/pyvenv.cfg; \
			echo "$(VENV) was made by Python$$made$$exe, which no longer runs: rm -rf $(VENV), then make again" >&2; \
			exit 1; }; \
		if ! supported "$$have"; then \
			echo "$(VENV) has Python $$have; $$needs: rm -rf $(VENV), then make again" >&2; exit 1; fi; \
		if [ -n "$$v" ] && [ "$${have%.*}" != "$${v%.*}" ]; then \
			if [ -n "$$given" ]; then echo "$(VENV) has Python $$have, not the $$v of PYTHON=$$python:" \
				"rm -rf $(VENV) to rebuild it with that, or leave PYTHON unset to keep it" >&2; exit 1; fi; \
			echo "keeping $(VENV) (Python $$have); a new one would use $$python ($$v):" \
				"rm -rf $(VENV) to switch" >&2; fi; \
	elif [ -z "$$v" ]; then \
		found=; for p in python3 python3.14 python3.10 python3.9; do \
			f=$$(version $$p) && found="$$found$${found:+, }$$p $$f"; done; \
		echo "$$needs to create $(VENV) (found: $${found:-none});" \
			"install one, or name it: make PYTHON=/path/to/python3.12" >&2; \
		exit 1; \
	else echo "creating $(VENV) with $$python (Python $$v)"; $$python -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-build-isolation --no-deps -e .
	touch $(READY)

clean:
	rm -rf _build

# A PNG of each map state of the built book, for review (Chromium; see benchmarks/screenshots.py).
screenshots: $(READY)
	$(BIN)/python -m benchmarks.screenshots
