# ruff: noqa: E501  (one line per case: the tables stay one line per case)
"""Rule cases for the analysis stage, one line per case (no GiNZA needed)."""

from __future__ import annotations

from datetime import date

import pytest
from shinkyu.normalize.changes import project_changes
from shinkyu.normalize.eras import find_dates
from shinkyu.normalize.kpis import parse_kpis
from shinkyu.normalize.numbers import find_quantities, kanji_to_int, parse_quantity
from shinkyu.normalize.sections import cell_sections
from shinkyu.normalize.tables import split_project_cell
from shinkyu.schemas.model import Kpi, Project

# text, era, era_year, year, month, day, fiscal, start_date, end_date, warning
ERA_CASES = [
    ("明治元年", "明治", 1, 1868, None, None, False, date(1868, 1, 1), date(1868, 12, 31), None),
    (
        "明治元年10月23日",
        "明治",
        1,
        1868,
        10,
        23,
        False,
        date(1868, 10, 23),
        date(1868, 10, 23),
        None,
    ),
    (
        "明治元年10月22日",
        "明治",
        1,
        1868,
        10,
        22,
        False,
        date(1868, 10, 22),
        date(1868, 10, 22),
        "before_era_start",
    ),
    ("大正元年7月30日", "大正", 1, 1912, 7, 30, False, date(1912, 7, 30), date(1912, 7, 30), None),
    (
        "明治45年7月30日",
        "明治",
        45,
        1912,
        7,
        30,
        False,
        date(1912, 7, 30),
        date(1912, 7, 30),
        "after_era_end",
    ),
    (
        "昭和元年12月25日",
        "昭和",
        1,
        1926,
        12,
        25,
        False,
        date(1926, 12, 25),
        date(1926, 12, 25),
        None,
    ),
    ("昭和64年1月7日", "昭和", 64, 1989, 1, 7, False, date(1989, 1, 7), date(1989, 1, 7), None),
    ("平成元年1月8日", "平成", 1, 1989, 1, 8, False, date(1989, 1, 8), date(1989, 1, 8), None),
    ("平成27年", "平成", 27, 2015, None, None, False, date(2015, 1, 1), date(2015, 12, 31), None),
    ("平成31年4月30日", "平成", 31, 2019, 4, 30, False, date(2019, 4, 30), date(2019, 4, 30), None),
    (
        "平成31年5月1日",
        "平成",
        31,
        2019,
        5,
        1,
        False,
        date(2019, 5, 1),
        date(2019, 5, 1),
        "after_era_end",
    ),
    ("令和元年5月1日", "令和", 1, 2019, 5, 1, False, date(2019, 5, 1), date(2019, 5, 1), None),
    (
        "令和元年4月1日",
        "令和",
        1,
        2019,
        4,
        1,
        False,
        date(2019, 4, 1),
        date(2019, 4, 1),
        "before_era_start",
    ),
    ("令和元年", "令和", 1, 2019, None, None, False, date(2019, 1, 1), date(2019, 12, 31), None),
    ("平成31年度", "平成", 31, 2019, None, None, True, date(2019, 4, 1), date(2020, 3, 31), None),
    ("令和元年度", "令和", 1, 2019, None, None, True, date(2019, 4, 1), date(2020, 3, 31), None),
    ("令和5年度", "令和", 5, 2023, None, None, True, date(2023, 4, 1), date(2024, 3, 31), None),
    ("令和七年", "令和", 7, 2025, None, None, False, date(2025, 1, 1), date(2025, 12, 31), None),
    (
        "平成二十三年",
        "平成",
        23,
        2011,
        None,
        None,
        False,
        date(2011, 1, 1),
        date(2011, 12, 31),
        None,
    ),
    (
        "平成三十一年三月三十一日",
        "平成",
        31,
        2019,
        3,
        31,
        False,
        date(2019, 3, 31),
        date(2019, 3, 31),
        None,
    ),
    ("令和５年４月１日", "令和", 5, 2023, 4, 1, False, date(2023, 4, 1), date(2023, 4, 1), None),
    (
        "平成 26 年 11 月",
        "平成",
        26,
        2014,
        11,
        None,
        False,
        date(2014, 11, 1),
        date(2014, 11, 30),
        None,
    ),
    ("令和2年2月30日", "令和", 2, 2020, 2, 30, False, None, None, "invalid_date"),
    ("R5", "令和", 5, 2023, None, None, False, date(2023, 1, 1), date(2023, 12, 31), None),
    ("Ｒ５", "令和", 5, 2023, None, None, False, date(2023, 1, 1), date(2023, 12, 31), None),
    ("H27", "平成", 27, 2015, None, None, False, date(2015, 1, 1), date(2015, 12, 31), None),
    ("R5年度", "令和", 5, 2023, None, None, True, date(2023, 4, 1), date(2024, 3, 31), None),
    ("R5.4.1", "令和", 5, 2023, 4, 1, False, date(2023, 4, 1), date(2023, 4, 1), None),
    ("S64", "昭和", 64, 1989, None, None, False, date(1989, 1, 1), date(1989, 12, 31), None),
]


