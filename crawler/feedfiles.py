"""Crash-safe feed files. No Scrapy imports.

A feed is written to ``<name>.jsonl.part``, one ``os.write`` (and optionally one fsync) per line, under an
exclusive ``flock``; when the run ends it is renamed (or gzip-compressed) to ``<name>.jsonl[.gz]``. So a
file with the final name is always whole, and a machine that dies mid-run leaves only a ``.part`` file,
which the next run of the same spider repairs (cuts a torn last line) and finalizes. Loaders must read
``*.jsonl`` / ``*.jsonl.gz`` and never ``*.part``.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PART = ".part"
GZ = ".gz"


class PartFile:
    """Append-only binary file whose every ``write`` is one system call, so lines never interleave."""

    def __init__(self, path: Path, fsync: bool) -> None:
        self.path = path
        self.fsync = fsync
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        # Held until the feed is finalized: a later run must not "recover" a file still being written.
        fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        # Leftovers of a crashed run under the same name (only `-O` feeds reuse names) are not this run's.
        with contextlib.suppress(OSError):  # character devices cannot be truncated
            os.ftruncate(self.fd, 0)
        self.size = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        """Append ``data`` whole, or raise with the file as it was (a full disk must not tear a line)."""
        view = memoryview(data)
        try:
            while view:
                view = view[os.write(self.fd, view) :]
            if self.fsync:
                os.fsync(self.fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self.fd, self.size)
            raise
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        os.fsync(self.fd)

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
            self.closed = True


def unused_stem(path: Path) -> Path:
    """``path`` (a ``.jsonl`` name) or ``-2``, ``-3``… variants: no final, gzip or part file may exist yet."""
    stem, n = path, 1
    while any(Path(str(stem) + ext).exists() for ext in ("", GZ, PART)):
        n += 1
        stem = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return stem


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def finalize(part: Path, compress: bool) -> Path:
    """Publish a complete ``.part`` file under its final name, atomically (rename after fsync); an
    existing file of that name is replaced (only an ``overwrite`` feed reuses a name)."""
    target = Path(str(part)[: -len(PART)])
    if compress:
        target = Path(str(target) + GZ)
        tmp = Path(str(target) + ".tmp")
        with part.open("rb") as src, tmp.open("wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                shutil.copyfileobj(src, gz)
            raw.flush()
            os.fsync(raw.fileno())
        tmp.replace(target)
    else:
        part.replace(target)
    _fsync_dir(target.parent)
    part.unlink(missing_ok=True)
    return target


@dataclass
class Recovered:
    """What the next run found of a crashed run's feed: complete rows, and how much tail it cut."""

    path: Path
    rows: list[dict[str, Any]] = field(default_factory=list)
    cut_bytes: int = 0


def _complete_rows(data: bytes) -> tuple[int, list[dict[str, Any]]]:
    """Length of the prefix made of whole, parseable lines, and those lines' rows."""
    rows: list[dict[str, Any]] = []
    good = 0
    for line in data.splitlines(keepends=True):
        if not line.endswith(b"\n"):
            break
        try:
            rows.append(json.loads(line))
        except ValueError:
            break  # a torn write: nothing after it can be trusted either
        good += len(line)
    return good, rows


def repair(part: Path) -> Recovered | None:
    """Cut a torn tail off an abandoned ``.part`` file; None if another process still holds it."""
    fd = os.open(part, os.O_RDWR)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        data = part.read_bytes()
        good, rows = _complete_rows(data)
        if good < len(data):
            os.ftruncate(fd, good)
            os.fsync(fd)
        return Recovered(part, rows, len(data) - good)
    finally:
        os.close(fd)  # releases the lock


def abandoned_parts(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(root.rglob("*" + PART))


def recover(root: Path, compress: bool) -> list[Recovered]:
    """Repair and publish every abandoned ``.part`` feed below ``root`` (a crashed run's output)."""
    found = []
    for part in abandoned_parts(root):
        recovered = repair(part)
        if recovered is None:
            continue
        final = Path(str(part)[: -len(PART)])
        if final.exists() or Path(str(final) + GZ).exists():
            part.unlink()  # the crash came after publishing, before the cleanup
        elif recovered.rows:
            recovered.path = finalize(part, compress)
        else:
            part.unlink()
        with contextlib.suppress(FileNotFoundError):
            Path(str(final) + GZ + ".tmp").unlink()
        found.append(recovered)
    return found
