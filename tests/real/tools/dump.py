"""Print a page's visible lines with their block, its metas, date-like script variables and file links."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pagetext import lines, parse

FILE_EXT = re.compile(r"\.(pdf|docx?|xlsx?|wps|zip|rar|et|ofd|txt|pptx?)(\?|$)", re.I)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("page", type=Path)
    ap.add_argument("--links", action="store_true", help="list every link")
    ap.add_argument("--where", action="store_true", help="show the block of each line")
    a = ap.parse_args()
    root, enc = parse(a.page)
    print(f"## encoding {enc}")
    t = root.find(".//title")
    print("## <title>", (t.text_content().strip() if t is not None else None))
    for m in root.iter("meta"):
        k = m.get("name") or m.get("property") or m.get("http-equiv") or m.get("itemprop")
        if k and k.lower() not in {"viewport", "keywords", "robots", "renderer", "format-detection"}:
            print("## meta", k, "=", (m.get("content") or "")[:160])
    for s in root.iter("script"):
        for hit in re.findall(r"[^\n;]{0,60}(?:19|20)\d\d[-/年.]\d{1,2}[-/月.]\d{1,2}[^\n;]{0,30}", s.text or ""):
            print("## script", hit.strip()[:140])
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() == "a":
            href = el.get("href") or ""
            if a.links or FILE_EXT.search(href):
                print("## link", el.text_content().strip()[:80], "->", href[:160])
    for i, ln in enumerate(lines(root)):
        flag = "H " if ln.hidden else ""
        where = f"[{ln.where}] " if a.where else ""
        print(f"{i:4d} {flag}{where}{ln.text}")


if __name__ == "__main__":
    main()
