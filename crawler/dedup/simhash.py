"""64-bit SimHash over a clean article body, and the band split that makes Hamming lookups indexable.

Government news is re-published verbatim by many portals, each adding its own byline, source line or
editor note. Character shingles of the body (whitespace and punctuation removed) keep the fingerprint
stable under those edits, so reposts land within a few bits of the original while unrelated articles
differ in about half of the 64 bits.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable

BITS = 64
SHINGLE = 3  # characters per feature: 2-grams collide across unrelated Chinese texts, 4-grams are brittle
# Pigeonhole: two hashes within MAX_DISTANCE bits agree exactly on at least one of MAX_DISTANCE + 1 bands.
MAX_DISTANCE = 3
BANDS = MAX_DISTANCE + 1
# Below this many significant characters a body is a caption or a notice stub; any two of them look alike.
MIN_CHARS = 60
_MASK = (1 << BITS) - 1


def significant_chars(text: str) -> str:
    """Letters and digits only (lower-cased): layout, spacing and punctuation do not make a story."""
    return "".join(ch for ch in text.lower() if unicodedata.category(ch)[0] in "LN")


def _feature_hash(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest(), "big")


def shingles(text: str, size: int = SHINGLE) -> Counter[str]:
    chars = significant_chars(text)
    if len(chars) <= size:
        return Counter([chars]) if chars else Counter()
    return Counter(chars[i : i + size] for i in range(len(chars) - size + 1))


# Bit-sliced counting: each feature hash is spread into one big integer with a LANE-bit counter per hash
# bit (8 table look-ups, one per byte), and the counters of all features are summed in one integer. This
# replaces 64 Python-level additions per feature, the cost that dominated repost dedup.
LANE = 32  # bits per counter: a body would need 2**32 shingles to overflow one
_LANE_MASK = (1 << LANE) - 1
_SPREAD = [sum(1 << (j * LANE) for j in range(8) if v >> j & 1) for v in range(256)]
_BYTE_SPREAD = [[spread << (8 * i * LANE) for spread in _SPREAD] for i in range(8)]


def simhash(text: str) -> int:
    """The 64-bit SimHash of ``text``'s character shingles, weighted by frequency: bit b is set when the
    features with bit b set outweigh those without it."""
    counters = 0
    total = 0
    for feature, count in shingles(text).items():
        h = _feature_hash(feature)
        spread = 0
        for i in range(8):
            spread += _BYTE_SPREAD[i][h >> (8 * i) & 0xFF]
        counters += spread * count
        total += count
    return sum(1 << bit for bit in range(BITS) if 2 * (counters >> (bit * LANE) & _LANE_MASK) > total)


def hamming(a: int, b: int) -> int:
    return ((a ^ b) & _MASK).bit_count()


def bands(value: int, count: int = BANDS) -> list[tuple[int, int]]:
    """(band number, band value) pairs: equal on some band is necessary for distance < ``count``."""
    width = BITS // count
    mask = (1 << width) - 1
    return [(i, (value >> (i * width)) & mask) for i in range(count)]


def nearest(value: int, candidates: Iterable[tuple[int, str]], max_distance: int = MAX_DISTANCE) -> str | None:
    """Id of the first candidate (in the given order) within ``max_distance`` bits of ``value``."""
    for other, article_id in candidates:
        if hamming(value, other) <= max_distance:
            return article_id
    return None


def fingerprintable(text: str) -> bool:
    return len(significant_chars(text)) >= MIN_CHARS


def to_signed(value: int) -> int:
    """SQLite and Redis sorted sets hold signed 64-bit integers."""
    return value - (1 << BITS) if value >= 1 << (BITS - 1) else value


def from_signed(value: int) -> int:
    return value & _MASK
