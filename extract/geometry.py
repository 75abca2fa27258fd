"""Rules (horizontal and vertical strokes) and the grids they draw.

Small pure functions, composed in :mod:`shinkyu.extract.page`:
``objects_to_rules`` → ``merge_rules`` → ``close_open_sides`` / ``close_open_ends`` →
``rules_to_cell_tables``.
All coordinates are PDF points, origin top-left.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise
from typing import Any


@dataclass(frozen=True)
class HRule:
    """A horizontal stroke at height ``y`` from ``x0`` to ``x1``, ``w`` pt thick (0: unknown)."""

    y: float
    x0: float
    x1: float
    w: float = 0.0


@dataclass(frozen=True)
class VRule:
    """A vertical stroke at ``x`` from ``top`` to ``bottom``, ``w`` points thick (0: unknown)."""

    x: float
    top: float
    bottom: float
    w: float = 0.0


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
    Each rule keeps its thickness (a thin rectangle's height, a stroke's ``linewidth``).
    """
    hs: list[HRule] = []
    vs: list[VRule] = []
    for r in rects:
        x0, top, x1, bottom = float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])
        w, h = x1 - x0, bottom - top
        lw = float(r.get("linewidth") or 0.0)
        if h <= rule_max_width and w > h:
            hs.append(HRule((top + bottom) / 2, x0, x1, max(h, lw)))
        elif w <= rule_max_width and h > w:
            vs.append(VRule((x0 + x1) / 2, top, bottom, max(w, lw)))
        elif r.get("stroke"):
            hs += [HRule(top, x0, x1, lw), HRule(bottom, x0, x1, lw)]
            vs += [VRule(x0, top, bottom, lw), VRule(x1, top, bottom, lw)]
    for ln in lines:
        _add_segment(hs, vs, ln.get("pts") or [], rule_max_width, ln.get("linewidth"))
    for c in curves:
        _add_segment(hs, vs, c.get("pts") or [], rule_max_width, c.get("linewidth"))
    return hs, vs


def _add_segment(
    hs: list[HRule],
    vs: list[VRule],
    pts: Sequence[tuple[float, float]],
    tol: float,
    linewidth: float | None,
) -> None:
    # pdfplumber gives pts in top-left coordinates for lines and curves.
    lw = float(linewidth or 0.0)
    for (ax, ay), (bx, by) in pairwise(pts):
        if abs(ay - by) <= tol / 2 and abs(ax - bx) > tol:
            hs.append(HRule((ay + by) / 2, min(ax, bx), max(ax, bx), lw))
        elif abs(ax - bx) <= tol / 2 and abs(ay - by) > tol:
            vs.append(VRule((ax + bx) / 2, min(ay, by), max(ay, by), lw))


def merge_rules(
    hs: Iterable[HRule], vs: Iterable[VRule], *, snap: float, join: float
) -> tuple[list[HRule], list[VRule]]:
    """Snap nearly collinear rules together and join pieces separated by small gaps.

    A joined rule is as thick as its thickest piece (a border drawn twice stays a border).
    """
    merged_h = [
        HRule(pos, a, b, w)
        for pos, a, b, w in _merge_1d([(h.y, h.x0, h.x1, h.w) for h in hs], snap=snap, join=join)
    ]
    merged_v = [
        VRule(pos, a, b, w)
        for pos, a, b, w in _merge_1d(
            [(v.x, v.top, v.bottom, v.w) for v in vs], snap=snap, join=join
        )
    ]
    return merged_h, merged_v


def _merge_1d(
    items: list[tuple[float, float, float, float]], *, snap: float, join: float
) -> list[tuple[float, float, float, float]]:
    # Group by cross position (sorted, chained within `snap`), then join along the axis.
    out: list[tuple[float, float, float, float]] = []
    items = sorted(items)
    groups: list[list[tuple[float, float, float, float]]] = []
    for it in items:
        if groups and it[0] - groups[-1][-1][0] <= snap:
            groups[-1].append(it)
        else:
            groups.append([it])
    for g in groups:
        pos = sum(p for p, _, _, _ in g) / len(g)
        spans = sorted((a, b, w) for _, a, b, w in g)
        cur_a, cur_b, cur_w = spans[0]
        for a, b, w in spans[1:]:
            if a <= cur_b + join:
                cur_b, cur_w = max(cur_b, b), max(cur_w, w)
            else:
                out.append((round(pos, 2), cur_a, cur_b, cur_w))
                cur_a, cur_b, cur_w = a, b, w
        out.append((round(pos, 2), cur_a, cur_b, cur_w))
    return out


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


# -- cells: the same algorithm pdfplumber uses, fed with our merged rules ----------------


@dataclass(frozen=True)
class CellTable:
    """A ruled table as the cells its rules enclose (spans allowed), top-left first."""

    cells: tuple[tuple[float, float, float, float], ...]
    open_bottom: bool = False

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        return (
            min(c[0] for c in self.cells),
            min(c[1] for c in self.cells),
            max(c[2] for c in self.cells),
            max(c[3] for c in self.cells),
        )

    def rows(self, tol: float) -> list[list[tuple[float, float, float, float]]]:
        """Cells grouped by their top edge, each row left to right."""
        out: list[list[tuple[float, float, float, float]]] = []
        for c in sorted(self.cells, key=lambda c: (c[1], c[0])):
            if out and abs(c[1] - out[-1][0][1]) <= tol:
                out[-1].append(c)
            else:
                out.append([c])
        for row in out:
            row.sort(key=lambda c: c[0])
        return out


