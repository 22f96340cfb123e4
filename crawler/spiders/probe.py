"""The probe spider behind ``scrapy probe URL``: one portal page, the columns it links, each column's next
list page and a few sample articles, all fetched through the project's downloader (politeness, robots.txt,
blocked-page detection, address guard, charset repair, or replay from saved pages).

Every answer is handed to plain functions (crawler/probe, crawler/portals, crawler/processing) and the
result recorded in ``self.probe``; the command prints it. No items, no feeds, no incremental state: a probe
changes nothing on disk but the registry entry the command may write. It has no class-level ``name``, so
it is not a registry spider (``scrapy list`` does not show it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler import rx
from crawler.errors import PageError
from crawler.page import Page, PortalContext
from crawler.probe.columns import Candidate, find_columns
from crawler.probe.findings import Column, ColumnRead, Probe, Sample, read_column
from crawler.probe.pages import (
    ARTICLE,
    COLUMN,
    HOMEPAGE,
    NO_NEWS,
    blocked_verdict,
    breadcrumb_column,
    column_name,
    cooling_verdict,
    failed_verdict,
    judge_page,
    scripted_column,
    site_name,
)
from crawler.processing import process_page

# Components a probe must not run: it emits nothing and must not mark articles as seen; its report is its
# output, so no per-run log file either (warnings go to stderr). The blocked-host cool-off stays on: a probe
# skips a host that is cooling off and records a challenge like a crawl does.
OFF: dict[str, tuple[str, ...]] = {
    "SPIDER_MIDDLEWARES": ("crawler.middlewares.incremental.IncrementalMiddleware",),
    "EXTENSIONS": (
        "crawler.runlog.RunLogExtension",
        "crawler.extensions.state.CrawlState",
        "crawler.extensions.summary.RunSummary",
        "spidermon.contrib.scrapy.extensions.Spidermon",
    ),
}
BLOCKED_MESSAGE = rx.compile(r"blocked \((\w+)\)")
COOLING_MESSAGE = rx.compile(r"is cooling off until (\S+)")


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}


class ProbeSpider(Spider):
    """Probe one portal page; ``max_columns`` candidate pages are read, ``samples`` articles per column."""

    def __init__(self, url: str, max_columns: int = 6, samples: int = 3, **kwargs: Any) -> None:
        super().__init__(name="probe", **kwargs)
        self.probe = Probe(url=url)
        self.max_columns = max_columns
        self.samples = samples

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        for key, names in OFF.items():
            settings.set(key, {**settings.getdict(key), **dict.fromkeys(names)}, priority="spider")
        settings.set("FEEDS", {}, priority="spider")
        settings.set("ITEM_PIPELINES", {}, priority="spider")
        settings.set("SPIDERMON_ENABLED", False, priority="spider")

    async def start(self) -> AsyncIterator[Request]:
        # Every answer of the start page is judged here, errors included ("an error page, not the portal").
        meta = {"page_kind": "list", "handle_httpstatus_all": True}
        yield Request(self.probe.url, self.parse_start, errback=self.start_failed, meta=meta, dont_filter=True)

    # -- the start page ---------------------------------------------------------------------------------

    def parse_start(self, response: Response) -> Iterator[Request]:
        probe = self.probe
        probe.fetched += 1
        probe.final_url = response.url
        markup = response.text if isinstance(response, TextResponse) else ""
        page = read_column(markup, response.url) if markup else ColumnRead([], [], None)
        candidates = find_columns(markup, response.url) if markup else []
        probe.verdict = judge_page(
            response.url, response.status, _headers(response), response.body, markup, len(page.entries), len(candidates)
        )
        probe.family = page.family
        probe.site_name = site_name(markup, response.url) if markup else ""
        if probe.verdict.kind == ARTICLE:
            probe.crumb = breadcrumb_column(markup, response.url)
        elif probe.verdict.kind == COLUMN:
            column = Column(response.url, column_name(markup), score=1.0)
            probe.columns.append(column)
            column.read(page)
            yield from self.follow_list(column)
        elif probe.verdict.kind == HOMEPAGE:
            yield from self.follow_candidates(candidates, "")
        elif probe.verdict.kind == NO_NEWS and page.requests:
            # A JS-rendered column: the reader built the request its scripts send for the rows.
            column = Column(response.url, column_name(markup), score=1.0)
            probe.columns.append(column)
            column.read(page)
            yield self.api_request(page.requests[0], column)

    def start_failed(self, failure: Failure) -> None:
        reason, blocked = self.failure_reason(failure)
        where = f"at {self.probe.url}"
        if cooling := COOLING_MESSAGE.search(reason):
            self.probe.verdict = cooling_verdict(cooling[1])
        elif blocked:
            self.probe.verdict = blocked_verdict(blocked, where)
        else:
            self.probe.verdict = failed_verdict(f"{reason} {where}")

    # -- candidate columns ------------------------------------------------------------------------------

    def follow_candidates(self, candidates: list[Candidate], via: str) -> Iterator[Request]:
        """Read the most likely candidates, up to ``max_columns`` pages in all."""
        for candidate in candidates:
            if len(self.probe.columns) >= self.max_columns:
                return
            if self.probe.column(candidate.url) is not None:
                continue
            how = f"{candidate.how} on {via}" if via else candidate.how
            column = Column(candidate.url, candidate.label, candidate.score, how)
            self.probe.columns.append(column)
            yield Request(
                candidate.url,
                self.parse_column,
                errback=self.column_failed,
                cb_kwargs={"column": column},
                meta={"page_kind": "list"},
            )

    def parse_column(self, response: Response, column: Column) -> Iterator[Request]:
        self.probe.fetched += 1
        column.url = response.url  # after redirects: the URL a crawl starts from
        if not isinstance(response, TextResponse):
            column.problem = "not a web page"
            return
        page = read_column(response.text, response.url)
        column.read(page)
        if column.is_column:
            yield from self.follow_list(column)
        elif page.requests:
            # A script-built list: its rows come from the API call the page's scripts make.
            yield self.api_request(page.requests[0], column)
        elif " on " not in column.how:
            # A hub (新闻中心 → 工作动态, 通知公告 …): its own column links are candidates too, one level down.
            hub = find_columns(response.text, response.url)
            if hub:
                column.problem += f"; a hub page linking {len(hub)} column(s)"
                yield from self.follow_candidates(hub, column.label or column.url)

    def api_request(self, built: Any, column: Column) -> Request:
        """The list API call a JS-rendered column makes, sent as its scripts send it (like the portal spider)."""
        headers = {"Content-Type": built.content_type} if built.content_type else {}
        headers["X-Requested-With"] = "XMLHttpRequest"
        column.api = built.as_json()
        return Request(
            built.url,
            self.parse_api,
            method=built.method,
            body=built.body or None,
            headers=headers,
            errback=self.column_failed,
            cb_kwargs={"column": column, "built": built},
            meta={"page_kind": "list", "allow_offsite": True},
            dont_filter=True,
        )

    def parse_api(self, response: Response, column: Column, built: Any) -> Iterator[Request]:
        self.probe.fetched += 1
        if not isinstance(response, TextResponse):
            column.problem = "list API answer is not text"
            return
        column.read(read_column(response.text, response.url, request=built, site=column.url))
        if column.is_column:
            if column.how == "start":
                self.probe.verdict = scripted_column(len(column.entries))
            yield from self.follow_list(column)

    def column_failed(self, failure: Failure) -> None:
        failure.request.cb_kwargs["column"].problem = self.failure_reason(failure)[0]

    # -- a column's next page and sample articles -------------------------------------------------------

    def follow_list(self, column: Column) -> Iterator[Request]:
        if column.next_page:
            yield Request(
                column.next_page,
                self.parse_next,
                errback=self.next_failed,
                cb_kwargs={"column": column},
                meta={"page_kind": "list"},
            )
        for entry in column.entries[: self.samples]:
            sample = Sample.of(entry)
            column.samples.append(sample)
            yield Request(
                entry.url,
                self.parse_sample,
                errback=self.sample_failed,
                cb_kwargs={"sample": sample},
                meta={"page_kind": "article", "list_date": sample.list_date},
                dont_filter=True,  # one article may be a sample of two columns
            )

    def parse_next(self, response: Response, column: Column) -> None:
        self.probe.fetched += 1
        if isinstance(response, TextResponse):
            column.read_next(read_column(response.text, response.url))
        else:
            column.next_problem = "not a web page"

    def next_failed(self, failure: Failure) -> None:
        failure.request.cb_kwargs["column"].next_problem = self.failure_reason(failure)[0]

    def parse_sample(self, response: Response, sample: Sample) -> None:
        self.probe.fetched += 1
        page = Page(
            url=response.url,
            body=response.body,
            status=response.status,
            headers=_headers(response),
            portal=PortalContext(spider="probe", site_name=self.probe.site_name or None),
            meta={"list_date": sample.list_date},
        )
        try:
            sample.processed(process_page(page))
        except PageError as exc:
            sample.problem = exc.reason

    def sample_failed(self, failure: Failure) -> None:
        failure.request.cb_kwargs["sample"].problem = self.failure_reason(failure)[0]

    # -- failures ---------------------------------------------------------------------------------------

    def failure_reason(self, failure: Failure) -> tuple[str, str | None]:
        """A short reason for a request that gave no usable answer, and the blocked-page kind if any."""
        exc = failure.value
        if isinstance(exc, HttpError):
            return f"HTTP {exc.response.status}", None
        message = str(exc) or type(exc).__name__
        if isinstance(exc, IgnoreRequest) and (match := BLOCKED_MESSAGE.search(message)):
            self.probe.blocked[match[1]] += 1
            return f"blocked_{match[1]}", match[1]
        if isinstance(exc, IgnoreRequest):
            return message.split(": http", 1)[0], None  # robots.txt, address guard, cool-off
        return f"{type(exc).__name__}: {message}"[:200], None
