"""Regular expressions kept compiled between processes. No Scrapy imports.

The project compiles about 380 patterns, many of them character classes of thousands of Han characters and
alternations of word lists: 0.15-0.2 s of every process's start-up, 40% of importing the project, and
CPython keeps compiled patterns in memory only. ``compile`` keeps what ``re``'s compiler produces for a
pattern (the regex engine's code and the group names) in one marshal file per Python build, in the table
cache (``crawler.tablecache``), and builds the pattern from it with the engine's own constructor, as
``re.compile`` does: the result is equal to ``re.compile``'s (pattern objects compare their code). Another
Python, an unreadable file or an engine that refuses the code fall back to ``re.compile``.

Module-level patterns only: a pattern built per call from page text would fill the file for nothing.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import re
import sys
from contextlib import suppress
from pathlib import Path
from typing import AnyStr

from crawler.atomicfile import write_atomic
from crawler.tablecache import cache_dir

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another implementation of the engine: plain re.compile
    _sre = None  # type: ignore[assignment]

KEPT = 4000  # patterns a cache file holds (the project's own ~400, several checkouts' versions of them)

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def _engine_compile(pattern: AnyStr, flags: int) -> tuple[re.Pattern[AnyStr], Entry]:
    """``re.compile`` step by step (CPython's ``re._compiler.compile``), keeping what it builds."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry: Entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    return _sre.compile(pattern, *entry), entry


class _Store:
    """The cache file's patterns, the ones this process added, and where they go at exit."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str | bytes, int], Entry] = {}
        self.added: dict[tuple[str | bytes, int], Entry] = {}
        self.path: Path | None = None
        self.usable = _sre is not None and getattr(_sre, "MAGIC", None) is not None
        if self.usable:
            build = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
            directory = cache_dir(report=False)  # at import: the tables report an unusable cache
            if directory is not None:
                self.path = directory / f"regex-{hashlib.sha1(build.encode()).hexdigest()[:16]}.marshal"
                self.entries = self._read()

    def _read(self) -> dict[tuple[str | bytes, int], Entry]:
        if self.path is None:
            return {}
        try:
            entries = marshal.loads(self.path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def compile(self, pattern: AnyStr, flags: int) -> re.Pattern[AnyStr]:
        key = (pattern, flags)
        entry = self.entries.get(key)
        if entry is not None:
            try:
                return _sre.compile(pattern, *entry)
            except Exception:  # a damaged or foreign entry: the engine validates the code it is given
                del self.entries[key]
        compiled, entry = _engine_compile(pattern, flags)
        if not self.added and self.path is not None:
            atexit.register(self.save)
        self.entries[key] = self.added[key] = entry
        return compiled

    def save(self) -> None:
        """Merge this process's new patterns into the file (other processes may have added theirs)."""
        if self.path is None or not self.added:
            return
        merged = self._read()
        merged.update(self.added)
        if len(merged) > KEPT:  # the oldest first (dicts keep insertion order): this process's stay
            merged = dict(list(merged.items())[-KEPT:])
        with suppress(OSError, ValueError):
            write_atomic(self.path, marshal.dumps(merged))
        self.added = {}


_STORE = _Store()


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the cache when this Python compiled it before."""
    flags = int(flags)
    if not _STORE.usable or flags & (re.LOCALE | re.DEBUG):  # LOCALE's code depends on the locale
        return re.compile(pattern, flags)
    try:
        return _STORE.compile(pattern, flags)
    except re.error:
        raise
    except Exception:  # the engine's internals changed: re.compile from here on
        _STORE.usable = False
        return re.compile(pattern, flags)
