"""A 0..1 confidence score for an article, so loaders can filter doubtful rows without reading flags."""

from __future__ import annotations

from collections import Counter
from typing import Protocol

# Flags that mean some text was guessed or could not be restored; each costs confidence.
DOUBT_FLAGS = {"text_damaged": 0.3, "repair_guessed": 0.15, "charset_guessed": 0.05}


class _Extracted(Protocol):
    title: str
    body: str
    published_date: str | None


def quality_score(ex: _Extracted, flags: Counter[str]) -> float:
    score = 1.0
    if not ex.title:
        score -= 0.2
    if ex.published_date is None:
        score -= 0.1
    if len(ex.body) < 80:
        score -= 0.3
    for name, cost in DOUBT_FLAGS.items():
        if flags.get(name):
            score -= cost
    return round(max(0.0, min(1.0, score)), 3)
