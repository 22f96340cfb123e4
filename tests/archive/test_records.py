"""The WARC record format both ways, the rotating writer, and reading archives cut short by a crash."""

from __future__ import annotations

import gzip
import json
import random
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from crawler.archive.records import Capture, TornRecord, load, scan
from crawler.archive.sources import find_sources
from crawler.archive.writer import ArchiveWriter

PAGE = "<html><head><title>天门经开区</title></head><body><p>天门经济开发区新签约项目12个。</p></body></html>"


def capture(n: int, body: bytes | None = None, **kw: object) -> Capture:
    return Capture(
        url=f"https://www.x.gov.cn/xwzx/202401/t20240102_{n}.html",
        status=200,
        headers=[(b"Content-Type", b"text/html; charset=gbk"), (b"Content-Encoding", b"gzip")],
        body=gzip.compress(PAGE.encode("gbk")) if body is None else body,
        fetched_at=datetime(2024, 1, 2, 1, 30, 5, tzinfo=UTC),
        meta={"spider": "x", "page_kind": "article", "list_title": "天门经开区"},
        request_headers=[(b"User-Agent", b"devzone-news/1.0"), (b"Accept-Encoding", b"gzip, deflate")],
        **kw,  # type: ignore[arg-type]
    )


def write(tmp_path: Path, captures: list[Capture], max_bytes: int = 1 << 30) -> ArchiveWriter:
    writer = ArchiveWriter(tmp_path / "archive", "x-run", max_bytes, {"software": "test"})
    for c in captures:
        writer.write(c)
    writer.close()
    return writer


def test_a_response_is_archived_as_received_and_read_back_exactly(tmp_path: Path) -> None:
    sent = capture(1)
    (path,) = write(tmp_path, [sent]).files
    (ref,) = scan(str(path))
    back = load(ref.path, ref.offset)
    assert back.raw_body == sent.body  # still gzip-encoded GBK: what the server sent
    assert back.headers == [("Content-Type", "text/html; charset=gbk"), ("Content-Encoding", "gzip")]
    assert (back.url, back.status, back.date) == (sent.url, 200, "2024-01-02T01:30:05Z")
    assert back.meta == sent.meta and ref.meta == sent.meta


def test_each_response_has_its_request_record_and_the_file_a_warcinfo(tmp_path: Path) -> None:
    (path,) = write(tmp_path, [capture(1), capture(2)]).files
    with path.open("rb") as fh:
        records = [(r.rec_type, r.rec_headers, r.http_headers) for r in ArchiveIterator(fh)]
    assert [t for t, _, _ in records] == ["warcinfo", "response", "request", "response", "request"]
    response, request = records[1], records[2]
    assert request[1].get_header("WARC-Concurrent-To") == response[1].get_header("WARC-Record-ID")
    assert request[2].protocol == "GET" and request[2].statusline.startswith("/xwzx/202401/t20240102_1.html")
    assert request[2].get_header("Host") == "www.x.gov.cn"
    assert request[2].get_header("Accept-Encoding") == "gzip, deflate"


def test_transfer_coding_is_recorded_under_another_name(tmp_path: Path) -> None:
    """The body is stored de-chunked (as Scrapy got it): a reader must not try to de-chunk it again."""
    sent = capture(1, body=PAGE.encode("gbk"))
    sent.headers = [(b"Content-Type", b"text/html"), (b"Transfer-Encoding", b"chunked")]
    (path,) = write(tmp_path, [sent]).files
    (ref,) = scan(str(path))
    back = load(ref.path, ref.offset)
    assert back.raw_body == PAGE.encode("gbk")
    assert ("X-Archive-Orig-Transfer-Encoding", "chunked") in back.headers


def test_files_rotate_by_size_and_never_reuse_a_name(tmp_path: Path) -> None:
    body = random.Random(5).randbytes(10_000)  # does not compress
    first = write(tmp_path, [capture(n, body=body) for n in range(6)], max_bytes=25_000)
    assert len(first.files) == 3 and all(p.stat().st_size <= 25_000 for p in first.files)
    again = write(tmp_path, [capture(9, body=body)], max_bytes=25_000)  # same prefix: a restart in that second
    assert again.files[0] not in first.files
    urls = [ref.url for path in find_sources([tmp_path / "archive"]).warcs for ref in scan(str(path))]
    assert urls == [capture(n).url for n in (*range(6), 9)]  # archive order: files as started, records in order


def readable(path: Path) -> tuple[list[bytes], bool]:
    """The bodies a reader gets before it stops, and whether it stopped at a damaged record."""
    bodies = []
    try:
        for ref in scan(str(path)):
            bodies.append(load(ref.path, ref.offset).raw_body)
    except TornRecord:
        return bodies, True
    return bodies, False


def test_a_torn_tail_costs_only_the_last_record(tmp_path: Path) -> None:
    body = bytes(range(256)) * 8
    (path,) = write(tmp_path, [capture(n, body=body) for n in range(3)]).files
    whole = path.read_bytes()
    third = [ref.offset for ref in scan(str(path))][2]
    outcomes = set()
    for cut in range(third + 1, len(whole), 23):  # every kind of cut inside the third fetch's two records
        path.write_bytes(whole[:cut])
        bodies, torn = readable(path)
        assert bodies in ([body] * 2, [body] * 3), cut  # whole records only, never a damaged body
        outcomes.add((len(bodies), torn))
    assert (2, True) in outcomes  # a cut inside the third response's body is reported


def test_meta_is_plain_json_in_the_record(tmp_path: Path) -> None:
    (path,) = write(tmp_path, [capture(1)]).files
    with path.open("rb") as fh:
        response = next(r for r in ArchiveIterator(fh) if r.rec_type == "response")
    assert json.loads(response.rec_headers.get_header("Devzone-Meta"))["list_title"] == "天门经开区"
