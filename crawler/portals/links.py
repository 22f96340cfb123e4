"""Classify a portal URL as an article page, a list page, or neither, from CMS URL shapes (data)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# (CMS family, pattern) for article pages; order matters only for the reported family.
ARTICLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cms, re.compile(rx))
    for cms, rx in (
        ("trs", r"/\d{6}/t(\d{8})_(\d+)(?:_\d+)?\.s?html?$"),
        ("trs", r"/t\d{5,8}\.s?html?$"),
        ("hanweb", r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$"),
        ("hanweb", r"/art/\d{4}/art_[0-9a-f]{16,32}\.html$"),
        ("founder", r"/(?:\d{4}-\d{2}/\d{2}|\d{6}/\d{2})/content_\d+\.html?$"),
        ("dedecms", r"/a/[\w/]+/(?:\d{4}/)?\d{4}/\d+\.html$|/plus/view\.php\?aid=\d+"),
        ("phpcms", r"index\.php\?m=content&c=index&a=show&catid=\d+&id=\d+|/show-\d+-\d+-\d+\.html$"),
        ("dateid", r"/\d{4}/\d{4}/\d+\.s?html$"),
        ("dateid", r"/\d{4}-\d{2}/\d{2}/content_\d+\.s?html?$"),
        ("dateid", r"/(?:news|xw|content)/[\w/]*?\d{6,8}/\d+\.s?html?$"),
    )
)

LIST_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cms, re.compile(rx))
    for cms, rx in (
        ("trs", r"/(?:index|list|[a-z_]+)_\d+\.s?html?$"),
        ("hanweb", r"/col/col\d+/index\.html"),
        ("founder", r"/node_\d+\.html?$"),
        ("dedecms", r"/list_\d+_\d+\.html$|/plus/list\.php\?tid=\d+"),
    )
)


def article_family(url: str) -> str | None:
    """The CMS family whose article URL shape matches, or None."""
    path = urlsplit(url)
    target = path.path + ("?" + path.query if path.query else "")
    for cms, rx in ARTICLE_PATTERNS:
        if rx.search(target):
            return cms
    return None


def list_family(url: str) -> str | None:
    path = urlsplit(url)
    target = path.path + ("?" + path.query if path.query else "")
    for cms, rx in LIST_PATTERNS:
        if rx.search(target):
            return cms
    return None
