"""Article images and their captions, split from the body.

A caption is found by where it stands, not by what it says: the <figcaption> of a <figure>; the short text
sharing a block with the picture (<p class=f_center><img>图为……</p>, an img_wrapper div, a one-cell table);
or the short block right after an image-only block (<center><img></center><p>活动现场</p>). The caption goes
to its image (``images[].caption``), photo credits in it (刘通摄, 受访者供图) to the photographers, and the
caption leaves the body. Without one, the image's alt/title text is its caption.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from crawler import rx
from crawler.content import bylines
from crawler.content.bylines import Credits
from crawler.content.chrome_blocks import tokens
from crawler.content.render import BLOCK_TAGS, drop_tree, squash, tag_of, text_of
from crawler.content.words import words

SRC_ATTRS = ("data-original", "data-src", "data-lazy-src", "original", "src")
SKIP_SRC = rx.compile(r"(?:^data:|icon|logo|spacer|blank|loading|share|qrcode|erweima|ewm|\.svg(?:$|\?))", re.I)
MIN_SIDE = 60  # declared width/height below this: an icon or a spacer
_FILE_NAME = rx.compile(r"^[\w\-. ]+\.(?:jpe?g|png|gif|webp|bmp)$", re.I)
MAX_CAPTION = 100  # characters; a longer block next to a picture is article text
PLAIN_CAPTION = 20  # a phrase this short right after a picture is its caption without further evidence
# Evidence that a 40–100 character block is a caption: its styling or class, or caption words in it.
CAPTION_TOKENS = words(
    "caption pic_txt pictxt pic-txt img_desc imgdesc image_desc img-desc pic_desc photo_desc pictext "
    "imgtxt img_txt picintro tuzhu desc descr img_descr"
)
CENTERED = rx.compile(r"text-align\s*:\s*center|color\s*:\s*(?:#[6-9a-f]{3,6}|gr[ae]y|rgb\(1[0-9]{2})", re.I)
CAPTION_WORDS = rx.compile(
    r"(?<!拍)摄(?![影像制取入])|摄影\s*[:：/]|供图|截图|图为|图片来源|资料图|视觉中国|^▲|[（(]图|图\s*[:：/]|\s图$"
)
# Section heads are not captions even when short: 一、 （二） 3. 第四
SUBHEAD = rx.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+)"
)
EMPHASIS_TAGS = ("strong", "b", "h1", "h2", "h3", "h4", "h5", "h6")
HEADING_CLASS = rx.compile(r"^(?:h[1-6]|.*(?:[-_]h[1-6]|title|heading|subhead|xbt))$")
# Text, not a caption: a clause (comma) or an opening that ties it to the paragraph before.
PLAIN_TEXT = rx.compile(r"[，,；;：:]")
CONNECTIVE = rx.compile(
    r"^(?:这|那|但|而|并|且|此外|同时|因此|所以|然而|不过|其中|随后|对此|据|值得|如今|目前|另外|此前|之后)"
)


def _small(img: etree._Element) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < MIN_SIDE:
            return True
    return False


def _text(el: etree._Element) -> str:
    return squash(text_of(el)).strip()


def source_of(img: etree._Element) -> str | None:
    src = next((img.get(a) for a in SRC_ATTRS if img.get(a)), None)
    if not src or SKIP_SRC.search(src) or _small(img):
        return None
    return src.strip()


def block_of(el: etree._Element, stop: etree._Element) -> etree._Element | None:
    """The nearest block-level ancestor of ``el`` below ``stop`` (None when there is none)."""
    for anc in el.iterancestors():
        if anc is stop:
            return None
        if tag_of(anc) in BLOCK_TAGS or tag_of(anc) == "center":
            return anc
    return None


def picture_block(img: etree._Element, stop: etree._Element) -> etree._Element:
    """The outermost element around ``img`` (below ``stop``) that holds this picture and no text."""
    top = img
    for anc in img.iterancestors():
        if anc is stop or _text(anc) or len(anc.findall(".//img")) > 1:
            break
        top = anc
    return top


def caption_evidence(el: etree._Element) -> bool:
    """Styling or markup that marks a caption: centred or grey text, a caption class."""
    style = f"{el.get('style') or ''} {' '.join(c.get('style') or '' for c in el)}"
    return bool(
        CENTERED.search(style)
        or el.get("align") == "center"
        or tag_of(el) in ("center", "figcaption")
        or tokens(el) & CAPTION_TOKENS
    )


def is_heading(el: etree._Element, text: str) -> bool:
    """A section head standing between pictures: ends in a colon, bold on its own, or classed as a heading."""
    if text.endswith(("：", ":")):
        return True
    if any(HEADING_CLASS.search(t) for e in el.iter() for t in tokens(e)):
        return True
    emphasised = "".join(_text(e) for e in el.iter(*EMPHASIS_TAGS))
    return bool(emphasised) and len(emphasised) >= len(text) - 1


def looks_like_caption(el: etree._Element, text: str, slot_elsewhere: bool = False) -> bool:
    """A short block by a picture that is its caption. Up to MAX_CAPTION characters with caption words (图为, 摄,
    供图) or caption styling (centred, grey, a caption class; centred bold text after a picture included).
    Without, only a short phrase (no comma, no connective opening a clause), and only when the picture has no
    caption slot of its own (an empty <span class=img_descr> says the next paragraph is text). Section heads
    (numbered, ending in a colon, bold alone, heading classes) are not captions."""
    if not text or len(text) > MAX_CAPTION or SUBHEAD.match(text):
        return False
    if CAPTION_WORDS.search(text) or (caption_evidence(el) and not text.endswith(("：", ":"))):
        return True
    if is_heading(el, text):
        return False
    return (
        not slot_elsewhere and len(text) <= PLAIN_CAPTION and not PLAIN_TEXT.search(text) and not CONNECTIVE.match(text)
    )


def has_caption_slot(picture: etree._Element) -> bool:
    return any(tokens(e) & CAPTION_TOKENS for e in picture.iter())


def next_block(el: etree._Element) -> etree._Element | None:
    """The element right after ``el``, skipping empty ones (<p>&nbsp;</p>), when no text stands between."""
    if (el.tail or "").strip():
        return None
    sib = el.getnext()
    while sib is not None and (not isinstance(sib.tag, str) or (not _text(sib) and sib.find(".//img") is None)):
        if (sib.tail or "").strip():
            return None
        sib = sib.getnext()
    return sib


def find_caption(img: etree._Element, container: etree._Element) -> tuple[str, etree._Element, bool] | None:
    """(caption, element holding it, whether the element also holds the picture) or None."""
    figure = next(img.iterancestors("figure"), None)
    if figure is not None:
        caption = figure.find(".//figcaption")
        if caption is not None and _text(caption):
            return _text(caption)[:MAX_CAPTION], caption, False
    block = block_of(img, container)
    if block is not None and _text(block):
        shared = len(block.findall(".//img")) == 1 and looks_like_caption(block, _text(block))
        return (_text(block), block, True) if shared else None
    picture = picture_block(img, container)
    after = next_block(picture)
    if after is not None and after.find(".//img") is None and tag_of(after) in BLOCK_TAGS | {"center", "span"}:
        text = _text(after)
        if looks_like_caption(after, text, has_caption_slot(picture)):
            return text, after, False
    return None


def alt_caption(img: etree._Element) -> str | None:
    for attr in ("alt", "title"):
        text = squash(img.get(attr)).strip()
        if text and not _FILE_NAME.match(text) and len(text) <= MAX_CAPTION:
            return text
    return None


def strip_text_around(block: etree._Element) -> None:
    """Leave only the picture in a block that held picture and caption together."""
    block.text = None
    for el in block.iterdescendants():
        el.text = None
        el.tail = None


def take_images(nodes: list[etree._Element], base_url: str | None, credits: Credits) -> list[dict[str, Any]]:
    """The body's images with captions; caption text is removed from the tree (so it stays out of the body)
    and photo credits in it go to ``credits``."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    remove: list[tuple[etree._Element, bool]] = []
    for node in nodes:
        for img in list(node.iter("img")):
            src = source_of(img)
            if src is None:
                continue
            if base_url and not base_url.startswith(("file:", "stdin:")):
                src = urljoin(base_url, src)
            found = find_caption(img, node)
            caption = found[0] if found else alt_caption(img)
            if found:
                remove.append((found[1], found[2]))
                bylines.photo_credits(found[0], credits)
            if src in seen:
                continue
            seen.add(src)
            out.append({"url": src, "caption": caption})
    for holder, shared in remove:
        if shared:
            strip_text_around(holder)
        else:
            drop_tree(holder)
    return out
