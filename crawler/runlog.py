"""Scrapy's full log goes to a file per portal and run: ``<LOG_DIR>/<spider>/<run>[-<worker>].log``.

The file holds what the console no longer shows: the versions, the overridden settings, the enabled
components, every message at LOG_LEVEL, the monitors' reports and the stats dump. ``scrapy crawlall``
runs its portals one after another in one process, so each crawler, as it starts, moves the process's
log to its own file (``RunLogExtension``, first in EXTENSIONS: it is built before Scrapy logs the
crawler's settings). The crawl commands give every portal of a run the same ``RUN_LOG_STAMP``, so one
pattern names all of a run's files. A user's own ``LOG_FILE`` (``--logfile``) replaces these files, and
``--nolog`` writes none.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from pprint import pformat
from typing import TYPE_CHECKING

import scrapy
from scrapy.exceptions import NotConfigured
from scrapy.utils.log import TopLevelFormatter
from scrapy.utils.versions import get_versions

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

LOG_FILE_STAT = "log_file"  # where this portal's run log is (the run table prints it)
_current: logging.Handler | None = None


def run_stamp(now: datetime | None = None) -> str:
    """A run's name in log file names: its UTC start to the second, sortable and free of ``:``."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H-%M-%SZ")


def log_path(directory: Path, spider: str, stamp: str, worker: str = "") -> Path:
    return directory / spider / f"{stamp}{f'-{worker}' if worker else ''}.log"


def install(path: Path, settings: BaseSettings) -> logging.Handler:
    """Send every log record of the process (at LOG_LEVEL) to ``path``, instead of the previous run log."""
    global _current  # logging handlers are process-wide, and so is the run log
    path.parent.mkdir(parents=True, exist_ok=True)
    # Appended: two workers of a distributed run, or two runs started in the same second, lose nothing.
    handler = logging.FileHandler(path, mode="a", encoding=settings.get("LOG_ENCODING") or "utf-8")
    handler.setFormatter(logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT")))
    handler.setLevel(settings.get("LOG_LEVEL"))
    if settings.getbool("LOG_SHORT_NAMES"):
        handler.addFilter(TopLevelFormatter(["scrapy"]))
    close()
    logging.root.addHandler(handler)
    _current = handler
    # What Scrapy logs once per process, before any crawler: each portal's file starts with it.
    source = logging.getLogger("scrapy.utils.log")
    versions = pformat(dict(get_versions(settings.getlist("LOG_VERSIONS"))), sort_dicts=False)
    for message in (
        f"Scrapy {scrapy.__version__} started (bot: {settings.get('BOT_NAME')})",
        f"Versions:\n{versions}",
        f"Command line: {' '.join(sys.argv)}",
    ):
        handler.handle(source.makeRecord(source.name, logging.INFO, __file__, 0, message, None, None))
    return handler


def current() -> str | None:
    """The run log file records go to now, if any."""
    return _current.baseFilename if isinstance(_current, logging.FileHandler) else None


def close() -> None:
    """Close the current run log (the crawl commands call it when the process is done)."""
    global _current
    if _current is not None:
        logging.root.removeHandler(_current)
        _current.close()
        _current = None


class RunLogExtension:
    """Opens this crawler's run log when the crawler is built (EXTENSIONS, before everything else)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunLogExtension:
        settings = crawler.settings
        if settings.get("LOG_FILE") or not settings.getbool("RUN_LOG_ENABLED", True):
            raise NotConfigured("the user's LOG_FILE (or --nolog) decides where the log goes")
        stamp = settings.get("RUN_LOG_STAMP") or run_stamp()
        path = log_path(
            Path(settings.get("LOG_DIR") or "logs"),
            crawler.spidercls.name,
            stamp,
            settings.get("DISTRIBUTED_WORKER_ID") or "",
        )
        install(path, settings)
        assert crawler.stats is not None
        crawler.stats.set_value(LOG_FILE_STAT, str(path))
        return cls(path)
