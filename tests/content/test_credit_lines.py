"""Credit lines at the body's edges are read into credits and kept out of the body; lines with a sentence stay."""

from __future__ import annotations

import pytest

from crawler.content import extract_article
from crawler.content.bylines import Credits
from crawler.content.credit_lines import credits_only, head_byline, tail_credit


@pytest.mark.parametrize(
    "line",
    [
        "江城日报记者 王建宏 张文攀",
        "采写：南都记者 余毅菁 向雪妮",
        "执笔/叨叨姐、胡一刀&李小飞刀",
        "（福州晚报记者 林安镇 实习生 黄卫平 文/摄）",
        "本文来源：江城商报 责任编辑：杨倩_NF4425",
        "编辑|禤志杰",
        "来源|江城参考、江城发布",
        "（松花江网编辑 孙桂芳）",
        "党支部、办公室供稿 摄影/张艳 编辑/苏芳",
        "记者陈钧凯／台北报导",
        "□ 本报记者 葛灵丹",
    ],
)
def test_credit_only_lines(line: str) -> None:
    assert credits_only(line)


@pytest.mark.parametrize(
    "line",
    [
        "记者从市发展改革委获悉，全市重点项目开工率达到九成。",
        "文化部门将组织专家评审。",
        "图为会场一角",
        "编辑部全体人员参加了培训",
        "张文攀说：“我们一定按期完工。”",
    ],
)
def test_lines_with_more_than_credits(line: str) -> None:
    assert not credits_only(line)


def test_head_bylines_are_read() -> None:
    found = Credits()
    assert head_byline("江城日报记者 王建宏 张文攀", found)
    assert head_byline("石佳/中国青年报", found)
    assert head_byline("（原标题：园区新签约项目12个）", found)
    assert head_byline("【新春走基层】", found)
    assert (found.authors, found.source) == (["王建宏", "张文攀", "石佳"], "中国青年报")


def test_tail_credits_are_read_with_their_roles() -> None:
    found = Credits()
    for line in (
        "本文来源：江城商报 责任编辑：杨倩_NF4425",
        "（实习生王金茹对此文亦有贡献）",
        "（袁源）",
        "图片均来自网络",
    ):
        assert tail_credit(line, found), line
    assert (found.editors, found.authors, found.source) == (["杨倩"], ["袁源"], "江城商报")


def test_material_sources_are_not_the_articles_source() -> None:
    found = Credits()
    assert tail_credit("（资料来源：参考消息、海外网等）", found)
    assert found.source is None


def test_page_with_a_byline_on_top_and_a_credit_block_below() -> None:
    paras = [
        "3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，区四套班子领导出席会议。",
        "李东成指出，区域发展，实体为基、项目为王、招商为要，必须强势推进，快速突破，久久为功。",
    ]
    html = (
        "<html><head><title>全区工业发展大会召开_江城网</title></head><body><h1>全区工业发展大会召开</h1>"
        "<p class='time'>2018-03-06 10:20</p><div class='article'><p>（原标题：亭湖区召开工业发展大会）</p>"
        "<p>江城日报记者 陈晨 吴涛</p>" + "".join(f"<p>{p}</p>" for p in paras) + "<p>本文来源：江城日报 "
        "责任编辑：刘敏_NB1234</p></div></body></html>"
    )
    art = extract_article(html)
    assert art.body.split("\n") == paras
    assert (art.authors, art.editors, art.source) == (["陈晨", "吴涛"], ["刘敏"], "江城日报")


def test_name_alone_under_the_headline_and_a_visible_source_beats_the_meta() -> None:
    html = (
        "<html><head><title>全区工业发展大会召开_江城网</title><meta name='ContentSource' content='江城市人民政府'>"
        "</head><body><h1>全区工业发展大会召开</h1><p>王建宏</p><p>时间：2018-03-06 来源：江城日报</p>"
        "<div class='TRS_Editor'><p>3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，"
        "区四套班子领导出席会议。</p></div></body></html>"
    )
    art = extract_article(html)
    assert (art.authors, art.source) == (["王建宏"], "江城日报")


def test_an_empty_visible_source_is_not_filled_from_the_meta() -> None:
    body = (
        "<div class='TRS_Editor'><p>3月3日上午，全区工业发展大会召开。区委书记李东成、区长张宏春分别讲话，"
        "区四套班子领导出席会议。</p></div>"
    )
    head = "<title>全区工业发展大会召开_江城网</title><meta name='ContentSource' content='产业处'>"
    info = "<p>日期：2025-02-26 来源：</p>"
    html = f"<html><head>{head}</head><body><h1>全区工业发展大会召开</h1>{info}{body}</body></html>"
    assert extract_article(html).source is None
    html = html.replace("content='产业处'", "content='全区工业发展大会召开'").replace(
        "<p>日期：2025-02-26 来源：</p>", ""
    )
    assert extract_article(html).source is None  # a meta holding the headline names no outlet
