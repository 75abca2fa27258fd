"""PDF file to :class:`Document`: the extraction stage's entry point.

Opens the PDF once, reads it page by page (releasing each page's caches), finds the
comparison table on every page, joins rows across page breaks and builds the model.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from shinkyu.schemas.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    NoComparisonTableError,
    NotPdfError,
)
from shinkyu.schemas.model import Column, Document, Entry, Extractor, Issue, Role, Source

from .geometry import Grid
from .layout import Line, TextBuilder, lines_to_text
from .page import PageLayout, PageTable, layout_to_page_tables, page_to_layout
from .pdfium_reader import pdfium_page_to_layout
from .roles import clean_label, header_to_role
from .rows import fragments_to_cell, page_rows_to_logical_rows, plan_pages_of
from .settings import ExtractSettings

GridFinder = Callable[[Any, int], Sequence[Grid] | None]

_PAGE_NUMBER = re.compile(
    r"^\s*[-－—‐ー]?\s*[0-9０-９]+\s*[-－—‐ー]?\s*$|^\s*[0-9]+\s*/\s*[0-9]+\s*$"
)


def shinkyu_version() -> str:
    try:
        return version("shinkyu")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _check_header(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise NotPdfError(f"{path} is not a PDF (no %PDF- header)")


def open_pdf(path: Path, password: str | None = None) -> Any:
    """Open a PDF with pdfplumber, mapping failures to input errors."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    _check_header(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
        _ = len(pdf.pages)
    except PDFPasswordIncorrect as e:
        raise EncryptedPdfError(f"{path} is encrypted and the password is missing or wrong") from e
    except PDFSyntaxError as e:
        raise DamagedPdfError(f"{path} is damaged: {e}") from e
    except Exception as e:  # pdfminer raises many kinds on broken files
        name = type(e).__name__
        if "Password" in name or "Encrypt" in name:
            raise EncryptedPdfError(f"{path} is encrypted: {e}") from e
        raise DamagedPdfError(f"{path} cannot be read ({name}: {e})") from e
    return pdf


def _title(lines: Sequence[Line]) -> str | None:
    lines = [ln for ln in lines if not _PAGE_NUMBER.match(ln.text())]
    if not lines:
        return None
    pick = [ln for ln in lines if "対照表" in ln.text()] or [max(lines, key=lambda ln: ln.size)]
    b = TextBuilder()
    lines_to_text(b, pick[:1], right_edge=pick[0].x1)
    return b.text().strip() or None


def page_tables_to_document(
    tables: Sequence[PageTable],
    *,
    source: Source,
    settings: ExtractSettings,
    warnings: list[Issue],
) -> Document:
    """Assemble the model from the tables found on each page (pure)."""
    if not tables or tables[0].labels is None:
        raise NoComparisonTableError(
            f"{source.path}: no table headed 変更前/変更後 "
            "(or a synonym such as 改正前/改正後) found"
        )
    labels = tables[0].labels
    roles = [header_to_role(lb) for lb in labels]
    columns = [
        Column(role=Role(r), label=clean_label(lb))
        for r, lb in zip(roles, labels, strict=True)
        if r
    ]
    idx = {r: i for i, r in reversed(list(enumerate(roles))) if r}
    entries: list[Entry] = []
    for n, lrow in enumerate(page_rows_to_logical_rows(tables), start=1):
        cells = {
            role: fragments_to_cell([p.fragments[i] for p in lrow.parts]) for role, i in idx.items()
        }
        entries.append(
            Entry(
                id=f"e{n}",
                pages=lrow.pages,
                plan_pages=plan_pages_of([c.text for c in cells.values()]),
                before=cells["before"],
                after=cells["after"],
                reason=cells.get("reason"),
            )
        )
    for t in tables:
        stray = [ln for ln in t.outside if not _PAGE_NUMBER.match(ln.text())]
        if stray:
            warnings.append(
                Issue(
                    code="text_outside_table",
                    message="text printed outside the table was not read: "
                    + " / ".join(ln.text()[:40] for ln in stray[:3]),
                    page=t.page,
                )
            )
    return Document(
        source=source,
        extractor=Extractor(version=shinkyu_version(), table_engine=settings.table_engine),
        title=_title(tables[0].above),
        columns=columns,
        entries=entries,
        warnings=warnings,
    )


