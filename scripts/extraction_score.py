"""Scoring extraction output against labels: the shared dev set (body, title, date, author) and hand-labelled
real pages (``tests/real``: the date a reader sees, source, people, first and last sentences, chrome that must
not leak, captions, attachments, 政务公开 fields, pages that are not articles).

Strings are compared after NFKC, traditional -> simplified (our bodies are simplified) and removing all
whitespace, so line breaks and spaces carry no meaning. ``scripts/eval.py`` prints these figures and
``tests/test_real_pages.py`` holds them to floors.
"""

from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import opencc

_T2S = opencc.OpenCC("t2s")
_WS = re.compile(r"\s+")
GOV_FIELDS = ("index_no", "topic", "issuer", "written_date", "doc_no", "published_date", "validity")
NAME_SPLIT = re.compile(r"[\s、,，;；]+")
LABEL_DATE = re.compile(r"(\d{4})(?:\D+(\d{1,2}))?(?:\D+(\d{1,2}))?(?:\D+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


@cache
def norm(text: str | None) -> str:
    if not text:
        return ""
    return _WS.sub("", _T2S.convert(unicodedata.normalize("NFKC", text))).lower()


def bigram_f1(pred: str | None, gold: str | None) -> float:
    p, g = norm(pred), norm(gold)
    pc, gc = Counter(p[i : i + 2] for i in range(len(p) - 1)), Counter(g[i : i + 2] for i in range(len(g) - 1))
    hit = sum((pc & gc).values())
    if not hit:
        return 0.0
    precision, recall = hit / sum(pc.values()), hit / sum(gc.values())
    return 2 * precision * recall / (precision + recall)


def date_parts(text: str | None) -> tuple[int, ...]:
    """(year, month, day, hour, minute[, second]) as far as ``text`` gives them."""
    m = LABEL_DATE.search(text or "")
    return tuple(int(x) for x in m.groups() if x is not None) if m else ()


def predicted_date(row: dict[str, Any]) -> str | None:
    """The row's publication date: published_at when it has a time, else published_date (schema 2.0)."""
    return row.get("published_at") or row.get("published_date")


def date_ok(row: dict[str, Any], label: str, with_time: bool = False) -> bool:
    """The day (or, ``with_time``, everything the label gives) matches."""
    want = date_parts(label)
    if not with_time:
        want = want[:3]
    got = date_parts(predicted_date(row))
    return bool(want) and got[: len(want)] == want


def names_found(found: Iterable[str], names: Iterable[str]) -> bool:
    have = norm("".join(found))
    wanted = [norm(n) for n in names if norm(n)]
    return bool(wanted) and bool(have) and all(n in have for n in wanted)


def mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None


@dataclass
class Tally:
    """Per-metric lists of 0/1 (or 0..1) outcomes; ``summary`` averages each."""

    values: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    pages: int = 0

    def add(self, metric: str, value: float | bool) -> None:
        self.values[metric].append(float(value))

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pages": self.pages}
        for metric, vals in sorted(self.values.items()):
            out[metric] = mean(vals)
            out[f"{metric}_n"] = len(vals)
        return out


# ---- the shared dev set (labels by people outside this project) ----------------------------------------------


def dev_cases(data: Path) -> list[tuple[dict[str, Any], Path]]:
    """(gold, page) for every scored page of a shared set (index.jsonl + <source>/<id>.{html,json})."""
    out = []
    for line in (data / "index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("gt_alignment_warning") or not row.get("gt_fields"):
            continue
        page = data / row["html_file"]
        gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        gold["source_dataset"] = row["source_dataset"]
        out.append((gold, page))
    return out


def score_dev(cases: list[tuple[dict[str, Any], Path]], preds: dict[Path, dict[str, Any]]) -> dict[str, Any]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    bodies: list[float] = []
    for gold, page in cases:
        t = tallies[gold["source_dataset"]]
        t.pages += 1
        row = preds.get(page, {})
        derived = gold.get("derived") or {}
        gold_body = derived.get("body_without_title") or gold.get("body")
        if gold_body and "body" in gold.get("gt_fields", []):
            f1 = bigram_f1(row.get("body"), gold_body)
            t.add("body_f1", f1)
            bodies.append(f1)
        if gold_title := gold.get("title") or derived.get("title"):
            t.add("title", norm(row.get("title")) == norm(gold_title))
        if gold.get("publish_time"):
            want = date_parts(gold["publish_time"])[:3]  # the label's precision, to the day at most
            t.add("date", bool(want) and date_parts(predicted_date(row))[: len(want)] == want)
        if gold.get("author"):
            t.add("author", names_found(row.get("authors") or [], NAME_SPLIT.split(gold["author"])))
    out = {name: t.summary() for name, t in sorted(tallies.items())}
    out["ALL"] = {"body_f1": mean(bodies), "body_f1_n": len(bodies)}
    return out


# ---- hand-labelled real pages (tests/real) ------------------------------------------------------------------


def real_cases(labels: Path, shared: Path, checkout: Path) -> tuple[list[tuple[dict[str, Any], Path]], list[str]]:
    """(label, page) for every label whose page is present, and the sets skipped because their pages are not."""
    out, missing = [], set()
    for path in sorted(labels.glob("*/*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        page = (checkout if label["set"] == "extra" else shared) / label["page"]
        if page.is_file():
            out.append((label, page))
        else:
            missing.add(label["set"])
    return out, sorted(missing)


def group_of(label: dict[str, Any]) -> str:
    return "gov" if label["page_kind"] == "gov" else "news" if label["page_kind"] in ("news", "epaper") else "other"


def score_real_page(label: dict[str, Any], row: dict[str, Any], t: Tally) -> None:
    """Add one page's outcomes to ``t``."""
    refused = "error" in row
    if label["kind"] == "not_article":
        t.add("not_article_refused", refused and row.get("reason") == "not_article")
        return
    t.add("article_kept", not refused)
    if refused:
        row = {}
    body = norm(row.get("body"))
    t.add("title", norm(row.get("title")) == norm(label["title"]))
    if label["published"]:
        t.add("date", date_ok(row, label["published"]))
        t.add("date_time", date_ok(row, label["published"], with_time=True))
    t.add("source", norm(row.get("source")) == norm(label["source"]))
    for role in ("authors", "editors", "photographers"):
        if label[role]:
            t.add(role, names_found(row.get(role) or [], label[role]))
    t.add("first_last", bool(body) and norm(label["first_sentence"]) in body and norm(label["last_sentence"]) in body)
    for text in label["must_contain"]:
        t.add("must_contain", bool(body) and norm(text) in body)
    for text in label["chrome"]:
        t.add("chrome_leak", bool(body) and norm(text) in body)
    captions = [norm(c.get("caption")) for c in row.get("images") or []]
    for text in label["captions"]:
        t.add("caption_out_of_body", norm(text) not in body)
        t.add("caption_on_image", any(c and (c in norm(text) or norm(text) in c) for c in captions))
    got = row.get("attachments") or []
    for att in label["attachments"]:
        t.add("attachments", any(a.get("url", "").endswith(att["url"].lstrip("./")) for a in got))
    if label["gov"]:
        gov = row.get("gov") or {}
        for key, value in label["gov"].items():
            if key in GOV_FIELDS:
                t.add("gov_fields", norm(gov.get(key)) == norm(value))


def score_real(cases: list[tuple[dict[str, Any], Path]], preds: dict[Path, dict[str, Any]]) -> dict[str, Any]:
    tallies: dict[str, Tally] = defaultdict(Tally)
    for label, page in cases:
        row = preds.get(page, {"error": "no output", "reason": "missing"})
        for name in (group_of(label), "ALL"):
            tallies[name].pages += 1
            score_real_page(label, row, tallies[name])
    return {name: t.summary() for name, t in sorted(tallies.items())}
