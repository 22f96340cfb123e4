"""jieba tokenizers whose prefix dictionaries load from the project's table cache.

jieba keeps its own cache of a dictionary's prefix table, but reads it with ``marshal.load()`` on a file
object: 0.45 s for the bundled dictionary and 0.6 s with the domain words, in every process. jieba still
builds the table (``Tokenizer.gen_pfdict``), once; ``crawler.tablecache`` then loads it in about 0.12 s.
"""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from crawler.tablecache import cached_table

_IMPORT_LOCK = threading.Lock()


def _jieba() -> Any:
    """jieba, imported without pkg_resources when nothing has loaded it yet. jieba imports it only to open
    its bundled dictionary, which the project reads by path, and falls back to ``open()`` when the import
    fails; importing pkg_resources costs ~0.09 s per process and is deprecated by setuptools. (Another
    thread importing pkg_resources during this import would fail; the crawler and the CLI are single-threaded.)"""
    with _IMPORT_LOCK:
        if "jieba" in sys.modules or "pkg_resources" in sys.modules:
            import jieba
        else:
            sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
            try:
                import jieba
            finally:
                if sys.modules.get("pkg_resources", 0) is None:
                    del sys.modules["pkg_resources"]
    return jieba


def jieba_file(name: str) -> Path:
    """A data file bundled with jieba (``dict.txt``, ``analyse/idf.txt``)."""
    return Path(_jieba().__file__).parent / name


def tokenizer(name: str, entries: Callable[[], bytes] | None = None, key: str = "") -> Any:
    """A ready ``jieba.Tokenizer`` over ``entries()`` (dictionary lines ``word freq [tag]``; jieba's bundled
    dictionary when None). ``name`` and ``key`` (a digest of what ``entries`` holds beyond the bundled
    dictionary, and of how it was made) name the cached table."""
    if entries is not None and not key:
        raise ValueError("a dictionary of its own needs a key, or a stale cached table would be reused")
    source = jieba_file("dict.txt")
    segmenter = _jieba().Tokenizer()

    def build() -> tuple[dict[str, int], int]:
        return segmenter.gen_pfdict(io.BytesIO(entries() if entries else source.read_bytes()))

    segmenter.FREQ, segmenter.total = cached_table(name, source, build, key)
    segmenter.initialized = True
    return segmenter
