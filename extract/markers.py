"""Location markers: the words a comparison-table row opens with (計画書 N ページ, 第N条, 別表).

Shared by the row splitter of partly ruled tables (:mod:`.page`) and the joining of rows
across page breaks (:mod:`.rows`).
"""

from __future__ import annotations

import re
from functools import cache

from shinkyu.schemas.lexicon import lexicon

MARKER = re.compile(
    r"^\s*(?:計画書?\s*[0-9０-９]+\s*(?:ページ|頁|P)|[0-9０-９]+\s*(?:ページ|頁)"
    r"|[pPｐＰ]\.?\s*[0-9０-９]+"
    r"|第\s*[0-9０-９一二三四五六七八九十百千]+\s*(?:条|章|節|款)|別表|附\s*則|前文|目次)"
)
# An article's caption on its own line, printed above it: 「（手数料）」
CAPTION = re.compile(r"^\s*[(（][^()（）]{1,30}[)）]\s*$")

_DECOR = re.compile(r"[\s()（）\[\]［］〔〕【】<>＜＞\-－—ー―‐~～]")


@cache
def _omissions() -> frozenset[str]:
    return frozenset(lexicon().omissions)


def is_omission(text: str) -> bool:
    """Whether a line says only that text is left out: 「（略）」, 「－ 省 略 －」, 「同左」."""
    return _DECOR.sub("", text) in _omissions()


# A page number printed alone: 「- 3 -」, 「３」, 「3 / 12」.
PAGE_NUMBER = re.compile(
    r"^\s*[-－—‐ー]?\s*[0-9０-９]+\s*[-－—‐ー]?\s*$|^\s*[0-9]+\s*/\s*[0-9]+\s*$"
)
