"""``scrapy extract FILE ...``: the extraction CLI as a Scrapy command (same processing, same output)."""

from __future__ import annotations

import argparse
import sys
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.extract import run


class Command(ScrapyCommand):
    requires_project = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--url URL] FILE [FILE ...]"

    def short_desc(self) -> str:
        return "Extract articles from saved pages, one JSON line per file"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the page's URL (only with a single input)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args or (opts.url and len(args) != 1):
            raise UsageError
        sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
        run(args, sys.stdout, opts.url)
