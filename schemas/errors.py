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

    def __init__(self, message: str, *, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page

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
    hint = "Pass the password with --password."


class NoComparisonTableError(InputError):
    """No table with before/after column headers was found."""

    code = "no_comparison_table"
    hint = "The document has no ruled table headed 変更前/変更後 (or a synonym)."


class SettingsError(ShinkyuError):
    """A settings value is out of range or of the wrong kind."""

    code = "bad_settings"
    hint = "Fix the option value as the message says."


class InternalError(ShinkyuError):
    """An unexpected failure inside shinkyu (a bug)."""

    code = "internal"
