"""tidy_text: HTML remnants, invisible characters, whitespace and paragraph breaks."""

from __future__ import annotations

from crawler.text import tidy_text


def test_literal_tags_from_seed_000_are_removed() -> None:
    text, flags = tidy_text('打印:<span id="printapp">\n字体:')
    assert text == "打印:\n字体:"
    assert flags["html_remnants_removed"] == 1


def test_entities_nul_and_zero_width() -> None:
    text, flags = tidy_text("天门\u200b高新园&nbsp;建设&amp;发展\x00完成\ufeff")
    assert text == "天门高新园 建设&发展完成"
    assert flags["zero_width_removed"] == 2
    assert flags["control_chars_removed"] == 1
    assert flags["html_entities_decoded"] == 2


def test_escaped_markup_becomes_text_then_goes() -> None:
    text, flags = tidy_text("正文&lt;br/&gt;第二段&lt;/p&gt;")
    assert text == "正文\n第二段"
    assert flags["html_remnants_removed"] == 2


def test_whitespace_and_paragraphs() -> None:
    text, _ = tidy_text("\u3000\u3000第一段  内容\r\n\n\n   \n\t第二段\u00a0结尾  ")
    assert text == "第一段 内容\n第二段 结尾"


def test_comparisons_are_not_tags() -> None:
    assert tidy_text("增速 a<b 且 3 < 5") == ("增速 a<b 且 3 < 5", {})


def test_tag_that_lost_its_bracket() -> None:
    text, flags = tidy_text('打印本页?span id="printapp">\n正文<font color="red">')
    assert text == "打印本页\n正文"
    assert flags["html_remnants_removed"] == 2


def test_ordinary_text_with_equals_is_kept() -> None:
    assert tidy_text('公式 a = "b" > c')[0] == '公式 a = "b" > c'


def test_private_use_characters_are_kept_and_counted() -> None:
    text, flags = tidy_text("当地平镜\ue4d8嬲")
    assert text == "当地平镜\ue4d8嬲" and flags["private_use_chars"] == 1
