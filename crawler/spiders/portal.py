"""The generic portal spider: one subclass per registry entry (see crawler/spiderloader.py).

It walks the portal's list pages, follows pagination and yields each article page as a ``Page`` item;
the item pipelines do all decoding and extraction. Page understanding (entries, dates, pagers) lives
in crawler/portals; this class only turns it into requests.

Request meta contract (read by the incremental-state middleware): list requests carry
``page_kind="list"`` (and, for a list API call, ``list_request``: the request as built, so its answer
can be paged); article requests carry ``page_kind="article"`` and ``list_date`` (the ISO date the list
entry showed, or None).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import UsageError
from scrapy.http import Response, TextResponse
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from crawler.content.pages import MAX_PAGES, continuation_urls
from crawler.extensions.accounting import count_article_failure
from crawler.page import Page, PortalContext
from crawler.portals import issues
from crawler.portals.listapi import ListRequest
from crawler.portals.listing import ListEntry
from crawler.portals.reader import read_list
from crawler.portals.records import same_site
from crawler.portals.registry import Portal


def parse_date_arg(name: str, value: str | date | None) -> date | None:
    """A date argument as given on the command line (``-a since=2024-05-01``), checked with a clear error."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise UsageError(f"{name}: expected an ISO date like 2024-05-01, got {value!r}") from None


def parse_max_pages(value: str | int | None, default: int) -> int:
    if value is None:
        return default
    try:
        pages = int(value)
    except ValueError:
        pages = 0
    if pages < 1:
        raise UsageError(f"max_pages: expected a positive integer, got {value!r}")
    return pages


