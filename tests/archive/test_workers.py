"""The worker pool: pages cut by a time or memory budget are reported with their reason, a worker that
dies is replaced, and the next page is processed as usual."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterator

import pytest

from crawler.page import Page
from crawler.processing import WARM_UP_PAGE
from crawler.workers import BUDGET_MEMORY, BUDGET_TIME, WORKER_CRASHED, Outcome, PagePool, WorkerStartError
from tests.archive.pages import by_path


def page(path: str) -> Page:
    return Page(url=f"https://www.x.gov.cn{path}", body=WARM_UP_PAGE.body)


@pytest.fixture(scope="module")
def pool() -> Iterator[PagePool]:
    pool = PagePool(workers=1, time_budget=3.0, memory_budget_mb=500, run=by_path)
    pool.start()
    yield pool
    pool.close()


def run(pool: PagePool, path: str) -> Outcome:
    return pool.submit(page(path)).result(timeout=120)


def test_a_page_gives_its_article_and_decode_stats(pool: PagePool) -> None:
    outcome = run(pool, "/xwzx/202401/t20240102_1.html")
    assert outcome.article is not None and outcome.article["title"] == "天门高新园新签约项目12个"
    assert outcome.encoding == "utf-8" and outcome.reason is None and not outcome.replaced_worker


def test_a_page_over_the_time_budget_is_cut_and_its_worker_replaced(pool: PagePool) -> None:
    before = pool.replaced
    outcome = run(pool, "/hang/1.html")
    assert (outcome.reason, outcome.article, outcome.replaced_worker) == (BUDGET_TIME, None, True)
    assert pool.replaced == before + 1
    assert run(pool, "/next-1.html").article is not None


def test_a_page_over_the_memory_budget_is_cut_and_its_worker_replaced(pool: PagePool) -> None:
    outcome = run(pool, "/greedy/1.html")
    assert (outcome.reason, outcome.article, outcome.replaced_worker) == (BUDGET_MEMORY, None, True)
    assert run(pool, "/next-2.html").article is not None


def test_the_memory_budget_is_per_page_not_cumulative(pool: PagePool) -> None:
    for _ in range(3):  # 300 MB each time, under the 500 MB budget: never cut
        outcome = run(pool, "/big/1.html")
        assert outcome.article is not None and not outcome.replaced_worker


def test_a_worker_that_dies_is_replaced_and_the_page_reported(pool: PagePool) -> None:
    outcome = run(pool, "/crash/1.html")
    assert outcome.reason == WORKER_CRASHED and outcome.error and "exit status 3" in outcome.error
    assert run(pool, "/next-3.html").article is not None


def test_a_bug_is_reported_with_its_traceback_and_the_worker_kept(pool: PagePool) -> None:
    outcome = run(pool, "/bug/1.html")
    assert outcome.article is None and outcome.error and "KeyError" in outcome.error
    assert not outcome.replaced_worker


def test_pages_queued_behind_failing_ones_each_get_their_own_outcome(pool: PagePool) -> None:
    """All submitted at once, so each next page is handed to the worker before the one in front fails."""
    paths = ["/hang/2.html", "/next/a.html", "/crash/2.html", "/next/b.html", "/greedy/2.html"]
    paths += ["/next/c.html", "/bug/2.html", "/next/d.html"]
    futures = [pool.submit(page(path)) for path in paths]
    outcomes = [future.result(timeout=120) for future in futures]
    assert [o.reason for o in outcomes[:6:2]] == [BUDGET_TIME, WORKER_CRASHED, BUDGET_MEMORY]
    assert outcomes[6].error and "KeyError" in outcomes[6].error
    for after in outcomes[1::2]:
        assert after.article is not None and after.article["title"] == "天门高新园新签约项目12个"


def test_a_page_handed_ahead_is_timed_from_its_turn(pool: PagePool) -> None:
    """Two pages of 2 s each under a 3 s budget: the second waited 2 s in the worker's queue, unbilled."""
    futures = [pool.submit(page(f"/slow/{n}.html")) for n in (1, 2)]
    for future in futures:
        outcome = future.result(timeout=120)
        assert outcome.reason is None and outcome.article is not None and not outcome.replaced_worker


