"""Process pages in worker processes, each page under a time and a memory budget. No Scrapy imports.

Why processes, not the reactor thread or a thread pool: a hostile page can spend a minute inside lxml's C
parser, where no signal or thread can interrupt it, and allocate gigabytes; on the reactor thread that
freezes every download in flight. A worker process can be killed and replaced, and its memory capped.

- **Time**: the parent waits for each page's result at most ``time_budget`` seconds of wall clock (from the
  moment the worker is done with the page before, so queueing is not the page's fault), then kills the
  worker (SIGKILL: C code cannot ignore it), reports ``budget_time`` and starts a replacement.
- **No idle worker**: a worker is sent its next page while it works on the current one, so it starts the
  next page at once instead of waiting for the parent's thread to take the result and send another. The
  connection takes what fits at once (about 200 KB on Linux; 25 of the dev set's 323 real pages are
  bigger), and the rest goes on while the thread waits for the current result, never blocking it, so the
  time budget still runs. A page sent to a worker that is then replaced goes to the new one, whole.
- **Memory**: before each page the worker lowers its own address-space limit (``RLIMIT_AS``) to what it
  holds now plus ``memory_budget_mb``. The kernel refuses the allocation that would cross it, which Python,
  lxml and OpenCC all raise as ``MemoryError``; the worker reports ``budget_memory`` and exits, so a heap
  left fragmented or a C library left in a half state never serves another page. A cap, unlike a parent
  polling RSS, cannot be overrun between two polls. It is per page on top of the warmed tables, so a
  worker's baseline never counts against a page.
- **Order**: none here. Results come back as futures in completion order; the crawl's pipeline puts them
  back in arrival order (crawler/pipelines/order.py).

Workers are forked from multiprocessing's fork server, a fresh interpreter started once per process (never a
fork of a process running a reactor and threads) that preloads ``crawler.warmed``: the tables are loaded
and warmed once, and a worker, first or replacement, starts warm in milliseconds.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import math
import multiprocessing
import os
import queue
import select
import signal
import socket
import struct
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any

from crawler.dedup.simhash import fingerprintable, simhash
from crawler.errors import PageError
from crawler.logrelay import Line, collect
from crawler.page import Page
from crawler.processing import STEPS, Work, warm_up

logger = logging.getLogger(__name__)

START_TIMEOUT = 120.0  # seconds for a worker to import and warm its tables on a loaded machine
RESTART_PAUSE = 30.0  # after a worker failed to start, pages fail at once for this long before a new try
BUDGET_TIME = "budget_time"
BUDGET_MEMORY = "budget_memory"
WORKER_CRASHED = "worker_crashed"


@dataclass
class Outcome:
    """What processing one page gave: an Article row, or the reason it gave none.

    ``encoding`` and ``decode_flags`` are set whenever the page got as far as being decoded (also when a
    later step dropped it), for the crawl's ``text/encoding/*`` and ``text/flags/*`` stats. ``error`` holds
    the traceback of an unexpected exception: a bug, reported loudly by the caller.
    """

    article: dict[str, Any] | None = None
    reason: str | None = None
    detail: str | None = None  # a finer kind under the reason (PageError.detail)
    message: str = ""
    encoding: str | None = None
    decode_flags: dict[str, int] = field(default_factory=dict)
    error: str | None = None
    replaced_worker: bool = False
    simhash: int | None = None  # the body's repost fingerprint, when it is long enough to have one
    cpu_seconds: float = 0.0  # the worker's CPU time for this page
    logs: list[Line] = field(default_factory=list)  # what the worker logged meanwhile (crawler/logrelay.py)


def process(page: Page) -> Outcome:
    """The processing core's steps over one page (the same sequence as ``processing.process_page``), and
    the body's SimHash: a pure function of the page, so it is computed here rather than on the reactor
    thread where repost dedup looks it up (in arrival order)."""
    work = Work(page)
    try:
        for step in STEPS:
            step(work)
    except PageError as exc:
        return Outcome(reason=exc.reason, detail=exc.detail, message=exc.message, **_decoded(work))
    assert work.article is not None
    body = work.article["body"]
    fingerprint = simhash(body) if fingerprintable(body) else None
    return Outcome(article=work.article, simhash=fingerprint, **_decoded(work))


def measured(run: Callable[[Page], Outcome], page: Page) -> Outcome:
    """``run(page)`` with its CPU time; a bug becomes an Outcome with its traceback, never an exception. A
    MemoryError is raised on: in a worker it is the memory budget's cut, which replaces the worker."""
    started = time.process_time()
    try:
        outcome = run(page)
    except MemoryError:
        raise
    except Exception:
        outcome = Outcome(error=traceback.format_exc())
    outcome.cpu_seconds = time.process_time() - started
    return outcome


