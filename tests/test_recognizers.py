# ruff: noqa: E501  (one line per case: the tables stay one line per case)
"""The analysis recognizers on strings from several documents, one line per case.

Each table mixes the reference (砂川市) with development corpus documents (東山市, 南川市,
青葉市, 桜川村, 港町, 高原村, 川辺市, 星野町 …) so that no recognizer is tested on one
municipality's wording only. Expected values are written by hand.
"""

from __future__ import annotations

from datetime import date

import pytest
from shinkyu.normalize.eras import find_dates
from shinkyu.normalize.kpis import is_kpi_line, parse_kpis
from shinkyu.normalize.names import clean_name, split_items
from shinkyu.normalize.numbers import parse_quantity
from shinkyu.normalize.projects import read_cell
from shinkyu.normalize.tables import header_to_column, table_layout, unit_note
from shinkyu.schemas.model import Cell, NestedTable

from shinkyu.municipality import text_to_municipality

# text, [(indicator, baseline (value, unit, year), target (value, unit, year, every_year, qualifier), target_note)]
KPI_CASES = [
    (
        "チームを構成する事業者数 21 事業者 → 75 事業者 (令和元年) (令和7年)",
        [
            (
                "チームを構成する事業者数",
                (21, "事業者", 2019),
                (75, "事業者", 2025, False, None),
                None,
            )
        ],
    ),  # 砂川市
    (
        "病児・病後児保育充足率 100% → 100% (令和元年) (各年度)",
        [("病児・病後児保育充足率", (100, "%", 2019), (100, "%", None, True, None), None)],
    ),  # 砂川市
    (
        "KPI:専門家派遣を受けた事業者数24社→80社(令和4年度)(令和9年度)",
        [("専門家派遣を受けた事業者数", (24, "社", 2022), (80, "社", 2027, False, None), None)],
    ),  # 東山市
    (
        "KPI:放課後児童クラブの登録児童数1,120人→増加(令和4年度)(令和9年度)",
        [("放課後児童クラブの登録児童数", (1120, "人", 2022), None, "増加")],
    ),  # 東山市
    (
        "指標:待機児童数現状値12人(R5)目標値0人(R11)",
        [("待機児童数", (12, "人", 2023), (0, "人", 2029, False, None), None)],
    ),  # 南川市
    (
        "目標:ふれあい・いきいきサロン設置数86か所(令和5年度)→維持",
        [("ふれあい・いきいきサロン設置数", (86, "か所", 2023), None, "維持")],
    ),  # 青葉市
    (
        "目標:くらしサポートセンター新規相談受付件数年間240件以上(各年度)",
        [("くらしサポートセンター新規相談受付件数", None, (240, "件", None, True, "以上"), None)],
    ),  # 青葉市
    (
        "観光入込客数32万人➡40万人(令和5年) (令和10年)",
        [("観光入込客数", (320000, "人", 2023), (400000, "人", 2028, False, None), None)],
    ),  # 桜川村
    (
        "特産品販売額約1,200万円➡1,800万円(令和4年度)(令和10年度)",
        [("特産品販売額", (12000000, "円", 2022), (18000000, "円", 2028, False, None), None)],
    ),  # 桜川村
    (
        "評価指標:収支率12.4%(2023年度)→15.0%(毎年度)",
        [("収支率", (12.4, "%", 2023), (15.0, "%", None, True, None), None)],
    ),  # 港町
    (
        "◇危険空き家の除却件数累計3件(R5)→累計15件(R12)",
        [("危険空き家の除却件数", (3, "件", 2023), (15, "件", 2030, False, None), None)],
    ),  # 高原村
    (
        "■管理不全空家等に対する助言・指導件数-(R5年度末)→毎年度10件以上",
        [
            (
                "管理不全空家等に対する助言・指導件数",
                (None, None, 2023),
                (10, "件", None, True, "以上"),
                None,
            )
        ],
    ),  # 星野町
    ("KPIの設定が困難なため 設定しない", [("", None, None, "設定しない")]),  # 砂川市
]


def _q(q, n):
    if q is None:
        return None
    full = (q.value, q.unit, q.year, q.every_year, q.qualifier)
    return full[:n]


