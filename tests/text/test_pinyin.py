"""Pinyin annotations: removed only when they are a reading of the character they follow."""

from __future__ import annotations

import pytest

from crawler.text.pinyin import strip_annotations, strip_ruby


@pytest.mark.parametrize(
    ("annotated", "clean", "count"),
    [
        ("鄉(xiāng)鎮(zhèn)辦場(chǎng)", "鄉鎮辦場", 3),
        ("鄉（xiāng）鎮（zhèn）", "鄉鎮", 2),
        ("(高新區(qū))", "(高新區)", 1),
        ("黨(dǎng)的二十大", "黨的二十大", 1),
        ("長(zhǎng)江", "長江", 1),  # a second reading of 長 (cháng/zhǎng)
        ("鄉(xia\u0304ng)鎮", "鄉鎮", 1),  # tone mark as a combining character
    ],
)
def test_annotations_are_removed(annotated: str, clean: str, count: int) -> None:
    text, flags = strip_annotations(annotated)
    assert text == clean
    assert flags["pinyin_annotations_removed"] == count


@pytest.mark.parametrize(
    "text",
    [
        "黨(工)委",
        "(記者 陳志奎)",
        "(征求意見稿)",
        "增長(GDP)",
        "方案(a)",
        "中(a)國",
        "第(一)條",
        "鄉(kāi fā qū)",  # multi-syllable glosses are not the converter's
        "鄉(xiang)",  # toneless: not an annotation the converter makes
    ],
)
def test_legitimate_brackets_stay(text: str) -> None:
    assert strip_annotations(text) == (text, {})


def test_annotation_must_be_the_characters_reading() -> None:
    # zhèn is a real syllable but not a reading of 鄉.
    assert strip_annotations("鄉(zhèn)")[0] == "鄉(zhèn)"


def test_ruby_keeps_base_text_only() -> None:
    html = "<p><ruby>鄉<rp>(</rp><rt>xiāng</rt><rp>)</rp></ruby><ruby>鎮<rt>zhèn</rt></ruby>政府</p>"
    text, flags = strip_ruby(html)
    assert text == "<p>鄉鎮政府</p>"
    assert flags["ruby_annotations_removed"] == 2


def test_pages_without_ruby_are_returned_as_is() -> None:
    assert strip_ruby("<p>天门高新园</p>") == ("<p>天门高新园</p>", {})
