"""Dates a list row shows: ``2021-07-08``, ``2021/7/8``, ``2021年7月8日``, ``[2021-07-08]``, and month-day
only (``07-08``, ``7月8日``) whose year the article URL or the page supplies.

A row date is evidence twice over: it dates the entry (for ``since``) and it tells a list row from a
navigation link, so the reader wants to know a row *has* a date even when its year is unknown.
"""

from __future__ import annotations

from datetime import date

from crawler import rx

FULL = rx.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
# Month-day alone, not part of a longer number or of a full date (``10-19``, ``(10-19)``, ``10月19日``);
# never with a dot, which is how titles write figures (``增长3.5%``) and anniversaries (``5.12``).
MONTH_DAY = rx.compile(r"(?<![\d\-/.年])(\d{1,2})\s*(?:[-/]|月)\s*(\d{1,2})(?:日|(?![\d\-/.]))")


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first plausible calendar date in ``text`` (2021-07-08, 2021/7/8, 2021年7月8日)."""
    for match in FULL.finditer(text):
        found = _valid(int(match[1]), int(match[2]), int(match[3]))
        if found:
            return found
    return None


def month_day(text: str) -> tuple[int, int] | None:
    """A month and day shown without a year (``10-19``, ``7月8日``), when no full date is there."""
    for match in MONTH_DAY.finditer(text):
        month, day = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    return None


def row_date(text: str, year_hint: date | None) -> tuple[date | None, str | None]:
    """The row's date and what the row shows: ``full`` (with its year), ``month_day`` or None.

    A month-day takes its year from ``year_hint`` (the date the article URL spells), stepping back a
    year when that would put it after the hint (a December row of a January URL is last year's)."""
    full = parse_date(text)
    if full:
        return full, "full"
    md = month_day(text)
    if md is None:
        return None, None
    if year_hint is None:
        return None, "month_day"
    found = _valid(year_hint.year, *md)
    if found and (found - year_hint).days > 31:
        found = _valid(year_hint.year - 1, *md)
    return found, "month_day"
