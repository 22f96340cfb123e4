"""Word tables (tags, class tokens, surnames, stop words) are written as whitespace-separated strings."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of whitespace-separated words in ``text``."""
    return frozenset(text.split())
