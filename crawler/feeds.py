"""Feed partitioning and crash-safe local feed storage (the Scrapy side of crawler/feedfiles.py).

Feeds are partitioned by spider and run date for the warehouse loader:
``<FEEDS_DIR>/<spider>/<run_date>/<spider>-<time>.jsonl`` (``.jsonl.gz`` with ``FEED_GZIP``).
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from w3lib.url import file_uri_to_path

from crawler.feedfiles import PART, PartFile, finalize, unused_stem
from crawler.page import CHINA_TZ

logger = logging.getLogger(__name__)
WRITE_ERRORS = "feeds/write_errors"
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


class FailureCountingFile(PartFile):
    """Counts failed line writes in ``feeds/write_errors``: CrawlState does not record an article whose
    line could not be written (it is fetched again next run instead of being lost)."""

    def __init__(self, path: Path, fsync: bool, stats: Any) -> None:
        super().__init__(path, fsync)
        self.stats = stats

    def write(self, data: bytes) -> int:
        try:
            return super().write(data)
        except OSError:
            if self.stats is not None:
                self.stats.inc_value(WRITE_ERRORS)
            raise


class SafeFileFeedStorage:
    """Local feed storage that never leaves a torn line and never overwrites an earlier run's file.

    Replaces Scrapy's FileFeedStorage (which appends with buffered writes, so a killed run can leave half
    a line, and a JOBDIR restart can overwrite a batch file: scrapy#5153). ``FEED_GZIP`` compresses the
    finished file; ``FEED_FSYNC`` (default on) makes every line durable before the article is recorded
    as emitted in the incremental state.
    """

    def __init__(
        self, uri: str, *, compress: bool = False, fsync: bool = True, overwrite: bool = False, stats: Any = None
    ) -> None:
        self.path = Path(file_uri_to_path(uri) if uri.startswith("file:") else uri)
        self.compress = compress
        self.fsync = fsync
        self.overwrite = overwrite  # `-O out.jsonl`: replace that file; otherwise never reuse a name
        self.stats = stats
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
        )

    def open(self, spider: Spider) -> PartFile:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        stem = self.path if self.overwrite else unused_stem(self.path)
        return FailureCountingFile(Path(str(stem) + PART), fsync=self.fsync, stats=self.stats)

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