@pytest.mark.parametrize(
    ("text", "era", "era_year", "year", "month", "day", "fiscal", "first", "last", "warning"),
    ERA_CASES,
)
def test_era_date(text, era, era_year, year, month, day, fiscal, first, last, warning) -> None:
    (d,) = find_dates(text)
    got = (d.era, d.era_year, d.year, d.month, d.day, d.fiscal, d.start_date, d.end_date, d.warning)
    assert got == (era, era_year, year, month, day, fiscal, first, last, warning)
    assert (d.start, d.end, d.kind) == (0, len(text), "date")


# text, kind, matched text, start_date, end_date
RANGE_CASES = [
    ("令和2年～令和7年", "range", "令和2年～令和7年", date(2020, 1, 1), date(2025, 12, 31)),
    ("令和2年〜令和7年", "range", "令和2年〜令和7年", date(2020, 1, 1), date(2025, 12, 31)),
    ("令和2年~7年", "range", "令和2年~7年", date(2020, 1, 1), date(2025, 12, 31)),
    (
        "令和5年度から令和7年度まで",
        "range",
        "令和5年度から令和7年度まで",
        date(2023, 4, 1),
        date(2026, 3, 31),
    ),
    (
        "平成30年度～令和2年度",
        "range",
        "平成30年度～令和2年度",
        date(2018, 4, 1),
        date(2021, 3, 31),
    ),
    ("(各年度)", "recurrence", "各年度", None, None),
    ("毎年度実施", "recurrence", "毎年度", None, None),
]


@pytest.mark.parametrize(("text", "kind", "matched", "first", "last"), RANGE_CASES)
def test_range_and_recurrence(text, kind, matched, first, last) -> None:
    (d,) = find_dates(text)
    assert (d.kind, d.text, d.start_date, d.end_date) == (kind, matched, first, last)
    assert text[d.start : d.end] == matched
    if kind == "recurrence":
        assert (d.year, d.fiscal) == (None, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("R5:小学生以下 R6:高校生以下", [2023, 2024]), ("ICT AI等", []), ("HR5", []), ("第2期", [])],
)
def test_abbreviations_in_text(text, expected) -> None:
    assert [d.year for d in find_dates(text)] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("元", 1),
        ("七", 7),
        ("十", 10),
        ("二十三", 23),
        ("三十一", 31),
        ("百五", 105),
        ("二〇二五", 2025),
        ("１２", 12),
        ("x", None),
    ],
)
def test_kanji_numerals(text, value) -> None:
    assert kanji_to_int(text) == value


# text, value, unit, raw
QUANTITY_CASES = [
    ("1,625千人", 1625000, "人", "1,625千人"),
    ("55.9%", 55.9, "%", "55.9%"),
    ("8,400円", 8400, "円", "8,400円"),
    ("21 事業者", 21, "事業者", "21 事業者"),
    ("22品", 22, "品", "22品"),
    ("102組", 102, "組", "102組"),
    ("2,121件", 2121, "件", "2,121件"),
    ("3万人", 30000, "人", "3万人"),
    ("1.5万人", 15000, "人", "1.5万人"),
    ("2億円", 200000000, "円", "2億円"),
    ("５００千円", 500000, "円", "５００千円"),
    ("0人", 0, "人", "0人"),
]


@pytest.mark.parametrize(("text", "value", "unit", "raw"), QUANTITY_CASES)
def test_quantity(text, value, unit, raw) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.unit, q.raw) == (value, unit, raw)
    assert type(q.value) is type(value)


@pytest.mark.parametrize(
    ("text", "raws"),
    [
        ("※2 人口減少", []),
        ("第1期総合戦略", []),
        ("4つの基本目標", ["4つ"]),
        ("5年間から6年間に", ["5年間", "6年間"]),
    ],
)
def test_quantities_in_text(text, raws) -> None:
    assert [q.raw for q in find_quantities(text)] == raws


@pytest.mark.parametrize("text", ["－", "-", "―", "二"])
def test_no_value(text) -> None:
    q = parse_quantity(text)
    assert q is not None and (q.value, q.unit, q.raw) == (None, None, text)


# KPI cell text -> [(indicator, baseline (value, unit, year), target (value, unit, year|'each'))]
KPI_CASES = [
    (
        "チームを構成する事業者数 21 事業者 → 75 事業者 (令和元年) (令和7年)",
        [("チームを構成する事業者数", (21, "事業者", 2019), (75, "事業者", 2025))],
    ),
    (
        "参加親子組数\n102組→150組(令和元年) (各年度)",
        [("参加親子組数", (102, "組", 2019), (150, "組", "each"))],
    ),
    (
        "発行した証明書の件数 － ➡ 2,121件 (令和2年) (令和7年) マイナンバーカード交付枚数率 27.4% ➡ 100% (令和2年) (令和7年)",
        [
            ("発行した証明書の件数", (None, None, 2020), (2121, "件", 2025)),
            ("マイナンバーカード交付枚数率", (27.4, "%", 2020), (100, "%", 2025)),
        ],
    ),
    (
        "利用者登録率 (保育所) - → 100% (令和4年) (令和7年)",
        [("利用者登録率(保育所)", (None, None, 2022), (100, "%", 2025))],
    ),
    (
        "対象者1人当たりの助成額 二 → 8,400円 (令和元年) (各年度)",
        [("対象者1人当たりの助成額", (None, None, 2019), (8400, "円", "each"))],
    ),
    (
        "観光入込客数 1,625千人 → 1,638千人\n(令和元年)\n(令和7年)",
        [("観光入込客数", (1625000, "人", 2019), (1638000, "人", 2025))],
    ),
]