def _decoded(work: Work) -> dict[str, Any]:
    if work.doc is None:
        return {}
    return {"encoding": work.doc.encoding, "decode_flags": dict(work.doc.flags)}


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _address_space() -> int | None:
    """Bytes of virtual memory this process maps now (Linux); None where /proc is absent."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _cap_memory(budget: int) -> None:
    """Allow the next page ``budget`` bytes beyond what the worker maps now (0: no cap)."""
    import resource

    now = _address_space()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if now is None or budget <= 0:
        soft = hard
    else:
        soft = now + budget if hard == resource.RLIM_INFINITY else min(now + budget, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _serve(conn: Connection, run: Callable[[Page], Outcome], memory_budget: int) -> None:
    """A worker's life: warm up, then one page at a time until told to stop (None) or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group; the parent decides
    log = collect()
    try:
        warm_up()  # already done in the fork server (crawler.warmed): here it checks the tables, quickly
    except Exception:
        conn.send(traceback.format_exc())
        return
    conn.send(("ready", log.take()))
    while True:
        try:
            page = conn.recv()
        except (EOFError, OSError):
            return  # the parent died: nobody to work for
        if page is None:
            return
        _cap_memory(memory_budget)
        try:
            outcome = measured(run, page)
        except MemoryError:
            _cap_memory(0)  # the report itself needs a little memory
            conn.send(Outcome(reason=BUDGET_MEMORY, message=f"over the {memory_budget >> 20} MB memory budget"))
            return  # replaced: a heap or a C library left mid-allocation serves no other page
        outcome.logs = log.take()
        conn.send(outcome)


class WorkerStartError(RuntimeError):
    """A worker could not import or warm up the processing core (an installation problem, not a page's)."""

    at = 0.0  # time.monotonic() of the failure


def _framed(message: memoryview) -> memoryview:
    """``message`` as ``Connection.send_bytes`` puts it on the wire (a 4-byte big-endian length first), so
    the worker's ``recv`` reads it whichever way it was sent."""
    frame = bytearray(4 + len(message))
    struct.pack_into("!i", frame, 0, len(message))
    frame[4:] = message
    return memoryview(frame)


