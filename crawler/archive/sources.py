"""What a list of archive paths holds, in archive order: WARC files and saved-page cases. No Scrapy imports.

A path may be a WARC file (``.warc.gz`` or ``.warc``), a directory (searched recursively for WARC files and
for saved pages in the fixtures layout, ``<case>/info.json`` beside the body), or a single ``info.json``.
Archive order is: WARC files in the order they were started (the date of their first record, then path:
the rotated files of one run follow each other), records in file order; saved pages by path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

WARC_SUFFIXES = (".warc.gz", ".warc")


def is_warc(path: Path) -> bool:
    return path.name.endswith(WARC_SUFFIXES)


def started(path: Path) -> str:
    """WARC-Date of the file's first record ('' when it has none: an empty or damaged file sorts first)."""
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                return record.rec_headers.get_header("WARC-Date") or ""
    except Exception:  # a damaged head: the file is still listed, and reading it reports the damage
        return ""
    return ""


@dataclass
class Sources:
    warcs: list[Path] = field(default_factory=list)
    saved: list[Path] = field(default_factory=list)  # info.json paths


def find_sources(paths: list[Path]) -> Sources:
    """Raises FileNotFoundError for a path that does not exist (a typo must not give an empty run)."""
    warcs: set[Path] = set()
    saved: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"no such archive or directory: {path}")
        if path.is_dir():
            warcs.update(p for p in path.rglob("*.warc*") if is_warc(p) and p.is_file())
            saved.update(path.rglob("info.json"))
        elif is_warc(path):
            warcs.add(path)
        elif path.name == "info.json":
            saved.add(path)
        else:
            raise ValueError(f"{path}: not a WARC file (.warc.gz, .warc), a saved page's info.json or a directory")
    return Sources(
        warcs=sorted(warcs, key=lambda p: (started(p), str(p))),
        saved=sorted(saved),
    )