@pytest.mark.parametrize(("text", "expected"), KPI_CASES)
def test_kpi(text: str, expected: list[tuple[object, ...]]) -> None:
    got = [
        (k.indicator, _q(k.baseline, 3), _q(k.target, 5), k.target_note) for k in parse_kpis(text)
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("line", "is_kpi"),
    [
        ("KPI:奨励金交付事業所数8社→15社(R4)(R8)", True),  # 川辺市
        ("【KPI】観光消費額 約12億円（R4） → 15億円以上（R9）", True),
        ("【成果指標】", False),  # a label alone: the KPIs follow
        ("利用実態を踏まえ、2025年10月のダイヤ改正により運行経路を見直しました。", False),  # 港町
    ],
)
def test_kpi_line(line: str, is_kpi: bool) -> None:
    assert is_kpi_line(line) is is_kpi


# a list line, the names of its items (status tags and annotations off)
ITEM_CASES = [
    (
        "・商工会議所活動促進事業 ・商工業金融対策事業 (保証融資利子補給事業) ・商業街路灯設置・維持費助成事業",
        [
            "商工会議所活動促進事業",
            "商工業金融対策事業(保証融資利子補給事業)",
            "商業街路灯設置・維持費助成事業",
        ],
    ),  # 砂川市
    (
        "・行政手続デジタル化事業地方公共団体情報システム標準化・共通化事業個人番号カード普及促進事業",
        [
            "行政手続デジタル化事業",
            "地方公共団体情報システム標準化・共通化事業",
            "個人番号カード普及促進事業",
        ],
    ),  # 砂川市, spaces lost
    ("観光振興事業推進協議会補助事業", ["観光振興事業推進協議会補助事業"]),
    (
        "・木造住宅耐震診断事業・木造住宅耐震改修補助事業",
        ["木造住宅耐震診断事業", "木造住宅耐震改修補助事業"],
    ),  # 高原村
    (
        "◇トンネル長寿命化修繕事業◇道路防災点検事業◇除雪機械更新事業〈拡充〉",
        ["トンネル長寿命化修繕事業", "道路防災点検事業", "除雪機械更新事業"],
    ),  # 高原村
    (
        "観光案内機能の充実、東山温泉周辺の景観整備、インバウンド誘客推進事業(新規)",
        ["観光案内機能の充実", "東山温泉周辺の景観整備", "インバウンド誘客推進事業"],
    ),  # 東山市
    (
        "◆ふれあい・いきいきサロン活動への支援【社協】",
        ["ふれあい・いきいきサロン活動への支援"],
    ),  # 青葉市
]


@pytest.mark.parametrize(("line", "names"), ITEM_CASES)
def test_list_items(line: str, names: list[str]) -> None:
    got = []
    for s, e in split_items(line, 0, len(line)):
        name = clean_name(line, s, e)
        assert name is not None
        got.append(name.name)
    assert got == names


def test_phrase_list_split_at_nakaguro() -> None:
    """A 取組 list: a ・ ends a phrase (…の強化) unless what follows is too short (保全・整備)."""
    line = "・中小企業の経営基盤強化・創業・事業承継の促進・企業誘致の推進"  # 東山市
    got = [clean_name(line, s, e).name for s, e in split_items(line, 0, len(line), phrases=True)]  # type: ignore[union-attr]
    assert got == ["中小企業の経営基盤強化", "創業・事業承継の促進", "企業誘致の推進"]
    line = "ウ旧宿場町の町並み景観の保全・整備"  # 桜川村
    got = [clean_name(line, s, e).name for s, e in split_items(line, 0, len(line), phrases=True)]  # type: ignore[union-attr]
    assert got == ["旧宿場町の町並み景観の保全・整備"]


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("○空き家活用促進事業（新規）", "空き家活用促進事業", "新規"),
        (
            "□(拡充)高齢者運転免許自主返納支援事業【町・警察署】",
            "高齢者運転免許自主返納支援事業",
            "拡充",
        ),  # 港町
        ("◆地域子育て支援拠点事業(再掲)", "地域子育て支援拠点事業", "再掲"),  # 青葉市
        (
            "②障害者雇用促進奨励金交付事業(担当:商工観光課)",
            "障害者雇用促進奨励金交付事業",
            None,
        ),  # 川辺市
        (
            "イSNSを活用したタイムリーな情報発信",
            "SNSを活用したタイムリーな情報発信",
            None,
        ),  # 桜川村
    ],
)
def test_clean_name(text: str, name: str, status: str | None) -> None:
    parts = clean_name(text)
    assert parts is not None and (parts.name, parts.status) == (name, status)


