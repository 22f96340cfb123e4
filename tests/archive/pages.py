"""Per-page functions for worker pools in tests (imported by the spawned workers, so module-level).

``by_path`` behaves as the real processing except for pages whose URL path names a misbehaviour: it is
what a crawl under test runs (``PROCESS_FUNCTION=tests.archive.pages.by_path``).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from crawler.page import Page
from crawler.workers import Outcome, process

STARTED_ENV = "DEVZONE_TEST_STARTED"  # a file a "stall" page creates when its processing starts
RELEASE_ENV = "DEVZONE_TEST_RELEASE"  # a file whose appearance lets a "stall" page finish


def by_path(page: Page) -> Outcome:
    path = urlsplit(page.url).path
    if "hang" in path:  # a page that never finishes (as lxml can on pathological markup)
        time.sleep(3600)
    if "greedy" in path:  # a page that wants gigabytes (as a text-and-<br> flood does)
        hog = bytearray(4 << 30)
        return Outcome(message=str(len(hog)))
    if "big" in path:  # a page that needs a lot, but less than the budget, every time it is processed
        hog = bytearray(300 << 20)
        del hog
    if "digest" in path:  # what reached the worker, byte for byte
        return Outcome(message=hashlib.sha256(page.body).hexdigest())
    if "frozen" in path:  # how many objects the worker inherited in the collector's permanent generation
        return Outcome(message=str(gc.get_freeze_count()))
    if "slow" in path:  # two thirds of the tests' 3 s budget
        time.sleep(2.0)
    if "crash" in path:
        os._exit(3)
    if "noisy" in path:  # a page whose processing logs a warning
        logging.getLogger("crawler.noisy").warning("odd markup in %s", page.url)
    if "bug" in path:
        raise KeyError("a bug in a processing step")
    if "stall" in path:  # slow until the test says so (or until the budget kills it)
        Path(os.environ[STARTED_ENV]).touch()
        release = Path(os.environ[RELEASE_ENV])
        while not release.exists():
            time.sleep(0.02)
    return process(page)
