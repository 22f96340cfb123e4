"""Bylines the content layer lifted out of the body (authors, editors, photographers, source) -> entities.

The content layer moves 责编:杨雅婷 or 来源:冷水江新闻网 into article metadata and may drop the line from the
body, so the persons and media found there would be lost to the entity lists. This merges them back.
"""

from __future__ import annotations

from collections.abc import Iterable

from crawler import rx
from crawler.entities import Analysis
from crawler.entities.lexicon import HAN
from crawler.entities.named_orgs import clean_source
from crawler.entities.persons import read_name, title_roles

SEPARATORS = rx.compile(r"[\s、,，;；/|]+")
PLAIN_NAME = rx.compile(rf"^[{HAN}]{{2,4}}$|^[{HAN}]{{2,6}}[·•][{HAN}]{{2,8}}$")


def _names(raw: str) -> Iterable[str]:
    """记者 陈志奎 / 全媒体记者王帅 / 段姝 曹丹 -> the bare names."""
    heads = sorted(title_roles(), key=len, reverse=True)
    for token in SEPARATORS.split(raw):
        token = token.strip("():：（）")
        for head in heads:
            if token.startswith(head) and len(token) > len(head):
                token = token[len(head) :].lstrip(":：")
                break
        if PLAIN_NAME.match(token) and read_name(token + "，", 0) == token:
            yield token


def merge_metadata(
    analysis: Analysis,
    authors: Iterable[str] = (),
    editors: Iterable[str] = (),
    photographers: Iterable[str] = (),
    source: str | None = None,
) -> Analysis:
    """Add byline people and the source outlet to ``analysis`` unless the text already gave them."""
    persons = analysis.entities["persons"]
    known = {p["name"] for p in persons}
    for role, raws in (("reporter", authors), ("editor", editors), ("photographer", photographers)):
        for raw in raws:
            for name in _names(raw):
                if name not in known:
                    persons.append({"name": name, "titles": [], "role": role})
                    known.add(name)
    orgs = analysis.entities["organizations"]
    outlet = clean_source(source) if source else None
    if outlet and all(outlet not in (o["name"], o.get("resolved")) for o in orgs):
        orgs.append({"name": outlet, "kind": "media"})
    return analysis
