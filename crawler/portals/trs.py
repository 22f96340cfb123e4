"""TRS WCM (拓尔思): ``/<column>/YYYYMM/tYYYYMMDD_N.html`` articles, ``index_N.html`` lists, JS paging.

List pages are numbered from 0: ``index.html`` then ``index_1.html`` …; the pager is written by
``createPageHTML(pageCount, currentIndex, "index", "html")`` or by ``var countPage = N`` scripts.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from crawler.portals.family import Family, patterns

FAMILY = Family(
    name="trs",
    article_urls=patterns(
        r"/\d{6}/t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+(?:_\d+)?\.s?html?$",
        r"/t\d{5,8}\.s?html?$",  # WCM5 naming (t3714581.htm)
    ),
    list_urls=patterns(r"/(?:index|list|[a-z_]+?)(?:_\d+)?\.s?html?$", r"/[a-z0-9_]+/$"),
    markers=patterns(r"createPageHTML\s*\(", r"TRS_(?:Editor|UEDITOR)", r"CurrChnlCls", r"var\s+countPage\s*="),
)

CREATE_PAGE = re.compile(r"createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']\s*\)")
COUNT_PAGE = re.compile(r"var\s+countPage\s*=\s*(\d+)")
CURRENT_PAGE = re.compile(r"var\s+currentPage\s*=\s*(\d+)")
PAGE_FILE = re.compile(r"^(?P<name>[a-z_]+?)(?:_(?P<n>\d+))?\.(?P<ext>s?html?)$")


def _page_url(base: str, name: str, ext: str, index: int) -> str:
    return urljoin(base, f"{name}.{ext}" if index == 0 else f"{name}_{index}.{ext}")


def next_page(html: str, url: str) -> str | None:
    """The list page after this one, from the JS pager; None on the last page or without a pager."""
    for match in CREATE_PAGE.finditer(html):
        count, current, name, ext = int(match[1]), int(match[2]), match[3], match[4]
        if name.startswith("t") and name[1:2].isdigit():
            continue  # article pages call it with their own doc name (multi-page articles)
        return _page_url(url, name, ext, current + 1) if current + 1 < count else None
    count_match = COUNT_PAGE.search(html)
    if count_match:
        filename = urlsplit(url).path.rsplit("/", 1)[-1]
        file_match = PAGE_FILE.match(filename)
        name, ext = (file_match["name"], file_match["ext"]) if file_match else ("index", "html")
        current_match = CURRENT_PAGE.search(html)
        current = int(current_match[1]) if current_match else int((file_match and file_match["n"]) or 0)
        count = int(count_match[1])
        return _page_url(url, name, ext, current + 1) if current + 1 < count else None
    return None
