"""Time the project's full processing in a loop over a labelled page set, like baselines.py times the peers.

    python -m bench.inloop --data DIR --out PRED.jsonl

The clock starts after imports and stops after the last page, so lazy set-up on the first page (dictionaries,
compiled patterns) is counted, interpreter start-up is not: the same rules as the peers' in-loop figure.
Each page goes through ``crawler.extract.extract_one``, exactly what the CLI runs per input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from crawler.extract import extract_one


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    rows = [json.loads(line) for line in (a.data / "index.jsonl").read_text(encoding="utf-8").splitlines()]
    start, count = time.perf_counter(), 0
    with a.out.open("w", encoding="utf-8") as out:
        for row in rows:
            pred = extract_one(str(a.data / row["html_file"]))
            pred["id"] = row["id"]
            out.write(json.dumps(pred, ensure_ascii=False) + "\n")
            count += 1
    seconds = time.perf_counter() - start
    print(f"ours: {count} pages in {seconds:.2f}s = {count / seconds:.1f} pages/s", file=sys.stderr)


if __name__ == "__main__":
    main()
