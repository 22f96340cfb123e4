"""E-papers (数字报): Founder (方正) ``node_N.htm`` layout pages (版面) listing ``content_N.htm`` articles, and
the ``nbs.D…_NN.htm`` / ``nw.D…_YYYYMMDD_N-NN.htm`` kin of 人民日报-style papers.

An issue is a directory (``/html/YYYY-MM/DD/``, ``/pc/layout/YYYYMM/DD/``); its layout pages link each
other (``a#pageLink``, 下一版), so "pagination" is every other layout page of the same issue, the ones
after this page first (the next layout is the first of them).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from crawler import rx
from crawler.portals.family import Family, patterns
from crawler.portals.markup import parsed

FAMILY = Family(
    name="founder",
    article_urls=patterns(
        r"/(?P<y>\d{4})-(?P<m>\d{2})/(?P<d>\d{2})/content_\d+\.html?$",
        r"/(?P<y>\d{4})(?P<m>\d{2})/(?P<d>\d{2})/content_\d+\.html?$",
        r"/nw\.D\d+\w*?_(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+-\d+\.html?$",
    ),
    list_urls=patterns(r"/node_\w+\.html?$", r"/nbs\.D\d+\w*?_\d+\.html?$"),
    markers=patterns(r"enpproperty", r"founder-(?:content|title|date)", r"pagepicmap", r"id=[\"']?ozoom"),
)

LAYOUT = rx.compile(r"(?:^|/)(?:node_\w+|nbs\.D\d+\w*?_\d+)\.html?$")
DIGITS = rx.compile(r"\d+")


def _shape(path: str) -> str:
    return DIGITS.sub("#", path.rsplit("/", 1)[-1])


def same_layout(url: str, other: str) -> bool:
    """Whether two layout URLs are pages of one series (``node_2.htm`` and ``node_7.htm``)."""
    return _shape(urlsplit(url).path) == _shape(urlsplit(other).path)


def _number(url: str) -> int:
    numbers = DIGITS.findall(url.rsplit("/", 1)[-1])
    return int(numbers[-1]) if numbers else 0


def issue_pages(html: str, url: str) -> list[str]:
    """Every other layout page of this issue linked from this one (same directory): those numbered
    after this one first, in order (the first is the next layout), then the earlier ones."""
    base_dir = url.rsplit("/", 1)[0] + "/"
    found: list[str] = []
    for href in parsed(html).css("a::attr(href)").getall():
        absolute = urljoin(url, href.strip()).split("#")[0]
        path = urlsplit(absolute).path
        if not absolute.startswith(base_dir) or "/" in absolute[len(base_dir) :]:
            continue
        if (LAYOUT.search(path) or same_layout(absolute, url)) and absolute not in found:
            found.append(absolute)
    here = _number(url)
    same = sorted((u for u in found if same_layout(u, url) and u != url), key=_number)
    others = [u for u in found if u not in same and u != url]
    return [u for u in same if _number(u) > here] + [u for u in same if _number(u) < here] + others
