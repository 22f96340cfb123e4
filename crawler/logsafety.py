"""Mask secrets in log records: URL credentials (``redis://:pw@host``, ``http://user:pw@proxy``, however
the password is written) and credential headers (``Proxy-Authorization``, ``Authorization``).

Scrapy logs its overridden settings, requests and proxy URLs; a Redis URL or a proxy with credentials
would otherwise land in log files, scrapyd listings and CI output. Every record becomes a ``MaskedLogRecord``
(its rendered message and traceback are masked), installed process-wide by ``LogSafetyExtension`` when the
crawler starts. No Scrapy imports: the extension only needs ``from_crawler``.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from crawler import rx

MASK = "***"
# scheme://user:password@host -> scheme://***@host, the whole userinfo however it is written: a password with
# an unencoded "@", "/" or "#" (redis://:p@ss/w#rd@host) runs to the last "@" that a host follows, so no
# tail of it survives. A URL without a password (an "@" in the path: http://example.com/a@b) is left alone.
URL_USERINFO_RE = rx.compile(
    r"(?P<scheme>\b[a-zA-Z][a-zA-Z0-9+.-]{0,30}://)(?P<userinfo>[^\s'\"<>]*:[^\s'\"<>]*)"
    r"@(?=[\w\[][\w.\-\[\]:%]*(?:[/?#\s'\"<>),;]|$))"
)
# "Proxy-Authorization: Basic xyz", b'Authorization': [b'Bearer xyz'], proxy_authorization=xyz …
HEADER_RE = rx.compile(
    r"(?P<head>(?:proxy[-_])?authorization['\"]?\s*[:=]\s*\[?\s*(?:b?['\"])?(?:(?:basic|bearer|digest|token)\s+)?)"
    r"[^'\"\s,\]}]+",
    re.IGNORECASE,
)


def mask_secrets(text: str) -> str:
    """The text with every URL password and credential header value replaced by ``***``."""
    if "@" in text:
        text = URL_USERINFO_RE.sub(rf"\g<scheme>{MASK}@", text)
    if "uthorization" in text or "UTHORIZATION" in text:
        text = HEADER_RE.sub(rf"\g<head>{MASK}", text)
    return text


class MaskedLogRecord(logging.LogRecord):
    """A log record whose rendered message and traceback text never carry a secret.

    Masking happens when a handler formats the record, so records a handler drops cost nothing extra.
    """

    def getMessage(self) -> str:
        return mask_secrets(super().getMessage())

    @property  # type: ignore[override]
    def exc_text(self) -> str | None:
        return self.__dict__.get("exc_text")

    @exc_text.setter
    def exc_text(self, value: str | None) -> None:
        self.__dict__["exc_text"] = mask_secrets(value) if value else value


def install() -> None:
    """Make every log record in this process a ``MaskedLogRecord`` (idempotent).

    A record factory, not a handler filter: Scrapy replaces its root handler after extensions are built,
    and a filter on the old handler would silently stop masking.
    """
    factory = logging.getLogRecordFactory()
    if getattr(factory, "masks_secrets", False):
        return

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        if type(record) is logging.LogRecord:
            record.__class__ = MaskedLogRecord
        return record

    masked_record.masks_secrets = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masked_record)


class LogSafetyExtension:
    """Scrapy extension (EXTENSIONS setting) whose only job is to install masking at crawler start,
    before Scrapy logs the overridden settings."""

    def __init__(self) -> None:
        install()

    @classmethod
    def from_crawler(cls, crawler: Any) -> LogSafetyExtension:
        return cls()
