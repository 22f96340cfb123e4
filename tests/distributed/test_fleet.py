"""Workers over one replayed portal of ~300 pages: every article exported exactly once, one shared
dupefilter, and a SIGKILLed worker's share finished by the survivor."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
import redis

from tests.distributed.conftest import PASSWORD, feed_rows, start_worker
from tests.distributed.site import build_site

pytestmark = pytest.mark.redis


def test_two_workers_export_every_article_exactly_once(redis_url: str, tmp_path: Path, workers: list) -> None:
    site = build_site(tmp_path / "site")
    out = tmp_path / "out"
    # Both workers live through the run: a generous liveness timeout keeps a loaded machine's slow heartbeat
    # from being taken for a death (whose reclaimed requests are fetched again, by design).
    workers += [start_worker(site, redis_url, out, name, "DISTRIBUTED_WORKER_TIMEOUT=120") for name in ("w1", "w2")]
    codes = [w.wait(timeout=180) for w in workers]
    logs = {name: (out / f"{name}.log").read_text("utf-8") for name in ("w1", "w2")}
    assert codes == [0, 0], logs
    rows = feed_rows(out / "feeds")
    urls = Counter(row["url"] for row in rows)
    assert set(urls) == site.article_urls
    assert max(urls.values()) == 1
    # each worker writes its own files (which one gets how much work is up to the scheduling race)
    files = sorted(p.name for p in (out / "feeds").rglob("*.jsonl"))
    assert files and all(f.endswith(("-w1.jsonl", "-w2.jsonl")) for f in files), files
    for log in logs.values():
        assert "Traceback" not in log
        assert PASSWORD not in log
    # the fleet fetched every page once: what one worker dequeued, the other never did
    fetched = sum(int(n) for log in logs.values() for n in re.findall(r"'scheduler/dequeued/redis': (\d+)", log))
    assert fetched == len(site.article_urls) + len(site.list_urls)
    client = redis.Redis.from_url(redis_url)
    # one dupefilter for the fleet: each page fingerprinted once, whoever found it
    assert client.scard("devzone:fleet:test-run:dupefilter") == len(site.article_urls) + len(site.list_urls)
    # the run's totals, summed over both workers, count every article once
    totals = {k.decode(): float(v) for k, v in client.hgetall("devzone:fleet:test-run:stats").items()}
    assert totals["item_scraped_count"] == len(site.article_urls)
    # exactly one worker seeded the start URLs
    assert sorted("'distributed/seeded': 1" in log for log in logs.values()) == [False, True]


def _wait_for_rows(worker: subprocess.Popen[str], feeds: Path, at_least: int) -> None:
    """Block until ``worker`` has exported ``at_least`` rows (its feed gets one write per row) or exited."""
    for _ in range(2400):
        if worker.poll() is not None or len(feed_rows(feeds)) >= at_least:
            return
        time.sleep(0.05)


def test_survivor_finishes_the_queue_after_a_worker_is_killed(redis_url: str, tmp_path: Path, workers: list) -> None:
    site = build_site(tmp_path / "site")
    out = tmp_path / "out"
    victim = start_worker(site, redis_url, out / "w1", "w1")
    workers.append(victim)
    _wait_for_rows(victim, out / "w1", 20)
    survivor = start_worker(site, redis_url, out / "w2", "w2")
    workers.append(survivor)
    # SIGKILL mid-crawl (288 articles, 20 exported): in-flight requests, a half-written feed, no goodbye
    assert victim.poll() is None, "the victim finished before it could be killed midway"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert survivor.wait(timeout=180) == 0
    log = (out / "w2" / "w2.log").read_text("utf-8")
    assert "Traceback" not in log
    assert "'distributed/dead_workers': 1" in log
    victim_rows, survivor_rows = feed_rows(out / "w1"), feed_rows(out / "w2")
    assert victim_rows and survivor_rows
    urls = Counter(row["url"] for row in victim_rows + survivor_rows)
    assert set(urls) == site.article_urls  # every article survived the kill
    # A row can repeat only if the victim died between writing it and clearing its ledger entry (the
    # page is then re-queued): never more repeats than re-queued requests, each with the same id.
    repeated = [url for url, n in urls.items() if n > 1]
    reclaimed = int(re.findall(r"'distributed/reclaimed_requests': (\d+)", log)[0])
    assert len(repeated) <= reclaimed
    assert all(n == 2 for n in urls.values() if n > 1)
    client = redis.Redis.from_url(redis_url)
    # nothing left behind: the dead worker's ledger was reclaimed, the survivor left cleanly
    assert client.zcard("devzone:fleet:test-run:requests") == 0
    assert not list(client.scan_iter("devzone:fleet:test-run:inflight:*"))
