"""One PDF page to the comparison-table rows printed on it.

``page_to_layout`` reads a page's glyphs and rules once; ``layout_to_page_tables`` finds the
comparison table(s), their header roles and body rows, and cuts every body cell into ordered
blocks of text lines and nested tables. Nothing here knows about other pages.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import pairwise
from typing import Any, Literal

from shinkyu.schemas.model import TextProv

from .aligned import crosses, find_headers, fit_columns, row_tops, table_foot
from .borderless import find_borderless_table
from .geometry import (
    CellTable,
    Grid,
    HRule,
    VRule,
    merge_rules,
    objects_to_rules,
    rules_to_cell_tables,
)
from .layout import Char, Line, chars_to_lines, lines_to_columns
from .markers import CAPTION, MARKER, PAGE_NUMBER
from .roles import header_to_role
from .settings import ExtractSettings
from .text import normalize_text

BBox = tuple[float, float, float, float]
Finder = Literal["ruled", "partly-ruled", "aligned", "camelot"]


@dataclass
class PageLayout:
    """What was printed on one page, in top-left coordinates."""

    page: int
    width: float
    height: float
    chars: list[Char]
    hs: list[HRule]
    vs: list[VRule]
    images: int = 0  # image objects drawn (a scanned page has some and no chars)
    unreadable: int = 0  # glyphs without a Unicode mapping (in chars as U+FFFD)
    underlines: list[HRule] = field(default_factory=list)  # rules under text: no part of a grid
    ocr: bool = False  # read from the page image by OCR (extract/ocr.py)
    skew: float = 0.0  # OCR: the degrees the scan was turned back by

    @property
    def is_scan(self) -> bool:
        """An image-only page: images drawn and not one printed glyph (a scan)."""
        return self.images > 0 and not any(not c.text.isspace() for c in self.chars)

    def wants_ocr(self, mode: str) -> bool:
        """Whether the page is read by OCR: a scan (``auto``), or every page (``always``)."""
        return not self.ocr and (mode == "always" or (mode == "auto" and self.is_scan))


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
    open_bottom: bool = False  # the last row runs on to the next page (no closing rule)
    ruled: bool = True  # False: found by alignment (:mod:`.borderless`)
    prov: TextProv | None = None  # where a text input wrote it (else page and bbox)
    label_spans: tuple[tuple[float, float], ...] = ()  # a borderless table's header labels

    @property
    def top(self) -> float:
        return self.bbox[1]


Block = TextBlock | TableBlock


@dataclass
class Fragment:
    """The part of one cell printed on one page."""

    page: int  # 0 for a text input (markdown / HTML): no pages
    bbox: BBox
    blocks: list[Block]
    prov: TextProv | None = None  # where a text input wrote it (else page and bbox)


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
    finder: Finder = "ruled"  # what found it (schema PageRead.finder)
    # every row may be the rest of the one above when the rows open with markers: a
    # converter pushed part of a cell into a row of its own (markdown / HTML input)
    loose_rows: bool = False
    runs_to_foot: bool = False  # an aligned table that may go on on the next page
    marker_rows: bool | None = None  # an aligned table's rows open at location markers
    # the label column (項目 / 該当箇所 …), from the header or the previous page's table: its
    # cell opens each logical row, and a cell merged over two sheet rows makes them one
    label_col: int | None = None


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
    hs, vs, under = rules_to_lines(hs, vs, chars, settings)
    return PageLayout(
        page.page_number, float(page.width), float(page.height), chars, hs, vs, underlines=under
    )


def rules_to_lines(
    hs: Sequence[HRule], vs: Sequence[VRule], chars: Sequence[Char], settings: ExtractSettings
) -> tuple[list[HRule], list[VRule], list[HRule]]:
    """Merge broken strokes into lines and tell the underlines from the borders.

    Returns the horizontal borders, the vertical rules and the underlines. A rule that runs
    just under glyphs and not much beyond them is an underline: it is merged only with other
    such rules (LibreOffice prints an underline less than a point above a cell's bottom
    border, where snapping would fold it into the border; Excel breaks one underline wherever
    the text switches between kanji and digits), and it is no part of any grid, however
    wide, unless it is drawn like a border (:func:`_drawn_like_border`).
    """
    index = _GlyphsByHeight(chars)
    flags = [_hugs_glyphs(h, [chars[i] for i in index.over(h, spaces=True)]) for h in hs]
    under = [h for h, f in zip(hs, flags, strict=True) if f]
    rest = [h for h, f in zip(hs, flags, strict=True) if not f]
    lines_h, lines_v = merge_rules(
        rest, vs, snap=settings.snap_tolerance, join=settings.join_tolerance
    )
    # Pieces of one underline touch; underlines of two neighbouring cells are 2–3 pt apart.
    under_h, _ = merge_rules(under, [], snap=0.5, join=UNDERLINE_JOIN)
    widths = sorted([*(v.w for v in lines_v if v.w > 0), *(h.w for h in lines_h if h.w > 0)])
    border_w = widths[len(widths) // 2] if widths else 0.0
    tol = settings.intersection_tolerance
    borders = [u for u in under_h if _drawn_like_border(u, lines_v, border_w, tol)]
    underlines = [u for u in under_h if u not in borders]
    return lines_h + borders, lines_v, underlines


def _drawn_like_border(u: HRule, vs: Sequence[VRule], border_w: float, tol: float) -> bool:
    """Whether a rule under text is a cell border after all.

    It is when it meets a vertical rule at both ends (a cell whose text fills its width)
    and is not drawn thinner than the page's borders (the median rule width). Excel and
    LibreOffice Calc draw a rich-text underline at 0.2–0.3 pt against 0.5–0.7 pt borders, so
    an underline running almost the whole width of its column stays an underline.
    """

    def meets(x: float) -> bool:
        return any(abs(v.x - x) <= tol and v.top - tol <= u.y <= v.bottom + tol for v in vs)

    if not (meets(u.x0) and meets(u.x1)):
        return False
    return not (u.w > 0 and border_w > 0 and u.w < 0.75 * border_w)


UNDERLINE_JOIN = 1.0
"""Pieces of an underline closer than this (pt) are one underline."""


def _hugs_glyphs(r: HRule, hit: Sequence[Char]) -> bool:
    """Whether a rule under these glyphs reaches little beyond them (an underline).

    ``hit`` includes spaces: an underlined run may start with an indent (「　１件につき」).
    """
    if not hit:
        return False
    size = max(c.size for c in hit)
    covered = max(c.x1 for c in hit) - min(c.x0 for c in hit)
    return (r.x1 - r.x0) <= covered + size


# -- finding the table -----------------------------------------------------------------


def _inside(c: Char, bbox: BBox, pad: float = 0.0) -> bool:
    x0, top, x1, bottom = bbox
    return x0 - pad <= c.xc <= x1 + pad and top - pad <= c.yc <= bottom + pad


class _GlyphsByHeight:
    """Glyphs indexed by their centre's height, to find those a rule runs just under."""

    def __init__(self, chars: Sequence[Char]) -> None:
        self.chars = chars
        self.order = sorted(range(len(chars)), key=lambda i: chars[i].yc)
        self.ycs = [chars[i].yc for i in self.order]
        self.reach = 2 * max((c.size for c in chars), default=0.0)

    def over(self, r: HRule, *, spaces: bool = False) -> list[int]:
        """Indices of the glyphs the rule runs under (blanks only when ``spaces``).

        The rule lies between a glyph's middle and a third of its size below its box, and
        covers the glyph's centre.
        """
        near = self.order[bisect_left(self.ycs, r.y - self.reach) : bisect_right(self.ycs, r.y)]
        return [
            i
            for i in near
            if r.x0 - 0.5 <= (c := self.chars[i]).xc <= r.x1 + 0.5
            and c.yc <= r.y <= c.bottom + 0.35 * c.size
            and (spaces or not c.text.isspace())
        ]


