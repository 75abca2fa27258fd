import pytest
from shinkyu.extract.roles import header_to_role
from shinkyu.extract.text import continues_number, is_wide, needs_space, normalize_text, squeeze


@pytest.mark.parametrize(
    ("printed", "reading"),
    [
        ("⽅針", "方針"),  # Kangxi radical U+2F45
        ("⻑期", "長期"),  # CJK Radicals Supplement U+2ED1, not covered by NFKC
        ("⾚字", "赤字"),
        ("１２３", "123"),  # full-width digits
        ("（令和元年）", "(令和元年)"),
        ("①地域", "①地域"),  # circled numbers stay headings
        ("㉑", "㉑"),
        ("①～④", "①～④"),  # wave dash kept, not turned into "~"
        ("令和2年〜令和7年", "令和2年～令和7年"),  # one wave dash form
        ("ｶﾞｲﾄﾞ", "ガイド"),  # half-width kana with voicing mark composes
        ("か\u3099", "が"),  # decomposed voicing mark composes
        ("ＩＣＴ", "ICT"),
        ("55.9％", "55.9%"),
    ],
)
def test_normalize_text(printed: str, reading: str) -> None:
    assert normalize_text(printed) == reading


def test_no_kangxi_radical_survives() -> None:
    text = "".join(chr(c) for c in range(0x2F00, 0x2FD6))
    assert not any(0x2F00 <= ord(ch) <= 0x2FDF for ch in normalize_text(text))


@pytest.mark.parametrize(
    ("left", "right", "space"),
    [
        ("a", "b", True),
        ("1", "2", True),
        ("T", "事", False),
        ("事", "業", False),
        ("業", "2", False),
        ("→", "7", False),
        ("%", "(", True),
    ],
)
def test_needs_space(left: str, right: str, space: bool) -> None:
    assert needs_space(left, right) is space


def test_is_wide() -> None:
    assert is_wide("あ") and is_wide("○") and not is_wide("A") and not is_wide(" ")


def test_squeeze() -> None:
    assert squeeze("計画書 1 ページ\n⽅") == "計画書1ページ方"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("変更前", "before"),
        ("変 更 前", "before"),
        ("変　更　後", "after"),
        ("変更理由", "reason"),
        ("改正後", "after"),
        ("改正前", "before"),
        ("現行", "before"),
        ("改正案", "after"),
        ("旧", "before"),
        ("新", "after"),
        ("修正前", "before"),
        ("修正後", "after"),
        ("理由", "reason"),
        ("備考", "reason"),
        ("変更内容", "reason"),
        ("【改正後】", "after"),
        ("変更前（現行）", "before"),
        ("番号", "label"),
        ("通し番号を付す", None),
        ("", None),
    ],
)
def test_header_to_role(header: str, role: str | None) -> None:
    assert header_to_role(header) == role


@pytest.mark.parametrize(
    ("left", "right", "one_number"),
    [
        ("3", "0", True),  # 「平成3」 + 「0年度」 wrapped
        (",", "1", True),  # 「２，」 + 「１５０」 letter-spaced
        ("1", ",", True),
        ("4", ".", True),
        ("年", "3", False),
        ("3", "年", False),
        ("a", "1", False),
    ],
)
def test_continues_number(left: str, right: str, one_number: bool) -> None:
    assert continues_number(left, right) is one_number
