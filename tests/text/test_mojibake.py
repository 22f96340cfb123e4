"""Mojibake inside correctly decoded pages; correct Chinese typography must survive untouched."""

from __future__ import annotations

import pytest

from crawler.text.mojibake import repair_mojibake


@pytest.mark.parametrize(
    ("original", "mangle", "flag"),
    [
        ("打印本页", lambda s: s.encode("utf-8").decode("latin-1"), "mojibake_utf8_as_latin1"),
        ("打印", lambda s: s.encode("utf-8").decode("gbk"), "mojibake_utf8_as_gbk"),
        ("关闭窗口", lambda s: s.encode("utf-8").decode("gbk"), "mojibake_utf8_as_gbk"),
        ("开发区", lambda s: s.encode("gbk").decode("latin-1"), "mojibake_gbk_as_latin1"),
        ("高新技术产业开发区", lambda s: s.encode("gbk").decode("latin-1"), "mojibake_gbk_as_latin1"),
    ],
)
def test_wrong_decodes_are_reversed(original: str, mangle: object, flag: str) -> None:
    broken = mangle(original)  # type: ignore[operator]
    text, flags = repair_mojibake(f"<p>国家级{broken}建设</p>")
    assert text == f"<p>国家级{original}建设</p>", broken
    assert flags[flag] == 1


def test_cp936_euro_sign_stands_for_byte_0x80() -> None:
    # 开 is E5 BC 80 in UTF-8; Windows' GBK shows the 0x80 as €.
    assert repair_mojibake("寮€鍙戝尯")[0] == "开发区"


@pytest.mark.parametrize(
    "text",
    [
        "“三抓三促”行动，（征求意见稿）：第一要务？是的！",  # full-width punctuation and curly quotes
        "阿卜杜·热合曼，面积×2，café",  # legitimate Latin-1 characters
        "中华人民共和国国家发展和改革委员会高新技术产业开发区",  # long runs of correct text
        "平涼工業園區堅持以招商引資為抓手",
        "用时5′30″，气温28℃……——完",  # symbols near cp1252's range that cp1252 cannot encode
    ],
)
def test_correct_text_is_untouched(text: str) -> None:
    assert repair_mojibake(text) == (text, {})


def test_mojibake_next_to_correct_text_is_cut_out_exactly() -> None:
    broken = "打印本页".encode()[:6].decode("gbk")  # 鎵撳嵃
    assert repair_mojibake(f"请{broken}本文")[0] == "请打印本文"
