"""A Redis password never reaches a log line or the stats, whatever logs it."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from redis.connection import parse_url

from crawler.distributed.masking import MASK, encode_userinfo, install_log_masking, mask, url_secrets
from tests.distributed.conftest import PASSWORD, start_worker
from tests.distributed.site import build_site


def test_url_secrets_cover_raw_and_encoded_spellings() -> None:
    found = url_secrets(f"redis://user:{quote(PASSWORD, safe='')}@db:6379/0")
    assert PASSWORD in found and quote(PASSWORD, safe="") in found
    assert url_secrets("redis://db:6379/0") == set()


@pytest.mark.parametrize("password", ["p@ss/w#rd", "a#b@c", "x/y@z"])
def test_a_password_with_reserved_characters_is_found_whole_and_encoded_for_the_client(password: str) -> None:
    url = f"redis://:{password}@db.internal:6379/0"
    assert password in url_secrets(url)
    parsed = parse_url(encode_userinfo(url))
    assert parsed["password"] == password and parsed["host"] == "db.internal" and parsed["db"] == 0
    assert password not in mask(f"connecting to {url}", set()) and "db.internal:6379" in mask(url, set())


def test_mask_hides_url_credentials_even_for_unknown_urls() -> None:
    text = "connect rediss://admin:hunter2@10.0.0.5:6380/1 failed; and redis://:other@h/0"
    masked = mask(text, set())
    assert "hunter2" not in masked and "other" not in masked
    assert f"rediss://{MASK}@10.0.0.5:6380/1" in masked


def test_log_records_and_tracebacks_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    previous = logging.getLogRecordFactory()
    install_log_masking({"s3cret-value"})
    try:
        log = logging.getLogger("test.masking")
        with caplog.at_level(logging.INFO, logger="test.masking"):
            log.info("settings: %s", {"REDIS_URL": "redis://:s3cret-value@h:1/0"})
            try:
                raise ValueError("bad password s3cret-value")
            except ValueError:
                log.exception("redis failed")
        text = caplog.text
    finally:
        logging.setLogRecordFactory(previous)
    assert "s3cret-value" not in text
    assert "redis failed" in text and "ValueError" in text and MASK in text


@pytest.mark.redis
def test_crawl_log_and_stats_never_show_the_password(redis_url: str, tmp_path: Path) -> None:
    site = build_site(tmp_path / "site", lists=2, per_list=3)
    worker = start_worker(site, redis_url, tmp_path / "out", "w1", "DISTRIBUTED_ITEMS_KEY=%(spider)s:items")
    assert worker.wait(timeout=120) == 0
    log = (tmp_path / "out" / "w1.log").read_text("utf-8")
    assert ", Redis redis://***@127.0.0.1:" in log  # the add-on logs which Redis it joined
    assert "Dumping Scrapy stats" in log and "'distributed/items_pushed': 6" in log
    for spelling in url_secrets(redis_url):
        assert spelling not in log


@pytest.mark.redis
def test_a_password_written_raw_in_redis_url_works_and_no_piece_of_it_is_logged(redis_url: str, tmp_path: Path) -> None:
    raw = redis_url.replace(quote(PASSWORD, safe=""), PASSWORD)  # "@", "/" and "#" unencoded, as users write it
    assert raw != redis_url
    site = build_site(tmp_path / "site", lists=2, per_list=3)
    worker = start_worker(site, raw, tmp_path / "out", "w1")
    assert worker.wait(timeout=120) == 0
    log = (tmp_path / "out" / "w1.log").read_text("utf-8")
    assert "'item_scraped_count': 6" in log  # it reached the server with the password meant
    for piece in re.split(r"[@/#]", PASSWORD):
        if len(piece) >= 4:
            assert piece not in log
