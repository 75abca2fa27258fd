"""Numbers: kanji numerals, full-width digits, quantities with units (「1,625千人」 → 1625000).

Pure functions on strings. Offsets are preserved: :func:`ascii_digits` maps one character to
one character, so a match on its output indexes the input too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from shinkyu.schemas.model import Quantity

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９，．％／"
    + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B)),
    "0123456789,.%/ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
)

_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}
KANJI_NUMERAL = "〇零一二三四五六七八九十百千"

# Multipliers folded into the value; the base unit is what remains (千人 → 人, 億円 → 円).
MULTIPLIERS = {"千": 1_000, "万": 10_000, "億": 100_000_000, "兆": 1_000_000_000_000}

# Units recognised after a number, longest first. A multiplier may precede any of them.
UNITS = (
    "事業者",
    "事業所",
    "事業",
    "世帯",
    "箇所",
    "か所",
    "ヶ所",
    "か年",
    "ヵ年",
    "年間",
    "か月",
    "ヶ月",
    "時間",
    "団体",
    "施設",
    "人",
    "名",
    "件",
    "円",
    "品",
    "組",
    "%",
    "回",
    "校",
    "社",
    "者",
    "戸",
    "台",
    "枚",
    "冊",
    "点",
    "本",
    "歳",
    "日",
    "つ",
    "個",
    "ha",
    "km",
    "m²",
    "㎡",
    "t",
)

_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
QUANTITY = re.compile(
    r"(?<![\d.,第※])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"\s?(?P<mult>[千万億兆])?(?P<unit>{_UNIT_RE})"
)
# 「－」 / 「-」 (and the OCR misread 「二」 standing alone) mean "no value" in KPI cells.
NO_VALUE = frozenset("-－―ー‐−二")


def ascii_digits(text: str) -> str:
    """Full-width digits, Latin letters and separators to ASCII, one for one (offsets kept)."""
    return text.translate(_FULLWIDTH)


def kanji_to_int(text: str) -> int | None:
    """Value of a kanji numeral (七, 二十三, 三十一, 百五, 一〇); None if it is not one.

    Digits written one by one (二〇二五) and mixed ASCII digits (1) are accepted.
    """
    text = ascii_digits(text)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if text == "元":
        return 1
    if all(ch in _KANJI_DIGITS for ch in text):
        return int("".join(str(_KANJI_DIGITS[ch]) for ch in text))
    total = 0
    current = 0
    for ch in text:
        if ch in _KANJI_DIGITS:
            current = _KANJI_DIGITS[ch]
        elif ch in _KANJI_SMALL:
            total += (current or 1) * _KANJI_SMALL[ch]
            current = 0
        else:
            return None
    return total + current


def parse_number(text: str) -> int | float:
    """「1,625」 → 1625, 「55.9」 → 55.9 (int when there is no decimal part)."""
    plain = ascii_digits(text).replace(",", "")
    return float(plain) if "." in plain else int(plain)


def scale(value: int | float, mult: str | None) -> int | float:
    """The value times its multiplier (千 万 億 兆), kept an int when it is one."""
    if not mult:
        return value
    scaled = value * MULTIPLIERS[mult]
    if isinstance(scaled, float) and scaled.is_integer():
        return int(scaled)
    if isinstance(scaled, float):
        return round(scaled, 6)
    return scaled


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every number followed by a known unit, with offsets into ``text``."""
    for m in QUANTITY.finditer(ascii_digits(text)):
        value = scale(parse_number(m["num"]), m["mult"])
        yield Quantity(
            value=value, unit=m["unit"], raw=text[m.start() : m.end()], start=m.start(), end=m.end()
        )


def parse_quantity(text: str) -> Quantity | None:
    """A value cell such as 「21 事業者」, 「1,625千人」, 「－」; None when it holds no quantity.

    The whole stripped text must be one quantity or a no-value dash.
    """
    raw = text.strip()
    if raw in NO_VALUE:
        return Quantity(value=None, unit=None, raw=raw)
    m = QUANTITY.fullmatch(ascii_digits(raw))
    if m:
        return Quantity(value=scale(parse_number(m["num"]), m["mult"]), unit=m["unit"], raw=raw)
    m2 = re.fullmatch(
        r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?([^\s\d]{1,4})", ascii_digits(raw)
    )
    if m2:  # an unknown unit: keep it as printed
        return Quantity(value=parse_number(m2[1]), unit=m2[2], raw=raw)
    return None


_KEEP_AS_PRINTED = set("～〜")


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch in _KEEP_AS_PRINTED or "\u2460" <= ch <= "\u24ff":
        return ch
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 else ch


def fold(text: str) -> str:
    """NFKC character by character where that keeps one character (（ → (, ％ → %, Ｒ → R).

    The result has the length of ``text``, so offsets found in it index ``text``. Wave
    dashes and circled numbers are kept, as in the model's reading text.
    """
    if text.isascii():
        return text
    return "".join(map(_fold_char, text))


def squeeze_name(text: str) -> str:
    """A name without whitespace, except one space between two Latin letters or digits."""
    return re.sub(
        r"\s+", lambda m: " " if _narrow_around(text, m.start(), m.end()) else "", text.strip()
    )


def _narrow_around(text: str, start: int, end: int) -> bool:
    left = text[start - 1] if start else ""
    right = text[end] if end < len(text) else ""
    return left.isascii() and left.isalnum() and right.isascii() and right.isalnum()
