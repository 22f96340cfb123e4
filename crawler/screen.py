"""Input screening: refuse or defuse hostile response bodies before any decoder or parser sees them.

Government portals serve 0-byte pages, PDFs and images under ``.html`` names, gzip bytes without a
``Content-Encoding`` header, UTF-16 pages, NUL-studded text, XML with entity declarations and pages nested
hundreds of thousands of levels deep. Each check here either raises ``PageError`` with a short reason (a
stats key) or returns a safer body and records what it changed as a flag, so nothing is lost silently.

Plain functions, no Scrapy: the processing core's ``screen`` step and the extraction CLI both call
``screen_body``. Every scan is linear in the body size and the body is capped, so memory stays bounded.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from crawler import rx
from crawler.errors import PageError

# Same as DOWNLOAD_MAXSIZE: 20 MB pages exist (scanned notices inlined as base64), bigger ones are not articles.
MAX_BODY_BYTES = 20 * 1024 * 1024
# Deeper markup is flattened: libxml2 silently drops text below depth 256, and Python code that walks a
# tree recursively hits RecursionError near 1000 frames. Real article pages stay under ~60 levels.
MAX_DEPTH = 200
# How much of the body the binary and UTF-16 sniffers look at.
SNIFF_BYTES = 64 * 1024
# Share of control bytes above which a body is binary, not text in any charset we decode: no byte of a
# UTF-8, GB18030 or Big5 multi-byte sequence is a C0 control, so text has almost none.
BINARY_CONTROL_SHARE = 0.05
# base64 images inlined as data: URIs longer than this are replaced by an empty data URI: they are most
# of the bytes of the largest pages and never article text.
INLINE_DATA_MIN = 1024

# File signatures (magic numbers) of formats that are never an HTML article; data, first match wins.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"RIFF", "riff (webp/avi/wav)"),
    (b"PK\x03\x04", "zip (docx/xlsx/ofd)"),
    (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole (doc/xls/wps)"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"BZh91AY&SY", "bzip2"),
    (b"\x7fELF", "elf executable"),
    (b"MZ\x90\x00", "windows executable"),
    (b"\xca\xfe\xba\xbe", "java class"),
    (b"OggS", "ogg"),
    (b"ID3", "mp3"),
    (b"\x1a\x45\xdf\xa3", "webm/mkv"),
    (b"FWS", "flash"),
    (b"CWS", "flash"),
    (b"wOFF", "woff font"),
    (b"wOF2", "woff2 font"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"{\\rtf", "rtf"),
)
GZIP_MAGIC = b"\x1f\x8b"
# Byte-order marks that mean a non-ASCII-compatible encoding; UTF-32 before UTF-16 (its BOM starts alike).
WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that text never holds; ESC, SO and SI are left out because ISO-2022 encodings use them.
CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x0e\x0f\x1b") + b"\x7f"
# Every C0 control but tab/LF/CR: lxml accepts them from a parse but refuses them when code sets text back
# on the tree (ValueError "All strings must be XML compatible"). Vertical tab (Word's manual line break)
# and form feed become newlines; the rest are deleted. No multi-byte sequence of UTF-8, GB18030 or Big5
# contains a byte below 0x40, so removing them never splits a character.
STRIPPED_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r")
LINE_BREAK_CONTROLS = bytes.maketrans(b"\x0b\x0c", b"\n\n")
ISO2022_ESCAPES = (b"\x1b$", b"\x1b(")  # ISO-2022 text needs its ESC, SO and SI bytes to decode

# Tags that never nest (void elements) or that the HTML parser closes implicitly, so they add no depth.
FLAT_TAGS = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd tr td th option thead tbody tfoot colgroup rb rt rp".split()
)
# Open/close tags that nest (flat tags never match, so the depth scan does not even visit them).
TAG_RE = rx.compile(
    rb"<(/?)(?!(?:%s)\b)[A-Za-z][A-Za-z0-9]{0,15}\b[^<>]{0,4096}?(/?)>" % b"|".join(sorted(FLAT_TAGS)), re.I
)
DOCTYPE_RE = rx.compile(rb"<!DOCTYPE\b[^>\[]{0,1024}\[", re.I)
SUBSET_END_RE = rx.compile(rb"\]\s*>")
ENTITY_DECL_RE = rx.compile(rb"<!ENTITY[^>]{0,65536}>?", re.I)
BODY_END_RE = rx.compile(rb"</body\s{0,16}>", re.I)
HTML_END_RE = rx.compile(rb"</html\s{0,16}>", re.I)
# 64+ line breaks or rules in a row (with only whitespace between) are layout filler, never text; a page of a
# million <br> costs extraction minutes and gigabytes, so a run collapses to two breaks.
BREAK_RUN_MIN = 64
# Unrolled (a break, then breaks each after its whitespace): the same runs as "(break whitespace){64,}", but a
# lone break among text fails at once instead of after entering the repetition (7x faster on a 19 MB page
# of text lines each ending in <br>).
BREAK = rb"<(?:br|hr|wbr)\b[^<>]{0,256}>"
BREAK_RUN_RE = rx.compile(
    rb"%s(?:(?:\s|&nbsp;){0,64}%s){%d,}(?:\s|&nbsp;){0,64}" % (BREAK, BREAK, BREAK_RUN_MIN - 1), re.I
)
# Shapes that cost the parser and extraction far more than any article page needs (see cut_oversized and
# trim_attributes): elements, bytes of text, attributes on one element. Real pages (dev set): < 3,300 tags, < 700 KB
# of text, < 70 attributes.
MAX_ELEMENTS = 50_000
COARSE_ELEMENTS = 8 * MAX_ELEMENTS
MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_ATTRIBUTES = 1000
CUT_SEARCH = 64 * 1024  # how far back a text cut looks for a byte that splits no character
# The flags of a page screening cut down to size (counted as pages_cut/<flag> by the crawl's accounting).
CUT_FLAGS = ("page_cut_elements", "page_cut_text", "attributes_removed")
ELEMENT_RE = rx.compile(rb"<[A-Za-z]")
MARKUP_RE = rx.compile(rb"<[^<>]*>|<!--.*?-->", re.S)
# A tag long enough to hold more than MAX_ATTRIBUTES attributes (each is at least a space and a letter).
LONG_TAG_RE = rx.compile(
    rb"<(?P<name>[A-Za-z][A-Za-z0-9:-]{0,31})\s(?P<attributes>[^<>]{%d,}?)(?P<slash>/?)>" % (2 * MAX_ATTRIBUTES)
)
ATTRIBUTE_RE = rx.compile(rb"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?""")
INLINE_DATA_RE = rx.compile(
    rb"data:[\w.+/-]{0,100}(?:;[\w=.-]{0,40}){0,4};base64,[A-Za-z0-9+/=\s]{%d,}" % INLINE_DATA_MIN
)


