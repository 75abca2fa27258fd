from __future__ import annotations

import pytest
from shinkyu.schemas.model import Document, Municipality

from shinkyu.municipality import (
    check_digit,
    code_table,
    document_to_municipality,
    is_valid_code,
    text_to_municipality,
)


@pytest.mark.parametrize(
    ("first5", "digit"),
    [
        ("01100", 2),  # 札幌市 011002: 0·6 + 1·5 + 1·4 + 0·3 + 0·2 = 9; 11 - 9 = 2
        ("01226", 2),  # 砂川市 012262: 31 = 2·11 + 9; 11 - 9 = 2
        ("13101", 6),  # 千代田区 131016: 27 = 2·11 + 5; 11 - 5 = 6
        ("01000", 6),  # 北海道 010006: 5; 11 - 5 = 6
        ("47000", 7),  # 沖縄県 470007: 59 = 5·11 + 4; 11 - 4 = 7
        ("01205", 0),  # 室蘭市 012050: 23 = 2·11 + 1; 11 - 1 = 10 → 0
        ("01213", 1),  # 苫小牧市 012131: 22 = 2·11 + 0; 11 - 0 = 11 → 1
    ],
)
def test_check_digit(first5: str, digit: int) -> None:
    assert check_digit(first5) == digit


@pytest.mark.parametrize("bad", ["0110", "011000", "O1100", "０１１００"])
def test_check_digit_needs_five_ascii_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="5 ASCII digits"):
        check_digit(bad)


def test_shipped_table_codes_all_check() -> None:
    table = code_table()
    assert len(table) == 1788 and all(is_valid_code(e.code) for e in table)
    assert len({e.code for e in table}) == len(table)
    assert sum(1 for e in table if not e.name) == 47
    assert not is_valid_code("012263") and not is_valid_code("01226")


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        (
            "第2期砂川市まち・ひと・しごと創生総合戦略計画変更新旧対照表",
            "",
            ("砂川市", "012262", "北海道"),
        ),
        ("第２期砂川市総合戦略", "", ("砂川市", "012262", "北海道")),  # full-width digit
        ("上砂川町過疎地域持続的発展市町村計画", "", ("上砂川町", "014257", "北海道")),
        (
            "総合戦略 新旧対照表",
            "本計画は砂川市の人口ビジョンを...",
            ("砂川市", "012262", "北海道"),
        ),
        ("池田町総合計画", "", ("池田町", None, None)),  # 7 prefectures have one
        ("池田町総合計画", "北海道中川郡池田町", ("池田町", "016446", "北海道")),
        ("府中市総合計画", "広島県の東部に位置する", ("府中市", "342084", "広島県")),
        ("サンプル市手数料条例の一部を改正する条例新旧対照表", "", ("サンプル市", None, None)),
        ("市町村の計画の新旧対照表", "", None),
        ("新旧対照表", "東北区域の都市計画", None),
    ],
)
def test_municipality_from_title_or_text(
    title: str, text: str, expected: tuple[str, str | None, str | None] | None
) -> None:
    found = text_to_municipality(title, text)
    want = (
        Municipality(name=expected[0], code=expected[1], prefecture=expected[2])
        if expected
        else None
    )
    assert found == want


def test_document_gets_municipality(extracted: dict[str, Document]) -> None:
    doc = extracted["sunagawa-landscape-mincho"]
    assert document_to_municipality(doc) == Municipality(
        name="砂川市", code="012262", prefecture="北海道"
    )
