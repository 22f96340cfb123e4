"""Production settings. Every value that differs from Scrapy's default says why."""

from __future__ import annotations

import os

BOT_NAME = "devzone_news"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
# One spider per registry entry in seeds/ (see crawler/spiderloader.py), plus any spider classes.
SPIDER_LOADER_CLASS = "crawler.spiderloader.RegistrySpiderLoader"
COMMANDS_MODULE = "crawler.commands"
PORTAL_REGISTRY_DIR = "seeds"

# Identify ourselves truthfully: government webmasters ask for a contact in the User-Agent. Deployments
# set their own contact page (DEVZONE_CONTACT_URL or -s CONTACT_URL=…); USER_AGENT is built from it when
# the crawl starts (crawler/useragent.py) unless USER_AGENT itself is set.
CONTACT_URL = os.environ.get("DEVZONE_CONTACT_URL", "https://github.com/devzone-news")
ROBOTSTXT_OBEY = True

# Politeness: gov portals are small servers. AutoThrottle adapts to their latency.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Every article response yields one item, so concurrency among one response's items buys nothing (pages of
# different responses are processed side by side by the worker pool anyway); Scrapy starts CONCURRENT_ITEMS
# asyncio workers per callback output, and the default 100 cost ~20% of a crawl's CPU (bench/crawl.py,
# BENCHMARKS.md). Not 1: a JOBDIR resume then stalls after its first page (tests/ops/test_crash_resume.py
# hangs), so keep a few.
CONCURRENT_ITEMS = 8
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
# 20 MB pages exist (scanned notices inlined as base64); anything bigger is not an article.
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
# A redirect loop costs REDIRECT_MAX_TIMES + 1 requests per URL; real portal chains are 1-2 hops.
REDIRECT_MAX_TIMES = 5
# Unattended runs: close the spider before a leak takes the machine down (Scrapy's default is no limit).
MEMUSAGE_LIMIT_MB = 2048
MEMUSAGE_WARNING_MB = 1536
# Never fetch private/loopback/link-local addresses, even by redirect (docs/hardening.md). Tests against
# a local server allow "loopback" only.
ADDRESS_GUARD_ENABLED = True
ADDRESS_GUARD_ALLOW: list[str] = []

# Scrapy 2.19 turns on a code-executing HTTP control server by default; never in production.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

# Offline replay from fixtures/ is the default (make run needs no network); LIVE=1 turns it off.
REPLAY_ENABLED = True
REPLAY_DIR = "fixtures"
# More replay sources: WARC files (a crawl's own archive), directories of them, saved-page directories;
# so a user's archive replays in tests exactly as fixtures/ does. Later sources win for the same URL.
REPLAY_SOURCES: list[str] = []

# Keep every response as received in WARC files (docs/archive.md), so improved extraction can be re-run
# over past crawls (`scrapy reprocess`) instead of re-crawling slow portals. Empty ARCHIVE_DIR: `archive`
# beside FEEDS_DIR. Files rotate at 1 GB, the size archiving tools (Heritrix, wget) default to.
ARCHIVE_ENABLED = True
ARCHIVE_DIR = ""
ARCHIVE_MAX_BYTES = 1024**3

DOWNLOADER_MIDDLEWARES = {
    # Scrapy's robots.txt middleware, also counting refusals as errors/robots/<host> for the run table.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.errors.CountedRobotsTxtMiddleware": 100,
    # Below RetryMiddleware (550): counts each request's final failure by cause and host (errors/<cause>).
    "crawler.middlewares.errors.ErrorCountMiddleware": 540,
    # Gov sites lie about charsets in their headers; fix response.encoding before spiders read text.
    "crawler.middlewares.charset.CharsetMiddleware": 560,
    # Anti-bot challenges, soft-404s, login walls: counted and ignored before redirect/retry see them;
    # challenging hosts cool off across runs (below). (412/521 are not in RETRY_HTTP_CODES; keep them out.)
    "crawler.middlewares.blocked.BlockedPageMiddleware": 650,
    # Below the HTTP cache, decompression, redirects and retries: archives what the server sent.
    "crawler.middlewares.archive.ArchiveMiddleware": 920,
    # Closest to the downloader, so every other middleware sees replayed responses as live ones.
    "crawler.middlewares.replay.ReplayMiddleware": 950,
    # Same place as the stock one; also counts the redirects it gives up on (loops) in stats.
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.redirects.CountedRedirectMiddleware": 600,
    # Last before the network (replayed requests never reach it, so offline runs resolve nothing).
    "crawler.middlewares.address_guard.AddressGuardMiddleware": 990,
}

