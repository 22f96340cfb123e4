"""Drop anti-bot challenges, soft-404s and login walls before anything retries or parses them.

Detection is ``crawler.portals.blocked.detect_blocked``; this adapter counts ``blocked/<kind>`` and
``blocked/<kind>/<spider>``, logs once per (site, kind), and ignores the request: a challenge answered
by a retry is answered again, so the page is neither retried nor emitted. It sits above
RedirectMiddleware (600) so a WZWS redirect is seen before it is followed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response

from crawler.portals.blocked import detect_blocked

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class BlockedPageMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.logged: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockedPageMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        headers = {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        blocked = detect_blocked(response.status, headers, response.body, request.meta.get("page_kind"))
        if blocked is None:
            return response
        stats = self.crawler.stats
        assert stats is not None
        spider = self.crawler.spider.name if self.crawler.spider else "unknown"
        stats.inc_value(f"blocked/{blocked.kind}")
        stats.inc_value(f"blocked/{blocked.kind}/{spider}")
        site = urlsplit(response.url).netloc
        if (site, blocked.kind) not in self.logged:
            self.logged.add((site, blocked.kind))
            # INFO, like dropped items: a blocked page is an expected outcome, counted in stats; the run
            # monitors alert on the blocked *rate*, which is what tells a portal started blocking us.
            logger.info(
                "%s answers with a %s page (%s), first at %s; such pages are skipped, not retried",
                site,
                blocked.kind,
                blocked.reason,
                response.url,
            )
        raise IgnoreRequest(f"blocked ({blocked.kind}): {response.url}")
