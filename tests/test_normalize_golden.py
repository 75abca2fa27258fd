"""Golden test of the analysis stage on the Sunagawa reference document.

Input: the logical rows of ``samples/expected/sunagawa.json`` turned into model cells
(always), and the PDF extraction of ``samples/pdf/sunagawa-landscape-mincho.pdf`` when the
extractor reproduces the expected texts (modulo whitespace); otherwise that case fails
and says which cells differ. GiNZA is loaded once per process (``load_nlp`` is cached).
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from shinkyu.extract.text import squeeze
from shinkyu.normalize import ParseCache, analyze, load_nlp
from shinkyu.schemas.model import Document

from tests.normalize_support import SAMPLES, expected_to_document

EXPECTED = SAMPLES / "expected" / "sunagawa.json"
PDF = SAMPLES / "pdf" / "sunagawa-landscape-mincho.pdf"

SPECIFIC = {  # plan page: (before, after), in printed order
    1: ([], []),
    7: (["地域ブランド構築事業", "創業支援事業"], ["地域ブランド定着推進事業", "創業支援事業"]),
    9: ([], []),
    12: ([], []),
    14: (
        ["病児・病後児保育事業", "市立保育所開放事業", "市立保育所一時保育事業", "学童保育事業"],
        [
            "病児・病後児保育事業",
            "市立保育所開放事業",
            "市立保育所一時保育事業",
            "学童保育事業",
            "保育・教育施設ICTシステム導入事業",
        ],
    ),
    15: (
        [
            "ふしぎの森利用料無料クーポン券支給事業",
            "乳幼児等医療費助成事業",
            "インフルエンザ任意予防接種費用助成事業",
        ],
        [
            "ふしぎの森利用料無料クーポン券支給事業",
            "子ども医療費無料化事業",
            "インフルエンザ任意予防接種費用助成事業",
            "学校給食費無償化事業",
        ],
    ),
    17: (["住民票等コンビニ交付サービス事業"], ["住民票等コンビニ交付サービス事業"]),
}
RELATED = {  # plan page: (before, after), compared sorted
    1: ([], []),
    7: (
        [
            "商工会議所活動促進事業",
            "商工業金融対策事業(保証融資利子補給事業)",
            "人材育成支援事業",
            "商店街ふれあい事業",
            "商業街路灯設置・維持費助成事業",
            "商業街路灯無電柱化工事費助成事業",
        ],
        [
            "商工会議所活動促進事業",
            "商工業金融対策事業(保証融資利子補給事業)",
            "人材育成支援事業",
            "商店街ふれあい事業",
            "商業街路灯設置・維持費助成事業",
            "商業街路灯無電柱化工事費助成事業",
        ],
    ),
    9: ([], []),
    12: ([], []),
    14: (
        [
            "放課後子ども教室推進事業",
            "市立保育所延長保育事業",
            "市立保育所広域入所事業",
            "子育て支援センター事業",
            "フッ素塗布事業",
            "私立幼稚園一時預かり委託事業",
            "放課後子ども教室運営事業",
            "乳幼児教育推進事業",
            "市立保育所乳児保育事業",
            "家庭児童相談事業",
            "ファミリーサポートセンター事業",
            "フッ化物洗口推進事業",
            "家庭教育セミナー推進事業",
        ],
        [
            "放課後子ども教室推進事業",
            "市立保育所延長保育事業",
            "市立保育所広域入所事業",
            "子育て支援センター事業",
            "フッ素塗布事業",
            "私立幼稚園一時預かり委託事業",
            "放課後子ども教室運営事業",
            "乳幼児教育推進事業",
            "市立保育所乳児保育事業",
            "家庭児童相談事業",
            "ファミリーサポートセンター事業",
            "フッ化物洗口推進事業",
            "家庭教育セミナー推進事業",
        ],
    ),
    15: (
        [
            "多子世帯保育料負担軽減事業",
            "保育料軽減事業",
            "保育所副食費負担軽減事業",
            "子育て支援指定ごみ袋配布事業",
            "乳児おむつ無料クーポン券支給事業",
            "予防接種事業",
        ],
        [
            "多子世帯保育料負担軽減事業",
            "保育料軽減事業",
            "保育所副食費負担軽減事業",
            "子育て支援指定ごみ袋配布事業",
            "乳児おむつ無料クーポン券支給事業",
            "予防接種事業",
        ],
    ),
    17: (
        [
            "デジタルトランスフォーメーション推進事業",
            "行政手続デジタル化事業",
            "地方公共団体情報システム標準化・共通化事業",
            "個人番号カード普及促進事業",
            "高齢者等スマートフォン教室",
        ],
        [
            "デジタルトランスフォーメーション推進事業",
            "行政手続デジタル化事業",
            "地方公共団体情報システム標準化・共通化事業",
            "個人番号カード普及促進事業",
            "高齢者等スマートフォン教室",
            "保育所ICTシステム導入事業",
            "小中学校ICTシステム導入事業",
        ],
    ),
}
# plan page, side, project, indicator, baseline (value, unit, year), target (..., year | 'each')
KPIS = [
    (
        7,
        "before",
        "地域ブランド構築事業",
        "チームを構成する事業者数",
        (21, "事業者", 2019),
        (75, "事業者", 2025),
    ),
    (
        7,
        "before",
        "地域ブランド構築事業",
        "地域ブランドの商品数",
        (22, "品", 2019),
        (50, "品", 2025),
    ),
    (
        7,
        "before",
        "創業支援事業",
        "創業支援事業に基づく新規創業件数及び事業承継件数",
        (2, "件", 2019),
        (4, "件", 2025),
    ),
    (
        7,
        "after",
        "地域ブランド定着推進事業",
        "チームを構成する事業者数",
        (21, "事業者", 2019),
        (75, "事業者", 2025),
    ),
    (
        7,
        "after",
        "地域ブランド定着推進事業",
        "地域ブランドの商品数",
        (22, "品", 2019),
        (50, "品", 2025),
    ),
    (
        7,
        "after",
        "創業支援事業",
        "創業支援事業に基づく新規創業件数及び事業承継件数",
        (2, "件", 2019),
        (4, "件", 2025),
    ),
    (
        14,
        "before",
        "病児・病後児保育事業",
        "病児・病後児保育充足率",
        (100, "%", 2019),
        (100, "%", "each"),
    ),
    (14, "before", "市立保育所開放事業", "参加親子組数", (102, "組", 2019), (150, "組", "each")),
    (
        14,
        "before",
        "市立保育所一時保育事業",
        "一時保育事業実施率",
        (100, "%", 2019),
        (100, "%", "each"),
    ),
    (14, "before", "学童保育事業", "学童保育所待機児童数", (0, "人", 2019), (0, "人", "each")),
    (
        14,
        "after",
        "病児・病後児保育事業",
        "病児・病後児保育充足率",
        (100, "%", 2019),
        (100, "%", "each"),
    ),
    (14, "after", "市立保育所開放事業", "参加親子組数", (102, "組", 2019), (150, "組", "each")),
    (
        14,
        "after",
        "市立保育所一時保育事業",
        "一時保育事業実施率",
        (100, "%", 2019),
        (100, "%", "each"),
    ),
    (14, "after", "学童保育事業", "学童保育所待機児童数", (0, "人", 2019), (0, "人", "each")),
    (
        14,
        "after",
        "保育・教育施設ICTシステム導入事業",
        "利用者登録率(保育所)",
        (None, None, 2022),
        (100, "%", 2025),
    ),
    (
        14,
        "after",
        "保育・教育施設ICTシステム導入事業",
        "利用者登録率(小中学校)",
        (None, None, 2022),
        (100, "%", 2025),
    ),
    (
        15,
        "before",
        "ふしぎの森利用料無料クーポン券支給事業",
        "クーポンを利用した世帯の割合",
        (57.7, "%", 2019),
        (60, "%", 2025),
    ),
    (
        15,
        "before",
        "乳幼児等医療費助成事業",
        "対象者1人当たりの助成額",
        (None, None, 2019),
        (8400, "円", "each"),
    ),
    (
        15,
        "before",
        "インフルエンザ任意予防接種費用助成事業",
        "接種率",
        (55.9, "%", 2019),
        (60, "%", 2025),
    ),
    (
        15,
        "after",
        "ふしぎの森利用料無料クーポン券支給事業",
        "クーポンを利用した世帯の割合",
        (57.7, "%", 2019),
        (60, "%", 2025),
    ),
    (15, "after", "子ども医療費無料化事業", "not_set", None, None),
    (
        15,
        "after",
        "インフルエンザ任意予防接種費用助成事業",
        "接種率",
        (55.9, "%", 2019),
        (60, "%", 2025),
    ),
    (15, "after", "学校給食費無償化事業", "not_set", None, None),
    (
        17,
        "before",
        "住民票等コンビニ交付サービス事業",
        "発行した証明書の件数",
        (None, None, 2020),
        (2121, "件", 2025),
    ),
    (
        17,
        "before",
        "住民票等コンビニ交付サービス事業",
        "マイナンバーカード交付枚数率",
        (27.4, "%", 2020),
        (100, "%", 2025),
    ),
    (
        17,
        "after",
        "住民票等コンビニ交付サービス事業",
        "発行した証明書の件数",
        (None, None, 2020),
        (2121, "件", 2025),
    ),
    (
        17,
        "after",
        "住民票等コンビニ交付サービス事業",
        "マイナンバーカード交付枚数率",
        (27.4, "%", 2020),
        (100, "%", 2025),
    ),
]
CHANGES = {  # plan page: project changes other than unchanged
    1: [],
    7: [("specific", "renamed", "地域ブランド構築事業", "地域ブランド定着推進事業")],
    9: [],
    12: [],
    14: [("specific", "added", None, "保育・教育施設ICTシステム導入事業")],
    15: [
        ("specific", "renamed", "乳幼児等医療費助成事業", "子ども医療費無料化事業"),
        ("specific", "added", None, "学校給食費無償化事業"),
    ],
    17: [
        ("related", "added", None, "保育所ICTシステム導入事業"),
        ("related", "added", None, "小中学校ICTシステム導入事業"),
    ],
}
DATES = {  # plan page: side: [(text without spaces, year | 'each', fiscal)]
    1: {
        "before": [
            ("平成26年11月", 2014, False),
            ("平成28年1月", 2016, False),
            ("令和元年12月", 2019, False),
        ],
        "after": [
            ("平成26年11月", 2014, False),
            ("平成28年1月", 2016, False),
            ("令和元年12月", 2019, False),
            ("令和5年度", 2023, True),
            ("令和4年12月", 2022, False),
        ],
        "reason": [],
    },
    7: {
        "before": [
            ("平成27年", 2015, False),
            ("令和7年", 2025, False),
            ("平成27年", 2015, False),
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
        ],
        "after": [
            ("平成27年", 2015, False),
            ("令和7年", 2025, False),
            ("平成27年", 2015, False),
            ("令和4年度", 2022, True),
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
        ],
        "reason": [],
    },
    9: {
        "before": [("令和元年", 2019, False), ("令和7年", 2025, False)],
        "after": [("令和元年", 2019, False), ("令和7年", 2025, False)],
        "reason": [],
    },
    12: {
        "before": [("令和元年", 2019, False), ("令和7年", 2025, False)],
        "after": [("令和元年", 2019, False), ("令和7年", 2025, False)],
        "reason": [],
    },
    14: {
        "before": [
            ("令和元年", 2019, False),
            ("各年度", "each", True),
            ("令和元年", 2019, False),
            ("各年度", "each", True),
            ("令和元年", 2019, False),
            ("各年度", "each", True),
            ("令和元年", 2019, False),
            ("各年度", "each", True),
        ],
        "after": [
            ("令和元年", 2019, False),
            ("各年度", "each", True),
            ("令和元年", 2019, False),
            ("各年度", "each", True),
            ("令和元年", 2019, False),
            ("各年度", "each", True),
            ("令和元年", 2019, False),
            ("各年度", "each", True),
            ("令和4年", 2022, False),
            ("令和7年", 2025, False),
            ("令和4年", 2022, False),
            ("令和7年", 2025, False),
        ],
        "reason": [("令和5年度", 2023, True)],
    },
    15: {
        "before": [
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
            ("令和元年", 2019, False),
            ("各年度", "each", True),
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
        ],
        "after": [
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
            ("R5", 2023, False),
            ("R6", 2024, False),
            ("令和元年", 2019, False),
            ("令和7年", 2025, False),
        ],
        "reason": [],
    },
    17: {
        "before": [
            ("令和2年", 2020, False),
            ("令和7年", 2025, False),
            ("令和2年", 2020, False),
            ("令和7年", 2025, False),
        ],
        "after": [
            ("令和2年", 2020, False),
            ("令和7年", 2025, False),
            ("令和2年", 2020, False),
            ("令和7年", 2025, False),
        ],
        "reason": [],
    },
}

TARGETS = {  # plan page: (indicator, footnotes, baseline, target) on both sides
    7: ("就業者数", ["※1"], (7740, "人", 2015), (6300, "人", 2025)),
    9: ("観光入込客数", [], (1625000, "人", 2019), (1638000, "人", 2025)),
    12: ("出生数", ["※"], (74, "人", 2019), (108, "人", 2025)),
}


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


@cache
def _analyzed(source: str) -> Document | str:
    """The analysed document, or why the PDF case cannot be analysed."""
    if source == "expected":
        doc = expected_to_document(EXPECTED)
    else:
        from shinkyu.extract import extract_pdf

        doc = extract_pdf(PDF)
        want = json.loads(EXPECTED.read_text(encoding="utf-8"))["entries"]
        bad = [
            f"{e.plan_pages}/{side}"
            for e, w in zip(doc.entries, want, strict=False)
            for side in ("before", "after")
            if squeeze(getattr(e, side).text) != squeeze(w[side]["text"])
        ]
        if len(doc.entries) != len(want) or bad:
            return f"PDF extraction differs from the expected texts in {bad}"
    return analyze(doc, cache=ParseCache(load_nlp()))


@pytest.fixture(scope="module", params=["expected", "pdf"])
def analyzed(request: pytest.FixtureRequest) -> Document:
    result = _analyzed(request.param)
    if isinstance(result, str):
        pytest.fail(result)
    return result


def _entry(doc: Document, page: int):
    (entry,) = [e for e in doc.entries if e.plan_pages and e.plan_pages[-1] == page]
    return entry


def _q(q):
    return None if q is None else (q.value, q.unit, "each" if q.every_year else q.year)


def test_pages(analyzed: Document) -> None:
    assert [e.plan_pages[-1] for e in analyzed.entries] == list(SPECIFIC)


@pytest.mark.parametrize("page", list(SPECIFIC))
def test_projects(analyzed: Document, page: int) -> None:
    e = _entry(analyzed, page)
    for side, names in zip(("before", "after"), SPECIFIC[page], strict=True):
        cell = getattr(e, side)
        assert [p.name for p in cell.projects if p.kind == "specific"] == names, side
        related = [p.name for p in cell.projects if p.kind == "related"]
        assert sorted(related) == sorted(RELATED[page][("before", "after").index(side)]), side
        for p in cell.projects:
            assert _squeeze(cell.text[p.start : p.end]) == _squeeze(p.name)


@pytest.mark.parametrize("page", list(SPECIFIC))
def test_kpis(analyzed: Document, page: int) -> None:
    e = _entry(analyzed, page)
    got = [
        (
            page,
            side,
            p.name,
            "not_set" if k.not_set else k.indicator,
            None if k.not_set else _q(k.baseline),
            None if k.not_set else _q(k.target),
        )
        for side in ("before", "after")
        for p in getattr(e, side).projects
        for k in p.kpis
    ]
    assert got == [k for k in KPIS if k[0] == page]


@pytest.mark.parametrize("page", list(SPECIFIC))
def test_targets(analyzed: Document, page: int) -> None:
    e = _entry(analyzed, page)
    for side in ("before", "after"):
        got = [
            (t.indicator, t.footnotes, _q(t.baseline), _q(t.target))
            for t in getattr(e, side).targets
        ]
        assert got == ([TARGETS[page]] if page in TARGETS else []), side


def test_target_raw_and_target_footnote(analyzed: Document) -> None:
    (t,) = _entry(analyzed, 7).after.targets
    assert t.baseline is not None and t.target is not None
    assert (t.baseline.raw, t.baseline.year_text, t.target.footnotes) == (
        "7,740人",
        "平成27年",
        ["※2"],
    )
    (t2,) = _entry(analyzed, 9).before.targets
    assert t2.baseline is not None and t2.baseline.raw == "1,625千人"


@pytest.mark.parametrize("page", list(SPECIFIC))
def test_dates(analyzed: Document, page: int) -> None:
    e = _entry(analyzed, page)
    for side in ("before", "after", "reason"):
        cell = getattr(e, side)
        got = [
            (_squeeze(d.text), "each" if d.kind == "recurrence" else d.year, d.fiscal)
            for d in cell.dates
        ]
        assert got == DATES[page][side], side
        for d in cell.dates:
            assert cell.text[d.start : d.end] == d.text


@pytest.mark.parametrize("page", list(SPECIFIC))
def test_project_changes(analyzed: Document, page: int) -> None:
    changes = _entry(analyzed, page).changes
    assert changes is not None
    got = [
        (c.kind, c.status, c.before, c.after) for c in changes.projects if c.status != "unchanged"
    ]
    assert got == CHANGES[page]


def test_renamed_evidence_and_kpi_changes(analyzed: Document) -> None:
    changes = _entry(analyzed, 15).changes
    assert changes is not None
    (renamed,) = [c for c in changes.projects if c.status == "renamed"]
    assert "same_row" in renamed.evidence
    assert [(k.indicator, k.status) for k in renamed.kpis] == [
        ("対象者1人当たりの助成額", "removed"),
        ("", "added"),
    ]


def test_text_changes_against_marks(analyzed: Document) -> None:
    p9 = _entry(analyzed, 9).changes
    assert p9 is not None
    assert [(c.op, c.after, c.marked) for c in p9.text] == [
        ("insert", "デジタル技術等を活用した", True)
    ]
    p12 = _entry(analyzed, 12).changes
    assert p12 is not None
    assert [(c.op, c.before, c.after, c.marked) for c in p12.text] == [
        ("replace", "ICT", "デジタル", True)
    ]
    # page 15: the publisher marked none of its changes
    p15 = _entry(analyzed, 15).changes
    assert p15 is not None and p15.text and p15.unmarked == len(p15.text)


def test_analysis_keeps_extraction_fields() -> None:
    source = expected_to_document(EXPECTED)
    again = _analyzed("expected")
    assert isinstance(again, Document)
    for a, b in zip(again.entries, source.entries, strict=True):
        for side in ("before", "after"):
            ca, cb = getattr(a, side), getattr(b, side)
            assert (ca.text, ca.marks, ca.tables, ca.prov) == (
                cb.text,
                cb.marks,
                cb.tables,
                cb.prov,
            )


def test_cell_longer_than_sudachi_accepts() -> None:
    """Sudachi refuses inputs over ~49 KB: a 60 KB paragraph without 。 is cut for it."""
    from shinkyu.schemas.model import Cell, Entry, Extractor, Source

    unit = "令和5年度に地域ブランド定着推進事業を実施し、"  # no 。: one long sentence
    before = unit * 900  # ~20,000 characters, ~60 KB of UTF-8
    after = before.replace("令和5年度", "令和6年度", 1)
    assert len(after.encode("utf-8")) > 49_000

    doc = Document(
        source=Source(path="long.pdf", sha256="0" * 64, page_count=1),
        extractor=Extractor(version="test", table_engine="plumber"),
        title=None,
        columns=[],
        entries=[
            Entry(
                id="e1",
                pages=[1],
                before=Cell(text=before, raw_text=before),
                after=Cell(text=after, raw_text=after),
                reason=None,
            )
        ],
    )
    out = analyze(doc, cache=ParseCache(load_nlp()))
    entry = out.entries[0]
    assert len(entry.after.dates) == 900 and entry.after.dates[0].year == 2024
    assert entry.changes is not None
    assert [(t.before, t.after) for t in entry.changes.text] == [("5", "6")]
