"""Any input file to :class:`Document`: the extraction stage's entry point.

The format is told from the content, not the suffix (:func:`~.inputs.sniff_text_format`):
markdown or HTML from OCR converters go to the markdown reader, everything else to the PDF
reader, which rejects what is not a PDF. Both feed the one assembler (:mod:`.assemble`).
"""

from __future__ import annotations

from pathlib import Path

from shinkyu.schemas.model import Document

from .inputs import sniff_text_format
from .markdown import extract_markdown
from .pdf import GridFinder, extract_pdf
from .settings import ExtractSettings


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
    fmt = sniff_text_format(head)
    if fmt is not None:
        return extract_markdown(path, settings, fmt=fmt, sha256=sha256)
    return extract_pdf(path, settings, grid_finder=grid_finder, sha256=sha256)
