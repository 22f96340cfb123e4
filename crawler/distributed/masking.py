"""Keep Redis passwords out of every log line. No Scrapy imports.

Scrapy logs all overridden settings at start ("Overridden settings: {'REDIS_URL': ...}"), and client
errors can echo URLs. Masking happens in the log-record factory, so it covers every logger and every
handler (console, LOG_FILE, handlers added later), including formatted tracebacks.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from urllib.parse import quote, unquote

from crawler.logsafety import MASK, URL_USERINFO_RE, mask_secrets


def _userinfo(url: str) -> re.Match[str] | None:
    return URL_USERINFO_RE.match(url.strip())


def url_secrets(url: str) -> set[str]:
    """The password of a Redis URL in every spelling that can appear in a log (raw, %-decoded, quoted),
    however it was written (an unencoded "@", "/" or "#" in it included)."""
    found = _userinfo(url)
    password = found["userinfo"].partition(":")[2] if found else ""
    if not password:
        return set()
    return {s for s in (password, unquote(password), quote(unquote(password), safe="")) if s}


def encode_userinfo(url: str) -> str:
    """``url`` with its user name and password percent-encoded, so a client parses host and password where
    the user meant them: written raw, "p@ss/w#rd" makes a parser take "ss" for the host and the rest for a
    path and fragment, and its error messages then show those pieces of the password."""
    found = _userinfo(url)
    if found is None:
        return url
    user, _, password = found["userinfo"].partition(":")
    encoded = f"{quote(unquote(user), safe='')}:{quote(unquote(password), safe='')}"
    return f"{found['scheme']}{encoded}@{url.strip()[found.end() :]}"


def mask(text: str, secrets: Iterable[str]) -> str:
    text = mask_secrets(text)
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
        if masked != message:
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
