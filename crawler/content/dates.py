"""The article's dates: every candidate the page offers, each with its origin, and one rule that ranks them.

The rule (``PUBLISHED_RANK``) puts the date a reader sees first: the portal's own date selector, then the info
line under the headline (发布日期：… / 时间：…), the 政务公开 table's 发布日期 and a dateline at the body's edge.
Government CMSes write ``PubDate``/``firstpublishedtime`` metas and ``__$pubtime`` script variables when a page is
generated or re-published, often long after the date it shows, so these are only a fallback; when a visible date
wins and the machine date disagrees, the choice is flagged ``date_conflict``. After them come a labelled date
just after the body, the date in a CMS URL and an e-paper's issue date; 成文日期 (the date a document was
signed) is a last resort. A visible winner without a time takes the time another visible line shows for the same
day, never a meta's: published_at is only set when the page shows a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler import rx
from crawler.content.bylines import SOURCE_LABEL
from crawler.content.datetext import CN_DATE, NUM_DATE, WIDE, Stamp, machine_value, make, matches
from crawler.content.datetext import from_match as stamp_of
from crawler.content.words import words

# Origins: where on the page a candidate was read.
SELECTOR = "selector"  # the portal's own ``date`` selector
INFO = "info_line"  # the lines between headline and body
TABLE = "gov_table"  # the 政务公开 metadata table
DATELINE = "dateline"  # a date line at the body's edges
AFTER = "after_body"  # a labelled date just after the body
META = "meta"  # <meta name="PubDate" …> and kin
SCRIPT = "script"  # var __$pubtime = '…' and kin
URL = "url"  # TRS t20210708_, Hanweb /art/2020/2/20/, Founder /2017-10/09/
ISSUE = "issue"  # the issue date an e-paper prints above the headline
VISIBLE = frozenset({SELECTOR, INFO, TABLE, DATELINE, AFTER, ISSUE})
MACHINE = frozenset({META, SCRIPT})

# Kinds: what the label in front of a date says it is.
PUBLISHED, WRITTEN, UPDATED, UNLABELLED = "published", "written", "updated", ""

LABEL_KINDS: dict[str, str] = {
    **dict.fromkeys(
        words(
            "发布时间 发表时间 发布日期 发表日期 发稿时间 发稿日期 刊发时间 刊发日期 出版日期 公开日期 公布日期 "
            "上传时间 上传日期 录入时间 发布于 发表于 时间 日期 Date Time Published"
        ),
        PUBLISHED,
    ),
    **dict.fromkeys(words("成文日期 成文时间 印发日期 发文日期 签发日期"), WRITTEN),
    **dict.fromkeys(words("更新时间 更新日期 修改时间 修改日期 最后更新 最后修改"), UPDATED),
}
# Longest first, ties by text: the same pattern in every process (labels of one length never match together).
_LABELS = "|".join(sorted(LABEL_KINDS, key=lambda label: (-len(label), label)))
LABEL = rx.compile(rf"(?:{_LABELS})\s*[:：]?\s*", re.I)
# The label right in front of a date (searched in the few characters before it).
LABEL_BEFORE = rx.compile(rf"({_LABELS})\s*[:：]?\s*[\[【(（]?\s*$", re.I)
LABEL_WINDOW = 14
# Forum and blog lines: 本贴由 X 于2006年3月2日09:15:07 发表.
POSTED_BEFORE = rx.compile(r"于\s*$")
POSTED_AFTER = rx.compile(r"\s*(?:发表|发布|发帖|写道)")
# A date printed without its year right after a publication label (百家号 发布时间：10-08 12:00).
_PUBLISHED_LABELS = "|".join(
    sorted((k for k, v in LABEL_KINDS.items() if v == PUBLISHED), key=lambda label: (-len(label), label))
)
YEARLESS = rx.compile(
    rf"(?:{_PUBLISHED_LABELS})\s*[:：]\s*(?P<m>[01]?\d)[-/月](?P<d>[0-3]?\d)日?(?=[^\d/-]|\d{{1,2}}[:：]\d{{2}}|$)\s*"
    r"(?:(?P<H>\d{1,2})[:：](?P<M>\d{2}))?"
)
LEAP_YEAR = 2000  # stands in for a missing year until complete_years finds it (29 February included)
_LABEL_KIND_LOWER = {k.lower(): v for k, v in LABEL_KINDS.items()}

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
UPDATED_META = (
    "article:modified_time",
    "og:updated_time",
    "lastmodified",
    "last-modified",
    "datemodified",
    "modified",
    "dateupdate",
)

URL_DATES = (
    rx.compile(r"/t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+"),  # TRS
    rx.compile(r"/art/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/art_"),  # Hanweb
    rx.compile(r"/(?P<y>\d{4})-(?P<m>\d{2})/(?P<d>\d{2})/(?:content|node|nw|nbs)"),  # Founder, xinhua
    rx.compile(r"/(?P<y>\d{4})(?P<m>\d{2})/(?P<d>\d{2})/(?:content|node|t\d|[a-f0-9]{16})"),
    rx.compile(r"/(?P<y>20\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)/[a-z0-9]{8,}/"),  # news.cn style
    rx.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)(?P<d>[0-3]\d)/\d+\.s?html?"),  # /2022/0710/1707858.shtml
    rx.compile(r"/(?P<y>20\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)/"),
    rx.compile(r"/(?P<y>20\d{2})/(?P<m>[01]\d)/(?P<d>[0-3]\d)/"),
)


@dataclass(frozen=True)
class Candidate:
    origin: str
    kind: str
    stamp: Stamp
    yearless: bool = False  # 发布时间：10-08 12:00 — the year comes from a machine date of the same month and day


# The precedence, read top to bottom: the first (origin, kind) present wins; None matches any kind.
PUBLISHED_RANK: tuple[tuple[str, str | None], ...] = (
    (SELECTOR, None),
    (INFO, PUBLISHED),
    (TABLE, PUBLISHED),
    (DATELINE, PUBLISHED),
    (INFO, UNLABELLED),
    (DATELINE, UNLABELLED),
    (META, PUBLISHED),
    (SCRIPT, PUBLISHED),
    (AFTER, PUBLISHED),
    (URL, None),
    (ISSUE, None),
    (INFO, WRITTEN),
    (TABLE, WRITTEN),
    (DATELINE, WRITTEN),
)
UPDATED_RANK: tuple[tuple[str, str | None], ...] = (
    (INFO, UPDATED),
    (TABLE, UPDATED),
    (DATELINE, UPDATED),
    (META, UPDATED),
)


@dataclass(frozen=True)
class Choice:
    stamp: Stamp | None = None
    origin: str | None = None
    conflict: bool = False  # a visible date won over a machine date on another day


def complete_years(candidates: list[Candidate]) -> list[Candidate]:
    """A yearless visible date takes the year of another candidate on the same month and day (a meta, the URL);
    without one it is dropped, never guessed."""
    out = []
    for c in candidates:
        if not c.yearless:
            out.append(c)
            continue
        day = c.stamp.day
        year = next(
            (
                o.stamp.day.year
                for o in candidates
                if not o.yearless and o.stamp.day.timetuple()[1:3] == (day.month, day.day)
            ),
            None,
        )
        if year is not None and (stamp := make(year, day.month, day.day, *_clock(c.stamp))):
            out.append(Candidate(c.origin, c.kind, stamp))
    return out


def _clock(stamp: Stamp) -> tuple[int, ...]:
    return (stamp.clock.hour, stamp.clock.minute, stamp.clock.second) if stamp.clock else ()


def choose(candidates: list[Candidate], rank: tuple[tuple[str, str | None], ...] = PUBLISHED_RANK) -> Choice:
    """Apply ``rank`` to the candidates (the one rule; see the module docstring)."""
    candidates = complete_years(candidates)
    for origin, kind in rank:
        hit = next((c for c in candidates if c.origin == origin and (kind is None or c.kind == kind)), None)
        if hit is not None:
            break
    else:
        return Choice()
    stamp, same_kind = hit.stamp, {PUBLISHED, UNLABELLED} if hit.kind != UPDATED else {UPDATED}
    conflict = False
    if hit.origin in VISIBLE:
        machine = next((c for c in candidates if c.origin in MACHINE and c.kind in same_kind), None)
        conflict = machine is not None and machine.stamp.day != stamp.day
    if stamp.clock is None:  # another visible date line of the same day may show the time
        timed = (
            c
            for c in candidates
            if c.origin in VISIBLE and c.stamp.day == stamp.day and c.stamp.clock and c.kind in same_kind
        )
        stamp = next(timed, hit).stamp
    return Choice(stamp, hit.origin, conflict)


def label_kind(before: str) -> str:
    """The kind of date the text just before a date announces (its label), or UNLABELLED."""
    m = LABEL_BEFORE.search(before[-LABEL_WINDOW:])
    if m:
        return _LABEL_KIND_LOWER.get(m.group(1).lower(), PUBLISHED)
    return UNLABELLED


def in_text(text: str, origin: str) -> list[Candidate]:
    """Every date in ``text`` with the kind its label gives it, in reading order."""
    text = text.translate(WIDE)
    out = []
    for m in matches(text):
        stamp = stamp_of(m)
        if stamp is None:
            continue
        kind = label_kind(text[max(0, m.start() - LABEL_WINDOW) : m.start()])
        posted = POSTED_BEFORE.search(text[max(0, m.start() - 3) : m.start()]) and POSTED_AFTER.match(text, m.end())
        if kind == UNLABELLED and posted:
            kind = PUBLISHED
        out.append(Candidate(origin, kind, stamp))
    for m in YEARLESS.finditer(text):
        if (stamp := make(LEAP_YEAR, int(m["m"]), int(m["d"]), *(int(x) for x in (m["H"], m["M"]) if x))) is not None:
            out.append(Candidate(origin, PUBLISHED, stamp, yearless=True))
    return out


def from_meta(meta: dict[str, str]) -> list[Candidate]:
    out = []
    for keys, kind in ((PUBLISHED_META, PUBLISHED), (UPDATED_META, UPDATED)):
        for key in keys:
            if key in meta and (stamp := machine_value(meta[key])):
                out.append(Candidate(META, kind, stamp))
    return out


def from_values(values: list[str], origin: str, kind: str = UNLABELLED) -> list[Candidate]:
    return [Candidate(origin, kind, s) for v in values if (s := machine_value(v))]


def from_url(url: str | None) -> list[Candidate]:
    if not url:
        return []
    for pattern in URL_DATES:
        m = pattern.search(url)
        if m and (stamp := make(int(m["y"]), int(m["m"]), int(m["d"]))):
            return [Candidate(URL, UNLABELLED, stamp)]
    return []


def first_at(text: str, origin: str) -> list[Candidate]:
    """The first date in ``text`` only (an e-paper's issue line, a selector's text)."""
    found = in_text(text, origin)
    return found[:1]


MAX_DATELINE = 70
DATELINE_RESIDUE = 24  # a dateline is a date plus at most this much other text (source, labels)
PROSE = rx.compile(r"[，。；！？]")  # …but not a clause: 经2020年2月18日党组会议研究，决定：


def is_dateline(line: str) -> bool:
    """A short line that is a date plus a few words (source, labels): the article's info line."""
    if len(line) > MAX_DATELINE:
        return False
    line = line.translate(WIDE)
    m = NUM_DATE.search(line) or CN_DATE.search(line)
    if not m:
        return False
    rest = line[: m.start()] + line[m.end() :]
    rest = SOURCE_LABEL.sub("", LABEL.sub("", rest))
    return len(rest.strip()) <= DATELINE_RESIDUE and not PROSE.search(rest)
