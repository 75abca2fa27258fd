"""PDF file to :class:`Document`: the extraction stage's entry point.

Opens the PDF once, reads it page by page (releasing each page's caches), finds the
comparison table on every page, joins rows across page breaks and builds the model.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib.metadata import PackageNotFoundError, version
from itertools import pairwise
from pathlib import Path
from typing import Any

from shinkyu.schemas.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    NoComparisonTableError,
    NoEntriesError,
    NoTextLayerError,
    NotPdfError,
    ShinkyuError,
    TooLargeError,
    UnreadableTextError,
)
from shinkyu.schemas.model import (
    Column,
    ComparisonTable,
    Document,
    Entry,
    Extractor,
    Issue,
    PageRead,
    Source,
)

from .geometry import Grid
from .layout import Line
from .page import PageLayout, PageTable, layout_to_page_tables, page_to_layout
from .pdfium_reader import pdfium_page_to_layout
from .roles import clean_label, labels_to_columns
from .rows import LogicalRow, RowAssembler, fragments_to_cell, plan_pages_of
from .settings import ExtractSettings
from .text import normalize_text

GridFinder = Callable[[Any, int], Sequence[Grid] | None]

_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's text for a glyph without a Unicode mapping

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


def _one_line(e: BaseException, limit: int = 160) -> str:
    """A third-party exception as a short single line (pdfminer's can hold raw bytes)."""
    text = " ".join(str(e).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def check_size(path: Path, settings: ExtractSettings) -> None:
    """Reject a file over ``settings.max_bytes`` before anything reads it."""
    size = path.stat().st_size
    if settings.max_bytes is not None and size > settings.max_bytes:
        raise TooLargeError(
            f"{path} has {size:,} bytes, over the limit of {settings.max_bytes:,} (max_bytes)"
        )


def check_page_count(path: Path, pages: int, settings: ExtractSettings) -> None:
    """Reject a PDF with no pages, or over ``settings.max_pages``, before reading a page."""
    if pages < 1:
        raise DamagedPdfError(f"{path} is damaged: it has no readable pages")
    if settings.max_pages is not None and pages > settings.max_pages:
        raise TooLargeError(
            f"{path} has {pages:,} pages, over the limit of {settings.max_pages:,} (max_pages)"
        )


def _encrypted(path: Path, password: str | None) -> EncryptedPdfError:
    if password:
        return EncryptedPdfError(f"{path} is encrypted and the password given is wrong")
    return EncryptedPdfError(f"{path} is encrypted and needs a password")


def _unwrap(e: BaseException) -> BaseException:
    """The pdfminer exception that pdfplumber wrapped as ``PdfminerException(original)``."""
    inner = e.args[0] if type(e).__name__ == "PdfminerException" and e.args else e
    return inner if isinstance(inner, BaseException) else e


def open_pdf(path: Path, password: str | None = None) -> Any:
    """Open a PDF with pdfplumber, mapping failures to input errors."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    _check_header(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
        _ = len(pdf.pages)
    except ShinkyuError:
        raise
    except Exception as e:  # pdfminer raises any kind on a broken file; all are the input's
        cause = _unwrap(e)
        if isinstance(cause, PDFPasswordIncorrect):
            raise _encrypted(path, password) from e
        if isinstance(cause, PDFEncryptionError):
            raise EncryptedPdfError(
                f"{path} is encrypted in a way pdfminer cannot read ({_one_line(cause)}): "
                "decrypt it first (qpdf --decrypt)"
            ) from e
        raise DamagedPdfError(
            f"{path} is damaged: pdfminer cannot read it ({_one_line(cause)})"
        ) from e
    return pdf


def _title(lines: Sequence[Line]) -> str | None:
    lines = [ln for ln in lines if not _PAGE_NUMBER.match(ln.text())]
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


def _as_wide_as(table: PageTable, width: int, warnings: list[Issue]) -> bool:
    """Whether the table's rows have one cell per header column; a warning when not.

    (A page whose column rule is missing or extra cannot be read by column position.)
    """
    bad = {len(r.fragments) for r in table.rows if len(r.fragments) != width}
    if bad:
        warnings.append(
            Issue(
                code="columns_mismatch",
                message=f"a table with {max(bad)} columns where the header has {width} "
                "was not read",
                page=table.page,
            )
        )
    return not bad


@dataclass
class DocumentAssembler:
    """Builds the document from page tables as they come, releasing finished rows.

    Page tables go in one at a time (:meth:`add`); each logical row becomes an
    :class:`Entry` as soon as the next page shows it is complete, so only the row still open
    keeps its glyphs.
    """

    source_path: str
    warnings: list[Issue] = field(default_factory=list)
    labels: list[str] | None = None
    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    rows: RowAssembler = field(default_factory=RowAssembler)
    _idx: dict[str, int] = field(default_factory=dict)
    _columns: list[Column] = field(default_factory=list)
    tables: list[ComparisonTable] = field(default_factory=list)

    def add(self, table: PageTable) -> int | None:
        """Take one page table; returns the index of the comparison table it belongs to."""
        if self.labels is None:
            if table.labels is None:
                return None  # a continued table before any header: nothing to map it to
            self.title = _title(table.above)
            self._start_table(table)
        elif table.labels is not None and [clean_label(x) for x in table.labels] != [
            clean_label(x) for x in self.labels
        ]:
            # another header: another comparison table (two amendments bound together),
            # read with its own column order; the open row ends with the table before it
            self._emit(self.rows.finish())
            self.rows = RowAssembler()
            self._start_table(table)
        stray = [ln for ln in table.outside if not _PAGE_NUMBER.match(ln.text())]
        if stray:
            self.warnings.append(
                Issue(
                    code="text_outside_table",
                    message="text printed outside the table was not read: "
                    + " / ".join(ln.text()[:40] for ln in stray[:3]),
                    page=table.page,
                )
            )
        if _as_wide_as(table, len(self._columns_printed()), self.warnings):
            self._emit(self.rows.add(table))
        return len(self.tables) - 1

    def _columns_printed(self) -> list[str]:
        assert self.labels is not None
        return self.labels

    def _start_table(self, table: PageTable) -> None:
        assert table.labels is not None
        self.labels = table.labels
        self._columns, self._idx = labels_to_columns(table.labels)
        self.tables.append(
            ComparisonTable(
                index=len(self.tables),
                columns=self._columns,
                page=table.page,
                title=_title(table.above),
            )
        )

    def _emit(self, rows: Sequence[LogicalRow]) -> None:
        for lrow in rows:
            cells = {
                role: fragments_to_cell([p.fragments[i] for p in lrow.parts])
                for role, i in self._idx.items()
            }
            self.entries.append(
                Entry(
                    id=f"e{len(self.entries) + 1}",
                    pages=lrow.pages,
                    plan_pages=plan_pages_of([c.text for c in cells.values()]),
                    before=cells["before"],
                    after=cells["after"],
                    reason=cells.get("reason"),
                    table=len(self.tables) - 1,
                )
            )

    def document(
        self, source: Source, settings: ExtractSettings, pages: Sequence[PageRead] = ()
    ) -> Document:
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
            extractor=Extractor(version=shinkyu_version(), table_engine=settings.table_engine),
            title=self.title,
            columns=self.tables[0].columns,
            tables=self.tables,
            entries=self.entries,
            pages=list(pages),
            warnings=self.warnings,
        )


def extract_document(
    path: str | Path,
    settings: ExtractSettings | None = None,
    *,
    grid_finder: GridFinder | None = None,
    sha256: str | None = None,
) -> Document:
    """Extract any supported input, told apart by its content (not its suffix).

    Markdown or HTML (from OCR converters) goes to :func:`~.markdown.extract_markdown`;
    everything else to :func:`extract_pdf`, which rejects what is not a PDF. ``sha256``
    is the file's hash when the caller has it already (a batch runner does).
    """
    path = Path(path)
    with path.open("rb") as f:
        head = f.read(65536)
    from .markdown import sniff_text_format  # here: extract.markdown imports this module

    fmt = sniff_text_format(head)
    if fmt is not None:
        from .markdown import extract_markdown

        return extract_markdown(path, settings, fmt=fmt, sha256=sha256)
    return extract_pdf(path, settings, grid_finder=grid_finder, sha256=sha256)


def open_pdfium(path: Path, password: str | None = None) -> Any:
    """Open a PDF with PDFium (pypdfium2), mapping failures to input errors."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    _check_header(path)
    try:
        return pdfium.PdfDocument(str(path), password=password or None)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise _encrypted(path, password) from e
        if code == raw.FPDF_ERR_SECURITY:
            raise EncryptedPdfError(
                f"{path} is encrypted with an unsupported security handler: "
                "decrypt it first (qpdf --decrypt)"
            ) from e
        raise DamagedPdfError(
            f"{path} is damaged or truncated: PDFium cannot load it ({_one_line(e)})"
        ) from e


REOPEN_EVERY = 50
"""Pages read before the PDFium document is closed and opened again (see _PdfiumPages)."""


class _PdfiumPages:
    """PDFium page layouts one by one, reopening the document every REOPEN_EVERY pages.

    PDFium keeps every object it parsed (fonts, content streams) until the document is
    closed, even when each page is: RSS grew 14 MB per 100 pages of a generated 500-page
    file. Reopening keeps it flat; opening costs a few milliseconds.
    """

    def __init__(self, path: Path, settings: ExtractSettings) -> None:
        self.path = path
        self.settings = settings
        self.doc = open_pdfium(path, settings.password)
        self.count: int = len(self.doc)

    def __iter__(self) -> Iterator[PageLayout | DamagedPdfError]:
        import pypdfium2 as pdfium

        for i in range(self.count):
            if i and i % REOPEN_EVERY == 0:
                self.doc.close()
                self.doc = open_pdfium(self.path, self.settings.password)
            try:
                layout = pdfium_page_to_layout(self.doc, i, self.settings)
            except pdfium.PdfiumError as e:  # only the page's loading raises it
                err = DamagedPdfError(
                    f"{self.path}: page {i + 1} is damaged ({_one_line(e)})", page=i + 1
                )
                err.__cause__ = e
                yield err
                continue
            yield layout

    def close(self) -> None:
        self.doc.close()


def _plumber_pages(
    path: Path, pdf: Any, settings: ExtractSettings
) -> Iterator[PageLayout | DamagedPdfError]:
    for page in pdf.pages:
        try:
            try:
                unreadable, images = _parse_plumber_page(page)
            except ShinkyuError:
                raise  # e.g. the batch's time limit, raised while pdfminer was parsing
            except Exception as e:  # pdfminer raises any kind on a broken content stream
                err = DamagedPdfError(
                    f"{path}: page {page.page_number} is damaged ({_one_line(_unwrap(e))})",
                    page=page.page_number,
                )
                err.__cause__ = e
                yield err
                continue
            layout = page_to_layout(page, settings)
        finally:
            page.close()
        yield replace(layout, images=images, unreadable=unreadable)


def _parse_plumber_page(page: Any) -> tuple[int, int]:
    """Parse a pdfplumber page's content; count glyphs without Unicode, and images.

    Normalizes pdfminer's glyph texts in the page's parsed objects to one code point per
    char, as PDFium's reader has them: ``(cid:NN)`` (no Unicode mapping) becomes U+FFFD,
    and a glyph mapped to several code points (a ligature) is split across its box.
    """
    objects = page.objects  # pdfminer parses the content stream here
    unreadable = 0
    chars: list[dict[str, Any]] = []
    for c in objects.get("char", []):
        text = c.get("text") or ""
        if _CID.fullmatch(text):
            unreadable += 1
            chars.append({**c, "text": "\ufffd"})
        elif len(text) > 1:
            chars += _split_char(c, text)
        else:
            chars.append(c)
    if "char" in objects:
        objects["char"] = chars
    return unreadable, len(objects.get("image", []))


def _split_char(c: dict[str, Any], text: str) -> list[dict[str, Any]]:
    step = (c["x1"] - c["x0"]) / len(text)
    return [
        {**c, "text": ch, "x0": c["x0"] + k * step, "x1": c["x0"] + (k + 1) * step}
        for k, ch in enumerate(text)
    ]


@contextmanager
def page_layouts(
    path: Path, settings: ExtractSettings
) -> Iterator[tuple[int, Iterator[PageLayout | DamagedPdfError]]]:
    """The page count and a lazy iterator of page layouts; each page is released once read.

    Fails with an input error (``not_pdf``, ``encrypted``, ``damaged``, ``too_large``)
    before any page is read, or with ``damaged`` naming the page that cannot be read.
    """
    if settings.reader == "pdfium":
        pages = _PdfiumPages(path, settings)
        try:
            check_page_count(path, pages.count, settings)
            yield pages.count, iter(pages)
        finally:
            pages.close()
    else:
        pdf = open_pdf(path, settings.password)
        try:
            check_page_count(path, len(pdf.pages), settings)
            yield len(pdf.pages), _plumber_pages(path, pdf, settings)
        finally:
            pdf.close()


@dataclass
class TextLayer:
    """What the pages' text layers held, tallied page by page (pages are released)."""

    glyphs: int = 0
    unreadable: int = 0
    scanned: list[int] = field(default_factory=list)  # image-only pages
    garbled: list[tuple[int, int, int]] = field(default_factory=list)  # page, unreadable, of


def tally_text_layer(tally: TextLayer, layout: PageLayout) -> None:
    glyphs = sum(1 for c in layout.chars if not c.text.isspace())
    tally.glyphs += glyphs
    tally.unreadable += layout.unreadable
    if glyphs == 0 and layout.images:
        tally.scanned.append(layout.page)
    if layout.unreadable:
        tally.garbled.append((layout.page, layout.unreadable, glyphs))


def text_layer_issues(tally: TextLayer, path: Path, page_count: int) -> list[Issue]:
    """Warnings for scanned or unreadable pages; an error when the document has no text.

    Raises ``no_text_layer`` when no page has text, ``unreadable_text`` when most glyphs
    have no Unicode mapping.
    """
    if tally.glyphs == 0:
        if tally.scanned:
            raise NoTextLayerError(
                f"{path} has no text layer: {len(tally.scanned)} of {page_count} pages are "
                "images only (a scan)"
            )
        raise NoTextLayerError(f"{path} has no text: its pages are blank or drawn as outlines")
    if 2 * tally.unreadable > tally.glyphs:
        raise UnreadableTextError(
            f"{path}: {tally.unreadable:,} of {tally.glyphs:,} glyphs have no Unicode "
            "mapping, so its text cannot be read"
        )
    issues = [
        Issue(
            code="no_text_layer",
            message="page skipped: it is an image without a text layer (a scan); "
            "OCR is needed to read it",
            page=p,
        )
        for p in tally.scanned
    ]
    issues += [
        Issue(
            code="unreadable_text",
            message=f"{n} of {of} glyphs have no Unicode mapping and read as U+FFFD",
            page=p,
        )
        for p, n, of in tally.garbled
    ]
    return issues


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
    assembler = DocumentAssembler(str(path), warnings=warnings)
    text_layer = TextLayer()
    prev: PageTable | None = None
    reads: list[PageRead] = []
    damaged: list[DamagedPdfError] = []
    with page_layouts(path, settings) as (page_count, layouts):
        for layout in layouts:
            if isinstance(layout, DamagedPdfError):
                # One broken page does not lose the others: skip it and say so.
                damaged.append(layout)
                warnings.append(Issue(code="damaged", message=layout.message, page=layout.page))
                if layout.page:
                    reads.append(PageRead(page=layout.page, finder=None))
                continue
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
    return assembler.document(source, settings, reads)
