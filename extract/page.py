"""One PDF page to the comparison-table rows printed on it.

``page_to_layout`` reads a page's glyphs and rules once; ``layout_to_page_tables`` finds the
comparison table(s), their header roles and body rows, and cuts every body cell into ordered
blocks of text lines and nested tables. Nothing here knows about other pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .geometry import (
    Component,
    Grid,
    HRule,
    VRule,
    component_to_grid,
    merge_rules,
    objects_to_rules,
    rules_to_components,
)
from .layout import Char, Line, chars_to_lines, lines_to_columns
from .roles import header_to_role
from .settings import ExtractSettings

BBox = tuple[float, float, float, float]


@dataclass
class PageLayout:
    """What was printed on one page, in top-left coordinates."""

    page: int
    width: float
    height: float
    chars: list[Char]
    hs: list[HRule]
    vs: list[VRule]


@dataclass
class TextBlock:
    lines: list[Line]
    top: float
    right_edge: float


@dataclass
class TableBlock:
    """A nested table: ``cells[r][c]`` holds that cell's lines."""

    cells: list[list[list[Line]]]
    bbox: BBox
    page: int
    col_xs: tuple[float, ...]
    continued: tuple[tuple[int, BBox], ...] = ()  # further (page, bbox) parts after a break

    @property
    def top(self) -> float:
        return self.bbox[1]


Block = TextBlock | TableBlock


@dataclass
class Fragment:
    """The part of one cell printed on one page."""

    page: int
    bbox: BBox
    blocks: list[Block]


@dataclass
class PageRow:
    """One body row of the comparison table as printed on one page."""

    page: int
    fragments: list[Fragment]  # one per column, in printed column order
    bbox: BBox
    closed_top: bool = True  # a full-width rule above (always, under the header)


@dataclass
class PageTable:
    """The comparison table as printed on one page."""

    page: int
    grid: Grid
    labels: list[str] | None  # header labels when this page prints the header
    rows: list[PageRow]
    open_bottom: bool
    above: list[Line] = field(default_factory=list)  # text printed above the table
    outside: list[Line] = field(default_factory=list)  # other text off the table


# -- reading ---------------------------------------------------------------------------


def _rgb(color: Any) -> tuple[float, float, float] | None:
    if color is None:
        return None
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        vals = [float(v) for v in color]
    except (TypeError, ValueError):
        return None  # pattern names and the like
    if len(vals) == 1:
        return (vals[0], vals[0], vals[0])
    if len(vals) == 3:
        return (vals[0], vals[1], vals[2])
    if len(vals) == 4:
        c, m, y, k = vals
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def color_of(color: Any) -> str | None:
    """'#rrggbb' for a chromatic fill colour; None for black, greys and unknown spaces."""
    rgb = _rgb(color)
    if rgb is None or max(rgb) - min(rgb) < 0.25:
        return None
    return "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02x}" for v in rgb)


def page_to_layout(page: Any, settings: ExtractSettings) -> PageLayout:
    """Read one pdfplumber page: glyphs as :class:`Char`, strokes as merged rules."""
    chars = [
        Char(
            text=c["text"],
            x0=float(c["x0"]),
            x1=float(c["x1"]),
            top=float(c["top"]),
            bottom=float(c["bottom"]),
            size=float(c.get("size") or (c["bottom"] - c["top"])),
            color=color_of(c.get("non_stroking_color")),
        )
        for c in page.chars
        if c.get("text")
    ]
    hs, vs = objects_to_rules(
        page.rects, page.lines, page.curves, rule_max_width=settings.rule_max_width
    )
    hs, vs = merge_rules(hs, vs, snap=settings.snap_tolerance, join=settings.join_tolerance)
    return PageLayout(page.page_number, float(page.width), float(page.height), chars, hs, vs)


# -- finding the table -----------------------------------------------------------------


def _inside(c: Char, bbox: BBox, pad: float = 0.0) -> bool:
    x0, top, x1, bottom = bbox
    return x0 - pad <= c.xc <= x1 + pad and top - pad <= c.yc <= bottom + pad


def mark_underlines(chars: list[Char], rules: Sequence[HRule]) -> list[Char]:
    """Flag glyphs that a stray horizontal rule runs just under (傍線).

    A rule underlines a glyph when it lies between the glyph's middle and a third of its
    size below its box, and covers the glyph's centre. A rule much longer than the text it
    underlines is a separator, not an underline.
    """
    if not rules:
        return chars
    flagged: set[int] = set()
    for r in rules:
        hit = [
            i
            for i, c in enumerate(chars)
            if r.x0 - 0.5 <= c.xc <= r.x1 + 0.5
            and c.yc <= r.y <= c.bottom + 0.35 * c.size
            and not c.text.isspace()
        ]
        if not hit:
            continue
        ext0 = min(chars[i].x0 for i in hit)
        ext1 = max(chars[i].x1 for i in hit)
        size = max(chars[i].size for i in hit)
        if (r.x1 - r.x0) > (ext1 - ext0) + 3 * size:
            continue
        # Only the glyphs of the line nearest above the rule.
        nearest = min(r.y - chars[i].bottom for i in hit)
        flagged.update(i for i in hit if abs((r.y - chars[i].bottom) - nearest) < 0.5 * size)
    return [
        Char(c.text, c.x0, c.x1, c.top, c.bottom, c.size, c.color, True) if i in flagged else c
        for i, c in enumerate(chars)
    ]


def _header_labels(grid: Grid, chars: Sequence[Char]) -> list[str]:
    band = (grid.ys[0], grid.ys[1])
    labels = []
    for x0, x1 in zip(grid.xs, grid.xs[1:], strict=False):
        cs = [c for c in chars if x0 <= c.xc <= x1 and band[0] <= c.yc <= band[1]]
        lines = chars_to_lines(cs)
        labels.append("".join(ln.text() for ln in lines))
    return labels