DATE_CASES = [
    # text, [(matched text, kind, start, end)]
    (
        "平成 26 年 11 月、国は",
        [("平成 26 年 11 月", "date", date(2014, 11, 1), date(2014, 11, 30))],
    ),  # 砂川市
    (
        "計画期間(令和11\n(2029)年度まで)",
        [("令和11\n(2029)年度", "date", date(2029, 4, 1), date(2030, 3, 31))],
    ),  # 港町, wrapped
    (
        "2024年度から2029年度までの6年間",
        [("2024年度から2029年度まで", "range", date(2024, 4, 1), date(2030, 3, 31))],
    ),  # 港町
    (
        "令和3年4月1日から令和8年3月31日まで",
        [("令和3年4月1日から令和8年3月31日まで", "range", date(2021, 4, 1), date(2026, 3, 31))],
    ),  # 北浜町
    ("累計45件(R5年度末)", [("R5年度末", "date", date(2024, 3, 31), date(2024, 3, 31))]),  # 星野町
    (
        "２０２８年度（令和10年度）",
        [("２０２８年度（令和10年度）", "date", date(2028, 4, 1), date(2029, 3, 31))],
    ),  # 大和市
    ("令和12（2030）年度", [("令和12（2030）年度", "date", date(2030, 4, 1), date(2031, 3, 31))]),
    (
        "H30年度～令和6年度",
        [("H30年度～令和6年度", "range", date(2018, 4, 1), date(2025, 3, 31))],
    ),  # 桜川村
    ("2025年3月末", [("2025年3月末", "date", date(2025, 3, 31), date(2025, 3, 31))]),
    ("毎年度", [("毎年度", "recurrence", None, None)]),
    ("5年間、築30年", []),
]


@pytest.mark.parametrize(("text", "expected"), DATE_CASES)
def test_dates(text: str, expected: list[tuple[object, ...]]) -> None:
    got = [(d.text, d.kind, d.start_date, d.end_date) for d in find_dates(text)]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "value_max"),
    [
        ("1,625千人", 1625000, "人", None, None),  # 砂川市
        ("約1億2,000万円", 120000000, "円", "約", None),
        ("５２，０００人", 52000, "人", None, None),
        ("3,500千円", 3500000, "円", None, None),
        ("15～20件", 15, "件", None, 20),  # 桜川村
        ("80%以上", 80, "%", "以上", None),
        ("1,234千t-CO2", 1234000, "t-CO2", None, None),
        ("－", None, None, None, None),
    ],
)
def test_quantity(
    text: str, value: object, unit: object, qualifier: object, value_max: object
) -> None:
    q = parse_quantity(text)
    assert q is not None and (q.value, q.unit, q.qualifier, q.value_max) == (
        value,
        unit,
        qualifier,
        value_max,
    )


@pytest.mark.parametrize(
    ("header", "family", "year"),
    [
        ("基準値（R元）", "baseline", 2019),
        ("目標値（令和9年度）", "target", 2027),  # 青葉市
        ("現況値（2023年度）", "baseline", 2023),  # 港町
        ("令和7年度", "year", 2025),  # 南川市
        ("R8年度", "year", 2026),  # 黒川市
        ("サービス種別", "category", None),  # 川辺市
        ("単位", "unit", None),  # 川辺市
        ("事業名（施設名）", "project_list", None),  # 北浜町
    ],
)
def test_header_column(header: str, family: str, year: int | None) -> None:
    col = header_to_column(header)
    assert col.family == family
    assert (col.date.year if col.date else None) == year


def _table(rows: list[list[str]]) -> NestedTable:
    offsets = [[(0, 0) for _ in r] for r in rows]
    return NestedTable(rows=rows, offsets=offsets, start=0, end=0)


def test_two_row_header_and_unit_note() -> None:
    """黒川市: 事業費（千円） spans the year columns of a second header row."""
    t = _table(
        [
            ["区分", "事業名", "担当課", "事業費(千円)"],
            ["令和7年度", "令和8年度", "令和9年度"],
            ["継続", "高齢者タクシー利用助成事業", "高齢福祉課", "18,200", "22,800", "22,800"],
        ]
    )
    layout = table_layout(t)
    assert layout is not None and layout.kind == "projects" and layout.header_rows == 2
    assert layout.unit == "千円"
    assert [c.family for c in layout.columns][3:] == ["year", "year", "year"]
    assert unit_note("【実施事業】(事業費単位:千円)") == "千円"