def mark_underlines(chars: list[Char], rules: Sequence[HRule]) -> list[Char]:
    """Flag glyphs that a stray horizontal rule runs just under (傍線).

    A rule much longer than the text it underlines is a separator, not an underline; only
    the glyphs of the line nearest above the rule are flagged.
    """
    if not rules:
        return chars
    index = _GlyphsByHeight(chars)
    flagged: set[int] = set()
    for r in rules:
        hit = index.over(r)
        if not hit:
            continue
        ext0 = min(chars[i].x0 for i in hit)
        ext1 = max(chars[i].x1 for i in hit)
        size = max(chars[i].size for i in hit)
        if (r.x1 - r.x0) > (ext1 - ext0) + 3 * size:
            continue
        nearest = min(r.y - chars[i].bottom for i in hit)
        flagged.update(i for i in hit if abs((r.y - chars[i].bottom) - nearest) < 0.5 * size)
    return [replace(c, underlined=True) if i in flagged else c for i, c in enumerate(chars)]


def layout_to_marked_chars(layout: PageLayout, ruled: Sequence[CellTable]) -> list[Char]:
    """The page's glyphs with 傍線 flagged: under its underlines and under stray rules."""
    return mark_underlines(layout.chars, [*stray_rules(layout.hs, ruled), *layout.underlines])


