#!/usr/bin/env python3
"""Extraction quality: runs our extraction CLI once over the shared labelled dev set and over the hand-labelled
real pages (``tests/real/labels``), and prints the figures of scripts/extraction_score.py.

    python scripts/eval.py [--data ../shared/eval/dev] [--labels tests/real/labels] [--pred PRED.jsonl] [--json]

Dev set, per source: body bigram F1, title / date / author accuracy (the shared evaluation's definitions; the
date is read from ``published_date``/``published_at``). Real pages, for government pages, news pages and all:
pages that are not articles refused, the date a reader sees (to the day; ``date_time`` to the precision
shown), source, people, the labelled first and last sentences in the body, chrome strings leaking into it,
captions, attachments and 政务公开 fields. A set whose pages are absent (no ``../shared``) is skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.extraction_score import dev_cases, real_cases, score_dev, score_real  # noqa: E402

DEV_COLUMNS = ("body_f1", "title", "date", "author")
REAL_COLUMNS = (
    "not_article_refused",
    "article_kept",
    "title",
    "date",
    "date_time",
    "source",
    "authors",
    "editors",
    "first_last",
    "must_contain",
    "chrome_leak",
    "caption_out_of_body",
    "caption_on_image",
    "attachments",
    "gov_fields",
)


def run_cli(pages: list[Path]) -> tuple[dict[Path, dict[str, Any]], float]:
    """One CLI process over every page (names streamed with --files-from); rows keyed by page path."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as listing:
        listing.write("".join(f"{p}\n" for p in pages))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    try:
        out = subprocess.run(
            [sys.executable, "-m", "crawler.extract", "--files-from", listing.name],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env=env,
        ).stdout
    finally:
        os.unlink(listing.name)
    elapsed = time.perf_counter() - start
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    if len(rows) != len(pages):
        sys.exit(f"eval: {len(rows)} output lines for {len(pages)} pages")
    return dict(zip(pages, rows, strict=True)), elapsed


def evaluate(data: Path | None, labels: Path, shared: Path) -> dict[str, Any]:
    """Run the CLI over both sets and score them: {"dev": …, "real": …, "skipped": […], "pages_per_s": …}."""
    dev = dev_cases(data) if data and (data / "index.jsonl").is_file() else []
    # extra pages live in the checkout that holds the labels (tests/real/labels -> tests/real/pages)
    real, skipped = real_cases(labels, shared, labels.parents[2]) if labels.is_dir() else ([], ["real (no labels)"])
    if not dev and data:
        skipped.append(f"dev ({data} absent)")
    pages = list(dict.fromkeys([p for _, p in dev] + [p for _, p in real]))
    preds, elapsed = run_cli(pages) if pages else ({}, 0.0)
    return {
        "dev": score_dev(dev, preds) if dev else {},
        "real": score_real(real, preds) if real else {},
        "skipped": skipped,
        "pages": len(pages),
        "pages_per_s": round(len(pages) / elapsed, 1) if elapsed else None,
        "preds": preds,
    }


def table(rows: dict[str, dict[str, Any]], columns: tuple[str, ...]) -> str:
    present = [c for c in columns if any(c in r for r in rows.values())]
    lines = ["| set | pages | " + " | ".join(present) + " |", "|---" * (len(present) + 2) + "|"]
    for name, row in rows.items():
        cells = [f"{row[c]:.3f} ({row[c + '_n']})" if row.get(c) is not None else "" for c in present]
        lines.append(f"| {name} | {row.get('pages', row.get('body_f1_n', ''))} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    shared = Path(os.environ.get("SHARED", ROOT.parent / "shared"))
    ap.add_argument("--data", type=Path, default=shared / "eval" / "dev", help="shared labelled set (index.jsonl)")
    ap.add_argument("--labels", type=Path, default=ROOT / "tests" / "real" / "labels", help="real-page labels")
    ap.add_argument("--shared", type=Path, default=shared, help="where the shared pages live (default ../shared)")
    ap.add_argument("--pred", type=Path, help="also write every output row here (JSON lines with the page path)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    result = evaluate(args.data.resolve(), args.labels.resolve(), args.shared.resolve())
    preds = result.pop("preds")
    if args.pred:
        with args.pred.open("w", encoding="utf-8") as out:
            for page, row in preds.items():
                out.write(json.dumps({"page": str(page), **row}, ensure_ascii=False) + "\n")
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"{result['pages']} pages, {result['pages_per_s']} pages/s (whole process)")
    for note in result["skipped"]:
        print(f"skipped: {note}")
    if result["dev"]:
        print("\nShared dev set\n" + table(result["dev"], DEV_COLUMNS))
    if result["real"]:
        print("\nReal labelled pages (chrome_leak: lower is better)\n" + table(result["real"], REAL_COLUMNS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
