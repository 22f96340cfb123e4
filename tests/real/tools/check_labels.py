"""Check the hand labels in tests/real/labels against their pages (not a scorer: it checks the labels).

Every label must have the documented keys and value forms, and every string it quotes (title, sentences,
must_contain, chrome, source, people, captions) must occur in the page's text as a reader sees it (compared
without whitespace, after NFKC). Run: python tests/real/tools/check_labels.py [label.json ...]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pagetext import lines, norm, parse

REAL = Path(__file__).resolve().parent.parent
CHECKOUT = REAL.parent.parent
SHARED = CHECKOUT.parent / "shared"
KEYS = [
    "id",
    "set",
    "page",
    "url",
    "site",
    "cms",
    "page_kind",
    "kind",
    "not_article_reason",
    "title",
    "published",
    "published_meta",
    "source",
    "authors",
    "editors",
    "photographers",
    "first_sentence",
    "last_sentence",
    "must_contain",
    "chrome",
    "captions",
    "attachments",
    "gov",
    "pages",
    "notes",
]
CMS = {"trs", "hanweb", "ucap", "founder", "dedecms", "other", "unknown"}
REASONS = {"list", "homepage", "search", "error", "other"}
GOV_KEYS = {"index_no", "topic", "issuer", "written_date", "doc_no", "published_date", "validity"}
DATE = re.compile(r"^\d{4}-\d\d-\d\d( \d\d:\d\d(:\d\d)?)?$")


def page_path(label: dict) -> Path:
    base = CHECKOUT if label["set"] == "extra" else SHARED
    return base / label["page"]


def check(path: Path) -> list[str]:
    errs: list[str] = []
    label = json.loads(path.read_text("utf-8"))
    if list(label) != KEYS:
        errs.append(f"keys differ from the documented order: {sorted(set(label) ^ set(KEYS))}")
        return errs
    if label["set"] != path.parent.name or label["id"] != path.stem:
        errs.append("id/set do not match the file's place")
    page = page_path(label)
    if not page.is_file():
        return [*errs, f"no page {page}"]
    if label["cms"] not in CMS:
        errs.append(f"cms {label['cms']!r}")
    article = label["kind"] == "article"
    if label["kind"] not in {"article", "not_article"}:
        errs.append("kind")
    if not article and label["not_article_reason"] not in REASONS:
        errs.append("not_article_reason")
    for key in ("published", "published_meta"):
        if label[key] is not None and not DATE.match(label[key]):
            errs.append(f"{key} {label[key]!r} is not YYYY-MM-DD[ HH:MM[:SS]]")
    for key in label["gov"] or {}:
        if key not in GOV_KEYS:
            errs.append(f"gov key {key}")
    root, _ = parse(page)
    got = lines(root)
    shown = norm("".join(ln.text for ln in got if not ln.hidden))
    every = norm("".join(ln.text for ln in got))

    def find(s: str, what: str) -> int:
        n = norm(s)
        if not n:
            errs.append(f"{what}: empty")
            return -1
        if n in shown:
            return shown.index(n)
        errs.append(f"{what}: {'only in hidden text' if n in every else 'not on the page'}: {s[:60]!r}")
        return -1

    if article:
        for key in ("title", "first_sentence", "last_sentence"):
            if not label[key]:
                errs.append(f"{key} missing")
        if not 1 <= len(label["must_contain"]) <= 8:
            errs.append(f"must_contain has {len(label['must_contain'])} strings")
        if not 3 <= len(label["chrome"]) <= 15:
            errs.append(f"chrome has {len(label['chrome'])} strings")
    if label["title"]:
        find(label["title"], "title")
    start = find(label["first_sentence"], "first_sentence") if label["first_sentence"] else -1
    end = find(label["last_sentence"], "last_sentence") if label["last_sentence"] else -1
    if start >= 0 and end >= 0:
        end += len(norm(label["last_sentence"]))
        if end <= start:
            errs.append("last_sentence comes before first_sentence")
    body = shown[start:end] if start >= 0 and end > start else ""
    for s in label["must_contain"]:
        find(s, "must_contain")
        if body and norm(s) not in body:
            errs.append(f"must_contain outside first..last: {s[:40]!r}")
    for s in label["chrome"]:
        find(s, "chrome")
        if body and norm(s) in body:
            errs.append(f"chrome string inside first..last: {s[:40]!r}")
    for key in ("authors", "editors", "photographers", "captions"):
        for s in label[key]:
            find(s, key)
    if label["source"]:
        find(label["source"], "source")
    return errs


def main() -> int:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((REAL / "labels").rglob("*.json"))
    bad = 0
    for p in paths:
        errs = check(p)
        if errs:
            bad += 1
            print(f"{p}:")
            for e in errs:
                print("   ", e)
    print(f"{len(paths)} labels, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
