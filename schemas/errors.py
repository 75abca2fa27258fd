"""The exception tree shared by every stage.

Each error carries a stable ``code`` that batch runs write into their error records.
:class:`InputError` and its subclasses mean the input is at fault; anything else that
escapes a stage is a bug and is reported as ``internal``.
"""

from __future__ import annotations


class ShinkyuError(Exception):
    """Base of every error shinkyu raises on purpose."""

    code = "internal"
    hint = "This is a bug in shinkyu: please report it with the input file."

    def __init__(self, message: str, *, page: int | None = None, stage: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page
        self.stage = stage  # where in the pipeline it was raised (batch error records)

    def __str__(self) -> str:
        where = f" (page {self.page})" if self.page is not None else ""
        return f"[{self.code}] {self.message}{where}"


class InputError(ShinkyuError):
    """The input cannot be converted; the user must change the input, not shinkyu."""

    code = "bad_input"
    hint = "Check the input file."


class NotPdfError(InputError):
    """The file is not a PDF."""

    code = "not_pdf"
    hint = "Pass a PDF file."


class DamagedPdfError(InputError):
    """The PDF is truncated or its objects cannot be read."""

    code = "damaged"
    hint = "Re-download or re-export the PDF."


class EncryptedPdfError(InputError):
    """The PDF is encrypted and no (correct) password was given."""

    code = "encrypted"
    hint = "Pass the password with --password, or ExtractSettings(password=...) in Python."


class NoComparisonTableError(InputError):
    """No table with before/after column headers was found."""

    code = "no_comparison_table"
    hint = "The document has no ruled table headed 変更前/変更後 (or a synonym)."


class NoEntriesError(InputError):
    """A comparison table was found, but not one row of it could be read."""

    code = "no_entries"
    hint = (
        "The header was found but no body row: the table may be unruled or drawn as an "
        "image; see the page with `shinkyu debug`."
    )


class NoTextLayerError(InputError):
    """The pages are images (a scan) or outlines: there is no text to read."""

    code = "no_text_layer"
    hint = (
        "OCR is needed: convert with --ocr auto (the default) or --ocr always; with "
        "--ocr never, run an OCR tool on the PDF first."
    )


class VerticalTextError(InputError):
    """A scanned page's text runs top to bottom (縦書き): the OCR models read lines across."""

    code = "vertical_text"
    hint = (
        "Vertical (縦書き) scans are not read: the OCR model reads horizontal lines. Convert "
        "a horizontal edition, or OCR it with a vertical model and convert the markdown."
    )


class UnreadableTextError(InputError):
    """Most glyphs have no Unicode mapping (pdfminer's ``(cid:NN)``): the text is unknown."""

    code = "unreadable_text"
    hint = (
        "The PDF's fonts lack a ToUnicode map: re-export it from the original document "
        "with embedded Unicode fonts, or run OCR on it."
    )


class LimitError(InputError):
    """The input exceeds a configured resource limit."""


class TooLargeError(LimitError):
    """The PDF has more pages or bytes than the settings allow."""

    code = "too_large"
    hint = (
        "Split the PDF, or raise the limit (--max-pages / --max-bytes; in Python, "
        "max_pages= / max_bytes=)."
    )


class ConversionTimeoutError(LimitError):
    """Converting one input took longer than the per-file wall-clock limit."""

    code = "timeout"
    hint = "Split the PDF, or raise the per-file time limit (--timeout; in Python, timeout=)."


class UnreadableInputError(InputError):
    """The input does not exist, is a folder, or cannot be read (permissions, I/O error)."""

    code = "unreadable"
    hint = "Check the path and its permissions."


class OutputError(ShinkyuError):
    """An output could not be written: the folder is a file, read-only, or the disk is full."""

    code = "output_error"
    hint = "Check the output path, its permissions and the free space."


class OutputBusyError(OutputError):
    """Another run is writing to the same output folder."""

    code = "output_busy"
    hint = "Wait for the other run to end, or give this one another --out folder."


class WorkerDiedError(ShinkyuError):
    """The worker process converting this input died twice (killed, out of memory, crashed)."""

    code = "worker_died"
    hint = (
        "The input made a worker die twice (memory? a crash in a library): convert it alone, "
        "with --workers 1, to see the failure."
    )


class SettingsError(ShinkyuError):
    """A settings value is out of range or of the wrong kind."""

    code = "bad_settings"
    hint = "Fix the option value as the message says."


class InternalError(ShinkyuError):
    """An unexpected failure inside shinkyu (a bug)."""

    code = "internal"


# Warning codes: what a converted document lists in ``Document.warnings`` (one catalogue for
# every stage; a test checks that every code the code base writes is listed here).
WARNINGS: dict[str, str] = {
    "damaged": "a page could not be read and was skipped",
    "no_text_layer": "a page is an image (a scan) and was skipped (--ocr never)",
    "ocr": "a page was read by OCR (engine, dpi and skew in the message)",
    "ocr_uncertain": "OCR: characters read with a confidence below the threshold (entry, side, "
    "text and offsets): check them against the page",
    "unreadable_text": "a page's glyphs have no Unicode mapping and were skipped",
    "ocr_suspect": "a character looks like an OCR misread (markdown / HTML input)",
    "page_without_table": "a page holds no comparison table",
    "row_not_read": "a row whose cells do not line up with the header's columns was not read "
    "(its page and the start of its text are given)",
    "text_outside_table": "text printed outside the comparison table (not a title)",
    "kpi_not_read": "analysis: a line that looks like a KPI could not be read (text and offsets)",
    "value_not_read": "analysis: a value cell of an indicator table is neither a number nor a "
    "word target (text and offsets)",
}
