"""Entity and region quality on hand-labelled articles, through the extraction CLI, as the project is scored.

    python scripts/eval_entities.py [DATA_DIR ...] [--misses]      (``make eval-entities``)

A DATA_DIR holds one ``<id>.json`` per article: ``text`` (the article as stored, one paragraph per line),
``title``, and the labels ``persons``, ``organizations``, ``places``, ``zones`` (``[{name}]``), ``money``
(``[{text, value_yuan}]`` or ``{text, value, currency}``), ``percents`` (``[{text, value}]``) and ``region``
(``{province, city, county}``, null for a national story); an entity marked ``"optional": true`` is neither
needed nor a false positive. Without arguments: the five seed articles (``tests/entities/labels``), the
real labelled articles of ``tests/real/entities`` and ``../shared/eval/entities-dev``, each when it is there.

Each article becomes a plain page (its title, then one ``<p>`` per line) that goes through
``crawler.extract.extract_one``, the CLI's own function, so no portal region helps. Scoring: names compare
after NFKC, traditional-to-simplified and whitespace removal; organisations, places and zones also match when
one name contains the other (two characters at least), persons only exactly; money matches on amount and
currency within 0.5%, percents on value. Region is right when the province (and the city, when labelled)
matches after dropping administrative suffixes; a story labelled without a region must get no province.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script from anywhere

from crawler.extract import extract_one  # noqa: E402
from crawler.text.simplify import t2s  # noqa: E402

SEEDS = ROOT / "tests" / "entities" / "labels"
REAL = ROOT / "tests" / "real" / "entities"
SHARED_DEV = ROOT.parent / "shared" / "eval" / "entities-dev"
NAMED = ("persons", "organizations", "places", "zones")
TYPES = (*NAMED, "money", "percents")
TOLERANCE = 0.005
REGION_SUFFIX = re.compile(r"(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|地区|自治州|盟|县|区)$")


def load_labelled(directory: Path) -> list[dict[str, Any]]:
    """The labelled articles of a directory, in id order (files without ``text`` are skipped)."""
    labels = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))]
    return [label for label in labels if "text" in label]


def page_html(label: dict[str, Any]) -> str:
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in label["text"].splitlines() if line.strip())
    title = html.escape(label.get("title") or "")
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><div class="content">\n{paragraphs}</div></body></html>'
    )


def predict(labels: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The CLI's output row for each article's page."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="eval-entities-") as tmp:
        for label in labels:
            path = Path(tmp) / f"{label['id']}.html"
            path.write_text(page_html(label), encoding="utf-8")
            rows.append(extract_one(str(path)))
    return rows


def norm(name: Any) -> str:
    return "".join(t2s(unicodedata.normalize("NFKC", str(name or ""))).split())


def region_key(name: Any) -> str:
    name = norm(name)
    return REGION_SUFFIX.sub("", name) if len(name) > 2 else name


def _names_match(a: str, b: str, exact: bool) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return not exact and len(short) >= 2 and short in long


def _amount(item: dict[str, Any], kind: str) -> tuple[str, float] | None:
    if kind == "percents":
        value, currency = item.get("value"), "%"
    else:
        currency = (item.get("currency") or "CNY").upper()
        value = item.get("value_yuan") if currency == "CNY" else item.get("value")
        if value is None and currency == "CNY":
            value = item.get("value")
    try:
        return currency, float(value)
    except (TypeError, ValueError):
        return None


def _close(a: tuple[str, float], b: tuple[str, float]) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) <= TOLERANCE * max(abs(b[1]), 1e-9)


@dataclass
class Scores:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    fp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    hit: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    need: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    region_right: int = 0
    articles: int = 0
    misses: list[str] = field(default_factory=list)

    def precision(self, kind: str) -> float:
        found = self.tp[kind] + self.fp[kind]
        return self.tp[kind] / found if found else 0.0

    def recall(self, kind: str) -> float:
        return self.hit[kind] / self.need[kind] if self.need[kind] else 0.0

    def f1(self, kind: str) -> float:
        p, r = self.precision(kind), self.recall(kind)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def region(self) -> float:
        return self.region_right / self.articles if self.articles else 0.0

    def table(self) -> str:
        lines = [f"{k:14s} P {self.precision(k):.3f}  R {self.recall(k):.3f}  F1 {self.f1(k):.3f}" for k in TYPES]
        return "\n".join([*lines, f"{'region':14s} {self.region:.3f}  ({self.region_right}/{self.articles})"])


def _score_names(scores: Scores, kind: str, label: dict[str, Any], got: set[str]) -> None:
    exact = kind == "persons"
    needed = list(dict.fromkeys(norm(e["name"]) for e in label.get(kind) or [] if not e.get("optional")))
    optional = [norm(e["name"]) for e in label.get(kind) or [] if e.get("optional")]
    for name in got:
        if any(_names_match(name, n, exact) for n in needed):
            scores.tp[kind] += 1
        elif not any(_names_match(name, n, exact) for n in optional):
            scores.fp[kind] += 1
            scores.misses.append(f"{label['id']} {kind} false {name}")
    scores.need[kind] += len(needed)
    for name in needed:
        if any(_names_match(name, g, exact) for g in got):
            scores.hit[kind] += 1
        else:
            scores.misses.append(f"{label['id']} {kind} missed {name}")


def _score_amounts(scores: Scores, kind: str, label: dict[str, Any], got: list[dict[str, Any]]) -> None:
    needed = {a for a in (_amount(e, kind) for e in label.get(kind) or [] if not e.get("optional")) if a}
    found = {a for a in (_amount(e, kind) for e in got) if a}
    for amount in found:
        if any(_close(amount, n) for n in needed):
            scores.tp[kind] += 1
        else:
            scores.fp[kind] += 1
            scores.misses.append(f"{label['id']} {kind} false {amount[1]:g} {amount[0]}")
    scores.need[kind] += len(needed)
    for amount in needed:
        if any(_close(g, amount) for g in found):
            scores.hit[kind] += 1
        else:
            scores.misses.append(f"{label['id']} {kind} missed {amount[1]:g} {amount[0]}")


def _region_right(gold: dict[str, Any] | None, got: dict[str, Any] | None) -> bool:
    gold, got = gold or {}, got or {}
    if not gold.get("province"):
        return not got.get("province")
    if region_key(gold["province"]) != region_key(got.get("province")):
        return False
    return not gold.get("city") or region_key(gold["city"]) == region_key(got.get("city"))


def score(labels: list[dict[str, Any]], rows: list[dict[str, Any]]) -> Scores:
    scores = Scores()
    for label, row in zip(labels, rows, strict=True):
        entities = row.get("entities") or {}
        for kind in NAMED:
            got = {norm(e.get("name")) for e in entities.get(kind) or []} - {""}
            _score_names(scores, kind, label, got)
        for kind in ("money", "percents"):
            _score_amounts(scores, kind, label, entities.get(kind) or [])
        scores.articles += 1
        if _region_right(label.get("region"), row.get("region")):
            scores.region_right += 1
        else:
            region = row.get("region") or {}
            scores.misses.append(
                f"{label['id']} region {label.get('region')} got {region.get('province')}/{region.get('city')}"
                f" ({region.get('basis')})"
            )
    return scores


def evaluate(directory: Path) -> Scores:
    labels = load_labelled(directory)
    return score(labels, predict(labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path, help="directories of labelled articles")
    parser.add_argument("--misses", action="store_true", help="list every miss, false positive and wrong region")
    args = parser.parse_args()
    sets = args.data or [SEEDS, REAL, SHARED_DEV]
    for directory in sets:
        if not directory.is_dir():
            print(f"{directory}: not there, skipped")
            continue
        scores = evaluate(directory)
        print(f"{directory} ({scores.articles} articles)\n{scores.table()}")
        if args.misses:
            print("\n".join(scores.misses))
        print()


if __name__ == "__main__":
    main()
