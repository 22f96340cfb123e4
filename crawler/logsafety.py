"""Mask secrets in log records: URL passwords (``redis://:pw@host``, ``http://user:pw@proxy``) and
credential headers (``Proxy-Authorization``, ``Authorization``).

Scrapy logs its overridden settings, requests and proxy URLs; a Redis URL or a proxy with credentials
would otherwise land in log files, scrapyd listings and CI output. ``SecretMaskingFilter`` rewrites each
record's final message; ``LogSafetyExtension`` installs it on every root handler when the crawler starts,
before Scrapy logs the overridden settings. No Scrapy imports: the extension only needs ``from_crawler``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

MASK = "***"
# scheme://user:password@host -> scheme://user:***@host (the user name is kept: it helps debugging).
URL_PASSWORD_RE = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.-]{0,30}://[^:/?#@\s'\"]*:)[^/?#\s'\"]+(?=@)")
# "Proxy-Authorization: Basic xyz", b'Authorization': [b'Bearer xyz'], proxy_authorization=xyz …
HEADER_RE = re.compile(
    r"(?P<head>(?:proxy[-_])?authorization['\"]?\s*[:=]\s*\[?\s*(?:b?['\"])?(?:(?:basic|bearer|digest|token)\s+)?)"
    r"[^'\"\s,\]}]+",
    re.IGNORECASE,
)


def mask_secrets(text: str) -> str:
    """The text with every URL password and credential header value replaced by ``***``."""
    if "@" in text:
        text = URL_PASSWORD_RE.sub(rf"\g<head>{MASK}", text)
    if "uthorization" in text or "UTHORIZATION" in text:
        text = HEADER_RE.sub(rf"\g<head>{MASK}", text)
    return text


class SecretMaskingFilter(logging.Filter):
    """Render the record once, mask it, and freeze the result so no handler sees the raw arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is the logging module's problem to report, not ours
            return True
        masked = mask_secrets(message)
        if masked != message or record.args:
            record.msg, record.args = masked, ()
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


def install(logger: logging.Logger | None = None) -> SecretMaskingFilter:
    """Add the filter to every handler of ``logger`` (default: root) that lacks one; returns it."""
    target = logger or logging.getLogger()
    mask = SecretMaskingFilter()
    for handler in target.handlers:
        if not any(isinstance(f, SecretMaskingFilter) for f in handler.filters):
            handler.addFilter(mask)
    return mask


class LogSafetyExtension:
    """Scrapy extension (EXTENSIONS setting) whose only job is to install the filter at crawler start."""

    def __init__(self) -> None:
        install()

    @classmethod
    def from_crawler(cls, crawler: Any) -> LogSafetyExtension:
        return cls()
