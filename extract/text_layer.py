"""What the pages' text layers held: scanned and garbled pages, tallied page by page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from shinkyu.schemas.errors import NoTextLayerError, UnreadableTextError
from shinkyu.schemas.model import Issue

from .page import PageLayout


@dataclass
class TextLayer:
    """What the pages' text layers held, tallied page by page (pages are released)."""

    glyphs: int = 0
    unreadable: int = 0
    scanned: list[int] = field(default_factory=list)  # image-only pages
    ocr: list[int] = field(default_factory=list)  # pages read by OCR
    garbled: list[tuple[int, int, int]] = field(default_factory=list)  # page, unreadable, of


def tally_text_layer(tally: TextLayer, layout: PageLayout) -> None:
    glyphs = sum(1 for c in layout.chars if not c.text.isspace())
    tally.glyphs += glyphs
    tally.unreadable += layout.unreadable
    if layout.ocr:
        tally.ocr.append(layout.page)
    elif layout.is_scan:
        tally.scanned.append(layout.page)
    if layout.unreadable:
        tally.garbled.append((layout.page, layout.unreadable, glyphs))


def text_layer_issues(tally: TextLayer, path: Path, page_count: int) -> list[Issue]:
    """Warnings for scanned or unreadable pages; an error when the document has no text.

    Raises ``no_text_layer`` when no page has text, ``unreadable_text`` when most glyphs
    have no Unicode mapping.
    """
    if tally.glyphs == 0:
        if tally.ocr:
            raise NoTextLayerError(
                f"{path} has no text layer, and OCR read no text on its {len(tally.ocr)} "
                "page(s): blank or unreadable scans"
            )
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
            "OCR is off (--ocr never)",
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
