"""Tables held together by alignment: header words, gutters, the foot, rows, borderless nests.

Pure functions over hand-placed glyphs (10 pt, full-width Japanese), no PDF.
"""

from __future__ import annotations

from itertools import pairwise

from shinkyu.extract.aligned import (
    crosses,
    find_headers,
    fit_columns,
    row_tops,
    sweep_columns,
)
from shinkyu.extract.borderless import find_borderless_table, lines_to_rows
from shinkyu.extract.layout import Char, Line, chars_to_lines

from .test_layout import SIZE, chars


def line(*parts: tuple[str, float], top: float) -> Line:
    """One printed line: (text, x) runs at height ``top``."""
    out: list[Char] = []
    for text, x in parts:
        out += chars(text, x, top)
    return Line(out)


def test_spaced_labels_are_one_word_and_name_their_roles() -> None:
    # 「変　更　前」 letter-spaced a full em; the labels far apart
    spaced = [Char(ch, 100 + 20 * i, 110 + 20 * i, 40, 50, SIZE) for i, ch in enumerate("変更前")]
    head = Line(spaced + chars("変更後", 400, 40) + chars("変更理由", 650, 40))
    ((header, first, nxt),) = find_headers([head])
    assert header.labels == ["変更前", "変更後", "変更理由"]
    assert (first, nxt) == (0, 1)


def test_a_sentence_naming_the_words_is_not_a_header() -> None:
    prose = line(("変更前の計画と変更後の計画を比べると次のとおりである", 40), top=40)
    assert find_headers([prose]) == []


def test_a_label_wrapped_onto_a_second_line_is_read_whole() -> None:
    first = line(("現行", 100), ("改正案", 300), ("変更", 500), top=40)
    second = line(("理由", 500), top=52)
    ((header, _, nxt),) = find_headers([first, second])
    assert header.labels == ["現行", "改正案", "変更理由"]
    assert nxt == 2


def test_boundary_sits_in_a_narrow_gutter_at_the_next_columns_left_edge() -> None:
    header = find_headers([line(("変更前", 120), ("変更後", 420), top=40)])[0][0]
    # LibreOffice: a 3 pt gutter between the columns' text (before ends 332.3, after at 335.4)
    body = [
        line(("あ" * 29, 42.3), ("い" * 20, 335.4), top=60),
        line(("う" * 10, 42.3), ("え" * 25, 335.4), top=75),
    ]
    cols, foot = sweep_columns(header, body)  # type: ignore[misc]
    assert foot == 2
    assert 332.3 < cols[0][1] < 335.4


def test_a_paragraph_under_the_table_is_its_foot() -> None:
    header = find_headers([line(("変更前", 120), ("変更後", 420), top=40)])[0][0]
    body = [
        line(("あ" * 20, 40), ("い" * 20, 340), top=60),
        line(("附則　この計画は、令和７年４月１日から施行する。" * 2, 40), top=90),
    ]
    fit = fit_columns(header, body)
    assert fit is not None and fit[1] == 1


def test_crossing_needs_a_glyph_on_the_boundary_or_abutting_glyphs() -> None:
    gap = line(("あいう", 300), ("えお", 333.5), top=0)  # a 3.5 pt gutter at 332
    assert not crosses(gap, [332.0])
    assert crosses(line(("あいうえおかきく", 300), top=0), [332.0])


def by_rows(lines: list[Line], cols: list[tuple[float, float]]) -> list[str]:
    tops, _ = row_tops([c for ln in lines for c in ln.chars], cols, 50, 400)
    edges = [50.0, *tops, 400.0]
    return [
        "|".join(
            "".join(
                c.text
                for ln in lines
                for c in ln.chars
                if a <= c.yc < b and x0 <= c.xc < x1 and not c.text.isspace()
            )
            for x0, x1 in cols
        )
        for a, b in pairwise(edges)
    ]


COLS = [(30.0, 290.0), (290.0, 560.0)]


def test_rows_open_at_markers_even_when_centred_cells_put_them_at_other_heights() -> None:
    lines = [
        line(("第１条　あああ", 40), ("第１条　いいい", 300), top=60),
        line(("ううう", 40), top=75),
        # the next row: the after cell is centred lower than the before cell
        line(("第２条　えええ", 40), top=105),
        line(("おおお", 40), ("第２条　かかか", 300), top=120),
    ]
    assert by_rows(lines, COLS) == [
        "第１条あああううう|第１条いいい",
        "第２条えええおおお|第２条かかか",
    ]


def test_without_markers_rows_open_at_bands_wider_than_a_cells_own_gaps() -> None:
    lines = [
        line(("あああ", 40), ("いいい", 300), top=60),
        line(("ううう", 40), ("えええ", 300), top=74),  # a paragraph: leading only
        line(("おおお", 40), ("かかか", 300), top=110),  # a row gap
        line(("ききき", 40), top=124),
    ]
    assert by_rows(lines, COLS) == ["あああううう|いいいえええ", "おおおききき|かかか"]


def test_borderless_kpi_table_is_read_row_by_row_with_centred_cells() -> None:
    lines = chars_to_lines(
        chars("数値目標", 40, 80)
        + chars("基準値", 130, 80)
        + chars("目標値", 230, 80)
        # the data row: name centred lower than the two-line values
        + chars("６，３００人（令和７", 200, 112)
        + chars("７，７４０人（平", 98, 126)
        + chars("年）", 200, 126)
        + chars("就業者数", 40, 134)
        + chars("年）", 98, 140)
        + chars("※１　国勢調査の数値による", 40, 186)
    )
    table = find_borderless_table(lines)
    assert table is not None
    rows = [["".join(ln.text() for ln in cell) for cell in row] for row in table.cells]
    assert rows == [
        ["数値目標", "基準値", "目標値"],
        ["就業者数", "７，７４０人（平年）", "６，３００人（令和７年）"],
    ]
    assert lines[table.end].text().startswith("※１")  # the note under it is text again


def test_a_description_under_a_name_is_the_same_row() -> None:
    cols = [(30.0, 200.0), (200.0, 400.0)]
    lines = chars_to_lines(
        chars("創業支援事業", 40, 100)
        + chars("新規創業件数", 210, 103)
        + chars("・創業を希望する者に対し、", 40, 122)
        + chars("２件→４件", 210, 125)
    )
    rows = lines_to_rows(lines, cols)
    assert len(rows) == 1
