"""List CLI: read one saved list page (column page, e-paper layout page, or a list API answer) the way a
crawl reads it, and print what the crawl would follow, as one JSON object.

    python -m crawler.lists --url URL FILE
    python -m crawler.lists --url URL --request '{"url": …, "method": "POST", "body": …}' answer.json

Output: ``{"entries": [{"url", "title", "date"}], "next_pages": [...], "page_count": N|null,
"requests": [{"url", "method", "body", "content_type"?, "kind"}], "family", "source", "selector",
"pager", "empty_reason"}``. ``requests`` are the API calls a script-built list needs (and the next
record group of a Hanweb column); ``empty_reason`` says why a page gave no entries. The bytes are
decoded as the crawl decodes a list page: the charset the text layer finds (crawler/text), over a lying
header. A bad input prints ``{"input", "error", "reason"}``; the exit status is 0 unless the arguments
are wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from w3lib.encoding import html_to_unicode, resolve_encoding

from crawler.portals.listapi import ListRequest
from crawler.portals.reader import read_list
from crawler.screen import MAX_BODY_BYTES
from crawler.text import detect_encoding


def decode_list_page(body: bytes, content_type: str | None = None) -> str:
    """The text a crawl's list callback reads: the body decoded with the charset crawler/text detects
    (the charset middleware replaces Scrapy's choice with it; a BOM still wins, as in Scrapy)."""
    encoding = resolve_encoding(detect_encoding(body, content_type)) or "utf-8"
    return html_to_unicode(f"charset={encoding}", body)[1]


def read_input(name: str) -> bytes:
    """At most one byte past the screening cap (``-`` is stdin)."""
    if name == "-":
        return sys.stdin.buffer.read(MAX_BODY_BYTES + 1)
    with open(name, "rb") as fh:
        return fh.read(MAX_BODY_BYTES + 1)


def read_one(name: str, url: str | None, content_type: str | None, request: ListRequest | None) -> dict[str, Any]:
    try:
        body = read_input(name)
    except OSError as exc:
        return {"input": name, "error": f"unreadable: {exc.strerror or exc}", "reason": "unreadable"}
    if len(body) > MAX_BODY_BYTES:
        return {"input": name, "error": f"too_large: over {MAX_BODY_BYTES} bytes", "reason": "too_large"}
    markup = decode_list_page(body, content_type)
    where = url or ("stdin:" if name == "-" else Path(name).resolve().as_uri())
    return read_list(markup, where, request=request).as_json()


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m crawler.lists", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("file", help="a saved list page or API answer, or - for stdin")
    ap.add_argument("--url", help="the page's URL (relative links resolve against it)")
    ap.add_argument("--content-type", help="the HTTP Content-Type header the page was served with")
    ap.add_argument("--request", help="the API request (JSON: url, method, body, content_type) that fetched FILE")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    request = None
    if args.request:
        try:
            request = ListRequest.from_json(json.loads(args.request))
        except (ValueError, KeyError, TypeError) as exc:
            ap.error(f"--request: not a request object: {exc}")
    url = args.url or (request.url if request else None)
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    row = read_one(args.file, url, args.content_type, request)
    print(json.dumps(row, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
