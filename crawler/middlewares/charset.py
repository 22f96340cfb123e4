"""Re-decode responses whose declared charset is wrong (GBK bodies served as charset=utf-8).

Scrapy lets the HTTP header win over the page; gov portals often send a wrong header. The text layer
decides the real charset from the bytes, and list-page spiders then read correct text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.http import Request, Response, TextResponse
from w3lib.encoding import resolve_encoding

from crawler.text import detect_encoding

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class CharsetMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, TextResponse) or not response.body:
            return response
        if request.meta.get("page_kind") == "article":
            # spiders hand article bytes to the pipelines, whose decode step decides the charset itself
            # (counted as text/flags/charset_redecoded); detecting it here too would double the cost
            return response
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        real = resolve_encoding(detect_encoding(response.body, content_type))
        if real and real != resolve_encoding(response.encoding):
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("charset/redecoded")
            self.crawler.stats.inc_value(f"charset/redecoded/{response.encoding}->{real}")
            return response.replace(encoding=real)
        return response