def _roles_match(labels: Sequence[str]) -> bool:
    roles = [header_to_role(lb) for lb in labels]
    return "before" in roles and "after" in roles


def _cell_blocks(
    page: int,
    bbox: BBox,
    chars: list[Char],
    comps: Sequence[Component],
    settings: ExtractSettings,
) -> list[Block]:
    """Cut one cell's glyphs into nested tables and text blocks, top to bottom."""
    tol = settings.intersection_tolerance
    blocks: list[Block] = []
    rest = chars
    for comp in comps:
        grid = component_to_grid(comp, tol=tol)
        if grid is None:
            continue
        gb = grid.bbox
        mine = [c for c in rest if _inside(c, gb)]
        if not mine:
            continue
        rest = [c for c in rest if not _inside(c, gb)]
        cells: list[list[list[Line]]] = []
        for y0, y1 in zip(grid.ys, grid.ys[1:], strict=False):
            row = []
            for x0, x1 in zip(grid.xs, grid.xs[1:], strict=False):
                cc = [c for c in mine if x0 <= c.xc < x1 and y0 <= c.yc < y1]
                row.append(lines_to_columns(chars_to_lines(cc), min_lines=settings.gutter_min_lines))
            if any(row):
                cells.append(row)
        blocks.append(TableBlock(cells, gb, page, grid.xs))
    if rest:
        lines = chars_to_lines(rest)
        # Split text into runs between tables so each block keeps its place.
        tops = sorted(b.top for b in blocks)
        groups: list[list[Line]] = [[] for _ in range(len(tops) + 1)]
        for ln in lines:
            k = sum(1 for t in tops if ln.top > t)
            groups[k].append(ln)
        for g in groups:
            if g:
                ordered = lines_to_columns(g, min_lines=settings.gutter_min_lines)
                # Right padding assumed equal to the left one: where full lines end.
                pad = max(0.0, min(ln.x0 for ln in g) - bbox[0])
                blocks.append(TextBlock(ordered, g[0].top, bbox[2] - pad))
    blocks.sort(key=lambda b: b.top)
    return blocks


def layout_to_page_tables(
    layout: PageLayout,
    settings: ExtractSettings,
    *,
    grids: Sequence[Grid] | None = None,
    prev_labels: Sequence[str] | None = None,
    prev_xs: Sequence[float] | None = None,
) -> list[PageTable]:
    """Find the comparison table(s) on a page and cut them into rows and cell fragments.

    ``grids`` may come from another engine (camelot); by default the page's own rules are
    used. A grid whose first row is not a before/after header still counts when its columns
    line up with the previous page's (a header printed on the first page only).
    """
    tol = settings.intersection_tolerance
    comps = rules_to_components(layout.hs, layout.vs, tol=tol)
    if grids is None:
        cand = [(g, c) for c in comps if (g := component_to_grid(c, tol=tol)) is not None]
    else:
        cand = [(g, None) for g in grids]
    # Stray horizontal rules (touching no vertical rule) may be underlines.
    stray = [h for c in comps if not c.vs for h in c.hs]
    chars = mark_underlines(layout.chars, stray)

    tables: list[PageTable] = []
    claimed: list[BBox] = []
    for grid, comp in sorted(cand, key=lambda gc: (gc[0].bbox[1], gc[0].bbox[0])):
        if any(_contains(b, grid.bbox) for b in claimed):
            continue  # a nested table inside a table already taken
        labels = _header_labels(grid, chars) if len(grid.ys) > 1 else []
        body_from = 1
        if not _roles_match(labels):
            if (
                prev_labels is not None
                and prev_xs is not None
                and len(prev_xs) == len(grid.xs)
                and all(abs(a - b) <= 2 * tol for a, b in zip(prev_xs, grid.xs, strict=False))
            ):
                labels_out: list[str] | None = None
                body_from = 0
            else:
                continue
        else:
            labels_out = labels
        claimed.append(grid.bbox)
        rows: list[PageRow] = []
        for y0, y1 in zip(grid.ys[body_from:], grid.ys[body_from + 1 :], strict=False):
            frags = []
            for x0, x1 in zip(grid.xs, grid.xs[1:], strict=False):
                cb: BBox = (x0, y0, x1, y1)
                cc = [c for c in chars if x0 <= c.xc < x1 and y0 <= c.yc < y1]
                inner = [
                    k
                    for k in comps
                    if k is not comp and _contains(cb, k.bbox, pad=tol) and k.vs
                ]
                frags.append(Fragment(layout.page, cb, _cell_blocks(layout.page, cb, cc, inner, settings)))
            rows.append(PageRow(layout.page, frags, (grid.xs[0], y0, grid.xs[-1], y1)))
        tables.append(
            PageTable(layout.page, grid, labels_out, rows, grid.open_bottom)
        )
    if tables:
        first_top = tables[0].grid.bbox[1]
        off = [c for c in chars if not any(_inside(c, t.grid.bbox, pad=1.0) for t in tables)]
        tables[0].above = chars_to_lines([c for c in off if c.yc < first_top])
        tables[0].outside = chars_to_lines([c for c in off if c.yc >= first_top])
    return tables


def _contains(outer: BBox, inner: BBox, pad: float = 0.0) -> bool:
    return (
        inner[0] >= outer[0] - pad
        and inner[1] >= outer[1] - pad
        and inner[2] <= outer[2] + pad
        and inner[3] <= outer[3] + pad
        and inner != outer
    )


def lines_text(lines: Sequence[Line]) -> str:
    """Printed text of lines, one per line."""
    return "\n".join(ln.text() for ln in lines)

