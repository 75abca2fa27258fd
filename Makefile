# Two commands for a newcomer: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    ?= out

.PHONY: install demo test browser lint schema bench bench-ocr samples clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/shinkyu convert samples/pdf/*.pdf samples/scans/excel-fee-ordinance-150-skew.pdf --out $(OUT)
	@echo "JSON written to $(abspath $(OUT))/"

test: $(STAMP) browser
	$(BIN)/python -m pytest
	$(MAKE) lint

# The review report is tested in a real browser: headless Chromium from Debian, installed when
# missing and apt-get is there (CI runs as root); without it that one test is skipped.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "chromium not installed and apt-get not usable: the browser test will be skipped"

lint: $(STAMP)
	$(BIN)/ruff check extract normalize schemas shinkyu tests bench tools samples/make_layout_cases.py samples/corpus/make_corpus.py samples/print_cases.py samples/make_scans.py
	MYPY=$(abspath $(BIN))/mypy tools/typecheck.sh
	$(BIN)/python -m shinkyu.schemas.generate --check

schema: $(STAMP)
	$(BIN)/python -m shinkyu.schemas.generate

bench: $(STAMP)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/analysis_accuracy.py

# Scans read by OCR (about 15 minutes; the Tesseract baseline needs tesseract-ocr-jpn).
bench-ocr: $(STAMP)
	$(BIN)/python bench/ocr.py

# Needs chromium and LibreOffice (see samples/README.md); tests never do.
samples: $(STAMP)
	$(BIN)/python samples/make_samples.py
	$(BIN)/python samples/corpus/make_corpus.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
