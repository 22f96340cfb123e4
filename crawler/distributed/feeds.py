"""Per-worker feed files: the worker id is added to local feed paths, so two workers on one host never
write the same file. The files are the project's crash-safe ``.part`` feeds (crawler/feeds.py): one
write(2) and fsync per line, and the shared incremental state records an article only once its line is
durably in a worker's feed file, as on a single machine.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

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
