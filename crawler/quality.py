"""A 0..1 confidence score for an article, so loaders can filter doubtful rows without reading flags."""

from __future__ import annotations

from collections import Counter
from typing import Protocol

# Flags that mean some text was guessed or could not be restored; each costs confidence. A garbled page
# (no charset made it readable) is never trusted, however complete its fields.
DOUBT_FLAGS = {
    "text_garbled": 0.6,
    "text_damaged": 0.3,
    "repair_guessed": 0.15,
    "charset_guessed": 0.05,
    "charset_decode_errors": 0.05,
    # screening cut an oversized page (crawler/screen.py): its article may be incomplete
    "page_cut_elements": 0.2,
    "page_cut_text": 0.2,
}


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
