"""Attachments: the files an article links (附件 PDF/DOC/XLS/WPS/ZIP …) -> ``[{name, url, type}]``. They are
read from the body and from the block just after it (where 附件 lists usually stand, often classed as chrome),
and stay listed in the body text where the article lists them."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from crawler import rx
from crawler.content.render import squash, text_of

FILE_TYPES = ("pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "dps", "ppt", "pptx", "ofd", "zip", "rar", "7z", "txt")
FILE_EXT = rx.compile(r"\.(" + "|".join(FILE_TYPES) + r")(?:$|[?#])", re.I)
AFTER_BODY = 1500  # characters after the body where an attachment list may stand …
ATTACHMENT_WORDS = rx.compile(r"附件|附表|下载")  # … when it says so (an ad's PDF after the body is no attachment)


# A download button for the page itself (pdf下载, word版) rather than an attachment the text lists.
DOWNLOAD_BUTTON = rx.compile(r"^\s*(?:pdf|word|doc|docx|wps|excel|xls|ofd|文件|原文|全文)?\s*(?:下载|版)\s*$", re.I)


def listed_file(a: etree._Element) -> bool:
    """A link to a file that the text lists by name (not a download button)."""
    return bool(FILE_EXT.search(a.get("href") or "")) and not DOWNLOAD_BUTTON.match(text_of(a))


def file_type(href: str, name: str) -> str | None:
    m = FILE_EXT.search(urlsplit(href).path) or FILE_EXT.search(name.strip() + "?")
    return m.group(1).lower() if m else None


def attachments_in(
    anchors: list[etree._Element], offsets: dict, page_text: str, start: int, end: int, base_url: str | None
) -> list[dict[str, Any]]:
    """File links among ``anchors`` that sit in the body (``start``..``end`` of the first rendering) or just
    after it under a 附件 / 下载 heading (or named as a file), in reading order, each once."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for a in anchors:
        span = offsets.get(a)
        if span is None or not start <= span[0] <= end + AFTER_BODY:
            continue
        href = (a.get("href") or "").strip()
        if not href:
            continue
        by_href = FILE_EXT.search(urlsplit(href).path)
        text = page_text[span[0] : span[1]]  # the link's words as first rendered
        if not by_href and not FILE_EXT.search(text.strip() + "?"):
            continue
        name = squash(text).strip() or (a.get("title") or "").strip()
        kind = file_type(href, name)
        if kind is None:
            continue
        if span[0] > end and not (ATTACHMENT_WORDS.search(page_text, end, span[1]) or FILE_EXT.search(name + "?")):
            continue
        url = urljoin(base_url, href) if base_url and not base_url.startswith(("file:", "stdin:")) else href
        if url in seen:
            continue
        seen.add(url)
        out.append({"name": name or unquote(urlsplit(href).path.rsplit("/", 1)[-1]), "url": url, "type": kind})
    return out
