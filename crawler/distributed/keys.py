"""Redis key names of one distributed run. No Scrapy imports.

Everything a run shares (queue, dupefilter, seed claim, worker registry, in-flight ledgers) lives under
``<prefix>:<spider>:<run id>:`` so that tomorrow's run starts from a clean queue and dupefilter while the
long-lived incremental state (crawler/state/redis_store.py, ``<prefix>:state:``) carries over.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime

from crawler import rx
from crawler.page import CHINA_TZ

_UNSAFE = rx.compile(r"[^A-Za-z0-9_.-]+")


def safe_token(text: str) -> str:
    """A key/file-name-safe form of a worker or run id (no ':' key separators, no '%' URI templates)."""
    return _UNSAFE.sub("-", text).strip("-") or "x"


def default_run_id() -> str:
    """One run per China-time day: workers started by the same day's cron join the same run."""
    return datetime.now(CHINA_TZ).strftime("%Y-%m-%d")


def default_worker_id() -> str:
    return safe_token(f"{socket.gethostname()}-{os.getpid()}")


@dataclass(frozen=True)
class RunKeys:
    prefix: str
    spider: str
    run: str

    @property
    def base(self) -> str:
        return f"{self.prefix}:{self.spider}:{self.run}"

    @property
    def requests(self) -> str:
        """Sorted set of pickled requests (scrapy-redis PriorityQueue)."""
        return f"{self.base}:requests"

    @property
    def dupefilter(self) -> str:
        """Set of request fingerprints seen by any worker in this run."""
        return f"{self.base}:dupefilter"

    @property
    def seeded(self) -> str:
        """Seed claim: SET NX by the one worker that enqueues the start URLs."""
        return f"{self.base}:seeded"

    @property
    def workers(self) -> str:
        """Sorted set: worker id -> last heartbeat (Redis server time, so host clocks don't matter)."""
        return f"{self.base}:workers"

    @property
    def busy(self) -> str:
        """Set of workers whose engine had work at their last heartbeat."""
        return f"{self.base}:busy"

    @property
    def stats(self) -> str:
        """Hash of the run's numeric stats, summed over every worker that closed."""
        return f"{self.base}:stats"

    def inflight(self, worker: str) -> str:
        """Set of requests a worker has popped and not yet finished (re-queued if it dies)."""
        return f"{self.base}:inflight:{worker}"

    def reclaim(self, worker: str) -> str:
        return f"{self.base}:reclaim:{worker}"

    def shared(self) -> tuple[str, ...]:
        """The keys that get a TTL so finished runs don't pile up in Redis forever."""
        return (self.requests, self.dupefilter, self.seeded, self.workers, self.busy)
