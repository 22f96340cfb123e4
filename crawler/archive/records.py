"""The WARC record format of our archives, both ways (warcio): one fetch -> a response and a request record,
and back. No Scrapy imports.

What a response record holds: the status line, the headers and the body bytes as the crawl received them
from the network, before Scrapy decompressed anything (a gzip-encoded page is stored gzip-encoded, with its
``Content-Encoding``). Two things cannot be kept as sent: the transfer coding (Twisted de-chunks the body
before any middleware sees it, so ``Transfer-Encoding`` is renamed ``X-Archive-Orig-Transfer-Encoding``, the
name other archiving tools use, and readers do not try to de-chunk), and the header block's exact spelling
(Scrapy keeps header names normalised and merges repeated headers; warcio %-encodes the rare non-ASCII
byte in a header value, which HTTP does not allow anyway).

What we add: ``Devzone-Meta`` on the response record, the JSON of the request's meta a reprocess needs
(which spider, ``page_kind``, ``list_date``, ``list_title``), and a ``warcinfo`` record opening every file.
Each record is its own gzip member, so any record can be read from its offset and a torn tail costs only
the last record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

META_FIELD = "Devzone-Meta"
HIDDEN_TRANSFER_ENCODING = "X-Archive-Orig-Transfer-Encoding"
WARC_VERSION = "1.0"  # what every archiving tool reads; seconds are as precise as crawled_at


@dataclass
class Capture:
    """One fetch as received: the request sent and the response before any decoding."""

    url: str
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    fetched_at: datetime
    meta: dict[str, Any] = field(default_factory=dict)
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None
    method: str = "GET"
    request_headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    request_body: bytes = b""


def _str_headers(headers: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    out = []
    for name, value in headers:
        key = name.decode("latin-1")
        if key.lower() == "transfer-encoding":
            key = HIDDEN_TRANSFER_ENCODING
        out.append((key, value.decode("latin-1")))
    return out


def warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class RecordWriter:
    """Serialises captures to bytes (response + request record, one gzip member each)."""

    def __init__(self) -> None:
        self._writer = WARCWriter(BytesIO(), gzip=True, warc_version=WARC_VERSION)

    def _bytes(self, record: Any) -> bytes:
        self._writer.out = out = BytesIO()
        self._writer.write_record(record)
        return out.getvalue()

    def warcinfo(self, filename: str, info: dict[str, str]) -> bytes:
        return self._bytes(self._writer.create_warcinfo_record(filename, info))

    def capture(self, capture: Capture) -> bytes:
        w = self._writer
        try:
            reason = HTTPStatus(capture.status).phrase
        except ValueError:  # a code of the server's own (499, 521…): the reason phrase is decoration
            reason = "Unknown"
        fields = {"WARC-Date": warc_date(capture.fetched_at)}
        if capture.ip_address:
            fields["WARC-IP-Address"] = capture.ip_address
        if capture.meta:
            fields[META_FIELD] = json.dumps(capture.meta, ensure_ascii=True, sort_keys=True, default=str)
        response = w.create_warc_record(
            capture.url,
            "response",
            payload=BytesIO(capture.body),
            length=len(capture.body),
            warc_headers_dict=fields,
            http_headers=StatusAndHeaders(
                f"{capture.status} {reason}", _str_headers(capture.headers), protocol=capture.protocol
            ),
        )
        parts = urlsplit(capture.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = _str_headers(capture.request_headers)
        if not any(k.lower() == "host" for k, _ in headers):
            headers.insert(0, ("Host", parts.netloc))
        request = w.create_warc_record(
            capture.url,
            "request",
            payload=BytesIO(capture.request_body),
            length=len(capture.request_body),
            warc_headers_dict={
                "WARC-Date": fields["WARC-Date"],
                "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID"),
            },
            http_headers=StatusAndHeaders(f"{capture.method} {target} HTTP/1.1", headers, is_http_request=True),
        )
        return self._bytes(response) + self._bytes(request)


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Where an archived response is, and what a replay index or a reprocess plan needs to know of it."""

    path: str
    offset: int
    url: str
    status: int
    date: str  # WARC-Date, UTC, ISO 8601
    meta_json: str

    @property
    def meta(self) -> dict[str, Any]:
        return json.loads(self.meta_json) if self.meta_json else {}


@dataclass(frozen=True)
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    raw_body: bytes = field(repr=False)
    date: str
    meta: dict[str, Any]

    def body(self) -> bytes:
        return self.raw_body


class TornRecord(ValueError):
    """A record cut short (a power cut while it was written): it and anything after it cannot be read."""


def _status(record: Any) -> int:
    try:
        return int(record.http_headers.get_statuscode())
    except (TypeError, ValueError):
        return 0


def _payload(record: Any) -> bytes:
    body = record.raw_stream.read()
    expected = record.length - (record.http_headers.total_len if record.http_headers else 0)
    if expected is not None and len(body) < expected:
        raise TornRecord(f"{record.rec_headers.get_header('WARC-Target-URI')}: {len(body)} of {expected} bytes")
    return body


def scan(path: str) -> Iterator[RecordRef]:
    """The response records of one WARC file, in file order. Raises TornRecord at a torn tail, after
    yielding every whole record before it."""
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh, ensure_http_headers=False)
        try:
            for record in it:
                if record.rec_type != "response":
                    continue
                _payload(record)  # before the offset: asking for it reads the record to its end
                offset = it.get_record_offset()
                headers = record.rec_headers
                yield RecordRef(
                    path=path,
                    offset=offset,
                    url=headers.get_header("WARC-Target-URI"),
                    status=_status(record),
                    date=headers.get_header("WARC-Date") or "",
                    meta_json=headers.get_header(META_FIELD) or "",
                )
        except TornRecord:
            raise
        except Exception as exc:  # warcio fails in many ways on a cut or damaged record: all mean the same here
            raise TornRecord(f"{path}: damaged record after the last whole one ({type(exc).__name__}: {exc})") from exc


def load(path: str, offset: int) -> ArchivedResponse:
    """The response record at ``offset``: status, headers and body bytes exactly as archived."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        record = next(iter(ArchiveIterator(fh)))
        body = _payload(record)
        headers = record.rec_headers
        meta = headers.get_header(META_FIELD)
        return ArchivedResponse(
            url=headers.get_header("WARC-Target-URI"),
            status=_status(record),
            headers=list(record.http_headers.headers) if record.http_headers else [],
            raw_body=body,
            date=headers.get_header("WARC-Date") or "",
            meta=json.loads(meta) if meta else {},
        )
