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

demo: $(STAMP)
	rm -rf demo-out && mkdir -p demo-out
	MAMORU_KEY_FILE=demo-out/key $(BIN)/mamoru scan samples --inventory demo-out/inventory.sqlite --format table; test $$? -le 1
	MAMORU_KEY_FILE=demo-out/key $(BIN)/mamoru inventory --inventory demo-out/inventory.sqlite

test: $(STAMP)
	$(BIN)/ruff check scanner recognizers reports tests benchmarks
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check scanner recognizers reports tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache
