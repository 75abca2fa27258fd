"""Word / LibreOffice nested tables across page breaks, on corpus documents.

LibreOffice draws a nested table flush against its cell's borders and closes tables at page
breaks with a rule; rows may split across the break. Expected rows are copied by hand from
the documents' HTML sources (``samples/corpus/src``), compared without whitespace.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

from shinkyu.schemas.model import Document

from shinkyu.api import convert

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "samples" / "corpus" / "pdf"


@cache
def _doc(name: str) -> Document:
    return convert(PDF / f"{name}.pdf", analysis=False)


def _squeeze(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def _rows(rows: list[list[str]]) -> list[list[str]]:
    return [[_squeeze(c) for c in r] for r in rows]


SAKURAGAWA_AFTER = [  # dev-sakuragawa-kanko.html, plan page 14, 改正案: a row cut at the break
    ["事業名", "内容", "実施主体", "実施時期"],
    [
        "観光ホームページ運営事業",
        "観光ホームページの運営及び英語・中国語等への多言語化",
        "村・観光協会",
        "毎年度",
    ],
    [
        "ＳＮＳ情報発信強化事業",
        "写真・動画投稿サイトを活用した季節ごとの情報発信",
        "観光協会",
        "令和6年度～",
    ],
    [
        "デジタルスタンプラリー事業",
        "村内の観光スポットを巡るスマートフォン版スタンプラリーの実施",
        "村・商工会",
        "R7",
    ],
    [
        "観光ＤＸ推進事業（新規）",
        "人流データ等を活用した観光客の動向分析と施策への反映",
        "村",
        "令和7年度～令和9年度",
    ],
]

HOSHINO_BEFORE = [  # dev-hoshino-akiya.html, 変更前: the last row cut at the page foot
    ["事業名", "概要", "所管課"],
    [
        "空家バンク運営事業",
        "町内の空家等の物件情報をホームページ等で公開し、移住希望者等とのマッチングを行う。",
        "企画政策課",
    ],
    [
        "空家改修費補助事業",
        "空家バンク登録物件の購入者又は賃借人が行う改修工事に要する経費の2分の1を補助する（上限50万円）。",
        "企画政策課",
    ],
    [
        "家財道具処分費補助事業",
        "空家バンク登録物件の家財道具の処分に要する経費を補助する（上限10万円）。",
        "企画政策課",
    ],
]


def test_row_borders_cross_columns() -> None:
    """Nested rules flush with the outer cell are not outer row borders: 6 entries, not 9."""
    doc = _doc("dev-sakuragawa-kanko")
    assert [e.plan_pages for e in doc.entries] == [[2], [5], [12], [14], [16], [20]]


def test_flush_nested_table_and_cut_row() -> None:
    entry = _doc("dev-sakuragawa-kanko").entries[3]
    assert len(entry.after.tables) == 1
    assert _rows(entry.after.tables[0].rows) == _rows(SAKURAGAWA_AFTER)


def test_row_cut_at_the_page_foot_is_joined() -> None:
    entry = _doc("dev-hoshino-akiya").entries[4]
    assert _rows(entry.before.tables[0].rows) == _rows(HOSHINO_BEFORE)


def test_row_ending_at_the_page_foot_is_not_joined() -> None:
    """dev-kawabe-shogai: a row that ends at the foot and the next page's row stay apart."""
    rows = _rows(_doc("dev-kawabe-shogai").entries[2].after.tables[0].rows)
    names = [r[0] for r in rows]
    assert "就労継続支援(B型)" in names and "就労選択支援" in names
