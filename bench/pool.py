"""How busy the worker pool keeps its workers on real pages, with the caller's thread as busy as a reactor.

    python -m bench.pool [--data DIR] [--workers 2] [--rounds 3] [--busy-ms 3]

The archive benchmark's generated pages are all about 13 KB; real pages are not (75 of the dev set's 323
are over 104 KB, 25 over the ~200 KB a worker's connection takes at once), and how a page reaches its
worker depends on its size. This runs a ``PagePool`` over the dev set's pages, each round
in the set's order, while the calling thread spins in Python between looks at the results, holding the
GIL as the crawl's reactor does, so the pool's threads compete for it as in a crawl. It reports pages/s
and the workers' utilisation: their processing CPU over (workers × wall time). On a host that drifts,
compare utilisation, not rates, and alternate the trees compared (docs/bench.md).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.profile import REPO, page_files
from crawler.page import Page
from crawler.workers import PagePool, process


def spin(seconds: float) -> None:
    """Busy Python bytecode, the GIL held between the interpreter's switches, as a busy reactor."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval" / "dev")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--busy-ms", type=float, default=3.0, help="the caller's spin between looks at results")
    a = ap.parse_args(argv)
    if not a.data.exists():
        print(f"bench.pool: {a.data} is absent; nothing measured", file=sys.stderr)
        return 0
    pages = [Page(url=path.resolve().as_uri(), body=path.read_bytes()) for path in page_files(a.data)]
    pool = PagePool(a.workers, time_budget=60.0, memory_budget_mb=1024, run=process)
    pool.start()
    try:
        for future in [pool.submit(page) for page in pages[:20]]:  # workers started and warm
            future.result()
        started = time.perf_counter()
        futures = [pool.submit(page) for _ in range(a.rounds) for page in pages]
        cpu = 0.0
        for future in futures:
            while not future.done():
                spin(a.busy_ms / 1000)
            cpu += future.result().cpu_seconds
        wall = time.perf_counter() - started
    finally:
        pool.close()
    big = sum(len(page.body) > 200_000 for page in pages)
    print(
        f"{len(futures)} pages ({big} of {len(pages)} over 200 KB), {a.workers} workers: "
        f"{len(futures) / wall:.1f} pages/s, workers' utilisation {cpu / (a.workers * wall):.3f} "
        f"(processing {cpu:.1f} CPU s in {wall:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
