"""Spider loader that adds one spider per portal in the registry, so each portal is its own job.

A portal normally needs no code: its spider is derived from ``PortalSpider``. Where a site really needs
code, a ``PortalSpider`` subclass in SPIDER_MODULES with the portal's name is used as the base instead
(it still gets the registry entry); a spider class unrelated to ``PortalSpider`` keeps its name untouched.
Fixture-only portals (``replay_only``) are not spiders at all when crawling live.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from crawler.portals.registry import load_registry
from crawler.spiders.portal import PortalSpider

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def registry_dir(settings: BaseSettings) -> Path:
    """PORTAL_REGISTRY_DIR; a relative path is taken from the project root, so any working directory works."""
    path = Path(settings.get("PORTAL_REGISTRY_DIR", "seeds"))
    return path if path.is_absolute() else PROJECT_ROOT / path


class RegistrySpiderLoader(SpiderLoader):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        live = not settings.getbool("REPLAY_ENABLED", True)
        for portal in load_registry(registry_dir(settings)):
            if portal.replay_only and live:
                continue  # a fixture-only demonstration portal has no live site
            base = self._spiders.get(portal.name, PortalSpider)
            if not issubclass(base, PortalSpider):
                continue
            self._spiders[portal.name] = type(
                f"{portal.name.title().replace('_', '')}Spider", (base,), {"name": portal.name, "portal": portal}
            )
