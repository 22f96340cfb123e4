"""Cool-off for hosts that answer with anti-bot challenges: left alone for a while, retried later, with
the wait growing while the challenges go on. Plain functions over ``HostCooloff`` records (no Scrapy).

A challenge is answered again by an immediate retry, and hammering a challenging host gets the crawler's
address banned; but giving up for ever loses a portal whose block was temporary. So the first challenge
of a run leaves the host alone for ``base`` seconds, each further run that is challenged multiplies the
wait by ``factor`` (up to ``cap``), and the first ordinary answer ends the cool-off.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawler.state import HostCooloff

# Challenges a retry later may pass; soft-404s and login walls are answers about one page, not the host.
CHALLENGE_KINDS = ("ruishu", "jsl", "wzws", "waf", "captcha")
# Stats: runs in a row in which the portal was blocked, counting this one (0: not blocked this run);
# requests not sent because their host was cooling off; ``cooloff/<host>/until`` and ``/strikes``.
BLOCKED_RUNS = "portal/blocked_runs"
COOLOFF_SKIPPED = "blocked/cooloff_skipped"
COOLOFF_PREFIX = "cooloff/"


def now_utc() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def is_active(cooloff: HostCooloff | None, now: datetime) -> bool:
    return cooloff is not None and datetime.fromisoformat(cooloff.until) > now


def delay_seconds(strikes: int, base: float, factor: float, cap: float) -> float:
    """``base`` for the first strike, times ``factor`` for each further one, at most ``cap``."""
    return min(base * factor ** max(strikes - 1, 0), cap)


def strike(
    previous: HostCooloff | None, host: str, kind: str, now: datetime, *, base: float, factor: float, cap: float
) -> HostCooloff:
    """The cool-off after ``host`` challenged us (once per run): one strike more than before."""
    strikes = previous.strikes + 1 if previous else 1
    until = now + timedelta(seconds=delay_seconds(strikes, base, factor, cap))
    first = previous.first_blocked if previous else iso(now)
    return HostCooloff(host=host, kind=kind, strikes=strikes, until=iso(until), first_blocked=first)
