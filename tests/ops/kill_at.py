"""Run the ``scrapy`` command and SIGKILL it at one chosen moment, for crash tests that cannot rely on
timing: ``python -m tests.ops.kill_at <moment> crawl <spider> -s …``.

Moments:
- ``active_json``: the moment Scrapy rewrites ``JOBDIR/requests.queue/active.json`` when a job stops, right
  after the file was truncated (what a kill or power cut at that moment leaves behind).
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

from scrapy.cmdline import execute
from scrapy.core.scheduler import Scheduler


def _die_while_writing_active_json(self: Any, dqdir: str, state: Any) -> None:
    Path(dqdir, "active.json").open("w", encoding="utf-8").close()  # the rewrite has begun: 0 bytes
    os.kill(os.getpid(), signal.SIGKILL)


MOMENTS = {"active_json": (Scheduler, "_write_dqs_state", _die_while_writing_active_json)}

if __name__ == "__main__":
    owner, name, replacement = MOMENTS[sys.argv[1]]
    setattr(owner, name, replacement)
    sys.argv = ["scrapy", *sys.argv[2:]]
    execute()