class _Worker:
    def __init__(self, ctx: Any, run: Callable[[Page], Outcome], memory_budget: int) -> None:
        self.conn, child = ctx.Pipe()
        self.proc: BaseProcess = ctx.Process(
            target=_serve, args=(child, run, memory_budget), name="devzone-worker", daemon=True
        )
        self.proc.start()
        child.close()
        # the same connection as a socket, for sends that take what fits and never wait (MSG_DONTWAIT);
        # blocking as a whole, which the connection's own reads and writes rely on
        self.sock = socket.socket(fileno=os.dup(self.conn.fileno()))
        self.sock.setblocking(True)
        self.poller = select.poll()  # for the connection taking more, or a result to read
        self.poller.register(self.conn.fileno(), select.POLLIN | select.POLLOUT)
        if not self.conn.poll(START_TIMEOUT):
            self.kill()
            raise WorkerStartError(f"a processing worker did not warm up within {START_TIMEOUT:g} s")
        try:
            hello = self.conn.recv()
        except EOFError:
            self.kill()
            raise WorkerStartError(f"a processing worker died while starting (exit {self.proc.exitcode})") from None
        if not isinstance(hello, tuple):
            self.kill()
            raise WorkerStartError(f"a processing worker failed to warm up:\n{hello}")
        self.warm_up_logs: list[Line] = hello[1]

    def send_some(self, data: memoryview) -> memoryview:
        """Send what the connection takes now; the rest (all of it when the worker is gone: its result's
        wait finds out)."""
        try:
            return data[self.sock.send(data, socket.MSG_DONTWAIT) :]
        except OSError:  # BlockingIOError: full; any other: the worker is gone
            return data

    def events(self, timeout: float | None) -> int:
        """Wait until the connection takes more (POLLOUT) or has something to read (a result, or the
        worker's end), at most ``timeout`` seconds; 0 if neither came."""
        ready = self.poller.poll(None if timeout is None else math.ceil(timeout * 1000))
        return ready[0][1] if ready else 0

    def kill(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            self.proc.kill()
        self.proc.join(5)
        self.close()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.proc.join(5)
        if self.proc.is_alive():
            self.kill()
        else:
            self.close()

    def close(self) -> None:
        self.sock.close()
        self.conn.close()


class PagePool:
    """``workers`` processes fed from one queue; ``submit`` returns a future of the page's ``Outcome``.

    One thread per worker hands it a page and waits for the answer with the time budget; the waiting
    releases the GIL, so the caller's thread (the reactor) is never held up by a page.
    """

    def __init__(
        self,
        workers: int,
        time_budget: float,
        memory_budget_mb: int,
        run: Callable[[Page], Outcome] = process,
    ) -> None:
        self.size = max(1, workers)
        self.time_budget = time_budget
        self.memory_budget = memory_budget_mb << 20
        self.run = run
        self.replaced = 0  # workers killed or lost mid-page and started again
        self._ctx = multiprocessing.get_context("forkserver")
        self._ctx.set_forkserver_preload(["crawler.warmed"])
        self._jobs: queue.SimpleQueue[tuple[Page, Future[Outcome]] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._relayed: set[Line] = set()  # warm-up lines already passed on (every worker inherits the same)

    def start(self) -> None:
        """Start every worker now: the fork server warms the tables while the crawl opens."""
        for n in range(self.size):
            thread = threading.Thread(target=self._feed, name=f"devzone-pool-{n}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, page: Page) -> Future[Outcome]:
        if not self._threads:
            raise RuntimeError("PagePool.submit before start()")
        future: Future[Outcome] = Future()
        self._jobs.put((page, future))
        return future

    def close(self) -> None:
        """Let queued pages finish, then stop every worker."""
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def _spawn(self) -> _Worker | WorkerStartError:
        try:
            worker = _Worker(self._ctx, self.run, self.memory_budget)
            with self._lock:
                worker.warm_up_logs = [line for line in worker.warm_up_logs if line not in self._relayed]
                self._relayed.update(worker.warm_up_logs)
            return worker
        except WorkerStartError as exc:
            failure = exc
        except Exception as exc:  # no process could be started (resource limits): the same to the caller
            failure = WorkerStartError(f"cannot start a processing worker: {type(exc).__name__}: {exc}")
        failure.at = time.monotonic()
        return failure

    def _feed(self) -> None:
        """One worker's thread: a page at a time, with the next one handed over before the current one is
        done (``_hand_ahead``), so the worker never waits between pages for this thread's turn."""
        worker = self._spawn()
        ahead: _Job | None = None
        stopping = False
        while True:
            if ahead is not None:
                job, ahead = ahead, None
            elif stopping or (item := self._jobs.get()) is None:
                break
            else:
                job = _Job(*item)
                if not job.future.set_running_or_notify_cancel():
                    continue
            if isinstance(worker, _Worker) and not worker.proc.is_alive():
                worker.kill()  # died while idle (say, the OOM killer): reap it, start another
                worker, job.handed = self._spawn(), False
            elif isinstance(worker, WorkerStartError) and time.monotonic() - worker.at > RESTART_PAUSE:
                worker = self._spawn()  # try again now and then: the failure may have been passing
            if isinstance(worker, WorkerStartError):
                job.future.set_exception(worker)
                continue
            try:
                if not job.handed:
                    worker.conn.send(job.page)
                elif job.rest:
                    worker.sock.sendall(job.rest)  # what did not fit when it was handed ahead: read now
                if not stopping:
                    ahead, stopping = self._hand_ahead(worker)
                outcome, alive = self._result(worker, ahead)
            except Exception as exc:  # a page or result that will not pickle: the page fails, never the thread
                worker.kill()
                outcome, alive = Outcome(error=f"{type(exc).__name__}: {exc}"), False
            outcome.replaced_worker = not alive
            if worker.warm_up_logs:  # what the worker logged while warming up goes with its first page
                outcome.logs = worker.warm_up_logs + outcome.logs
                worker.warm_up_logs = []
            job.future.set_result(outcome)  # before the replacement starts: the page's result need not wait
            if not alive:
                with self._lock:
                    self.replaced += 1
                worker = self._spawn()
                if ahead is not None:
                    ahead.handed, ahead.rest = False, b""  # it went with the old worker: the new one gets it whole
        if isinstance(worker, _Worker):
            worker.stop()

    def _hand_ahead(self, worker: _Worker) -> tuple[_Job | None, bool]:
        """(the next queued page, handed to ``worker`` now; whether the queue said stop).

        The connection takes what fits without waiting, and ``_result`` sends the rest while it waits for
        the current page, so this thread stays free to time it. A page that will not pickle waits its turn
        (it fails alone then)."""
        try:
            item = self._jobs.get_nowait()
        except queue.Empty:
            return None, False
        if item is None:
            return None, True
        job = _Job(*item)
        if not job.future.set_running_or_notify_cancel():
            return None, False
        try:
            message = ForkingPickler.dumps(job.page)
        except Exception:
            return job, False
        if len(message) < 1 << 31:  # bigger ones Connection frames otherwise; never a web page
            job.handed, job.rest = True, worker.send_some(_framed(message))
        return job, False

    def _result(self, worker: _Worker, ahead: _Job | None) -> tuple[Outcome, bool]:
        """The current page's outcome within the time budget, counted from now: the page's turn starts when
        the worker is done with the one before (a page handed ahead is not charged the wait); and whether
        the worker can take another page. Meanwhile the rest of the page ``ahead`` goes on as the
        connection takes it."""
        deadline = time.monotonic() + self.time_budget if self.time_budget else None
        try:
            while ahead is not None and ahead.rest:
                events = worker.events(_left(deadline))
                if events != select.POLLOUT:  # a result, the worker's end, or the budget is over
                    break
                rest = worker.send_some(ahead.rest)
                if len(rest) == len(ahead.rest):  # writable yet nothing taken: it goes at its turn
                    break
                ahead.rest = rest
            if not worker.conn.poll(_left(deadline)):
                worker.kill()
                return Outcome(reason=BUDGET_TIME, message=f"processing took over {self.time_budget:g} s"), False
            outcome: Outcome = worker.conn.recv()
        except (EOFError, OSError):
            worker.kill()
            code = worker.proc.exitcode
            return Outcome(reason=WORKER_CRASHED, error=f"the processing worker died (exit status {code})"), False
        if outcome.reason == BUDGET_MEMORY:
            worker.kill()  # it is exiting by itself; reap it
            return outcome, False
        return outcome, True


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.0, deadline - time.monotonic())


@dataclass
class _Job:
    page: Page
    future: Future[Outcome]
    handed: bool = False  # already sent to the current worker, ahead of its turn (all but ``rest``)
    rest: memoryview | bytes = b""  # the end of its message that the connection had no room for yet


_SHARED: dict[tuple[Any, ...], PagePool] = {}


def shared_pool(workers: int, time_budget: float, memory_budget_mb: int, run: Callable[[Page], Outcome]) -> PagePool:
    """One started pool per configuration for the whole process, stopped at exit: ``scrapy crawlall`` runs
    portal after portal in one process, and each would otherwise start (and warm) its own workers."""
    key = (workers, time_budget, memory_budget_mb, run)
    pool = _SHARED.get(key)
    if pool is None:
        pool = _SHARED[key] = PagePool(workers, time_budget, memory_budget_mb, run)
        pool.start()
        atexit.register(pool.close)
    return pool
