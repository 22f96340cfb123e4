"""While a crawl is open, what the crawl process held at its start is out of the collector's walks, and
start-up's garbage was freed first; at close, everything is collectable again (for the next crawl)."""

from __future__ import annotations

import gc
import weakref

from scrapy import signals
from scrapy.utils.test import get_crawler

from crawler.extensions.gc_freeze import FreezeStartup
from crawler.settings import EXTENSIONS


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def walked(obj: object) -> bool:
    return any(o is obj for o in gc.get_objects())  # the frozen generation is not among these


def test_start_up_objects_are_frozen_for_the_crawl_and_released_at_close() -> None:
    gc.unfreeze()
    crawler = get_crawler(settings_dict={"EXTENSIONS_BASE": {}})
    _extension = FreezeStartup.from_crawler(crawler)  # held (signals keep weak references), as a crawl holds it
    held = Node()
    garbage = weakref.ref(Node())
    assert walked(held) and garbage() is not None

    crawler.signals.send_catch_log(signals.spider_opened, spider=None)
    made_later = Node()
    assert garbage() is None  # collected before the freeze, not pinned for the whole crawl
    assert gc.get_freeze_count() > 0
    assert not walked(held)
    assert walked(made_later)  # what the crawl makes is collected as usual

    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert gc.get_freeze_count() == 0
    assert walked(held)


def test_the_project_turns_it_on() -> None:
    assert "crawler.extensions.gc_freeze.FreezeStartup" in EXTENSIONS
