"""Content layer: decoded HTML -> article text and metadata, site chrome stripped. No Scrapy imports.

Public API used by the processing core: ``extract_article(html, url, selectors)`` -> ``ExtractedArticle``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from parsel import Selector

from crawler.errors import PageError


@dataclass
class ExtractedArticle:
    title: str
    body: str
    subtitle: str | None = None
    published_at: str | None = None
    updated_at: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    column: str | None = None
    images: list[dict[str, Any]] = field(default_factory=list)
    canonical_url: str | None = None
    flags: Counter[str] = field(default_factory=Counter)


def extract_article(html: str, url: str | None = None, selectors: dict[str, str] | None = None) -> ExtractedArticle:
    sel = Selector(text=html)
    title = " ".join(sel.xpath("//title//text()").getall()).strip()
    best = ""
    for node in sel.xpath("//div|//td|//article"):
        text = "\n".join(t.strip() for t in node.xpath("./p//text()|./text()").getall() if t.strip())
        if len(text) > len(best):
            best = text
    if not best.strip():
        raise PageError("no_article_text", "no article text found in the page")
    return ExtractedArticle(title=title, body=best)
