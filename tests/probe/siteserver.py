"""Serve saved sites (fixtures layout: ``info.json`` + body bytes) from a local server on 127.0.0.1.

Every saved response is served at its URL's path and query, whatever its host, with the status, headers
and bytes it was saved with; a probe pointed at ``http://127.0.0.1:PORT/…`` follows the site's own relative
links. Unknown paths answer 404. Built on the fault-injecting test server (tests/hardening/faultserver.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from crawler.replay_index import ReplayIndex
from tests.hardening.faultserver import FaultServer, Reply

LIFETIME = 600.0


def routes(site: Path) -> dict[str, list[Reply]]:
    """Path (and query) of every saved response under ``site`` -> its reply."""
    found: dict[str, list[Reply]] = {}
    for saved in ReplayIndex(site).saved():
        parts = urlsplit(saved.url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        found[path] = [Reply(status=saved.status, body=saved.body(), headers=saved.headers)]
    return found


def serve(*sites: Path) -> FaultServer:
    """A server for one or more saved sites (their paths must not collide)."""
    table: dict[str, list[Reply]] = {}
    for site in sites:
        table.update(routes(site))
    return FaultServer(table, lifetime=LIFETIME)
