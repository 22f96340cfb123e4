"""List pages -> entries (link, title, the date the list shows), the input to incremental crawling.

A list entry's date is read from its own row (``<li><a>…</a><span>2021-07-08</span></li>``), else
from the article URL itself. Hanweb records hidden in CDATA are parsed like rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

from parsel import Selector

from crawler.portals import hanweb
from crawler.portals.links import article_family, article_url, url_date
from crawler.portals.markup import parsed

DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
ROW = "ancestor::*[self::li or self::tr or self::dd or self::dt or self::p or self::div or self::td][1]"
# A row holding more links than this is a block of entries, not one entry: its dates are not this link's.
MAX_LINKS_PER_ROW = 3


@dataclass(frozen=True)
class ListEntry:
    url: str
    title: str
    date: date | None


def parse_date(text: str) -> date | None:
    """The first plausible calendar date in ``text`` (2021-07-08, 2021/7/8, 2021年7月8日)."""
    for match in DATE.finditer(text):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


def _row_date(anchor: Selector) -> date | None:
    for row in anchor.xpath(ROW):
        if len(row.xpath(".//a")) <= MAX_LINKS_PER_ROW:
            return parse_date(" ".join(row.xpath(".//text()").getall()))
    return None


def _anchors(markup: str, area: str | None) -> Iterable[Selector]:
    fragments = hanweb.records(markup)
    if fragments:
        for fragment in fragments:
            yield from Selector(text=fragment).xpath("//a[@href]")
        return
    root = parsed(markup)
    scopes = root.css(area) if area else [root]
    for scope in scopes:
        yield from scope.xpath(".//a[@href]")


def list_entries(
    markup: str, url: str, area: str | None = None, article_urls: Iterable[re.Pattern[str]] = ()
) -> list[ListEntry]:
    """Article links of a list page, in page order, once each, with the date their row shows.

    ``area`` (a CSS selector from the registry) limits the search to the list block; ``article_urls``
    are the portal's own article URL patterns, tried before the CMS shapes.
    """
    extra = tuple(article_urls)
    entries: dict[str, ListEntry] = {}
    for anchor in _anchors(markup, area):
        href = (anchor.attrib.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        link = urljoin(url, href.replace("&amp;", "&"))
        if not article_family(link, extra):
            continue
        link = article_url(link, extra)
        if link in entries:
            continue
        title = (anchor.attrib.get("title") or " ".join(anchor.xpath(".//text()").getall())).strip()
        entries[link] = ListEntry(url=link, title=" ".join(title.split()), date=_row_date(anchor) or url_date(link))
    return list(entries.values())
