"""Dated start URLs: e-papers (and some daily columns) put the issue date in the list page URL.

A registry start URL may hold ``{date:<strftime format>}``, e.g.
``http://epaper.example.cn/html/{date:%Y-%m/%d}/node_1.htm``; the spider visits one issue per day, newest
first, from ``since`` (default: only the last day) to ``until`` (default: today in China).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from crawler import rx
from crawler.page import CHINA_TZ

DATE_FIELD = rx.compile(r"\{date:([^{}]+)\}")
# A backfill over more days than this is a mistake on the command line, not a plan.
MAX_ISSUE_DAYS = 366


def is_dated(url: str) -> bool:
    return DATE_FIELD.search(url) is not None


def for_day(template: str, day: date) -> str:
    return DATE_FIELD.sub(lambda m: day.strftime(m[1]), template)


def today() -> date:
    return datetime.now(CHINA_TZ).date()


def issue_days(since: date | None, until: date) -> list[date]:
    """The days to visit, newest first."""
    first = max(since or until, until - timedelta(days=MAX_ISSUE_DAYS - 1))
    return [until - timedelta(days=n) for n in range((until - first).days + 1)]


def start_urls(templates: tuple[str, ...], since: date | None, until: date) -> list[str]:
    """Every start URL, dated ones expanded for each issue day."""
    urls: list[str] = []
    for template in templates:
        if is_dated(template):
            urls.extend(for_day(template, day) for day in issue_days(since, until))
        else:
            urls.append(template)
    return urls
