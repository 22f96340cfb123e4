#!/usr/bin/env python3
"""Extraction quality on a labelled page set: runs our extraction CLI over every page and prints the scorer's
table (per source: body bigram F1, title / date / author accuracy) and the whole-process pages/second.

    python scripts/eval.py --data ../shared/eval/dev [--pred PRED.jsonl] [--json]

The runner and scorer are the shared evaluation's own ``run_cli.py`` and ``score.py`` (looked up beside the
data set, then in $SHARED/eval), called as they are, so our numbers are comparable with the peers'.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tool(data: Path, name: str) -> Path:
    candidates = [
        data.parent / name,
        data / name,
        Path(os.environ.get("SHARED", ROOT.parent / "shared")) / "eval" / name,
    ]
    for path in candidates:
        if path.is_file():
            return path
    sys.exit(f"eval: {name} not found (looked in {', '.join(str(c.parent) for c in candidates)})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="folder with index.jsonl and <source>/<id>.{html,json}")
    ap.add_argument("--pred", type=Path, help="keep the predictions here (default: a temporary file)")
    ap.add_argument("--json", action="store_true", help="print the scorer's summary as JSON")
    args = ap.parse_args(argv)
    data = args.data.resolve()
    if not (data / "index.jsonl").is_file():
        sys.exit(f"eval: {data}/index.jsonl not found")
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.pred or Path(tmp) / "pred.jsonl"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        run = [
            sys.executable,
            str(tool(data, "run_cli.py")),
            "--data",
            str(data),
            "--out",
            str(pred),
            "--",
            sys.executable,
            "-m",
            "crawler.extract",
        ]
        subprocess.run(run, check=True, cwd=ROOT, env=env)
        score = [sys.executable, str(tool(data, "score.py")), "--data", str(data), "--pred", str(pred)]
        subprocess.run(score + (["--json"] if args.json else []), check=True, cwd=ROOT, env=env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
