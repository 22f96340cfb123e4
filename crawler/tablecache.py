"""Derived lookup tables kept between processes (marshal files in a cache directory). No Scrapy imports.

Parsing the big third-party tables (jieba's dictionary and IDF weights, pypinyin's readings) costs most
of a process's start-up; every crawl and CLI run after the first loads them in a fraction of that.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from crawler.atomicfile import write_atomic

CACHE_ENV = "DEVZONE_CACHE_DIR"
logger = logging.getLogger(__name__)
# Another version of a table is removed once no process has loaded it for this long: two checkouts sharing
# the cache (a deployment and a CI clone) keep their own versions instead of evicting each other's.
UNUSED_FOR = 7 * 24 * 3600


def cache_dir() -> Path:
    """$DEVZONE_CACHE_DIR, else ``devzone-news`` in the system temp dir."""
    path = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "devzone-news")
    with suppress(OSError):  # an unusable cache only means rebuilding (see cached_table)
        path.mkdir(parents=True, exist_ok=True)
    return path


def cached_table(name: str, source: Path, build: Callable[[], Any], key: str = "") -> Any:
    """``build()``'s result, kept as a marshal file and rebuilt when ``source`` (its input) or ``key`` (any
    other input: a digest of added words, a constant of the build) changes. A cache that cannot be written
    costs a rebuild per process, never a failure."""
    stat = source.stat()
    stamp = f"{stat.st_size}-{stat.st_mtime_ns}" + (f"-{key}" if key else "")
    path = cache_dir() / f"{name}-{stamp}.marshal"
    try:
        # One read, then loads(): marshal.load() on a file object reads each string through a Python-level
        # readinto() call, 4x slower on a 350k-word table.
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    else:
        with suppress(OSError):  # a read-only cache still serves
            os.utime(path)  # marks this version as in use (see _remove_unused)
        return value
    value = build()
    try:
        write_atomic(path, marshal.dumps(value))
    except OSError as exc:
        logger.warning("table cache %s not written (%s): the table is rebuilt in every process", path, exc)
        return value
    _remove_unused(name, path)
    return value


def _remove_unused(name: str, current: Path) -> None:
    """When a new version of a table is written, drop the other versions no process has loaded for
    UNUSED_FOR (each reinstall changes the source's mtime, and so the file name: without this the cache
    grows by ~10 MB a reinstall)."""
    version = re.compile(rf"{re.escape(name)}-\d+-\d+(?:-\w+)?\.marshal")
    cutoff = time.time() - UNUSED_FOR
    for path in current.parent.glob(f"{name}-*.marshal"):
        if path != current and version.fullmatch(path.name):
            with suppress(OSError):  # gone already, or another user's file in a shared cache
                if path.stat().st_mtime < cutoff:
                    path.unlink()
