"""Page-set benchmark: the project's full pipeline against trafilatura and GNE on the same labelled pages.

    python -m bench.pageset --peer-python .venv-bench/bin/python [--data DIR] [--quick] [--out bench-results]

Every system runs as a whole process (interpreter start-up, imports and all pages: what a cron job pays)
and in-loop (the clock around the extraction loop only, the figure papers quote), in alternating order
over several rounds; medians are reported. The project runs through the extraction CLI
(``python -m crawler.extract`` via ../shared/eval/run_cli.py) and ``bench.inloop``; the peers through
../shared/eval/baselines.py in the separate benchmark environment; every prediction file is scored by
../shared/eval/score.py. Those scripts are called where they are, never copied.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import (
    Measured,
    environ_with_path,
    git_revision,
    machine,
    markdown_table,
    parse_rate,
    run_measured,
)

REPO = Path(__file__).resolve().parent.parent
OURS = "ours"
PEERS = ("trafilatura", "gne")
QUICK_EVERY = 3  # quick mode keeps every third page
# Quality columns in the order they are shown; (source, metric) pairs absent from a data set are skipped.
QUALITY_COLUMNS = (
    ("ALL", "body_f1"),
    ("daniel", "body_f1"),
    ("magic_html", "body_f1"),
    ("cwced", "body_f1"),
    ("daniel", "title_acc"),
    ("cwced", "date_acc"),
    ("cwced", "author_acc"),
)


@dataclass
class Tally:
    """One system's measurements over the rounds."""

    whole: list[float] = field(default_factory=list)  # pages/second, whole process
    loop: list[float] = field(default_factory=list)  # pages/second, extraction loop only
    rss_whole: list[float] = field(default_factory=list)
    rss_loop: list[float] = field(default_factory=list)
    cpu_whole: list[float] = field(default_factory=list)  # pages per CPU-second, whole process
    quality: dict[str, dict[str, float]] = field(default_factory=dict)


def subset(data: Path, work: Path, every: int) -> Path:
    """A labelled set holding every ``every``-th page of ``data`` (symlinked, nothing copied)."""
    out = work / f"{data.name}-every{every}"
    out.mkdir(parents=True, exist_ok=True)
    rows = (data / "index.jsonl").read_text(encoding="utf-8").splitlines()
    kept = rows[::every]
    for source in {json.loads(r)["html_file"].split("/")[0] for r in kept}:
        link = out / source
        if not link.exists():
            link.symlink_to((data / source).resolve(), target_is_directory=True)
    (out / "index.jsonl").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return out


