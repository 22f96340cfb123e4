"""Chinese and Arabic numerals -> numbers (一百二十三, 1.5万, 二〇二一, 百), shared by money and percents."""

from __future__ import annotations

from crawler.text.numerals import CN_DIGITS

DIGITS = {**CN_DIGITS, "两": 2}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "点"


def chinese_to_number(text: str) -> float | None:
    """Value of a Chinese numeral (十亿 -> 1e9, 二点五 -> 2.5, 一二三 -> 123); None if it is not one."""
    if not text or any(ch not in NUMERAL_CHARS for ch in text):
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        head = chinese_to_number(whole) if whole else 0.0
        if head is None or any(ch not in DIGITS for ch in frac):
            return None
        return head + float("0." + "".join(str(DIGITS[ch]) for ch in frac)) if frac else head
    if all(ch in DIGITS for ch in text):
        return float("".join(str(DIGITS[ch]) for ch in text))
    total, section, digit = 0.0, 0.0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            if ch == "亿":  # 亿 scales everything before it: 一万亿 = 1e12
                total = ((total + section) or 1) * BIG_UNITS[ch]
            else:
                total += (section or 1) * BIG_UNITS[ch]
            section, digit = 0.0, None
    return total + section + (digit or 0)


def to_number(text: str) -> float | None:
    """Arabic (1,500 / 272.80) or Chinese numeral text -> float."""
    cleaned = text.replace(",", "").replace("，", "").replace("．", ".")
    try:
        return float(cleaned)
    except ValueError:
        return chinese_to_number(cleaned)
