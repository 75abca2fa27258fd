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
    "m2",
    "m3",
    "km2",
    "t-CO2",
    "t-CO₂",
    "tCO2",
    "ポイント",
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
    "地区",
    "店舗",
    "企業",
    "団体",
    "路線",
    "便",
    "泊",
    "床",
    "園",
    "km²",
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

UNIT_RE = "|".join(re.escape(u) for u in sorted(set(UNITS), key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# 「1億2,000万」: a larger multiplier's part before a smaller one's (compound amounts).
_COMPOUND = rf"(?:(?P<big>{_NUM})\s?(?P<bigm>[兆億万])\s?)?"
QUANTITY = re.compile(
    rf"(?<![\d.,第※]){_COMPOUND}(?P<num>{_NUM})"
    rf"\s?(?P<mult>[千万億兆])?(?P<unit>{UNIT_RE})"
)
# A value cell: 「約1,200万円」, 「10～15件」, 「80%以上」, 「1億2,000万円」, 「－」.
VALUE = re.compile(
    r"(?P<qb>約|概ね|おおむね)?\s*"
    rf"{_COMPOUND}(?P<num>{_NUM})\s?(?P<mult>[千万億兆])?"
    rf"(?:\s*[～〜~\-－]\s*(?P<max>{_NUM})\s?(?P<maxmult>[千万億兆])?)?"
    rf"\s?(?P<unit>(?:{UNIT_RE}|[^\s\d()（）、。,/]{{0,6}}?)(?:/[^\s\d()（）、。,]{{1,5}})?)"
    r"\s*(?P<qa>以上|以下|未満|超|程度|前後)?\s*$"
)
# 「－」 / 「-」 (and the OCR misread 「二」 standing alone) mean "no value" in KPI cells.
NO_VALUE = frozenset("-－―ー‐−二")
NEGATIVE = frozenset("△▲")


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


def _compound(m: re.Match[str]) -> int | float:
    value = scale(parse_number(m["num"]), m["mult"])
    if m["big"]:
        value = scale(parse_number(m["big"]), m["bigm"]) + value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
    return value


def find_quantities(text: str) -> Iterator[Quantity]:
    """Every number followed by a known unit, with offsets into ``text``."""
    for m in QUANTITY.finditer(ascii_digits(text)):
        yield Quantity(
            value=_compound(m),
            unit=m["unit"],
            raw=text[m.start() : m.end()],
            start=m.start(),
            end=m.end(),
        )


def parse_quantity(text: str) -> Quantity | None:
    """A value cell such as 「21 事業者」, 「1,625千人」, 「約1億2,000万円」, 「－」.

    The whole stripped text must be one value (with an optional qualifier 約 / 以上 / 未満 …,
    or a range 「10～15件」) or a no-value dash; None otherwise. An unknown unit of up to six
    characters is kept as printed.
    """
    raw = text.strip()
    if raw in NO_VALUE:
        return Quantity(value=None, unit=None, raw=raw)
    if raw[:1] in NEGATIVE and len(raw) > 1:  # 「△18人」: minus, as accounts print it
        q = parse_quantity(raw[1:])
        if q is None or q.value is None:
            return None
        return q.model_copy(update={"value": -q.value, "raw": raw})
    m = VALUE.fullmatch(ascii_digits(raw))
    if m is None:
        return None
    unit = m["unit"] or None
    if unit is not None and (unit[0] in "年月" or unit in NO_VALUE):
        return None
    value_max = scale(parse_number(m["max"]), m["maxmult"] or m["mult"]) if m["max"] else None
    return Quantity(
        value=_compound(m),
        unit=unit,
        raw=raw,
        qualifier=m["qb"] or m["qa"],
        value_max=value_max,
    )


_KEEP_AS_PRINTED = set("～〜")


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch in _KEEP_AS_PRINTED or "\u2460" <= ch <= "\u24ff":
        return ch
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 else ch


@lru_cache(maxsize=8192)
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
