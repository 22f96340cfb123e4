"""A truthful User-Agent: the crawler's name and version, what it is, and a contact page of whoever runs it.

Government webmasters who see unusual traffic look for a way to reach the operator; a browser disguise
would deny them that. ``CONTACT_URL`` (setting, or the ``DEVZONE_CONTACT_URL`` environment variable) is
that page; ``UserAgentAddon`` builds USER_AGENT from it unless USER_AGENT itself was set. robots.txt
rules for ``devzone-news`` apply to this crawler.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

NAME = "devzone-news"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def version() -> str:
    """The installed package's version, else the checkout's pyproject.toml (``make venv`` installs none)."""
    try:
        return metadata.version(NAME)
    except metadata.PackageNotFoundError:
        pass
    try:
        return str(tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def user_agent(contact_url: str) -> str:
    return f"{NAME}/{version()} (+{contact_url}; news research crawler; respects robots.txt)"


class UserAgentAddon:
    def update_settings(self, settings: BaseSettings) -> None:
        if (settings.getpriority("USER_AGENT") or 0) <= SETTINGS_PRIORITIES["project"]:
            settings.set("USER_AGENT", user_agent(settings.get("CONTACT_URL")), priority="project")
