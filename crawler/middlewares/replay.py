"""Answer requests from saved responses, so crawls and tests run with no network.

The sources are REPLAY_DIR (saved pages in the fixtures layout) and every path in REPLAY_SOURCES: WARC files
(a crawl's own archive, crawler/archive), directories of them, or more saved-page directories; a later
source overrides an earlier one for the same URL. Replayed responses keep their real URL, status, headers
(charset and content coding included) and body bytes, so spiders and pipelines cannot tell them from live
ones. A request whose meta names a response (``replay_record``: a WARC file and offset, or a saved page's
``info.json``, as ``scrapy reprocess`` asks) gets that very response. A URL with no saved response gets a
404 and a stats count.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes

from crawler.archive.records import load
from crawler.replay_index import Replayed, ReplayIndex, load_saved

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)
RECORD_META = "replay_record"


def replay_roots(settings: BaseSettings) -> list[Path]:
    """REPLAY_DIR (may be absent: then it only adds nothing), then REPLAY_SOURCES (each must exist)."""
    roots = [Path(d)] if (d := settings.get("REPLAY_DIR", "fixtures")) else []
    for source in settings.getlist("REPLAY_SOURCES"):
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"REPLAY_SOURCES: no such archive or directory: {path}")
        roots.append(path)
    return roots


class ReplayMiddleware:
    def __init__(self, crawler: Crawler, roots: list[Path]) -> None:
        self.crawler = crawler
        self.index = ReplayIndex(*roots)
        for problem in self.index.torn:
            logger.warning("replay: an archive ends in a damaged record, served up to the last whole one: %s", problem)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        if not crawler.settings.getbool("REPLAY_ENABLED"):
            raise NotConfigured("replay disabled: crawling live")
        return cls(crawler, replay_roots(crawler.settings))

    def process_request(self, request: Request) -> Response:
        stats = self.crawler.stats
        assert stats is not None
        record = request.meta.get(RECORD_META)
        saved: Replayed | None
        if record is None:
            saved = self.index.get(request.url)
        elif isinstance(record, str):
            saved = load_saved(Path(record))  # a saved page's info.json
        else:
            saved = load(*record)  # a WARC file and offset
        if saved is None:
            robots = request.url.endswith("/robots.txt")
            stats.inc_value("replay/robots_missing" if robots else "replay/missing")
            return Response(
                request.url,
                status=404,
                body=b"replay: no saved response for this URL",
                headers={"X-Replay": "missing"},
                request=request,
            )
        stats.inc_value("replay/hit")
        headers = Headers()
        pairs = saved.headers.items() if isinstance(saved.headers, dict) else saved.headers
        for name, value in pairs:
            headers.appendlist(name, value)
        body = saved.body()
        cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return cls(url=request.url, status=saved.status, headers=headers, body=body, request=request)
