"""Publication dates: meta tags, labelled lines (发布时间：…), unlabelled datelines near the title, and the
dates CMSes write into URLs. Output is ISO 8601 in China time; a date is never invented (no year guessing
without evidence)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from crawler.content.bylines import SOURCE_LABEL
from crawler.text.numerals import CN_DIGITS

CHINA = timezone(timedelta(hours=8))

# meta name/property -> kind; searched case-insensitively, first hit wins in this order.
PUBLISHED_META = (
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "publish_time",
    "article:published_time",
    "og:release_date",
    "og:published_time",
    "datepublished",
    "ptime",
    "firstpublishedtime",
    "releasedate",
    "dc.date",
    "dc.date.issued",
    "weibo:article:create_at",
    "created",
    "date",
)
UPDATED_META = ("article:modified_time", "og:updated_time", "lastmodified", "last-modified", "datemodified", "modified")

_NUM_DATE = (
    r"(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<m>\d{1,2})\s*(?P<sep2>[-/.月])\s*(?P<d>\d{1,2})(?!\d)\s*[日号]?"
    r"(?:\s*[T\s]?\s*(?:[上下]午\s*)?(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?!\d)(?:\s*[:：分]\s*(?P<S>\d{1,2})(?!\d))?)?"
)
NUM_DATE = re.compile(_NUM_DATE)
SEPARATOR_PAIRS = {"-": "-", "/": "/", ".": ".", "年": "月"}
# in dates the letter O is often typed for 〇 (二O二一年)
_CN_DIGITS = {**CN_DIGITS, "Ｏ": 0, "O": 0}
CN_DATE = re.compile(
    r"(?P<y>[〇○零Ｏ一二三四五六七八九]{4})年(?P<m>十[一二]?|[一二三四五六七八九])月"
    r"(?P<d>三十[一]?|二?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]"
)
LABEL = re.compile(
    r"(?:发布时间|发表时间|发布日期|发表日期|发稿时间|发文日期|成文日期|印发日期|出版日期|刊发时间|"
    r"录入时间|上传时间|时间|日期|发表于|发布于|Date|Time|Published)\s*[:：]?\s*",
    re.I,
)
UPDATED_LABEL = re.compile(r"(?:更新时间|修改时间|最后更新)\s*[:：]?\s*")
URL_DATES = (
    re.compile(r"/t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+"),  # TRS
    re.compile(r"/art/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/art_"),  # Hanweb
    re.compile(r"/(?P<y>\d{4})-(?P<m>\d{2})/(?P<d>\d{2})/(?:content|node|nw|nbs)"),  # Founder, xinhua
    re.compile(r"/(?P<y>\d{4})(?P<m>\d{2})/(?P<d>\d{2})/(?:content|node|t\d|[a-f0-9]{16})"),
    re.compile(r"/(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)/[a-z0-9]{8,}/"),  # news.cn style
    re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/\d+\.s?html?"),  # /2022/0710/1707858.shtml
    re.compile(r"/(?P<y>20\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)/(?P<d>[0-3]\d)/"),
)


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(units, 0) if units else 0)
    return _CN_DIGITS.get(text, 0)


def make(
    y: int, m: int, d: int, hh: int | None = None, mm: int | None = None, ss: int | None = None
) -> tuple[str, bool] | None:
    """(iso, date_only) or None for impossible values."""
    if not 1980 <= y <= 2100:
        return None
    try:
        dt = datetime(y, m, d, hh or 0, mm or 0, ss or 0, tzinfo=CHINA)
    except ValueError:
        return None
    return dt.isoformat(), hh is None


def from_match(m: re.Match) -> tuple[str, bool] | None:
    g = m.groupdict()
    if "sep" in g:
        if SEPARATOR_PAIRS.get(g["sep"]) != g["sep2"]:
            return None  # "2004 - 01/01/2005" is a range of US dates, not 2004-01-01
        hh = int(g["H"]) if g.get("H") else None
        mm = int(g["M"]) if g.get("M") else None
        ss = int(g["S"]) if g.get("S") else None
        if hh is not None and (hh > 23 or (mm or 0) > 59 or (ss or 0) > 59):
            hh = mm = ss = None
        return make(int(g["y"]), int(g["m"]), int(g["d"]), hh, mm, ss)
    year = int("".join(str(_CN_DIGITS[c]) for c in g["y"]))
    return make(year, _cn_number(g["m"]), _cn_number(g["d"]))


def first_date(text: str) -> tuple[str, bool] | None:
    """The first valid date in ``text`` (numeric or Chinese-numeral)."""
    for m in sorted((*NUM_DATE.finditer(text), *CN_DATE.finditer(text)), key=lambda m: m.start()):
        found = from_match(m)
        if found:
            return found
    return None


def meta_date(value: str) -> tuple[str, bool] | None:
    """A meta-tag value: ISO with an offset is converted to China time; anything else is read as China time."""
    value = value.strip()
    iso = re.match(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})$", value)
    if iso:
        tz = iso.group(3)
        tz = "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        try:
            dt = datetime.fromisoformat(f"{iso.group(1)}T{iso.group(2)}{tz}").astimezone(CHINA)
        except ValueError:
            return None
        if not 1980 <= dt.year <= 2100:
            return None
        return dt.replace(microsecond=0).isoformat(), False
    return first_date(value)


def labelled_date(text: str, label: re.Pattern[str] = LABEL) -> tuple[str, bool] | None:
    """The first date that directly follows a label such as 发布时间： (or ``label``)."""
    for m in label.finditer(text):
        window = text[m.end() : m.end() + 40]
        d = NUM_DATE.match(window) or CN_DATE.match(window)
        if d:
            found = from_match(d)
            if found:
                return found
    return None


def url_date(url: str | None) -> tuple[str, bool] | None:
    if not url:
        return None
    for pattern in URL_DATES:
        m = pattern.search(url)
        if m:
            found = make(int(m["y"]), int(m["m"]), int(m["d"]))
            if found:
                return found
    return None


MAX_DATELINE = 70
DATELINE_RESIDUE = 24  # a dateline is a date plus at most this much other text (source, labels)


def is_dateline(line: str) -> bool:
    """A short line that is a date plus a few words (source, labels): the article's info line."""
    if len(line) > MAX_DATELINE:
        return False
    m = NUM_DATE.search(line) or CN_DATE.search(line)
    if not m:
        return False
    rest = line[: m.start()] + line[m.end() :]
    rest = SOURCE_LABEL.sub("", LABEL.sub("", rest))
    return len(rest.strip()) <= DATELINE_RESIDUE
