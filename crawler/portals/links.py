"""Classify a portal URL (article page, list page, or neither) and detect a page's CMS family.

The shapes are data in the family modules; this module only walks them in order. Order matters only
for the reported family where shapes overlap (a Xinhua-style ``content_N.htm`` reads as Founder).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from crawler import rx
from crawler.portals import dateid, dedecms, founder, hanweb, ncms, trs
from crawler.portals.family import Family

FAMILIES: tuple[Family, ...] = (
    trs.FAMILY,
    hanweb.FAMILY,
    founder.FAMILY,
    dedecms.DEDECMS,
    dedecms.PHPCMS,
    ncms.FAMILY,
    dateid.FAMILY,
)
BY_NAME = {f.name: f for f in FAMILIES}
# TRS list names (index_N, list_N, any_name_N) are the most generic shape: try it after the others.
LIST_ORDER: tuple[Family, ...] = (*(f for f in FAMILIES if f.name != "trs"), trs.FAMILY)

# Never articles, whatever their shape: attachments, images, forums, scripts.
NOT_PAGES = rx.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|jpe?g|png|gif|mp4|js|css)$|thread-\d+|viewthread", re.I)


def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def _targets(url: str) -> tuple[str, ...]:
    """The path alone (static shapes: ``t20220211_1.html?slb=true`` is still a TRS article), then with query."""
    parts = urlsplit(url)
    return (parts.path, _target(url)) if parts.query else (parts.path,)


def _first(
    url: str, attribute: str, extra: Iterable[re.Pattern[str]] = (), order: tuple[Family, ...] = FAMILIES
) -> str | None:
    targets = _targets(url)
    if NOT_PAGES.search(urlsplit(url).path):
        return None
    if any(pattern.search(t) for pattern in extra for t in targets):
        return "portal"
    for family in order:
        if any(pattern.search(t) for pattern in getattr(family, attribute) for t in targets):
            return family.name
    return None


def article_family(url: str, extra: Iterable[re.Pattern[str]] = ()) -> str | None:
    """The CMS family whose article URL shape matches (``portal`` for a registry pattern), or None."""
    return _first(url, "article_urls", extra)


def article_url(url: str, extra: Iterable[re.Pattern[str]] = ()) -> str:
    """The article URL to fetch: without a query (``?slb=true`` from prev/next links, tracking tags) or a
    fragment when the path alone is the article, so one article is one URL and one id."""
    parts = urlsplit(url)
    bare = parts._replace(query="", fragment="").geturl()
    return bare if parts.query and article_family(bare, extra) else parts._replace(fragment="").geturl()


def list_family(url: str) -> str | None:
    """The CMS family whose list-page URL shape matches, or None (article shapes win)."""
    return None if article_family(url) else _first(url, "list_urls", order=LIST_ORDER)


def url_date(url: str) -> date | None:
    """The publication date an article URL spells out (``t20210708_…``, ``/art/2021/7/8/``…), if any."""
    target = _target(url)
    for family in FAMILIES:
        for pattern in family.article_urls:
            match = pattern.search(target)
            if match and "d" in pattern.groupindex:
                try:
                    return date(int(match["y"]), int(match["m"]), int(match["d"]))
                except ValueError:
                    return None
    return None


def detect_family(markup: str, url: str = "") -> str | None:
    """The platform a page was built with, by its markers, then by the shape of the links it holds."""
    scores = {f.name: sum(1 for pattern in f.markers if pattern.search(markup)) for f in FAMILIES}
    best = max(scores, key=lambda name: scores[name])
    if scores[best]:
        return best
    shapes = [article_family(href) for href in re.findall(r"href=[\"']([^\"'#]+)", markup)]
    counted = {name: shapes.count(name) for name in BY_NAME if name in shapes}
    return max(counted, key=lambda name: counted[name]) if counted else list_family(url)
