# devzone-news: the two commands users need are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
DATA ?= $(SHARED)/eval/dev
# LIVE=1 crawls the real sites instead of replaying fixtures/; FULL=1 ignores the incremental state;
# GZIP=1 publishes .jsonl.gz feeds.
LIVE ?=
FULL ?=
GZIP ?=
RUN_ARGS := $(if $(LIVE),-s REPLAY_ENABLED=False,) $(if $(FULL),-s INCREMENTAL_RESET=True,) $(if $(GZIP),-s FEED_GZIP=True,)

.PHONY: run test eval bench lint venv lock clean run-distributed

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/scrapy crawlall $(RUN_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check crawler tests scripts

eval: $(STAMP)
	$(BIN)/python scripts/eval.py --data $(DATA)

lock: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | grep -v -E '^(pytest|pytest-timeout|hypothesis|ruff|duckdb|iniconfig|pluggy|Pygments|sortedcontainers)==' > constraints.txt

clean:
	rm -rf $(VENV) feeds .state .scrapy
