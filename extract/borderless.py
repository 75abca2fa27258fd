"""Nested tables printed without rules inside a cell, read row by row.

When LibreOffice prints HTML, or a Word user switches borders off, a KPI table inside a cell
(数値目標 | 基準値 | 目標値) is held together by alignment alone, and its cells may be centred
vertically, so one row's cells start at different heights. Read line by line, its text comes
out interleaved. This module finds such a table and returns its cells:

1. **header** (:func:`find_table_header`): a line whose words (split at gaps wider than a
   character) are two labels or more of the lexicon's label families (数値目標, 基準値,
   具体的な事業, 重要業績評価指標 …);
2. **columns and extent**: boundaries in the blank strips between the labels, the table ending
   at the first line that runs across one (:func:`~.aligned.fit_columns`, as for the outer
   table); lines just above the header that stay right of its first column are the header
   row's too (a label wrapped and centred: 「重要業績」 / 「評価指標」 / 「(KPI)」);
3. **rows** (:func:`lines_to_rows`): each column's lines grouped into runs, and runs of
   different columns that overlap vertically joined into one row.

A two-column list without a header (「・A事業 ・B事業」 side by side) is not a table: it is
left to :func:`~.layout.lines_to_columns`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from shinkyu.schemas.lexicon import lexicon

from .aligned import Header, crosses, fit_columns, line_to_words
from .layout import Char, Line, chars_to_lines
from .roles import clean_label

WORD_GAP_EM = 1.2
MAX_LABEL_CHARS = 16


@dataclass
class BorderlessTable:
    """A table found among a cell's lines: its cells' lines, extent and column starts."""

    cells: list[list[list[Line]]]
    bbox: tuple[float, float, float, float]
    col_xs: tuple[float, ...]
    first: int  # index of its first line in the lines given
    end: int  # index after its last line
    header: Header


def _is_label(text: str) -> bool:
    label = clean_label(text)
    return any(f.match(label) for f in lexicon().families.values())


@dataclass(frozen=True)
class _Shape:
    """What the header test needs of a line, measured once."""

    x0: float
    top: float
    bottom: float
    size: float
    glyphs: int


def _shape(line: Line) -> _Shape:
    glyphs = _glyphs(line)
    if not glyphs:
        return _Shape(0.0, line.top, line.bottom, line.size, 0)
    return _Shape(min(c.x0 for c in glyphs), line.top, line.bottom, line.size, len(glyphs))


def find_table_header(
    lines: Sequence[Line], k: int, shapes: Sequence[_Shape] | None = None
) -> tuple[Header, int] | None:
    """A nested table's header starting at line ``k``, and the index of the line after it.

    The header may take up to three lines: a label wrapped and centred in its cell
    (「重要業績評価指」 / 「具体的な事業」 / 「標 (KPI)」) prints as lines of its own. Glyphs of
    the lines taken are grouped by column (runs that overlap across, or sit closer than
    ``WORD_GAP_EM``), and each group read line by line is a label.
    """
    shapes = shapes if shapes is not None else [_shape(ln) for ln in lines]
    for n in (1, 2, 3):
        if k + n > len(lines):
            return None
        last = shapes[k + n - 1]
        if last.glyphs > 2 * MAX_LABEL_CHARS:
            return None  # a line of prose: no header
        if n > 1:
            if last.top - shapes[k + n - 2].bottom > 0.8 * shapes[k + n - 2].size:
                return None
            starts = [sh.x0 for sh in shapes[k : k + n]]
            if max(starts) - min(starts) < 2 * shapes[k].size:
                continue  # lines that start together: a paragraph, not labels in columns
        header = _words_to_header(lines[k : k + n])
        if header is not None:
            return header, k + n
    return None


def _words_to_header(window: Sequence[Line]) -> Header | None:
    if len(window) == 1:
        words = line_to_words(window[0], WORD_GAP_EM)
    else:
        glyphs = sorted(
            ((k, c) for k, ln in enumerate(window) for c in _glyphs(ln)), key=lambda kc: kc[1].x0
        )
        groups: list[list[tuple[int, Char]]] = []
        reach = 0.0  # the right end of the last group
        for k, c in glyphs:
            if groups and c.x0 - reach <= WORD_GAP_EM * c.size:
                groups[-1].append((k, c))
                reach = max(reach, c.x1)
            else:
                groups.append([(k, c)])
                reach = c.x1
        # each group read line by line, left to right
        words = [[c for _, c in sorted(g, key=lambda kc: (kc[0], kc[1].x0))] for g in groups]
    if len(words) < 2:
        return None
    labels = ["".join(c.text for c in w) for w in words]
    if any(len(clean_label(lb)) > MAX_LABEL_CHARS or lb.endswith("。") for lb in labels):
        return None
    matched = sum(_is_label(lb) for lb in labels)
    if matched < 2 and not (matched >= 1 and len(labels) >= 3):
        return None
    spans = [(min(c.x0 for c in w), max(c.x1 for c in w)) for w in words]
    return Header(labels, spans, window[0].top, max(ln.bottom for ln in window))


def _glyphs(line: Line) -> list[Char]:
    return [c for c in line.chars if not c.text.isspace()]


def find_borderless_table(lines: Sequence[Line]) -> BorderlessTable | None:
    """The first borderless table among a cell's lines (top to bottom), or None."""
    shapes = [_shape(ln) for ln in lines]
    for k in range(len(lines)):
        found = find_table_header(lines, k, shapes)
        if found is None:
            continue
        header, nxt = found
        if nxt == len(lines):  # the header row alone at the cell's foot: the page breaks
            cols, foot = _header_columns(header), 0
        else:
            fit = fit_columns(header, lines[nxt:], headings=False)
            if fit is None:
                continue
            cols, foot = fit
        bounds = [x1 for _, x1 in cols[:-1]]
        first = k
        # the header row's wrapped labels above it, right of its first column
        while first > 0:
            up = lines[first - 1]
            near = lines[first].top - up.bottom < 0.8 * up.size
            if not near or crosses(up, bounds) or min(c.x0 for c in _glyphs(up)) < bounds[0]:
                break
            first -= 1
        end = nxt + table_lines(lines[nxt : nxt + foot], cols)
        chosen = lines[first:end]
        rows = lines_to_rows(chosen, cols)
        if len(rows) < 2 and end < len(lines):
            continue  # a header row alone is a table only at the cell's foot (a page break)
        x0 = cols[0][0]
        x1 = cols[-1][1]
        bbox = (x0, min(ln.top for ln in chosen), x1, max(ln.bottom for ln in chosen))
        return BorderlessTable(rows, bbox, (x0, *bounds, x1), first, end, header)
    return None


