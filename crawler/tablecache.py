"""Derived lookup tables kept between processes (marshal files in a cache directory). No Scrapy imports.

Parsing the big third-party tables (jieba's dictionary and IDF weights, pypinyin's readings) costs most
of a process's start-up; every crawl and CLI run after the first loads them in a fraction of that.
"""

from __future__ import annotations

import marshal
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "DEVZONE_CACHE_DIR"


def cache_dir() -> Path:
    """$DEVZONE_CACHE_DIR, else ``devzone-news`` in the system temp dir."""
    path = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "devzone-news")
    path.mkdir(parents=True, exist_ok=True)
    return path


def cached_table(name: str, source: Path, build: Callable[[], Any], key: str = "") -> Any:
    """``build()``'s result, kept as a marshal file and rebuilt when ``source`` (its input) or ``key`` (any
    other input, e.g. a digest of added words) changes. Older versions of the same table are removed."""
    stat = source.stat()
    stamp = f"{stat.st_size}-{stat.st_mtime_ns}" + (f"-{key}" if key else "")
    path = cache_dir() / f"{name}-{stamp}.marshal"
    try:
        # One read, then loads(): marshal.load() on a file object reads each string through a Python-level
        # readinto() call, 4x slower on a 350k-word table.
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(marshal.dumps(value))
    os.replace(tmp, path)  # atomic: concurrent processes never read a half-written table
    _remove_older(name, path)
    return value


def _remove_older(name: str, current: Path) -> None:
    """Drop the files of earlier versions of a table (a reinstall changes the source's mtime each time)."""
    version = re.compile(rf"{re.escape(name)}-\d+-\d+(?:-[\w]+)?\.marshal")
    for path in current.parent.glob(f"{name}-*.marshal"):
        if path != current and version.fullmatch(path.name):
            path.unlink(missing_ok=True)
