"""Rules (horizontal and vertical strokes) and the grids they draw.

Small pure functions, composed in :mod:`shinkyu.extract.pdf`:
``objects_to_rules`` → ``merge_rules`` → ``rules_to_components`` → ``component_to_grid``.
All coordinates are PDF points, origin top-left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HRule:
    """A horizontal stroke at height ``y`` from ``x0`` to ``x1``."""

    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class VRule:
    """A vertical stroke at ``x`` from ``top`` to ``bottom``."""

    x: float
    top: float
    bottom: float


Rule = HRule | VRule


def objects_to_rules(
    rects: Iterable[Mapping[str, Any]],
    lines: Iterable[Mapping[str, Any]],
    curves: Iterable[Mapping[str, Any]],
    *,
    rule_max_width: float,
) -> tuple[list[HRule], list[VRule]]:
    """Turn pdfplumber rects, lines and curves into rules.

    A thin filled rectangle is a rule (Chromium draws borders and underlines so); a stroked
    rectangle gives its four edges; a large fill-only rectangle is a background and gives
    nothing. Lines and the straight axis-aligned pieces of curves are rules as they are.
    """
    hs: list[HRule] = []
    vs: list[VRule] = []
    for r in rects:
        x0, top, x1, bottom = float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])
        w, h = x1 - x0, bottom - top
        if h <= rule_max_width and w > h:
            hs.append(HRule((top + bottom) / 2, x0, x1))
        elif w <= rule_max_width and h > w:
            vs.append(VRule((x0 + x1) / 2, top, bottom))
        elif r.get("stroke"):
            hs += [HRule(top, x0, x1), HRule(bottom, x0, x1)]
            vs += [VRule(x0, top, bottom), VRule(x1, top, bottom)]
    for ln in lines:
        _add_segment(hs, vs, ln.get("pts") or [], rule_max_width)
    for c in curves:
        _add_segment(hs, vs, c.get("pts") or [], rule_max_width)
    return hs, vs


def _add_segment(
    hs: list[HRule], vs: list[VRule], pts: Sequence[tuple[float, float]], tol: float
) -> None:
    # pdfplumber gives pts in top-left coordinates for lines and curves.
    for (ax, ay), (bx, by) in zip(pts, pts[1:], strict=False):
        if abs(ay - by) <= tol / 2 and abs(ax - bx) > tol:
            hs.append(HRule((ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= tol / 2 and abs(ay - by) > tol:
            vs.append(VRule((ax + bx) / 2, min(ay, by), max(ay, by)))


def merge_rules(
    hs: Iterable[HRule], vs: Iterable[VRule], *, snap: float, join: float
) -> tuple[list[HRule], list[VRule]]:
    """Snap nearly collinear rules together and join pieces separated by small gaps."""
    merged_h = [
        HRule(pos, a, b)
        for pos, a, b in _merge_1d([(h.y, h.x0, h.x1) for h in hs], snap=snap, join=join)
    ]
    merged_v = [
        VRule(pos, a, b)
        for pos, a, b in _merge_1d([(v.x, v.top, v.bottom) for v in vs], snap=snap, join=join)
    ]
    return merged_h, merged_v


def _merge_1d(
    items: list[tuple[float, float, float]], *, snap: float, join: float
) -> list[tuple[float, float, float]]:
    # Group by cross position (sorted, chained within `snap`), then join along the axis.
    out: list[tuple[float, float, float]] = []
    items = sorted(items)
    groups: list[list[tuple[float, float, float]]] = []
    for it in items:
        if groups and it[0] - groups[-1][-1][0] <= snap:
            groups[-1].append(it)
        else:
            groups.append([it])
    for g in groups:
        pos = sum(p for p, _, _ in g) / len(g)
        spans = sorted((a, b) for _, a, b in g)
        cur_a, cur_b = spans[0]
        for a, b in spans[1:]:
            if a <= cur_b + join:
                cur_b = max(cur_b, b)
            else:
                out.append((round(pos, 2), cur_a, cur_b))
                cur_a, cur_b = a, b
        out.append((round(pos, 2), cur_a, cur_b))
    return out


def touches(h: HRule, v: VRule, tol: float) -> bool:
    """True when a horizontal and a vertical rule cross or meet within ``tol``."""
    return (h.x0 - tol <= v.x <= h.x1 + tol) and (v.top - tol <= h.y <= v.bottom + tol)


@dataclass(frozen=True)
class Component:
    """Rules connected to each other: one drawn table, frame or stray rule."""

    hs: tuple[HRule, ...]
    vs: tuple[VRule, ...]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        xs = [h.x0 for h in self.hs] + [h.x1 for h in self.hs] + [v.x for v in self.vs]
        ys = [h.y for h in self.hs] + [v.top for v in self.vs] + [v.bottom for v in self.vs]
        return min(xs), min(ys), max(xs), max(ys)


def rules_to_components(hs: Sequence[HRule], vs: Sequence[VRule], *, tol: float) -> list[Component]:
    """Group rules into connected components (union-find over crossings), top to bottom."""
    n = len(hs)
    parent = list(range(n + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    vs_sorted = sorted(range(len(vs)), key=lambda j: vs[j].x)
    xs = [vs[j].x for j in vs_sorted]
    from bisect import bisect_left, bisect_right

    for i, h in enumerate(hs):
        lo = bisect_left(xs, h.x0 - tol)
        hi = bisect_right(xs, h.x1 + tol)
        for k in range(lo, hi):
            j = vs_sorted[k]
            if touches(h, vs[j], tol):
                a, b = find(i), find(n + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[HRule], list[VRule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(n + j), ([], []))[1].append(v)
    comps = [Component(tuple(g[0]), tuple(g[1])) for g in groups.values()]
    comps.sort(key=lambda c: (c.bbox[1], c.bbox[0]))
    return comps


@dataclass(frozen=True)
class Grid:
    """A ruled table: column and row boundaries, top to bottom, left to right.

    ``open_bottom`` is true when the vertical rules run on below the last full-width
    horizontal rule: the last row continues on the next page.
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    open_bottom: bool = False

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]


def _distinct(values: Iterable[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def component_to_grid(comp: Component, *, tol: float) -> Grid | None:
    """The row/column grid a component draws, or None if it is not a table.

    Columns are the vertical rules that cross the first row; rows are the horizontal
    rules that span every column. A single ruled box (a frame around text) is not a
    table: a table has at least two cells.
    """
    if len(comp.vs) < 2 or len(comp.hs) < 1:
        return None
    x0, top, x1, bottom = comp.bbox
    full_h = [h for h in comp.hs if h.x0 <= x0 + tol and h.x1 >= x1 - tol]
    if not full_h:
        return None
    ys = _distinct([h.y for h in full_h], tol)
    # Column rules: those that start at the top rule (or above the first row's bottom).
    first_row_bottom = ys[1] if len(ys) > 1 else bottom
    col_x = [v.x for v in comp.vs if v.top <= top + tol and v.bottom >= first_row_bottom - tol]
    xs = _distinct(col_x, tol)
    if len(xs) < 2:
        return None
    open_bottom = False
    if bottom - ys[-1] > tol:
        ys.append(bottom)
        open_bottom = True
    if len(ys) < 2 or (len(ys) == 2 and len(xs) == 2):
        return None
    return Grid(tuple(xs), tuple(ys), open_bottom)
