"""Page metadata around the article: <head> tags, the info line between title and body (date, source,
bylines), credit lines at the body's edges and just after it, breadcrumbs (column), subtitle. Metadata lines
are harvested here before they are removed from the body."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from crawler.content import bylines, chrome, dates
from crawler.content.cms import select_all
from crawler.content.render import lines_of, squash, text_of
from crawler.content.title import norm

BARE_LABEL = re.compile(r"^[\u4e00-\u9fff\s]{2,8}[:：]$")
TITLE_SEARCH_LINES = 30
TITLE_PIECES = 4  # the headline is looked for this far into the body container
MAX_ABOVE_TITLE_CHARS = 24  # lines above it that average at most this long are menus, not text
MIN_PLAIN_TITLE, MAX_PLAIN_TITLE = 6, 80
TIMED_OR_LABELLED = re.compile(r"\d{1,2}[:：]\d{2}|[:：]")
HEADER_LINES = 15  # info lines are read from the end of the title->body gap
HEADER_FALLBACK_CHARS = 400  # gap used when the title was not found in the page body
TAIL_CHARS = 600
PRE_TITLE_CHARS = 120  # e-papers print the issue date just above the headline
EDGE_LINES = 4  # body lines at each edge where datelines and credit lines are looked for
MAX_DATELINE = 70
DATELINE_RESIDUE = 24  # a dateline is a date plus at most this much other text (source, labels)
SOURCE_META = ("contentsource", "source", "article:source", "og:site_name")
COLUMN_META = ("columnname", "column")
BREADCRUMB = re.compile(r"(?:当前位置|您的位置|你的位置|所在位置|当前所在位置)\s*[:：]\s*([^\n]{2,120})")
CRUMB_SPLIT = re.compile(r"\s*(?:>|＞|›|»|→|>>|/|\\|＞＞)\s*")
SUBTITLE_XPATH = (
    "//*[@id='SubTitle' or @id='subtitle' or contains(concat(' ', normalize-space(@class), ' '), ' subtitle ')"
    " or contains(@class, 'sub-title') or contains(@class, 'sub_title') or contains(@class, 'fbt')]"
)
PURE_CREDIT = re.compile(
    r"^\s*[（(]\s*[\u4e00-\u9fff·\s、]{2,20}?\s*(?:编辑|报道|摄)\s*[）)]\s*$|"
    r"^\s*[（(【\[]?\s*(?:责任编辑|责编|编辑|记者|通讯员|作者|摄影|文\s*[/／]\s*图|文|图)\s*[:：/／|｜]?\s*"
    r"[\u4e00-\u9fffA-Za-z·\s、，,/／:：]{0,30}[）)】\]]?\s*$"
)


@dataclass
class Head:
    page_title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    base_url: str | None = None


def read_head(root: etree._Element) -> Head:
    head = Head()
    title = root.find(".//title")
    if title is not None:
        head.page_title = squash(text_of(title)).strip()
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or el.get("concent") or "").strip()
        if key and value and key not in head.meta:
            head.meta[key] = value
    for el in root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            head.canonical = el.get("href").strip()
            break
    base = root.find(".//base")
    if base is not None and base.get("href"):
        head.base_url = base.get("href").strip()
    return head


def selected_text(root: etree._Element, selector: str | None) -> tuple[str, etree._Element | None] | None:
    """Text (and element) a portal's selector points at, or None when it has none or matches nothing."""
    if not selector:
        return None
    for hit in select_all(root, selector):
        if isinstance(hit, etree._Element):
            text = squash(text_of(hit)).strip()
            if text:
                return text, hit
        elif isinstance(hit, str) and hit.strip():
            return squash(hit).strip(), None
    return None


@dataclass
class Span:
    """Where title and body sit in the rendered page text."""

    start: int
    end: int
    title_end: int | None

    @classmethod
    def of(cls, nodes: list, offsets: dict, title_el: etree._Element | None, page_text: str, title: str) -> Span:
        spans = [offsets[n] for n in nodes if n in offsets]
        start = min((s for s, _ in spans), default=0)
        end = max((e for _, e in spans), default=len(page_text))
        title_end = None
        if title_el is not None and title_el in offsets:
            t_start, t_end = offsets[title_el]
            found = page_text.find(title, t_start, t_end)  # the info line may sit inside the heading
            title_end = found + len(title) if found >= 0 else t_end
        if title_end is not None and title_end > start:
            title_end = None
        return cls(start, end, title_end)


@dataclass
class Found:
    body_lines: list[str]
    published_at: str | None = None
    updated_at: str | None = None
    subtitle: str | None = None
    column: str | None = None


def is_dateline(line: str) -> bool:
    """A short line that is a date plus a few words (source, labels): the article's info line."""
    if len(line) > MAX_DATELINE:
        return False
    m = dates.NUM_DATE.search(line) or dates.CN_DATE.search(line)
    if not m:
        return False
    rest = line[: m.start()] + line[m.end() :]
    rest = bylines.SOURCE_LABEL.sub("", dates.LABEL.sub("", rest))
    return len(rest.strip()) <= DATELINE_RESIDUE


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
        for j in range(i + 1, min(len(lines), i + TITLE_PIECES) + 1):
            if not is_title_line("".join(lines[i:j]), t):
                continue
            above = lines[:i]
            if sum(len(x) for x in above) > MAX_ABOVE_TITLE_CHARS * max(1, len(above)):
                return lines
            while j < len(lines) and is_title_line(lines[j], t):
                j += 1
            return lines[j:]
    return lines


