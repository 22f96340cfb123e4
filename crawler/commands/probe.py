"""``scrapy probe URL``: onboard a portal from its homepage or one news column.

Fetches the page and what it links through the project's downloader (live by default, or ``--replay DIR``
from saved pages in the fixtures layout), prints the columns, CMS family, pagers, sample articles with their
quality scores and any blocked answers, and with ``--write NAME`` saves a validated ``seeds/NAME.yaml``
(``verified: false``) that ``scrapy crawl NAME`` uses as is. Exit status 1 when the page is not a portal
(an article, an error page, a challenge) or no news column came through; 0 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.portals.registry import NAME_RE, RegistryError, load_registry, write_portal
from crawler.probe.entry import Entry, registry_entry
from crawler.probe.report import as_json, render
from crawler.spiderloader import registry_dir
from crawler.spiders.probe import ProbeSpider

if TYPE_CHECKING:
    from pathlib import Path

    from scrapy.crawler import Crawler


class Command(ScrapyCommand):
    requires_project = True
    # A probe reports for itself; Scrapy's INFO log is noise here (-L INFO brings it back).
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        return "[options] URL"

    def short_desc(self) -> str:
        return "Find a portal's news columns, CMS and pagers from one URL; --write NAME saves its registry entry"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--replay", metavar="DIR", help="answer from saved pages under DIR (fixtures layout)")
        parser.add_argument("--write", metavar="NAME", help="write seeds/NAME.yaml (verified: false)")
        parser.add_argument("--force", action="store_true", help="overwrite an existing seeds/NAME.yaml")
        parser.add_argument("--columns", type=int, default=6, help="candidate column pages to read (default 6)")
        parser.add_argument("--samples", type=int, default=3, help="sample articles per column (default 3)")
        parser.add_argument("--json", action="store_true", help="print the findings as one JSON object")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        cmdline = SETTINGS_PRIORITIES["cmdline"]
        # The project replays fixtures by default; a probe is of a live site unless --replay says otherwise.
        if opts.replay:
            self.settings.set("REPLAY_ENABLED", True, priority="cmdline")
            self.settings.set("REPLAY_DIR", opts.replay, priority="cmdline")
        elif (self.settings.getpriority("REPLAY_ENABLED") or 0) < cmdline:
            self.settings.set("REPLAY_ENABLED", False, priority="cmdline")
        if (self.settings.getpriority("LOG_LEVEL") or 0) < cmdline:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")

    def _check(self, args: list[str], opts: argparse.Namespace) -> Path | None:
        if len(args) != 1 or not args[0].startswith(("http://", "https://")):
            raise UsageError("give one http(s) URL: a portal's homepage or a news column page")
        if opts.columns < 1 or opts.samples < 1:
            raise UsageError("--columns and --samples take positive numbers")
        if not opts.write:
            return None
        if not NAME_RE.match(opts.write):
            raise UsageError(f"--write {opts.write!r}: lower-case letters, digits and _, starting with a letter")
        assert self.settings is not None
        directory = registry_dir(self.settings)
        target = directory / f"{opts.write}.yaml"
        if target.exists() and not opts.force:
            raise UsageError(f"{target} exists; --force replaces it")
        taken = {p.name: p.source_file for p in load_registry(directory)} if directory.is_dir() else {}
        if opts.write in taken and taken[opts.write] != str(target):
            raise UsageError(f"--write {opts.write}: the name is taken by {taken[opts.write]}")
        return directory

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        directory = self._check(args, opts)
        assert self.crawler_process is not None
        crawler: Crawler = self.crawler_process.create_crawler(ProbeSpider)
        self.crawler_process.crawl(crawler, url=args[0], max_columns=opts.columns, samples=opts.samples)
        self.crawler_process.start()
        spider = crawler.spider
        if not isinstance(spider, ProbeSpider):
            self.exitcode = 1
            return
        probe = spider.probe
        entry: Entry | None = registry_entry(probe, opts.write or "probed_portal") if probe.ok else None
        written = None
        if entry is not None and directory is not None:
            try:
                write_portal(directory, entry.data)
                written = str(directory / f"{opts.write}.yaml")
            except RegistryError as exc:
                entry.notes.append(f"not written: {exc}")
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        if opts.json:
            print(json.dumps(as_json(probe, entry, written), ensure_ascii=False))
        else:
            print(render(probe, entry, written))
        if not probe.ok or (opts.write and written is None):
            self.exitcode = 1
