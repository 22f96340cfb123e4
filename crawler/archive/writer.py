"""Rotating WARC files for one crawl: ``<dir>/<prefix>-00000.warc.gz``, ``-00001``… No Scrapy imports.

Crash safety is by construction rather than by recovery. A file is valid WARC from its first byte: the
``warcinfo`` record and then each fetch (response + request, one gzip member each) are appended with a
single ``write`` to a file opened ``O_APPEND``, so a process killed at any moment (kill -9 included) leaves
files that end on a whole record; readers need no repair step. Only a power cut can leave a torn last
record (the kernel had not written it yet); readers stop there (crawler/archive/records.py ``scan``).
Files are fsynced when rotated and closed, not per record: unlike a feed line, no other state depends on a
record being durable.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path

from crawler.archive.records import Capture, RecordWriter

SUFFIX = ".warc.gz"


class ArchiveWriter:
    def __init__(self, directory: Path, prefix: str, max_bytes: int, info: dict[str, str]) -> None:
        self.directory = directory
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.info = {**info, "hostname": socket.gethostname(), "format": "WARC File Format 1.0"}
        self.records = RecordWriter()
        self.fd: int | None = None
        self.path: Path | None = None
        self.size = 0
        self.serial = 0
        self.files: list[Path] = []

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        while True:  # never append to another run's file (two runs started in the same second)
            path = self.directory / f"{self.prefix}-{self.serial:05d}{SUFFIX}"
            self.serial += 1
            try:
                self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
                break
            except FileExistsError:
                continue
        self.path, self.size = path, 0
        self.files.append(path)
        self._append(self.records.warcinfo(path.name, self.info))

    def _append(self, data: bytes) -> None:
        """Append ``data`` whole, or raise with the file as it was: a full disk must not leave a torn
        record in the middle of the file, where it would hide every record after it from readers."""
        assert self.fd is not None
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fd, view) :]
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, self.size)
            raise
        self.size += len(data)

    def write(self, capture: Capture) -> int:
        """Archive one fetch; returns the bytes written. Rotates first when the file is full."""
        data = self.records.capture(capture)
        if self.fd is not None and self.size + len(data) > self.max_bytes:
            self._close_file()
        if self.fd is None:
            self._open()
        self._append(data)
        return len(data)

    def _close_file(self) -> None:
        if self.fd is not None:
            try:
                os.fsync(self.fd)
            finally:
                os.close(self.fd)
                self.fd = None

    def close(self) -> None:
        self._close_file()
