"""Date notations on Chinese pages -> a ``Stamp`` (the China date, and the time when the text gives one).

Pure text functions: which of a page's dates is the article's publication date is decided in dates.py.
Read: 2021-07-08 / 2021/7/8 / 2021.7.8 / 2021年7月8日 with an optional time (09:12, 9时12分, 下午3:05, 11:57 AM),
二〇二一年十二月三日, full-width digits, US order with a time (7/18/2006 3:05:41 PM), ISO values with an offset.
A date is never invented: impossible days, years outside 1980–2100 and bare US dates without a time give None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from crawler import rx
from crawler.text.numerals import CN_DIGITS

CHINA = timezone(timedelta(hours=8))
MIN_YEAR, MAX_YEAR = 1980, 2100

# Full-width digits and separators read as their ASCII forms (lengths are kept, so offsets still hold).
WIDE = str.maketrans("０１２３４５６７８９／－．：", "0123456789/-.:")

_CLOCK = (
    r"(?:\s*[T\s]?\s*(?P<ap1>[上下]午|早上|晚上|凌晨|中午)?\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?!\d)"
    r"(?:\s*[:：分]\s*(?P<S>\d{1,2})(?!\d))?(?:\s*秒)?(?:\s*(?P<ap2>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?)?"
)
NUM_DATE = rx.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<m>\d{1,2})\s*(?P<sep2>[-/.月])\s*(?P<d>\d{1,2})(?!\d)"
    r"\s*[日号]?" + _CLOCK
)
# Month/day/year is only trusted with a time after it: a bare 12/01/2004 may be day-first.
US_DATE = rx.compile(
    r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\s*(?P<ap2>[AaPp]\.?[Mm]\.?)(?![A-Za-z]))?"
)
SEPARATOR_PAIRS = {"-": "-", "/": "/", ".": ".", "年": "月"}
# in dates the letter O is often typed for 〇 (二O二一年)
_CN_DIGITS = {**CN_DIGITS, "Ｏ": 0, "O": 0}
CN_DATE = rx.compile(
    r"(?P<y>[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>十[一二]?|[一二三四五六七八九])\s*月\s*"
    r"(?P<d>三十[一]?|二?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号]"
)
ISO_VALUE = rx.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$")
AFTERNOON = ("下午", "晚上")


@dataclass(frozen=True)
class Stamp:
    """A China date, with the time of day when the page gives one (a bare midnight counts as none)."""

    day: date
    clock: time | None = None

    @property
    def date_iso(self) -> str:
        return self.day.isoformat()

    @property
    def at_iso(self) -> str | None:
        if self.clock is None:
            return None
        return datetime.combine(self.day, self.clock, CHINA).isoformat()


def make(y: int, m: int, d: int, hh: int | None = None, mm: int | None = None, ss: int | None = None) -> Stamp | None:
    """A Stamp, or None for an impossible day; an impossible clock keeps the day. CMS templates print 00:00(:00)
    for "no time", so midnight is read as no time."""
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        day = date(y, m, d)
    except ValueError:
        return None
    clock = None
    if hh is not None and hh <= 23 and (mm or 0) <= 59 and (ss or 0) <= 59 and (hh or mm or ss):
        clock = time(hh, mm or 0, ss or 0)
    return Stamp(day, clock)


def _hour(g: dict[str, str | None]) -> int | None:
    if not g.get("H"):
        return None
    hh = int(g["H"])  # type: ignore[arg-type]
    ap1, ap2 = g.get("ap1"), (g.get("ap2") or "").replace(".", "").lower()
    if (ap1 in AFTERNOON or ap2 == "pm") and hh < 12:
        hh += 12
    elif ap2 == "am" and hh == 12:
        hh = 0
    return hh


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    return _CN_DIGITS.get(text, 0)


def from_match(m: re.Match[str]) -> Stamp | None:
    g = m.groupdict()
    if "sep" in g and SEPARATOR_PAIRS.get(g["sep"]) != g["sep2"]:
        return None  # "2004 - 01/01/2005" is a range of US dates, not 2004-01-01
    if m.re is CN_DATE:
        year = int("".join(str(_CN_DIGITS[c]) for c in g["y"]))
        return make(year, _cn_number(g["m"]), _cn_number(g["d"]))
    hh = _hour(g)
    mm = int(g["M"]) if g.get("M") else None
    ss = int(g["S"]) if g.get("S") else None
    return make(int(g["y"]), int(g["m"]), int(g["d"]), hh, mm, ss)


def matches(text: str) -> list[re.Match[str]]:
    """Every date notation in ``text`` (already translated with WIDE), in reading order."""
    found = [*NUM_DATE.finditer(text), *US_DATE.finditer(text), *CN_DATE.finditer(text)]
    found.sort(key=lambda m: m.start())
    return found


def first_date(text: str) -> Stamp | None:
    """The first valid date in ``text``."""
    for m in matches(text.translate(WIDE)):
        found = from_match(m)
        if found:
            return found
    return None


def machine_value(value: str) -> Stamp | None:
    """A meta-tag or script value: ISO with an offset is converted to China time; anything else is China time."""
    value = value.strip().translate(WIDE)
    iso = ISO_VALUE.match(value)
    if not iso:
        return first_date(value)
    tz = iso.group(3)
    tz = "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
    try:
        dt = datetime.fromisoformat(f"{iso.group(1)}T{iso.group(2)}{tz}").astimezone(CHINA)
    except ValueError:
        return None
    return make(dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second)