def refuse_status(status: int) -> None:
    """HTTP errors carry an error page, never the article."""
    if status >= 400:
        raise PageError(f"http_{status}", f"HTTP status {status}")


def check_size(body: bytes) -> None:
    if len(body) > MAX_BODY_BYTES:
        raise PageError("too_large", f"body is {len(body)} bytes, over the {MAX_BODY_BYTES}-byte cap")


def check_not_empty(body: bytes) -> None:
    if not body.strip(b" \t\r\n\x0b\x0c\x00"):
        raise PageError("empty_body", "the response body is empty or only whitespace")


def gunzip_bounded(body: bytes, flags: Counter[str]) -> bytes:
    """Gzip bytes saved as .html (or served without Content-Encoding): decompress, never past the cap.

    Decompressing is worth it because the page inside is usually a normal article; the output limit makes a
    gzip bomb cost at most MAX_BODY_BYTES of memory. A truncated stream keeps what was recovered, flagged.
    """
    if not body.startswith(GZIP_MAGIC):
        return body
    out: list[bytes] = []
    size = 0
    rest = body
    while rest.startswith(GZIP_MAGIC):  # concatenated members are legal gzip
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = inflater.decompress(rest, MAX_BODY_BYTES + 1 - size)
        except zlib.error as exc:
            if out:
                break
            raise PageError("corrupt_gzip", f"gzip bytes that do not decompress: {exc}") from exc
        size += len(chunk)
        out.append(chunk)
        if size > MAX_BODY_BYTES or inflater.unconsumed_tail:
            raise PageError("too_large", f"gzip body decompresses to more than {MAX_BODY_BYTES} bytes")
        if not inflater.eof:
            flags["gzip_truncated"] += 1
            break
        rest = inflater.unused_data
    flags["gzip_decompressed"] += 1
    body = b"".join(out)
    if body.startswith(GZIP_MAGIC):
        raise PageError("binary_content", "gzip inside gzip: not a page")
    return body