def test_pages_bigger_than_the_connection_takes_at_once_are_handed_ahead_and_arrive_whole(pool: PagePool) -> None:
    """A socket pair takes about 200 KB at once; these are 3 MB, each handed ahead while the worker is busy
    with the page in front, the rest sent as the worker reads."""
    bodies = [os.urandom(3 << 20) for _ in range(3)]
    slow = pool.submit(page("/slow/4.html"))
    futures = [pool.submit(Page(url=f"https://www.x.gov.cn/digest/{n}.html", body=b)) for n, b in enumerate(bodies)]
    assert slow.result(timeout=120).article is not None
    for future, body in zip(futures, bodies, strict=True):
        outcome = future.result(timeout=120)
        assert outcome.message == hashlib.sha256(body).hexdigest() and not outcome.replaced_worker


def test_a_page_partly_handed_to_a_worker_that_is_cut_goes_whole_to_the_next(pool: PagePool) -> None:
    body = os.urandom(3 << 20)
    cut = pool.submit(page("/hang/3.html"))
    big = pool.submit(Page(url="https://www.x.gov.cn/digest/after-cut.html", body=body))
    assert cut.result(timeout=120).reason == BUDGET_TIME  # timed while the big page waited, partly sent
    assert big.result(timeout=120).message == hashlib.sha256(body).hexdigest()
    assert run(pool, "/next-6.html").article is not None


def test_workers_inherit_the_warm_tables_frozen_out_of_the_collectors_walks(pool: PagePool) -> None:
    assert int(run(pool, "/frozen.html").message) > 10_000  # the tables hold ~40,000 tracked objects


def test_a_page_that_is_not_an_article_gives_its_reason() -> None:
    pool = PagePool(workers=1, time_budget=0, memory_budget_mb=0)  # no budgets at all: still works
    pool.start()
    try:
        outcome = pool.submit(Page(url="https://www.x.gov.cn/a.html", body=b"")).result(timeout=120)
    finally:
        pool.close()
    assert outcome.article is None and outcome.reason == "empty_body"


def test_a_page_that_cannot_be_sent_fails_alone(pool: PagePool) -> None:
    odd = page("/xwzx/202401/t20240102_2.html")
    odd.meta["callback"] = lambda: None  # cannot be pickled to a worker
    outcome = pool.submit(odd).result(timeout=120)
    assert outcome.article is None and outcome.error and "pickle" in outcome.error.lower()
    assert run(pool, "/next-4.html").article is not None
    # queued behind a page, so its turn to be sent ahead comes while the worker is busy
    slow, odd, after = (pool.submit(p) for p in (page("/slow/3.html"), odd, page("/next-5.html")))
    assert slow.result(timeout=120).article is not None
    assert "pickle" in (odd.result(timeout=120).error or "").lower()
    assert after.result(timeout=120).article is not None


def test_workers_that_cannot_start_fail_each_page_with_the_reason() -> None:
    pool = PagePool(workers=1, time_budget=3.0, memory_budget_mb=500, run=lambda page: Outcome())
    pool.start()
    try:
        error = pool.submit(page("/x.html")).exception(timeout=120)
        assert isinstance(error, WorkerStartError) and "cannot start a processing worker" in str(error)
        assert isinstance(pool.submit(page("/y.html")).exception(timeout=120), WorkerStartError)
    finally:
        pool.close()


def test_what_a_worker_logs_comes_back_with_the_page(pool: PagePool) -> None:
    outcome = run(pool, "/noisy.html")
    assert (logging.WARNING, "crawler.noisy", "odd markup in https://www.x.gov.cn/noisy.html") in outcome.logs
    assert not run(pool, "/quiet.html").logs  # taken once: the next page does not repeat it
