"""Dates: every supported notation becomes a China date (and time when given); candidates are ranked by one
rule, with the date a reader sees ahead of the dates CMSes write into metas and scripts."""

from __future__ import annotations

import pytest

from crawler.content import dates
from crawler.content.datetext import first_date, machine_value


def read(text: str) -> tuple[str, str | None] | None:
    stamp = first_date(text)
    return (stamp.date_iso, stamp.at_iso) if stamp else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间：2021-07-08 09:12", ("2021-07-08", "2021-07-08T09:12:00+08:00")),
        ("2021年7月8日 09:12:30", ("2021-07-08", "2021-07-08T09:12:30+08:00")),
        ("2021/07/08", ("2021-07-08", None)),
        ("2021.7.8", ("2021-07-08", None)),
        ("二〇二一年十二月三日", ("2021-12-03", None)),
        ("二〇二三年五月十一日", ("2023-05-11", None)),
        ("二〇二二年二月二十八日", ("2022-02-28", None)),
        ("２０２３年５月１１日", ("2023-05-11", None)),  # full-width digits
        ("［2020-4-7］", ("2020-04-07", None)),
        ("7/18/2006 3:05:41 PM", ("2006-07-18", "2006-07-18T15:05:41+08:00")),
        ("发表于2005年09月07日 11:57 PM", ("2005-09-07", "2005-09-07T23:57:00+08:00")),
        ("2012-01-12 下午3:55", ("2012-01-12", "2012-01-12T15:55:00+08:00")),
        ("2022-01-28 00:00:00", ("2022-01-28", None)),  # a template's "no time"
        ("2021-02-30", None),  # no such day
        ("1850-01-01", None),  # outside the plausible range
        ("第2021期 共35页", None),
        ("12/01/2004 - 01/01/2005", None),  # day-first or month-first? without a time, neither
    ],
)
def test_notations(text: str, expected: tuple[str, str | None] | None) -> None:
    assert read(text) == expected


def test_bad_clock_keeps_the_day() -> None:
    assert read("2021-07-08 25:70") == ("2021-07-08", None)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-07-08T01:12:00Z", "2021-07-08T09:12:00+08:00"),
        ("2021-07-08T09:12:00+0800", "2021-07-08T09:12:00+08:00"),
        ("2021-07-07T20:12:00-05:00", "2021-07-08T09:12:00+08:00"),
        ("2021-07-08 09:12", "2021-07-08T09:12:00+08:00"),
    ],
)
def test_machine_values_are_converted_to_china_time(value: str, expected: str) -> None:
    stamp = machine_value(value)
    assert stamp is not None and stamp.at_iso == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("发布日期：2023-11-02 来源：管委会", [dates.PUBLISHED]),
        ("今天是2026年11月23日 星期一", [dates.UNLABELLED]),
        ("成文日期：2022-01-27 发布日期：2022-01-28", [dates.WRITTEN, dates.PUBLISHED]),
        ("发布时间：2024-01-02 更新时间：2024-01-05 10:00", [dates.PUBLISHED, dates.UPDATED]),
        ("本贴由 山石 于2006年3月2日09:15:07 发表", [dates.PUBLISHED]),
        ("本报记者 王强 李明  2004-6-3  江城晚报", [dates.UNLABELLED]),
        ("日期：[2020-4-7]", [dates.PUBLISHED]),
    ],
)
def test_labels_give_the_kind(text: str, kinds: list[str]) -> None:
    assert [c.kind for c in dates.in_text(text, dates.INFO)] == kinds


def candidates(*pairs: tuple[str, str, str]) -> list[dates.Candidate]:
    return [dates.Candidate(origin, kind, machine_value(value)) for origin, kind, value in pairs]  # type: ignore[arg-type]


def test_visible_date_beats_a_republished_meta_and_says_so() -> None:
    found = candidates(
        (dates.META, dates.PUBLISHED, "2023-04-18 15:24:29"), (dates.INFO, dates.PUBLISHED, "2022-05-06 15:16")
    )
    choice = dates.choose(found)
    assert (choice.stamp.at_iso, choice.origin, choice.conflict) == ("2022-05-06T15:16:00+08:00", dates.INFO, True)


