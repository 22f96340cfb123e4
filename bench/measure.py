"""Run one benchmark subprocess and measure it: wall time, CPU time and peak memory; describe the machine.

Peak memory is the child's ``ru_maxrss`` from ``os.wait4``: the kernel reports the largest resident set of
the child and of every descendant it waited for, so a runner that starts the real worker (run_cli.py)
reports the worker's peak. A crawl's page-processing workers are not among those: they are forked by
multiprocessing's fork server, not waited for by the crawl process. So ``tree=True`` also samples every
descendant from /proc every 0.2 s (the one place that polls; no psutil): the memory of all processes
together as proportional set sizes (pages the workers share with their warm fork server count once), the
largest single resident set, and each descendant's CPU time, added to the crawl process's own.
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
    cpu_seconds: float  # user + system time of the process and its waited-for children (with tree: all)
    peak_rss_mb: float  # the largest single process (with tree: any descendant too)
    stdout: str
    stderr: str
    peak_tree_rss_mb: float = 0.0  # with tree: the largest PSS sum over the process and its descendants
    own_cpu_seconds: float = 0.0  # the process and its waited-for children alone (wait4)


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        with contextlib.suppress(OSError, ValueError):
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    return found


def _status_kb(pid: int, field: str) -> int:
    """A size from /proc: ``Pss`` (proportional set size: shared pages count once in a sum over processes)
    from smaps_rollup, ``VmHWM`` (peak resident set) from status."""
    name = "smaps_rollup" if field == "Pss" else "status"
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    return 0


def _cpu_seconds(pid: int) -> float:
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return 0.0


class TreeSampler(threading.Thread):
    """Samples a process and its descendants until told to stop: PSS summed, each one's peak RSS and CPU."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_pss_kb = 0
        self.peak_rss_kb: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            pids = _descendants(self.pid)
            self.peak_pss_kb = max(self.peak_pss_kb, sum(_status_kb(p, "Pss") for p in pids))
            for p in pids[1:]:  # the process itself is measured exactly by wait4
                self.peak_rss_kb[p] = max(self.peak_rss_kb.get(p, 0), _status_kb(p, "VmHWM"))
                self.cpu[p] = max(self.cpu.get(p, 0.0), _cpu_seconds(p))


def run_measured(
    cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, tree: bool = False
) -> Measured:
    """Run ``cmd`` to completion; output goes through temp files so the wait can be ``wait4``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env)
        sampler = TreeSampler(proc.pid) if tree else None
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
        descendants_cpu = sum(sampler.cpu.values()) if sampler else 0.0
        peak_kb = max([usage.ru_maxrss, *(sampler.peak_rss_kb.values() if sampler else [])])  # KiB on Linux
        return Measured(
            returncode=proc.returncode,
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime + descendants_cpu,
            peak_rss_mb=peak_kb / 1024,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_tree_rss_mb=sampler.peak_pss_kb / 1024 if sampler else 0.0,
            own_cpu_seconds=usage.ru_utime + usage.ru_stime,
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
