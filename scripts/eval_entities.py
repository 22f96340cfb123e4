"""Micro P/R/F1 per entity type on the hand-labelled seed articles, and the entity layer's speed.

python scripts/eval_entities.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

from crawler.entities import ENTITY_TYPES, analyse  # noqa: E402
from tests.entities.gold import GOLD, Counts, predicted_items, score, seed_text  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="passes over the corpus for the speed figure")
    parser.add_argument("-v", "--verbose", action="store_true", help="list false positives and misses")
    args = parser.parse_args()
    texts = {case: seed_text(case) for case in GOLD}
    started = time.perf_counter()
    analyses = {case: analyse(*texts[case]) for case in GOLD}
    print(f"first call (loads every table): {time.perf_counter() - started:.2f} s")
    for kind in ENTITY_TYPES:
        total = Counts()
        for case, gold in GOLD.items():
            got = predicted_items(kind, analyses[case].entities)
            counts = score(kind, got, gold[kind])
            total.add(counts)
            if args.verbose and (counts.fp or counts.fn):
                print(f"  {case} {kind}: predicted {got} gold {gold[kind]}")
        print(f"{kind:14s} P={total.precision:.3f} R={total.recall:.3f} F1={total.f1:.3f}  ({total.tp} tp)")
    chars = sum(len(t) + len(b) for t, b in texts.values())
    started = time.perf_counter()
    for _ in range(args.repeat):
        for title, body in texts.values():
            analyse(title, body)
    elapsed = time.perf_counter() - started
    n = args.repeat * len(texts)
    print(f"speed: {chars * args.repeat / elapsed:,.0f} chars/s, {1000 * elapsed / n:.2f} ms/article")


if __name__ == "__main__":
    main()