ITEM_PIPELINES = {
    # Screen, decode, extract, entities, assemble, validate: in worker processes, results in arrival order.
    "crawler.pipelines.steps.ProcessPipeline": 100,
    "crawler.pipelines.dedup.RepostPipeline": 500,
    # Last: the fields a pipeline changed after validation are validated again (the rest were, in the
    # worker; validating every row twice took a third of the crawl process's time per page).
    "crawler.pipelines.rowcheck.RowCheckPipeline": 800,
}

# Page processing runs in worker processes (crawler/workers.py), so the reactor keeps downloading while a
# page is processed and one hostile page cannot stall or exhaust the crawl. 0 = one worker per usable core.
PROCESS_WORKERS = 0
# True: pages are processed on the reactor thread, with no worker process and so no time or memory budget.
# Only for pages known to be harmless: `scrapy reprocess -j 1` over one's own archive sets it.
PROCESS_IN_PROCESS = False
# A page still unprocessed after this many seconds is dropped (pages_dropped/budget_time) and its worker
# replaced: real articles take tens of milliseconds, pathological markup can hold lxml for a minute.
PROCESS_TIME_BUDGET = 5.0
# Memory one page may take beyond a warmed worker's tables (pages_dropped/budget_memory past it): a 20 MB
# page (DOWNLOAD_MAXSIZE) of ordinary markup needs a fraction of this; text-and-<br> floods need gigabytes.
PROCESS_MEMORY_BUDGET_MB = 500
# What a worker runs per page (Page -> crawler.workers.Outcome); a test or a project wrapping the core may
# point it elsewhere.
PROCESS_FUNCTION = "crawler.workers.process"

# Scheduled operation (docs/operations.md). The incremental state remembers what each portal emitted and
# the repost index; `make run FULL=1` passes INCREMENTAL_RESET=True for a full re-crawl.
STATE_DIR = ".state"
# Backups of the SQLite state after each good run (STATE_DIR/backups): a damaged state file is replaced by
# the newest sound one at start instead of failing every portal or passing for an empty state.
STATE_BACKUPS = 3
STATE_BACKEND = "crawler.state.sqlite.from_settings"  # a (settings, namespace) -> StateStore factory
INCREMENTAL_RESET = False
SPIDER_MIDDLEWARES = {"crawler.middlewares.incremental.IncrementalMiddleware": 950}
# JOBDIR must not persist "requests seen": a killed run's in-flight articles would never be fetched again.
DUPEFILTER_CLASS = "crawler.middlewares.incremental.RunDupeFilter"
EXTENSIONS = {
    # Mask URL passwords (REDIS_URL, proxies) and credential headers in every log line.
    "crawler.logsafety.LogSafetyExtension": 0,
    # Each portal's full log in logs/<spider>/<run>.log, opened before Scrapy logs the crawler's settings.
    "crawler.runlog.RunLogExtension": 1,
    "crawler.extensions.offline_psl.OfflinePublicSuffixList": 0,
    # A JOBDIR a kill left half-written is set aside before the scheduler reads it (or every run dies).
    "crawler.extensions.jobdir.JobdirGuard": 0,
    "crawler.extensions.state.CrawlState": 100,  # after FeedExporter (0): records a line once it is written
    # Every article URL without an item is counted under one pages_dropped/<reason>, so the numbers add up.
    "crawler.extensions.accounting.ArticleAccounting": 100,
    "spidermon.contrib.scrapy.extensions.Spidermon": 500,
    "crawler.extensions.summary.RunSummary": 900,  # after Spidermon: the summary includes monitor results
    # What the process holds once the crawl is open is never walked by the collector again (pauses).
    "crawler.extensions.gc_freeze.FreezeStartup": 0,
}