def stray_rules(hs: Sequence[HRule], tables: Sequence[CellTable]) -> list[HRule]:
    """Horizontal rules that are no cell's top or bottom edge: candidate underlines.

    (An underline that runs to the end of a line may stop within a tolerance of a column
    rule, so touching a vertical rule does not make a rule part of a table; being a cell
    edge does.)
    """
    edges = [(y, c[0], c[2]) for t in tables for c in t.cells for y in (c[1], c[3])]
    out = []
    for h in hs:
        used = any(
            abs(h.y - y) <= 0.05 and min(h.x1, x1) - max(h.x0, x0) >= 0.5 * (x1 - x0)
            for y, x0, x1 in edges
        )
        if not used:
            out.append(h)
    return out


def _text_in(bbox: BBox, chars: Sequence[Char]) -> str:
    return "".join(ln.text() for ln in chars_to_lines(c for c in chars if _inside(c, bbox)))


def _roles_match(labels: Sequence[str]) -> bool:
    roles = [header_to_role(lb) for lb in labels]
    return "before" in roles and "after" in roles


def grid_to_cell_table(grid: Grid) -> CellTable:
    """A plain row/column grid (from another engine) as a table of cells."""
    cells = tuple(
        (x0, y0, x1, y1)
        for y0, y1 in zip(grid.ys, grid.ys[1:], strict=False)
        for x0, x1 in zip(grid.xs, grid.xs[1:], strict=False)
    )
    return CellTable(cells, grid.open_bottom)


STRIP_PT = 8.0


def _nested_block(
    page: int, table: CellTable, chars: Sequence[Char], settings: ExtractSettings
) -> TableBlock:
    rows: list[list[list[Line]]] = []
    tol = settings.intersection_tolerance
    # Vertical strips between a double rule or beside a nested table inset in its cell:
    # empty and too narrow for a glyph. (Low empty rows stay: a row cut by a page break
    # leaves one, and the join across the break expects it.)
    kept = tuple(
        c for c in table.cells if c[2] - c[0] > STRIP_PT or any(_inside(ch, c) for ch in chars)
    )
    if kept:
        table = CellTable(kept, table.open_bottom)
    for row in table.rows(tol):
        cells = []
        for cb in row:
            cc = [c for c in chars if _inside(c, cb)]
            cells.append(lines_to_columns(chars_to_lines(cc), min_lines=settings.gutter_min_lines))
        rows.append(cells)
    rows = _drop_extra_empty_cells(rows)
    xs = sorted({round(c[0], 1) for c in table.cells} | {round(table.bbox[2], 1)})
    return TableBlock(rows, table.bbox, page, tuple(xs), open_bottom=table.open_bottom)


