"""A list page's parsed tree, shared: listing, pagination and the CMS families each take the page's markup,
and the spider calls several of them on one page; parsing it once saves the rest (2–3 ms a parse)."""

from __future__ import annotations

from functools import lru_cache

from parsel import Selector


@lru_cache(maxsize=2)
def parsed(markup: str) -> Selector:
    """The markup's tree, shared by every call with the same markup (nothing here mutates it)."""
    return Selector(text=markup)
