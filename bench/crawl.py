"""Crawl-scale benchmark: generated replay sites of growing size, crawled end to end through every pipeline.

    python -m bench.crawl [--sizes 1000,2500,5000,10000] [--quick] [--out bench-results]

For each size, bench/sitegen.py writes a fresh site into a temp dir and ``scrapy crawlall`` crawls all its
portals in one process with ``REPLAY_DIR`` and ``PORTAL_REGISTRY_DIR`` pointed at it: list pages,
pagination, every article through decode, extract, entities, assemble and validate, feeds written.
Reported per size: pages/second (crawl clock and whole process), CPU time, peak RSS, and how time per page
and memory change with size (time should grow linearly, memory stay flat).

The bench settings are explicit: the replay middleware answers before Scrapy's download slots, so
DOWNLOAD_DELAY and AutoThrottle cannot slow a replayed crawl, but they are switched off here anyway so
that a future change cannot turn the number into a politeness artefact. Production politeness is untouched.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.measure import environ_with_path, git_revision, machine, markdown_table, run_measured
from bench.sitegen import Site, generate_site

REPO = Path(__file__).resolve().parent.parent
SIZES = (1000, 2500, 5000, 10_000)
QUICK_SIZES = (500, 1000, 2000)
BENCH_SETTINGS = (
    "AUTOTHROTTLE_ENABLED=False",
    "DOWNLOAD_DELAY=0",
    "LOG_LEVEL=INFO",
    "LOGSTATS_INTERVAL=0",
)
# A stats dump line: " 'pages_dropped/no_article_text': 3," (one dump per spider of the process).
STAT_LINE = re.compile(r"'([\w/.\->]+)': ([\d.]+)[,}]")


@dataclass(frozen=True)
class CrawlResult:
    size: int
    list_pages: int
    article_pages: int  # article responses that reached the pipelines
    items: int
    dropped: dict[str, int]
    crawl_seconds: float  # Scrapy's elapsed_time_seconds: engine start to finish
    wall_seconds: float  # the whole process: start-up, replay index, crawl, feed close
    cpu_seconds: float  # every process of the crawl: itself, the fork server, the page-processing workers
    peak_rss_mb: float  # the largest single process
    all_rss_mb: float  # all processes together (PSS: pages shared with the warm fork server count once)

    @property
    def pages_per_second(self) -> float:
        return self.article_pages / self.crawl_seconds if self.crawl_seconds else 0.0

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.wall_seconds / self.article_pages if self.article_pages else 0.0


def crawl_stats(log: str) -> Counter[str]:
    """Every numeric stat of every spider's dump, summed. Elapsed times add up too: ``scrapy crawlall`` runs
    the portals one after another, so the crawl clock is the sum of the spiders' clocks."""
    totals: Counter[str] = Counter()
    for block in log.split("Dumping Scrapy stats:")[1:]:
        stats = {k: float(v) for k, v in STAT_LINE.findall(block.split("}", 1)[0] + "}")}
        totals.update(stats)  # type: ignore[arg-type]
    return totals


def crawl_site(site: Site, python: str, work: Path, extra: tuple[str, ...] = ()) -> CrawlResult:
    scrapy = str(Path(python).parent / "scrapy")
    feeds = json.dumps({str(work / "feeds" / "%(name)s.jsonl"): {"format": "jsonlines", "encoding": "utf-8"}})
    cmd = [scrapy, "crawlall", "-s", f"REPLAY_DIR={site.replay_dir}", "-s", f"PORTAL_REGISTRY_DIR={site.registry_dir}"]
    cmd += ["-s", f"FEEDS={feeds}"]
    for setting in (*BENCH_SETTINGS, *extra):
        cmd += ["-s", setting]
    env = {**environ_with_path(REPO), "SCRAPY_SETTINGS_MODULE": "crawler.settings"}
    m = run_measured(cmd, cwd=work, env=env, tree=True)  # cwd=work: state, feeds and archive land in the temp dir
    if m.returncode != 0:
        raise SystemExit(f"crawl of {site.articles} pages failed (exit {m.returncode}):\n{m.stderr[-3000:]}")
    stats = crawl_stats(m.stderr)
    dropped = {k.split("/", 1)[1]: int(v) for k, v in stats.items() if k.startswith("pages_dropped/")}
    articles = int(stats["replay/hit"]) - site.list_pages
    if articles != site.articles:
        print(f"  warning: {articles} of {site.articles} generated articles were fetched", file=sys.stderr)
    return CrawlResult(
        size=site.articles,
        list_pages=site.list_pages,
        article_pages=articles,
        items=int(stats["item_scraped_count"]),
        dropped=dropped,
        crawl_seconds=float(stats["elapsed_time_seconds"]),
        wall_seconds=m.seconds,
        cpu_seconds=m.cpu_seconds,
        peak_rss_mb=m.peak_rss_mb,
        all_rss_mb=m.peak_tree_rss_mb,
    )


