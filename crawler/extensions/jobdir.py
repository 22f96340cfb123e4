"""A damaged JOBDIR is set aside at start, instead of killing this run and every later one.

Scrapy rewrites ``requests.queue/active.json`` (and the disk queues' ``info.json``, and ``spider.state``) in
place when a job stops; a kill -9 or a power cut at that moment leaves a 0-byte or half-written file, and
every later start dies reading it. This extension reads the JOBDIR the way Scrapy will, before the
scheduler opens it: the priority state, every disk queue (each request record deserialised, on a copy) and
the spider state. A damaged JOBDIR is renamed ``<JOBDIR>.damaged-<time>`` (kept for inspection) with a
WARNING; the run then starts from the portal's start URLs, and the incremental state (what was emitted,
which the JOBDIR never held) keeps it from emitting anything twice or losing anything: every article not
yet emitted is found again on the list pages.
"""

from __future__ import annotations

import json
import logging
import marshal
import pickle
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from queuelib.queue import FifoDiskQueue, LifoDiskQueue
from scrapy import signals

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
QUEUE_DIR = "requests.queue"
SQLITE_MAGIC = b"SQLite format 3\x00"


def _request(record: bytes) -> None:
    """Raise unless ``record`` is a serialised request (pickle by default, marshal if configured)."""
    for loads in (pickle.loads, marshal.loads):
        try:
            if isinstance(loads(record), dict):  # Scrapy unpickles these same bytes on resume
                return
        except Exception:  # any failure to load is damage; try the other format
            continue
    raise ValueError("a queued request record does not load")


def _drain(queue: Any) -> None:
    try:
        for _ in range(len(queue)):
            record = queue.pop()
            if record is None:
                raise ValueError("the queue holds fewer records than it says")
            _request(record)
    finally:
        queue.close()


def _check_queue(path: Path, scratch: Path) -> None:
    """Read every record of one disk queue, on a copy (popping rewrites the files)."""
    copy = scratch / f"q{len(list(scratch.iterdir()))}"
    if path.is_dir():
        shutil.copytree(path, copy)
        info = json.loads((copy / "info.json").read_text())
        if not {"chunksize", "size", "head", "tail"} <= set(info):
            raise ValueError("info.json lacks queue positions")
        _drain(FifoDiskQueue(copy))
    elif path.read_bytes()[: len(SQLITE_MAGIC)] == SQLITE_MAGIC:
        db = sqlite3.connect(path)
        try:
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise ValueError("the SQLite queue fails its integrity check")
            for (record,) in db.execute("SELECT item FROM queue"):
                _request(bytes(record))
        finally:
            db.close()
    else:
        shutil.copyfile(path, copy)
        _drain(LifoDiskQueue(copy))


def _queues(root: Path) -> list[Path]:
    """Every disk queue below ``requests.queue``: FIFO queues are directories with an ``info.json`` (and
    their chunk files), LIFO and SQLite queues are single files."""
    fifo = {info.parent for info in root.rglob("info.json")}
    files = [
        path
        for path in root.rglob("*")
        if path.is_file() and path != root / "active.json" and not any(d in path.parents for d in fifo)
    ]
    return sorted(fifo) + sorted(files)


def _check_active(path: Path) -> None:
    if not isinstance(json.loads(path.read_text(encoding="utf-8")), list | dict):
        raise ValueError("not a list or a mapping of priorities")


def _check_spider_state(path: Path) -> None:
    pickle.loads(path.read_bytes())  # Scrapy's SpiderState unpickles the same file


def jobdir_damage(jobdir: Path) -> str | None:
    """What in ``jobdir`` Scrapy would fail to read on resume, or None."""
    root = jobdir / QUEUE_DIR
    with tempfile.TemporaryDirectory(prefix="jobdir-check-") as scratch:
        checks: list[tuple[Path, Callable[[Path], None]]] = [(root / "active.json", _check_active)]
        if root.is_dir():
            checks += [(queue, partial(_check_queue, scratch=Path(scratch))) for queue in _queues(root)]
        checks.append((jobdir / "spider.state", _check_spider_state))
        for path, check in checks:
            if not path.exists():
                continue
            try:
                check(path)
            except Exception as exc:  # whatever a reader trips on is damage
                return f"{path.relative_to(jobdir)}: {type(exc).__name__}: {exc}"
    return None


def set_aside(jobdir: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = jobdir.with_name(f"{jobdir.name}.damaged-{stamp}")
    jobdir.rename(aside)
    return aside


class JobdirGuard:
    """Checks JOBDIR when the crawler is built, before the scheduler or SpiderState read it; reports it once
    the spider opens (then the WARNING counts towards the run's monitors and the stat is kept)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.report: str | None = None
        jobdir = crawler.settings.get("JOBDIR")
        if not jobdir or not Path(jobdir).is_dir():
            return
        problem = jobdir_damage(Path(jobdir))
        if problem is None:
            return
        aside = set_aside(Path(jobdir))
        self.report = (
            f"JOBDIR {jobdir} is damaged ({problem}), probably by a kill during a write: set aside as {aside}. "
            "This run starts from the start URLs; the incremental state keeps it from emitting anything twice, "
            "and every article not emitted yet is found again."
        )
        crawler.signals.connect(self.spider_opened, signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobdirGuard:
        return cls(crawler)

    def spider_opened(self) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("jobdir/damaged", 1)
        logger.warning("%s", self.report)
