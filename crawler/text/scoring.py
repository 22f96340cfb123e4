"""Choosing between repair candidates by how Chinese they read (jieba's word-frequency dictionary).

Only reached when a repair needs a guess, so jieba and its prefix table (0.15 s to load) come on first use.
"""

from __future__ import annotations

from collections.abc import Sequence

from crawler import rx
from crawler.text.pinyin import strip_annotations
from crawler.text.segmenter import best_route, bundled_dictionary
from crawler.text.simplify import t2s

GUESS_MARGIN = 3.0  # natural-log probability the winner must lead the damaged text and the runner-up by
NON_HAN_RE = rx.compile(r"[^\u3400-\u9fff]+")
NON_HAN_COST = -8.0  # about what a common single character costs


def log_probability(text: str) -> float:
    """Log-probability of the text read as simplified Chinese words (best jieba segmentation).

    Runs of non-Han characters (punctuation, digits, Latin) cost a flat ``NON_HAN_COST`` each, so a
    candidate is neither rewarded nor ruined for containing a full stop.
    """
    dictionary = bundled_dictionary()
    total = 0.0
    for part in NON_HAN_RE.split(t2s(strip_annotations(text)[0])):
        total += NON_HAN_COST
        if part:
            total += best_route(part, dictionary)[0][0]
    return total


def best(candidates: Sequence[str], damaged: str) -> str | None:
    """The candidate that clearly reads best, or None when no candidate is clearly better than the rest."""
    scored = sorted(((log_probability(c), c) for c in set(candidates)), reverse=True)
    if not scored or scored[0][0] < log_probability(damaged) + GUESS_MARGIN:
        return None
    if len(scored) > 1 and scored[0][0] - scored[1][0] < GUESS_MARGIN:
        return None
    return scored[0][1]
