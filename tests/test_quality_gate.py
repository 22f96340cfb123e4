"""Extraction quality gate (trafilatura-style): our own labelled pages are scored like the shared evaluation
(body character-bigram F1 after NFKC and whitespace removal; exact title; date to the day; every author found),
and each score must stay at or above the floor pinned in tests/eval_baseline.json.

A case is a fixture folder with ``expected_body.txt`` (the article text, one paragraph per line) beside
``expected.json``. Raise a floor when extraction improves; never lower one to make a change pass.
"""

from __future__ import annotations

import json
import statistics
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.test_golden import expectations, processed

BASELINE = ROOT / "tests" / "eval_baseline.json"


def gate_cases() -> list[Path]:
    return sorted(p.parent for p in FIXTURES.rglob("expected_body.txt"))


def norm(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split()).lower()


def bigrams(text: str) -> Counter[str]:
    text = norm(text)
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


def bigram_f1(pred: str, gold: str) -> float:
    p, g = bigrams(pred), bigrams(gold)
    hit = sum((p & g).values())
    if not hit:
        return 0.0
    precision, recall = hit / sum(p.values()), hit / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@cache
def scores() -> dict[str, dict[str, float]]:
    out = {}
    for case in gate_cases():
        article: dict[str, Any] = processed(case)
        want = expectations(case)
        gold = (case / "expected_body.txt").read_text(encoding="utf-8")
        row = {
            "body_f1": bigram_f1(article["body"], gold),
            "title": float(norm(article["title"]) == norm(want["title"])),
        }
        if want.get("published_date") or want.get("published_at"):
            day = want.get("published_date") or want["published_at"][:10]
            row["date"] = float(article["published_date"] == day)
        if want.get("authors"):
            found = norm("".join(article["authors"]))
            row["author"] = float(all(norm(name) in found for name in want["authors"]))
        out[str(case.relative_to(FIXTURES))] = row
    return out


def baseline() -> dict[str, Any]:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def test_every_gate_case_has_a_floor() -> None:
    assert set(scores()) == set(baseline()["cases"]), "add new cases to tests/eval_baseline.json"


@pytest.mark.parametrize("case", [str(c.relative_to(FIXTURES)) for c in gate_cases()])
def test_case_body_f1_at_or_above_floor(case: str) -> None:
    assert scores()[case]["body_f1"] >= baseline()["cases"][case]


@pytest.mark.parametrize("metric", ["body_f1", "title", "date", "author"])
def test_mean_at_or_above_floor(metric: str) -> None:
    values = [row[metric] for row in scores().values() if metric in row]
    assert values, f"no gate case measures {metric}"
    assert statistics.fmean(values) >= baseline()["mean"][metric], {c: r.get(metric) for c, r in scores().items()}
