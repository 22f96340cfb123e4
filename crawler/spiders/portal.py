"""The generic portal spider: one instance per registry entry (see crawler/spiderloader.py).

It walks the portal's list pages, follows pagination, and yields each article page as a ``Page``
item; the item pipelines do all decoding and extraction.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.http import Response
from scrapy.settings import BaseSettings

from crawler.page import Page, PortalContext
from crawler.portals.links import article_family, list_family
from crawler.portals.registry import Portal


class PortalSpider(Spider):
    """Base for registry-derived spiders; ``portal`` is set on each generated subclass."""

    portal: ClassVar[Portal]

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        politeness = cls.portal.politeness
        for domain in cls.portal.allowed_domains:
            slot: dict[str, Any] = {}
            if "download_delay" in politeness:
                slot["delay"] = politeness["download_delay"]
            if "concurrency" in politeness:
                slot["concurrency"] = int(politeness["concurrency"])
            if slot:
                slots[domain] = slot
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")

    @property
    def allowed_domains(self) -> list[str]:  # type: ignore[override]
        return list(self.portal.allowed_domains)

    def context(self) -> PortalContext:
        return PortalContext(
            spider=self.name,
            site_name=self.portal.site_name,
            region=self.portal.region or None,
            selectors=self.portal.selectors,
        )

    async def start(self) -> AsyncIterator[Request]:
        for url in self.portal.start_urls:
            yield Request(url, callback=self.parse_list, cb_kwargs={"page_no": 1})

    def _on_site(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""  # no port or userinfo: allowed_domains are host names
        return any(host == d or host.endswith("." + d) for d in self.portal.allowed_domains)

    def parse_list(self, response: Response, page_no: int) -> Iterator[Request]:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("portal/list_pages")
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if not self._on_site(url):
                continue
            if article_family(url):
                yield Request(url, callback=self.parse_article)
            elif list_family(url) and page_no < self.portal.max_list_pages:
                yield Request(url, callback=self.parse_list, cb_kwargs={"page_no": page_no + 1})

    def parse_article(self, response: Response) -> Iterator[Page]:
        headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        yield Page(
            url=response.url,
            body=response.body,
            status=response.status,
            headers=headers,
            portal=self.context(),
            meta={
                "referer": response.request.headers.get("Referer", b"").decode("latin-1") if response.request else ""
            },
        )