def _drop_extra_empty_cells(rows: list[list[list[Line]]]) -> list[list[list[Line]]]:
    """Rows with more cells than most rows lose empty ones (grid pieces of a double rule)."""
    if len(rows) < 2:
        return rows
    counts = Counter(len(r) for r in rows)
    mode = counts.most_common(1)[0][0]
    out = []
    for row in rows:
        extra = len(row) - mode
        if extra > 0 and sum(1 for c in row if not c) >= extra:
            kept: list[list[Line]] = []
            for c in row:
                if not c and extra > 0:
                    extra -= 1
                    continue
                kept.append(c)
            row = kept
        out.append(row)
    return out


def _cell_blocks(
    page: int,
    bbox: BBox,
    chars: list[Char],
    nested: Sequence[CellTable],
    settings: ExtractSettings,
) -> list[Block]:
    """Cut one cell's glyphs into nested tables and text blocks, top to bottom."""
    blocks: list[Block] = []
    rest = chars
    for t in nested:
        mine = [c for c in rest if _inside(c, t.bbox)]
        if not mine:
            continue
        rest = [c for c in rest if not _inside(c, t.bbox)]
        blocks.append(_nested_block(page, t, mine, settings))
    if rest:
        lines = chars_to_lines(rest)
        # Split text into runs between tables so each block keeps its place.
        tops = sorted(b.top for b in blocks)
        groups: list[list[Line]] = [[] for _ in range(len(tops) + 1)]
        for ln in lines:
            k = sum(1 for t in tops if ln.top > t)
            groups[k].append(ln)
        for g in groups:
            for part in _borderless_parts(g, page):
                if isinstance(part, TableBlock):
                    blocks.append(part)
                    continue
                ordered = lines_to_columns(part, min_lines=settings.gutter_min_lines)
                # Right padding assumed equal to the left one: where full lines end.
                pad = max(0.0, min(ln.x0 for ln in g) - bbox[0])
                blocks.append(TextBlock(ordered, part[0].top, bbox[2] - pad))
    blocks.sort(key=lambda b: b.top)
    return blocks


def _borderless_parts(lines: list[Line], page: int) -> list[list[Line] | TableBlock]:
    """A cell's lines cut into text runs and nested tables printed without rules."""
    out: list[list[Line] | TableBlock] = []
    rest = lines
    while rest:
        found = find_borderless_table(rest)
        if found is None:
            out.append(rest)
            break
        if found.first:
            out.append(rest[: found.first])
        out.append(
            TableBlock(
                found.cells,
                found.bbox,
                page,
                found.col_xs,
                ruled=False,
                label_spans=tuple(found.header.spans),
            )
        )
        rest = rest[found.end :]
    return out


def _top_level(tables: Sequence[CellTable], tol: float) -> list[CellTable]:
    """Tables not inside another of the given tables."""
    return [
        t
        for t in tables
        if not any(o is not t and _contains(o.bbox, t.bbox, pad=tol) for o in tables)
    ]


