from shinkyu.extract.geometry import (
    Grid,
    HRule,
    VRule,
    component_to_grid,
    merge_rules,
    objects_to_rules,
    rules_to_components,
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


def test_grid_from_table_rules() -> None:
    hs, vs = _grid_rules([0, 100, 200, 300], [0, 20, 120, 220])
    (comp,) = rules_to_components(hs, vs, tol=2)
    grid = component_to_grid(comp, tol=2)
    assert grid == Grid((0, 100, 200, 300), (0, 20, 120, 220), open_bottom=False)


def test_open_bottom_when_verticals_run_on() -> None:
    hs, vs = _grid_rules([0, 100, 200], [0, 20, 120], bottom=500)
    (comp,) = rules_to_components(hs, vs, tol=2)
    grid = component_to_grid(comp, tol=2)
    assert grid is not None and grid.open_bottom and grid.ys[-1] == 500


def test_single_box_is_a_frame_not_a_table() -> None:
    hs, vs = _grid_rules([0, 300], [0, 100])
    (comp,) = rules_to_components(hs, vs, tol=2)
    assert component_to_grid(comp, tol=2) is None


def test_separate_components_for_nested_table_and_underline() -> None:
    hs, vs = _grid_rules([0, 300], [0, 400])
    nested_h, nested_v = _grid_rules([20, 100, 200], [50, 70, 90])
    underline = HRule(150, 30, 80)
    comps = rules_to_components(hs + nested_h + [underline], vs + nested_v, tol=2)
    assert len(comps) == 3
    assert sum(1 for c in comps if not c.vs) == 1
