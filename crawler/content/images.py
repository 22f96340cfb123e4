"""Article images with captions (alt/title text, <figcaption>, or a short caption line right after)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from crawler.content.render import squash, text_of

SRC_ATTRS = ("data-original", "data-src", "data-lazy-src", "original", "src")
SKIP_SRC = re.compile(r"(?:^data:|icon|logo|spacer|blank|loading|share|qrcode|erweima|ewm|\.svg(?:$|\?))", re.I)
MIN_SIDE = 60  # declared width/height below this: an icon or a spacer
_FILE_NAME = re.compile(r"^[\w\-. ]+\.(?:jpe?g|png|gif|webp|bmp)$", re.I)
MAX_CAPTION = 120


def _small(img: etree._Element) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < MIN_SIDE:
            return True
    return False


def caption_of(img: etree._Element) -> str | None:
    for attr in ("alt", "title"):
        text = squash(img.get(attr)).strip()
        if text and not _FILE_NAME.match(text) and len(text) <= MAX_CAPTION:
            return text
    figure = next((a for a in img.iterancestors("figure")), None)
    if figure is not None:
        caption = figure.find(".//figcaption")
        if caption is not None:
            text = squash(text_of(caption)).strip()
            if text:
                return text[:MAX_CAPTION]
    return nearby_caption(img)


CAPTION_HINT = re.compile(r"摄|供图|图为|图片|资料图|（图")
MAX_CAPTION_HOPS = 3


def nearby_caption(img: etree._Element) -> str | None:
    """E-paper and gov layouts put the caption in the block right after the picture's block."""
    el = img
    for _ in range(MAX_CAPTION_HOPS):
        sibling = el.getnext()
        if sibling is not None and isinstance(sibling.tag, str):
            text = squash(text_of(sibling)).strip()
            if 4 <= len(text) <= MAX_CAPTION and CAPTION_HINT.search(text) and sibling.find(".//img") is None:
                return text
            return None
        el = el.getparent()
        if el is None:
            return None
    return None


def images_in(nodes: list[etree._Element], base_url: str | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for node in nodes:
        for img in node.iter("img"):
            src = next((img.get(a) for a in SRC_ATTRS if img.get(a)), None)
            if not src or SKIP_SRC.search(src) or _small(img):
                continue
            src = src.strip()
            if base_url and not base_url.startswith(("file:", "stdin:")):
                src = urljoin(base_url, src)
            if src in seen:
                continue
            seen.add(src)
            out.append({"url": src, "caption": caption_of(img)})
    return out