def layout_to_page_tables(
    layout: PageLayout,
    settings: ExtractSettings,
    *,
    grids: Sequence[Grid] | None = None,
    prev: PageTable | None = None,
) -> list[PageTable]:
    """Find the comparison table(s) on a page and cut them into rows and cell fragments.

    ``grids`` may come from another engine (camelot); by default the page's own rules are
    used. A table whose first row is not a before/after header still counts when its columns
    line up with the previous page's table ``prev`` (a header printed on the first page
    only). A page without a ruled comparison table is read by alignment (:mod:`.aligned`).
    """
    prev_xs = prev.grid.xs if prev is not None and prev.finder != "aligned" else None
    tol = settings.intersection_tolerance
    ruled = rules_to_cell_tables(layout.hs, layout.vs, tol=tol)
    chars = layout_to_marked_chars(layout, ruled)
    mains = ruled if grids is None else [grid_to_cell_table(g) for g in grids]

    tables: list[PageTable] = []
    claimed: list[BBox] = []
    for ct in mains:
        if any(_contains(b, ct.bbox, pad=tol) for b in claimed):
            continue  # a nested table inside a table already taken
        rows = ct.rows(tol)
        if len(rows) >= 2 and not _roles_match([_text_in(cb, chars) for cb in rows[0]]):
            second = [_text_in(cb, chars) for cb in rows[1]]
            if len(rows[1]) >= 2 and _roles_match(second):
                rows = rows[1:]  # a two-row header: 「新旧対照表」 or 「条例」 spanning the roles
        if not rows or len(rows[0]) < 2:
            continue
        labels = [_text_in(cb, chars) for cb in rows[0]]
        labels_out: list[str] | None
        if _roles_match(labels) and len(rows) == 1 and not ct.open_bottom:
            continue  # a ruled header over an unruled body: read by alignment
        label_col: int | None
        if _roles_match(labels):
            cols = [(cb[0], cb[2]) for cb in rows[0]]
            labels_out, body = labels, rows[1:]
            roles = [header_to_role(lb) for lb in labels]
            label_col = roles.index("label") if "label" in roles else None
        elif (
            prev_xs is not None
            and len(prev_xs) == len(rows[0]) + 1
            and all(abs(a - b[0]) <= 2 * tol for a, b in zip(prev_xs, rows[0], strict=False))
        ):
            cols = list(pairwise(prev_xs))
            labels_out, body = None, rows
            label_col = prev.label_col if prev is not None else None
        else:
            continue
        claimed.append(ct.bbox)
        label_span = cols[label_col] if label_col is not None else None
        body = _body_rows(body, cols, layout.hs, ct.bbox, tol, label_span)
        body = _spread_merged_cells(body, layout.hs, tol)
        finder: Finder = "ruled" if grids is None else "camelot"
        if len(body) == 1:  # no rule between rows: a partly ruled (legal-style) table
            body = _split_at_markers(body[0], cols, chars, tol)
            if len(body) > 1 and grids is None:
                finder = "partly-ruled"
        others = [t for t in ruled if t is not ct and len(t.cells) >= 2]
        page_rows = body_to_page_rows(
            layout.page,
            cols,
            body,
            chars,
            others,
            settings,
            flush=partial(_flush_nested, ct, tol=tol),
        )
        xs = tuple([c[0] for c in cols] + [cols[-1][1]])
        grid = Grid(
            xs, tuple([ct.bbox[1]] + [r[0][1] for r in body] + [ct.bbox[3]]), ct.open_bottom
        )
        tables.append(
            PageTable(
                layout.page,
                grid,
                labels_out,
                page_rows,
                ct.open_bottom,
                finder=finder,
                label_col=label_col,
            )
        )
    if not tables:
        tables = aligned_page_tables(layout, chars, ruled, settings, prev=prev)
    if tables:
        first_top = tables[0].grid.bbox[1]
        off = [c for c in chars if not any(_inside(c, t.grid.bbox, pad=1.0) for t in tables)]
        tables[0].above = chars_to_lines([c for c in off if c.yc < first_top])
        tables[0].outside = chars_to_lines([c for c in off if c.yc >= first_top])
    return tables


@dataclass
class _AlignedSpan:
    """The lines of one aligned table on a page, with its columns and header."""

    cols: list[tuple[float, float]]
    labels: list[str] | None
    body: list[Line]
    head_top: float | None = None