def test_meta_is_the_fallback_and_its_time_is_not_lent_to_a_visible_date() -> None:
    only_meta = dates.choose(candidates((dates.META, dates.PUBLISHED, "2021-01-05 16:59")))
    assert (only_meta.stamp.at_iso, only_meta.conflict) == ("2021-01-05T16:59:00+08:00", False)
    same_day = dates.choose(
        candidates((dates.SCRIPT, dates.PUBLISHED, "2022-02-13 07:48:00"), (dates.INFO, dates.UNLABELLED, "2022-02-13"))
    )
    assert (same_day.stamp.date_iso, same_day.stamp.clock, same_day.origin) == ("2022-02-13", None, dates.INFO)
    assert not same_day.conflict
    lines = candidates(
        (dates.INFO, dates.PUBLISHED, "2022-02-13"), (dates.DATELINE, dates.UNLABELLED, "2022-02-13 7:48")
    )
    assert dates.choose(lines).stamp.at_iso == "2022-02-13T07:48:00+08:00"


def test_published_beats_written_and_written_is_a_last_resort() -> None:
    table = candidates((dates.TABLE, dates.WRITTEN, "2022-01-27"), (dates.TABLE, dates.PUBLISHED, "2022-01-28"))
    assert dates.choose(table).stamp.date_iso == "2022-01-28"
    written = candidates((dates.TABLE, dates.WRITTEN, "2022-01-27"), (dates.URL, dates.UNLABELLED, "2022-01-29"))
    assert dates.choose(written).stamp.date_iso == "2022-01-29"
    assert dates.choose(candidates((dates.INFO, dates.WRITTEN, "2022-01-27"))).stamp.date_iso == "2022-01-27"


def test_updated_is_ranked_on_its_own() -> None:
    found = candidates((dates.INFO, dates.PUBLISHED, "2024-01-02"), (dates.INFO, dates.UPDATED, "2024-01-05 10:00"))
    assert dates.choose(found).stamp.date_iso == "2024-01-02"
    assert dates.choose(found, dates.UPDATED_RANK).stamp.at_iso == "2024-01-05T10:00:00+08:00"


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://www.hubei.gov.cn/xxgk/202107/t20210708_3456789.shtml", "2021-07-08"),
        ("https://www.jiangxi.gov.cn/art/2020/2/20/art_14236_1508410.html", "2020-02-20"),
        ("https://epaper.example.cn/jxrb/html/2017-10/09/content_187.htm", "2017-10-09"),
        ("https://www.jsw.com.cn/2022/0710/1707858.shtml", "2022-07-10"),
    ],
)
def test_cms_url_dates(url: str, day: str) -> None:
    (found,) = dates.from_url(url)
    assert (found.stamp.date_iso, found.stamp.clock) == (day, None)


def test_url_without_date() -> None:
    assert dates.from_url("https://www.example.gov.cn/news/show.asp?id=20210708") == []
    assert dates.from_url(None) == []


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("2023-01-29 08:23 来源：金山网", True),
        ("本报记者 王强 李明  2004-6-3  江城晚报", True),
        ("经2020年2月18日市局党组会议研究，决定：", False),  # a clause, not an info line
    ],
)
def test_datelines(line: str, dateline: bool) -> None:
    assert dates.is_dateline(line) is dateline


def test_a_yearless_visible_date_takes_the_year_of_a_machine_date_on_the_same_day() -> None:
    found = dates.in_text("发布时间：10-0812:00", dates.INFO) + dates.from_meta({"dateupdate": "2019-10-08 12:00:57"})
    assert dates.choose(found).stamp.at_iso == "2019-10-08T12:00:00+08:00"
    assert dates.choose(dates.in_text("发布时间：10-08 12:00", dates.INFO)).stamp is None  # never a guessed year