def growth(results: list[CrawlResult]) -> str:
    """How the largest run compares with the smallest: per-page time and memory per 1,000 pages."""
    if len(results) < 2:
        return ""
    small, large = results[0], results[-1]
    scale = large.article_pages / small.article_pages
    time_ratio = large.wall_seconds / small.wall_seconds
    per_k = 1000 * (large.all_rss_mb - small.all_rss_mb) / (large.article_pages - small.article_pages)
    cpu_ratio = large.cpu_seconds / small.cpu_seconds
    return (
        f"From {small.article_pages} to {large.article_pages} pages ({scale:.1f}× the pages): whole-process time "
        f"×{time_ratio:.2f} (linear would be ×{scale:.1f}), CPU time ×{cpu_ratio:.2f}, "
        f"time per page {small.ms_per_page:.1f} → "
        f"{large.ms_per_page:.1f} ms; memory of all processes {small.all_rss_mb:.0f} → {large.all_rss_mb:.0f} MB "
        f"({per_k:+.1f} MB per 1,000 pages)."
    )


def report(results: list[CrawlResult], info: dict[str, str]) -> str:
    rows = [
        [
            str(r.size),
            str(r.list_pages),
            str(r.article_pages),
            str(r.items),
            ", ".join(f"{k} {v}" for k, v in sorted(r.dropped.items())) or "0",
            f"{r.crawl_seconds:.1f}",
            f"{r.wall_seconds:.1f}",
            f"{r.cpu_seconds:.1f}",
            f"{r.pages_per_second:.1f}",
            f"{r.article_pages / r.wall_seconds:.1f}",
            f"{r.article_pages / r.cpu_seconds:.1f}",
            f"{r.ms_per_page:.2f}",
            f"{r.peak_rss_mb:.0f}",
            f"{r.all_rss_mb:.0f}",
        ]
        for r in results
    ]
    table = markdown_table(
        [
            "articles",
            "list pages",
            "article pages crawled",
            "items",
            "dropped",
            "crawl s",
            "whole s",
            "CPU s",
            "pages/s (crawl)",
            "pages/s (whole)",
            "pages per CPU-s",
            "ms/page (whole)",
            "largest process MB",
            "all processes MB",
        ],
        rows,
    )
    machine_line = ", ".join(f"{k}: {v}" for k, v in info.items())
    return f"Machine: {machine_line}.\n\n{table}\n\n{growth(results)}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", help=f"comma-separated article counts (default {','.join(map(str, SIZES))})")
    ap.add_argument("--quick", action="store_true", help=f"sizes {','.join(map(str, QUICK_SIZES))}")
    ap.add_argument("--python", default=sys.executable, help="the project's interpreter (its scrapy runs the crawl)")
    ap.add_argument("--out", type=Path, default=REPO / "bench-results")
    ap.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="extra Scrapy setting")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",")] if a.sizes else list(QUICK_SIZES if a.quick else SIZES)
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-crawl-{size}-") as tmp:
            work = Path(tmp)
            site = generate_site(work / "site", size)
            results.append(crawl_site(site, a.python, work, tuple(a.set)))
        r = results[-1]
        print(f"  {size:6d} articles: {r.pages_per_second:6.1f} pages/s, {r.peak_rss_mb:.0f} MB", file=sys.stderr)
    info = {**machine(a.python), "revision": git_revision(REPO)}
    if a.set:
        info["settings"] = " ".join(a.set)
    text = report(results, info)
    a.out.mkdir(parents=True, exist_ok=True)
    (a.out / "crawl.md").write_text(text, encoding="utf-8")
    raw = {"machine": info, "runs": [asdict(r) for r in results]}
    (a.out / "crawl.json").write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