def aligned_page_tables(
    layout: PageLayout,
    chars: Sequence[Char],
    ruled: Sequence[CellTable],
    settings: ExtractSettings,
    *,
    prev: PageTable | None = None,
) -> list[PageTable]:
    """The comparison tables of a page without a ruled one, read from text alignment.

    Each header line starts a table that runs to the next header or its foot; a page
    without a header continues the previous page's aligned table when that one ran to its
    page's foot and this page's lines fit its columns.
    """
    lines = chars_to_lines(chars)
    found = find_headers(lines)
    spans: list[_AlignedSpan] = []
    for k, (header, _start, nxt) in enumerate(found):
        end = found[k + 1][1] if k + 1 < len(found) else len(lines)
        fit = fit_columns(header, lines[nxt:end])
        if fit is not None:
            cols, foot = fit
            spans.append(_AlignedSpan(cols, header.labels, lines[nxt : nxt + foot], header.top))
    if not found and prev is not None and prev.finder == "aligned" and prev.runs_to_foot:
        xs = prev.grid.xs
        body = lines
        while body and crosses(body[0], xs[1:-1]):
            body = body[1:]  # a running title above the table
        foot = table_foot(body, list(pairwise(xs)))
        if foot:
            spans.append(_AlignedSpan(list(pairwise(xs)), None, body[:foot]))
    return [_aligned_table(layout, chars, ruled, settings, span, lines, prev) for span in spans]


def _aligned_table(
    layout: PageLayout,
    chars: Sequence[Char],
    ruled: Sequence[CellTable],
    settings: ExtractSettings,
    span: _AlignedSpan,
    lines: Sequence[Line],
    prev: PageTable | None,
) -> PageTable:
    cols = span.cols
    top = min(ln.top for ln in span.body) - 0.5
    bottom = max(ln.bottom for ln in span.body) + 0.5
    after = [ln for ln in lines if ln.top > bottom]
    runs_on = all(PAGE_NUMBER.match(normalize_text(ln.text())) for ln in after)
    mine = [c for c in chars if top <= c.yc <= bottom and cols[0][0] <= c.xc <= cols[-1][1]]
    # rows open by the rule the table's first page chose (markers or paragraph gaps)
    same = prev is not None and prev.finder == "aligned" and span.labels in (None, prev.labels)
    tops, marker_rows = row_tops(
        mine, cols, top, bottom, layout.hs, markers=prev.marker_rows if same and prev else None
    )
    edges = [top, *tops, bottom]
    # A cell ends where its column's text does (the gutter is not the cell's): a line that
    # fills the cell shows a paragraph running on across a page break.
    text_cols = [(x0, max((c.x1 for c in mine if x0 <= c.xc < x1), default=x1)) for x0, x1 in cols]
    rows = [[(x0, y0, x1, y1) for x0, x1 in text_cols] for y0, y1 in pairwise(edges)]
    page_rows = body_to_page_rows(
        layout.page,
        text_cols,
        rows,
        mine,
        [t for t in ruled if len(t.cells) >= 2],
        settings,
        columns=cols,
    )
    xs = tuple([c[0] for c in cols] + [cols[-1][1]])
    ys = tuple(edges if span.head_top is None else [span.head_top - 0.5, *edges])
    return PageTable(
        layout.page,
        Grid(xs, ys),
        span.labels,
        page_rows,
        False,
        finder="aligned",
        runs_to_foot=runs_on,
        marker_rows=marker_rows,
    )


