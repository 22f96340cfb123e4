"""What the progress lines and the run table say, read from a stats mapping (no Scrapy, no terminal).

Every figure is read generically by stats prefix, so a counter another part of the project adds under a
known prefix (``pages_dropped/<reason>``, ``lists/empty/<why>``, ``blocked/<kind>``, ``errors/<cause>``)
shows up in the table without touching this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from crawler.feeds import PUBLISHED
from crawler.portals.cooloff import COOLOFF_PREFIX, COOLOFF_SKIPPED

# How an error cause reads in the table: summed over hosts (totals row), and per host
# (``errors/<cause>/<host>``). Unknown causes read as "<cause>" and "<cause> at <host>".
ERROR_LABELS: dict[str, tuple[str, str]] = {
    "dns": ("DNS failures", "DNS failure for host {host}"),
    "timeout": ("timeouts", "timeouts from {host}"),
    "connection": ("connection failures", "connection failures to {host}"),
    "tls": ("TLS failures", "TLS failures with {host}"),
    "http_5xx": ("HTTP 5xx", "HTTP 5xx from {host}"),
    "http_4xx": ("HTTP 4xx", "HTTP 4xx from {host}"),
    "robots": ("robots.txt refusals", "robots.txt disallows pages on {host}"),
}
MONITOR_FAILURES = "monitors/failures"  # list of one-line failure descriptions
PLANNED = "reprocess/planned"  # article pages a run knows it will process (scrapy reprocess): its progress total


def count(stats: Mapping[str, Any], key: str) -> int:
    value = stats.get(key, 0)
    return int(value) if isinstance(value, int | float) else 0


def breakdown(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    """``prefix<name>`` counters as {name: count}, without deeper breakdowns (``prefix<name>/<more>``)."""
    found = {k[len(prefix) :]: v for k, v in stats.items() if k.startswith(prefix)}
    return {k: int(v) for k, v in found.items() if "/" not in k and isinstance(v, int | float) and v}


def _largest_first(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def reasons(counts: Mapping[str, int]) -> str:
    """``"no_article_text 2, not_article 1"``: largest first, ties by name; empty when nothing."""
    return ", ".join(f"{k} {v}" for k, v in _largest_first(counts))


def error_label(cause: str, host: str | None = None) -> str:
    """``DNS failure for host www.x.gov.cn`` (or ``DNS failures`` without a host)."""
    summary, template = ERROR_LABELS.get(cause, (cause, f"{cause} at {{host}}"))
    return template.format(host=host) if host else summary


def error_text(stats: Mapping[str, Any], per_host: bool = True) -> str:
    """Errors by named cause and host (``DNS failure for host www.x.gov.cn 2; timeouts from y 1``), or by
    cause alone with the number of hosts (``DNS failures 8 (4 hosts)``) for the totals row."""
    parts = []
    for cause, total in _largest_first(breakdown(stats, "errors/")):
        hosts = breakdown(stats, f"errors/{cause}/")  # the level below a cause is the host
        if per_host and hosts:
            parts += [f"{error_label(cause, h)} {n}" for h, n in _largest_first(hosts)]
        else:
            parts.append(f"{error_label(cause)} {total}" + (f" ({len(hosts)} hosts)" if len(hosts) > 1 else ""))
    return "; ".join(parts)


def _short_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).strftime("%m-%d %H:%M")
    except ValueError:
        return iso


def cooloffs(stats: Mapping[str, Any]) -> dict[str, tuple[str, int]]:
    """Hosts put in (or kept in) cool-off this run: {host: (until, strikes)}."""
    hosts: dict[str, tuple[str, int]] = {}
    for key, value in stats.items():
        if key.startswith(COOLOFF_PREFIX) and key.endswith("/until"):
            host = key[len(COOLOFF_PREFIX) : -len("/until")]
            hosts[host] = (str(value), count(stats, f"{COOLOFF_PREFIX}{host}/strikes"))
    return hosts


def blocked_text(stats: Mapping[str, Any]) -> str:
    """Block pages by kind, then each host in cool-off and the requests skipped because of it."""
    kinds = {k: v for k, v in breakdown(stats, "blocked/").items() if f"blocked/{k}" != COOLOFF_SKIPPED}
    parts = [reasons(kinds)] if kinds else []
    for host, (until, strikes) in sorted(cooloffs(stats).items()):
        parts.append(f"{host} cooling off until {_short_time(until)} (strike {strikes})")
    if skipped := count(stats, COOLOFF_SKIPPED):
        parts.append(f"{skipped} requests skipped in cool-off")
    return "; ".join(parts)


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


@dataclass(frozen=True)
class PortalResult:
    """One portal's run: its name, its stats mapping, and where its log file is (if any)."""

    name: str
    stats: Mapping[str, Any]
    log: str | None = None

    @property
    def feeds(self) -> list[str]:
        return as_list(self.stats.get(PUBLISHED))

    @property
    def failures(self) -> list[str]:
        """One line per failed monitor, naming the monitor and the figure."""
        return as_list(self.stats.get(MONITOR_FAILURES))


