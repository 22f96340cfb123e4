"""Node/content CMS sites (``/n3/n13/index.html`` columns, ``/n3/n13/c672769/content.html`` articles): the
platform of sasac.gov.cn and many municipal and state-owned-enterprise sites.

A column's list is a component (``<div id="comp_958">``) whose further pages are fragments
``index_958_<k>.html`` numbered backwards: the newest page is ``index_958_<maxPageNum>``, so the page
after the column page is ``<maxPageNum - 1>``. The script keeps the fragment stem in ``purl`` and the
count in ``maxPageNum``.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from crawler import rx
from crawler.portals.family import Family, patterns

FAMILY = Family(
    name="ncms",
    article_urls=patterns(r"/n\d+/(?:n\d+/)*c\d+/content\.html?$"),
    list_urls=patterns(r"/n\d+/(?:n\d+/)*index(?:_\d+)*\.html?$"),
    markers=patterns(r"maxPageNum\s*=", r"var\s+purl\s*=", r"<!--start component"),
)

STEM = rx.compile(r"""\bpurl\s*=\s*["']([^"']+)["']""")
MAX_PAGE = rx.compile(r"\bmaxPageNum\s*=\s*(\d+)")
FRAGMENT = rx.compile(r"_(\d+)\.html?$")


def pager(markup: str, url: str) -> tuple[str | None, int] | None:
    """(the next list fragment or None on the last page, the page count) from the component script."""
    stem, counts = STEM.search(markup), [int(n) for n in MAX_PAGE.findall(markup)]
    if not stem or not counts or max(counts) < 1:
        return None
    total = max(counts)  # the script starts from ``maxPageNum=0`` and then sets the real count
    here = FRAGMENT.search(urlsplit(url).path)
    stem_name = stem[1].rsplit("/", 1)[-1]
    # The column page shows the newest fragment (number ``total``); a fragment URL names its own number.
    current = int(here[1]) if here and stem_name in url else total
    following = current - 1
    return (urljoin(url, f"{stem[1]}_{following}.html") if following >= 1 else None), total
