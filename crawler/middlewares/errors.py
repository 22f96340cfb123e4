"""Count failed downloads by named cause and host: ``errors/<cause>`` and ``errors/<cause>/<host>``.

The run table turns these into "DNS failure for host www.x.gov.cn 2" instead of tracebacks. The
middleware sits below RetryMiddleware (550), so it sees a request's failure once, after the retries gave
up, and a 4xx/5xx response only when it is final. Causes are data (``CAUSES``); an exception no cause
names is counted under its class name, so nothing is lost. robots.txt refusals are counted by
``CountedRobotsTxtMiddleware`` (Scrapy's, plus the count), which replaces the stock middleware.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from OpenSSL.SSL import Error as OpenSSLError
from scrapy import exceptions as scrapy_errors
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from twisted.internet import defer
from twisted.internet import error as net
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler import rx

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.robotstxt import RobotParser

# First match wins: Scrapy 2.19's own download exceptions, then Twisted's (older handlers raise those).
CAUSES: tuple[tuple[type[BaseException], str], ...] = (
    (scrapy_errors.CannotResolveHostError, "dns"),
    (net.DNSLookupError, "dns"),
    (scrapy_errors.DownloadTimeoutError, "timeout"),
    (net.TimeoutError, "timeout"),
    (defer.TimeoutError, "timeout"),
    (net.SSLError, "tls"),
    (OpenSSLError, "tls"),
    (scrapy_errors.DownloadConnectionRefusedError, "connection"),
    (scrapy_errors.DownloadFailedError, "connection"),
    (scrapy_errors.ResponseDataLossError, "connection"),
    (net.ConnectError, "connection"),
    (net.ConnectionLost, "connection"),
    (ResponseFailed, "connection"),
    (ResponseNeverReceived, "connection"),
)
CAMEL = rx.compile(r"(?<!^)(?=[A-Z])")


def cause_of(exception: BaseException) -> str:
    """The named cause of a download failure (``dns``, ``timeout``, …), else the exception's snake_case name."""
    for kind, cause in CAUSES:
        if isinstance(exception, kind):
            return cause
    return CAMEL.sub("_", type(exception).__name__).lower()


def status_cause(status: int) -> str | None:
    if 500 <= status < 600:
        return "http_5xx"
    if 400 <= status < 500:
        return "http_4xx"
    return None


def count_error(crawler: Crawler, cause: str, url: str) -> None:
    stats = crawler.stats
    assert stats is not None
    stats.inc_value(f"errors/{cause}")
    stats.inc_value(f"errors/{cause}/{urlsplit(url).hostname or 'unknown'}")


def is_robots_txt(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and urlsplit(request.url).path == "/robots.txt"


class ErrorCountMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ErrorCountMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        cause = status_cause(response.status)
        # A missing robots.txt (4xx) means "no rules", not an error.
        if cause and not (cause == "http_4xx" and is_robots_txt(request)):
            count_error(self.crawler, cause, request.url)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        # Refusals (blocked pages, cool-off, robots, address guard) are counted where they are decided.
        if not isinstance(exception, IgnoreRequest):
            count_error(self.crawler, cause_of(exception), request.url)


class CountedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, counting each refused URL as ``errors/robots/<host>``."""

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            count_error(self.crawler, "robots", request.url)
            raise
