"""A state backend in memory, for runs whose state is thrown away at the end (``scrapy reprocess``).

The repost index answers as the SQLite store does (the first fingerprint of an article is the one reposts
are measured against; candidates in the order they were added), with no file and no fsync per article:
the reactor thread of a run on every core must not wait for the disk. Emitted articles are not
remembered at all: nothing in such a run asks (incremental skipping is off), and remembering would make
its memory grow with the archive.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from crawler.dedup.simhash import BANDS, bands, nearest
from crawler.state import ArticleState


class MemoryStore:
    def __init__(self) -> None:
        self.fingerprints: list[tuple[int, str]] = []
        self.fingerprinted: set[str] = set()
        self.band_index: defaultdict[tuple[int, int], list[int]] = defaultdict(list)

    def get_article(self, url_key: str) -> ArticleState | None:
        return None

    def put_article(self, url_key: str, state: ArticleState) -> None:
        pass

    def find_repost(self, simhash: int, max_distance: int) -> str | None:
        if max_distance >= BANDS:
            raise ValueError(f"the band index finds distances up to {BANDS - 1} bits, not {max_distance}")
        seqs = sorted({seq for band in bands(simhash) for seq in self.band_index.get(band, ())})
        return nearest(simhash, (self.fingerprints[seq] for seq in seqs), max_distance)

    def add_simhash(self, simhash: int, article_id: str) -> None:
        if article_id in self.fingerprinted:
            return
        self.fingerprinted.add(article_id)
        self.fingerprints.append((simhash, article_id))
        for band in bands(simhash):
            self.band_index[band].append(len(self.fingerprints) - 1)

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]

    def close(self) -> None:
        pass


def from_settings(settings: Any, namespace: str) -> MemoryStore:
    return MemoryStore()
