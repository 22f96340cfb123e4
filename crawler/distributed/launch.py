"""Start N local workers of one spider against one Redis: the demo behind ``make run-distributed``.

    python -m crawler.distributed.launch tianmen --workers 3 --redis-url redis://127.0.0.1:6379/0

Every worker is a plain ``scrapy crawl`` process with the same run id, so they share one queue; on
real fleets you run that same command on each machine instead (docs/distributed.md). Each worker logs
to ``<log dir>/<worker>.log``; the exit code is non-zero if any worker failed.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from crawler import rx
from crawler.distributed.keys import safe_token
from crawler.distributed.masking import mask, url_secrets

ITEMS = rx.compile(r"'item_scraped_count': (\d+)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spider")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("DEVZONE_REDIS_URL") or "redis://127.0.0.1:6379/0",
        help="default: $DEVZONE_REDIS_URL (keeps a password off the command line), else a local Redis",
    )
    parser.add_argument("--run-id", default=f"demo-{datetime.now():%Y%m%dT%H%M%S}", help="default: a fresh run")
    parser.add_argument("--log-dir", type=Path, default=Path("logs/distributed"))
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="extra settings")
    args = parser.parse_args(argv)
    scrapy = str(Path(sys.executable).parent / "scrapy")
    log_dir = args.log_dir / safe_token(args.run_id)
    log_dir.mkdir(parents=True, exist_ok=True)
    host = safe_token(socket.gethostname())
    env = {**os.environ, "DEVZONE_REDIS_URL": args.redis_url}  # read by crawler/settings.py
    workers: dict[str, subprocess.Popen[bytes]] = {}
    for n in range(1, args.workers + 1):
        name = f"{host}-w{n}"
        cmd = [scrapy, "crawl", args.spider, "-s", f"DISTRIBUTED_RUN_ID={args.run_id}"]
        cmd += ["-s", f"DISTRIBUTED_WORKER_ID={name}"]
        for setting in args.set:
            cmd += ["-s", setting]
        with (log_dir / f"{name}.log").open("wb") as log:
            workers[name] = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    secrets = url_secrets(args.redis_url)
    print(f"run {args.run_id}: {args.workers} workers on {mask(args.redis_url, secrets)}, logs in {log_dir}")
    failed = 0
    for name, proc in workers.items():
        code = proc.wait()
        found = ITEMS.findall((log_dir / f"{name}.log").read_text("utf-8", errors="replace"))
        print(f"  {name}: exit {code}, {found[-1] if found else 0} items")
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
