"""The Redis StateStore backend against a real server: articles, SimHash reposts, namespaces, reset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crawler.dedup.simhash import bands
from crawler.state import ArticleState, HostCooloff, StateStore
from crawler.state.redis_store import RedisStateStore, from_settings

pytestmark = pytest.mark.redis

BASE = 0x0123_4567_89AB_CDEF


def flip(value: int, *bits: int) -> int:
    for bit in bits:
        value ^= 1 << bit
    return value


@pytest.fixture
def store(redis_url: str) -> Iterator[RedisStateStore]:
    store = RedisStateStore.from_url(redis_url, "tianmen")
    yield store
    store.close()


def test_it_is_a_state_store(store: RedisStateStore) -> None:
    typed: StateStore = store
    assert typed.get_article("missing") is None


def test_articles_round_trip_and_overwrite(store: RedisStateStore) -> None:
    first = ArticleState("id1", "hash1", "2025-03-01", "2025-03-02T08:00:00+08:00")
    store.put_article("www.x.gov.cn/a/t1.html", first)
    assert store.get_article("www.x.gov.cn/a/t1.html") == first
    updated = ArticleState("id1", "hash2", None, "2025-03-05T08:00:00+08:00")
    store.put_article("www.x.gov.cn/a/t1.html", updated)
    assert store.get_article("www.x.gov.cn/a/t1.html") == updated


def test_bands_split_a_hash_into_four_16_bit_parts() -> None:
    assert bands(BASE) == [(0, 0xCDEF), (1, 0x89AB), (2, 0x4567), (3, 0x0123)]


def test_repost_found_within_three_bits_even_when_every_band_differs_but_one(store: RedisStateStore) -> None:
    store.add_simhash(BASE, "original")
    # three flipped bits in three different bands: only band 3 still matches
    assert store.find_repost(flip(BASE, 1, 17, 33), 3) == "original"
    assert store.find_repost(flip(BASE, 1, 17, 33, 49), 3) is None  # 4 bits: too far
    assert store.find_repost(flip(BASE, 1, 2), 1) is None  # distance honours max_distance


def test_earliest_added_article_wins(store: RedisStateStore) -> None:
    store.add_simhash(flip(BASE, 5), "first")
    store.add_simhash(BASE, "second")
    assert store.find_repost(BASE, 3) == "first"


def test_an_article_keeps_its_first_fingerprint(store: RedisStateStore) -> None:
    store.add_simhash(BASE, "a1")
    store.add_simhash(~BASE & (2**64 - 1), "a1")  # re-crawled with different text: ignored
    assert store.find_repost(BASE, 0) == "a1"
    assert store.find_repost(~BASE & (2**64 - 1), 3) is None


def test_distances_beyond_the_band_guarantee_are_refused(store: RedisStateStore) -> None:
    with pytest.raises(ValueError, match="up to 3 bits"):
        store.find_repost(BASE, 4)


def test_factory_reads_the_distributed_settings(redis_url: str) -> None:
    store = from_settings({"REDIS_URL": redis_url, "DISTRIBUTED_KEY_PREFIX": "fleet7"}, "tianmen")
    store.put_article("k", ArticleState("id1", "h", None, "2025-03-02T08:00:00+08:00"))
    assert store.client.hexists("fleet7:state:tianmen:articles", "k")
    store.close()


def test_namespaces_are_separate_and_reset_forgets_only_its_own(redis_url: str, store: RedisStateStore) -> None:
    other = RedisStateStore.from_url(redis_url, "global")
    state = ArticleState("id1", "h", None, "2025-03-02T08:00:00+08:00")
    store.put_article("k", state)
    store.add_simhash(BASE, "mine")
    other.add_simhash(BASE, "theirs")
    assert other.get_article("k") is None
    store.reset()
    assert store.get_article("k") is None and store.find_repost(BASE, 0) is None
    assert other.find_repost(BASE, 0) == "theirs"
    other.close()


def test_cooloffs_are_shared_by_portals_and_survive_reset(redis_url: str, store: RedisStateStore) -> None:
    cooloff = HostCooloff("www.x.gov.cn", "ruishu", 2, "2025-03-02T08:00:00+00:00", "2025-03-01T08:00:00+00:00")
    store.put_cooloff(cooloff)
    store.put_blocked_runs(2)
    other = RedisStateStore.from_url(redis_url, "ezhou")
    assert other.get_cooloff("www.x.gov.cn") == cooloff and other.get_blocked_runs() == 0
    store.reset()  # a full re-crawl does not make a challenging host friendlier
    assert store.get_cooloff("www.x.gov.cn") == cooloff and store.get_blocked_runs() == 2
    other.clear_cooloff("www.x.gov.cn")
    assert store.get_cooloff("www.x.gov.cn") is None
    other.close()
