"""Extraction CLI: run a crawl's full processing over saved pages, one JSON line per input.

    python -m crawler.extract FILE [FILE ...]      (``-`` reads one page from stdin)
    python -m crawler.extract --url URL FILE       (the page's real URL, for URL-based metadata; a multi-page
                                                    article's further pages are read from files beside FILE
                                                    named as in their URLs, e.g. t20210708_1_1.html)
    python -m crawler.extract --files-from LIST    (input names one per line, ``-`` for stdin; streamed)

Each input prints exactly one line, in input order: the Article row, or ``{"input", "error"}`` for a page
that yields no article. The process never stops on a bad input and exits 0 unless its arguments are wrong.
Memory stays bounded however many inputs there are: names are streamed, each input is read up to the
screening cap (crawler/screen.py) and dropped before the next, and each line is flushed as it is written.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any
from urllib.parse import unquote, urlsplit

from crawler.content.pages import continuation_urls
from crawler.errors import PageError
from crawler.page import Page
from crawler.processing import process_page
from crawler.screen import MAX_BODY_BYTES, check_size
from crawler.text import decode_document

# One pathological input must not eat the run: past this many seconds it becomes a ``timeout`` line.
DEFAULT_TIME_BUDGET = 20.0


def read_input(name: str) -> bytes:
    """At most one byte past the cap, so a huge file costs no more memory than a refused one."""
    if name == "-":
        return sys.stdin.buffer.read(MAX_BODY_BYTES + 1)
    with open(name, "rb") as fh:
        return fh.read(MAX_BODY_BYTES + 1)


class TimeBudgetExceeded(BaseException):
    """Raised inside the processing of one input when its time budget runs out (SIGALRM).

    A BaseException, so library code with a broad ``except Exception`` cannot swallow it.
    """


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Interrupt Python code running longer than ``seconds`` (main thread, POSIX; no-op otherwise)."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeBudgetExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def page_url(name: str, url: str | None) -> str:
    if url:
        return url
    return "stdin:" if name == "-" else Path(name).resolve().as_uri()


def saved_continuations(name: str, url: str, body: bytes, headers: dict[str, str]) -> list[Page]:
    """A multi-page article's further pages saved beside the first, each under its URL's file name."""
    html = decode_document(body, headers.get("content-type")).html
    out = []
    for part_url in continuation_urls(html, url):
        saved = Path(name).with_name(unquote(urlsplit(part_url).path.rsplit("/", 1)[-1]))
        if saved.is_file():
            out.append(Page(url=part_url, body=read_input(str(saved)), headers=headers))
    return out


def extract_one(
    name: str, url: str | None = None, content_type: str | None = None, budget: float = DEFAULT_TIME_BUDGET
) -> dict[str, Any]:
    """One input -> one output object; every failure becomes an ``error`` with its reason."""
    try:
        with time_budget(budget):
            body = read_input(name)
            check_size(body)
            headers = {"content-type": content_type} if content_type else {}
            page = Page(url=page_url(name, url), body=body, headers=headers)
            if url and name != "-":
                page.continuations = saved_continuations(name, url, body, headers)
            return process_page(page)
    except TimeBudgetExceeded:
        return {"input": name, "error": f"timeout: processing took over {budget:g} s", "reason": "timeout"}
    except PageError as exc:
        refused = {"input": name, "error": str(exc), "reason": exc.reason}
        return {**refused, "kind": exc.detail} if exc.detail else refused
    except OSError as exc:
        return {"input": name, "error": f"unreadable: {exc.strerror or exc}", "reason": "unreadable"}
    except (RecursionError, MemoryError) as exc:
        return {"input": name, "error": f"resource_limit: {type(exc).__name__}", "reason": "resource_limit"}
    except Exception as exc:
        return {"input": name, "error": f"internal_error: {type(exc).__name__}: {exc}", "reason": "internal_error"}


def without_surrogates(value: Any) -> Any:
    """Lone surrogates (undecodable file names, a text-layer slip) cannot be written as UTF-8: use U+FFFD."""
    if isinstance(value, str):
        return value.encode("utf-8", "replace").decode("utf-8")
    if isinstance(value, dict):
        return {without_surrogates(k): without_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_surrogates(v) for v in value]
    return value


def json_line(row: dict[str, Any], name: str) -> str:
    """Serialise one row as strict JSON (no NaN) that is always encodable as UTF-8."""
    try:
        line = json.dumps(row, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        row = {"input": name, "error": f"internal_error: unserialisable output: {exc}", "reason": "internal_error"}
        line = json.dumps(row, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(without_surrogates(row), ensure_ascii=False, allow_nan=False)
    return line


def read_names(listing: IO[str]) -> Iterator[str]:
    """Input names one per line, streamed, so a million-file run holds one name at a time."""
    for line in listing:
        name = line.rstrip("\r\n")
        if name:
            yield name


def run(
    names: Iterable[str],
    out: IO[str],
    url: str | None = None,
    content_type: str | None = None,
    budget: float = DEFAULT_TIME_BUDGET,
) -> int:
    count = 0
    for name in names:
        out.write(json_line(extract_one(name, url, content_type, budget), name) + "\n")
        out.flush()
        count += 1
    return count


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m crawler.extract", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="*", help="saved HTML files, or - for stdin")
    ap.add_argument("--files-from", metavar="LIST", help="read input names from LIST, one per line (- for stdin)")
    ap.add_argument("--url", help="the page's URL (only with a single input)")
    ap.add_argument("--content-type", help="the HTTP Content-Type header the page was served with")
    ap.add_argument(
        "--time-budget",
        type=float,
        default=DEFAULT_TIME_BUDGET,
        metavar="SECONDS",
        help=f"per-input processing limit, then a timeout line (default {DEFAULT_TIME_BUDGET:g}; 0 = none)",
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not args.files and not args.files_from:
        ap.error("give input files, or --files-from LIST")
    if args.url and (len(args.files) != 1 or args.files_from):
        ap.error("--url goes with exactly one input")
    if args.files_from == "-" and "-" in args.files:
        ap.error("stdin cannot be both the name list and a page")
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    run(args.files, sys.stdout, args.url, args.content_type, args.time_budget)
    if args.files_from == "-":
        sys.stdin.reconfigure(errors="surrogateescape")  # type: ignore[union-attr]
        run(read_names(sys.stdin), sys.stdout, None, args.content_type, args.time_budget)
    elif args.files_from:
        try:
            listing = open(args.files_from, encoding="utf-8", errors="surrogateescape")  # noqa: SIM115
        except OSError as exc:
            ap.error(f"--files-from: {exc}")
        with listing:
            run(read_names(listing), sys.stdout, None, args.content_type, args.time_budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
