"""Redis backend of ``StateStore``: the incremental and repost memory shared by every worker.

Keys live under ``<prefix>:state:<namespace>:`` and never expire (unlike a run's queue/dupefilter):
``articles`` is a hash url_key -> ArticleState JSON; SimHashes sit in 4 bands of 16 bits, each band
value a sorted set ``sim:<band>:<value>`` of ``<simhash hex>:<article id>`` scored by insertion order.
Two hashes within 3 bits agree on at least one band (pigeonhole), so a lookup reads 4 small buckets
instead of every hash; larger distances are refused, as by the SQLite backend. No Scrapy imports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

import redis

from crawler.dedup.simhash import MAX_DISTANCE, bands
from crawler.state import ArticleState, HostCooloff


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


class RedisStateStore:
    def __init__(self, client: Any, namespace: str, prefix: str = "devzone") -> None:
        self.client = client
        self.namespace = namespace
        self.base = f"{prefix}:state:{namespace}"
        # Outside ``base``, so reset() keeps them: a host blocked for one portal is blocked for all.
        self.cooloffs = f"{prefix}:cooloffs"
        self.blocked_runs = f"{prefix}:blocked_runs"

    @classmethod
    def from_url(cls, url: str, namespace: str, prefix: str = "devzone") -> RedisStateStore:
        return cls(redis.Redis.from_url(url), namespace, prefix)

    def _key(self, *parts: str) -> str:
        return ":".join((self.base, *parts))

    def get_article(self, url_key: str) -> ArticleState | None:
        raw = self.client.hget(self._key("articles"), url_key)
        return ArticleState(**json.loads(raw)) if raw is not None else None

    def put_article(self, url_key: str, state: ArticleState) -> None:
        self.client.hset(self._key("articles"), url_key, json.dumps(asdict(state), ensure_ascii=False))

    def record_emitted(self, url_keys: Iterable[str], state: ArticleState, feeds: Iterable[str]) -> None:
        value = json.dumps(asdict(state), ensure_ascii=False)
        pipe = self.client.pipeline()  # MULTI/EXEC: the article and its feed lines are recorded together
        for key in url_keys:
            pipe.hset(self._key("articles"), key, value)
        for feed in feeds:
            pipe.hset(self._key("feed_lines"), f"{feed}\t{state.article_id}", "")
        pipe.execute()

    def unpublished_lines(self) -> dict[str, set[str]]:
        lines: dict[str, set[str]] = {}
        for field in self.client.hkeys(self._key("feed_lines")):
            feed, _, article_id = _text(field).rpartition("\t")
            lines.setdefault(feed, set()).add(article_id)
        return lines

    def forget_feed(self, feed: str) -> None:
        fields = [f for f in map(_text, self.client.hkeys(self._key("feed_lines"))) if f.rpartition("\t")[0] == feed]
        if fields:
            self.client.hdel(self._key("feed_lines"), *fields)

    def forget_article(self, article_id: str) -> None:
        keys = [
            key
            for key, raw in self.client.hscan_iter(self._key("articles"), count=1000)
            if json.loads(raw)["article_id"] == article_id
        ]
        if keys:
            self.client.hdel(self._key("articles"), *keys)

    def add_simhash(self, simhash: int, article_id: str) -> None:
        """The first fingerprint of an article is the one reposts are measured against (as in SQLite)."""
        if not self.client.hsetnx(self._key("ids"), article_id, f"{simhash:016x}"):
            return
        member = f"{simhash:016x}:{article_id}"
        order = self.client.incr(self._key("seq"))
        pipe = self.client.pipeline()
        for i, value in bands(simhash):
            pipe.zadd(self._key("sim", str(i), f"{value:04x}"), {member: order})
        pipe.execute()

    def find_repost(self, simhash: int, max_distance: int) -> str | None:
        """The earliest-added article within ``max_distance`` bits (the same answer as a full scan)."""
        if max_distance > MAX_DISTANCE:
            raise ValueError(f"the band index finds distances up to {MAX_DISTANCE} bits, not {max_distance}")
        pipe = self.client.pipeline()
        for i, value in bands(simhash):
            pipe.zrange(self._key("sim", str(i), f"{value:04x}"), 0, -1, withscores=True)
        candidates = [pair for bucket in pipe.execute() for pair in bucket]
        best: tuple[float, str] | None = None
        for member, order in candidates:
            hex_hash, _, article_id = _text(member).partition(":")
            if (int(hex_hash, 16) ^ simhash).bit_count() <= max_distance and (best is None or order < best[0]):
                best = (order, article_id)
        return best[1] if best else None

    def reset(self) -> None:
        keys = list(self.client.scan_iter(match=f"{self.base}:*", count=1000))
        for start in range(0, len(keys), 1000):
            self.client.unlink(*keys[start : start + 1000])

    def replay_since(self) -> str | None:
        return None  # the server's own persistence (RDB/AOF) and replicas are the backup

    def mark_replayed(self) -> None:
        return None

    def backup(self) -> None:
        return None

    def get_cooloff(self, host: str) -> HostCooloff | None:
        raw = self.client.hget(self.cooloffs, host)
        return HostCooloff(**json.loads(raw)) if raw is not None else None

    def put_cooloff(self, cooloff: HostCooloff) -> None:
        self.client.hset(self.cooloffs, cooloff.host, json.dumps(asdict(cooloff)))

    def clear_cooloff(self, host: str) -> None:
        self.client.hdel(self.cooloffs, host)

    def get_blocked_runs(self) -> int:
        return int(self.client.hget(self.blocked_runs, self.namespace) or 0)

    def put_blocked_runs(self, runs: int) -> None:
        self.client.hset(self.blocked_runs, self.namespace, runs)

    def close(self) -> None:
        self.client.close()


def from_settings(settings: Any, namespace: str) -> RedisStateStore:
    """STATE_BACKEND factory (see ``crawler.state.open_store``); distributed mode selects it."""
    return RedisStateStore.from_url(
        settings.get("REDIS_URL"), namespace, settings.get("DISTRIBUTED_KEY_PREFIX") or "devzone"
    )
