"""One bad byte does not turn a UTF-8 page into GBK mojibake; a BOM decides only when the bytes agree; a page
that still decodes to garbage is flagged and scored low. Pages written here in the structures that occur:
a truncated character and a stray 0xFF in UTF-8, a UTF-8 BOM before GBK bytes, UTF-8 damaged beyond repair."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.text.charset import decode_body
from tests.ops.helpers import Workdir
from tests.ops.site import article_html, make_site, story

PARAGRAPHS = story(7000)
TEXT = "".join(PARAGRAPHS)
UTF8 = "text/html; charset=utf-8"


def html(paragraphs: list[str], meta: str = '<meta charset="utf-8">', title: str = "园区新闻") -> str:
    return article_html(title, paragraphs, meta=meta)


def with_bad_bytes(page: str) -> bytes:
    """Valid UTF-8 with a character of the first paragraph cut after its first byte, and a stray 0xFF in
    the third."""
    raw = page.encode("utf-8")
    first = raw.index(PARAGRAPHS[0].encode()) + len(PARAGRAPHS[0][:2].encode())
    third = raw.index(PARAGRAPHS[2].encode()) + len(PARAGRAPHS[2][:4].encode())
    return raw[: first + 1] + raw[first + 3 : third] + b"\xff" + raw[third:]


def beyond_repair(page: str) -> bytes:
    """UTF-8 whose article text lost one byte in every 17: too many bad sequences for a local repair, and
    no other charset reads it either."""
    raw = page.encode("utf-8")
    start, end = raw.index(b'<div class="content">'), raw.index(b"</div></div>")
    kept = bytes(b for i, b in enumerate(raw[start:end]) if i % 17 != 16)
    return raw[:start] + kept + raw[end:]


@pytest.mark.parametrize(
    "content_type", [UTF8, None, "text/html; charset=gbk"], ids=["declared", "undeclared", "lying"]
)
def test_a_few_bad_bytes_leave_a_utf8_page_utf8(content_type: str | None) -> None:
    text, encoding, flags = decode_body(with_bad_bytes(html(PARAGRAPHS)), content_type)
    assert encoding == "utf-8"
    assert text.count("\ufffd") == 2 and flags["charset_decode_errors"] == 2
    assert PARAGRAPHS[1] in text and PARAGRAPHS[3] in text  # everything else as it was
    assert "text_garbled" not in flags


def test_a_bom_decides_only_when_the_bytes_agree() -> None:
    text, encoding, flags = decode_body(b"\xef\xbb\xbf" + html(PARAGRAPHS, meta="").encode("gbk"))
    assert encoding == "gb18030" and PARAGRAPHS[0] in text and "\ufffd" not in text
    assert flags["bom_ignored"] == 1 and "text_garbled" not in flags
    text, encoding, flags = decode_body(b"\xef\xbb\xbf" + html(PARAGRAPHS).encode("utf-8"), "text/html; charset=gbk")
    assert encoding == "utf-8" and PARAGRAPHS[0] in text and not flags


def test_a_page_no_charset_can_read_is_flagged() -> None:
    _, _, flags = decode_body(beyond_repair(html(PARAGRAPHS)), UTF8)
    assert flags["text_garbled"] == 1


@pytest.mark.slow
def test_a_crawl_keeps_damaged_utf8_readable_and_scores_garbage_low(tmp_path: Path) -> None:
    work = Workdir(tmp_path)
    site = make_site(work.replay, "bytes", "www.bytes.gov.cn", 1, 7100, registry=work.registry)
    pages = {
        201: (with_bad_bytes(html(PARAGRAPHS, title="坏字节新闻")), {"Content-Type": UTF8}),
        202: (
            b"\xef\xbb\xbf" + html(story(7202), meta="", title="字节顺序标记").encode("gbk"),
            {"Content-Type": "text/html"},
        ),
        203: (beyond_repair(html(story(7203), title="损坏")), {"Content-Type": UTF8}),
    }
    for n, (body, headers) in pages.items():
        site.page(n, body, headers=headers)
    site.lists()

    run = work.crawl("bytes")
    rows = {row["url"].rsplit("_", 1)[1]: row for row in run.rows}
    damaged, bom, garbage = rows["201.html"], rows["202.html"], rows["203.html"]
    flags = {f["name"]: f["count"] for f in damaged["quality"]["flags"]}
    assert damaged["quality"]["encoding"] == "utf-8" and flags["charset_decode_errors"] == 2
    assert damaged["body"].count("\ufffd") == 2 and "text_garbled" not in flags  # the decode test checks the rest
    assert damaged["quality"]["score"] >= 0.9
    assert bom["quality"]["encoding"] == "gb18030" and "要坚持项目为王" in bom["body"] and "\ufffd" not in bom["body"]
    assert {"name": "bom_ignored", "count": 1} in bom["quality"]["flags"]
    assert {"name": "text_garbled", "count": 1} in garbage["quality"]["flags"]
    assert garbage["quality"]["score"] <= 0.4
    assert rows["0.html"]["quality"]["score"] == 1.0  # an ordinary page is untouched
