"""Run one benchmark subprocess and measure it: wall time, CPU time and peak memory; describe the machine.

Peak memory is the child's ``ru_maxrss`` from ``os.wait4``: the kernel reports the largest resident set of
the child and of every descendant it waited for, so a runner that starts the real worker (run_cli.py)
reports the worker's peak. That is the largest *single* process; a crawl whose pages are processed in
worker processes also needs the *sum* over its processes, which ``tree_rss=True`` samples from /proc every
0.2 s as proportional set sizes (the one place that polls; no psutil).
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# "323 pages in 8.62s = 37.5 pages/s": the line baselines.py, run_cli.py and bench.inloop print.
RATE_LINE = re.compile(r"(\d+) pages in ([\d.]+)s")


@dataclass(frozen=True)
class Measured:
    returncode: int
    seconds: float  # wall clock of the whole process, start-up included
    cpu_seconds: float  # user + system time of the process and its waited-for children
    peak_rss_mb: float
    stdout: str
    stderr: str
    peak_tree_rss_mb: float = 0.0  # with tree_rss: the largest PSS sum over the process and its descendants


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError, ValueError):
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def _pss_kb(pid: int) -> int:
    """Proportional set size: pages shared with other processes (the workers forked from one warm server)
    count once in the sum, not once per process as resident-set sizes would."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    return 0


class TreeSampler(threading.Thread):
    """Samples the memory of a process and its descendants together (PSS) until told to stop."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(p) for p in _descendants(self.pid)))


def run_measured(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, tree_rss: bool = False
) -> Measured:
    """Run ``cmd`` to completion; output goes through temp files so the wait can be ``wait4``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env)
        sampler = TreeSampler(proc.pid) if tree_rss else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if sampler:
            sampler.done.set()
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; stop Popen from waiting again
        out.seek(0)
        err.seek(0)
        return Measured(
            returncode=proc.returncode,
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            peak_rss_mb=usage.ru_maxrss / 1024,  # KiB on Linux
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_tree_rss_mb=sampler.peak_kb / 1024 if sampler else 0.0,
        )


def parse_rate(stderr: str) -> tuple[int, float]:
    """(pages, seconds) from the last rate line a runner printed; ValueError when it printed none."""
    found = RATE_LINE.findall(stderr)
    if not found:
        raise ValueError(f"no 'N pages in Xs' line in the output:\n{stderr[-2000:]}")
    pages, seconds = found[-1]
    return int(pages), float(seconds)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine(python: str) -> dict[str, str]:
    """What a reader needs to compare numbers across machines."""
    version = subprocess.run([python, "-V"], capture_output=True, text=True).stdout.strip()
    mem_kb = 0
    with contextlib.suppress(OSError, IndexError, ValueError):
        mem_kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
    return {
        "cpu": cpu_model(),
        "cores": str(len(os.sched_getaffinity(0))),
        "memory": f"{mem_kb / 1024 / 1024:.1f} GiB" if mem_kb else "unknown",
        "os": f"{platform.system()} {platform.release()}",
        "python": version,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def git_revision(repo: Path) -> str:
    proc = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return proc.stdout.strip() or "unknown"


def environ_with_path(repo: Path) -> dict[str, str]:
    """The environment for project subprocesses: the repo importable whatever the working directory."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": str(repo) + (os.pathsep + path if path else "")}
