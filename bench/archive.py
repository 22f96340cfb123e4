"""Archive benchmark: what WARC writing costs a crawl, and how ``scrapy reprocess`` scales and holds memory.

    python -m bench.archive [--sizes 1000,10000] [--quick] [--out bench-results]

For each size, bench/sitegen.py writes a fresh replay site and ``scrapy crawlall`` crawls it with archiving
on (the default), which leaves the WARC archive to reprocess. For the largest size the same site is crawled
again with ``ARCHIVE_ENABLED=False`` (a fresh state, so every article is processed again), and the archive
is reprocessed with ``-j 1`` and ``-j 2``: every ratio below comes from runs of the same invocation, on the
same pages, minutes apart. Reported:

- **WARC cost**: crawl throughput and CPU with and without the archive, and the writer's own time per
  page measured in-process over the same pages (the part that does not drown in a shared host's drift).
- **Reprocess scaling**: article pages per second on Scrapy's clock (engine start to finish) and for the
  whole process, at ``-j 1`` (processing in the crawl process) and ``-j 2`` (two worker processes), run in
  the order ``-j 2``, ``-j 1``, ``-j 1``, ``-j 2`` at the largest size: a shared host's speed drifts by
  10-20% over the minutes one run takes, and the mean of each pair cancels a steady drift that one run of
  each would book as a difference between them (each run is still listed, so the spread shows); the CPU
  per page of the crawl process's own work (reading the archive, Scrapy, dedup, the feed: its CPU less the
  processing it did itself at ``-j 1``), of the processing (``processing/cpu_seconds``, wherever it ran) and
  of all processes together. CPU per page depends far less on the host's load than rates do, and it bounds
  the speed-up: two cores give at most (CPU per page at ``-j 1``) / max(half the CPU per page of all
  processes at ``-j 2``, the crawl process's own at ``-j 2``).
- **Memory**: peak resident set of the largest process and of all processes together (crawl + workers),
  at each size: flat means the archive's size does not show in memory.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bench.crawl import BENCH_SETTINGS, CrawlResult, crawl_site, crawl_stats
from bench.measure import environ_with_path, git_revision, machine, markdown_table, run_measured
from bench.sitegen import Site, generate_site
from crawler.archive.records import Capture, scan
from crawler.archive.sources import find_sources
from crawler.archive.writer import ArchiveWriter
from crawler.replay_index import ReplayIndex

REPO = Path(__file__).resolve().parent.parent
SIZES = (1000, 10_000)
QUICK_SIZES = (300, 1500)


@dataclass(frozen=True)
class Reprocessed:
    size: int
    jobs: int
    items: int
    crawl_seconds: float
    wall_seconds: float
    cpu_seconds: float  # every process: the crawl process, the fork server, the workers
    main_cpu_seconds: float  # the crawl process alone, less the processing it did itself (-j 1)
    processing_cpu_seconds: float  # the processing function's CPU, in workers or in process
    peak_rss_mb: float
    peak_tree_rss_mb: float

    @property
    def pages_per_second(self) -> float:
        return self.items / self.crawl_seconds if self.crawl_seconds else 0.0

    @property
    def whole_pages_per_second(self) -> float:
        return self.items / self.wall_seconds if self.wall_seconds else 0.0

    def _per_page(self, seconds: float) -> float:
        return 1000 * seconds / self.items if self.items else 0.0

    @property
    def main_ms(self) -> float:
        """CPU per page of the crawl process's own work, start-up and reading the archive's index included."""
        return self._per_page(self.main_cpu_seconds)

    @property
    def processing_ms(self) -> float:
        return self._per_page(self.processing_cpu_seconds)

    @property
    def total_ms(self) -> float:
        """Every process: the crawl process, and at -j 2 the fork server and the workers."""
        return self._per_page(self.cpu_seconds)


def reprocess(site: Site, archive: Path, python: str, work: Path, jobs: int) -> Reprocessed:
    scrapy = str(Path(python).parent / "scrapy")
    out = work / f"reprocess-j{jobs}"
    cmd = [scrapy, "reprocess", str(archive), "-j", str(jobs), "-o", str(out / "out.jsonl")]
    for setting in (*BENCH_SETTINGS, f"PORTAL_REGISTRY_DIR={site.registry_dir}", f"FEEDS_DIR={out / 'feeds'}"):
        cmd += ["-s", setting]
    env = {**environ_with_path(REPO), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    m = run_measured(cmd, cwd=work, env=env, tree=True)
    if m.returncode != 0:
        failed = f"reprocess -j {jobs} of {site.articles} pages failed (exit {m.returncode})"
        raise SystemExit(f"{failed}:\n{m.stderr[-3000:]}")
    stats = crawl_stats(m.stderr)
    processing = float(stats["processing/cpu_seconds"])
    return Reprocessed(
        size=site.articles,
        jobs=jobs,
        items=int(stats["item_scraped_count"]),
        crawl_seconds=float(stats["elapsed_time_seconds"]),
        wall_seconds=m.seconds,
        cpu_seconds=m.cpu_seconds,
        main_cpu_seconds=m.own_cpu_seconds - (processing if jobs == 1 else 0.0),
        processing_cpu_seconds=processing,
        peak_rss_mb=m.peak_rss_mb,
        peak_tree_rss_mb=m.peak_tree_rss_mb,
    )


def writer_ms_per_page(site: Site, work: Path, limit: int = 2000) -> float:
    """The archive writer alone (record building, digests, gzip, append) over the site's own responses."""
    saved = [s for _, s in zip(range(limit), ReplayIndex(site.replay_dir).saved(), strict=False)]
    captures = [
        Capture(
            url=s.url,
            status=s.status,
            headers=[(k.encode(), v.encode()) for k, v in s.headers.items()],  # type: ignore[union-attr]
            body=s.body(),
            fetched_at=datetime.now(UTC),
            meta={"spider": "bench", "page_kind": "article", "list_date": "2024-12-31", "list_title": "园区动态"},
            request_headers=[(b"User-Agent", b"devzone-news/1.0"), (b"Accept-Encoding", b"gzip, deflate, br")],
        )
        for s in saved
    ]
    writer = ArchiveWriter(work / "writer-bench", "bench", 1 << 30, {"software": "bench"})
    start = time.process_time()
    for capture in captures:
        writer.write(capture)
    writer.close()
    return 1000 * (time.process_time() - start) / len(captures)


