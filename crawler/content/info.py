"""Stage 5, metadata around the article: <head> tags, the info line between title and body (date, source,
bylines), credit lines at the body's edges and just after it, breadcrumbs (column), subtitle. Metadata lines
are harvested here before they are removed from the body."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from crawler import rx
from crawler.content import bylines, dates
from crawler.content.body import clean_body
from crawler.content.cms import selected_text
from crawler.content.credit_lines import name_slash_outlet
from crawler.content.locate import Located
from crawler.content.parse import Head, Parsed
from crawler.content.render import lines_of
from crawler.content.title import norm

BARE_LABEL = rx.compile(r"^[\u4e00-\u9fff\s]{2,8}[:：]$")
MAX_NAME_LINE = 20
MAX_META_SOURCE = 30
HEADER_LINES = 15  # info lines are read from the end of the title->body gap
HEADER_FALLBACK_CHARS = 400  # gap used when the title was not found in the page body
TAIL_CHARS = 600
PRE_TITLE_CHARS = 120  # e-papers print the issue date just above the headline
SOURCE_META = ("contentsource", "source", "article:source", "og:site_name")
COLUMN_META = ("columnname", "column")
BREADCRUMB = rx.compile(r"(?:当前位置|您的位置|你的位置|所在位置|当前所在位置)\s*[:：]\s*([^\n]{2,120})")
CRUMB_SPLIT = rx.compile(r"\s*(?:>|＞|›|»|→|>>|/|\\|＞＞)\s*")
# Walks the attributes, not the elements: most elements have none to test, and an attribute step is half the
# cost of testing each element (the elements an id or class matches, in document order).
SUBTITLE_XPATH = (
    "(//@id[.='SubTitle' or .='subtitle']"
    " | //@class[contains(concat(' ', normalize-space(.), ' '), ' subtitle ')"
    " or contains(., 'sub-title') or contains(., 'sub_title') or contains(., 'fbt')])/.."
)


@dataclass
class Found:
    body_lines: list[str]
    published: dates.Choice = field(default_factory=dates.Choice)
    updated: dates.Choice = field(default_factory=dates.Choice)
    subtitle: str | None = None
    column: str | None = None


def join_label_lines(lines: list[str]) -> list[str]:
    """Table layouts put a label and its value in separate cells: "发文机关：" + "吉林省人民政府" -> one line."""
    out: list[str] = []
    for line in lines:
        if out and BARE_LABEL.match(out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return out


def meta_source(head: Head, title: str) -> str | None:
    """A ContentSource-style meta, when it names an outlet (some CMSes put the headline there)."""
    for key in SOURCE_META[:2]:
        value = head.meta.get(key, "").strip()
        if value and norm(value) != norm(title) and len(value) <= MAX_META_SOURCE:
            return value
    return None


def column_of(head: Head, page_text: str, title: str) -> str | None:
    for key in COLUMN_META:
        value = head.meta.get(key, "").strip()
        if value and value.lower() != "null":
            return value
    m = BREADCRUMB.search(page_text)
    if not m:
        return None
    parts = [p.strip() for p in CRUMB_SPLIT.split(m.group(1)) if p.strip()]
    parts = [p for p in parts if norm(p) != norm(title) and len(p) <= 20 and p not in ("正文", "详情", "内容")]
    return parts[-1] if parts else None


def harvest(
    page: Parsed,
    located: Located,
    lines: list[str],
    credits: bylines.Credits,
    url: str | None,
    selectors: dict[str, str],
    table_dates: list[dates.Candidate],
    flags: Counter[str],
) -> Found:
    """Read the metadata around the article and clean its lines (metadata lines harvested, then removed)."""
    page_text, span, title, head, root = located.page_text, located.span, located.title, page.head, page.root
    title_end = span.title_end
    if title_end is None and title:
        found_at = page_text.rfind(title, 0, span.start)
        title_end = found_at + len(title) if found_at >= 0 else None
    if title_end is not None:
        header_lines = join_label_lines(lines_of(page_text[title_end : span.start]))
        if len(header_lines) > HEADER_LINES:  # info lines sit right under the title or right above the body
            header_lines = header_lines[: HEADER_LINES // 2] + header_lines[-HEADER_LINES // 2 :]
        pre_title = page_text[max(0, title_end - len(title) - PRE_TITLE_CHARS) : title_end - len(title)]
    else:
        header_lines = join_label_lines(lines_of(page_text[max(0, span.start - HEADER_FALLBACK_CHARS) : span.start]))
        header_lines = header_lines[-HEADER_LINES:]
        pre_title = ""
    header = "\n".join(header_lines)
    for i, line in enumerate(header_lines):
        bylines.credits_in(line, credits)
        bylines.info_line_names(line, credits)
        names = bylines.only_names(line) if i == 0 and title_end is not None and len(line) <= MAX_NAME_LINE else []
        if names and (len(names) > 1 or len(names[0]) >= 3):
            bylines.add_names(credits.authors, names)  # a name alone on the line right under the headline
        else:
            name_slash_outlet(line, credits)
    date_texts: list[str] = []
    body = clean_body(lines, title, credits, date_texts)
    tail_lines = lines_of(page_text[span.end : span.end + TAIL_CHARS])[:8]
    for line in tail_lines:
        if len(line) <= 80:
            bylines.credits_in(line, credits)
    tail = "\n".join(tail_lines)
    dated = "\n".join(date_texts)
    site_date = selected_text(root, selectors.get("date"))
    candidates = [
        *(dates.first_at(site_date[0], dates.SELECTOR) if site_date else []),
        *dates.in_text(header, dates.INFO),
        *dates.in_text(dated, dates.DATELINE),
        *dates.from_meta(head.meta),
        *table_dates,
        *dates.from_values(page.script_times, dates.SCRIPT, dates.PUBLISHED),
        *(c for c in dates.in_text(tail, dates.AFTER) if c.kind != dates.UNLABELLED),
        *dates.from_url(url),
        *dates.first_at(pre_title[-PRE_TITLE_CHARS:], dates.ISSUE),
    ]
    published = dates.choose(candidates)
    updated = dates.choose(candidates, dates.UPDATED_RANK)
    if published.stamp and published.stamp.clock is None:
        flags["date_only"] += 1
    if published.conflict:
        flags["date_conflict"] += 1
    for key, attr in (("source", "source"),):
        picked = selected_text(root, selectors.get(key))
        if picked:
            setattr(credits, attr, bylines.clean_source(picked[0]) or picked[0])
    site_author = selected_text(root, selectors.get("author"))
    if site_author:
        names = bylines.names_after(site_author[0], 0)
        credits.authors[:0] = [n for n in names if n not in credits.authors]
    if credits.source is None and not credits.source_shown:
        credits.source = meta_source(head, title)
    if credits.source is None:
        credits.source = bylines.unlabelled_source(header_lines + date_texts, body[:2])
    subtitle = selected_text(root, SUBTITLE_XPATH)
    return Found(
        body_lines=body,
        published=published,
        updated=updated,
        subtitle=subtitle[0] if subtitle and norm(subtitle[0]) != norm(title) else None,
        column=column_of(head, page_text, title),
    )
