"""Quality gates: entity F1 and region accuracy, scored like the project's hidden evaluation.

The five seed articles (labels in tests/entities/labels/, written by hand) always run; the real labelled
development-zone news in ../shared/eval/entities-dev (CI keeps a read-only copy beside the checkout) and in
tests/real/entities runs when it is there and is skipped with a message otherwise. Floors sit a little under
the measured figures (docs/entities.md); raising one is routine, lowering one needs a reason in the commit
message.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from scripts.eval_entities import REAL, SHARED_DEV, TYPES, Scores, evaluate, load_labelled, score
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
REAL_FLOORS = {
    "persons": 0.97,
    "organizations": 0.9,
    "places": 0.95,
    "zones": 0.96,
    "money": 0.97,
    "percents": 0.97,
}
REAL_REGION_FLOOR = 0.95


@cache
def seed_scores() -> Scores:
    labels, rows = zip(*seed_rows().values(), strict=True)
    return score(list(labels), list(rows))


def _labelled_set(directory: Path) -> Scores:
    if not directory.is_dir() or not load_labelled(directory):
        pytest.skip(f"{directory} is not there: this labelled set is not checked")
    return evaluate(directory)


@cache
def shared_scores() -> Scores:
    return _labelled_set(SHARED_DEV)


@cache
def real_scores() -> Scores:
    return _labelled_set(REAL)


GATES = {
    "seed_articles": (seed_scores, SEED_FLOORS, 1.0),
    "shared_real_news": (shared_scores, SHARED_FLOORS, SHARED_REGION_FLOOR),
    "project_real_news": (real_scores, REAL_FLOORS, REAL_REGION_FLOOR),
}


@pytest.mark.parametrize("gate", GATES)
@pytest.mark.parametrize("kind", TYPES)
def test_f1_above_floor(gate: str, kind: str) -> None:
    scores_of, floors, _region_floor = GATES[gate]
    scores = scores_of()
    assert scores.f1(kind) >= floors[kind], "\n".join([scores.table(), *scores.misses])


@pytest.mark.parametrize("gate", GATES)
def test_region_above_floor(gate: str) -> None:
    scores_of, _floors, region_floor = GATES[gate]
    scores = scores_of()
    assert scores.region >= region_floor, "\n".join(scores.misses)
