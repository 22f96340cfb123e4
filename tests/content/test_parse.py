"""Parsing drops what never shows as text, and keeps the text around it in place."""

from __future__ import annotations

from crawler.content.parse import parse_page
from crawler.content.render import lines_of, render


def test_dropped_elements_leave_their_neighbours_text_in_place() -> None:
    page = parse_page(
        "<html><head><title>题</title><script>var a=1;</script></head><body>"
        "<p>开头<script>x()</script>中间<style>p{}</style><select><option>选项</option></select>结尾</p>"
        "<div><svg><text>图</text></svg>园区<noscript><iframe></iframe>无</noscript>新闻</div>"
        "<p><button>按钮</button></p><p>末段</p></body></html>"
    )
    assert lines_of(render(page.body)) == ["开头中间结尾", "园区新闻", "末段"]
    assert page.head.page_title == "题"


def test_a_hidden_copy_goes_and_a_hidden_article_stays() -> None:
    shown = "经开区今年新签约项目十二个，总投资一百亿元。其中工业项目八个，预计明年投产。"
    revealed = (
        "高新区一季度，规上工业增加值增长百分之九，高于全市，新落地企业二十家，外资五家，税收增长一成，"
        "研发投入增长两成，专利三百件，新增就业两千人，出口增长百分之五，进口持平，签约十个。"
    )
    page = parse_page(
        f"<html><body><div style='display: none'>{shown}</div><p>{shown}</p>"
        f"<div class='hide'>{revealed}</div></body></html>"
    )
    assert lines_of(render(page.body)) == [shown, revealed]