def extract_document(
    path: str | Path,
    settings: ExtractSettings | None = None,
    *,
    grid_finder: GridFinder | None = None,
) -> Document:
    """Extract any supported input, told apart by its content (not its suffix).

    PDF today; other front ends (markdown / HTML from OCR converters) plug in here.
    """
    return extract_pdf(path, settings, grid_finder=grid_finder)


def open_pdfium(path: Path, password: str | None = None) -> Any:
    """Open a PDF with PDFium (pypdfium2), mapping failures to input errors."""
    import pypdfium2 as pdfium

    _check_header(path)
    try:
        return pdfium.PdfDocument(str(path), password=password or None)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == 4:  # FPDF_ERR_PASSWORD
            raise EncryptedPdfError(
                f"{path} is encrypted and the password is missing or wrong"
            ) from e
        raise DamagedPdfError(f"{path} cannot be read ({e})") from e


@contextmanager
def page_layouts(
    path: Path, settings: ExtractSettings
) -> Iterator[tuple[int, Iterator[PageLayout]]]:
    """The page count and a lazy iterator of page layouts; each page is released once read."""
    if settings.reader == "pdfium":
        doc = open_pdfium(path, settings.password)

        def pdfium_pages() -> Iterator[PageLayout]:
            for i in range(len(doc)):
                yield _guard(path, i + 1, partial(pdfium_page_to_layout, doc, i, settings))

        try:
            yield len(doc), pdfium_pages()
        finally:
            doc.close()
    else:
        pdf = open_pdf(path, settings.password)

        def plumber_pages() -> Iterator[PageLayout]:
            for page in pdf.pages:
                try:
                    yield _guard(path, page.page_number, partial(page_to_layout, page, settings))
                finally:
                    page.close()

        try:
            yield len(pdf.pages), plumber_pages()
        finally:
            pdf.close()


def _guard(path: Path, page: int, read: Callable[[], PageLayout]) -> PageLayout:
    try:
        return read()
    except Exception as e:
        raise DamagedPdfError(
            f"{path}: page {page} cannot be read ({type(e).__name__}: {e})", page=page
        ) from e


def extract_pdf(
    path: str | Path,
    settings: ExtractSettings | None = None,
    *,
    grid_finder: GridFinder | None = None,
) -> Document:
    """Extract the comparison table of one PDF into a :class:`Document`.

    ``grid_finder(pdf_path, page_number)`` may supply the outer table grids of a page (the
    camelot engine does); by default the page's own rules are used.
    """
    settings = settings or ExtractSettings()
    path = Path(path)
    sha = file_sha256(path)
    tables: list[PageTable] = []
    warnings: list[Issue] = []
    prev_labels: list[str] | None = None
    prev_xs: tuple[float, ...] | None = None
    with page_layouts(path, settings) as (page_count, layouts):
        for layout in layouts:
            grids = grid_finder(path, layout.page) if grid_finder else None
            found = layout_to_page_tables(
                layout, settings, grids=grids, prev_labels=prev_labels, prev_xs=prev_xs
            )
            if not found and layout.chars:
                warnings.append(
                    Issue(
                        code="page_without_table",
                        message="no comparison table on this page",
                        page=layout.page,
                    )
                )
            for t in found:
                if t.labels is not None:
                    prev_labels = t.labels
                prev_xs = t.grid.xs
            tables += found
    source = Source(path=str(path), sha256=sha, page_count=page_count)
    return page_tables_to_document(tables, source=source, settings=settings, warnings=warnings)
