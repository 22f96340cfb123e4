"""SimHash over article bodies: reposts land within MAX_DISTANCE bits, unrelated stories far apart."""

from __future__ import annotations

import itertools
import random

from hypothesis import given
from hypothesis import strategies as st

from crawler.dedup.simhash import BITS, MAX_DISTANCE, bands, fingerprintable, hamming, simhash
from tests.ops.site import story


def body(seed: int) -> str:
    return "\n".join(story(seed))


def test_repost_with_other_byline_and_punctuation_is_near() -> None:
    original = body(1)
    repost = "来源：湖北日报\n" + original.replace("，", ",").replace("。", ".") + "\n（责任编辑：王芳 审核：李强）"
    assert hamming(simhash(original), simhash(repost)) <= MAX_DISTANCE


def test_unrelated_stories_are_far_apart() -> None:
    hashes = [simhash(body(seed)) for seed in range(12)]
    closest = min(hamming(a, b) for a, b in itertools.combinations(hashes, 2))
    assert closest > 2 * MAX_DISTANCE


def test_same_text_same_hash_and_whitespace_does_not_count() -> None:
    text = body(3)
    assert simhash(text) == simhash("  ".join(text.split("\n")))


@given(st.integers(0, (1 << BITS) - 1), st.sets(st.integers(0, BITS - 1), max_size=MAX_DISTANCE))
def test_a_band_matches_whenever_the_distance_is_small(value: int, flips: set[int]) -> None:
    other = value
    for bit in flips:
        other ^= 1 << bit
    assert set(bands(value)) & set(bands(other))


def test_short_texts_are_not_fingerprinted() -> None:
    assert not fingerprintable("图片新闻：园区夜景。")
    assert fingerprintable(body(2))
    rng = random.Random(0)
    assert 0 <= simhash("".join(rng.choice("经开区高新区") for _ in range(80))) < 1 << BITS
