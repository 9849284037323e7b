# mamoru: two commands do everything on a fresh machine (see README).
PY      ?= python3.11
# the newest supported Python, for the second test run (pyenv's, when not on PATH)
PY313   ?= $(shell for p in $(HOME)/.pyenv/versions/3.13*/bin/python3.13 \
                 "$$(command -v python3.13)"; do "$$p" -c '' 2>/dev/null && { echo "$$p"; break; }; done)
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
VENV313 := .venv313
STAMP313 := $(VENV313)/.installed
# setuptools' notices about editable installs are information, not problems: keep
# installs quiet (real errors still fail the step)
QUIET   := PYTHONWARNINGS=ignore

.PHONY: demo test test311 test313 lint bench clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "python3.11 not found"; exit 2; }
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(QUIET) $(BIN)/python -m pip install --quiet --upgrade pip
	$(QUIET) $(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,spark]'
	touch $(STAMP)

$(STAMP313): pyproject.toml constraints.txt
	@test -n "$(PY313)" || { echo "python3.13 not found (set PY313=)"; exit 2; }
	test -x $(VENV313)/bin/python || $(PY313) -m venv $(VENV313)
	$(QUIET) $(VENV313)/bin/python -m pip install --quiet --upgrade pip
	$(QUIET) $(VENV313)/bin/python -m pip install --quiet -c constraints.txt -e '.[dev,spark]'
	touch $(STAMP313)

# The main job on samples/: scan into an embedded SQLite inventory, list it by risk,
# then mask one Shift_JIS file for development use. Exit 1 (personal data found) is
# the expected outcome of a scan of samples, not an error.
demo: $(STAMP)
	rm -rf demo-out && mkdir -p demo-out
	export MAMORU_KEY_FILE=demo-out/key; \
	$(BIN)/mamoru scan samples --inventory demo-out/inventory.sqlite --format jsonl \
	    --output demo-out/findings.jsonl; test $$? -le 1 && \
	$(BIN)/mamoru inventory --inventory demo-out/inventory.sqlite; test $$? -le 1 && \
	$(BIN)/mamoru mask samples/employees_sjis.csv --out demo-out/employees_sjis.masked.csv
	@echo "findings: demo-out/findings.jsonl  inventory: demo-out/inventory.sqlite" \
	     " masked copy: demo-out/employees_sjis.masked.csv"

# the suite on the oldest and the newest supported Python (3.11 and 3.13)
test: lint test311 test313

test311: $(STAMP)
	$(BIN)/python -m pytest -q

test313: $(STAMP313)
	$(VENV313)/bin/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check mamoru scanner recognizers reports tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) $(VENV313) demo-out .pytest_cache