def body_to_page_rows(
    page: int,
    cols: Sequence[tuple[float, float]],
    body: Sequence[Sequence[BBox]],
    chars: Sequence[Char],
    nested: Sequence[CellTable],
    settings: ExtractSettings,
    flush: Callable[[BBox], list[CellTable]] | None = None,
    columns: Sequence[tuple[float, float]] | None = None,
) -> list[PageRow]:
    """Body rows (one box per column) cut into cell fragments of text blocks and tables.

    ``nested`` are the ruled tables on the page that may sit inside a cell; ``flush`` finds
    a nested table drawn against its cell's borders (merged into the outer grid). Without
    rules around the cells (``columns``: the columns' full extents, of a table read by
    alignment) a nested table belongs to the cell its centre lies in, within the column:
    its borders stand beyond the text the cell box was measured on.
    """
    tol = settings.intersection_tolerance
    page_rows: list[PageRow] = []
    # Glyphs sorted by height once, so each row takes its band by bisection.
    by_y = sorted(chars, key=lambda c: c.yc)
    ycs = [c.yc for c in by_y]
    for row in body:
        top, bottom = row[0][1], max(cb[3] for cb in row)
        # a cell merged over rows above reaches higher than the row (_spread_merged_cells)
        reach = min(cb[1] for cb in row)
        band = by_y[bisect_left(ycs, reach) : bisect_right(ycs, bottom)]
        frags = []
        for x0, x1 in cols:
            xc = (x0 + x1) / 2
            cell = next((cb for cb in row if cb[0] <= xc <= cb[2]), (x0, top, x1, bottom))
            cc = sorted((c for c in band if _inside(c, cell)), key=lambda c: (c.top, c.x0))
            if columns is None:
                mine = [t for t in nested if _contains(cell, t.bbox, pad=tol)]
            else:
                c0, c1 = next(((a, b) for a, b in columns if a <= xc <= b), (x0, x1))
                mine = [
                    t
                    for t in nested
                    if c0 - tol <= t.bbox[0]
                    and t.bbox[2] <= c1 + tol
                    and top <= (t.bbox[1] + t.bbox[3]) / 2 <= bottom
                ]
            inner = _top_level(mine + (flush(cell) if flush else []), tol)
            frags.append(Fragment(page, cell, _cell_blocks(page, cell, cc, inner, settings)))
        page_rows.append(PageRow(page, frags, (cols[0][0], top, cols[-1][1], bottom)))
    return page_rows


def _flush_nested(ct: CellTable, cell: BBox, tol: float) -> list[CellTable]:
    """A nested table drawn flush against its cell's borders, which the grid merged into ``ct``.

    Its cells are the grid cells inside ``cell`` that are narrower than it (a nested table has
    two columns or more); the full-width pieces above or below it are the cell's own text.
    """
    width = cell[2] - cell[0]
    cells = tuple(
        c for c in ct.cells if _contains(cell, c, pad=tol) and (c[2] - c[0]) < width - 2 * tol
    )
    return [CellTable(cells)] if len(cells) >= 2 else []


def _row_borders(
    hs: Sequence[HRule],
    cols: Sequence[tuple[float, float]],
    top: float,
    bottom: float,
    tol: float,
    label: tuple[float, float] | None = None,
) -> list[float]:
    """Heights of the rules that part rows of the comparison table.

    A row border crosses at least one boundary between two columns; a rule that stays inside
    one column belongs to a nested table or is an underline, even when a nested table is
    drawn flush against its cell's borders (Word / LibreOffice), where the cell-grid finder
    merges the nested rules into the outer table. When the table has a label column, a row
    border also crosses it: a label cell merged over two sheet rows (Excel) makes them one row.
    """
    inner = [x1 for _, x1 in cols[:-1]]
    ys = sorted(
        h.y
        for h in hs
        if top + tol < h.y < bottom - tol
        and any(h.x0 < xb - tol and h.x1 > xb + tol for xb in inner)
        and (label is None or (h.x0 <= label[0] + tol and h.x1 >= label[1] - tol))
    )
    out: list[float] = []
    for y in ys:
        if not out or y - out[-1] > tol:
            out.append(y)
    return out


def _body_rows(
    body: list[list[BBox]],
    cols: Sequence[tuple[float, float]],
    hs: Sequence[HRule],
    bbox: BBox,
    tol: float,
    label: tuple[float, float] | None = None,
) -> list[list[BBox]]:
    """The body rows, one box per column, cut at real row borders only (:func:`_row_borders`).

    Falls back to the cell grid's rows when the table has a single column boundary-less body.
    """
    if not body or len(cols) < 2:
        return body
    top = min(cb[1] for cb in body[0])
    ys = [top, *_row_borders(hs, cols, top, bbox[3], tol, label), bbox[3]]
    return [[(x0, y0, x1, y1) for x0, x1 in cols] for y0, y1 in pairwise(ys) if y1 - y0 > tol]


