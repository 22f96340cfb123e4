"""Reproduces the portal converter that damaged the seed articles, so tests can build damaged input.

The converter replaced GBK(char) by GBK(char) + "(pīnyīn)" over raw bytes, one table entry after the
other; the portal then decoded the result with a GBK decoder that turned a bad pair into "?" (swallowing
the second byte), dropped user-defined pairs, and folded full-width forms to ASCII.
"""

from __future__ import annotations

GB = "gb18030"
USER_DEFINED = ((0xAA, 0xAF, 0xA1, 0xFE), (0xF8, 0xFE, 0xA1, 0xFE), (0xA1, 0xA7, 0x40, 0xA0))


def annotate_bytes(text: str, table: dict[str, str]) -> bytes:
    """The converter: byte-level replace for every (character, reading), in table order."""
    data = text.encode(GB)
    for char, syllable in table.items():
        raw = char.encode(GB)
        data = data.replace(raw, raw + f"({syllable})".encode(GB))
    return data


def _user_defined(lead: int, trail: int) -> bool:
    return any(lo <= lead <= hi and tlo <= trail <= thi for lo, hi, tlo, thi in USER_DEFINED)


def portal_decode(data: bytes) -> str:
    """The portal's lossy GBK decoder, followed by its full-width -> ASCII fold."""
    out: list[str] = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80 or i + 1 >= len(data):
            out.append(chr(byte) if byte < 0x80 else "?")
            i += 1
            continue
        pair = data[i : i + 2]
        i += 2
        if not 0x40 <= pair[1] <= 0xFE or pair[1] == 0x7F:
            out.append("?")
        elif not _user_defined(*pair):
            out.append(pair.decode(GB, errors="replace"))
    return "".join(out).translate(FOLD)


FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