@dataclass(frozen=True)
class Row:
    """One line of the run table, every cell ready to print."""

    portal: str
    lists: int
    known: int  # article links skipped: emitted by an earlier run and not updated since
    planned: int | None  # article pages planned, for a run that knows them in advance (None: a crawl)
    articles: int
    new: int
    updated: int
    duplicates: int
    dropped: str
    empty_lists: str
    blocked: str
    errors: str
    feed: str


def _with_total(total: int, detail: str) -> str:
    return f"{total} ({detail})" if total and detail else str(total) if total else ""


def processed(stats: Mapping[str, Any]) -> int:
    """Article pages done: every one that was downloaded and processed either became an item or was dropped."""
    return count(stats, "item_scraped_count") + count(stats, "pages_dropped")


def row(name: str, stats: Mapping[str, Any], feed: str = "", per_host: bool = True) -> Row:
    dropped = breakdown(stats, "pages_dropped/")
    empty = breakdown(stats, "lists/empty/")
    return Row(
        portal=name,
        lists=count(stats, "portal/list_pages"),
        known=count(stats, "incremental/skipped"),
        planned=count(stats, PLANNED) if PLANNED in stats else None,
        # Every article page that was downloaded and processed either became an item or was dropped.
        articles=processed(stats),
        new=count(stats, "items/new"),
        updated=count(stats, "items/updated"),
        duplicates=count(stats, "items/duplicate"),
        dropped=_with_total(count(stats, "pages_dropped") or sum(dropped.values()), reasons(dropped)),
        empty_lists=_with_total(count(stats, "lists/empty") or sum(empty.values()), reasons(empty)),
        blocked=blocked_text(stats),
        errors=error_text(stats, per_host),
        feed=feed,
    )


def summed(stats: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Numeric stats added up key by key (the totals row reads them like one portal's stats)."""
    total: dict[str, int] = {}
    for one in stats:
        for key, value in one.items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                total[key] = total.get(key, 0) + int(value)
    return total


def table_rows(results: list[PortalResult]) -> tuple[list[Row], Row]:
    """The portal rows and the totals row (counts summed; the feed cell counts the feed files)."""
    rows = [row(r.name, r.stats, ", ".join(r.feeds) or "no new articles") for r in results]
    files = sum(len(r.feeds) for r in results)
    feeds = f"{files} feed file{'s' if files != 1 else ''}"
    total = row("total", summed(r.stats for r in results), feeds, per_host=len(results) == 1)
    return rows, total


def progress_line(stats: Mapping[str, Any], elapsed: float) -> str:
    """A running portal in one line: articles done of those planned (when a plan is known), pages fetched,
    items new / updated, dropped, blocked, errors, rate."""
    pages = count(stats, "downloader/response_count")
    parts = [f"{processed(stats)} of {count(stats, PLANNED)} articles"] if PLANNED in stats else []
    parts += [
        f"{pages} pages",
        f"{count(stats, 'portal/list_pages')} lists",
        f"{count(stats, 'items/new')} new",
        f"{count(stats, 'items/updated')} updated",
        f"{count(stats, 'pages_dropped')} dropped",
    ]
    if blocked := sum(v for k, v in breakdown(stats, "blocked/").items() if f"blocked/{k}" != COOLOFF_SKIPPED):
        parts.append(f"{blocked} blocked")
    if errors := sum(breakdown(stats, "errors/").values()):
        parts.append(f"{errors} errors")
    rate = pages / elapsed * 60 if elapsed > 0 else 0.0
    parts.append(f"{rate:.0f} pages/min")
    return " · ".join(parts)
