"""Dated start URLs (e-paper issues): one list page per issue day, newest first."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from scrapy.exceptions import UsageError
from scrapy.utils.test import get_crawler

from crawler.portals.issues import MAX_ISSUE_DAYS, issue_days, start_urls
from crawler.portals.registry import RegistryError, parse_portal
from crawler.spiders.portal import PortalSpider

TEMPLATE = "http://epaper.founder-demo.test/sfrb/html/{date:%Y-%m/%d}/node_1.htm"
ENTRY = {
    "name": "sfrb",
    "site_name": "示范日报",
    "region": {"province": "江西省"},
    "allowed_domains": ["epaper.founder-demo.test"],
    "start_urls": [TEMPLATE, "http://epaper.founder-demo.test/sfrb/index.htm"],
}


def test_issue_days_newest_first_and_bounded() -> None:
    assert issue_days(None, date(2024, 5, 12)) == [date(2024, 5, 12)]
    assert issue_days(date(2024, 5, 10), date(2024, 5, 12)) == [date(2024, 5, 12), date(2024, 5, 11), date(2024, 5, 10)]
    assert len(issue_days(date(2000, 1, 1), date(2024, 5, 12))) == MAX_ISSUE_DAYS


def test_only_dated_start_urls_are_expanded() -> None:
    assert start_urls((TEMPLATE, "http://x.test/index.htm"), date(2024, 4, 30), date(2024, 5, 1)) == [
        "http://epaper.founder-demo.test/sfrb/html/2024-05/01/node_1.htm",
        "http://epaper.founder-demo.test/sfrb/html/2024-04/30/node_1.htm",
        "http://x.test/index.htm",
    ]


def test_a_dated_start_url_is_validated_as_a_url() -> None:
    with pytest.raises(RegistryError, match="outside allowed_domains"):
        parse_portal({**ENTRY, "start_urls": ["http://{date:%Y}.other.test/"]}, "seeds/sfrb.yaml")


def start_requests(**kwargs: str) -> list[str]:
    cls = type("SfrbSpider", (PortalSpider,), {"name": "sfrb", "portal": parse_portal(ENTRY, "seeds/sfrb.yaml")})
    spider = cls.from_crawler(get_crawler(cls), **kwargs)

    async def collect() -> list[str]:
        return [request.url async for request in spider.start()]

    return asyncio.run(collect())


def test_the_spider_visits_each_issue_from_since_to_until() -> None:
    assert start_requests(since="2024-05-11", until="2024-05-12") == [
        "http://epaper.founder-demo.test/sfrb/html/2024-05/12/node_1.htm",
        "http://epaper.founder-demo.test/sfrb/html/2024-05/11/node_1.htm",
        "http://epaper.founder-demo.test/sfrb/index.htm",
    ]


def test_since_after_until_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="after until"):
        start_requests(since="2024-05-13", until="2024-05-12")
