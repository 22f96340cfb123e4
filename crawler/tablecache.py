"""Derived lookup tables kept between processes (marshal files in a cache directory). No Scrapy imports.

Parsing the big third-party tables (jieba's dictionary and IDF weights, pypinyin's readings) costs most
of a process's start-up; every crawl and CLI run after the first loads them in a fraction of that.
"""

from __future__ import annotations

import marshal
import os
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


def cached_table(name: str, source: Path, build: Callable[[], Any]) -> Any:
    """``build()``'s result, kept as a marshal file and rebuilt when ``source`` (its input) changes."""
    stat = source.stat()
    path = cache_dir() / f"{name}-{stat.st_size}-{stat.st_mtime_ns}.marshal"
    try:
        with path.open("rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        marshal.dump(value, fh)
    os.replace(tmp, path)  # atomic: concurrent processes never read a half-written table
    return value