def _cell(text: str) -> Cell:
    return Cell(text=text, raw_text=text)


def test_cell_project_headings_and_kpis() -> None:
    """東山市 style: ○ headings, a description line, a KPI line attached to the heading."""
    cell = _cell(
        "■主要事業\n○中小企業経営力強化支援事業\n専門家派遣やセミナーの開催により、経営力向上を支援します。\n"
        "KPI:専門家派遣を受けた事業者数24社→80社(令和4年度)(令和9年度)\n"
        "○東山ブランド認証事業(新規)\n市内の優れた産品を認証し、販路拡大を支援します。\n"
        "KPI:KPIの設定が困難なため設定しない"
    )
    facts = read_cell(cell)
    assert [(p.name, p.kind, p.status, p.rule) for p in facts.projects] == [
        ("中小企業経営力強化支援事業", "specific", None, "project_heading"),
        ("東山ブランド認証事業", "specific", "新規", "project_heading"),
    ]
    assert [k.indicator for k in facts.projects[0].kpis] == ["専門家派遣を受けた事業者数"]
    assert facts.projects[1].kpis[0].target_note == "設定しない"


def test_cell_kpi_after_a_list_belongs_to_the_section() -> None:
    """青葉市 style: a 目標 line after several list items is not the last item's KPI."""
    cell = _cell(
        "【具体的な取組】\n◆地域包括支援センターの機能強化\n◆基幹相談支援センターの運営\n"
        "◆生活困窮者自立相談支援事業\n目標:重層的支援会議での支援プラン作成件数-→30件(令和11年度)"
    )
    facts = read_cell(cell)
    assert all(p.kind == "related" and not p.kpis for p in facts.projects)
    assert [k.indicator for k in facts.kpis] == ["重層的支援会議での支援プラン作成件数"]


def test_unread_kpi_line_is_a_warning() -> None:
    facts = read_cell(_cell("KPI:検討中"))
    assert [i.code for i in facts.issues] == ["kpi_not_read"]
    assert facts.issues[0].text == "KPI:検討中"


@pytest.mark.parametrize(
    ("title", "name", "prefecture"),
    [
        ("第2期砂川市まち・ひと・しごと創生総合戦略 計画変更 新旧対照表", "砂川市", "北海道"),
        ("第6次東山市総合計画 前期基本計画 新旧対照表", "東山市", None),
        ("長野県高原村国土強靱化地域計画 変更 新旧対照表", "高原村", "長野県"),
        ("桜川村観光振興計画 新旧対照表", "桜川村", None),
        ("岐阜県産業振興計画 新旧対照表", "岐阜県", "岐阜県"),
    ],
)
def test_municipality(title: str, name: str, prefecture: str | None) -> None:
    m = text_to_municipality(title)
    assert m is not None and (m.name, m.prefecture) == (name, prefecture)


def test_list_ends_at_a_bullet_of_another_kind() -> None:
    """「・A事業 ・B事業」 then 「○施策の方向性」: the ○ line opens something else."""
    cell = _cell(
        "【主な事業】\n・空き家バンク運営事業\n・移住体験住宅運営事業\n"
        "○移住・定住の促進に向けた情報発信の強化\n○関係人口の創出"
    )
    names = [p.name for p in read_cell(cell).projects]
    assert names == ["空き家バンク運営事業", "移住体験住宅運営事業"]


def test_total_row_is_a_target_not_a_project() -> None:
    """霞ヶ浦村-style cost table: a 合計 row gives a series, never a project."""
    t = _table(
        [
            ["取組項目", "令和6年度", "令和7年度"],
            ["補助金・負担金の見直し", "1,500", "3,000"],
            ["合計", "14,700", "26,800"],
        ]
    )
    cell = Cell(
        text="(単位:千円)\n取組項目\t令和6年度\t令和7年度",
        raw_text="",
        tables=[t.model_copy(update={"start": 8})],
    )
    facts = read_cell(cell)
    assert [p.name for p in facts.projects] == ["補助金・負担金の見直し"]
    assert [(t.indicator, [q.value for q in t.series]) for t in facts.targets] == [
        ("補助金・負担金の見直し", [1500000, 3000000]),
        ("合計", [14700000, 26800000]),
    ]
