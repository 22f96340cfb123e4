"""A fault-injecting HTTP server for crawl tests: 127.0.0.1 only, and it stops by itself.

Each path has a script of replies, one per hit (the last one repeats), so "503, 503, then the page" or
"reset once, then the page" are one line of data. Every hit is counted per path, so a test can check that
retries stayed bounded. The server shuts down after ``lifetime`` seconds even if a test forgets to.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_DELAY = 10.0  # no reply ever sleeps longer, whatever a script says


@dataclass(frozen=True)
class Reply:
    """One scripted reply. ``action``: ``send`` (normal), ``reset`` (TCP RST, no reply), ``truncate``
    (promise the whole body in Content-Length, send half, close)."""

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    delay: float = 0.0
    action: str = "send"


def page(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> Reply:
    return Reply(status=status, body=body, headers={"Content-Type": content_type})


def redirect(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location})


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection: resets and truncation stay per request

    def do_GET(self) -> None:
        reply = self.server.next_reply(self.path)
        if reply.delay:
            time.sleep(min(reply.delay, MAX_DELAY, max(self.server.deadline - time.monotonic(), 0)))
        if reply.action == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        try:
            self.send_response(reply.status)
            length = len(reply.body)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(reply.body[: length // 2] if reply.action == "truncate" else reply.body)
        except OSError:
            pass  # the client gave up (timeout, size cap): that is the fault under test

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the test asserts on hit counts, not on stderr noise."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: Mapping[str, Sequence[Reply]], lifetime: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.deadline = time.monotonic() + lifetime

    def next_reply(self, path: str) -> Reply:
        with self.lock:
            self.hits[path] += 1
            count = self.hits[path]
        script = self.routes.get(path)
        if not script:
            return page(b"not found", status=404)
        return script[min(count, len(script)) - 1]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Broken connections are the point of this server; do not print tracebacks."""


class FaultServer:
    """Context manager: ``with FaultServer(routes) as srv: srv.url("/news/")``; ``srv.hits[path]``."""

    def __init__(self, routes: Mapping[str, Sequence[Reply]], lifetime: float = 120.0) -> None:
        self._server = _Server(routes, lifetime)
        self._lifetime = lifetime
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._stopped = threading.Event()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def hits(self) -> Counter[str]:
        return self._server.hits

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        watchdog = threading.Timer(self._lifetime, self._server.shutdown)
        watchdog.daemon = True
        watchdog.start()
        try:
            self._server.serve_forever(poll_interval=0.1)
        finally:
            watchdog.cancel()
            self._stopped.set()

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if not self._stopped.is_set():
            self._server.shutdown()
        self._thread.join(timeout=MAX_DELAY + 5)
        self._server.server_close()
