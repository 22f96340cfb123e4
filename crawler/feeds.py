"""Feed partitioning and crash-safe local feed storage (the Scrapy side of crawler/feedfiles.py).

Feeds are partitioned by spider and run date for the warehouse loader:
``<FEEDS_DIR>/<spider>/<run_date>/<spider>-<time>.jsonl`` (``.jsonl.gz`` with ``FEED_GZIP``).
"""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from w3lib.url import file_uri_to_path

from crawler.feedfiles import PART, PartFile, finalize, unused_stem
from crawler.page import CHINA_TZ

logger = logging.getLogger(__name__)
# A feed that could not be opened, or a line that could not be written (``/open``, ``/write``).
FAILED = "feeds/failed"
PUBLISHED = "feeds/published"  # list of the feed files this run published

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings


def uri_params(params: dict[str, Any], spider: Any) -> dict[str, Any]:
    """Adds ``run_date`` (China time) and ``feeds_dir`` (the FEEDS_DIR setting) to the feed URI."""
    return {
        **params,
        "run_date": datetime.now(CHINA_TZ).strftime("%Y-%m-%d"),
        "feeds_dir": spider.crawler.settings.get("FEEDS_DIR", "feeds"),
    }


def feed_roots(settings: BaseSettings, spider_name: str) -> list[Path]:
    """The fixed directory prefix of each per-spider local feed URI: where its ``.part`` files live.

    Only URIs partitioned by ``%(name)s`` count: a ``.part`` file elsewhere may belong to another spider.
    """
    roots = []
    for uri in settings.getdict("FEEDS"):
        path = file_uri_to_path(uri) if uri.startswith("file:") else uri
        if "://" in path or "%(name)s" not in path:
            continue  # remote storage, or a file not partitioned by spider: not ours to repair
        fixed = path.replace("%(name)s", spider_name).replace("%(feeds_dir)s", settings.get("FEEDS_DIR", "feeds"))
        head = fixed.split("%(", 1)[0]
        roots.append(Path(head if head.endswith("/") else str(Path(head).parent)))
    return roots


class FeedLedger:
    """The lines each crawl's local feed files confirmed (written whole and fsynced), and the failures.

    This is how the incremental state keeps its invariant: an article is recorded as emitted only after
    its line is durably in a feed file. Scrapy's FeedExporter writes an item's line in its
    ``item_scraped`` receiver, just before CrawlState's; CrawlState then takes what was confirmed since
    the previous item, and records the article only when some feed confirmed it and none failed.
    """

    _crawlers: ClassVar[WeakKeyDictionary[Any, FeedLedger]] = WeakKeyDictionary()

    def __init__(self) -> None:
        self.written: list[Path] = []
        self.failed = 0

    @classmethod
    def of(cls, crawler: Any) -> FeedLedger:
        """The crawler's ledger (shared by its feed storages and its CrawlState)."""
        return cls._crawlers.setdefault(crawler, cls())

    def take(self) -> tuple[list[Path], int]:
        """The files that confirmed a line, and the failed writes, since the last call."""
        written, failed = self.written, self.failed
        self.written, self.failed = [], 0
        return written, failed


class FeedUnwritable(OSError):
    """A feed file or its directory cannot be created: a read-only or full disk, a missing mount, a file
    where the directory should be."""


class LedgerFile(PartFile):
    """A ``.part`` file that reports every line it confirmed, or failed to write, to the crawl's ledger."""

    def __init__(self, path: Path, fsync: bool, ledger: FeedLedger, stats: Any) -> None:
        super().__init__(path, fsync)
        self.ledger = ledger
        self.stats = stats

    def write(self, data: bytes) -> int:
        try:
            written = super().write(data)
        except OSError:
            self.ledger.failed += 1
            if self.stats is not None:
                self.stats.inc_value(FAILED)
                self.stats.inc_value(f"{FAILED}/write")
            raise
        self.ledger.written.append(self.path)
        return written


class SafeFileFeedStorage:
    """Local feed storage that never leaves a torn line and never overwrites an earlier run's file.

    Replaces Scrapy's FileFeedStorage (which appends with buffered writes, so a killed run can leave half
    a line, and a JOBDIR restart can overwrite a batch file: scrapy#5153). ``FEED_GZIP`` compresses the
    finished file; ``FEED_FSYNC`` (default on) makes every line durable before the article is recorded
    as emitted in the incremental state.
    """

    def __init__(
        self,
        uri: str,
        *,
        compress: bool = False,
        fsync: bool = True,
        overwrite: bool = False,
        stats: Any = None,
        ledger: FeedLedger | None = None,
    ) -> None:
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.compress = compress
        self.fsync = fsync
        self.overwrite = overwrite  # `-O out.jsonl`: replace that file; otherwise never reuse a name
        self.stats = stats
        self.ledger = ledger or FeedLedger()
        self.final: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, uri: str, *, feed_options: dict[str, Any] | None = None) -> Any:
        settings = crawler.settings
        return cls(
            uri,
            compress=settings.getbool("FEED_GZIP"),
            fsync=settings.getbool("FEED_FSYNC", True),
            overwrite=bool((feed_options or {}).get("overwrite")),
            stats=crawler.stats,
            ledger=FeedLedger.of(crawler),
        )

    def probe(self) -> None:
        """Raise FeedUnwritable unless this feed's directory can be created and written now, so a crawl
        that could not keep what it fetches stops before fetching anything. Nothing is left behind: the
        test file goes in the deepest directory that exists (a run with nothing new leaves no empty
        directories); a file where a directory should be fails here too."""
        existing = next(p for p in (self.path.parent, *self.path.parent.parents) if p.exists() or p == p.parent)
        try:
            if not existing.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(existing))
            fd, name = tempfile.mkstemp(dir=existing, prefix=".probe-")
            os.close(fd)
            os.unlink(name)
        except OSError as exc:
            raise FeedUnwritable(exc.errno, f"feed directory {self.path.parent} cannot be written: {exc}") from exc

    def open(self, spider: Spider) -> PartFile:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            stem = self.path if self.overwrite else unused_stem(self.path)
            return LedgerFile(Path(str(stem) + PART), self.fsync, self.ledger, self.stats)
        except OSError as exc:
            self.ledger.failed += 1
            raise FeedUnwritable(exc.errno, f"feed file {self.path} cannot be opened: {exc}") from exc

    def store(self, file: PartFile) -> None:
        try:
            file.flush()
            self.final = finalize(file.path, self.compress)
            logger.info("Published feed file %s", self.final)
            if self.stats is not None:  # the run table's feed column
                published = self.stats.get_value(PUBLISHED, [])
                self.stats.set_value(PUBLISHED, [*published, str(self.final)])
        finally:
            file.close()
