"""What a probe found: the start page's verdict, each candidate column as read, and sample articles as the
pipeline processed them. Plain data filled by the probe spider, read by the report and the registry writer.

A candidate is a **column** when its page lists at least ``MIN_ENTRIES`` same-site article links (read by
the crawl's own list reader); it is **usable** when at least one of its sample articles came through the
full processing pipeline. Only usable columns go into a registry entry.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from crawler import rx
from crawler.portals.listing import ListEntry
from crawler.portals.reader import read_list
from crawler.probe.columns import same_site
from crawler.probe.pages import MIN_ENTRIES, Verdict

# An e-paper layout page and its number (node_01.html, node_2.htm).
NODE_NUMBER = rx.compile(r"node_(\d+)\.html?$")


def layout_number(url: str) -> int | None:
    match = NODE_NUMBER.search(urlsplit(url).path)
    return int(match[1]) if match else None


@dataclass
class ColumnRead:
    """A list page as the crawl reads it: its article entries, the list pages after it, its CMS family."""

    entries: list[ListEntry]
    next_pages: list[str]
    family: str | None
    # The list API requests that fetch this page's own rows (a JS-rendered list), as the reader builds them.
    requests: list[Any] = field(default_factory=list)
    selector: str | None = None  # the CSS path of the list's rows, as the reader names it


def read_column(markup: str, url: str, request: Any = None, site: str = "") -> ColumnRead:
    """Read one list page (or, with ``request``, the API answer it fetched) with the crawl's list reader;
    entries and next pages off the site of ``site`` (default: ``url``) do not count."""
    page = read_list(markup, url, request=request)
    entries = [e for e in page.entries if same_site(e.url, site or url)]
    following = [p for p in page.next_pages if same_site(p, site or url)]
    calls = [r for r in page.requests if r.same_page]
    return ColumnRead(entries, following, page.family, calls, page.selector)


@dataclass
class Sample:
    """One sample article of a column: the list's title and date, then what the pipeline made of it."""

    url: str
    list_title: str = ""
    list_date: str | None = None
    title: str | None = None
    published_date: str | None = None  # the day the page shows
    published_at: str | None = None  # with its time of day, only when the page gives one
    score: float | None = None
    body_chars: int = 0
    region: dict[str, Any] | None = None
    flags: list[str] = field(default_factory=list)
    problem: str | None = None  # why no article came out: blocked_jsl, no_article_text, HTTP 404 …

    @classmethod
    def of(cls, entry: ListEntry) -> Sample:
        return cls(entry.url, entry.title, entry.date.isoformat() if entry.date else None)

    def processed(self, article: dict[str, Any]) -> None:
        self.title = article["title"]
        self.published_date = article.get("published_date") or (article.get("published_at") or "")[:10] or None
        self.published_at = article.get("published_at")
        self.score = article["quality"]["score"]
        self.body_chars = len(article["body"])
        self.region = article["region"]
        self.flags = [f["name"] for f in article["quality"]["flags"]]

    @property
    def ok(self) -> bool:
        return self.problem is None and self.title is not None


@dataclass
class Column:
    """A candidate column: the link that led to it, then what its page and its next page showed."""

    url: str
    label: str
    score: float = 0.0
    how: str = "start"  # how it was found: start (the probed page), name, more, shape (crawler/probe/columns)
    family: str | None = None
    entries: list[ListEntry] = field(default_factory=list)
    next_page: str | None = None
    next_entries: int | None = None  # entries on the next list page not already on this one; None: not read
    next_problem: str | None = None
    samples: list[Sample] = field(default_factory=list)
    problem: str | None = None  # why it is not a column: HTTP 404, blocked (jsl), no list entries …
    api: dict[str, Any] | None = None  # the list API request that gave its rows (a JS-rendered list)
    selector: str | None = None  # where the list reader found the rows

    def read(self, page: ColumnRead) -> None:
        self.family = page.family or self.family  # an API answer names no family: the page's stays
        self.entries = page.entries
        self.selector = page.selector
        following = page.next_pages
        if page.family == "founder":
            # An issue's "next pages" are its other layout pages: check the front page (node_01), which
            # every issue has and which a start URL should name.
            following = sorted(following, key=lambda p: (layout_number(p) is None, layout_number(p) or 0))
        self.next_page = following[0] if following else None
        self.problem = None
        if len(page.entries) < MIN_ENTRIES:
            shown = f"{len(page.entries)} article link" + ("" if len(page.entries) == 1 else "s")
            self.problem = f"not a list ({shown})"

    def read_next(self, page: ColumnRead) -> None:
        seen = {e.url for e in self.entries}
        self.next_entries = sum(1 for e in page.entries if e.url not in seen)

    @property
    def is_column(self) -> bool:
        return self.problem is None and len(self.entries) >= MIN_ENTRIES

    @property
    def usable(self) -> bool:
        return self.is_column and any(s.ok for s in self.samples)

    @property
    def pager_ok(self) -> bool | None:
        """Whether the next list page was found and showed new entries (None: this list has no pager)."""
        if self.next_page is None:
            return None
        return bool(self.next_entries)

    @property
    def dated(self) -> int:
        return sum(1 for e in self.entries if e.date)


@dataclass
class Probe:
    """Everything one ``scrapy probe URL`` learned."""

    url: str
    final_url: str = ""
    verdict: Verdict | None = None
    site_name: str = ""
    family: str | None = None
    columns: list[Column] = field(default_factory=list)
    crumb: tuple[str, str] | None = None  # the column an article's breadcrumb names
    fetched: int = 0
    blocked: Counter[str] = field(default_factory=Counter)

    @property
    def usable(self) -> list[Column]:
        return [c for c in self.columns if c.usable]

    @property
    def ok(self) -> bool:
        return self.verdict is not None and self.verdict.is_portal and bool(self.usable)

    def column(self, url: str) -> Column | None:
        return next((c for c in self.columns if c.url == url), None)

    def site_family(self) -> str | None:
        """The CMS family of the usable columns (the most common when they differ), else the start page's."""
        counted = Counter(c.family for c in self.usable if c.family)
        return counted.most_common(1)[0][0] if counted else self.family