Run = tuple[int, float, float, list[Line]]  # (column, top, bottom, lines)


def _row_groups(
    lines: Sequence[Line], cols: Sequence[tuple[float, float]]
) -> tuple[list[Run], list[list[int]]]:
    """Each column's runs of lines, and the runs grouped by vertical overlap, top down.

    In a table whose cells are aligned at their tops (every line that prints in the first
    column prints in another one too), a row starts at each such line: a column's run is
    cut there, however tight the line spacing.
    """
    starts = _row_starts(lines, cols)
    runs: list[Run] = []
    for c, (x0, x1) in enumerate(cols):
        mine = chars_to_lines(ch for ln in lines for ch in _glyphs(ln) if x0 <= ch.xc < x1)
        for ln in mine:
            new_row = any(abs(ln.top - t) < 0.5 * ln.size for t in starts)
            if runs and runs[-1][0] == c and ln.top - runs[-1][2] < 0.8 * ln.size and not new_row:
                col, top, _, group = runs[-1]
                runs[-1] = (col, top, ln.bottom, [*group, ln])
            else:
                runs.append((c, ln.top, ln.bottom, [ln]))
    parent = list(range(len(runs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(runs):
        for j in range(i + 1, len(runs)):
            b = runs[j]
            size = min(a[3][0].size, b[3][0].size)
            if a[0] != b[0] and min(a[2], b[2]) - max(a[1], b[1]) > 0.25 * size:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(runs)):
        groups.setdefault(find(i), []).append(i)
    return runs, sorted(groups.values(), key=lambda g: min(runs[i][1] for i in g))


def _row_starts(lines: Sequence[Line], cols: Sequence[tuple[float, float]]) -> list[float]:
    """Tops of the lines that open a row in a top-aligned table; none in a centred one."""

    def columns_of(ln: Line) -> set[int]:
        return {c for ch in _glyphs(ln) for c, (x0, x1) in enumerate(cols) if x0 <= ch.xc < x1}

    spread = [(ln.top, columns_of(ln)) for ln in lines]
    firsts = [(top, cs) for top, cs in spread if 0 in cs]
    if len(firsts) < 2 or not all(len(cs) >= 2 for _, cs in firsts):
        return []
    return [top for top, _ in firsts]


def table_lines(lines: Sequence[Line], cols: Sequence[tuple[float, float]]) -> int:
    """How many of the lines are the table's.

    Text in the first column alone at its end (「(主な関連事業)」 under the last row) is the
    cell's own text again.
    """
    runs, groups = _row_groups(lines, cols)
    end = len(lines)
    while groups and {runs[i][0] for i in groups[-1]} == {0} and len(groups) > 1:
        top = min(runs[i][1] for i in groups.pop())
        end = min(end, next((k for k, ln in enumerate(lines) if ln.bottom > top), end))
    return end


def _header_columns(header: Header) -> list[tuple[float, float]]:
    """Columns from the labels alone: each boundary a point short of the next label."""
    edges = [header.spans[0][0] - 1.0, *(b0 - 1.0 for b0, _ in header.spans[1:])]
    return [*itertools.pairwise(edges), (edges[-1], header.spans[-1][1] + 1.0)]


def lines_to_rows(
    lines: Sequence[Line], cols: Sequence[tuple[float, float]], *, cut_top: bool = False
) -> list[list[list[Line]]]:
    """The table's rows, each a list of cells (the lines of each column).

    A column's lines closer than 0.8 of a character form one run; runs of different columns
    that overlap vertically (by a quarter of a character) belong to one row: cells centred
    vertically still overlap. A run beside nothing (「※2」 under a centred value, a
    description under a project name whose KPI is centred beside the name) joins the nearer
    row, above or below; a row whose first cell opens with 「・」 under one that does not is
    the description of the name above, its other cells centred lower (:func:`_join_descriptions`).
    """
    runs, groups = _row_groups(lines, cols)
    spans = [(r[0], r[1], r[2]) for r in runs]
    ordered = _join_descriptions(_attach_strays(groups, spans, cut_top=cut_top), runs)
    rows = []
    for g in ordered:
        cells: list[list[Line]] = [[] for _ in cols]
        for i in sorted(g, key=lambda i: runs[i][1]):
            cells[runs[i][0]] += runs[i][3]
        rows.append(cells)
    return rows


def _attach_strays(
    groups: list[list[int]], runs: Sequence[tuple[int, float, float]], *, cut_top: bool = False
) -> list[list[int]]:
    """Runs of one column beside nothing joined to the nearer row above or below.

    With ``cut_top`` (the part of a table printed after a page break), runs above the first
    full row are the rest of the row cut by the break: they stay a row of their own.
    """

    def span(g: list[int]) -> tuple[float, float]:
        return min(runs[i][1] for i in g), max(runs[i][2] for i in g)

    def lone(g: list[int]) -> bool:
        return len({runs[i][0] for i in g}) == 1

    if all(lone(g) for g in groups):
        return groups
    out = [list(g) for g in groups]
    k = 0
    if cut_top:
        while k + 1 < len(out) and lone(out[k + 1]) and lone(out[0]):
            out[0] += out.pop(k + 1)
        k = 1 if lone(out[0]) else 0
    while k < len(out):
        g = out[k]
        if not lone(g) or len(out) == 1:
            k += 1
            continue
        up = span(g)[0] - span(out[k - 1])[1] if k > (1 if cut_top else 0) else float("inf")
        down = span(out[k + 1])[0] - span(g)[1] if k + 1 < len(out) else float("inf")
        if up <= down:
            out[k - 1] += g
        else:
            out[k + 1] = g + out[k + 1]
        del out[k]
    return out


def _first_cell_text(g: list[int], runs: Sequence[Run]) -> str:
    first = sorted((runs[i] for i in g if runs[i][0] == 0), key=lambda r: r[1])
    return first[0][3][0].text().lstrip() if first else ""


def _join_descriptions(groups: list[list[int]], runs: Sequence[Run]) -> list[list[int]]:
    out: list[list[int]] = []
    for g in groups:
        text = _first_cell_text(g, runs)
        if out and text.startswith("・") and not _first_cell_text(out[-1], runs).startswith("・"):
            out[-1] = out[-1] + g
        else:
            out.append(g)
    return out
