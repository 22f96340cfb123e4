"""Replay from WARC files (REPLAY_SOURCES): byte-exact responses, and a crawl replayed from its own
archive gives the items the live crawl gave."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

from scrapy.http import Request

from crawler.archive.records import Capture, scan
from crawler.archive.writer import ArchiveWriter
from crawler.middlewares.replay import RECORD_META, ReplayMiddleware
from tests.archive.helpers import without
from tests.conftest import run_crawl

URL = "https://www.jrkfq.gov.cn/xwzx/202406/t20240601_7.html"
GBK = "<html><head><title>句容经开区</title></head><body><p>江苏句容经济开发区新签约项目。</p></body></html>"


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


class Crawler:
    def __init__(self) -> None:
        self.stats = Stats()


def archive(tmp_path: Path, *bodies: bytes) -> Path:
    writer = ArchiveWriter(tmp_path / "a", "site", 1 << 30, {})
    for n, body in enumerate(bodies):
        writer.write(
            Capture(
                url=URL,
                status=200 + n,  # 200, then 201: tells the captures apart
                headers=[
                    (b"Content-Type", b"text/html; charset=utf-8"),  # a lying header, kept as it was
                    (b"Content-Encoding", b"gzip"),
                    (b"Set-Cookie", b"a=1"),
                    (b"Set-Cookie", b"b=2"),
                ],
                body=body,
                fetched_at=datetime(2024, 6, 1, 1, 0, n, tzinfo=UTC),
            )
        )
    writer.close()
    return writer.files[0]


def test_replay_serves_the_archived_bytes_and_headers(tmp_path: Path) -> None:
    old, new = gzip.compress(GBK.encode("gbk")), gzip.compress((GBK + "<!-- 更新 -->").encode("gbk"))
    path = archive(tmp_path, old, new)
    replay = ReplayMiddleware(Crawler(), [tmp_path / "nothing-here", path])  # type: ignore[arg-type]
    response = replay.process_request(Request(URL.replace("https:", "http:")))
    assert response.body == new and response.status == 201  # the latest capture, bytes as archived
    assert response.headers.getlist("Set-Cookie") == [b"a=1", b"b=2"]
    assert response.headers["Content-Encoding"] == b"gzip"
    assert response.headers["Content-Type"] == b"text/html; charset=utf-8"
    first = next(iter(scan(str(path))))
    older = replay.process_request(Request(URL, meta={RECORD_META: (first.path, first.offset)}))
    assert older.body == old and older.status == 200  # a request naming a record gets that record


def test_a_crawl_replayed_from_its_archive_gives_the_same_items(tmp_path: Path) -> None:
    live = run_crawl("jsw", tmp_path / "live")  # GBK pages behind a lying charset=utf-8 header, from fixtures/
    assert live["returncode"] == 0 and live["items"], live["log"][-3000:]
    archive_dir = tmp_path / "live" / "archive"
    assert any(archive_dir.rglob("*.warc.gz"))
    settings = ("REPLAY_DIR=", f"REPLAY_SOURCES={archive_dir}", "ARCHIVE_ENABLED=False")
    again = run_crawl("jsw", tmp_path / "again", *settings)
    assert again["returncode"] == 0, again["log"][-3000:]
    assert "'replay/hit'" in again["log"] and "'replay/missing'" not in again["log"]
    assert without(again["items"], "crawled_at") == without(live["items"], "crawled_at")