def _spread_merged_cells(
    body: list[list[BBox]], hs: Sequence[HRule], tol: float
) -> list[list[BBox]]:
    """Give a cell merged over several rows to each row it spans.

    Where no rule crosses a column between two rows (a reason merged over three entries in
    Excel, a ``rowspan`` in HTML), that column's cell is one: each row gets all of it, so
    every entry carries the reason that applies to it.
    """
    if len(body) < 2:
        return body
    out = [list(row) for row in body]
    ncols = min(len(row) for row in body)
    for c in range(ncols):
        start = 0
        for r in range(1, len(body) + 1):
            if r < len(body):
                x0, y, x1 = body[r][c][0], body[r][c][1], body[r][c][2]
                closed = any(
                    abs(h.y - y) <= tol and h.x0 <= x0 + tol and h.x1 >= x1 - tol for h in hs
                )
                if not closed:
                    continue
            if r - start > 1:  # rows start .. r-1 share this column's cell
                top, bottom = body[start][c][1], body[r - 1][c][3]
                for k in range(start, r):
                    x0, _, x1, _ = body[k][c]
                    out[k][c] = (x0, top, x1, bottom)
            start = r
    return out


def _split_at_markers(
    row: list[BBox], cols: Sequence[tuple[float, float]], chars: Sequence[Char], tol: float
) -> list[list[BBox]]:
    """A body printed without rules between its rows, cut where a row opens.

    Legal-style tables rule only the header and the columns. A row opens where a line of any
    column starts with a location marker (第N条, 計画書 N ページ, 別表) or with an article's
    caption (「（手数料）」) followed by one, and no line of another column runs across that
    height. The first line of the body opens the first row.
    """
    top, bottom = row[0][1], max(b[3] for b in row)
    lines_by_col = [
        chars_to_lines(c for c in chars if x0 <= c.xc <= x1 and top <= c.yc <= bottom)
        for x0, x1 in cols
    ]
    cuts: list[tuple[float, int]] = []  # (height, column)
    for col, lines in enumerate(lines_by_col):
        texts = [normalize_text(ln.text()) for ln in lines]
        for k, ln in enumerate(lines):
            opens = bool(MARKER.match(texts[k])) or (
                CAPTION.match(texts[k]) is not None
                and k + 1 < len(texts)
                and bool(MARKER.match(texts[k + 1]))
            )
            if k > 0 and CAPTION.match(texts[k - 1]) and MARKER.match(texts[k]):
                opens = False  # the caption above opened it
            if opens and ln.top - top > tol:
                cuts.append((ln.top - 0.5, col))
    crossing = [(ln.top, ln.bottom) for lines in lines_by_col for ln in lines]
    size = max((ln.size for lines in lines_by_col for ln in lines), default=10.0)
    merged: list[float] = []
    for y, col in sorted(c for c in cuts if not any(t < c[0] < b for t, b in crossing)):
        # a row opens in two columns at once (第2条 before and after): one marker alone
        # (「計画書7ページ」 inside a long row of a ruled table) does not cut
        partners = {c for yy, c in cuts if abs(yy - y) <= 1.5 * size} - {col}
        if not partners:
            continue
        if not merged or y - merged[-1] > 1.5 * size:
            merged.append(y)
    if not merged:
        return [row]
    edges = [top, *merged, bottom]
    return [[(x0, y0, x1, y1) for x0, x1 in cols] for y0, y1 in pairwise(edges)]


def _contains(outer: BBox, inner: BBox, pad: float = 0.0) -> bool:
    return (
        inner[0] >= outer[0] - pad
        and inner[1] >= outer[1] - pad
        and inner[2] <= outer[2] + pad
        and inner[3] <= outer[3] + pad
        and inner != outer
    )
