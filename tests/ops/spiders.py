"""A test spider that reads list-entry dates, standing in for the portal spider's side of the contract
(article requests carry ``page_kind`` and ``list_date``; list requests carry ``page_kind="list"``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.http import Response

from crawler.page import Page, PortalContext


class DatedListSpider(Spider):
    name = "dated"

    def __init__(self, start: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_url = start

    async def start(self) -> AsyncIterator[Request]:
        yield Request(self.start_url, callback=self.parse_list, meta={"page_kind": "list"})

    def parse_list(self, response: Response) -> Iterator[Request]:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("portal/list_pages")
        for entry in response.css("ul.list li"):
            meta = {"page_kind": "article", "list_date": entry.css("span::text").get()}
            yield response.follow(entry.css("a::attr(href)").get(), self.parse_article, meta=meta)
        for href in response.css("a.next::attr(href)").getall():
            yield response.follow(href, self.parse_list, meta={"page_kind": "list"})

    def parse_article(self, response: Response) -> Iterator[Page]:
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        yield Page(
            url=response.url,
            body=response.body,
            status=response.status,
            headers={"content-type": content_type},
            portal=PortalContext(spider=self.name, site_name="测试门户"),
        )


class BlockPageStandIn:
    """Downloader middleware standing in for the portals helper's blocked-page detection: it counts
    ``blocked/<reason>`` per block page, which is all the blocked-rate monitor relies on."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> BlockPageStandIn:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if "请输入验证码".encode() in response.body:
            self.crawler.stats.inc_value("blocked/captcha")
        return response
