"""Index of saved responses under fixtures/, looked up by canonical URL. No Scrapy imports.

A saved response is a folder (one case) holding ``info.json`` ({"url", "status", "headers", "body"?})
and its body bytes exactly as served (``body.html`` unless info.json names another file).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url


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


class ReplayIndex:
    """The saved responses below ``root`` by canonical URL. Only each case's ``info.json`` path is held
    (a 10k-page site costs ~2 MB, not ~10 MB of parsed headers and Path objects); a case is read when its
    URL is asked for. A URL saved twice is an authoring error worth failing on."""

    def __init__(self, root: Path) -> None:
        self._paths: dict[str, str] = {}
        for info_path in sorted(root.rglob("info.json")):
            key = url_key(load_saved(info_path).url)  # read whole once, so a malformed case fails here
            if key in self._paths:
                raise ValueError(f"{key} is saved twice: {self._paths[key]} and {info_path}")
            self._paths[key] = str(info_path)

    def __len__(self) -> int:
        return len(self._paths)

    def get(self, url: str) -> SavedResponse | None:
        path = self._paths.get(url_key(url))
        return load_saved(Path(path)) if path else None

    def saved(self) -> Iterator[SavedResponse]:
        return (load_saved(Path(path)) for path in self._paths.values())
