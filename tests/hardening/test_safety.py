"""Safe defaults: which addresses the guard refuses, and secret masking in log records."""

from __future__ import annotations

import io
import ipaddress
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler import settings
from crawler.extract import extract_one
from crawler.logsafety import install, mask_secrets
from crawler.middlewares.address_guard import address_kind, literal_address, refusal
from tests.hardening.badinputs import article_html


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link_local"),  # cloud metadata endpoint
        ("fe80::1", "link_local"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non_global"),  # carrier-grade NAT
        ("58.49.10.1", None),  # a public Chinese address
        ("2400:da00::6666", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


def test_literal_hosts_are_parsed_and_names_are_not() -> None:
    assert literal_address("[::1]") == ipaddress.ip_address("::1")
    assert literal_address("fe80::1%eth0") == ipaddress.ip_address("fe80::1")
    assert literal_address("www.tianmen.gov.cn") is None


def test_one_inward_address_is_enough_to_refuse_a_host() -> None:
    public, private = ipaddress.ip_address("58.49.10.1"), ipaddress.ip_address("10.0.0.1")
    assert refusal([public], frozenset()) is None
    assert refusal([public, private], frozenset()) == "private"
    assert refusal([public, private], frozenset({"private"})) is None


def test_production_settings_are_safe() -> None:
    assert settings.REMOTE_CONTROL_ENABLED is False
    assert settings.TELNETCONSOLE_ENABLED is False
    assert settings.ADDRESS_GUARD_ENABLED is True and settings.ADDRESS_GUARD_ALLOW == []
    assert settings.DOWNLOAD_MAXSIZE >= settings.DOWNLOAD_WARNSIZE > 0
    assert "crawler.logsafety.LogSafetyExtension" in settings.EXTENSIONS
    assert settings.DOWNLOADER_MIDDLEWARES["crawler.middlewares.address_guard.AddressGuardMiddleware"] > max(
        v for k, v in settings.DOWNLOADER_MIDDLEWARES.items() if v is not None and "address_guard" not in k
    )


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("redis://:s3cret@10.0.0.1:6379/0", "redis://***@10.0.0.1:6379/0"),
        ("rediss://default:p@ss@r.example:6380", "rediss://***@r.example:6380"),
        ("proxy http://bob:hunter2@proxy.example:8080 in use", "proxy http://***@proxy.example:8080 in use"),
        ("{'REDIS_URL': 'redis://u:pw@h/1'}", "{'REDIS_URL': 'redis://***@h/1'}"),
        # unencoded "@", "/" and "#" in the password: the whole userinfo goes, no tail survives
        ("redis://:p@ss/w#rd@db.internal:6379/0", "redis://***@db.internal:6379/0"),
        ("Error connecting to redis://ops:x#y/z@[::1]:6379.", "Error connecting to redis://***@[::1]:6379."),
        ("{'REDIS_URL': 'redis://:a@b#c/d@10.0.0.7/2'}", "{'REDIS_URL': 'redis://***@10.0.0.7/2'}"),
        ("{b'Proxy-Authorization': [b'Basic Ym9iOmh1bnRlcjI=']}", "{b'Proxy-Authorization': [b'Basic ***']}"),
        ("Proxy-Authorization: Basic Ym9iOmh1bnRlcjI=", "Proxy-Authorization: Basic ***"),
        ("authorization=tok123", "authorization=***"),
    ],
)
def test_secrets_are_masked(raw: str, masked: str) -> None:
    assert mask_secrets(raw) == masked


@pytest.mark.parametrize(
    "text",
    ["mail a@b.com about http://example.com/a@b", "https://www.tianmen.gov.cn/xwzx/202107/t20210708_1.shtml", "经开区"],
)
def test_text_without_secrets_is_unchanged(text: str) -> None:
    assert mask_secrets(text) == text


@pytest.fixture
def masked_logging() -> Iterator[None]:
    previous = logging.getLogRecordFactory()
    install()
    try:
        yield
    finally:
        logging.setLogRecordFactory(previous)


def test_records_mask_their_message_and_traceback(masked_logging: None) -> None:
    logger = logging.getLogger("test_logsafety")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    try:
        logger.warning("Overridden settings: %(s)s", {"s": {"REDIS_URL": "redis://:hunter2@127.0.0.1:6379"}})
        try:
            raise ConnectionError("redis://:hunter2@127.0.0.1:6379 refused")
        except ConnectionError:
            logger.exception("cannot connect")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert "hunter2" not in text
    assert "Overridden settings: {'REDIS_URL': 'redis://***@127.0.0.1:6379'}" in text
    assert "ConnectionError: redis://***@127.0.0.1:6379 refused" in text


def test_install_is_idempotent(masked_logging: None) -> None:
    factory = logging.getLogRecordFactory()
    install()
    assert logging.getLogRecordFactory() is factory


def test_a_slow_input_becomes_a_timeout_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(article_html().encode())
    row = extract_one(str(page), budget=1e-6)
    assert row["reason"] == "timeout" and row["input"] == str(page)
    assert "error" not in extract_one(str(page))  # the next input is processed normally
