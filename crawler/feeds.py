"""Feed URI parameters: partition feed files by spider and run date for the warehouse loader."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from crawler.page import CHINA_TZ


def uri_params(params: dict[str, Any], spider: Any) -> dict[str, Any]:
    """Adds ``run_date`` (China time) and ``feeds_dir`` (the FEEDS_DIR setting) to the feed URI."""
    return {
        **params,
        "run_date": datetime.now(CHINA_TZ).strftime("%Y-%m-%d"),
        "feeds_dir": spider.crawler.settings.get("FEEDS_DIR", "feeds"),
    }