def _q(q):
    return None if q is None else (q.value, q.unit, "each" if q.every_year else q.year)


@pytest.mark.parametrize(("text", "expected"), KPI_CASES)
def test_kpi_cell(text, expected) -> None:
    kpis = parse_kpis(text)
    assert [(k.indicator, _q(k.baseline), _q(k.target)) for k in kpis] == expected
    for k in kpis:
        assert text[k.start : k.end].startswith(k.indicator[:3])


def test_kpi_not_set() -> None:
    (k,) = parse_kpis("KPIの設定が困難なため\n設定しない")
    assert (k.not_set, k.note, k.baseline, k.target) == (
        True,
        "KPIの設定が困難なため 設定しない",
        None,
        None,
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("地域ブランド構築事業 ・市内民間事業者", "地域ブランド構築事業"),
        ("病児・病後児保育事業 ・児童が病期中", "病児・病後児保育事業"),
        ("学童保育事業\n・保護者の就労等", "学童保育事業"),
        ("保育・教育施設 ICT システム導入事業 ・保育所", "保育・教育施設 ICT システム導入事業"),
        ("子ども医療費無料化事業・高校生以下", "子ども医療費無料化事業"),
        ("創業支援事業", "創業支援事業"),
    ],
)
def test_project_name(text, name) -> None:
    s, e, _ = split_project_cell(text)
    assert text[s:e] == name


@pytest.mark.parametrize(
    ("line", "kind", "level", "label", "title"),
    [
        ("I. 基本的な考え方", "heading", "chapter", "I.", "基本的な考え方"),
        ("1. 策定の経過", "heading", "numbered", "1.", "策定の経過"),
        ("基本目標1 安定した雇用を創出し", "heading", "goal", "基本目標1", "安定した雇用を創出し"),
        ("《基本的方向》", "heading", "bracket", None, "基本的方向"),
        ("（1）若い世代の結婚支援", "heading", "paren", "(1)", "若い世代の結婚支援"),
        ("①商工業振興策の実施", "heading", "circled", "①", "商工業振興策の実施"),
        (
            "①地域人材の就労支援～④農業の担い手の確保・育成 — 省 略 —",
            "omitted",
            "circled",
            "①～④",
            "①地域人材の就労支援～④農業の担い手の確保・育成",
        ),
    ],
)
def test_section_line(line, kind, level, label, title) -> None:
    s = cell_sections(line)[0]
    assert (s.kind, s.level, s.label, s.title) == (kind, level, label, title)


@pytest.mark.parametrize("line", ["57.7%→60%", "27.4% ➡ 100%", "1,625千人(令和元年)"])
def test_decimal_at_line_start_is_not_a_heading(line) -> None:
    assert cell_sections(line) == []


def test_omission_on_its_own_line_covers_previous_line() -> None:
    text = "①婚活支援の推進\n－ 省 略 －"
    sections = cell_sections(text)
    assert [(s.kind, s.label, s.title) for s in sections] == [
        ("heading", "①", "婚活支援の推進"),
        ("omitted", "①", "①婚活支援の推進"),
    ]
    assert (sections[1].start, sections[1].end) == (0, len(text))


def _p(name, row, desc, kpis=()):
    return Project(
        name=name,
        kind="specific",
        description=desc,
        table=0,
        row=row,
        start=0,
        end=1,
        kpis=[Kpi(indicator=k) for k in kpis],
    )


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ([_p("A事業", 0, "説明")], [_p("A事業", 0, "説明")], [("unchanged", "A事業", "A事業")]),
        (
            [_p("A事業", 0, "説明")],
            [_p("A事業", 0, "別の説明です")],
            [("modified", "A事業", "A事業")],
        ),
        (
            [_p("地域ブランド構築事業", 0, "x", ["K1"])],
            [_p("地域ブランド定着推進事業", 0, "y", ["K1"])],
            [("renamed", "地域ブランド構築事業", "地域ブランド定着推進事業")],
        ),
        (
            [_p("A事業", 0, "まったく違う")],
            [_p("全然別の取組", 0, "新しい説明文")],
            [("removed", "A事業", None), ("added", None, "全然別の取組")],
        ),
        ([], [_p("B事業", 0, "d")], [("added", None, "B事業")]),
    ],
)
def test_project_pairing(before, after, expected) -> None:
    assert [(c.status, c.before, c.after) for c in project_changes(before, after)] == expected
