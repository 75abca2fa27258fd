"""Page rows to logical rows, and cell fragments to model cells.

``RowAssembler`` decides which printed rows continue across a page break;
``fragments_to_cell`` joins a cell's fragments into one :class:`Cell` with its text,
raw text, marks, nested tables and provenance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from shinkyu.schemas.model import Cell, Mark, NestedTable, Prov, TextProv

from .aligned import Header, crosses, sweep_columns
from .borderless import lines_to_rows, table_lines
from .layout import Line, TextBuilder, lines_to_text, opens_paragraph
from .markers import MARKER
from .page import Block, Fragment, PageRow, PageTable, TableBlock, TextBlock
from .text import normalize_text

DEFAULT_MIN_CONFIDENCE = 0.8
"""OCR'd characters read with less confidence are reported (settings.ocr_min_confidence)."""

# Where a logical row says which part of the plan or ordinance it amends.
PLAN_PAGE = re.compile(r"計画書?\s*([0-9]+)\s*(?:ページ|頁)")


@dataclass
class LogicalRow:
    """Page rows that make one logical row, in order."""

    parts: list[PageRow]

    @property
    def pages(self) -> list[int]:
        return sorted({p.page for p in self.parts if p.page})


def _first_text(frag: Fragment) -> str:
    for b in frag.blocks:
        if isinstance(b, TextBlock) and b.lines:
            return b.lines[0].text()
        if isinstance(b, TableBlock):
            return ""
    return ""


def row_has_marker(row: PageRow) -> bool:
    """True when any cell of the row opens with a location marker (計画書 N ページ, 第N条)."""
    return any(MARKER.match(normalize_text(_first_text(f))) for f in row.fragments)


def _marker_keys(row: PageRow, lines_per_cell: int) -> set[str]:
    keys = set()
    for f in row.fragments:
        for b in f.blocks[:1]:
            if isinstance(b, TextBlock):
                for ln in b.lines[:lines_per_cell]:
                    if m := MARKER.match(normalize_text(ln.text())):
                        keys.add("".join(m.group(0).split()))
    return keys


def _cut_after_marker(part: PageRow, row: PageRow) -> bool:
    """Whether a row that opens with a marker is the rest of a row cut right after its own.

    The previous page ended a row after two lines at most in every cell (「計画書 40 ページ」
    | 「第６章 地域生活支援事業」), and this page's row repeats one of those markers.
    """
    short = all(
        all(isinstance(b, TextBlock) for b in f.blocks)
        and sum(len(b.lines) for b in f.blocks if isinstance(b, TextBlock)) <= 2
        for f in part.fragments
    )
    return short and bool(_marker_keys(part, 2) & _marker_keys(row, 1))


def _is_empty(row: PageRow) -> bool:
    return all(not f.blocks for f in row.fragments)


_SENTENCE_END = tuple("。．.」』）)！？!?")


def _ends_open(frag: Fragment) -> bool:
    """Whether the fragment's text stops mid-paragraph.

    Its last line runs to the right edge and does not end a sentence.
    """
    last = frag.blocks[-1] if frag.blocks else None
    if not isinstance(last, TextBlock) or not last.lines:
        return False
    line = last.lines[-1]
    text = line.text().rstrip()
    return (
        bool(text)
        and line.x1 >= last.right_edge - 1.5 * line.size
        and not text.endswith(_SENTENCE_END)
    )


def _cut_mid_paragraph(before: PageRow, row: PageRow) -> bool:
    """Whether ``row`` (first on its page) continues ``before`` (last on the previous page).

    For tables that draw their rules at the page break (Word, LibreOffice) and carry no
    location markers: some cell stopped mid-paragraph, and no cell of the new row opens
    with a bullet, heading or marker.
    """
    if _is_empty(row):
        return False
    opens = [
        opens_paragraph(b.lines[0])
        for f in row.fragments
        if f.blocks and isinstance(b := f.blocks[0], TextBlock) and b.lines
    ]
    if any(opens) or any(isinstance(f.blocks[0], TableBlock) for f in row.fragments if f.blocks):
        return False
    return any(_ends_open(f) for f in before.fragments)


