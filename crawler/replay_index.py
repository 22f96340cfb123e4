"""Index of saved responses, looked up by canonical URL. No Scrapy imports.

Two kinds of source: saved pages in the fixtures layout, a folder (one case) holding ``info.json`` ({"url",
"status", "headers", "body"?}) and its body bytes exactly as served (``body.html`` unless info.json names
another file); and WARC archives (a crawl's own, crawler/archive), whose response records are served with
their archived status, headers and body bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from crawler.archive.records import ArchivedResponse, TornRecord, load, scan
from crawler.archive.sources import find_sources


@dataclass(frozen=True)
class SavedResponse:
    url: str
    status: int
    headers: dict[str, str]
    body_path: Path

    def body(self) -> bytes:
        return self.body_path.read_bytes()


def url_key(url: str) -> str:
    """Scheme-less canonical URL: replayed http/https variants of one page are the same page."""
    parts = urlsplit(canonicalize_url(url))
    return urlunsplit(("", parts.netloc.lower(), parts.path or "/", parts.query, ""))


def load_saved(info_path: Path) -> SavedResponse:
    info = json.loads(info_path.read_text(encoding="utf-8"))
    return SavedResponse(
        url=info["url"],
        status=int(info.get("status", 200)),
        headers={str(k): str(v) for k, v in info.get("headers", {}).items()},
        body_path=info_path.parent / info.get("body", "body.html"),
    )


def save_response(
    folder: Path, url: str, body: bytes, status: int = 200, headers: dict[str, str] | None = None
) -> SavedResponse:
    """Write one case in the layout ``ReplayIndex`` reads; the site generators of tests and benchmarks
    use it, so the format has one writer beside its one reader (``load_saved``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "body.html").write_bytes(body)
    info = {"url": url, "status": status, "headers": headers or {}}
    (folder / "info.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    return SavedResponse(url=url, status=status, headers=headers or {}, body_path=folder / "body.html")


Replayed = SavedResponse | ArchivedResponse


class ReplayIndex:
    """The responses saved under each root (a directory or a WARC file) by canonical URL.

    Only where each response is kept is held: a case's ``info.json`` path, or a WARC file and offset (a
    10k-page site costs ~2 MB, not ~10 MB of parsed headers and Path objects); a response is read when its
    URL is asked for. A URL saved twice among one root's cases is an authoring error worth failing on; an
    archive holds a URL once per capture, and the latest capture is served. A later root overrides an
    earlier one. A root that does not exist adds nothing. WARC files cut short by a crash are indexed up
    to their last whole record and listed in ``torn``.
    """

    def __init__(self, *roots: Path) -> None:
        self._where: dict[str, str | tuple[int, int]] = {}
        self._warcs: list[str] = []
        self.torn: list[str] = []
        for root in roots:
            if root.exists():
                self._add(root)

    def _add(self, root: Path) -> None:
        sources = find_sources([root])
        cases: dict[str, str] = {}
        for info_path in sources.saved:
            key = url_key(load_saved(info_path).url)  # read whole once, so a malformed case fails here
            if key in cases:
                raise ValueError(f"{key} is saved twice: {cases[key]} and {info_path}")
            cases[key] = str(info_path)
        self._where.update(cases)
        for warc in sources.warcs:
            number = len(self._warcs)
            self._warcs.append(str(warc))
            try:
                for ref in scan(str(warc)):
                    self._where[url_key(ref.url)] = (number, ref.offset)
            except TornRecord as exc:
                self.torn.append(str(exc))

    def __len__(self) -> int:
        return len(self._where)

    def get(self, url: str) -> Replayed | None:
        where = self._where.get(url_key(url))
        return None if where is None else self._load(where)

    def saved(self) -> Iterator[Replayed]:
        return (self._load(where) for where in self._where.values())

    def _load(self, where: str | tuple[int, int]) -> Replayed:
        if isinstance(where, str):
            return load_saved(Path(where))
        number, offset = where
        return load(self._warcs[number], offset)
