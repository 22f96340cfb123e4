"""Every article URL a run asks for gives an item or is counted under exactly one reason, so the numbers add
up: ``articles/requested == item_scraped_count + pages_dropped``, and ``pages_dropped`` is the sum of its
``pages_dropped/<reason>`` counters.

The item pipelines count the pages they drop themselves (``not_article``, ``duplicate_in_run`` …). This
extension counts the article URLs that never reach them, which stock Scrapy loses with a DEBUG line or an
unrelated counter: HTTP errors, blocked pages, download errors after their retries, size cuts and
compression bombs, redirect loops (cut by the redirect limit, or filtered as duplicates), redirects off the
portal, refused addresses, robots.txt, and URLs still queued when the run stopped early.

The spider gives article requests an errback that sends ``article_failed``; the reason is read from the
failure (data tables below). Pages that screening cut down to size are emitted, and counted under
``pages_cut/<flag>``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.downloadermiddlewares.offsite import OffsiteMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
    UnsupportedURLSchemeError,
)
from scrapy.spidermiddlewares.httperror import HttpError

from crawler import rx
from crawler.screen import CUT_FLAGS

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response
    from twisted.python.failure import Failure

# Sent by the spider's errback of article requests (crawler/spiders/portal.py) with ``failure=``.
article_failed = object()

DROPPED = "pages_dropped"
REQUESTED = "articles/requested"

# Download failures after retries, by exception type (the first match wins).
FAILURE_REASONS: tuple[tuple[type[BaseException], str], ...] = (
    (DownloadTimeoutError, "download_timeout"),
    (TimeoutError, "download_timeout"),
    (CannotResolveHostError, "download_dns"),
    (DownloadConnectionRefusedError, "download_refused"),
    (ResponseDataLossError, "download_truncated"),
    (DownloadCancelledError, "too_large"),  # DOWNLOAD_MAXSIZE cut the download
    (DownloadFailedError, "download_failed"),  # connection reset or lost
    (UnsupportedURLSchemeError, "unsupported_url"),
)
# Requests a component refused (IgnoreRequest), by the refusal's message: Scrapy's and the project's own.
IGNORED_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (rx.compile(r"^blocked \((?P<kind>\w+)\)"), "blocked_{kind}"),  # crawler/middlewares/blocked.py
    (rx.compile(r"max redirections reached"), "redirect_loop"),  # RedirectMiddleware's REDIRECT_MAX_TIMES
    (rx.compile(r"^Filtered offsite request"), "offsite_redirect"),  # spiders never request off-site links
    (rx.compile(r"exceeded DOWNLOAD_MAXSIZE .* during decompression"), "compression_bomb"),
    (rx.compile(r"^address guard"), "address_refused"),  # crawler/middlewares/address_guard.py
    (rx.compile(r"robots\.txt"), "robots_forbidden"),
)


def loss_reason(failure: Failure) -> str:
    """The ``pages_dropped/<reason>`` of an article request that failed."""
    error = failure.value
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, IgnoreRequest):
        message = str(error)
        for pattern, reason in IGNORED_REASONS:
            if match := pattern.search(message):
                return reason.format(**match.groupdict())
        return "ignored"
    for kind, reason in FAILURE_REASONS:
        if isinstance(error, kind):
            return reason
    return "download_error"


def origin(request: Request) -> str:
    """The article URL as the list page linked it (before redirects; retries keep the URL)."""
    return str(request.meta.get("redirect_urls", [request.url])[0])


def _is_article(request: Request | None) -> bool:
    return request is not None and request.meta.get("page_kind") == "article"


class ArticleAccounting:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.requested: set[str] = set()  # article URLs the list pages linked, asked for in this run
        self.resolved: set[str] = set()  # those with an outcome: an item, or a counted reason
        # Requests the scheduler took (scheduled minus refused as duplicates): per linked URL, and per URL
        # for every article request (redirect targets too). Retries repeat a request, they add nothing.
        self.linked: dict[str, int] = {}
        self.asked: dict[str, int] = {}
        for handler, signal in (
            (self.request_scheduled, signals.request_scheduled),
            (self.request_dropped, signals.request_dropped),
            (self.item_done, signals.item_scraped),
            (self.count_cuts, signals.item_scraped),
            (self.item_done, signals.item_dropped),
            (self.spider_error, signals.spider_error),
            (self.failed, article_failed),
            (self.spider_closed, signals.spider_closed),
        ):
            crawler.signals.connect(handler, signal)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArticleAccounting:
        return cls(crawler)

    def _drop(self, url: str, reason: str) -> None:
        if url in self.resolved:
            return
        self.resolved.add(url)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(DROPPED)
        self.crawler.stats.inc_value(f"{DROPPED}/{reason}")

    def request_scheduled(self, request: Request) -> None:
        if not _is_article(request) or request.meta.get("retry_times"):
            return
        if request.meta.get("redirect_urls") and self._offsite(request):
            # OffsiteMiddleware refuses it in this same signal, silently (no errback, no request_dropped)
            self._drop(origin(request), "offsite_redirect")
            return
        self.asked[request.url] = self.asked.get(request.url, 0) + 1
        if not request.meta.get("redirect_urls"):
            self.linked[request.url] = self.linked.get(request.url, 0) + 1
            if request.url not in self.requested:
                self.requested.add(request.url)
                assert self.crawler.stats is not None
                self.crawler.stats.inc_value(REQUESTED)

    def request_dropped(self, request: Request) -> None:
        """The duplicate filter refused an article request: a second link to a URL (harmless), a link to a
        page fetched through another article's redirect, or a redirect to a page fetched already."""
        if not _is_article(request) or request.meta.get("retry_times"):
            return
        url = request.url
        self.asked[url] -= 1
        if redirects := request.meta.get("redirect_urls"):
            reason = "redirect_loop" if url in redirects else self._fetched_as(url)
            self._drop(origin(request), reason)
            return
        self.linked[url] -= 1
        if not self.linked[url]:  # none of its own requests will run: it was fetched for another link
            self._drop(url, self._fetched_as(url))

    def _offsite(self, request: Request) -> bool:
        """Whether Scrapy's OffsiteMiddleware will refuse ``request`` (a redirect off the portal)."""
        engine, spider = self.crawler.engine, self.crawler.spider
        middlewares = engine.downloader.middleware.middlewares if engine is not None else ()
        for mw in middlewares:
            if isinstance(mw, OffsiteMiddleware) and spider is not None:
                allowed = request.dont_filter or request.meta.get("allow_offsite")
                return not (allowed or mw.should_follow(request, spider))
        return False

    def _fetched_as(self, url: str) -> str:
        """Why a page refused as a duplicate gives no item of its own: another article request fetches it
        (one article, one item), or some other page (a list page the article redirects to)."""
        return "duplicate_in_run" if self.asked.get(url) else "redirect_to_fetched_page"

    def item_done(self, response: Response | None) -> None:
        """An item was scraped or dropped: the pipelines counted a drop's reason themselves."""
        if response is not None and _is_article(response.request):
            assert response.request is not None
            self.resolved.add(origin(response.request))

    def count_cuts(self, item: Any) -> None:
        """Pages screening cut down to size (too many elements, too much text, too many attributes on an
        element), emitted with what was left: ``pages_cut`` and ``pages_cut/<flag>``."""
        flags = {f["name"] for f in getattr(item, "quality", {}).get("flags", [])} & set(CUT_FLAGS)
        assert self.crawler.stats is not None
        if flags:
            self.crawler.stats.inc_value("pages_cut")
        for flag in sorted(flags):
            self.crawler.stats.inc_value(f"pages_cut/{flag}")

    def spider_error(self, response: Response) -> None:
        if _is_article(response.request):
            assert response.request is not None
            self._drop(origin(response.request), "spider_error")

    def failed(self, failure: Failure) -> None:
        request: Request | None = getattr(failure, "request", None)
        if _is_article(request):
            assert request is not None
            self._drop(origin(request), loss_reason(failure))

    def spider_closed(self, reason: str) -> None:
        # Still queued when the run stopped early, or refused when scheduled by a component that says
        # nothing (a request_scheduled receiver raising IgnoreRequest): a finished run leaves no queue.
        left = "not_fetched" if reason != "finished" else "refused_when_scheduled"
        for url in self.requested - self.resolved:
            self._drop(url, left)


def count_article_failure(crawler: Crawler, failure: Failure) -> Any:
    """For the spider's errback: send ``article_failed`` and hand the failure back, so Scrapy still logs
    it (and HttpErrorMiddleware still counts HTTP errors) exactly as without an errback."""
    crawler.signals.send_catch_log(article_failed, failure=failure)
    return failure
