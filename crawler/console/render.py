"""The terminal side of the run console (rich): progress lines while portals run, the table at the end.

On a terminal the progress lines are one rich ``Progress`` redrawn in place; anywhere else (cron mail,
CI, scrapyd job logs) each running portal prints a plain line every ``interval`` seconds and one when it
finishes, so a log reader sees progress without a screenful of redraws.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.measure import Measurement
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from crawler.console.figures import PortalResult, Row, progress_line, table_rows

# Wide enough that no table cell wraps in a log file or an e-mail (trailing padding is stripped); a
# terminal uses its own width.
PLAIN_WIDTH = 1000
HEADERS = {
    "portal": "portal",
    "lists": "list pages",
    "known": "known",
    "planned": "planned",
    "articles": "articles",
    "new": "new",
    "updated": "updated",
    "duplicates": "duplicates",
    "dropped": "dropped",
    "empty_lists": "empty lists",
    "blocked": "blocked",
    "errors": "errors",
    "feed": "feed",
}


class RunConsole:
    """Progress of the portals of one run, then its table; see the package docstring for the API."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        interval: float = 60.0,
        live: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.console = Console(
            file=self.stream,
            width=None if self.live else PLAIN_WIDTH,
            force_terminal=self.live,
            highlight=False,
            soft_wrap=not self.live,
        )
        self.interval = interval
        self.clock = clock
        self.started: dict[str, float] = {}
        self.printed: dict[str, float] = {}
        self.tasks: dict[str, TaskID] = {}
        self.progress: Progress | None = None
        self.width = 12

    def _label(self, name: str) -> str:
        return name.ljust(self.width)

    def start(self, name: str) -> None:
        """A progress line for ``name`` (a portal, or any unit of work the caller reports on)."""
        now = self.clock()
        self.started[name] = self.printed[name] = now
        self.width = max(self.width, len(name))
        if self.live:
            if self.progress is None:
                self.progress = Progress(
                    SpinnerColumn(finished_text="[green]✓[/]"),
                    TextColumn("{task.description}"),
                    TimeElapsedColumn(),
                    console=self.console,
                )
                self.progress.start()
            self.tasks[name] = self.progress.add_task(f"{self._label(name)} starting", total=None)

    def elapsed(self, name: str) -> float:
        return self.clock() - self.started.get(name, self.clock())

    def update(self, name: str, stats: Mapping[str, Any]) -> None:
        """Redraw ``name``'s line from its stats so far (on a terminal), or print it if ``interval`` passed."""
        line = f"{self._label(name)} {progress_line(stats, self.elapsed(name))}"
        if self.progress is not None and name in self.tasks:
            self.progress.update(self.tasks[name], description=line)
        elif not self.live and self.clock() - self.printed.get(name, 0.0) >= self.interval:
            self.printed[name] = self.clock()
            self.console.print(line, markup=False)

    def finish(self, name: str, stats: Mapping[str, Any]) -> None:
        """``name``'s final line: kept on screen on a terminal, printed once elsewhere."""
        seconds = self.elapsed(name)
        line = f"{self._label(name)} done in {seconds:.1f} s: {progress_line(stats, seconds)}"
        if self.progress is not None and name in self.tasks:
            self.progress.update(self.tasks[name], description=line, total=1, completed=1)
        else:
            self.console.print(line, markup=False)

    def close(self) -> None:
        """Stop redrawing (before the table, or when the caller gives up)."""
        if self.progress is not None:
            self.progress.stop()
            self.progress = None

    def _print_block(self, renderable: Any) -> None:
        """Off a terminal, without the padding rich puts after every cell (log files, e-mail)."""
        if self.live:
            self.console.print(renderable)
            return
        with self.console.capture() as captured:
            self.console.print(renderable)
        for line in captured.get().splitlines():
            self.stream.write(line.rstrip() + "\n")

    def report(self, results: Sequence[PortalResult], logs: Sequence[str] = ()) -> None:
        """The run table, one line per failed monitor, and where the full logs are."""
        self.close()
        if results:
            rows, total = table_rows(list(results))
            table = render_table(rows, total)
            unbounded = self.console.options.update_width(PLAIN_WIDTH)
            if self.live and Measurement.get(self.console, unbounded, table).maximum > self.console.width:
                # A terminal too narrow for the paths: the feed files go under the table, one a line.
                table = render_table(rows, total, feeds=False)
                self._print_block(table)
                for r in rows:
                    self.console.print(f"{r.portal}: {r.feed}", markup=False)
            else:
                self._print_block(table)
        failures = [(r.name, line) for r in results for line in r.failures]
        for name, line in failures:
            self.console.print(Text.assemble(("FAILED", "bold red"), f" {name}: {line}"))
        if results and not failures:
            self.console.print("Monitors: all passed")
        for line in log_lines(logs):
            self.console.print(line, markup=False)


def render_table(rows: list[Row], total: Row, feeds: bool = True) -> Table:
    """Numbers right-aligned; a text column nobody has anything in (no errors, say) is left out."""
    names = [f.name for f in fields(Row) if feeds or f.name != "feed"]
    shown = [n for n in names if any(getattr(r, n) not in ("", None) for r in [*rows, total])]
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in shown:
        numeric = isinstance(getattr(total, name), int)
        # On a narrow terminal the text columns wrap (paths fold); names and numbers never do.
        keep = numeric or name == "portal"
        table.add_column(HEADERS[name], justify="right" if numeric else "left", overflow="fold", no_wrap=keep)
    for r in rows:
        table.add_row(*(str(getattr(r, n)) for n in shown))
    table.add_section()
    table.add_row(*(str(getattr(total, n)) for n in shown), style="bold")
    return table


def log_lines(logs: Sequence[str]) -> list[str]:
    """One line for one log file; one pattern line for a run whose portals each wrote one of the same name."""
    if not logs:
        return []
    if len(logs) == 1:
        return [f"Full log (settings, every message, stats): {logs[0]}"]
    parents = {str(log).rsplit("/", 2)[0] for log in logs}
    names = {str(log).rsplit("/", 1)[-1] for log in logs}
    if len(parents) == 1 and len(names) == 1:
        return [f"Full logs (settings, every message, stats): {parents.pop()}/<portal>/{names.pop()}"]
    return ["Full logs (settings, every message, stats):", *(f"  {log}" for log in logs)]
