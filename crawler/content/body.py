"""Stage 6, the body's lines: the headline (and menus above it) out; metadata lines harvested into credits and
date texts, then removed; chrome lines and trailing related-article lists cut."""

from __future__ import annotations

import re

from crawler import rx
from crawler.content import bylines, chrome_lines, credit_lines, dates
from crawler.content.title import norm

TITLE_SEARCH_LINES = 30
TITLE_PIECES = 4  # the headline is looked for this far into the body container
MAX_ABOVE_TITLE_CHARS = 24  # lines above it that average at most this long are menus, not text
TIMED_OR_LABELLED = rx.compile(r"\d{1,2}[:：]\d{2}|[:：]")
EDGE_LINES = 4  # body lines at each edge where datelines and credit lines are looked for
HEAD_LINES = 3  # body lines under the title where a byline may stand
TAIL_LINES = 6  # body lines at the end where credit blocks stand


def is_title_line(line: str, t: str) -> bool:
    n = norm(line)
    return bool(n) and (n == t or ((t.startswith(n) or n.startswith(t)) and len(t) // 2 <= len(n) <= len(t) + 12))


def strip_title(lines: list[str], title: str) -> list[str]:
    """Drop the headline (and anything above it: menus, breadcrumbs) when the body container includes it.
    A headline broken over up to TITLE_PIECES lines (<br> in a centred <p>) counts as one."""
    t = norm(title)
    if not t:
        return lines
    for i in range(min(len(lines), TITLE_SEARCH_LINES)):
        for j in range(min(len(lines), i + TITLE_PIECES), i, -1):  # the most pieces that still read as it
            joined = norm("".join(lines[i:j]))
            if not (
                is_title_line(joined, t)
                if j == i + 1
                else joined and t.startswith(joined) and len(joined) * 2 >= len(t)
            ):
                continue
            above = lines[:i]
            if sum(len(x) for x in above) > MAX_ABOVE_TITLE_CHARS * max(1, len(above)):
                return lines
            while j < len(lines) and is_title_line(lines[j], t):
                j += 1
            return lines[j:]
    return lines


def clean_body(lines: list[str], title: str, credits: bylines.Credits, date_texts: list[str]) -> list[str]:
    lines = strip_title(lines, title)
    cut = len(chrome_lines.cut_tail(lines))  # related lists / prev-next go; their credit lines are still read
    kept: list[str] = []
    last = cut - 1
    for i, line in enumerate(lines):
        # datelines open an article; at its end only labelled or timed ones do (a bare date there is the
        # signature date of a document)
        edge = i < min(EDGE_LINES, cut // 2) or (i > last - EDGE_LINES and TIMED_OR_LABELLED.search(line))
        if bylines.is_meta_line(line) or (edge and dates.is_dateline(line)):
            bylines.credits_in(line, credits)
            date_texts.append(line)
        elif i < cut and not chrome_lines.is_chrome_line(line):
            kept.append(line)
    for j in range(min(HEAD_LINES, len(kept)) - 1, -1, -1):  # bylines, restated headlines under the title
        if credit_lines.head_byline(kept[j], credits):
            del kept[j]
    if kept:
        opening = kept[0][:160]
        for group in bylines.bracket_bylines(opening):
            bylines.credits_in(group, credits)
        if not credits.authors and re.match(r"^.{0,16}?(?:讯|电|消息)", opening):
            bylines.credits_in(re.split(r"[，,。）)]", opening, maxsplit=1)[0], credits)
    for j in range(len(kept) - 1, max(-1, len(kept) - 1 - TAIL_LINES), -1):  # credit blocks closing the text
        if credit_lines.tail_credit(kept[j], credits):
            del kept[j]
        else:
            kept[j] = credit_lines.trim_editor_credit(kept[j])
    for line in kept:
        if len(line) <= 80 and "摄" in line:
            for m in bylines.PHOTO_SUFFIX.finditer(line):
                bylines.credits_in(m.group(0), credits)
    return kept
