"""The five seed articles (the users' own material) as the CLI processes them, from their hand labels."""

from __future__ import annotations

from functools import cache
from typing import Any

from scripts.eval_entities import SEEDS, load_labelled, predict


@cache
def seed_rows() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """id -> (label, the CLI's row for the article's page)."""
    labels = load_labelled(SEEDS)
    return {label["id"]: (label, row) for label, row in zip(labels, predict(labels), strict=True)}


def seed_text(case: str) -> tuple[str, str]:
    """(title, body) of a seed article after decoding, extraction and simplification."""
    row = seed_rows()[case][1]
    return row["title"], row["body"]
