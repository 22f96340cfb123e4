"""Where a page's time goes: each processing step's share over a page set, then the hottest functions.

    python -m bench.profile [--data DIR] [--top 25]

Runs the steps of ``crawler.processing.STEPS`` one by one on every page (what the CLI and the pipelines
run), timing each with the CPU clock, then profiles the whole loop with cProfile. Use it after changing a
layer to see which step and which function to look at; BENCHMARKS.md lists the findings.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from collections import Counter
from pathlib import Path

from crawler.errors import PageError
from crawler.page import Page
from crawler.processing import STEPS, Work

REPO = Path(__file__).resolve().parent.parent


def page_files(data: Path) -> list[Path]:
    if (data / "index.jsonl").exists():
        rows = [json.loads(line) for line in (data / "index.jsonl").read_text(encoding="utf-8").splitlines()]
        return [data / row["html_file"] for row in rows]
    return sorted(data.rglob("body.html"))


def run_steps(files: list[Path], clock: Counter[str]) -> Counter[str]:
    """Process every page step by step; ``clock`` collects CPU seconds per step, the result drop reasons."""
    dropped: Counter[str] = Counter()
    for path in files:
        work = Work(Page(url=path.resolve().as_uri(), body=path.read_bytes()))
        for step in STEPS:
            start = time.process_time()
            try:
                step(work)
            except PageError as exc:
                dropped[exc.reason] += 1
                break
            finally:
                clock[step.__name__] += time.process_time() - start
    return dropped


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval" / "dev")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args(argv)
    files = page_files(a.data if a.data.exists() else REPO / "fixtures")
    clock: Counter[str] = Counter()
    dropped = run_steps(files, clock)
    total = sum(clock.values())
    print(f"{len(files)} pages, {total:.2f} CPU s, {len(files) / total:.1f} pages per CPU-s; dropped {dict(dropped)}")
    for step in STEPS:
        spent = clock[step.__name__]
        share, per_page = 100 * spent / total, 1000 * spent / len(files)
        print(f"  {step.__name__:18s} {spent:7.2f} s  {share:5.1f}%  {per_page:6.2f} ms/page")
    profiler = cProfile.Profile()
    profiler.runcall(run_steps, files, Counter())
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(a.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
