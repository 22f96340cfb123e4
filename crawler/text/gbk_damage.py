"""Repair of pages damaged by a byte-level pinyin annotator (see docs/text.md, "GBK damage").

Some portals ran a converter that did ``replace(GBK(char), GBK(char) + "(pīnyīn)")`` over raw GBK bytes.
Where the trail byte of one character and the lead byte of the next happened to spell an annotated
character, the annotation landed *inside* a character: ``平涼`` (C6BD 9BF6) became
``C6 BD 9B (jīng) F6``. A GBK decoder then read ``9B (`` as one bad pair ("?"), drifted out of step and
dropped user-defined pairs it met on the way: ``平?jīng)龉I(yè)``.

Two entry points:
- ``drop_split_annotations(data)`` works on raw GBK bytes, before decoding: exact, no guessing.
- ``repair_damaged_text(text)`` works on text that was already decoded that way (the common case). It
  rebuilds the converter's bytes (re-encoding to GBK, putting the lost lead byte back) and walks them like
  the byte-level fix. Only where the lost byte is not unique, or where the decoder dropped bytes, are
  candidates scored (``scoring.py``); those repairs are flagged ``repair_guessed``. Sites that cannot be
  restored keep their text and are flagged ``text_damaged``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from crawler import rx
from crawler.text import scoring
from crawler.text.common import common_char
from crawler.text.pinyin import HAN, PINYIN_LETTERS, is_reading, readings, syllables

GB = "gb18030"
LOST = "\ufffd"  # stands for a byte that was lost and cannot be restored
# "(" + pinyin in GBK bytes (ASCII letters or the A8xx toned vowels) + ")".
BYTE_ANNOTATION_RE = rx.compile(rb"\(((?:[a-z]|\xa8[\xa1-\xc0]){1,8})\)")
# An annotation in bytes; it is split when a lead byte precedes it (checked in code: a leading literal
# keeps the scan fast).
SPLIT_HINT_RE = rx.compile(rb"\((?:[a-z]|\xa8[\xa1-\xc0]){1,8}\)")
# Decoded damage: the decoder turned "lead byte + (" into "?" and left "pinyin)".
# The window (P, X) is a GBK character, so the character before the "?" is never ASCII (``a?b)`` in a
# script is no site) unless it closes the site just before. SITE_HINT_RE: the literal-led first look.
SITE_RE = rx.compile(rf"(?<=[^\x00-\x7f]|\))\?([{PINYIN_LETTERS}]{{1,6}})\)")  # ")": sites touch
SITE_HINT_RE = rx.compile(rf"\?([{PINYIN_LETTERS}]{{1,6}})\)")
# A "?" between Han characters, left by a lost byte (a folded ？, A3BF, is what remains).
LOST_BYTE_RE = rx.compile(rf"(?<=[{HAN})])\?(?=[{HAN}])")
QUESTION_BEFORE_HAN_RE = rx.compile(rf"\?(?=[{HAN}])")  # literal-led: a fast first look for the above
# Annotation after a character that does not have that reading: the decoder dropped a pair before it.
ANNOTATED_RE = rx.compile(rf"([{HAN}])\(([{PINYIN_LETTERS}]{{1,6}})\)")
TRAILING_ANNOTATIONS_RE = rx.compile(rf"(?:\([{PINYIN_LETTERS}]{{1,6}}\))+$")
UNDECODABLE_RE = rx.compile("[\ufffd\ue000-\uf8ff]")
HAN_CHAR_RE = rx.compile(f"[{HAN}]")
STRAY_TRAIL_RE = rx.compile(rf"[{HAN}][@-~](?=[{HAN}(])")
MISALIGNED_WINDOW = 12  # characters after a lost byte in which a misaligned decode shows
SCORE_CONTEXT = 8  # characters before a site that candidates are scored with
# A non-ASCII run (matched on the reversed text: how far back a decoder out of step produced characters).
NON_ASCII_RUN_RE = rx.compile(r"[^\x00-\x7f]*")
# Text runs that a re-encoding may span: markup and line breaks always resynchronise a GBK decoder.
RUN_BREAK = "<>\n"
# Bytes that can neither lead nor trail a GBK pair (brackets excepted: they belong to annotations).
SYNC_BYTES = frozenset(range(0x40)) - {0x28, 0x29}
LEAD_BYTES = range(0x81, 0xFF)
MAX_STREAMS = 64  # candidate byte streams per text run (sites with several possible lead bytes multiply)
# GBK user-defined areas: a decoder that drops unknown pairs drops exactly these.
USER_DEFINED = ((0xAA, 0xAF, 0xA1, 0xFE), (0xF8, 0xFE, 0xA1, 0xFE), (0xA1, 0xA7, 0x40, 0xA0))


def _is_trail(byte: int) -> bool:
    return 0x40 <= byte <= 0xFE and byte != 0x7F


def _char(pair: bytes) -> str | None:
    """The character two GBK bytes spell, or None."""
    try:
        text = pair.decode(GB)
    except UnicodeDecodeError:
        return None
    return text if len(text) == 1 and not "\ue000" <= text <= "\uf8ff" else None


def _annotation_at(data: bytes, pos: int) -> int:
    """End of a valid pinyin annotation starting at ``pos`` (the "("), or -1."""
    match = BYTE_ANNOTATION_RE.match(data, pos)
    if match is None:
        return -1
    try:
        syllable = match.group(1).decode(GB)
    except UnicodeDecodeError:
        return -1
    return match.end() if syllable in syllables() else -1


def _walk(data: bytes, start: int, end: int, out: bytearray) -> int:
    """Copy data[start:end] to ``out`` character by character, dropping annotations inside characters."""
    dropped = 0
    i = start
    while i < end:
        byte = data[i]
        if 0x81 <= byte <= 0xFE and i + 1 < len(data):
            nxt = i + 1
            while data[nxt : nxt + 1] == b"(" and (stop := _annotation_at(data, nxt)) > 0:
                dropped += 1  # the annotation sits between this lead byte and its trail byte
                nxt = stop
            if nxt < len(data) and 0x30 <= data[nxt] <= 0x39 and nxt + 2 < len(data):
                out.append(byte)
                out += data[nxt : nxt + 3]
                i = nxt + 3
                continue
            if nxt < len(data) and _is_trail(data[nxt]):
                out += bytes((byte, data[nxt]))
                i = nxt + 1
                continue
        out.append(byte)
        i += 1
    return dropped


def _split_hint(data: bytes, pos: int) -> int:
    """Position of the next annotation preceded by a byte that could lead a pair, or -1."""
    while (match := SPLIT_HINT_RE.search(data, pos)) is not None:
        if match.start() and 0x81 <= data[match.start() - 1] <= 0xFE:
            return match.start() - 1
        pos = match.end()
    return -1


def drop_split_annotations(data: bytes) -> tuple[bytes, int]:
    """Remove annotations the converter inserted inside a GBK character; returns (bytes, sites)."""
    hint = _split_hint(data, 0)
    if hint < 0:
        return data, 0
    out = bytearray()
    copied = dropped = 0
    while hint >= 0:
        # Re-synchronise at the last byte that cannot be part of a pair, then walk past the hint.
        sync = hint
        while sync > copied and data[sync - 1] not in SYNC_BYTES:
            sync -= 1
        out += data[copied:sync]
        stop = hint + 1
        while stop < len(data) and data[stop] not in SYNC_BYTES:
            stop += 1
        dropped += _walk(data, sync, stop, out)
        copied = stop
        hint = _split_hint(data, copied)
    out += data[copied:]
    return bytes(out), dropped


@cache
def _lead_candidates(prev: int, syllable: str) -> tuple[int, ...]:
    """Bytes X such that the window (prev, X) spells a character read ``syllable``."""
    found = []
    for lead in LEAD_BYTES:
        char = _char(bytes((prev, lead)))
        if char is not None and is_reading(char, syllable):
            found.append(lead)
    return tuple(found)


def _preferred_leads(prev: int, syllable: str, table: frozenset[str]) -> tuple[int, ...]:
    """Lead-byte candidates, narrowed to characters the page's own converter annotated when possible."""
    leads = _lead_candidates(prev, syllable)
    return tuple(x for x in leads if _char(bytes((prev, x))) in table) or leads


