"""Credits: reporters, editors, photographers and sources come out as bare names; prose does not."""

from __future__ import annotations

import pytest

from crawler.content import bylines
from crawler.content.bylines import Credits, bracket_bylines, clean_source, closing_byline, credits_in, only_names


def credits(text: str) -> Credits:
    found = Credits()
    credits_in(text, found)
    return found


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        ("天门网讯（全媒体记者 王帅）", ["王帅"]),
        ("本报讯 记者 樊亮 张明超 记者惠禾", ["樊亮", "张明超", "惠禾"]),
        ("顶端新闻·河南商报记者马俊峰/文受访者供图", ["马俊峰"]),
        ("作者：郭励弘", ["郭励弘"]),
        ("文/图 欧阳明", ["欧阳明"]),
        ("据新华社拉萨电（记者 格桑边觉）", ["格桑边觉"]),
        ("第A04版：小记者训练营", []),  # a page name, not a byline
        ("记者了解到", []),
        ("作者：网络整理", []),
    ],
)
def test_authors(text: str, authors: list[str]) -> None:
    assert credits(text).authors == authors


def test_editors_are_not_authors() -> None:
    found = credits("责任编辑：龚逍遥")
    assert found.editors == ["龚逍遥"]
    assert found.authors == []


def test_photographers() -> None:
    found = credits("镇江市项目攻坚暨产业强市大会现场。 马镇丹 谢道韫 摄")
    assert found.photographers == ["马镇丹", "谢道韫"]
    assert credits("摄影：李强").photographers == ["李强"]


def test_bracketed_groups_in_an_opening() -> None:
    assert bracket_bylines("本报讯（记者 张三 通讯员 李四）昨日，……（图）") == ["记者 张三 通讯员 李四"]


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("……起到极大推动作用。（总台记者 张倩）", ["张倩"]),
        ("……过一个廉洁的新春佳节。（常书香 马丹阳 ）", ["常书香", "马丹阳"]),
        ("……见下表（单位：万元）", []),
    ],
)
def test_closing_bylines(line: str, authors: list[str]) -> None:
    found = Credits()
    closing_byline(line, found)
    assert found.authors == authors


@pytest.mark.parametrize(
    ("raw", "source"),
    [
        ("天门网 【字体：大 中 小】", "天门网"),
        ("冷水江新闻网 分享收藏", "冷水江新闻网"),
        ("高新院 achie.org 日期:2023-09-05", "高新院 achie.org"),
        ("2021-07-08", None),
        ("光明网-《光明日报》2024-05-20 03:15", "光明网-《光明日报》"),
    ],
)
def test_sources(raw: str, source: str | None) -> None:
    assert clean_source(raw) == source


def test_only_names() -> None:
    assert only_names("赵延东、风笑天") == ["赵延东", "风笑天"]
    assert only_names("发展改革") == []


def test_unlabelled_source_beside_the_date() -> None:
    line = "发布时间：2023-01-29 08:23 金山网 www.jsw.com.cn 【字体：放大 缩小 默认】"
    assert bylines.unlabelled_source([line], []) == "金山网"


def test_wire_credit_names_the_source_but_house_credits_do_not() -> None:
    assert bylines.unlabelled_source([], ["聚焦项目攻坚", "金山网讯 1月28日,节后上班第一天"]) == "金山网"
    assert bylines.unlabelled_source([], ["湖南日报·新湖南客户端2月16日讯(通讯员 段姝)"]) == "湖南日报"
    assert bylines.unlabelled_source([], ["本报讯 昨日,全市召开大会"]) is None


@pytest.mark.parametrize(
    ("raw", "source"),
    [
        ("访问量：1234", None),  # an empty 来源： followed by the next field
        ("本站原创 作者：李明", None),
        ("网络", None),
    ],
)
def test_values_that_name_no_outlet(raw: str, source: str | None) -> None:
    assert clean_source(raw) == source


def test_empty_source_label_gives_null_not_the_next_field() -> None:
    assert credits("来源： 访问量：1234").source is None


def test_source_naming_a_person_is_an_author() -> None:
    found = credits("来源：王建宏")
    assert (found.source, found.authors) == (None, ["王建宏"])
    assert credits("来源：江城网").source == "江城网"


def test_several_roles_in_one_byline() -> None:
    found = credits("本报实习生 王小明 刘畅 本报记者 陈志奎 段姝 曹丹")
    assert found.authors == ["王小明", "刘畅", "陈志奎", "段姝", "曹丹"]
    assert credits("摄影报道：李强").photographers == ["李强"]


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("2019年11月25日 18:57 江城消息", "江城消息"),
        ("原创 江城都市报 2019-09-09 16:01:46", "江城都市报"),
        ("2012-01-12 09:15 HKT", None),
        ("2022-02-14 03:01 同人连载", None),
        ("2019-09-09 阅读1054次", None),
    ],
)
def test_outlet_beside_the_date(line: str, source: str | None) -> None:
    assert bylines.unlabelled_source([line], []) == source
