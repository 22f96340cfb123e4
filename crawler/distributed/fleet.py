"""The fleet's shared bookkeeping in Redis: who is alive, what each worker holds, is the crawl done.

scrapy-redis pops a request out of the shared queue and forgets it; if that worker is killed the
request is gone, and because it is in the dupefilter nobody will schedule it again. Here a pop moves
the request into the worker's in-flight ledger in the same atomic step (a Lua script), the worker
removes it once the engine is completely done with it, and when a worker stops heartbeating any
survivor moves its ledger back into the queue (atomically, so exactly one survivor does). No Scrapy
imports: the Scrapy side (scheduler.py) passes in what its engine is busy with.
"""

from __future__ import annotations

from typing import Any

from crawler.distributed.keys import RunKeys

# KEYS: dupefilter, queue; ARGV: fingerprint ("" = don't filter), score, request. Seen-check and push in
# one step: a worker killed between the two would leave a request marked seen but never queued.
_ENQUEUE = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""

# KEYS: queue, ledger. Pop the best-scored request and record it in the ledger with its score.
_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
redis.call('HSET', KEYS[2], r[1], r[2])
return r[1]
"""

# KEYS: dead ledger, queue, workers, busy; ARGV: dead worker id. Put its requests back, forget it.
_RECLAIM = """
local held = redis.call('HGETALL', KEYS[1])
for i = 1, #held, 2 do redis.call('ZADD', KEYS[2], held[i + 1], held[i]) end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
return #held / 2
"""


class Fleet:
    """One worker's view of the run: its heartbeat, its ledger, and the fleet-wide idle test."""

    def __init__(self, server: Any, keys: RunKeys, worker: str, *, stale_after: float, ttl: int) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.stale_after = stale_after
        self.ttl = ttl
        self.ledger = keys.inflight(worker)
        self._enqueue = server.register_script(_ENQUEUE)
        self._pop = server.register_script(_POP)
        self._reclaim = server.register_script(_RECLAIM)

    def now(self) -> float:
        """Redis server time: heartbeats from hosts with skewed clocks stay comparable."""
        seconds, micros = self.server.time()
        return seconds + micros / 1e6

    def claim_seed(self) -> bool:
        """True for exactly one worker per run: the one that enqueues the start URLs."""
        return bool(self.server.set(self.keys.seeded, self.worker, nx=True, ex=self.ttl))

    def enqueue(self, fingerprint: str | None, score: float, encoded: bytes) -> bool:
        """Queue a request unless its fingerprint was seen in this run (``None``: never filtered)."""
        keys = [self.keys.dupefilter, self.keys.requests]
        return bool(self._enqueue(keys=keys, args=[fingerprint or "", score, encoded]))

    def pop(self) -> bytes | None:
        """Next encoded request from the shared queue, recorded in this worker's ledger."""
        return self._pop(keys=[self.keys.requests, self.ledger]) or None

    def done(self, encoded: list[bytes]) -> None:
        if encoded:
            self.server.hdel(self.ledger, *encoded)

    def beat(self, busy: bool) -> None:
        """Say "alive" (and whether the engine has work); keep the run's keys from expiring early."""
        pipe = self.server.pipeline()
        pipe.zadd(self.keys.workers, {self.worker: self.now()})
        if busy:
            pipe.sadd(self.keys.busy, self.worker)
        else:
            pipe.srem(self.keys.busy, self.worker)
        for key in (*self.keys.shared(), self.ledger):
            pipe.expire(key, self.ttl)
        pipe.execute()

    def requeue_own(self) -> int:
        """Put everything this worker still holds back into the queue (a shutdown before finishing)."""
        keys = [self.ledger, self.keys.requests, self.keys.workers, self.keys.busy]
        return int(self._reclaim(keys=keys, args=[self.worker]))

    def add_stats(self, stats: dict[str, Any]) -> None:
        """Add this worker's numeric stats into the run's totals (a hash), for fleet-wide checks."""
        numbers = {k: v for k, v in stats.items() if isinstance(v, int | float) and not isinstance(v, bool)}
        if numbers:
            pipe = self.server.pipeline()
            for name, value in numbers.items():
                pipe.hincrbyfloat(self.keys.stats, name, value)
            pipe.expire(self.keys.stats, self.ttl)
            pipe.execute()

    def leave(self) -> None:
        """A clean exit: nothing is held any more, so nothing needs reclaiming."""
        pipe = self.server.pipeline()
        pipe.zrem(self.keys.workers, self.worker)
        pipe.srem(self.keys.busy, self.worker)
        pipe.delete(self.ledger)
        pipe.execute()

    def reclaim_dead(self) -> dict[str, int]:
        """Re-queue the ledgers of workers silent for ``stale_after`` seconds; {worker: requests}."""
        dead = self.server.zrangebyscore(self.keys.workers, "-inf", self.now() - self.stale_after)
        moved: dict[str, int] = {}
        for raw in dead:
            worker = raw.decode() if isinstance(raw, bytes) else raw
            if worker == self.worker:
                continue
            moved[worker] = int(
                self._reclaim(
                    keys=[self.keys.inflight(worker), self.keys.requests, self.keys.workers, self.keys.busy],
                    args=[worker],
                )
            )
        return moved

    def is_idle(self) -> bool:
        """The whole run is out of work: empty queue, no other worker busy, no ledger holding anything."""
        pipe = self.server.pipeline()
        pipe.zcard(self.keys.requests)
        pipe.smembers(self.keys.busy)
        pipe.zrange(self.keys.workers, 0, -1)
        queued, busy, workers = pipe.execute()
        others_busy = {w.decode() if isinstance(w, bytes) else w for w in busy} - {self.worker}
        if queued or others_busy:
            return False
        names = [w.decode() if isinstance(w, bytes) else w for w in workers]
        return not any(self.server.exists(self.keys.inflight(w)) for w in {*names, self.worker})
