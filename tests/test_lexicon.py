"""The lexicon: loaded and validated once, label families matched on printed labels."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from shinkyu.extract.roles import header_to_role
from shinkyu.schemas.errors import WARNINGS
from shinkyu.schemas.lexicon import LABEL_FAMILIES, LexiconError, lexicon, parse_lexicon

ROOT = Path(__file__).resolve().parents[1]

FAMILY_CASES = [
    # printed label, family (None: not a label)
    ("【主な事業】", "project_list"),
    ("(主な関連事業)", "project_list"),
    ("■主要事業", "project_list"),
    ("《主な取組》", "project_list"),
    ("〈主な取組〉", "project_list"),
    ("【具体的な取組】", "project_list"),
    ("事業名（施設名）", "project_list"),
    ("<実施する事業>", "project_list"),
    ("重要業績評価指標 (KPI)", "indicator"),
    ("ＫＰＩ", "indicator"),
    ("成果指標", "indicator"),
    ("【評価指標】", "indicator"),
    ("指標名", "indicator"),
    ("基準値", "baseline"),
    ("現状値", "baseline"),
    ("策定時", "baseline"),
    ("実績値", "baseline"),
    ("目標値", "target"),
    ("最終目標", "target"),
    ("将来値", "target"),
    ("事業内容", "description"),
    ("実施主体", "body"),
    ("実施時期", "period"),
    ("量の見込み", "series_row"),
    ("区分", "category"),
    ("指標の見直しを行った", None),
    ("事業者の皆様へ", None),
]


@pytest.mark.parametrize(("label", "family"), FAMILY_CASES)
def test_family(label: str, family: str | None) -> None:
    assert lexicon().family(label) == family


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("変 更 前", "before"),
        ("改訂前", "before"),
        ("見直し後", "after"),
        ("改正案", "after"),
        ("現行", "before"),
        ("新", "after"),
        ("改訂理由", "reason"),
        ("摘要", "reason"),
        ("項目", "label"),
        ("該 当 箇 所", "label"),
        ("条項", "label"),
        ("頁", "label"),
        ("変更前の事業の内容について説明します", None),
    ],
)
def test_column_role(header: str, role: str | None) -> None:
    assert header_to_role(header) == role


def test_loaded_once() -> None:
    assert lexicon() is lexicon()


def test_every_family_present() -> None:
    assert set(lexicon().families) == set(LABEL_FAMILIES)


def test_missing_family_is_named() -> None:
    import tomllib

    data = tomllib.loads((ROOT / "schemas" / "lexicon.toml").read_text(encoding="utf-8"))
    del data["labels"]["indicator"]
    with pytest.raises(LexiconError, match="indicator"):
        parse_lexicon(data)


def test_empty_list_is_named() -> None:
    import tomllib

    data = tomllib.loads((ROOT / "schemas" / "lexicon.toml").read_text(encoding="utf-8"))
    data["projects"]["head_nouns"] = []
    with pytest.raises(LexiconError, match="head_nouns"):
        parse_lexicon(data)


def test_every_warning_code_is_in_the_catalogue() -> None:
    codes: set[str] = set()
    for folder in ("extract", "normalize", "shinkyu"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            codes |= set(re.findall(r'Issue\(\s*code="([a-z_]+)"', text))
            codes |= set(re.findall(r'_issue\(\s*"([a-z_]+)"', text))
            codes |= set(re.findall(r'code="([a-z_]+)",\s*\n\s*message', text))
    assert codes, "no warning codes found: the scan is broken"
    assert codes <= set(WARNINGS), sorted(codes - set(WARNINGS))
