"""What one answer of a portal's start URL says about the portal (``scrapy check-portals --live``).

Plain functions over the answer (status, headers, bytes, decoded text) and the registry entry, so the
check reads a column page exactly as the crawl does: the same blocked-page rules, the same list reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.portals.blocked import detect_blocked
from crawler.portals.reader import read_list
from crawler.portals.registry import Portal, host_allowed

# Statuses, worst first is not implied: any but "reachable" makes the check exit non-zero.
REACHABLE = "reachable"
BLOCKED = "blocked"
REDIRECTED = "redirected elsewhere"
NO_LINKS = "no article links"
UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class Health:
    status: str
    detail: str

    @property
    def ok(self) -> bool:
        return self.status == REACHABLE


def check_answer(
    portal: Portal, asked: str, final: str, status: int, headers: dict[str, str], body: bytes, markup: str
) -> Health:
    """The health of one start URL from its final answer (redirects followed; ``final`` is where to)."""
    blocked = detect_blocked(status, headers, body, "list")
    if blocked is not None:
        return Health(BLOCKED, f"{blocked.kind} challenge ({blocked.reason})")
    if not host_allowed(urlsplit(final).hostname or "", portal.allowed_domains):
        return Health(REDIRECTED, f"redirected to {final}, outside allowed_domains {list(portal.allowed_domains)}")
    if not 200 <= status < 300:
        return Health(UNREACHABLE, f"HTTP {status}")
    family = portal.cms if portal.cms not in (None, "generic") else None
    page = read_list(markup, final, portal.selectors.get("list"), portal.article_urls, family)
    entries, family = page.entries, page.family
    moved = f"; redirected to {final}" if final != asked else ""
    if not entries and page.requests:
        apis = len(page.requests)
        return Health(REACHABLE, f"list loaded by script from {apis} API request(s) (CMS {family or 'unknown'}){moved}")
    if not entries:
        why = (page.empty_reason or "template_changed").replace("_", " ")
        return Health(NO_LINKS, f"no article links (CMS {family or 'unknown'}): {why}{moved}")
    dates = [e.date for e in entries if e.date]
    newest = f", newest {max(dates).isoformat()}" if dates else ""
    return Health(REACHABLE, f"{len(entries)} article links (CMS {family or 'unknown'}){newest}{moved}")


def check_failure(what: str, message: str) -> Health:
    """A start URL that gave no answer (``what``: "DNS failure for host …", "timeouts from …")."""
    return Health(UNREACHABLE, f"{what} ({message})")
