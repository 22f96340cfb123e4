"""Spider loader that adds one spider per portal in the registry, so each portal is its own job."""

from __future__ import annotations

from pathlib import Path

from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from crawler.portals.registry import load_registry
from crawler.spiders.portal import PortalSpider


class RegistrySpiderLoader(SpiderLoader):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        for portal in load_registry(Path(settings.get("PORTAL_REGISTRY_DIR", "seeds"))):
            if portal.name in self._spiders:
                continue  # a hand-written spider class for this portal takes precedence
            self._spiders[portal.name] = type(
                f"{portal.name.title().replace('_', '')}Spider",
                (PortalSpider,),
                {"name": portal.name, "portal": portal},
            )
