"""Extraction CLI: run a crawl's full processing over saved pages, one JSON line per input.

    python -m crawler.extract FILE [FILE ...]      (``-`` reads one page from stdin)
    python -m crawler.extract --url URL FILE       (the page's real URL, for URL-based metadata)

Each input prints exactly one line, in input order: the Article row, or ``{"input", "error"}`` for a page
that yields no article. The process never stops on a bad input and exits 0 unless its arguments are wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from crawler.errors import PageError
from crawler.page import Page
from crawler.processing import process_page

MAX_INPUT_BYTES = 32 * 1024 * 1024  # larger inputs are refused with a clear reason, memory stays bounded


def read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    with open(name, "rb") as fh:
        return fh.read(MAX_INPUT_BYTES + 1)


def page_url(name: str, url: str | None) -> str:
    if url:
        return url
    return "stdin:" if name == "-" else Path(name).resolve().as_uri()


def extract_one(name: str, url: str | None = None, content_type: str | None = None) -> dict[str, Any]:
    """One input -> one output object; every failure becomes an ``error`` with its reason."""
    try:
        body = read_input(name)
        if len(body) > MAX_INPUT_BYTES:
            raise PageError("too_large", f"input is larger than {MAX_INPUT_BYTES} bytes")
        headers = {"content-type": content_type} if content_type else {}
        return process_page(Page(url=page_url(name, url), body=body, headers=headers))
    except PageError as exc:
        return {"input": name, "error": str(exc), "reason": exc.reason}
    except OSError as exc:
        return {"input": name, "error": f"unreadable: {exc.strerror or exc}", "reason": "unreadable"}
    except (RecursionError, MemoryError) as exc:
        return {"input": name, "error": f"resource_limit: {type(exc).__name__}", "reason": "resource_limit"}
    except Exception as exc:
        return {"input": name, "error": f"internal_error: {type(exc).__name__}: {exc}", "reason": "internal_error"}


def run(names: Iterable[str], out: IO[str], url: str | None = None, content_type: str | None = None) -> int:
    count = 0
    for name in names:
        out.write(json.dumps(extract_one(name, url, content_type), ensure_ascii=False) + "\n")
        out.flush()
        count += 1
    return count


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m crawler.extract", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="+", help="saved HTML files, or - for stdin")
    ap.add_argument("--url", help="the page's URL (only with a single input)")
    ap.add_argument("--content-type", help="the HTTP Content-Type header the page was served with")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.url and len(args.files) != 1:
        print("--url goes with exactly one input", file=sys.stderr)
        return 2
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    run(args.files, sys.stdout, args.url, args.content_type)
    return 0


if __name__ == "__main__":
    sys.exit(main())