FEED_EXPORT_ENCODING = "utf-8"  # otherwise every Chinese character is \u-escaped
FEED_STORE_EMPTY = False  # incremental runs often find nothing new; no empty files for the loader
FEEDS_DIR = "feeds"
FEEDS = {
    "%(feeds_dir)s/%(name)s/%(run_date)s/%(name)s-%(time)s.jsonl": {
        "format": "jsonlines",
        "encoding": "utf-8",
        "item_classes": ["crawler.items.Article"],
    },
}
FEED_URI_PARAMS = "crawler.feeds.uri_params"
# Local feeds are written as .part files and published whole at the end (crash-safe; scrapy#5153).
FEED_STORAGES = {"": "crawler.feeds.SafeFileFeedStorage", "file": "crawler.feeds.SafeFileFeedStorage"}
FEED_GZIP = False  # True: publish <name>.jsonl.gz
FEED_FSYNC = True  # each line is on disk before its article is recorded as emitted
RUN_STATS_DIR = ""  # per-run JSON stats; empty = <FEEDS_DIR>/_stats

# Monitors (crawler/monitors.py): a failure makes `scrapy crawl` / `scrapy crawlall` exit 1.
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ("crawler.monitors.CloseMonitors",)
SPIDERMON_ADD_FIELD_COVERAGE = True
SPIDERMON_FIELD_COVERAGE_SKIP_IF_NO_ITEM = True  # an incremental run may rightly find nothing new
SPIDERMON_FIELD_COVERAGE_SKIP_NONE = True  # a null published_date is a missing date, not coverage
# Every article has a title and a body; a portal whose pages stop yielding dates has changed template.
SPIDERMON_FIELD_COVERAGE_RULES = {"Article/title": 1.0, "Article/body": 1.0, "Article/published_date": 0.8}
SPIDERMON_MAX_ERRORS = 0
SPIDERMON_MAX_WARNINGS = 0
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
MONITOR_MIN_LIST_PAGES = 1  # zero new items is fine, zero list pages read is a broken portal
MONITOR_MAX_BLOCKED_RATE = 0.2
MONITOR_MAX_SCHEMA_INVALID = 0  # rows dropped as pages_dropped/schema_invalid
# A portal blocked (list pages challenged or cooling off, none read) this many runs in a row fails.
MONITOR_MAX_BLOCKED_RUNS = 3

# Hosts that answer with a challenge are left alone for BASE seconds, doubling with each further blocked
# run up to MAX, and retried after (crawler/portals/cooloff.py). Live crawls only: a replay has no server.
BLOCKED_COOLOFF_ENABLED = True
BLOCKED_COOLOFF_KINDS = ["ruishu", "jsl", "wzws", "waf", "captcha"]
BLOCKED_COOLOFF_BASE = 3600
BLOCKED_COOLOFF_FACTOR = 2.0
BLOCKED_COOLOFF_MAX = 7 * 24 * 3600

# Inert unless REDIS_URL is set; then this crawl is one worker of a fleet (docs/distributed.md).
ADDONS = {"crawler.distributed.addon.DistributedAddon": 0, "crawler.useragent.UserAgentAddon": 0}
# From the environment too, so a Redis password need not appear on command lines (visible in `ps`).
REDIS_URL = os.environ.get("DEVZONE_REDIS_URL", "")

LOG_LEVEL = "INFO"
# The console is for people (progress lines and the run table, crawler/console); Scrapy's full log goes to
# LOG_DIR/<spider>/<run>.log (crawler/runlog.py). --verbose or -L LEVEL brings it back to the console.
LOG_DIR = "logs"
RUN_LOG_ENABLED = True
CONSOLE_INTERVAL = 60  # seconds between progress lines when the console is not a terminal (cron, CI)
# A dropped page is an expected outcome (not an article, blocked, duplicate), counted in stats by
# reason; logging each at WARNING would drown real warnings.
DEFAULT_DROPITEM_LOG_LEVEL = "INFO"
