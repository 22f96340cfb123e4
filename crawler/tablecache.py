"""Derived lookup tables kept between processes (marshal files in a cache directory). No Scrapy imports.

Parsing the big third-party tables (jieba's dictionary and IDF weights, pypinyin's readings) costs most
of a process's start-up; every crawl and CLI run after the first loads them in a fraction of that.
"""

from __future__ import annotations

import logging
import marshal
import os
import re
import stat
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
_reported: set[str] = set()  # cache problems already logged by this process (one line each, not per table)


def _note(problem: str) -> None:
    """An unusable cache costs each process its rebuild (about a second), nothing else: logged once at INFO,
    never as a WARNING that would fail a crawl's monitors."""
    if problem not in _reported:
        _reported.add(problem)
        logger.info("%s: lookup tables are rebuilt in every process", problem)


def _private(path: Path) -> bool:
    """Only this user can put files in ``path``: its owner, and not writable by group or others. A cache
    someone else can write to could hand every crawl a planted table."""
    info = path.stat()
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def cache_dir(report: bool = True) -> Path | None:
    """$DEVZONE_CACHE_DIR, else ``devzone-news`` in $XDG_CACHE_HOME or ``~/.cache``: a per-user place, never a
    shared temp dir. None when no private, writable directory is to be had (the tables are then built in each
    process). ``report=False`` keeps quiet about it: for a caller that runs at import, before logging is set
    up, where the one line a process reports would be lost."""
    try:
        base = os.environ.get("XDG_CACHE_HOME", "")
        home = Path(base) if os.path.isabs(base) else Path.home() / ".cache"  # XDG: a relative value is ignored
        path = Path(os.environ.get(CACHE_ENV) or home / "devzone-news")
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path):
            if report:
                _note(f"table cache {path} is writable by other users, so it is not used")
            return None
    except (OSError, RuntimeError, KeyError) as exc:  # no home directory, a file in the way, a read-only disk
        if report:
            _note(f"no table cache directory ({exc})")
        return None
    return path


def cached_table(name: str, source: Path, build: Callable[[], Any], key: str = "") -> Any:
    """``build()``'s result, kept as a marshal file and rebuilt when ``source`` (its input) or ``key`` (any
    other input: a digest of added words, a constant of the build) changes. A cache that cannot be read or
    written costs a rebuild per process, never a failure and never a warning."""
    stat_ = source.stat()
    stamp = f"{stat_.st_size}-{stat_.st_mtime_ns}" + (f"-{key}" if key else "")
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{stamp}.marshal"
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
        _note(f"table cache {directory} cannot be written ({exc.strerror})")
        return value
    _remove_unused(name, path)
    return value


def _remove_unused(name: str, current: Path) -> None:
    """When a new version of a table is written, drop the other versions no process has loaded for
    UNUSED_FOR (each reinstall changes the source's mtime, and so the file name: without this the cache
    grows by ~10 MB a reinstall)."""
    version = re.compile(rf"{re.escape(name)}-\d+-\d+(?:-[\w-]+)?\.marshal")
    cutoff = time.time() - UNUSED_FOR
    for path in current.parent.glob(f"{name}-*.marshal"):
        if path != current and version.fullmatch(path.name):
            with suppress(OSError):  # gone already, or another user's file in a shared cache
                if path.stat().st_mtime < cutoff:
                    path.unlink()
