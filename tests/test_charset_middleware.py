"""A GBK portal behind a lying ``charset=utf-8`` header: list pages are re-decoded by the middleware,
article pages once, by the pipelines' decode step."""

from __future__ import annotations

import re


def stat(log: str, name: str) -> int:
    m = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(m.group(1)) if m else 0


def test_lying_header_is_redecoded_once_per_page(crawl) -> None:
    result = crawl("jsw")
    assert result["returncode"] == 0, result["log"][-2000:]
    list_pages = stat(result["log"], "portal/list_pages")
    articles = len(result["items"])
    assert list_pages >= 2 and articles >= 3
    assert stat(result["log"], "charset/redecoded") == list_pages  # middleware: list pages only
    assert stat(result["log"], "text/flags/charset_redecoded") == articles  # decode step: each article
    assert all("镇江" in row["body"] or "句容" in row["body"] for row in result["items"])
