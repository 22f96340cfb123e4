"""Scrapy's RedirectMiddleware, counting the redirects it gives up on (loops, chains too long).

The stock middleware drops such requests with a DEBUG line and no stats, so a portal stuck in a redirect
loop would lose pages silently. Here each give-up is counted under ``redirect/refused/<reason>``.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response


class CountedRedirectMiddleware(RedirectMiddleware):
    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            stats = self.crawler.stats
            assert stats is not None
            stats.inc_value("redirect/refused")
            stats.inc_value(f"redirect/refused/{str(exc).replace(' ', '_')}")
            raise