class PortalSpider(Spider):
    """Base for registry-derived spiders; ``portal`` is set on each generated subclass.

    Arguments: ``since`` (ISO date: skip list entries dated before it and stop paging once a list
    reaches them; dated start URLs are visited for every issue day from it), ``until`` (ISO date: the
    last issue day of dated start URLs, default today) and ``max_pages`` (list pages per start URL;
    default from the registry).
    """

    portal: ClassVar[Portal]

    def __init__(
        self,
        *args: Any,
        since: str | None = None,
        until: str | None = None,
        max_pages: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.since = parse_date_arg("since", since)
        self.until = parse_date_arg("until", until) or issues.today()
        if self.since and self.since > self.until:
            raise UsageError(f"since ({self.since}) is after until ({self.until})")
        self.max_pages = parse_max_pages(max_pages, self.portal.max_list_pages)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        slots = dict(settings.getdict("DOWNLOAD_SLOTS"))
        politeness = cls.portal.politeness
        for domain in cls.portal.allowed_domains:
            slot: dict[str, Any] = {}
            if "download_delay" in politeness:
                slot["delay"] = politeness["download_delay"]
            if "concurrency" in politeness:
                slot["concurrency"] = int(politeness["concurrency"])
            if slot:
                slots[domain] = slot
        settings.set("DOWNLOAD_SLOTS", slots, priority="spider")

    @property
    def allowed_domains(self) -> list[str]:  # type: ignore[override]
        return list(self.portal.allowed_domains)

    def context(self) -> PortalContext:
        return PortalContext(
            spider=self.name,
            site_name=self.portal.site_name,
            region=self.portal.region or None,
            selectors=self.portal.selectors,
        )

    def _count(self, key: str, n: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key, n)

    async def start(self) -> AsyncIterator[Request]:
        for url in issues.start_urls(self.portal.start_urls, self.since, self.until):
            yield self.list_request(url, page_no=1)

    def list_request(self, url: str, page_no: int) -> Request:
        return Request(url, callback=self.parse_list, cb_kwargs={"page_no": page_no}, meta={"page_kind": "list"})

    def api_request(self, built: ListRequest, page_no: int) -> Request:
        """A list API call as the page's scripts make it (POST bodies and their content type included).
        The API may sit on a sibling host of the portal (``search.x.gov.cn``): the page named it, so the
        offsite filter lets it through (``_api_allowed`` decides)."""
        headers = {"Content-Type": built.content_type} if built.content_type else {}
        headers["X-Requested-With"] = "XMLHttpRequest"
        return Request(
            built.url,
            method=built.method,
            body=built.body or None,
            headers=headers,
            callback=self.parse_list,
            cb_kwargs={"page_no": page_no},
            meta={
                "page_kind": "list",
                "list_request": built.as_json() | {"same_page": built.same_page},
                "allow_offsite": True,
            },
        )

    def _api_allowed(self, built: ListRequest, page_url: str) -> bool:
        if self._on_site(built.url) or same_site(built.url, page_url):
            return True
        self._count("lists/api_offsite")
        return False

    def _on_site(self, url: str) -> bool:
        host = urlsplit(url).hostname or ""  # no port or userinfo: allowed_domains are host names
        return any(host == d or host.endswith("." + d) for d in self.portal.allowed_domains)

    def _wanted(self, entry: ListEntry) -> bool:
        if not self._on_site(entry.url):
            self._count("portal/offsite_links")
            return False
        if self.since and entry.date and entry.date < self.since:
            self._count("portal/older_than_since")
            return False
        return True

    def parse_list(self, response: Response, page_no: int) -> Iterator[Request]:
        self._count("portal/list_pages")
        if not isinstance(response, TextResponse):
            self._count("portal/list_not_text")
            return
        built = response.request.meta.get("list_request") if response.request is not None else None
        page = read_list(
            response.text,
            response.url,
            self.portal.selectors.get("list"),
            self.portal.article_urls,
            family=self.portal.cms if self.portal.cms not in (None, "generic") else None,
            request=ListRequest.from_json(built) if built else None,
        )
        calls = [r for r in page.requests if r.same_page]
        allowed = [r for r in calls if self._api_allowed(r, response.url)]
        reason = page.empty_reason or ("api_offsite" if calls and not allowed and not page.entries else None)
        if reason:
            self._count("lists/empty")
            self._count(f"lists/empty/{reason}")
            if page_no == 1 and not built:  # a column's first page with no list: tell why
                self.logger.warning("no list entries on %s (%s; family %s)", response.url, reason, page.family)
        for entry in page.entries:
            if self._wanted(entry):
                self._count("portal/articles_queued")
                yield Request(
                    entry.url,
                    callback=self.parse_article,
                    errback=self.article_failed,
                    meta={
                        "page_kind": "article",
                        "list_date": entry.date.isoformat() if entry.date else None,
                        "list_title": entry.title,
                    },
                )
        # A script-built list: its rows come from the API call, which is still this page of the list.
        for call in allowed:
            self._count("lists/api_requests")
            yield self.api_request(call, page_no)
        dated = [e.date for e in page.entries if e.date]
        if self.since and dated and dated[-1] < self.since:
            self._count("portal/paging_stopped/since")  # lists run newest first: the rest is older still
            return
        if page_no >= self.max_pages:
            self._count("portal/paging_stopped/max_pages")
            return
        for url in page.next_pages:
            if self._on_site(url):
                yield self.list_request(url, page_no + 1)
        for call in (r for r in page.requests if not r.same_page and self._api_allowed(r, response.url)):
            yield self.api_request(call, page_no + 1)

    def article_failed(self, failure: Failure) -> Failure:
        """Counted by reason (crawler/extensions/accounting.py); Scrapy then handles the failure as usual."""
        return count_article_failure(self.crawler, failure)

    def parse_article(self, response: Response) -> Iterator[Page | Request]:
        yield from self.continue_article(self.article_page(response), response, {response.url})

    def article_page(self, response: Response) -> Page:
        headers = {k.decode("latin-1").lower(): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}
        referer = response.request.headers.get("Referer", b"").decode("latin-1") if response.request else ""
        return Page(
            url=response.url,
            body=response.body,
            status=response.status,
            headers=headers,
            portal=self.context(),
            meta={"referer": referer, "list_date": response.meta.get("list_date")},
        )

    def continue_article(self, first: Page, response: Response, seen: set[str]) -> Iterator[Page | Request]:
        """A multi-page article: fetch its next page (the pager on each page names the rest, crawler/content/
        pages.py), one at a time; the first page, carrying the others, goes to the pipelines at the end."""
        found = continuation_urls(response.text, first.url) if isinstance(response, TextResponse) else []
        following = [u for u in found if u not in seen and self._on_site(u)]
        if following and len(first.continuations) < MAX_PAGES - 1:
            yield Request(
                following[0],
                callback=self.parse_continuation,
                errback=self.continuation_failed,
                cb_kwargs={"first": first, "seen": seen | {following[0]}},
                meta={"page_kind": "article_part", "list_date": first.meta.get("list_date")},
                dont_filter=True,  # chained from its first page: a filtered request would lose the article
            )
            return
        if first.continuations:
            self._count("articles/multipage")
            self._count("articles/pages_joined", len(first.continuations))
        yield first

    def parse_continuation(self, response: Response, first: Page, seen: set[str]) -> Iterator[Page | Request]:
        first.continuations.append(self.article_page(response))
        yield from self.continue_article(first, response, seen)

    def continuation_failed(self, failure: Failure) -> Iterator[Page]:
        """A further page that could not be fetched: the article goes on with the pages it has."""
        first: Page = failure.request.cb_kwargs["first"]
        self._count("articles/pages_missing")
        if first.continuations:
            self._count("articles/multipage")
            self._count("articles/pages_joined", len(first.continuations))
        yield first
