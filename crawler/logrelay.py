"""Log lines of worker processes, carried to the crawl process and logged there. No Scrapy imports.

Processing workers are forked from a fork server that has no logging set up: without this, their INFO
lines vanish and their warnings reach stderr bare, outside the run's log file, its ``log_count`` stats and
the monitors that read them. A worker collects what it logs and ships it with each page's result; the
crawl logs it again under the same logger name and level.
"""

from __future__ import annotations

import logging

Line = tuple[int, str, str]  # level, logger name, message (with its traceback, if any)


class Collector(logging.Handler):
    """Keeps this process's log records from INFO up until they are taken."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[Line] = []
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.levelno, record.name, self.format(record)))

    def take(self) -> list[Line]:
        lines, self.lines = self.lines, []
        return lines


def collect() -> Collector:
    """Make a collector the root logger's only handler (once per process; a fork inherits it with what it
    holds, so lines logged by the fork server while warming up reach every worker's first result)."""
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, Collector):
            return handler
    collector = Collector()
    root.handlers = [collector]
    root.setLevel(logging.INFO)
    return collector


def relay(lines: list[Line]) -> None:
    """Log a worker's lines in this process, as if logged here."""
    for level, name, message in lines:
        logging.getLogger(name).log(level, "%s", message)
