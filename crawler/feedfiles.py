"""Crash-safe feed files. No Scrapy imports.

A feed is written to ``<name>.jsonl.part``, one ``os.write`` (and optionally one fsync) per line, under an
exclusive ``flock``; when the run ends it is renamed (or gzip-compressed) to ``<name>.jsonl[.gz]``. So a
file with the final name is always whole, and a machine that dies mid-run leaves only a ``.part`` file,
which the next run of the same spider repairs and finalizes: every line that parses is kept, a torn last
line is cut, and damaged lines (a flipped byte, a block of NULs) are set aside in ``<name>.jsonl.quarantine``.
Loaders must read ``*.jsonl`` / ``*.jsonl.gz`` and never ``*.part`` or ``*.quarantine``.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.atomicfile import fsync_path, write_atomic

PART = ".part"
GZ = ".gz"
QUARANTINE = ".quarantine"
RowCheck = Callable[[dict[str, Any]], bool]


class PartFile:
    """Append-only binary file whose every ``write`` is one system call, so lines never interleave."""

    def __init__(self, path: Path, fsync: bool) -> None:
        self.path = path
        self.fsync = fsync
        if path.is_char_device():  # /dev/full in tests, /dev/stdout: written in place
            self.fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        else:
            # Created under a private name and locked before it gets its .part name: another process
            # recovering this directory must never find it unlocked, take it for a crashed run's empty
            # feed and delete it under the writer. (Only `-O` feeds reuse a name; a crashed run's leftover
            # under it is replaced.)
            fresh = path.with_name(f".{path.name}.{os.getpid()}.new")
            self.fd = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND, 0o644)
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held until the feed is finalized
            fresh.replace(path)
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


def finalize(part: Path, compress: bool, data: bytes | None = None) -> Path:
    """Publish a complete ``.part`` file under its final name, atomically (rename after fsync); an
    existing file of that name is replaced (only an ``overwrite`` feed reuses a name). With ``data``,
    those bytes are published instead of the file's (what recovery kept of a damaged file)."""
    target = Path(str(part)[: -len(PART)])
    if compress or data is not None:
        target = Path(str(target) + GZ) if compress else target
        tmp = Path(str(target) + ".tmp")
        with tmp.open("wb") as raw:
            out: Any = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) if compress else raw
            if data is None:
                with part.open("rb") as src:
                    shutil.copyfileobj(src, out)
            else:
                out.write(data)
            if compress:
                out.close()
            raw.flush()
            os.fsync(raw.fileno())
        tmp.replace(target)
    else:
        part.replace(target)
    fsync_path(target.parent)
    part.unlink(missing_ok=True)
    return target


@dataclass
class Recovered:
    """What the next run found of a crashed run's feed: the rows it kept (and their bytes), the damaged
    lines it set aside, and how much torn tail it cut."""

    path: Path  # the .part file, then the published file
    rows: list[dict[str, Any]] = field(default_factory=list)
    cut_bytes: int = 0
    damaged: list[bytes] = field(default_factory=list)
    kept: bytes = b""
    quarantine: Path | None = None
    part: Path = field(default_factory=Path)


def parse_row(line: bytes) -> dict[str, Any] | None:
    """A feed line's row, or None when the line is damaged: not strict UTF-8, not JSON, not an object."""
    try:
        row = json.loads(line.decode("utf-8"))
    except ValueError:  # UnicodeDecodeError and JSONDecodeError alike
        return None
    return row if isinstance(row, dict) else None


def scan(data: bytes, valid: RowCheck) -> Recovered:
    """Sort a feed file's bytes into good rows and damaged lines (``path`` is left for the caller).

    Each line stands on its own: one damaged line (a flipped byte, a block of NULs, invalid UTF-8) costs
    that line only. A last line without its newline is a torn write and is cut.
    """
    lines = data.split(b"\n")
    found = Recovered(Path(), cut_bytes=len(lines.pop()))  # the tail is empty when data ends with "\n"
    kept = []
    for line in lines:
        row = parse_row(line)
        if row is not None and valid(row):
            found.rows.append(row)
            kept.append(line + b"\n")
        elif line:  # blank and NUL-only lines too: a block the disk zeroed, kept for inspection
            found.damaged.append(line)
    found.kept = b"".join(kept)
    return found


def quarantine_path(final: Path) -> Path:
    """Where damaged lines of ``final`` are kept for inspection; loaders read ``*.jsonl[.gz]`` only."""
    return Path(str(final) + QUARANTINE)


def repair(part: Path, valid: RowCheck = lambda row: True) -> Recovered | None:
    """Read an abandoned ``.part`` file: its good rows and its damaged lines; None if another process
    still holds it. The file itself is not changed (``recover`` publishes what was kept)."""
    fd = os.open(part, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        found = scan(part.read_bytes(), valid)
        found.path = found.part = part
        return found
    finally:
        os.close(fd)  # releases the lock


def published_feeds(root: Path) -> Iterator[Path]:
    """Published feed files below ``root`` (what a warehouse loads), oldest first."""
    if root.is_dir():
        found = [p for p in root.rglob("*.jsonl*") if p.name.endswith((".jsonl", ".jsonl" + GZ))]
        yield from sorted(found, key=lambda p: p.stat().st_mtime)


def read_feed(path: Path) -> Iterator[dict[str, Any]]:
    """The rows of a published feed file (gzip or not); a line that does not parse is skipped."""
    data = gzip.decompress(path.read_bytes()) if path.name.endswith(GZ) else path.read_bytes()
    for line in data.splitlines():
        if (row := parse_row(line)) is not None:
            yield row


def abandoned_parts(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(root.rglob("*" + PART))


def recover(root: Path, compress: bool, valid: RowCheck = lambda row: True) -> list[Recovered]:
    """Publish every abandoned ``.part`` feed below ``root`` (a crashed run's output) with every line that
    parses; damaged lines go to ``<final>.quarantine``; ``valid`` may refuse a row that parses but is
    damaged (its body does not match its hash). Each step is repeatable: the ``.part`` file is removed
    last, so a crash during recovery only means the next run recovers it again."""
    found = []
    for part in abandoned_parts(root):
        recovered = repair(part, valid)
        if recovered is None:
            continue
        final = Path(str(part)[: -len(PART)])
        if recovered.damaged:
            recovered.quarantine = quarantine_path(final)
            write_atomic(recovered.quarantine, b"".join(line + b"\n" for line in recovered.damaged))
        if final.exists() or Path(str(final) + GZ).exists():
            part.unlink()  # the crash came after publishing, before the cleanup
        elif recovered.rows:
            whole = not recovered.damaged and not recovered.cut_bytes
            recovered.path = finalize(part, compress, None if whole else recovered.kept)
        else:
            part.unlink()
        with contextlib.suppress(FileNotFoundError):
            Path(str(final) + GZ + ".tmp").unlink()
        found.append(recovered)
    return found