def title_above_info_line(page_text: str) -> str | None:
    """Plain pages without a heading: the line just above the first info line (date / source) is the title."""
    lines = lines_of(page_text)
    for i, line in enumerate(lines):
        if bylines.is_meta_line(line) or is_dateline(line):
            for prev in reversed(lines[max(0, i - 2) : i]):
                if MIN_PLAIN_TITLE <= len(prev) <= MAX_PLAIN_TITLE and not chrome.is_chrome_line(prev):
                    return prev
            return None
    return None


def join_label_lines(lines: list[str]) -> list[str]:
    """Table layouts put a label and its value in separate cells: "发文机关：" + "吉林省人民政府" -> one line."""
    out: list[str] = []
    for line in lines:
        if out and BARE_LABEL.match(out[-1]):
            out[-1] += line
        else:
            out.append(line)
    return out


def clean_body(lines: list[str], title: str, credits: bylines.Credits, date_texts: list[str]) -> list[str]:
    lines = strip_title(lines, title)
    cut = len(chrome.cut_tail(lines))  # related lists / prev-next go; their credit lines are still read
    kept: list[str] = []
    last = cut - 1
    for i, line in enumerate(lines):
        # datelines open an article; at its end only labelled or timed ones do (a bare date there is the
        # signature date of a document)
        edge = i < EDGE_LINES or (i > last - EDGE_LINES and TIMED_OR_LABELLED.search(line))
        if bylines.is_meta_line(line) or (edge and is_dateline(line)):
            bylines.credits_in(line, credits)
            date_texts.append(line)
        elif i < cut and not chrome.is_chrome_line(line):
            kept.append(line)
    for j in range(min(2, len(kept)) - 1, -1, -1):  # bare or labelled byline lines under the title
        line = kept[j]
        names = bylines.only_names(line) if len(line) <= 20 else []
        if names:
            bylines.add_names(credits.authors, names)
            del kept[j]
        elif len(line) <= 40 and bylines.AUTHOR_LABEL.search(line):
            bylines.credits_in(line, credits)
            if PURE_CREDIT.match(line) or bylines.only_names(bylines.AUTHOR_LABEL.sub(" ", line)):
                del kept[j]
    if kept:
        opening = kept[0][:160]
        for group in bylines.bracket_bylines(opening):
            bylines.credits_in(group, credits)
        if not credits.authors and re.match(r"^.{0,16}?(?:讯|电|消息)", opening):
            bylines.credits_in(re.split(r"[，,。）)]", opening, maxsplit=1)[0], credits)
    for j in range(len(kept) - 1, max(-1, len(kept) - 1 - EDGE_LINES), -1):
        line = kept[j]
        if len(line) <= 60 and (
            bylines.AUTHOR_LABEL.search(line) or bylines.EDITOR_LABEL.search(line) or bylines.PHOTO_LABEL.search(line)
        ):
            if not bylines.closing_byline(line, credits):
                bylines.credits_in(line, credits)
            if PURE_CREDIT.match(line):
                del kept[j]
        else:
            bylines.closing_byline(line, credits)
    for line in kept:
        if len(line) <= 80 and "摄" in line:
            for m in bylines.PHOTO_SUFFIX.finditer(line):
                bylines.credits_in(m.group(0), credits)
    return kept


def pick_date(candidates: list[tuple[str, bool] | None]) -> tuple[str, bool] | None:
    return next((c for c in candidates if c), None)


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
    page_text: str,
    span: Span,
    lines: list[str],
    title: str,
    credits: bylines.Credits,
    head: Head,
    url: str | None,
    selectors: dict[str, str],
    root: etree._Element,
    flags: Counter[str],
) -> Found:
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
    for line in header_lines:
        bylines.credits_in(line, credits)
        bylines.info_line_names(line, credits)
    date_texts: list[str] = []
    body = clean_body(lines, title, credits, date_texts)
    tail_lines = lines_of(page_text[span.end : span.end + TAIL_CHARS])[:8]
    for line in tail_lines:
        if len(line) <= 80:
            bylines.credits_in(line, credits)
    tail = "\n".join(tail_lines)
    dated = "\n".join(date_texts)
    site_date = selected_text(root, selectors.get("date"))
    published = pick_date(
        [
            dates.first_date(site_date[0]) if site_date else None,
            *(dates.meta_date(head.meta[k]) for k in dates.PUBLISHED_META if k in head.meta),
            dates.labelled_date(header),
            dates.labelled_date(dated),
            dates.first_date(header),
            dates.first_date(dated),
            dates.labelled_date(tail),
            dates.url_date(url),
            dates.first_date(pre_title[-PRE_TITLE_CHARS:]),
        ]
    )
    updated = pick_date(
        [
            *(dates.meta_date(head.meta[k]) for k in dates.UPDATED_META if k in head.meta),
            dates.labelled_date(f"{header}\n{dated}", dates.UPDATED_LABEL),
        ]
    )
    if published and published[1]:
        flags["date_only"] += 1
    for key, attr in (("source", "source"),):
        picked = selected_text(root, selectors.get(key))
        if picked:
            setattr(credits, attr, bylines.clean_source(picked[0]) or picked[0])
    site_author = selected_text(root, selectors.get("author"))
    if site_author:
        names = bylines.names_after(site_author[0], 0)
        credits.authors[:0] = [n for n in names if n not in credits.authors]
    if credits.source is None:
        credits.source = next((head.meta[k].strip() for k in SOURCE_META[:2] if head.meta.get(k, "").strip()), None)
    subtitle = selected_text(root, SUBTITLE_XPATH)
    return Found(
        body_lines=body,
        published_at=published[0] if published else None,
        updated_at=updated[0] if updated else None,
        subtitle=subtitle[0] if subtitle and norm(subtitle[0]) != norm(title) else None,
        column=column_of(head, page_text, title),
    )
