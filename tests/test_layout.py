from shinkyu.extract.geometry import HRule, VRule
from shinkyu.extract.layout import (
    Char,
    Line,
    TextBuilder,
    chars_to_lines,
    lines_to_columns,
    lines_to_text,
)
from shinkyu.extract.page import color_of, mark_underlines, rules_to_lines
from shinkyu.extract.settings import ExtractSettings

SIZE = 10.0


def chars(text: str, x: float, top: float, **kw: object) -> list[Char]:
    out = []
    for ch in text:
        w = SIZE if ord(ch) > 0x2000 else SIZE / 2
        out.append(Char(ch, x, x + w, top, top + SIZE, SIZE, **kw))  # type: ignore[arg-type]
        x += w
    return out


def text_of(lines: list[Line], right_edge: float = 1000.0) -> str:
    b = TextBuilder()
    lines_to_text(b, lines, right_edge=right_edge)
    return b.text()


def test_chars_to_lines_orders_by_position() -> None:
    cs = chars("下の行", 0, 20) + chars("上の行", 0, 0)
    assert [ln.text() for ln in chars_to_lines(cs)] == ["上の行", "下の行"]


def test_wrapped_japanese_lines_join_without_space() -> None:
    lines = chars_to_lines(chars("地域産業の強化を", 0, 0) + chars("図る。", 0, 12))
    assert text_of(lines, right_edge=80) == "地域産業の強化を図る。"


def test_wrapped_latin_words_keep_a_space() -> None:
    lines = chars_to_lines(chars("Digital", 0, 0) + chars("Transformation", 0, 12))
    assert text_of(lines, right_edge=35) == "Digital Transformation"


def test_bullet_starts_a_paragraph() -> None:
    lines = chars_to_lines(chars("○一つ目の方向を示す", 0, 0) + chars("○二つ目", 0, 12))
    assert text_of(lines, right_edge=100) == "○一つ目の方向を示す\n○二つ目"


def test_spaced_japanese_loses_spaces_in_reading_text_only() -> None:
    cs = chars("変 更 前", 0, 0)
    b = TextBuilder()
    b.add_line(chars_to_lines(cs)[0])
    assert b.text() == "変更前" and b.raw_text() == "変 更 前"


def test_borderless_two_columns_read_column_by_column() -> None:
    cs = []
    left = ["・事業A", "・事業B", "・事業C", "・事業D"]
    right = ["・事業E", "・事業F", "・事業G"]
    for i, t in enumerate(left):
        cs += chars(t, 0, i * 12)
    for i, t in enumerate(right):
        cs += chars(t, 200, i * 12)
    order = [ln.text() for ln in lines_to_columns(chars_to_lines(cs), min_lines=3)]
    assert order == left + right


def test_two_line_gap_is_not_a_column_split() -> None:
    # A KPI: indicator, then values and years with wide gaps: read line by line.
    cs = chars("チームを構成する事業者数", 0, 0)
    cs += chars("21事業者", 0, 12) + chars("→", 60, 12) + chars("75事業者", 100, 12)
    cs += chars("(令和元年)", 0, 24) + chars("(令和7年)", 100, 24)
    cs += chars("地域ブランドの商品数", 0, 36)
    order = [ln.text() for ln in lines_to_columns(chars_to_lines(cs), min_lines=3)]
    assert order[1] == "21事業者→75事業者"


def test_underline_rule_marks_only_the_glyphs_above_it() -> None:
    cs = chars("文言を整理した", 0, 0)
    rule = HRule(SIZE - 0.5, 3 * SIZE, 7 * SIZE)  # under 整理した
    marked = mark_underlines(cs, [rule])
    assert "".join(c.text for c in marked if c.underlined) == "整理した"


def test_long_rule_is_a_separator_not_an_underline() -> None:
    cs = chars("短い", 0, 0)
    assert not any(c.underlined for c in mark_underlines(cs, [HRule(SIZE, 0, 400)]))


def test_marks_follow_underlined_and_coloured_glyphs() -> None:
    cs = (
        chars("前", 0, 0)
        + [
            Char(c.text, c.x0, c.x1, c.top, c.bottom, c.size, None, True)
            for c in chars("下線", 10, 0)
        ]
        + chars("赤", 30, 0, color="#ff0000")
    )
    b = TextBuilder()
    b.add_line(chars_to_lines(cs)[0])
    assert b.text() == "前下線赤"
    assert b.mark_runs() == [("underline", 1, 3, None), ("color", 3, 4, "#ff0000")]