class RowAssembler:
    """Groups the body rows of consecutive page tables into logical rows, streaming.

    The first row on a page continues the last row of the previous page when its label cell
    is empty (a table with a label column: each row is named there), when the previous
    table's rules ran open to the page end (no closing rule), or when the document's rows
    open with location markers and this one does not (Word repeats borders at page breaks).
    Whether the rows carry markers is judged on the rows seen so far (this page included),
    so a row is handed out as soon as the next page shows it cannot continue, and its
    glyphs can be released: memory stays flat however long the document.
    """

    def __init__(self) -> None:
        self._open: LogicalRow | None = None
        self._prev: PageTable | None = None
        self._rows = 0
        self._marked = 0

    def add(self, table: PageTable) -> list[LogicalRow]:
        """Take one page table; return the logical rows it completed."""
        # The first row of a page may be the rest of the open row: it does not count.
        skip = 1 if self._open is not None else 0
        body = [r for r in table.rows[skip:] if not _is_empty(r)]
        self._rows += len(body)
        self._marked += sum(row_has_marker(r) for r in body)
        uses_markers = self._rows > 0 and self._marked >= max(1, self._rows // 2)
        if table.marker_rows is not None:  # the aligned finder cut the rows by this rule
            uses_markers = table.marker_rows
        done: list[LogicalRow] = []
        prev = self._prev
        for k, row in enumerate(table.rows):
            cont = False
            if table.loose_rows and self._open is not None and uses_markers:
                cont = not row_has_marker(row) and not _is_empty(row)
            elif k == 0 and self._open is not None and prev is not None and prev.page != table.page:
                label = table.label_col
                if label is not None and label < len(row.fragments) and not _is_empty(row):
                    # the label column names each row: the rest of a row has none
                    cont = not row.fragments[label].blocks
                elif prev.open_bottom:
                    cont = not row_has_marker(row) or not uses_markers
                elif uses_markers:
                    cont = not _is_empty(row) and (
                        not row_has_marker(row) or _cut_after_marker(self._open.parts[-1], row)
                    )
                else:
                    cont = _cut_mid_paragraph(self._open.parts[-1], row)
            if cont and self._open is not None:
                self._open.parts.append(row)
            elif not _is_empty(row):
                if self._open is not None:
                    done.append(self._open)
                self._open = LogicalRow([row])
        self._prev = table
        return done

    def finish(self) -> list[LogicalRow]:
        """The row still open at the end of the document."""
        done = [self._open] if self._open is not None else []
        self._open = None
        return done


def _same_table(a: TableBlock, b: TableBlock) -> bool:
    if not a.col_xs or not b.col_xs:
        return False  # no geometry (a text input): tables are never joined
    if not a.cells or not b.cells or len(a.cells[0]) != len(b.cells[0]):
        return False
    wa = [x - a.col_xs[0] for x in a.col_xs]
    wb = [x - b.col_xs[0] for x in b.col_xs]
    return all(abs(x - y) <= 3.0 for x, y in zip(wa, wb, strict=False))


# A nested table that ends this close to its cell's page foot had its last row cut there.
FOOT_GAP_PT = 2.5


def _join_cut_row(last: list[list[Line]], rest: list[list[Line]]) -> list[list[Line]]:
    """A row cut by a page break, its two parts joined cell by cell.

    When one part has fewer cells (a cell merged down from the row above is printed on one
    page only), the parts are aligned on their last cells: no cell's text is dropped.
    """
    width = max(len(last), len(rest))
    empty: list[list[Line]] = [[] for _ in range(width)]
    a = empty[: width - len(last)] + list(last)
    b = empty[: width - len(rest)] + list(rest)
    return [x + y for x, y in zip(a, b, strict=True)]


def _opens_with_bullet(row: list[list[Line]]) -> bool:
    """Whether a row's first cell opens with 「・」: a description under the name above."""
    return bool(row and row[0] and row[0][0].text().lstrip().startswith("・"))


def _line_height(row: list[list[Line]]) -> float:
    return max((ln.bottom - ln.top for cell in row for ln in cell), default=10.0)


def _at_foot(table: TableBlock, frag: Fragment, gap: float = FOOT_GAP_PT) -> bool:
    """Whether the table's part on ``frag``'s page runs down to the fragment's foot.

    Word and LibreOffice close a table at a page break with a rule, so only where it stops
    tells a cut row: a row that ended before the break leaves the space it did not need.
    """
    bottom = table.continued[-1][1][3] if table.continued else table.bbox[3]
    return 0 <= frag.bbox[3] - bottom <= gap


def _runs_on(table: TableBlock, last: list[list[Line]], first: list[list[Line]]) -> bool:
    """Whether every cell the next page's first row fills ran to its right edge on this page.

    A cut cell's last line is full (「家財道具処分費補」 | 「助事業」); a row that ended at the
    foot has short last lines (「6,880」) and the next row starts on its own.
    """
    xs = table.col_xs
    went_on = 0
    for c, (a, b) in enumerate(zip(last, first, strict=False)):
        if not b:
            continue
        if not a or c + 1 >= len(xs):
            return False
        right = xs[c + 1]
        line = a[-1]
        if line.x1 < right - 2.0 * line.size:
            return False
        went_on += 1
    return went_on > 0


def _continues_row(last: list[list[Line]], first: list[list[Line]]) -> bool:
    """Whether a nested table's first row on a new page is the rest of its last row.

    Word and LibreOffice close the table at the break, so no open end tells it; the rest of a
    cut row leaves empty the cells that ended on the first page (a short 担当 or 時期 cell)
    while its other cells go on: some cell empty that was not, and some cell not empty.
    """
    pairs = list(zip(last, first, strict=False))
    return any(a and not b for a, b in pairs) and any(b for _, b in pairs)


def _row_text(row: list[list[Line]]) -> str:
    return "\t".join("".join(ln.text() for ln in cell) for cell in row)


def merge_blocks(fragments: Sequence[Fragment]) -> list[tuple[Block, bool]]:
    """All blocks of a cell in order; a nested table split by a page break becomes one.

    The flag tells whether the block opens a new page fragment.
    """
    out: list[tuple[Block, bool]] = []
    prev_frag: Fragment | None = None
    for frag in fragments:
        last_frag, prev_frag = prev_frag, frag
        blocks: list[Block] = list(frag.blocks)
        if blocks and out and isinstance(out[-1][0], TableBlock) and not out[-1][0].ruled:
            blocks = _borderless_rest(out[-1][0], blocks, frag.page)
        for i, b in enumerate(blocks):
            first = i == 0 and bool(out)
            if first and isinstance(b, TableBlock) and isinstance(out[-1][0], TableBlock):
                prev = out[-1][0]
                assert isinstance(prev, TableBlock)
                header_only = not prev.ruled and not b.ruled and len(prev.cells) == 1
                if _same_table(prev, b) or (
                    header_only and prev.cells and b.cells and len(prev.cells[0]) == len(b.cells[0])
                ):
                    rows = b.cells
                    head = prev.cells
                    if rows and head and _row_text(rows[0]) == _row_text(head[0]):
                        rows = rows[1:]  # the header row repeated on the new page
                    # The last row was cut by the page break when no rule closed it
                    # (Chromium) or when the next page's first row has an empty first cell
                    # (Word and LibreOffice close the table at the break).
                    # (a header row alone at the foot is not cut: the body starts anew)
                    at_foot = (
                        len(head) >= 2
                        and last_frag is not None
                        and _at_foot(prev, last_frag)
                        and _runs_on(prev, head[-1], rows[0])
                    )
                    # A borderless table that ran to its fragment's foot was cut mid-row when
                    # the next part starts with a partial row (the rest of some cells) or a
                    # description; its rules cannot tell, its cells centred or ragged.
                    cut = (
                        not prev.ruled
                        and bool(rows)
                        and last_frag is not None
                        and _at_foot(prev, last_frag, gap=2.0 * _line_height(head[-1]))
                        and (not all(rows[0]) or _opens_with_bullet(rows[0]))
                    )
                    if (
                        rows
                        and head
                        and (
                            prev.open_bottom or at_foot or cut or _continues_row(head[-1], rows[0])
                        )
                    ):
                        joined = _join_cut_row(head[-1], rows[0])
                        head, rows = [*head[:-1], joined], rows[1:]
                    merged = TableBlock(
                        head + rows,
                        prev.bbox,
                        prev.page,
                        prev.col_xs,
                        (*prev.continued, (b.page, b.bbox)),
                        b.open_bottom,
                    )
                    out[-1] = (merged, out[-1][1])
                    continue
            out.append((b, first))
    return out


def _borderless_rest(table: TableBlock, blocks: list[Block], page: int) -> list[Block]:
    """A borderless table's rows printed on the next page, as a table block.

    The leading lines of the next fragment that keep to the table's columns are its rest;
    :func:`merge_blocks` joins the two parts as it joins a ruled table's.
    """
    first = blocks[0]
    if not isinstance(first, TextBlock) or not first.lines:
        return blocks
    col_xs = table.col_xs
    if len(table.cells) == 1 and table.label_spans:
        # only the header row printed before the break: its columns come from the rows after
        header = Header([""] * len(table.label_spans), list(table.label_spans), 0.0, 0.0)
        fit = sweep_columns(header, first.lines)
        if fit is not None:
            col_xs = (fit[0][0][0], *(x1 for _, x1 in fit[0]))
    bounds = col_xs[1:-1]
    k = 0
    while k < len(first.lines) and not crosses(first.lines[k], bounds):
        k += 1
    k = table_lines(first.lines[:k], list(pairwise(col_xs)))
    if k == 0:
        return blocks
    rows = _close_brackets(
        table.cells[-1] if table.cells else [],
        lines_to_rows(first.lines[:k], list(pairwise(col_xs)), cut_top=True),
    )
    taken = first.lines[:k]
    bbox = (
        col_xs[0],
        min(ln.top for ln in taken),
        col_xs[-1],
        max(ln.bottom for ln in taken),
    )
    part = TableBlock(rows, bbox, page, col_xs, ruled=False)
    rest = first.lines[k:]
    tail: list[Block] = [TextBlock(rest, rest[0].top, first.right_edge)] if rest else []
    return [part, *tail, *blocks[1:]]


_OPEN = "(（「『［["
_CLOSE = ")）」』］]"


def _unclosed(lines: Sequence[Line]) -> int:
    text = "".join(ln.text() for ln in lines)
    return sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)