def fixture_set(fixtures: Path, work: Path) -> Path:
    """A labelled set built from the project's own saved pages, labels taken from their expected*.json."""
    out = work / "fixtures-set"
    rows = []
    for info_path in sorted(fixtures.rglob("info.json")):
        case = info_path.parent
        info = json.loads(info_path.read_text(encoding="utf-8"))
        body = case / info.get("body", "body.html")
        if info.get("status", 200) != 200 or not body.exists():
            continue
        source, case_id = case.parent.name, f"{case.parent.name}_{case.name}"
        expected: dict[str, object] = {}
        for path in sorted(case.glob("expected*.json")):
            expected.update(json.loads(path.read_text(encoding="utf-8")))
        labels = {"title": expected.get("title"), "body": expected.get("body"), "publish_time": None}
        if isinstance(expected.get("published_date"), str):
            labels["publish_time"] = expected["published_date"]
        if isinstance(expected.get("published_at"), str):
            labels["publish_time"] = expected["published_at"]
        gt = {"id": case_id, **labels, "gt_fields": [k for k, v in labels.items() if v]}
        (out / source).mkdir(parents=True, exist_ok=True)
        (out / source / f"{case.name}.html").write_bytes(body.read_bytes())
        (out / source / f"{case.name}.json").write_text(json.dumps(gt, ensure_ascii=False), encoding="utf-8")
        rows.append({"id": case_id, "source_dataset": source, "html_file": f"{source}/{case.name}.html"})
    if not rows:
        raise SystemExit(f"no saved pages under {fixtures}")
    (out / "index.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return out


def choose_data(data: Path | None, shared: Path, work: Path, quick: bool) -> tuple[Path, str]:
    """The labelled set to run and how to name it: --data, else ../shared/eval/dev, else the fixtures."""
    label = str(data)
    if data is None:
        dev = shared / "eval" / "dev"
        if (dev / "index.jsonl").exists():
            data, label = dev, str(dev)
        else:
            data, label = fixture_set(REPO / "fixtures", work), "fixtures/"
    if not (data / "index.jsonl").exists():
        raise SystemExit(f"{data}: no index.jsonl (a labelled page set, see ../shared/eval/README.md)")
    if quick:
        return subset(data, work, QUICK_EVERY), f"every {QUICK_EVERY}rd page of {label}"
    return data, label


@dataclass(frozen=True)
class Runner:
    """How to start each system on a page set."""

    shared: Path
    python: str
    peer_python: str

    def script(self, name: str) -> str:
        path = self.shared / "eval" / name
        if not path.exists():
            raise SystemExit(f"{path} is missing: the page-set bench calls the shared eval scripts")
        return str(path)

    def ours_whole(self, data: Path, pred: Path) -> Measured:
        cmd = [self.python, self.script("run_cli.py"), "--data", str(data), "--out", str(pred), "--"]
        return run_measured([*cmd, self.python, "-m", "crawler.extract"], cwd=REPO, env=environ_with_path(REPO))

    def ours_loop(self, data: Path, pred: Path) -> Measured:
        cmd = [self.python, "-m", "bench.inloop", "--data", str(data), "--out", str(pred)]
        return run_measured(cmd, cwd=REPO, env=environ_with_path(REPO))

    def peer(self, system: str, data: Path, pred: Path) -> Measured:
        cmd = [self.peer_python, self.script("baselines.py"), "--data", str(data), "--system", system]
        return run_measured([*cmd, "--out", str(pred)], cwd=REPO)

    def score(self, data: Path, pred: Path) -> dict[str, dict[str, float]]:
        cmd = [self.python, self.script("score.py"), "--data", str(data), "--pred", str(pred), "--json"]
        return json.loads(checked(run_measured(cmd, cwd=REPO), "score.py").stdout)


def checked(m: Measured, what: str) -> Measured:
    if m.returncode != 0:
        raise SystemExit(f"{what} failed (exit {m.returncode}):\n{m.stderr[-3000:]}")
    return m


def run_round(runner: Runner, systems: list[str], data: Path, work: Path, tallies: dict[str, Tally]) -> None:
    """One run of every system, in the order given (the caller rotates it between rounds)."""
    for system in systems:
        tally = tallies[system]
        pred = work / f"{system}.jsonl"
        if system == OURS:
            whole = checked(runner.ours_whole(data, pred), "the extraction CLI")
            dates_for_shared_scorer(pred)
            pages, seconds = parse_rate(whole.stderr)
            tally.whole.append(pages / seconds)
            tally.rss_whole.append(whole.peak_rss_mb)
            tally.cpu_whole.append(pages / whole.cpu_seconds)
            loop = checked(runner.ours_loop(data, work / f"{system}-loop.jsonl"), "bench.inloop")
            tally.loop.append(rate(loop))
            tally.rss_loop.append(loop.peak_rss_mb)
        else:
            m = checked(runner.peer(system, data, pred), f"baselines.py --system {system}")
            pages, _ = parse_rate(m.stderr)
            tally.whole.append(pages / m.seconds)
            tally.loop.append(rate(m))
            tally.rss_whole.append(m.peak_rss_mb)
            tally.rss_loop.append(m.peak_rss_mb)
            tally.cpu_whole.append(pages / m.cpu_seconds)
        if not tally.quality:
            tally.quality = runner.score(data, pred)
        line = f"whole {tally.whole[-1]:7.1f} p/s  loop {tally.loop[-1]:7.1f} p/s  {tally.cpu_whole[-1]:7.1f} p/CPU-s"
        print(f"  {system:12s} {line}", file=sys.stderr)


def dates_for_shared_scorer(pred: Path) -> None:
    """The shared score.py reads only ``published_at``; schema 2.0 leaves it null on date-only pages and gives
    the day in ``published_date``, so the day is copied over for scoring (the prediction file only)."""
    rows = [json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        if not row.get("published_at") and row.get("published_date"):
            row["published_at"] = row["published_date"]
    pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def rate(m: Measured) -> float:
    pages, seconds = parse_rate(m.stderr)
    return pages / seconds


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(tallies: dict[str, Tally], data: str, pages: int, rounds: int, info: dict[str, str]) -> str:
    """The markdown section BENCHMARKS.md carries."""
    ours = tallies.get(OURS)
    rows = []
    for system, t in tallies.items():
        ratio_whole = ratio_loop = ratio_cpu = "—"
        if ours and system != OURS:
            ratio_whole = f"{median(ours.whole) / median(t.whole):.2f}×"
            ratio_loop = f"{median(ours.loop) / median(t.loop):.2f}×"
            ratio_cpu = f"{median(ours.cpu_whole) / median(t.cpu_whole):.2f}×"
        rows.append(
            [
                system,
                f"{median(t.whole):.1f}",
                f"{median(t.loop):.1f}",
                f"{median(t.cpu_whole):.1f}",
                f"{max(t.rss_whole):.0f}",
                f"{max(t.rss_loop):.0f}",
                ratio_whole,
                ratio_loop,
                ratio_cpu,
            ]
        )
    speed = markdown_table(
        [
            "system",
            "whole process pages/s",
            "in-loop pages/s",
            "pages per CPU-s (whole)",
            "peak RSS MB (whole)",
            "peak RSS MB (loop)",
            "ours ÷ system (whole)",
            "ours ÷ system (loop)",
            "ours ÷ system (CPU)",
        ],
        rows,
    )
    columns = [c for c in QUALITY_COLUMNS if any(c[1] in t.quality.get(c[0], {}) for t in tallies.values())]
    quality = markdown_table(
        ["system"] + [f"{source} {metric}" for source, metric in columns],
        [
            [system] + [fmt(t.quality.get(source, {}).get(metric)) for source, metric in columns]
            for system, t in tallies.items()
        ],
    )
    machine_line = ", ".join(f"{k}: {v}" for k, v in info.items())
    return (
        f"Page set `{data}`: {pages} pages, {rounds} round(s), medians shown. Machine: {machine_line}.\n\n"
        f"{speed}\n\n{quality}\n"
    )


def fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, help="labelled page set (default ../shared/eval/dev, else fixtures/)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--python", default=sys.executable, help="the project's interpreter")
    ap.add_argument("--peer-python", default=str(REPO / ".venv-bench" / "bin" / "python"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help=f"one round over every {QUICK_EVERY}rd page")
    ap.add_argument("--systems", default=",".join((OURS, *PEERS)))
    ap.add_argument("--out", type=Path, default=REPO / "bench-results")
    a = ap.parse_args(argv)
    systems = a.systems.split(",")
    rounds = 1 if a.quick else a.rounds
    runner = Runner(a.shared.resolve(), a.python, a.peer_python)
    a.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        work = Path(tmp)
        data, label = choose_data(a.data, a.shared, work, a.quick)
        pages = len((data / "index.jsonl").read_text(encoding="utf-8").splitlines())
        tallies = {s: Tally() for s in systems}
        for r in range(rounds):
            print(f"round {r + 1}/{rounds} on {pages} pages", file=sys.stderr)
            run_round(runner, systems[r % len(systems) :] + systems[: r % len(systems)], data, work, tallies)
    info = {**machine(a.python), "revision": git_revision(REPO)}
    text = report(tallies, label, pages, rounds, info)
    (a.out / "pages.md").write_text(text, encoding="utf-8")
    raw = {"machine": info, "pages": pages, "rounds": rounds, "systems": {s: vars(t) for s, t in tallies.items()}}
    (a.out / "pages.json").write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
