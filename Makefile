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

# The benchmark's own environment holds the peers (trafilatura, GNE); QUICK=1 gives a short run.
BENCH_VENV ?= .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed
QUICK ?=
BENCH_OUT ?= bench-results
BENCH_ARGS := $(if $(QUICK),--quick,) --out $(BENCH_OUT)

.PHONY: run test eval eval-lists eval-entities bench bench-pages bench-crawl bench-archive bytecode lint venv lock clean run-distributed

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

$(BENCH_STAMP): bench/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $(BENCH_STAMP)

# Page-set throughput and quality against the peers, the crawl-scale run, then WARC cost and reprocess
# scaling; results in BENCH_OUT/.
bench: bench-pages bench-crawl bench-archive

# A deployed process loads the project's modules from cached bytecode, as the peers' installed packages do;
# where writing it is switched off (PYTHONDONTWRITEBYTECODE, as on CI hosts) every benchmarked process would
# compile ~150 modules again (0.15 s), which no user's process pays.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q crawler bench

bench-pages: $(STAMP) $(BENCH_STAMP) bytecode
	$(BIN)/python -m bench.pageset --shared $(SHARED) --peer-python $(BENCH_VENV)/bin/python $(if $(BENCH_DATA),--data $(BENCH_DATA),) $(BENCH_ARGS)

bench-crawl: $(STAMP) bytecode
	$(BIN)/python -m bench.crawl $(BENCH_ARGS)

bench-archive: $(STAMP) bytecode
	$(BIN)/python -m bench.archive $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check crawler tests scripts bench

eval: $(STAMP)
	$(BIN)/python scripts/eval.py --data $(DATA)

# The list reader on real column pages: the shared dev set and our own labelled pages (tests/real/lists).
LISTS_DATA ?= $(SHARED)/eval/lists-dev tests/real/lists
eval-lists: $(STAMP)
	$(BIN)/python scripts/eval_lists.py $(LISTS_DATA) --pages

# Entity and region scores on the hand-labelled seeds and the real labelled news (a set that is not there is
# skipped with a message); MISSES=1 lists every miss, false positive and wrong region.
eval-entities: $(STAMP)
	$(BIN)/python scripts/eval_entities.py tests/entities/labels tests/real/entities $(SHARED)/eval/entities-dev $(if $(MISSES),--misses,)

lock: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | grep -v -E '^(pytest|pytest-timeout|hypothesis|ruff|duckdb|iniconfig|pluggy|sortedcontainers)==' > constraints.txt

# Demo of distributed mode: N local workers share one crawl through Redis (docs/distributed.md).
WORKERS ?= 2
SPIDER ?= tianmen
REDIS_URL ?= redis://127.0.0.1:6379/0
run-distributed: $(STAMP)
	@DEVZONE_REDIS_URL='$(REDIS_URL)' $(BIN)/python -m crawler.distributed.launch $(SPIDER) --workers $(WORKERS) $(RUN_ARGS)

clean:
	rm -rf $(VENV) $(BENCH_VENV) $(BENCH_OUT) feeds archive .state .scrapy
