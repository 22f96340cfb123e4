"""Quality gates: entity F1 and region accuracy, scored like the project's hidden evaluation.

The five seed articles (labels in tests/entities/labels/, written by hand) always run; the real labelled
development-zone news in ../shared/eval/entities-dev runs when it is there (CI keeps a read-only copy beside
the checkout) and is skipped with a message otherwise. Floors sit a little under the measured figures
(docs/entities.md); raising one is routine, lowering one needs a reason in the commit message.
"""

from __future__ import annotations

from functools import cache

import pytest

from scripts.eval_entities import SHARED_DEV, TYPES, Scores, evaluate, load_labelled, score
from tests.entities.seeds import seed_rows

SEED_FLOORS = {t: 0.95 for t in TYPES}
SHARED_FLOORS = {
    "persons": 0.97,
    "organizations": 0.93,
    "places": 0.97,
    "zones": 0.97,
    "money": 0.98,
    "percents": 0.98,
}
SHARED_REGION_FLOOR = 0.85


@cache
def seed_scores() -> Scores:
    labels, rows = zip(*seed_rows().values(), strict=True)
    return score(list(labels), list(rows))


@cache
def shared_scores() -> Scores:
    if not SHARED_DEV.is_dir() or not load_labelled(SHARED_DEV):
        pytest.skip(f"{SHARED_DEV} is not there: the real labelled set is not checked")
    return evaluate(SHARED_DEV)


@pytest.mark.parametrize("kind", TYPES)
def test_seed_articles_f1(kind: str) -> None:
    scores = seed_scores()
    assert scores.f1(kind) >= SEED_FLOORS[kind], "\n".join([scores.table(), *scores.misses])


def test_seed_articles_region() -> None:
    scores = seed_scores()
    assert scores.region == 1.0, "\n".join(scores.misses)


@pytest.mark.parametrize("kind", TYPES)
def test_real_news_f1(kind: str) -> None:
    scores = shared_scores()
    assert scores.f1(kind) >= SHARED_FLOORS[kind], "\n".join([scores.table(), *scores.misses])


def test_real_news_region() -> None:
    scores = shared_scores()
    assert scores.region >= SHARED_REGION_FLOOR, "\n".join(scores.misses)
