"""Keep Redis passwords out of every log line. No Scrapy imports.

Scrapy logs all overridden settings at start ("Overridden settings: {'REDIS_URL': ...}"), and client
errors can echo URLs. Masking happens in the log-record factory, so it covers every logger and every
handler (console, LOG_FILE, handlers added later), including formatted tracebacks.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import quote, unquote, urlsplit

MASK = "***"
# user:password@ in any redis/rediss/unix URL, whatever the password is
_URL_CREDENTIALS = re.compile(r"((?:rediss?|unix)://[^:@/\s'\"]*:)[^@/\s'\"]+@")


def url_secrets(url: str) -> set[str]:
    """The password of a Redis URL in every spelling that can appear in a log (raw, %-decoded, quoted)."""
    password = urlsplit(url).password
    if not password:
        return set()
    return {s for s in (password, unquote(password), quote(unquote(password), safe="")) if s}


def mask(text: str, secrets: Iterable[str]) -> str:
    text = _URL_CREDENTIALS.sub(rf"\1{MASK}@", text)
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


class _MaskingRecordFactory:
    """Wraps the current log-record factory; records leave it with secrets already masked."""

    def __init__(self, inner: logging._LogRecordFactoryType) -> None:  # type: ignore[name-defined]
        self.inner = inner
        self.secrets: set[str] = set()

    def __call__(self, *args, **kwargs) -> logging.LogRecord:  # type: ignore[no-untyped-def]
        record = self.inner(*args, **kwargs)
        message = record.getMessage()
        masked = mask(message, self.secrets)
        if masked != message or _URL_CREDENTIALS.search(message):
            record.msg, record.args = masked, ()
        if record.exc_info and record.exc_info[0] is not None:
            trace = logging.Formatter().formatException(record.exc_info)
            masked_trace = mask(trace, self.secrets)
            if masked_trace != trace:  # keep exc_info for handlers that want it unless it leaks
                record.exc_text, record.exc_info = masked_trace, None
        return record


def install_log_masking(secrets: Iterable[str]) -> None:
    """Mask ``secrets`` (and any URL credentials) in all log records from now on; idempotent."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _MaskingRecordFactory):
        factory = _MaskingRecordFactory(factory)
        logging.setLogRecordFactory(factory)
    factory.secrets.update(secrets)
