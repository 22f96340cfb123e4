#!/usr/bin/env python3
"""Score the list reader on labelled real column pages: entries, next page, API requests.

    python scripts/eval_lists.py ../shared/eval/lists-dev tests/real/lists [--pages] [--json]

Each set is a folder of ``<id>.json`` labels beside ``<id>.html`` pages (the lists-dev label format:
``page_url``, ``articles`` [{url|href}], ``next_pages``, ``api``). A label whose page lives elsewhere in
the checkout names it with ``page`` (a path relative to the label: the probe's saved sites are labelled
in tests/real/lists without a copy), and ``content_type`` gives the header it was served with. Three
figures per set:

- entries: micro precision and recall of article links (URLs compared as the shared scorer does: resolved
  against the page URL, scheme and host lower-cased, http = https, fragment dropped);
- next page: on pages whose label names a next page or a page count, the share where the reader's first
  next page is that page, or its page count is the labelled total;
- API: on pages whose label has an API request, the share where one built request has the same method,
  URL (query parameters compared as a set) and body parameters (JSON or form, compared as values).

The pages are read exactly as ``python -m crawler.lists --url URL FILE`` reads them (same function).
A set that does not exist is skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from crawler.lists import read_one

PLACEHOLDER = "http://page-url-unknown.invalid/"


def norm(url: str) -> str:
    parts = urlsplit(url.strip())
    return urlunsplit(
        (parts.scheme.lower().replace("https", "http"), parts.netloc.lower(), parts.path, parts.query, "")
    )


def _label_next(label: dict[str, Any], page_url: str) -> tuple[str | None, int | None]:
    """The labelled next page (absolute) and page count, whatever label style the page uses."""
    pages = label.get("next_pages") or {}
    if not isinstance(pages, dict):
        return None, None
    candidates = [
        pages.get("next"),
        *(pages.get("urls_first") or [])[:1],
        *(pages.get("urls") or [])[:1],
        pages.get("next_edition_page"),
        pages.get("next_edition"),
        pages.get("next_href"),
    ]
    nxt = next((c for c in candidates if isinstance(c, str) and c.strip()), None)
    if nxt:
        nxt = urljoin(page_url, re.sub(r"\s*\(.*$", "", nxt.strip()))
    total = pages.get("total_pages") or pages.get("edition_count")
    return nxt, int(total) if isinstance(total, int) else None


def _params(url: str) -> tuple[str, list[tuple[str, str]]]:
    parts = urlsplit(url)
    base = urlunsplit((parts.scheme.lower().replace("https", "http"), parts.netloc.lower(), parts.path, "", ""))
    return base, sorted(parse_qsl(parts.query, keep_blank_values=True))


def _body(body: Any, content_type: str | None) -> Any:
    if body in (None, "", {}):
        return None
    if isinstance(body, dict | list):
        return json.loads(json.dumps(body))
    text = str(body)
    try:
        return json.loads(text)
    except ValueError:
        return sorted(parse_qsl(text, keep_blank_values=True))


def api_matches(built: dict[str, Any], label: dict[str, Any], page_url: str) -> bool:
    if str(built.get("method", "GET")).upper() != str(label.get("method", "GET")).upper():
        return False
    if _params(urljoin(page_url, built["url"])) != _params(urljoin(page_url, label["url"])):
        return False
    return _body(built.get("body"), built.get("content_type")) == _body(label.get("body"), label.get("content_type"))


def _page_of(path: Path, label: dict[str, Any]) -> Path | None:
    """The labelled page: the one the label names (relative to the label), else its namesake beside it."""
    if isinstance(label.get("page"), str):
        named = (path.parent / label["page"]).resolve()
        return named if named.is_file() else None
    return next(
        (path.with_suffix(ext) for ext in (".html", ".htm", ".json.txt", ".xml") if path.with_suffix(ext).exists()),
        None,
    )


def score_set(folder: Path, show_pages: bool) -> dict[str, Any] | None:
    labels = sorted(folder.glob("*.json"))
    if not folder.is_dir() or not labels:
        print(f"{folder}: no labelled pages here, skipped")
        return None
    tp = fp = need = 0
    pager_pages = pager_right = api_pages = api_right = 0
    rows = []
    for path in labels:
        label = json.loads(path.read_text(encoding="utf-8"))
        page = _page_of(path, label)
        if page is None or "articles" not in label:
            print(f"  {path.stem}: {'no page' if page is None else 'no articles label'}, skipped")
            continue
        url = label.get("page_url") or PLACEHOLDER + page.name
        gold = {norm(urljoin(url, a.get("url") or a.get("href"))) for a in label.get("articles") or []}
        out = read_one(str(page), url, label.get("content_type"), None)
        got = {norm(urljoin(url, e["url"])) for e in out.get("entries", [])}
        hit = len(gold & got)
        tp, fp, need = tp + hit, fp + len(got - gold), need + len(gold)
        marks = []
        nxt, total = _label_next(label, url)
        if nxt or total:
            pager_pages += 1
            first = (out.get("next_pages") or [None])[0]
            ok = bool(nxt and first and norm(first) == norm(nxt)) or bool(total and out.get("page_count") == total)
            pager_right += ok
            marks.append(f"next {'ok' if ok else 'MISS'}")
        api = label.get("api")
        if isinstance(api, dict) and api.get("url"):
            api_pages += 1
            ok = any(api_matches(r, api, url) for r in out.get("requests", []))
            api_right += ok
            marks.append(f"api {'ok' if ok else 'MISS'}")
        rows.append(
            f"  {path.stem:36s} labelled {len(gold):3d}  found {len(got):3d}  right {hit:3d}  {' '.join(marks)}"
        )
    result = {
        "set": str(folder),
        "pages": len(rows),
        "entries": need,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / need if need else 0.0,
        "next_page_accuracy": pager_right / pager_pages if pager_pages else None,
        "pager_pages": pager_pages,
        "api_accuracy": api_right / api_pages if api_pages else None,
        "api_pages": api_pages,
    }
    if show_pages:
        print("\n".join(rows))
    nxt_text = f"{result['next_page_accuracy']:.3f} of {pager_pages}" if pager_pages else "n/a"
    api_text = f"{result['api_accuracy']:.3f} of {api_pages}" if api_pages else "n/a"
    print(
        f"{folder}: precision {result['precision']:.3f} recall {result['recall']:.3f} over {len(rows)} pages "
        f"({need} entries); next page {nxt_text}; API request {api_text}"
    )
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="+", help="folders of labelled pages")
    ap.add_argument("--pages", action="store_true", help="one line per page")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = ap.parse_args()
    results = [r for folder in args.sets if (r := score_set(Path(folder), args.pages)) is not None]
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
