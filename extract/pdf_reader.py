"""Opening a PDF and reading its pages one by one, with PDFium or pdfminer.

Every failure of the libraries is mapped to an input error of the catalogue (``not_pdf``,
``encrypted``, ``damaged``, ``too_large``); a page that cannot be read comes out as a
``DamagedPdfError`` in the page stream, so one broken page does not lose the others.
Each reader yields the same :class:`~.page.PageLayout` (glyphs and strokes of one page).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from shinkyu.schemas.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    ShinkyuError,
    TooLargeError,
)

from . import deadline as time_limit
from .inputs import check_header
from .page import PageLayout, page_to_layout
from .pdfium_reader import PDFIUM_LOCK, pdfium_page_to_layout
from .settings import ExtractSettings

_CID = re.compile(r"\(cid:\d+\)")  # pdfminer's text for a glyph without a Unicode mapping


def _one_line(e: BaseException, limit: int = 160) -> str:
    """A third-party exception as a short single line (pdfminer's can hold raw bytes)."""
    text = " ".join(str(e).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


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

    check_header(path)
    try:
        pdf = pdfplumber.open(path, password=password or "")
        _ = len(pdf.pages)
    except (ShinkyuError, MemoryError):
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


def open_pdfium(path: Path, password: str | None = None) -> Any:
    """Open a PDF with PDFium (pypdfium2), mapping failures to input errors."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    check_header(path)
    try:
        with PDFIUM_LOCK:
            return pdfium.PdfDocument(str(path), password=password or None)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise _encrypted(path, password) from e
        if code == raw.FPDF_ERR_SUCCESS:  # PDFium refuses a PDF with no page at all
            raise DamagedPdfError(f"{path} is damaged: it has no readable pages") from e
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
        with PDFIUM_LOCK:
            self.count: int = len(self.doc)

    def __iter__(self) -> Iterator[PageLayout | DamagedPdfError]:
        import pypdfium2 as pdfium

        for i in range(self.count):
            if i and i % REOPEN_EVERY == 0:
                with PDFIUM_LOCK:
                    self.doc.close()
                self.doc = open_pdfium(self.path, self.settings.password)
            try:
                layout = pdfium_page_to_layout(self.doc, i, self.settings)
                if layout.wants_ocr(self.settings.ocr):
                    layout = _ocr(self.doc, i, self.settings)
            except pdfium.PdfiumError as e:  # only the page's loading raises it
                err = DamagedPdfError(
                    f"{self.path}: page {i + 1} is damaged ({_one_line(e)})", page=i + 1
                )
                err.__cause__ = e
                yield err
                continue
            yield layout

    def close(self) -> None:
        with PDFIUM_LOCK:
            self.doc.close()


def _ocr(doc: Any, index: int, settings: ExtractSettings) -> PageLayout:
    """Page ``index`` of an open PDFium document read by OCR, with the time limit to itself."""
    from .ocr import ocr_page_to_layout

    time_limit.extend_for_page()
    return ocr_page_to_layout(doc, index, settings)


def _plumber_pages(
    path: Path, pdf: Any, settings: ExtractSettings, scans: _LazyPdfium
) -> Iterator[PageLayout | DamagedPdfError]:
    for page in pdf.pages:
        try:
            try:
                unreadable, images = _parse_plumber_page(page)
            except (ShinkyuError, MemoryError):
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
        layout = replace(layout, images=images, unreadable=unreadable)
        if layout.wants_ocr(settings.ocr):  # pdfminer renders nothing: PDFium does
            layout = _ocr(scans.doc(), layout.page - 1, settings)
        yield layout


class _LazyPdfium:
    """A PDFium document opened only when the pdfminer reader meets a page to OCR."""

    def __init__(self, path: Path, password: str | None) -> None:
        self.path = path
        self.password = password
        self._doc: Any = None

    def doc(self) -> Any:
        if self._doc is None:
            self._doc = open_pdfium(self.path, self.password)
        return self._doc

    def close(self) -> None:
        if self._doc is not None:
            with PDFIUM_LOCK:
                self._doc.close()
            self._doc = None


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

    A page to OCR (``settings.ocr``: a scan, or every page) comes out read by OCR
    (:mod:`.ocr`), rendered from the document the reader has open.

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
        scans = _LazyPdfium(path, settings.password)
        try:
            check_page_count(path, len(pdf.pages), settings)
            yield len(pdf.pages), _plumber_pages(path, pdf, settings, scans)
        finally:
            pdf.close()
            scans.close()