def check_signature(body: bytes) -> None:
    """Refuse known binary formats by their magic number, whatever the URL or Content-Type claims."""
    for magic, kind in BINARY_SIGNATURES:
        if body.startswith(magic):
            raise PageError("binary_content", f"the body is a {kind} file, not a page")
    if body[4:8] == b"ftyp":
        raise PageError("binary_content", "the body is an mp4/mov file, not a page")


def check_control_share(body: bytes) -> None:
    """Refuse a body whose head is mostly control bytes: binary junk in no known format.

    Runs before control bytes are stripped; a body that passed once has none left, so it passes again.
    """
    head = body[:SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    if controls > BINARY_CONTROL_SHARE * len(head):
        raise PageError("binary_content", f"{controls} of the first {len(head)} bytes are control bytes")


def wide_encoding(body: bytes) -> str | None:
    """UTF-16/32 by BOM, or by the NUL pattern ASCII markup leaves in BOM-less UTF-16."""
    for bom, name in WIDE_BOMS:
        if body.startswith(bom):
            return name
    head = body[: SNIFF_BYTES & ~3]
    if len(head) < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd > 0.2 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.2 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def to_utf8(body: bytes, flags: Counter[str]) -> bytes:
    """Re-encode UTF-16/32 as UTF-8 behind a UTF-8 BOM, so byte scans and the decoder see ASCII markup.

    The BOM wins over header and <meta> in the text layer, which would otherwise trust a stale ``gbk``.
    """
    encoding = wide_encoding(body)
    if encoding is None:
        return body
    text = body.decode(encoding, errors="replace").lstrip("\ufeff")
    flags[f"transcoded_from_{encoding}"] += 1
    return codecs.BOM_UTF8 + text.encode("utf-8")


def strip_control_bytes(body: bytes, flags: Counter[str]) -> bytes:
    """Stray NUL bytes cut strings short in C parsers, other control bytes break tree editing; text never
    needs them."""
    if len(body.translate(None, STRIPPED_CONTROLS)) == len(body):
        return body
    nul = body.count(0)
    deleted = STRIPPED_CONTROLS
    if any(escape in body for escape in ISO2022_ESCAPES):
        deleted = deleted.translate(None, b"\x0e\x0f\x1b")
    cleaned = body.translate(LINE_BREAK_CONTROLS, deleted.translate(None, b"\x0b\x0c"))
    others = len(body) - len(cleaned) - nul + body.count(b"\x0b") + body.count(b"\x0c")
    if nul:
        flags["nul_bytes_removed"] += nul
    if others:
        flags["control_chars_removed"] += others
    return cleaned


def strip_dtd(body: bytes, flags: Counter[str]) -> bytes:
    """Remove DTD internal subsets and ENTITY declarations (billion laughs, XXE) before any XML parser.

    Nothing in an article needs a custom entity; an undeclared ``&name;`` left behind stays literal text.
    """
    if b"<!" not in body:
        return body
    parts: list[bytes] = []
    pos = 0
    closed_subsets = True  # once no "]>" is left, none will be found further on: do not search again
    while match := DOCTYPE_RE.search(body, pos):
        end = SUBSET_END_RE.search(body, match.end()) if closed_subsets else None
        if end is None:  # unterminated subset: end it where an HTML parser ends the doctype, at the next ">"
            closed_subsets = False
            close = body.find(b">", match.end())
            end_pos = len(body) if close < 0 else close + 1
        else:
            end_pos = end.end()
        parts.append(body[pos : match.start()])
        flags["dtd_removed"] += 1
        pos = end_pos
    if parts:
        body = b"".join([*parts, body[pos:]])
    body, count = ENTITY_DECL_RE.subn(b"", body)
    if count:
        flags["entity_declarations_removed"] += count
    return body


@dataclass(frozen=True)
class Rewrite:
    """A pattern replaced wherever it occurs. With ``needles``, the regex runs only on bodies holding one of
    them (a byte count is a C-speed scan, the regex is not); without, the pattern is its own check (one whose
    first bytes fail fast scans a page faster than a count would)."""

    pattern: re.Pattern[bytes]
    replacement: bytes
    flag: str
    needles: tuple[bytes, ...] = ()

    def applies(self, body: bytes) -> bool:
        return not self.needles or any(needle in body for needle in self.needles)


REWRITES: tuple[Rewrite, ...] = (
    # base64 images are bytes of pictures, never article text
    Rewrite(INLINE_DATA_RE, b"data:,", "inline_data_removed", (b"base64,",)),
    # layout filler; the text around the run is untouched (a run needs BREAK_RUN_MIN break tags). Counting
    # the break tags first would need a lower-cased copy of the page and three scans: three times the
    # regex's own cost on pages without a run (nearly all)
    Rewrite(BREAK_RUN_RE, b"<br><br>", "break_runs_collapsed"),
)


def apply_rewrites(body: bytes, flags: Counter[str]) -> bytes:
    for rewrite in REWRITES:
        if rewrite.applies(body):
            body, count = rewrite.pattern.subn(rewrite.replacement, body)
            if count:
                flags[rewrite.flag] += count
    return body


def keep_content_after_body(body: bytes, flags: Counter[str]) -> bytes:
    """Text or tags after ``</body>`` (footers, counters pasted by templates) become part of the body.

    Parsers hang such content off odd places in the tree (tree code then finds a node outside the body);
    dropping the stray end tags puts it where every reader expects it, and keeps it.
    """
    end = BODY_END_RE.search(body)
    if end is None or not HTML_END_RE.sub(b"", body[end.end() :]).strip():
        return body
    flags["content_after_body_kept"] += 1
    # all of them at once: concatenated documents carry one </body> each, and removing them one by one
    # would need a cleaning round per document
    return body[: end.start()] + HTML_END_RE.sub(b"", BODY_END_RE.sub(b"", body[end.end() :]))


# A tag's slash and name: a quarter of TAG_RE's cost, for the pre-check every page goes through.
TAG_NAME_RE = rx.compile(rb"<(/?[A-Za-z][A-Za-z0-9]{0,15})")
TAG_STEPS_KEPT = 4096  # distinct tag spellings remembered (a page uses a few dozen; a hostile one, millions)


class _TagSteps(dict[bytes, int]):
    """``b"div"`` -> +1, ``b"/div"`` -> -1, a flat tag (``b"BR"``, ``b"/p"``) -> 0: the depth change of a
    tag as TAG_NAME_RE spells it, worked out once per spelling, so a page's tags map to steps in C."""

    def __missing__(self, spelling: bytes) -> int:
        name = spelling.removeprefix(b"/")
        step = 0 if name.lower() in FLAT_TAGS else -1 if len(name) < len(spelling) else 1
        if len(self) < TAG_STEPS_KEPT:
            self[spelling] = step
        return step


_TAG_STEPS = _TagSteps()


def nesting_bound(body: bytes) -> int:
    """An upper bound of the page's nesting depth (self-closing tags count as opening ones), cheap enough
    to run on every page so the exact flattening pass runs only on suspicious ones."""
    depth = peak = 0
    for step in map(_TAG_STEPS.__getitem__, TAG_NAME_RE.findall(body)):
        depth += step
        if depth < 0:  # a stray end tag closes nothing
            depth = 0
        elif depth > peak:
            peak = depth
    return peak


def flatten_deep_nesting(body: bytes, flags: Counter[str]) -> bytes:
    """Drop the tags below MAX_DEPTH (their text stays), in one iterative pass over the tags.

    Depth is counted on open/close tags that nest; void and implicitly-closed tags are ignored, so a page
    with thousands of unclosed <p> is not mistaken for a deep one.
    """
    if body.count(b"<") <= MAX_DEPTH or nesting_bound(body) <= MAX_DEPTH:
        return body
    depth = 0
    cuts: list[tuple[int, int]] = []
    for match in TAG_RE.finditer(body):
        closing, self_closing = match.groups()
        if self_closing:
            continue
        if closing:
            if depth > MAX_DEPTH:
                cuts.append(match.span())
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > MAX_DEPTH:
                cuts.append(match.span())
    if not cuts:
        return body
    flags["deep_nesting_flattened"] += len(cuts)
    parts: list[bytes] = []
    pos = 0
    for start, end in cuts:
        parts.append(body[pos:start])
        pos = end
    parts.append(body[pos:])
    return b"".join(parts)


def trim_attributes(body: bytes, flags: Counter[str]) -> bytes:
    """Keep the first MAX_ATTRIBUTES attributes of a tag: libxml2 checks each attribute against the
    element's others, so one element with 200,000 attributes costs a minute in the parser."""
    if not LONG_TAG_RE.search(body):
        return body

    def trim(match: re.Match[bytes]) -> bytes:
        attributes = ATTRIBUTE_RE.findall(match["attributes"])
        if len(attributes) <= MAX_ATTRIBUTES:
            return match[0]
        flags["attributes_removed"] += len(attributes) - MAX_ATTRIBUTES
        return b"<%s %s%s>" % (match["name"], b" ".join(attributes[:MAX_ATTRIBUTES]), match["slash"])

    return LONG_TAG_RE.sub(trim, body)


def _safe_cut(body: bytes, limit: int) -> int:
    """A position at or before ``limit`` that splits no character: before a byte below 0x40, which is no
    part of a multi-byte character in UTF-8, GB18030 or Big5 (markup, spaces, digits, ASCII punctuation);
    in a long run of CJK text without one, at a UTF-8 character start."""
    window = body[max(0, limit - CUT_SEARCH) : limit + 1]
    for pos in range(len(window) - 1, -1, -1):
        if window[pos] < 0x40:
            return limit - (len(window) - 1 - pos)
    back = 0
    while back < 3 and 0x80 <= body[limit - back] < 0xC0:  # UTF-8 continuation bytes
        back += 1
    return limit - back


def _cut_elements(body: bytes, flags: Counter[str], limit: int) -> bytes:
    if body.count(b"<") > limit and (nth := next(islice(ELEMENT_RE.finditer(body), limit, None), None)):
        flags["page_cut_elements"] += 1
        return body[: nth.start()]
    return body


def bound_elements(body: bytes, flags: Counter[str]) -> bytes:
    """A first, generous cut (COARSE_ELEMENTS tags) that bounds what the other strips cost on a tag soup."""
    return _cut_elements(body, flags, COARSE_ELEMENTS)


def cut_oversized(body: bytes, flags: Counter[str]) -> bytes:
    """Cut a page after MAX_ELEMENTS tags or MAX_TEXT_BYTES of text: past these no article page goes (the
    dev set's largest: 3,200 tags, 700 KB of text), and the parser and extraction cost grows with both (a
    19 MB page of text and ``<br>`` took 25 s and 2 GB). The article sits at the top; what is cut is
    flagged, and the page is scored as possibly incomplete. Runs last, after the strips that shrink such
    pages without losing text (break runs, deep nesting)."""
    body = _cut_elements(body, flags, MAX_ELEMENTS)
    if len(body) > MAX_TEXT_BYTES:
        text, pos = 0, 0
        for tag in MARKUP_RE.finditer(body):
            run = tag.start() - pos
            if text + run > MAX_TEXT_BYTES:
                break
            text += run
            pos = tag.end()
        else:
            run = len(body) - pos
        if text + run > MAX_TEXT_BYTES:
            body = body[: _safe_cut(body, pos + MAX_TEXT_BYTES - text)]
            flags["page_cut_text"] += 1
    return body


# Removing bytes can join two harmless fragments into something a strip removes ("<!DOC" + "TYPE"). Strips
# that run later in the same round see such joins; only the joining strips can create material for a strip
# that ran before them, so the chain reruns while they change something, for at most this many
# rounds, after which the body is refused.
MAX_STRIP_ROUNDS = 4
STRIPS: tuple[Callable[[bytes, Counter[str]], bytes], ...] = (
    strip_control_bytes,
    strip_dtd,
    bound_elements,
    apply_rewrites,
    trim_attributes,
    keep_content_after_body,
    flatten_deep_nesting,
    cut_oversized,  # last: what the others shrink (break runs, deep nesting) is not cut
)
JOINING_STRIPS = (strip_dtd, trim_attributes, keep_content_after_body, flatten_deep_nesting)


def strip_hostile(body: bytes, flags: Counter[str]) -> bytes:
    for _ in range(MAX_STRIP_ROUNDS):
        rerun = False
        for strip in STRIPS:
            before = len(body)
            body = strip(body, flags)
            rerun |= strip in JOINING_STRIPS and len(body) != before
        if not rerun:
            return body
    raise PageError("hostile_markup", f"markup still changing after {MAX_STRIP_ROUNDS} cleaning rounds")


def screen_body(body: bytes, flags: Counter[str]) -> bytes:
    """Every check in order; returns the body the decoder may safely see, or raises ``PageError``.

    Idempotent: a body this returns passes through again unchanged and unflagged.
    """
    check_size(body)
    check_not_empty(body)
    body = gunzip_bounded(body, flags)
    check_signature(body)
    body = to_utf8(body, flags)
    check_control_share(body)
    body = strip_hostile(body, flags)
    check_not_empty(body.removeprefix(codecs.BOM_UTF8))  # stripping may leave nothing
    return body
