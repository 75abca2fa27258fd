"""PDF file to :class:`Document`: the PDF reader's pipeline.

:func:`~.pdf_reader.page_layouts` reads the pages one by one (PDFium or pdfminer) →
:func:`~.page.layout_to_page_tables` finds each page's comparison table (by its rules, or by
the text's alignment) → :class:`~.assemble.DocumentAssembler` joins rows across pages and
builds the model. The text layer is tallied on the way (:mod:`.text_layer`: scans, glyphs
without Unicode); a page without one (a scan) is read by OCR instead (:mod:`.ocr`), into the
same page layout, when ``settings.ocr`` allows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from shinkyu.schemas.errors import DamagedPdfError
from shinkyu.schemas.model import Document, Issue, OcrRead, PageRead, Source

from . import deadline as time_limit
from .assemble import DocumentAssembler
from .geometry import Grid
from .inputs import check_size, file_sha256
from .ocr import engine_version
from .page import PageTable, layout_to_page_tables
from .pdf_reader import page_layouts
from .settings import ExtractSettings
from .text_layer import TextLayer, tally_text_layer, text_layer_issues

GridFinder = Callable[[Any, int], Sequence[Grid] | None]


def extract_pdf(
    path: str | Path,
    settings: ExtractSettings | None = None,
    *,
    grid_finder: GridFinder | None = None,
    sha256: str | None = None,
) -> Document:
    """Extract the comparison table of one PDF into a :class:`Document`.

    ``grid_finder(pdf_path, page_number)`` may supply the outer table grids of a page (the
    camelot engine does); by default the page's own rules are used.
    """
    settings = settings or ExtractSettings()
    path = Path(path)
    check_size(path, settings)
    sha = sha256 or file_sha256(path)
    warnings: list[Issue] = []
    assembler = DocumentAssembler(
        str(path), warnings=warnings, min_confidence=settings.ocr_min_confidence
    )
    text_layer = TextLayer()
    prev: PageTable | None = None
    reads: list[PageRead] = []
    damaged: list[DamagedPdfError] = []
    ocr_pages: list[int] = []
    with page_layouts(path, settings) as (page_count, layouts):
        for layout in layouts:
            time_limit.check()  # between pages: a library may have caught the time limit
            if isinstance(layout, DamagedPdfError):
                # One broken page does not lose the others: skip it and say so.
                damaged.append(layout)
                warnings.append(Issue(code="damaged", message=layout.message, page=layout.page))
                if layout.page:
                    reads.append(PageRead(page=layout.page, finder=None))
                continue
            if layout.ocr:
                ocr_pages.append(layout.page)
                warnings.append(
                    Issue(
                        code="ocr",
                        message=f"page read by OCR ({engine_version()}, {settings.ocr_dpi} "
                        f"dpi, turned {layout.skew:+.2f}°)",
                        page=layout.page,
                    )
                )
            tally_text_layer(text_layer, layout)
            grids = grid_finder(path, layout.page) if grid_finder else None
            found = layout_to_page_tables(layout, settings, grids=grids, prev=prev)
            if not found and layout.chars:
                warnings.append(
                    Issue(
                        code="page_without_table",
                        message="no comparison table on this page",
                        page=layout.page,
                    )
                )
            indices = []
            for t in found:
                prev = t
                index = assembler.add(t)
                if index is not None and index not in indices:
                    indices.append(index)
            reads.append(
                PageRead(
                    page=layout.page,
                    finder=found[0].finder if found else None,
                    tables=indices,
                )
            )
    if damaged and len(damaged) == page_count:
        raise damaged[0]
    warnings[:0] = text_layer_issues(text_layer, path, page_count)
    source = Source(path=str(path), sha256=sha, page_count=page_count)
    ocr = (
        OcrRead(
            engine=engine_version(),
            dpi=settings.ocr_dpi,
            pages=ocr_pages,
            min_confidence=settings.ocr_min_confidence,
        )
        if ocr_pages
        else None
    )
    return assembler.document(source, settings.table_engine, reads, ocr)
