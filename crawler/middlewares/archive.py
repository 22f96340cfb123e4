"""Keep every response the crawl receives, as received, in WARC files (crawler/archive; docs/archive.md).

It sits between the downloader and Scrapy's own middlewares (above the replay middleware, below the HTTP
cache, decompression, redirects and retries), so it sees what the server sent: gzip bodies still gzip,
redirects, error pages and every retry attempt, each with the request that fetched it. Files go to
``<ARCHIVE_DIR>/<spider>/<run date>/<spider>-<start time>[-<worker>]-<n>.warc.gz``, rotated at
ARCHIVE_MAX_BYTES. Stats: ``archive/records`` (responses archived, each with its request record),
``archive/bytes``, ``archive/files``; ``archive/write_errors`` when the disk refuses (logged as an error once:
the crawl goes on, and the monitors fail the run).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response

from crawler.archive.records import Capture
from crawler.archive.writer import ArchiveWriter
from crawler.extensions.summary import stats_path

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http.headers import Headers
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

# The request meta a reprocess needs to treat the page as the crawl did (crawler/commands/reprocess.py).
ARCHIVED_META = ("page_kind", "list_date", "list_title")


def archive_root(settings: BaseSettings) -> Path:
    """ARCHIVE_DIR, or ``archive`` beside the feeds directory (FEEDS_DIR), so the two travel together."""
    return Path(settings.get("ARCHIVE_DIR") or Path(settings.get("FEEDS_DIR", "feeds")).parent / "archive")


def header_pairs(headers: Headers) -> list[tuple[bytes, bytes]]:
    return [(name, value) for name, values in headers.items() for value in values]


class ArchiveMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.writer: ArchiveWriter | None = None
        self.failed = False
        crawler.signals.connect(self.spider_opened, signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveMiddleware:
        if not crawler.settings.getbool("ARCHIVE_ENABLED"):
            raise NotConfigured("ARCHIVE_ENABLED is off")
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        root = archive_root(settings)
        worker = settings.get("DISTRIBUTED_WORKER_ID") or ""
        prefix = stats_path(root, spider.name, datetime.now(UTC), worker).with_suffix("")
        self.writer = ArchiveWriter(
            prefix.parent,
            prefix.name,
            settings.getint("ARCHIVE_MAX_BYTES"),
            {"software": "devzone-news (Scrapy)", "spider": spider.name, "operator": settings.get("USER_AGENT", "")},
        )

    def spider_closed(self) -> None:
        if self.writer is not None:
            self.writer.close()
            for path in self.writer.files:
                logger.info("Archived responses in %s", path)

    def process_response(self, request: Request, response: Response) -> Response:
        if self.writer is None or response.headers.get("X-Replay") == b"missing":
            return response  # replay's stand-in for a page it does not have: nothing was fetched
        spider = self.crawler.spider
        meta = {key: request.meta[key] for key in ARCHIVED_META if key in request.meta}
        capture = Capture(
            url=response.url,
            status=response.status,
            headers=header_pairs(response.headers),
            body=response.body,
            fetched_at=datetime.now(UTC),
            meta={"spider": spider.name if spider else "", **meta},
            protocol=response.protocol or "HTTP/1.1",
            ip_address=str(response.ip_address) if response.ip_address else None,
            method=request.method,
            request_headers=header_pairs(request.headers),
            request_body=request.body,
        )
        stats = self.crawler.stats
        assert stats is not None
        try:
            written = self.writer.write(capture)
        except OSError as exc:
            stats.inc_value("archive/write_errors")
            if not self.failed:
                self.failed = True
                where = self.writer.directory
                logger.error("cannot write the WARC archive under %s (%s); the crawl goes on", where, exc)
            return response
        stats.inc_value("archive/records")
        stats.inc_value("archive/bytes", written)
        stats.set_value("archive/files", len(self.writer.files))
        return response
