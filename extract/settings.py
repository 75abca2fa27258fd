"""Settings of the extraction stage, validated when built."""

from __future__ import annotations

from dataclasses import dataclass, fields

from shinkyu.schemas.errors import SettingsError

TABLE_ENGINES = ("plumber", "camelot")
MAX_PAGES = 2000
MAX_BYTES = 256 * 1024 * 1024
READERS = ("pdfium", "pdfminer")
OCR_MODES = ("auto", "always", "never")


@dataclass(frozen=True)
class ExtractSettings:
    """Tolerances are in PDF points.

    reader: what reads glyphs and strokes: "pdfium" (pypdfium2, fast, honours /ActualText)
        or "pdfminer" (through pdfplumber).

    snap_tolerance: rules closer than this on their cross axis are the same rule.
    join_tolerance: collinear rules with a gap up to this are one rule (Word draws borders
        as separate strokes that do not quite meet).
    intersection_tolerance: how far a rule may stop short of another and still touch it.
    rule_max_width: a filled rectangle thinner than this is a rule, not a box.
    gutter_min_lines: a borderless column split needs this many consecutive lines that
        share a blank vertical strip.

    max_pages, max_bytes: a PDF with more pages or bytes fails as ``too_large`` before any
        page is read (None: no limit). The defaults pass a 2,000-page amendment and stop
        what would take an overnight batch hours.

    ocr: "auto" reads pages without a text layer (scans) by OCR, "always" every page,
        "never" none (a scan then fails as ``no_text_layer``).
    ocr_dpi: the resolution pages are rendered at for OCR.
    ocr_min_confidence: OCR'd characters below this confidence are listed as
        ``ocr_uncertain`` warnings.
    """

    table_engine: str = "plumber"
    reader: str = "pdfium"
    snap_tolerance: float = 2.0
    join_tolerance: float = 4.0
    intersection_tolerance: float = 3.0
    rule_max_width: float = 3.0
    gutter_min_lines: int = 3
    password: str | None = None
    max_pages: int | None = MAX_PAGES
    max_bytes: int | None = MAX_BYTES
    ocr: str = "auto"
    ocr_dpi: int = 300
    ocr_min_confidence: float = 0.8

    def __post_init__(self) -> None:
        if self.table_engine not in TABLE_ENGINES:
            raise SettingsError(
                f"table_engine={self.table_engine!r} is not one of {', '.join(TABLE_ENGINES)}"
            )
        if self.ocr not in OCR_MODES:
            raise SettingsError(f"ocr={self.ocr!r} is not one of {', '.join(OCR_MODES)}")
        if not isinstance(self.ocr_dpi, int) or not 72 <= self.ocr_dpi <= 600:
            raise SettingsError(f"ocr_dpi={self.ocr_dpi!r} must be a whole number from 72 to 600")
        if not 0 <= self.ocr_min_confidence <= 1:
            raise SettingsError(
                f"ocr_min_confidence={self.ocr_min_confidence!r} must be between 0 and 1"
            )
        if self.reader not in READERS:
            raise SettingsError(f"reader={self.reader!r} is not one of {', '.join(READERS)}")
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "float" and (not isinstance(value, (int, float)) or value < 0):
                raise SettingsError(f"{f.name}={value!r} must be a number >= 0 (points)")
        for name in ("max_pages", "max_bytes"):
            limit = getattr(self, name)
            if limit is not None and (
                not isinstance(limit, int) or isinstance(limit, bool) or limit < 1
            ):
                raise SettingsError(f"{name}={limit!r} must be a whole number >= 1, or None")
        if not isinstance(self.gutter_min_lines, int) or self.gutter_min_lines < 2:
            raise SettingsError(
                f"gutter_min_lines={self.gutter_min_lines!r} must be a whole number >= 2"
            )
