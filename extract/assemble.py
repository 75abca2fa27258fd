"""Page tables to the :class:`Document`: the one assembler every reader feeds.

A reader (PDFium, pdfminer, markdown / HTML, OCR) turns its input into
:class:`~.page.PageTable` objects — a comparison table as printed on one page, with its
header labels (or none, on a page that continues it), its body rows cut into cell
fragments of text and table blocks, and the text printed above and beside it. This module
alone decides, for every reader:

* which comparison table a page table belongs to (a new header with other labels starts
  another table, read with its own column order);
* the document title (:func:`choose_title`) and the text left outside the tables;
* which rows continue across a page break (:class:`~.rows.RowAssembler`) and how a cell's
  fragments join (:func:`~.rows.fragments_to_cell`);
* the errors when nothing could be read (``no_comparison_table``, ``no_entries``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from shinkyu.schemas.errors import NoComparisonTableError, NoEntriesError
from shinkyu.schemas.model import (
    Column,
    ComparisonTable,
    Document,
    Entry,
    Extractor,
    Issue,
    OcrRead,
    PageRead,
    Source,
)

from .inputs import shinkyu_version
from .layout import Line
from .markers import PAGE_NUMBER
from .page import PageRow, PageTable, TextBlock
from .roles import clean_label, header_to_role, labels_to_columns
from .rows import (
    DEFAULT_MIN_CONFIDENCE,
    LogicalRow,
    RowAssembler,
    fragments_to_cell,
    plan_pages_of,
)
from .text import normalize_text


def choose_title(lines: Sequence[Line]) -> str | None:
    """The document title among the lines printed above the first table.

    A line naming the 対照表 wins; otherwise the line printed largest (the first of equals).
    Page numbers are not titles.
    """
    lines = [ln for ln in lines if not PAGE_NUMBER.match(ln.text())]
    if not lines:
        return None
    pick = [ln for ln in lines if "対照表" in ln.text()] or [max(lines, key=lambda ln: ln.size)]
    return title_text(pick[0]) or None


def title_text(line: Line) -> str:
    """A title's reading text, keeping the word spaces it prints between Japanese words.

    Unlike cell text, a title such as 「…総合戦略 計画変更 新旧対照表」 keeps a space where
    the printed gap is wider than a quarter of a character (Japanese glyphs abut, and the
    ~0.2 em Word and LibreOffice leave beside digits is not a space); a
    letter-spaced title (「新 旧 対 照 表」, a gap after most characters) keeps none.
    """
    glyphs = [c for c in line.chars if not c.text.isspace()]
    gaps = [b.x0 - a.x1 > 0.25 * max(a.size, b.size) for a, b in pairwise(glyphs)]
    letter_spaced = len(gaps) >= 2 and sum(gaps) > 0.6 * len(gaps)
    out = []
    for k, c in enumerate(glyphs):
        if k and gaps[k - 1] and not letter_spaced:
            out.append(" ")
        out.append(c.text)
    return " ".join(normalize_text("".join(out)).split())


def rows_as_wide_as(table: PageTable, width: int, warnings: list[Issue]) -> PageTable:
    """The table with only the rows that have one cell per header column.

    A row with another number of cells (a column rule missing or extra on its page) cannot
    be read by column position: it is left out with a ``row_not_read`` warning naming its
    page and the start of its text.
    """
    bad = [r for r in table.rows if len(r.fragments) != width]
    for r in bad:
        text = " ".join(_row_start(r).split())[:40]
        warnings.append(
            Issue(
                code="row_not_read",
                message=f"a row with {len(r.fragments)} cells where the header has {width} "
                f"was not read: {text}",
                page=table.page or None,
                text=text or None,
            )
        )
    if not bad:
        return table
    return replace(table, rows=[r for r in table.rows if len(r.fragments) == width])


def _row_start(row: PageRow) -> str:
    return " | ".join(
        next((b.lines[0].text() for b in f.blocks if isinstance(b, TextBlock) and b.lines), "")
        for f in row.fragments
    )


@dataclass
class DocumentAssembler:
    """Builds the document from page tables as they come, releasing finished rows.

    Page tables go in one at a time (:meth:`add`); each logical row becomes an
    :class:`Entry` as soon as the next page shows it is complete, so only the row still open
    keeps its glyphs. ``warnings`` may hold the reader's own (a row it could not read).
    """

    source_path: str
    warnings: list[Issue] = field(default_factory=list)
    min_confidence: float = DEFAULT_MIN_CONFIDENCE  # OCR'd characters below it are reported
    labels: list[str] | None = None
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    rows: RowAssembler = field(default_factory=RowAssembler)
    _idx: dict[str, int] = field(default_factory=dict)
    _label_cols: list[int] = field(default_factory=list)
    _columns: list[Column] = field(default_factory=list)
    tables: list[ComparisonTable] = field(default_factory=list)

    def add(self, table: PageTable) -> int | None:
        """Take one page table; returns the index of the comparison table it belongs to."""
        if self.labels is None:
            if table.labels is None:
                return None  # a continued table before any header: nothing to map it to
            self.title = choose_title(table.above)
            self._start_table(table)
        elif table.labels is not None and [clean_label(x) for x in table.labels] != [
            clean_label(x) for x in self.labels
        ]:
            # another header: another comparison table (two amendments bound together),
            # read with its own column order; the open row ends with the table before it
            self._emit(self.rows.finish())
            self.rows = RowAssembler()
            self._start_table(table)
        self._report_outside(table)
        self._emit(self.rows.add(rows_as_wide_as(table, len(self.labels or []), self.warnings)))
        return len(self.tables) - 1

    def _report_outside(self, table: PageTable) -> None:
        """Text printed off the table, page numbers and the title printed again left out."""
        stray = [
            ln
            for ln in table.outside
            if not PAGE_NUMBER.match(ln.text())
            and not (self.title and title_text(ln) == self.title)
        ]
        if stray:
            self.warnings.append(
                Issue(
                    code="text_outside_table",
                    message="text printed outside the table was not read: "
                    + " / ".join(ln.text()[:40] for ln in stray[:3]),
                    page=table.page or None,
                )
            )

    def _start_table(self, table: PageTable) -> None:
        assert table.labels is not None
        self.labels = table.labels
        self._columns, self._idx = labels_to_columns(table.labels)
        self._label_cols = [i for i, lb in enumerate(table.labels) if header_to_role(lb) == "label"]
        self.tables.append(
            ComparisonTable(
                index=len(self.tables),
                columns=self._columns,
                page=table.page or None,
                title=choose_title(table.above),
            )
        )

    def _emit(self, rows: Sequence[LogicalRow]) -> None:
        for lrow in rows:
            cells = {}
            entry_id = f"e{len(self.entries) + 1}"
            for role, i in self._idx.items():
                # every label column (No. | 項目) makes the one label, in printed order
                cols = self._label_cols if role == "label" else [i]
                cell, doubts = fragments_to_cell(
                    [p.fragments[c] for c in cols for p in lrow.parts], self.min_confidence
                )
                cells[role] = cell
                self.warnings += [
                    Issue(
                        code="ocr_uncertain",
                        message=f"OCR read 「{cell.text[s:e]}」 with a confidence below "
                        f"{self.min_confidence:g}: check it against the page",
                        page=cell.prov[0].page
                        if cell.prov and hasattr(cell.prov[0], "page")
                        else None,
                        entry=entry_id,
                        side=role,
                        text=cell.text[s:e],
                        start=s,
                        end=e,
                    )
                    for s, e in doubts
                ]
            self.entries.append(
                Entry(
                    id=entry_id,
                    pages=lrow.pages,
                    plan_pages=plan_pages_of([c.text for c in cells.values()]),
                    before=cells["before"],
                    after=cells["after"],
                    reason=cells.get("reason"),
                    label=cells.get("label"),
                    table=len(self.tables) - 1,
                )
            )

    def document(
        self,
        source: Source,
        table_engine: str,
        pages: Sequence[PageRead] = (),
        ocr: OcrRead | None = None,
    ) -> Document:
        """The document; ``no_comparison_table`` or ``no_entries`` when nothing was read."""
        if self.labels is None:
            raise NoComparisonTableError(
                f"{source.path}: no table headed 変更前/変更後 "
                "(or a synonym such as 改正前/改正後) found"
            )
        self._emit(self.rows.finish())
        if not self.entries:  # never "converted" with nothing in it
            raise NoEntriesError(
                f"{source.path}: a table headed "
                f"{'/'.join(c.label for c in self.tables[0].columns)} "
                "was found, but none of its rows could be read"
            )
        return Document(
            source=source,
            extractor=Extractor(version=shinkyu_version(), table_engine=table_engine),
            title=self.title,
            columns=self.tables[0].columns,
            tables=self.tables,
            entries=self.entries,
            pages=list(pages),
            ocr=ocr,
            warnings=self.warnings,
        )


def page_tables_to_document(
    tables: Sequence[PageTable],
    source: Source,
    table_engine: str,
    *,
    warnings: Sequence[Issue] = (),
) -> Document:
    """Assemble a document from all its page tables at once (a reader that holds them)."""
    assembler = DocumentAssembler(source.path, warnings=list(warnings))
    for table in tables:
        assembler.add(table)
    return assembler.document(source, table_engine)