def test_colour_spaces() -> None:
    assert color_of((1.0, 0.0, 0.0)) == "#ff0000"
    assert color_of((0.0, 1.0, 1.0, 0.0)) == "#ff0000"  # CMYK red
    assert color_of((0.0,)) is None and color_of((0.5, 0.5, 0.5)) is None
    assert color_of(None) is None and color_of("P1") is None


def test_title_keeps_printed_word_spaces_but_not_letter_spacing() -> None:
    from shinkyu.extract.assemble import title_text

    words = chars("総合戦略", 0, 0) + chars("計画変更", 43, 0) + chars("新旧対照表", 86, 0)
    assert title_text(chars_to_lines(words)[0]) == "総合戦略 計画変更 新旧対照表"
    spaced = []
    for k, ch in enumerate("新旧対照表"):
        spaced += chars(ch, 15 * k, 0)
    assert title_text(chars_to_lines(spaced)[0]) == "新旧対照表"
    digits = chars("第", 0, 0) + chars("2", 12, 0) + chars("期", 19, 0)  # 2 pt beside a digit
    assert title_text(chars_to_lines(digits)[0]) == "第2期"


def test_tail_text_is_the_end_of_the_text() -> None:
    b = TextBuilder()
    lines_to_text(b, chars_to_lines(chars("あいう", 0, 0) + chars("えお", 0, 20)), right_edge=30)
    for start in range(len(b.text()) + 1):
        assert b.tail_text(start) == b.text()[start:]


def test_an_indented_line_opens_a_paragraph() -> None:
    """LibreOffice and Excel print the 字下げ as a glyph: the line is a new paragraph."""
    lines = chars_to_lines(chars("９　閲覧手数料", 0, 0) + chars("\u3000１件につき", 0, 12))
    assert text_of(lines, right_edge=70) == "9 閲覧手数料\n1件につき"  # NFKC reading text
    # without the indent the full line wraps on
    lines = chars_to_lines(chars("９　閲覧手数料", 0, 0) + chars("１件につき", 0, 12))
    assert text_of(lines, right_edge=70) == "9 閲覧手数料1件につき"


def _settings() -> ExtractSettings:
    return ExtractSettings()


def test_a_thin_underline_across_its_whole_column_is_no_row_border() -> None:
    """Excel / Calc: a 0.3 pt rich-text underline from border to border under a full line.

    It stays an underline (marked on the glyphs, no part of the grid); a border as thick as
    the others that meets the column rules under a full line is still a border.
    """
    text = chars("令和８年度までに１２０件", 2, 10) + chars("次の行", 2, 22)
    vs = [VRule(0, 0, 60, 0.65), VRule(124, 0, 60, 0.65)]
    hs = [HRule(0, 0, 124, 0.65), HRule(60, 0, 124, 0.65)]
    pieces = [HRule(20.3, 2, 82, 0.3), HRule(20.3, 82, 112, 0.3), HRule(20.3, 112, 122, 0.3)]
    borders, _, under = rules_to_lines(hs + pieces, vs, text, _settings())
    assert sorted(h.y for h in borders) == [0, 60]
    assert [(u.x0, u.x1) for u in under] == [(2, 122)]  # the pieces, merged
    thick = HRule(20.3, 1, 123, 0.65)
    borders, _, under = rules_to_lines([*hs, thick], vs, text, _settings())
    assert sorted(h.y for h in borders) == [0, 20.3, 60] and not under


def test_underlines_of_neighbouring_cells_stay_apart() -> None:
    """Two cells' underlines 2.5 pt apart across a column rule are two underlines."""
    text = chars("１件につき", 0, 10) + chars("３００円", 52.5, 10)
    pieces = [HRule(20.3, 0, 50, 0.3), HRule(20.3, 52.5, 92.5, 0.3)]
    _, _, under = rules_to_lines(pieces, [], text, _settings())
    assert [(u.x0, u.x1) for u in under] == [(0, 50), (52.5, 92.5)]
