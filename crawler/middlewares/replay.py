"""Answer requests from saved responses under REPLAY_DIR, so crawls and tests run with no network.

Replayed responses keep their real URL, status and headers (charset included), so spiders and
pipelines cannot tell them from live ones. A URL with no saved response gets a 404 and a stats count.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes

from crawler.replay_index import ReplayIndex

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class ReplayMiddleware:
    def __init__(self, crawler: Crawler, root: Path) -> None:
        self.crawler = crawler
        self.index = ReplayIndex(root)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayMiddleware:
        if not crawler.settings.getbool("REPLAY_ENABLED"):
            raise NotConfigured("replay disabled: crawling live")
        return cls(crawler, Path(crawler.settings.get("REPLAY_DIR", "fixtures")))

    def process_request(self, request: Request) -> Response:
        stats = self.crawler.stats
        assert stats is not None
        saved = self.index.get(request.url)
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
        headers = Headers(saved.headers)
        body = saved.body()
        cls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return cls(url=request.url, status=saved.status, headers=headers, body=body, request=request)
