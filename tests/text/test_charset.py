"""Charset decisions on lying servers: every case is a page whose declaration is wrong or missing."""

from __future__ import annotations

import pytest

from crawler.text import detect_encoding
from crawler.text.charset import decode_body
from tests.text.converter import annotate_bytes

TRADITIONAL = "平涼工業園區堅持以招商引資為抓手，推動高質量發展。"
TEXT = "平凉工业园区坚持以招商引资为抓手，推动高质量发展。开发区管委会主任表示，今年将新建项目十二个。"


def page(meta: str = "", text: str = TEXT) -> str:
    return f"<html><head>{meta}<title>News</title></head><body><p>{text}</p></body></html>"


UTF8_META = '<meta charset="utf-8">'
GB_META = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'


@pytest.mark.parametrize(
    ("body", "content_type", "encoding", "flag"),
    [
        (page(UTF8_META).encode("gbk"), None, "gb18030", "charset_redecoded"),
        (page().encode("gbk"), "text/html; charset=utf-8", "gb18030", "charset_redecoded"),
        (page(GB_META).encode("utf-8"), None, "utf-8", "charset_redecoded"),
        (page().encode("utf-8"), "text/html; charset=GBK", "utf-8", "charset_redecoded"),
        (page().encode("gbk"), "text/html; charset=ISO-8859-1", "gb18030", "charset_redecoded"),
        (page().encode("gbk"), None, "gb18030", "charset_undeclared"),
        (page().encode("utf-8"), None, "utf-8", "charset_undeclared"),
        (page(text=TRADITIONAL).encode("big5"), None, "big5hkscs", "charset_undeclared"),
    ],
)
def test_real_charset_wins_over_declaration(body: bytes, content_type: str | None, encoding: str, flag: str) -> None:
    text, found, flags = decode_body(body, content_type)
    assert found == encoding
    assert "抓手" in text
    assert flags[flag] == 1
    assert detect_encoding(body, content_type) == encoding


def test_truthful_declarations_are_not_flagged() -> None:
    assert decode_body(page(GB_META).encode("gbk"))[2] == {}
    assert decode_body(page().encode("utf-8"), "text/html; charset=utf-8")[2] == {}


def test_gb2312_is_decoded_as_gb18030() -> None:
    # 镕 is GBK but not GB2312; a strict gb2312 decoder would lose it.
    text, encoding, _ = decode_body(page(GB_META, "朱镕基视察开发区").encode("gbk"))
    assert encoding == "gb18030" and "朱镕基" in text


def test_bom_beats_everything() -> None:
    text, encoding, flags = decode_body(b"\xef\xbb\xbf" + page(GB_META).encode("utf-8"), "text/html; charset=gbk")
    assert encoding == "utf-8" and "抓手" in text and not text.startswith("\ufeff")
    assert not flags


def test_split_annotations_are_removed_from_gbk_bytes_before_decoding() -> None:
    body = annotate_bytes(page(GB_META, "馬明龍在講話"), {"堅": "jiān", "龍": "lóng"})
    text, encoding, flags = decode_body(body)
    assert encoding == "gb18030"
    assert "馬明龍(lóng)在講話" in text
    assert flags["gbk_damage_repaired"] == 1


def test_undecodable_bytes_are_counted_not_fatal() -> None:
    body = page(UTF8_META).encode("gbk")[:-30] + b"\xff\xfe\xff" + b"</p></body></html>"
    text, encoding, flags = decode_body(body, "text/html; charset=utf-8")
    assert encoding == "gb18030" and "抓手" in text
    assert flags["charset_decode_errors"] >= 1
