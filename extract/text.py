"""Japanese text rules: reading-text normalization and how printed pieces are joined.

Pure functions on strings; no PDF here.
"""

from __future__ import annotations

import re
import unicodedata

from .radicals import RADICAL_TO_IDEOGRAPH

# Characters NFKC would change that carry meaning in 新旧対照表 and are kept as printed:
# circled numbers are headings (①), NFKC would turn them into bare digits; wave dashes
# are ranges (①～④, 令和2年～令和7年), NFKC would turn ～ into an ASCII tilde.
_KEEP = set("～〜")
_KEEP_RANGES = ((0x2460, 0x24FF), (0x2776, 0x2793), (0x3251, 0x325F), (0x32B1, 0x32BF))

# Printed glyphs whose ToUnicode names the wrong character, as Japanese fonts often do:
# a dash glyph shared with a combining overlay, a variant ideograph sharing the JIS glyph,
# and the two wave dashes (one reading form, ～, is kept for both).
_GLYPH_FIXES = str.maketrans({"\u0336": "—", "\u6236": "戸", "\u301c": "～"})

# Voicing marks that compose with the preceding kana under NFKC.
_COMBINING_KANA = {"\u3099", "\u309a", "\u309b", "\u309c", "\uff9e", "\uff9f"}


def _kept(ch: str) -> bool:
    if ch in _KEEP:
        return True
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _KEEP_RANGES)


def normalize_char(cluster: str) -> str:
    """Reading form of one printed character (plus any voicing marks that follow it).

    NFKC (Kangxi radicals such as ⽅ become 方, full-width digits become ASCII), and the CJK
    Radicals Supplement that NFKC leaves alone (⻑ becomes 長); circled numbers and wave
    dashes are kept.
    """
    cluster = cluster.translate(_GLYPH_FIXES)
    if len(cluster) == 1 and _kept(cluster):
        return cluster
    return (
        unicodedata.normalize("NFKC", cluster)
        .translate(RADICAL_TO_IDEOGRAPH)
        .translate(_GLYPH_FIXES)
    )


def is_combining(ch: str) -> bool:
    """True for marks that belong to the previous printed character."""
    return ch in _COMBINING_KANA or unicodedata.combining(ch) != 0


def normalize_text(text: str) -> str:
    """Reading form of a whole string, cluster by cluster (see :func:`normalize_char`)."""
    out: list[str] = []
    cluster = ""
    for ch in text:
        if cluster and is_combining(ch):
            cluster += ch
            continue
        if cluster:
            out.append(normalize_char(cluster))
        cluster = ch
    if cluster:
        out.append(normalize_char(cluster))
    return "".join(out)


def is_wide(ch: str) -> bool:
    """True for Japanese and other full-width characters (no spaces around them).

    Ambiguous-width symbols used in these tables (→ ➡ ○ ・ ※) count as wide.
    """
    if not ch:
        return False
    if ch.isspace():
        return False
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def needs_space(left: str, right: str) -> bool:
    """Whether a space belongs between two printed pieces that a gap or line break separates.

    Only between two narrow (Latin, digit, ASCII punctuation) characters: never between
    Japanese characters, nor between Japanese and Latin.
    """
    if not left or not right:
        return False
    return not is_wide(left) and not is_wide(right)


def continues_number(left: str, right: str) -> bool:
    """Whether two pieces are parts of one number (「1,84」 + 「0人」; letter-spaced 「２，１５」).

    A digit after a digit, a comma or a point, or a comma / point after a digit.
    """
    if not left or not right:
        return False
    return (right.isdigit() and (left.isdigit() or left in ",.")) or (
        left.isdigit() and right in ",."
    )


_WS = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """The comparison form used by tests and benchmarks: NFKC, one wave dash, no whitespace."""
    return _WS.sub("", unicodedata.normalize("NFKC", text).replace("〜", "~"))
