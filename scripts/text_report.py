"""Run the text layer over saved pages and report charset/script agreement, flags and speed.

    python scripts/text_report.py --data ../shared/eval/dev          (pages listed in index.jsonl)
    python scripts/text_report.py --pages fixtures/pages             (fixture cases: info.json + body)

Labels in index.jsonl (``bytes_decode_as``, ``script``) are compared with what decode_document decided.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.text import decode_document

ENCODING_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "gb2312(gbk-compatible)": "gb18030", "big5": "big5hkscs"}


def dev_pages(data: Path) -> list[tuple[str, bytes, str | None, dict[str, str]]]:
    rows = [json.loads(line) for line in (data / "index.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [(r["id"], (data / r["html_file"]).read_bytes(), None, r) for r in rows]


def fixture_pages(root: Path) -> list[tuple[str, bytes, str | None, dict[str, str]]]:
    pages = []
    for info_path in sorted(root.rglob("info.json")):
        info = json.loads(info_path.read_text(encoding="utf-8"))
        headers = {k.lower(): v for k, v in info.get("headers", {}).items()}
        body = (info_path.parent / info.get("body", "body.html")).read_bytes()
        pages.append((info_path.parent.name, body, headers.get("content-type"), {}))
    return pages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="eval folder with index.jsonl")
    ap.add_argument("--pages", type=Path, help="fixture folder with info.json cases")
    ap.add_argument("--show", action="store_true", help="print every page's decision")
    args = ap.parse_args()
    pages = dev_pages(args.data) if args.data else fixture_pages(args.pages)
    decode_document(b"<p>\xe9\xa2\x84\xe7\x83\xad</p>")  # load tables once, outside the timing
    flags: Counter[str] = Counter()
    pages_flagged: Counter[str] = Counter()
    times, chars = [], 0
    enc_ok = enc_total = script_ok = script_total = 0
    for name, body, content_type, label in pages:
        start = time.perf_counter()
        doc = decode_document(body, content_type)
        times.append(time.perf_counter() - start)
        chars += len(doc.html)
        flags.update(doc.flags)
        pages_flagged.update(doc.flags.keys())
        expected = label.get("bytes_decode_as")
        if expected:
            enc_total += 1
            enc_ok += ENCODING_ALIASES.get(expected, expected) == doc.encoding
        if label.get("script") in ("simplified", "traditional"):
            script_total += 1
            script_ok += label["script"] == doc.script
        if args.show or (expected and ENCODING_ALIASES.get(expected, expected) != doc.encoding):
            print(f"{name}: {doc.encoding} (label {expected}) {doc.script} {dict(doc.flags)}")
    total = sum(times)
    print(f"pages {len(pages)}  chars {chars}  {chars / total / 1e6:.2f} M chars/s")
    print(f"ms/page median {statistics.median(times) * 1e3:.2f}  max {max(times) * 1e3:.1f}")
    if enc_total:
        print(f"encoding agrees with label: {enc_ok}/{enc_total}")
    if script_total:
        print(f"script agrees with label: {script_ok}/{script_total}")
    for name, count in sorted(flags.items()):
        print(f"  {name}: {count} (pages {pages_flagged[name]})")


if __name__ == "__main__":
    main()