def close_open_ends(
    hs: Sequence[HRule], vs: Sequence[VRule], *, tol: float
) -> tuple[list[HRule], set[HRule]]:
    """Add a rule where two or more vertical rules stop at the same height with none drawn.

    A table cut by a page break is printed without its closing rule (Chromium) or without
    its opening rule on the next page, or with it only over the columns a merged cell does not
    span (LibreOffice Calc); the synthetic rules close it so its cells exist.
    Returns all horizontal rules and the set of synthetic ones.
    """
    out = list(hs)
    synthetic: set[HRule] = set()
    for end in ("top", "bottom"):
        ordered = sorted(vs, key=lambda v: getattr(v, end))
        groups: list[list[VRule]] = []
        for v in ordered:
            if groups and getattr(v, end) - getattr(groups[-1][-1], end) <= tol:
                groups[-1].append(v)
            else:
                groups.append([v])
        for g in groups:
            if len(g) < 2:
                continue
            y = round(sum(getattr(v, end) for v in g) / len(g), 2)
            members = sorted(g, key=lambda v: v.x)
            run = [members[0]]
            nxt: VRule | None
            for nxt in [*members[1:], None]:
                foreign = nxt is not None and any(
                    run[-1].x + tol < o.x < nxt.x - tol and o.top - tol <= y <= o.bottom + tol
                    for o in vs
                )
                if nxt is not None and not foreign:
                    run.append(nxt)
                    continue
                x0, x1 = run[0].x, run[-1].x
                if len(run) >= 2 and not any(
                    abs(h.y - y) <= tol and h.x0 <= x0 + tol and h.x1 >= x1 - tol for h in out
                ):
                    # At a table's top, a rule drawn over part of the span (the columns a
                    # merged cell from the previous page does not cross) gives the height, so
                    # the cells along it are not doubled. (At the foot, the synthetic rule's
                    # own height is what tells a table left open: see rules_to_cell_tables.)
                    part = [
                        h
                        for h in hs
                        if end == "top"
                        and abs(h.y - y) <= tol
                        and h.x0 >= x0 - tol
                        and h.x1 <= x1 + tol
                    ]
                    rule = HRule(part[0].y if part else y, x0, x1)
                    out.append(rule)
                    synthetic.add(rule)
                run = [nxt] if nxt is not None else []
    return out, synthetic


def close_open_sides(
    hs: Sequence[HRule], vs: Sequence[VRule], *, tol: float
) -> tuple[list[VRule], set[VRule]]:
    """Add the outer vertical rules of a table printed without them.

    For two horizontal rules, one above the other, that end at the same x with no vertical
    rule joining their ends there, a synthetic vertical rule is added when a real vertical
    rule crosses both (an inner column rule — so stacked underlines never become a table).
    """
    out = list(vs)
    synthetic: set[VRule] = set()

    def crossed(h: HRule, v: VRule) -> bool:
        return h.x0 + tol < v.x < h.x1 - tol and v.top - tol <= h.y <= v.bottom + tol

    for end in ("x0", "x1"):
        ordered = sorted(hs, key=lambda h: (round(getattr(h, end) / tol), h.y))
        for a, b in pairwise(ordered):
            xa, xb = getattr(a, end), getattr(b, end)
            if abs(xa - xb) > tol:
                continue
            x = round((xa + xb) / 2, 2)
            top, bottom = a.y, b.y
            if any(
                abs(v.x - x) <= tol and v.top <= top + tol and v.bottom >= bottom - tol for v in out
            ):
                continue
            if any(crossed(a, v) and crossed(b, v) for v in vs):
                rule = VRule(x, top, bottom)
                out.append(rule)
                synthetic.add(rule)
    return out, synthetic


def rules_to_cell_tables(
    hs: Sequence[HRule], vs: Sequence[VRule], *, tol: float
) -> list[CellTable]:
    """Every ruled table on a page (outer, nested and one-cell frames), top to bottom.

    Open ends are closed first (:func:`close_open_ends`); then pdfplumber's
    ``edges_to_intersections`` → ``intersections_to_cells`` → ``cells_to_tables``.
    """
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells

    vs, _ = close_open_sides(hs, vs, tol=tol)
    all_h, synthetic = close_open_ends(hs, vs, tol=tol)
    edges: list[dict[str, Any]] = [
        {
            "x0": h.x0,
            "x1": h.x1,
            "top": h.y,
            "bottom": h.y,
            "width": h.x1 - h.x0,
            "height": 0,
            "orientation": "h",
        }
        for h in all_h
    ] + [
        {
            "x0": v.x,
            "x1": v.x,
            "top": v.top,
            "bottom": v.bottom,
            "width": 0,
            "height": v.bottom - v.top,
            "orientation": "v",
        }
        for v in vs
    ]
    cells = intersections_to_cells(edges_to_intersections(edges, tol, tol))
    tables = []
    for group in cells_to_tables(cells):
        t = CellTable(tuple(tuple(float(x) for x in c) for c in group))  # type: ignore[misc]
        bottom = t.bbox[3]
        open_bottom = any(abs(s.y - bottom) <= tol for s in synthetic)
        tables.append(CellTable(t.cells, open_bottom))
    tables.sort(key=lambda t: (t.bbox[1], t.bbox[0]))
    return tables
