# Two commands for a newcomer: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out

.PHONY: install demo test lint schema bench samples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/shinkyu convert samples/pdf/*.pdf --out $(OUT)
	@echo "JSON written to $(abspath $(OUT))/"

test: $(STAMP)
	$(BIN)/python -m pytest
	$(MAKE) lint

lint: $(STAMP)
	$(BIN)/ruff check extract normalize schemas shinkyu tests bench tools samples/make_layout_cases.py samples/corpus/make_corpus.py
	MYPY=$(abspath $(BIN))/mypy tools/typecheck.sh
	$(BIN)/python -m shinkyu.schemas.generate --check

schema: $(STAMP)
	$(BIN)/python -m shinkyu.schemas.generate

bench: $(STAMP)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/analysis_accuracy.py

# Needs chromium and LibreOffice (see samples/README.md); tests never do.
samples: $(STAMP)
	$(BIN)/python samples/make_samples.py
	$(BIN)/python samples/corpus/make_corpus.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
