from shinkyu.extract.geometry import (
    CellTable,
    HRule,
    VRule,
    close_open_ends,
    merge_rules,
    objects_to_rules,
    rules_to_cell_tables,
)


def test_thin_rects_are_rules_and_fills_are_not() -> None:
    rects = [
        {"x0": 10, "top": 10, "x1": 200, "bottom": 10.7, "stroke": False},  # h rule
        {"x0": 10, "top": 10, "x1": 10.7, "bottom": 100, "stroke": False},  # v rule
        {"x0": 50, "top": 50, "x1": 150, "bottom": 90, "stroke": False},  # background
        {"x0": 20, "top": 20, "x1": 40, "bottom": 40, "stroke": True},  # stroked box
    ]
    hs, vs = objects_to_rules(rects, [], [], rule_max_width=3)
    assert len(hs) == 3 and len(vs) == 3


def test_curve_pieces_become_rules() -> None:
    curve = {"pts": [(0, 0), (100, 0), (100, 50), (30, 80)]}
    hs, vs = objects_to_rules([], [], [curve], rule_max_width=3)
    assert hs == [HRule(0, 0, 100)] and vs == [VRule(100, 0, 50)]


def test_merge_joins_strokes_that_do_not_quite_meet() -> None:
    # Word-style borders: one stroke per cell, with 1-2 pt gaps and a 0.5 pt wobble.
    hs = [HRule(100.0, 0, 99), HRule(100.5, 101, 200), HRule(100.2, 202, 300)]
    merged, _ = merge_rules(hs, [], snap=2, join=4)
    assert len(merged) == 1 and merged[0].x0 == 0 and merged[0].x1 == 300


def test_merge_keeps_real_gaps() -> None:
    merged, _ = merge_rules([HRule(10, 0, 50), HRule(10, 80, 120)], [], snap=2, join=4)
    assert len(merged) == 2


def _grid_rules(xs: list[float], ys: list[float], bottom: float | None = None):
    b = ys[-1] if bottom is None else bottom
    hs = [HRule(y, xs[0], xs[-1]) for y in ys]
    vs = [VRule(x, ys[0], b) for x in xs]
    return hs, vs


def _shape(t: CellTable) -> list[int]:
    return [len(r) for r in t.rows(2)]


def test_cells_of_a_ruled_table() -> None:
    hs, vs = _grid_rules([0, 100, 200, 300], [0, 20, 120, 220])
    (table,) = rules_to_cell_tables(hs, vs, tol=2)
    assert _shape(table) == [3, 3, 3] and not table.open_bottom


def test_open_bottom_is_closed_and_flagged() -> None:
    hs, vs = _grid_rules([0, 100, 200], [0, 20, 120], bottom=500)
    (table,) = rules_to_cell_tables(hs, vs, tol=2)
    assert table.open_bottom and table.bbox[3] == 500 and _shape(table) == [2, 2, 2]


def test_nested_table_is_a_table_of_its_own_and_frames_are_none() -> None:
    hs, vs = _grid_rules([0, 300], [0, 400])  # one big cell
    nh, nv = _grid_rules([20, 100, 200], [50, 70, 90])  # a 2x2 table inside it
    fh, fv = _grid_rules([20, 280], [200, 300])  # a frame inside it
    underline = HRule(150, 30, 80)
    tables = rules_to_cell_tables(hs + nh + fh + [underline], vs + nv + fv, tol=2)
    # pdfplumber's cells_to_tables drops one-cell tables: the box and the frame are no table
    assert sorted(len(t.cells) for t in tables) == [4]


def test_table_without_outer_rules_gets_its_sides() -> None:
    hs = [HRule(y, 0, 300) for y in (0, 20, 60, 100)]
    vs = [VRule(150, 0, 100)]  # only the inner column rule
    (table,) = rules_to_cell_tables(hs, vs, tol=2)
    assert _shape(table) == [2, 2, 2]


def test_stacked_underlines_do_not_make_a_table() -> None:
    hs = [HRule(y, 10, 200) for y in (12, 24, 36)]  # an underlined paragraph
    assert rules_to_cell_tables(hs, [], tol=2) == []


def test_open_ends_close_only_between_neighbouring_rules() -> None:
    # Two nested tables side by side cut by a page break, a column rule between them.
    vs = [VRule(x, 0, 100) for x in (10, 50, 90)] + [VRule(x, 0, 100) for x in (110, 150, 190)]
    vs.append(VRule(100, -50, 150))  # the outer column rule runs on through both ends
    _, synthetic = close_open_ends([], vs, tol=2)
    assert len(synthetic) == 4
    assert all(h.x1 < 100 or h.x0 > 100 for h in synthetic)


def test_top_closed_only_over_some_columns_gives_one_row_of_cells() -> None:
    """Calc on the page after a merged cell's break: the top rule spans the unmerged columns.

    The synthetic top rule takes the drawn rule's height, so no cell is doubled.
    """
    xs = [0.0, 50.0, 150.0, 250.0, 300.0]
    vs = [VRule(x, 50.14, 200) for x in xs]
    hs = [HRule(50.33, 50, 250), HRule(120, 0, 300), HRule(200, 0, 300)]
    (table,) = rules_to_cell_tables(hs, vs, tol=3)
    assert [len(r) for r in table.rows(3)] == [4, 4]
    assert not table.open_bottom
