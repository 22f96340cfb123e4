"""Load published feed files into a DuckDB ``articles`` table, one row per article id.

    python scripts/load_duckdb.py warehouse.duckdb feeds/            # every spider, every run date
    python scripts/load_duckdb.py warehouse.duckdb feeds/tianmen/2024-05-01

Re-loading is idempotent, and an updated article (same id, later ``crawled_at``) replaces its row
whatever order the files are loaded in; on a tie (same second) the later load wins. ``.part`` files
(a run still writing, or a crashed one) are never read. COLUMNS is the warehouse typing of
crawler/schemas/article.schema.json (schema_version 2.0).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("schema_version", "VARCHAR"),
    ("url", "VARCHAR"),
    ("canonical_url", "VARCHAR"),
    ("site", "VARCHAR"),
    ("site_name", "VARCHAR"),
    ("spider", "VARCHAR"),
    ("crawled_at", "TIMESTAMP WITH TIME ZONE"),
    ("title", "VARCHAR"),
    ("subtitle", "VARCHAR"),
    ("published_date", "DATE"),
    ("published_at", "TIMESTAMP WITH TIME ZONE"),
    ("updated_date", "DATE"),
    ("updated_at", "TIMESTAMP WITH TIME ZONE"),
    ("source", "VARCHAR"),
    ("authors", "VARCHAR[]"),
    ("editors", "VARCHAR[]"),
    ("photographers", "VARCHAR[]"),
    ("column", "VARCHAR"),
    ("body", "VARCHAR"),
    ("images", "STRUCT(url VARCHAR, caption VARCHAR)[]"),
    ("attachments", 'STRUCT("name" VARCHAR, url VARCHAR, "type" VARCHAR)[]'),
    ("gov", "JSON"),
    ("entities", "JSON"),
    ("region", "STRUCT(province VARCHAR, city VARCHAR, county VARCHAR, adcode VARCHAR, basis VARCHAR)"),
    ("keywords", "VARCHAR[]"),
    ("quality", "JSON"),
    ("content_hash", "VARCHAR"),
    ("duplicate_of", "VARCHAR"),
)


def feed_files(root: Path) -> list[Path]:
    return sorted(p for pattern in ("*.jsonl", "*.jsonl.gz") for p in root.rglob(pattern) if "_stats" not in p.parts)


def _q(name: str) -> str:
    return f'"{name}"'  # "column" is a reserved word


def create_table(con: duckdb.DuckDBPyConnection) -> None:
    cols = ", ".join(f"{_q(n)} {t}" for n, t in COLUMNS)
    con.execute(f"CREATE TABLE IF NOT EXISTS articles ({cols}, PRIMARY KEY (id))")


def load(con: duckdb.DuckDBPyConnection, files: list[Path]) -> int:
    """Upsert the rows of ``files``; returns how many rows were read."""
    create_table(con)
    if not files:
        return 0
    spec = "{" + ", ".join(f"'{n}': '{t}'" for n, t in COLUMNS) + "}"
    source = f"read_json(?, format='newline_delimited', columns={spec})"
    names = ", ".join(_q(n) for n, _ in COLUMNS)
    updates = ", ".join(f"{_q(n)} = excluded.{_q(n)}" for n, _ in COLUMNS if n != "id")
    paths = [str(p) for p in files]
    read = con.execute(f"SELECT count(*) FROM {source}", [paths]).fetchone()
    con.execute(
        f"INSERT INTO articles ({names}) "
        f"SELECT {names} FROM {source} QUALIFY row_number() OVER (PARTITION BY id ORDER BY crawled_at DESC) = 1 "
        f"ON CONFLICT (id) DO UPDATE SET {updates} WHERE excluded.crawled_at >= articles.crawled_at",
        [paths],
    )
    return int(read[0]) if read else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database", help="DuckDB database file (created if missing)")
    parser.add_argument("feeds", type=Path, help="feeds directory, or one spider / run-date partition of it")
    args = parser.parse_args()
    with duckdb.connect(args.database) as con:
        read = load(con, feed_files(args.feeds))
        total = con.execute("SELECT count(*) FROM articles").fetchone()
    print(f"read {read} rows; articles table now holds {total[0] if total else 0}")


if __name__ == "__main__":
    main()
