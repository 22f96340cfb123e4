"""scrapyd for this project refuses to start without a real login.

scrapyd enables basic auth only when a user name and a password are both set, and lets the environment
(``SCRAPYD_USERNAME`` / ``SCRAPYD_PASSWORD``) win over its config files, so a password written in a shipped
``scrapyd.conf`` is a password every checkout shares. ``scrapyd.conf`` therefore names no password and points
scrapyd's ``application`` option here: the daemon starts only when a real one is set (not empty, not a
placeholder, at least MIN_PASSWORD characters, not the user name), and says why otherwise.

Start it from the project checkout (so this module and ``./scrapyd.conf`` are found)::

    SCRAPYD_USERNAME=ops SCRAPYD_PASSWORD='…' .venv/bin/python -m crawler.scrapyd_guard

A plain ``scrapyd`` started where this module cannot be imported refuses to start as well (it cannot load
the application), so no path leads to a daemon without a login.
"""

from __future__ import annotations

import os
import sys
from typing import Any

MIN_PASSWORD = 12
# Passwords that are no secret: defaults and placeholders of scrapyd, of this project's old scrapyd.conf,
# and the usual examples.
PLACEHOLDERS = ("change-me", "changeme", "change_me", "placeholder", "password", "passw0rd", "scrapyd", "secret")


def credentials_problem(username: str, password: str) -> str | None:
    """Why this login cannot protect a scrapyd that runs crawls on request, or None."""
    if not username or not password:
        return "no login is set (SCRAPYD_USERNAME and SCRAPYD_PASSWORD)"
    lowered = password.lower()
    if any(word in lowered for word in PLACEHOLDERS):
        return "the password is a placeholder"
    if len(password) < MIN_PASSWORD:
        return f"the password is shorter than {MIN_PASSWORD} characters"
    if password == username:
        return "the password is the user name"
    return None


def application(config: Any) -> Any:
    """scrapyd's ``application`` option: check the login scrapyd will use, then build scrapyd's own app."""
    from scrapyd.app import application as scrapyd_application

    username = os.getenv("SCRAPYD_USERNAME") or config.get("username", "")
    password = os.getenv("SCRAPYD_PASSWORD") or config.get("password", "")
    problem = credentials_problem(username, password)
    if problem:
        raise SystemExit(
            f"scrapyd refuses to start: {problem}. Set SCRAPYD_USERNAME and a long random SCRAPYD_PASSWORD in the "
            "environment of the service (docs/operations.md, 'scrapyd')."
        )
    return scrapyd_application(config)


def main() -> None:
    from scrapyd.__main__ import main as scrapyd_main

    sys.argv[0] = "scrapyd"
    scrapyd_main()


if __name__ == "__main__":
    main()
