"""A list page's parsed tree and its inline scripts, shared: listing, pagination, the API builders and the
CMS families each take the page's markup, and the reader calls several of them on one page; parsing it
once saves the rest (2–3 ms a parse)."""

from __future__ import annotations

import re
from functools import lru_cache

from parsel import Selector

from crawler import rx

SCRIPT = rx.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.I | re.S)
NOT_CODE = rx.compile(r"type\s*=\s*[\"']?(?:text/(?:xml|template|html|x-template)|application/(?:ld\+)?json)", re.I)


@lru_cache(maxsize=2)
def parsed(markup: str) -> Selector:
    """The markup's tree, shared by every call with the same markup (nothing here mutates it)."""
    return Selector(text=markup)


@lru_cache(maxsize=2)
def scripts(markup: str) -> str:
    """Every inline script of the page, joined in page order. Read from the markup itself, not the tree:
    HTML parsers drop what follows ``</html>``, where templates often put their list scripts."""
    return "\n;\n".join(m[2] for m in SCRIPT.finditer(markup) if not NOT_CODE.search(m[1]))
