"""The run's numbers add up when it stops early: article URLs still queued are counted, not lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.faultserver import FaultServer, Reply
from tests.ops.helpers import Workdir
from tests.ops.test_aliases import article, write_portal

pytestmark = pytest.mark.slow
ARTICLES = 30


def test_a_run_stopped_early_counts_what_it_never_fetched(tmp_path: Path) -> None:
    work = Workdir(
        tmp_path,
        extra=(
            "REPLAY_ENABLED=False",
            "ADDRESS_GUARD_ALLOW=loopback",
            "CONCURRENT_REQUESTS_PER_DOMAIN=1",
            # Scrapy's downloader takes up to CONCURRENT_REQUESTS off the queue at once, whatever the per-domain
            # limit; 2 keeps most articles queued while the worker pool warms up, even on a loaded machine.
            "CONCURRENT_REQUESTS=2",
            "CLOSESPIDER_ITEMCOUNT=2",
            "SPIDERMON_ENABLED=False",
        ),
    )
    links = [f"/show.php?id={n}" for n in range(ARTICLES)]
    routes = {link: [Reply(body=article(n), delay=2.0)] for n, link in enumerate(links)}
    routes["/news/"] = [Reply(body="".join(f'<a href="{u}">新闻</a>' for u in links).encode())]
    with FaultServer(routes, lifetime=90) as server:
        write_portal(work.registry, server.port)
        run = work.crawl("moved")
    stats = run.stats["stats"]
    assert stats["finish_reason"] == "closespider_itemcount"
    assert stats["articles/requested"] == ARTICLES
    assert stats["articles/requested"] == stats["item_scraped_count"] + stats["pages_dropped"]
    reasons = {k: v for k, v in stats.items() if k.startswith("pages_dropped/")}
    assert stats["pages_dropped"] == sum(reasons.values()) and reasons["pages_dropped/not_fetched"] > 0
    assert sum(run.summary["dropped"].values()) == stats["pages_dropped"]  # the run table agrees
