"""Make tldextract use its bundled Public Suffix List snapshot instead of fetching it.

Scrapy's CookiesMiddleware builds a module-level ``TLDExtract`` that downloads the PSL on the first
cookie; with no internet (replay runs, locked-down crawl hosts) that logs two WARNING tracebacks and
trips the warning monitor. tldextract reads ``TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS`` when an extractor is
constructed, and an empty value means "no fetch, bundled snapshot"; extensions load before downloader
middlewares, so setting it here takes effect before that module is imported.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
ENV = "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"
COOKIES_MODULE = "scrapy.downloadermiddlewares.cookies"


class OfflinePublicSuffixList:
    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OfflinePublicSuffixList:
        if not crawler.settings.getbool("TLDEXTRACT_OFFLINE", True):
            raise NotConfigured("TLDEXTRACT_OFFLINE is off: tldextract may fetch the suffix list")
        if os.environ.get(ENV) != "":
            os.environ[ENV] = ""
            if COOKIES_MODULE in sys.modules:
                logger.info("%s was imported before %s was set; it may still fetch", COOKIES_MODULE, ENV)
        return cls()
