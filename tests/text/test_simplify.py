"""t2s with the mainland 着 fix-ups, and the page's original script."""

from __future__ import annotations

import pytest

from crawler.text.simplify import to_simplified


def test_traditional_page_is_converted_and_recorded() -> None:
    text, script, flags = to_simplified("<p>平涼工業園區堅持以招商引資為抓手</p>")
    assert text == "<p>平凉工业园区坚持以招商引资为抓手</p>"
    assert script == "traditional"
    assert flags["converted_to_simplified"] == 7  # 涼業園區堅資為


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("著力發展實體經濟", "着力发展实体经济"),
        ("圍著目標", "围着目标"),
        ("洋溢著喜悅", "洋溢着喜悦"),
        ("一著不讓抓落實", "一着不让抓落实"),
        ("本著作權法", "本著作权法"),  # 著 of 著作 stays
        ("著名企業，成效顯著", "著名企业，成效显著"),
    ],
)
def test_zhe_fixups(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional)[0] == simplified


def test_simplified_page_is_untouched() -> None:
    text = "<p>平凉工业园区坚持以招商引资为抓手，着力发展实体经济</p>"
    assert to_simplified(text) == (text, "simplified", {})


def test_mixed_page() -> None:
    _, script, _ = to_simplified("平凉工业园区坚持以招商引资为抓手。平涼工業園區堅持以招商引資為抓手。")
    assert script == "mixed"


def test_no_han_is_unknown() -> None:
    assert to_simplified("<p>GDP 2023</p>")[1] == "unknown"


def test_no_phrase_rewriting() -> None:
    # tw2sp would turn these into 智能城市 / 通信员; t2s must not.
    assert to_simplified("智慧城市通訊員")[0] == "智慧城市通讯员"