def _runs(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """Spans of the text runs (between markup/line breaks) that contain a match of ``pattern``."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        start = max(text.rfind(c, 0, match.start()) for c in RUN_BREAK) + 1
        ends = [i for i in (text.find(c, match.end()) for c in RUN_BREAK) if i >= 0]
        end = min(ends) if ends else len(text)
        yield start, end
        pos = end


def _encode(text: str) -> bytes | None:
    try:
        return text.encode(GB)
    except UnicodeEncodeError:
        return None


def _annotated_chars(text: str) -> frozenset[str]:
    """Characters the document's own converter annotated: evidence for choosing between lead bytes."""
    return frozenset(m.group(1) for m in ANNOTATED_RE.finditer(text) if is_reading(m.group(1), m.group(2)))


def _realign_before_genuine(run: str, table: frozenset[str], flags: Counter[str]) -> str:
    """Sites whose annotation was genuine but reached a decoder already out of step (after bytes lost
    earlier): ``袑?shí)舉做優`` is really ``…招實(shí)舉做優``.

    The text after such a site reads well (the decoder was back in step there) while the character before
    it does not. The real character is (P, X): P the last byte before the "?". The bytes before P are
    re-paired backwards from it; a byte left without a partner is lost and becomes U+FFFD.
    """
    pos = 0
    while (match := SITE_RE.search(run, pos)) is not None:
        pos = match.end()
        before = run[: match.start()]
        after = run[match.end() : match.end() + 2]
        if not before or common_char(before[-1]) or len(after) < 2 or not all(map(common_char, after)):
            continue
        region = len(before) - NON_ASCII_RUN_RE.match(before[::-1]).end()  # type: ignore[union-attr]
        raw = _encode(before[region:])
        if not raw:
            continue
        leads = _preferred_leads(raw[-1], match.group(1), table)
        if len(leads) != 1:
            continue
        paired, orphans = _pair_backwards(raw[:-1])
        fixed = LOST * orphans + paired + _char(bytes((raw[-1], leads[0]))) + f"({match.group(1)})"  # type: ignore[operator]
        run = before[:region] + fixed + run[match.end() :]
        pos = region + len(fixed)
        flags["gbk_damage_repaired"] += 1
        flags["text_damaged"] += 1 if orphans else 0
    return run


def _pair_backwards(raw: bytes) -> tuple[str, int]:
    """Decode GBK bytes from the end (the end is known to be a character boundary); returns the text and
    the number of bytes at the front that found no partner."""
    chars: list[str] = []
    end = len(raw)
    while end >= 2 and (char := _char(raw[end - 2 : end])) is not None:
        chars.append(char)
        end -= 2
    return "".join(reversed(chars)), end


def _rebuild(run: str, table: frozenset[str], flags: Counter[str]) -> str:
    """Undo the "?pinyin)" sites of one text run; returns the repaired run (or the run unchanged).

    Builds every byte stream the converter may have produced (one per choice of lost lead byte; the byte
    before a site is the previous site's lead when sites touch) and walks each like the byte-level fix.
    """
    pieces = SITE_RE.split(run)  # text, syllable, text, syllable, ..., text
    states: list[tuple[bytes, int | None]] = [(b"", None)]  # (stream so far, last byte of a character)
    lost = 0
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            raw = _encode(piece)
            if raw is None:
                return run
            # The window byte is the last byte of a character: genuine annotations after it came later.
            bare = _encode(TRAILING_ANNOTATIONS_RE.sub("", piece)) or b""
            states = [(stream + raw, bare[-1] if bare else last) for stream, last in states]
            continue
        tail = b"(" + piece.encode(GB) + b")"
        grown = []
        for stream, last in states:
            leads = _preferred_leads(last, piece, table) if last is not None else ()
            grown += [(stream + bytes((x,)) + tail, x) for x in leads]
        if not grown:  # not this mechanism: keep the site as text, repair the others
            if any(last is not None and last >= 0x81 for _, last in states):  # a window was possible
                flags["text_damaged"] += 1
            lost -= 1
            grown = [(stream + b"?" + tail[1:], None) for stream, _ in states]
        states = grown[:MAX_STREAMS]
    sites = len(pieces) // 2 + lost
    candidates = list(dict.fromkeys(_decode_stream(stream) for stream, _ in states))
    if len(candidates) == 1:
        best: str | None = candidates[0]
    else:
        best = scoring.best(candidates, run)
        if best is None:
            flags["text_damaged"] += sites
            return run
        flags["repair_guessed"] += 1
    flags["gbk_damage_repaired"] += sites
    if _undecodable(best) > _undecodable(run):  # the decoder also lost bytes here: text is missing
        flags["text_damaged"] += 1
    return _fill_dropped_pairs(best, flags)


def _undecodable(text: str) -> int:
    """Replacement and private-use characters: bytes that decode to no real character."""
    return len(UNDECODABLE_RE.findall(text))


def _decode_stream(stream: bytes) -> str:
    repaired, _ = drop_split_annotations(stream)
    return repaired.decode(GB, errors="replace")


def _fill_dropped_pairs(run: str, flags: Counter[str]) -> str:
    """``笽(yè)``: a character followed by a reading it does not have lost a user-defined pair inside it.

    Its bytes (c1, t) were (c1, y1)(y2, t) with (y1, y2) dropped; (y2, t) must have the reading, (y1, y2)
    must be user-defined, and the scorer picks y1.
    """

    def fill(match: re.Match[str]) -> str:
        char, syllable = match.group(1), match.group(2)
        if is_reading(char, syllable) or not readings(char) or syllable not in syllables():
            return match.group(0)
        raw = char.encode(GB)
        if len(raw) != 2:
            return match.group(0)
        options = [
            first + second
            for y1, y2 in _user_defined_pairs()
            if (second := _char(bytes((y2, raw[1])))) is not None
            and is_reading(second, syllable)
            and (first := _char(bytes((raw[0], y1)))) is not None
        ]
        context = run[max(0, match.start() - 4) : match.start()]
        after = run[match.end() : match.end() + 4]
        candidates = [context + pair + f"({syllable})" + after for pair in options]
        best = scoring.best(candidates, context + match.group(0) + after) if candidates else None
        if best is None:
            flags["text_damaged"] += 1
            return match.group(0)
        flags["dropped_pair_restored"] += 1
        flags["repair_guessed"] += 1
        return best[len(context) : len(best) - len(after)]

    return ANNOTATED_RE.sub(fill, run)


@cache
def _user_defined_pairs() -> tuple[tuple[int, int], ...]:
    return tuple(
        (lead, trail)
        for lo, hi, tlo, thi in USER_DEFINED
        for lead in range(lo, hi + 1)
        for trail in range(tlo, thi + 1)
        if trail != 0x7F
    )


def _misaligned_after(run: str, pos: int) -> bool:
    """Whether the text after ``pos`` looks like a GBK decoder out of step: a stray ASCII letter between
    Han characters (a trail byte showing through) or a character no newsroom uses."""
    window = run[pos : pos + MISALIGNED_WINDOW]
    return STRAY_TRAIL_RE.search(window) is not None or not all(map(common_char, HAN_CHAR_RE.findall(window)[:3]))


def _lost_byte(run: str, flags: Counter[str]) -> str:
    """``環?萍汲屈h``: one lead byte lost before a ？ (A3BF); put each lead back and let the scorer judge."""
    pos = 0
    while (match := LOST_BYTE_RE.search(run, pos)) is not None:
        pos = match.end()
        if not _misaligned_after(run, pos):
            continue
        head, raw_tail = run[: match.start()], _encode(run[match.end() :])
        candidates: dict[str, str] = {}  # scoring window -> whole run
        for lead in LEAD_BYTES if raw_tail is not None else ():
            decoded = (bytes((lead, 0xA3, 0xBF)) + raw_tail).decode(GB, errors="replace")  # type: ignore[operator]
            if not UNDECODABLE_RE.search(decoded):
                window = head[-SCORE_CONTEXT:] + decoded[:MISALIGNED_WINDOW]
                candidates[window] = head + decoded
        damaged = run[max(0, match.start() - SCORE_CONTEXT) : pos + MISALIGNED_WINDOW]
        best = scoring.best(list(candidates), damaged) if candidates else None
        if best is None:
            flags["text_damaged"] += 1
            continue
        flags["lost_byte_restored"] += 1
        flags["repair_guessed"] += 1
        run = candidates[best]
    return run


def repair_damaged_text(text: str) -> tuple[str, Counter[str]]:
    """Repair already-decoded text damaged by the byte-level annotator (see the module docstring)."""
    flags: Counter[str] = Counter()
    has_sites = any(SITE_RE.match(text, m.start()) for m in SITE_HINT_RE.finditer(text))
    if not has_sites and not (QUESTION_BEFORE_HAN_RE.search(text) and LOST_BYTE_RE.search(text)):
        return text, flags
    table = _annotated_chars(text)
    if not table and not has_sites:  # no annotator ran here: a "?" is just a "?"
        return text, flags
    out: list[str] = []
    pos = 0
    for start, end in _runs(text, SITE_RE):
        out.append(text[pos:start])
        # A lost byte (U+FFFD from the realignment) ends what one re-encoding may span.
        pieces = _realign_before_genuine(text[start:end], table, flags).split(LOST)
        out.append(LOST.join(_rebuild(p, table, flags) if SITE_RE.search(p) else p for p in pieces))
        pos = end
    out.append(text[pos:])
    text = "".join(out)
    if LOST_BYTE_RE.search(text):
        out, pos = [], 0
        for start, end in _runs(text, LOST_BYTE_RE):
            out.append(text[pos:start])
            out.append(_lost_byte(text[start:end], flags))
            pos = end
        out.append(text[pos:])
        text = "".join(out)
    return text, flags