def archived_pages(archive: Path) -> tuple[int, int]:
    """(response records, bytes on disk) of an archive."""
    files = find_sources([archive]).warcs
    return sum(1 for path in files for _ in scan(str(path))), sum(p.stat().st_size for p in files)


def report(
    crawls: dict[tuple[int, bool], CrawlResult],
    runs: list[Reprocessed],
    writer_ms: float,
    archive_bytes: dict[int, int],
    info: dict[str, str],
) -> str:
    largest = max(size for size, _ in crawls)
    on, off = crawls[(largest, True)], crawls[(largest, False)]
    rate_cost = 1 - on.pages_per_second / off.pages_per_second
    cpu_cost = on.cpu_seconds / off.cpu_seconds - 1
    warc = markdown_table(
        ["articles", "archive", "pages/s (crawl)", "pages/s (whole)", "CPU s", "ms CPU/page", "archive MB"],
        [
            [
                str(largest),
                "on" if archived else "off",
                f"{r.pages_per_second:.1f}",
                f"{r.article_pages / r.wall_seconds:.1f}",
                f"{r.cpu_seconds:.1f}",
                f"{1000 * r.cpu_seconds / r.article_pages:.2f}",
                f"{archive_bytes[largest] / 2**20:.0f}" if archived else "—",
            ]
            for archived, r in ((True, on), (False, off))
        ],
    )
    proc = markdown_table(
        [
            "articles",
            "-j",
            "items",
            "pages/s (crawl)",
            "pages/s (whole)",
            "CPU s",
            "crawl process ms/page",
            "processing ms/page",
            "all processes ms/page",
            "largest process MB",
            "all processes MB",
        ],
        [
            [
                str(r.size),
                str(r.jobs),
                str(r.items),
                f"{r.pages_per_second:.1f}",
                f"{r.whole_pages_per_second:.1f}",
                f"{r.cpu_seconds:.1f}",
                f"{r.main_ms:.2f}",
                f"{r.processing_ms:.2f}",
                f"{r.total_ms:.2f}",
                f"{r.peak_rss_mb:.0f}",
                f"{r.peak_tree_rss_mb:.0f}",
            ]
            for r in runs
        ],
    )
    j1s = [r for r in runs if r.size == largest and r.jobs == 1]
    j2s = [r for r in runs if r.size == largest and r.jobs == 2]
    j2 = j2s[0]

    def mean(rs: list[Reprocessed], figure: str) -> float:
        return statistics.fmean(getattr(r, figure) for r in rs)

    def ratio(figure: str) -> float:
        return mean(j2s, figure) / mean(j1s, figure)

    single = "; ".join(f"{a.pages_per_second / b.pages_per_second:.2f}×" for a, b in zip(j2s, j1s, strict=True))
    # Two cores run -j 2's processes at most 2 / total ms per page, and the crawl process alone (one thread) at
    # most 1 / its own ms; -j 1 is one process at 1 / its total ms.
    j1_ms, j2_ms, j2_main_ms = mean(j1s, "total_ms"), mean(j2s, "total_ms"), mean(j2s, "main_ms")
    bound = j1_ms / max(j2_ms / 2, j2_main_ms)
    small = min((r for r in runs if r.jobs == 2), key=lambda r: r.size)
    per_k = 1000 * (j2.peak_tree_rss_mb - small.peak_tree_rss_mb) / max(1, j2.items - small.items)
    machine_line = ", ".join(f"{k}: {v}" for k, v in info.items())
    return f"""Machine: {machine_line}.

### WARC writing in a crawl ({largest} articles, `scrapy crawlall`, all pipelines)

{warc}

Archive on against off: crawl throughput {-100 * rate_cost:+.1f}%, CPU {100 * cpu_cost:+.1f}%. The writer alone
(records, digests, gzip, one append per fetch) takes {writer_ms:.2f} ms per page, measured in-process over the
site's pages: {100 * writer_ms / (1000 * off.cpu_seconds / off.article_pages):.1f}% of the crawl's CPU per page.

### Reprocessing the archive (`scrapy reprocess`)

{proc}

`-j 2` against `-j 1` at {largest} articles, mean rates of the runs in the order above:
**{ratio("pages_per_second"):.2f}×** on Scrapy's clock, {ratio("whole_pages_per_second"):.2f}× whole process
(each `-j 2` run against its neighbouring `-j 1` run: {single}). At {j1_ms:.2f} ms of CPU per page with `-j 1`
(one process) and {j2_ms:.2f} ms with `-j 2` (all processes; {j2_main_ms:.2f} ms of it in the crawl process, which one
core must carry), two cores allow at most {bound:.2f}×.
Memory, all processes, `-j 2`: {small.peak_tree_rss_mb:.0f} MB at {small.items} pages, {j2.peak_tree_rss_mb:.0f} MB at
{j2.items} ({per_k:+.2f} MB per 1,000 pages).
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", help=f"comma-separated article counts (default {','.join(map(str, SIZES))})")
    ap.add_argument("--quick", action="store_true", help=f"sizes {','.join(map(str, QUICK_SIZES))}")
    ap.add_argument("--python", default=sys.executable, help="the project's interpreter (its scrapy runs the crawl)")
    ap.add_argument("--out", type=Path, default=REPO / "bench-results")
    a = ap.parse_args(argv)
    sizes = sorted(int(s) for s in a.sizes.split(",")) if a.sizes else list(QUICK_SIZES if a.quick else SIZES)
    crawls: dict[tuple[int, bool], CrawlResult] = {}
    runs: list[Reprocessed] = []
    archive_bytes: dict[int, int] = {}
    writer_ms = 0.0
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-archive-{size}-") as tmp:
            work = Path(tmp)
            site = generate_site(work / "site", size)
            (work / "on").mkdir()
            crawls[(size, True)] = crawl_site(site, a.python, work / "on")
            archive = work / "on" / "archive"
            records, archive_bytes[size] = archived_pages(archive)
            print(f"  {size:6d} articles: crawled with archive, {records} responses archived", file=sys.stderr)
            jobs = (2, 1, 1, 2) if size == sizes[-1] else (2,)  # drift cancels in the pairs' means
            for j in jobs:
                runs.append(reprocess(site, archive, a.python, work, j))
                rate = runs[-1].pages_per_second
                print(f"  {size:6d} articles: reprocess -j {j}: {rate:.1f} pages/s", file=sys.stderr)
            if size == sizes[-1]:
                (work / "off").mkdir()
                crawls[(size, False)] = crawl_site(site, a.python, work / "off", ("ARCHIVE_ENABLED=False",))
                writer_ms = statistics.median(writer_ms_per_page(site, work / f"w{n}") for n in range(3))
    info = {**machine(a.python), "revision": git_revision(REPO)}
    text = report(crawls, runs, writer_ms, archive_bytes, info)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "archive.md").write_text(text, encoding="utf-8")
    raw = {
        "machine": info,
        "crawls": [{"archive": on, **asdict(r)} for (_, on), r in crawls.items()],
        "reprocess": [asdict(r) for r in runs],
        "writer_ms_per_page": writer_ms,
    }
    (a.out / "archive.json").write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