def _close_brackets(last: list[list[Line]], rows: list[list[list[Line]]]) -> list[list[list[Line]]]:
    """Lines after a page break that close a bracket the last row left open, moved up.

    A value cut at the break (「(令和元年)(各年」 | 「度)」) belongs to the row above however
    the next row's cells are placed: the rest of each cell whose brackets are open goes to a
    first row, which the join across the break then adds to the cut row.
    """
    if not rows or not last:
        return rows
    front: list[list[Line]] = [[] for _ in rows[0]]
    moved = False
    for c in range(min(len(last), len(front))):
        need = _unclosed(last[c])
        for row in rows:
            while need > 0 and row[c]:
                ln = row[c].pop(0)
                front[c].append(ln)
                need -= sum(ln.text().count(ch) for ch in _CLOSE) - sum(
                    ln.text().count(ch) for ch in _OPEN
                )
                moved = True
            if need <= 0:
                break
    if not moved:
        return rows
    rows = [r for r in rows if any(r)]
    if (
        rows
        and not all(rows[0])
        and all(not (a and b) for a, b in zip(rows[0], front, strict=False))
    ):
        rows[0] = [a + b for a, b in zip(front, rows[0], strict=False)]
        return rows
    return [front, *rows]


def fragments_to_cell(
    fragments: Sequence[Fragment], min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> tuple[Cell, list[tuple[int, int]]]:
    """Join one cell's page fragments into a :class:`Cell`.

    Also returns the (start, end) runs of OCR'd characters read with a confidence below
    ``min_confidence`` (none for a text layer).
    """
    builder = TextBuilder()
    tables: list[NestedTable] = []
    prev_block: Block | None = None
    for block, new_page in merge_blocks(fragments):
        if isinstance(block, TextBlock):
            first_new = True
            if new_page and isinstance(prev_block, TextBlock) and prev_block.lines and block.lines:
                last = prev_block.lines[-1]
                full = last.x1 >= prev_block.right_edge - 2.5 * last.size
                first_new = not full or opens_paragraph(block.lines[0])
            lines_to_text(builder, block.lines, right_edge=_right_edge(block), first_new=first_new)
        else:
            tables.append(_table_to_text(builder, block))
        prev_block = block
    builder.trim()
    text = builder.text()
    marks = [
        Mark(kind=kind, text=text[s:e], start=s, end=e, color=color)
        for kind, s, e, color in builder.mark_runs()
    ]
    prov = [f.prov or Prov(page=f.page, bbox=_round(f.bbox)) for f in fragments]
    cell = Cell(
        text=text,
        raw_text=builder.raw_text(),
        ocr_confidence=builder.confidence(),
        marks=marks,
        tables=tables,
        prov=prov,
    )
    return cell, builder.doubts(min_confidence)


def _right_edge(block: TextBlock) -> float:
    return block.right_edge


def _write_lines(builder: TextBuilder, lines: Sequence[Line]) -> None:
    if lines:
        lines_to_text(builder, lines, right_edge=max(ln.x1 for ln in lines), first_new=None)


def _table_to_text(builder: TextBuilder, block: TableBlock) -> NestedTable:
    span = builder.add_table(block.cells, _write_lines)
    prov: list[Prov | TextProv] = [block.prov] if block.prov is not None else []
    if block.prov is None:
        prov.append(Prov(page=block.page, bbox=_round(block.bbox)))
        prov += [Prov(page=p, bbox=_round(b)) for p, b in block.continued]
    return NestedTable(
        rows=span.rows, offsets=span.offsets, start=span.start, end=span.end, prov=prov
    )


def _round(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


def plan_pages_of(texts: Sequence[str]) -> list[int]:
    """Plan pages named by 「計画書 N ページ」 markers, in order of first appearance."""
    seen: list[int] = []
    for t in texts:
        for m in PLAN_PAGE.finditer(t):
            n = int(m.group(1))
            if n not in seen:
                seen.append(n)
    return seen
