"""The one assembler: page tables from any reader to a Document (no PDF needed)."""

from __future__ import annotations

import pytest
from shinkyu.extract.assemble import DocumentAssembler, page_tables_to_document
from shinkyu.extract.geometry import Grid
from shinkyu.extract.layout import Line
from shinkyu.extract.page import Fragment, PageRow, PageTable, TextBlock
from shinkyu.schemas.errors import NoComparisonTableError, NoEntriesError
from shinkyu.schemas.model import Source

from .test_layout import chars

SOURCE = Source(path="x.pdf", sha256="0" * 64, page_count=3)


def row(page: int, *cells: str) -> PageRow:
    frags = [
        Fragment(page, (0, 0, 100, 20), [TextBlock([Line(chars(t, 0, 0))], 0, 100)] if t else [])
        for t in cells
    ]
    return PageRow(page, frags, (0, 0, 100, 20))


def table(page: int, labels: list[str] | None, rows: list[PageRow], **kw: object) -> PageTable:
    return PageTable(page, Grid((0, 100), (0, 20)), labels, rows, False, **kw)  # type: ignore[arg-type]


def test_a_row_that_does_not_fit_the_columns_is_warned_with_its_page() -> None:
    doc = page_tables_to_document(
        [
            table(1, ["変更前", "変更後"], [row(1, "第１条　あ", "第１条　い")]),
            table(2, None, [row(2, "第２条　う", "第２条　え", "余り")]),
        ],
        SOURCE,
        "plumber",
    )
    assert len(doc.entries) == 1
    (w,) = [w for w in doc.warnings if w.code == "row_not_read"]
    assert w.page == 2 and "3 cells" in w.message and (w.text or "").startswith("第２条")


def test_nothing_read_is_an_error_never_an_empty_document() -> None:
    with pytest.raises(NoComparisonTableError):
        page_tables_to_document([table(1, None, [row(1, "あ", "い")])], SOURCE, "plumber")
    with pytest.raises(NoEntriesError):
        page_tables_to_document([table(1, ["改正前", "改正後"], [])], SOURCE, "plumber")


def test_each_header_starts_its_own_table_and_roles_follow_it() -> None:
    doc = page_tables_to_document(
        [
            table(1, ["変更前", "変更後"], [row(1, "前１", "後１")]),
            table(2, ["改正後", "改正前"], [row(2, "後２", "前２")]),
        ],
        SOURCE,
        "plumber",
    )
    assert [e.table for e in doc.entries] == [0, 1]
    assert [(e.before.text, e.after.text) for e in doc.entries] == [("前1", "後1"), ("前2", "後2")]


def test_the_title_printed_again_is_not_text_outside_the_table() -> None:
    title = Line(chars("何々計画新旧対照表", 0, 0))
    again = Line(chars("何々計画新旧対照表", 0, 700))
    stray = Line(chars("以上", 0, 720))
    assembler = DocumentAssembler("x.pdf")
    assembler.add(table(1, ["変更前", "変更後"], [row(1, "あ", "い")], above=[title]))
    assembler.add(table(2, None, [row(2, "う", "え")], outside=[again, stray]))
    doc = assembler.document(SOURCE, "plumber")
    assert doc.title == "何々計画新旧対照表"
    (w,) = [w for w in doc.warnings if w.code == "text_outside_table"]
    assert w.page == 2 and "以上" in w.message and "対照表" not in w.message
