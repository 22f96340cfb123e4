"""A hand-written portal spider, as a site that really needs code would have (used by test_spider)."""

from __future__ import annotations

from scrapy import Spider

from crawler.spiders.portal import PortalSpider


class TianmenSpider(PortalSpider):
    name = "tianmen"
    custom_marker = "hand-written"


class StandaloneSpider(Spider):
    name = "standalone"
