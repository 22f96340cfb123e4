"""Per-worker feed files that survive a killed worker.

Each worker writes its own files (the worker id is added to local feed paths, so two workers on one
host never append to the same file), and writes them unbuffered: every exported item is one write(2),
so a SIGKILLed worker leaves complete lines for everything it exported instead of losing a buffer.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy.extensions.feedexport import FileFeedStorage

# What the file storage handles: plain paths (Windows drive letters parse as a 1-letter scheme) and file:
_LOCAL_SCHEMES = {"", "file"}


def is_local(uri: str) -> bool:
    scheme = urlsplit(uri).scheme
    return scheme in _LOCAL_SCHEMES or len(scheme) == 1


def per_worker_uri(uri: str, worker: str) -> str:
    """``…/name-%(time)s.jsonl`` -> ``…/name-%(time)s-<worker>.jsonl`` (worker ids are path-safe)."""
    if not is_local(uri) or worker in uri:
        return uri
    path = PurePosixPath(uri)
    suffixes = "".join(path.suffixes[-2:]) if path.suffix in {".gz", ".bz2", ".xz"} else path.suffix
    stem = path.name[: len(path.name) - len(suffixes)] if suffixes else path.name
    return str(path.with_name(f"{stem}-{worker}{suffixes}"))


def per_worker_feeds(feeds: dict[str, Any], worker: str) -> dict[str, Any]:
    return {per_worker_uri(uri, worker): options for uri, options in feeds.items()}


class UnbufferedFileFeedStorage(FileFeedStorage):
    def open(self, spider: Any) -> IO[bytes]:
        Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        return Path(self.path).open(self.write_mode, buffering=0)
