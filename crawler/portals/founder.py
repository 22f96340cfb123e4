"""Founder (方正) e-papers: ``node_N.htm`` layout pages (版面) list ``content_N.htm`` articles.

An issue is a directory ``/html/YYYY-MM/DD/`` (or ``/YYYYMM/DD/``); its layout pages link each other
(``a#pageLink``, 下一版), so "pagination" is every other layout page of the same issue.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from crawler.portals.family import Family, patterns
from crawler.portals.markup import parsed

FAMILY = Family(
    name="founder",
    article_urls=patterns(
        r"/(?P<y>\d{4})-(?P<m>\d{2})/(?P<d>\d{2})/content_\d+\.html?$",
        r"/(?P<y>\d{4})(?P<m>\d{2})/(?P<d>\d{2})/content_\d+\.html?$",
    ),
    list_urls=patterns(r"/node_\w+\.html?$"),
    markers=patterns(r"enpproperty", r"founder-(?:content|title|date)", r"pagepicmap", r"id=[\"']?ozoom"),
)

NODE = re.compile(r"(?:^|/)node_\w+\.html?$")


def issue_pages(html: str, url: str) -> list[str]:
    """Every layout page of this issue linked from this one (same directory), in page order."""
    base_dir = url.rsplit("/", 1)[0] + "/"
    found: list[str] = []
    for href in parsed(html).css("a::attr(href)").getall():
        absolute = urljoin(url, href.strip())
        if NODE.search(absolute) and absolute.startswith(base_dir) and absolute != url and absolute not in found:
            found.append(absolute)
    return found
