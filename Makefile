# mamoru: two commands do everything on a fresh machine (see README).
PY      ?= python3.11
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "python3.11 not found"; exit 2; }
	$(PY) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

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

test: $(STAMP)
	$(BIN)/ruff check mamoru scanner recognizers reports tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check mamoru scanner recognizers reports tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache
