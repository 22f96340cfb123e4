"""Dates: every supported notation becomes China-time ISO 8601; impossible or unlabelled guesses do not."""

from __future__ import annotations

import pytest

from crawler.content import dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间：2021-07-08 09:12", ("2021-07-08T09:12:00+08:00", False)),
        ("2021年7月8日 09:12:30", ("2021-07-08T09:12:30+08:00", False)),
        ("2021/07/08", ("2021-07-08T00:00:00+08:00", True)),
        ("2021.7.8", ("2021-07-08T00:00:00+08:00", True)),
        ("二〇二一年十二月三日", ("2021-12-03T00:00:00+08:00", True)),
        ("二〇二二年二月二十八日", ("2022-02-28T00:00:00+08:00", True)),
        ("2021-02-30", None),  # no such day
        ("1850-01-01", None),  # outside the plausible range
        ("第2021期 共35页", None),
        ("12/01/2004 - 01/01/2005", None),  # an archive range, not 2004-01-01
    ],
)
def test_first_date(text: str, expected: tuple[str, bool] | None) -> None:
    assert dates.first_date(text) == expected


def test_bad_clock_keeps_the_day() -> None:
    assert dates.first_date("2021-07-08 25:70") == ("2021-07-08T00:00:00+08:00", True)


def test_labelled_date_skips_unlabelled_ones() -> None:
    text = "今天是2026年11月23日 星期一\n发布日期：2023-11-02 来源：管委会"
    assert dates.labelled_date(text) == ("2023-11-02T00:00:00+08:00", True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-07-08T01:12:00Z", "2021-07-08T09:12:00+08:00"),
        ("2021-07-08T09:12:00+0800", "2021-07-08T09:12:00+08:00"),
        ("2021-07-07T20:12:00-05:00", "2021-07-08T09:12:00+08:00"),
        ("2021-07-08 09:12", "2021-07-08T09:12:00+08:00"),
    ],
)
def test_meta_values_are_converted_to_china_time(value: str, expected: str) -> None:
    found = dates.meta_date(value)
    assert found is not None and found[0] == expected


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
    found = dates.url_date(url)
    assert found == (f"{day}T00:00:00+08:00", True)


def test_url_without_date() -> None:
    assert dates.url_date("https://www.example.gov.cn/news/show.asp?id=20210708") is None
    assert dates.url_date(None) is None
