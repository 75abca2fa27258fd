"""A picture of what the extractor saw on one page, as pdfplumber's ``debug_tablefinder`` shows.

The page is rendered with PDFium (pypdfium2) and drawn over with Pillow:

* rules read from the page (blue) and the ones the extractor added to close a table cut by a
  page break or missing a side (orange);
* every cell of every ruled table (thin grey), nested tables included;
* the finder that read the page (top left: ruled, partly-ruled, aligned);
* for a table read by alignment, its column boundaries (orange, dashed: no rule is printed
  there) and the borderless nested tables found in its cells (grey, dashed);
* the comparison table's body rows (red) and, on a page that prints the header, each
  column's role (before / after / reason, green);
* underlined glyphs (green bar under them) and coloured glyphs (magenta box).

It is what a user opens when a new municipality's PDF goes wrong (``shinkyu debug``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .geometry import close_open_ends, close_open_sides, rules_to_cell_tables
from .page import TableBlock, layout_to_marked_chars, layout_to_page_tables
from .pdf_reader import open_pdfium
from .pdfium_reader import PDFIUM_LOCK, pdfium_page_to_layout, render_rgb
from .roles import header_to_role
from .settings import ExtractSettings

RULE = (30, 90, 230)
SYNTHETIC = (255, 140, 0)
CELL = (150, 150, 150)
ROW = (220, 30, 30)
ROLE = (0, 150, 60)
UNDERLINE = (0, 170, 70)
COLOR = (200, 0, 200)


def page_picture(
    path: str | Path,
    page: int,
    *,
    settings: ExtractSettings | None = None,
    scale: float = 2.0,
) -> Any:
    """The page (1-based) rendered with the extractor's geometry drawn over it (a PIL image).

    Raises the same input errors as extraction (not_pdf, damaged, encrypted …); a page out
    of range is a ``SettingsError``.
    """
    from PIL import ImageDraw
    from shinkyu.schemas.errors import SettingsError

    settings = settings or ExtractSettings()
    pdf = open_pdfium(Path(path), settings.password)
    try:
        with PDFIUM_LOCK:
            count = len(pdf)
        if not 1 <= page <= count:
            raise SettingsError(f"--page {page}: the document has pages 1 to {count}")
        prev = _previous_table(pdf, page, settings)
        layout = pdfium_page_to_layout(pdf, page - 1, settings)
        if layout.wants_ocr(settings.ocr):
            # a scan: drawn on the deskewed image its OCR'd geometry refers to
            from PIL import Image

            from .ocr import ocr_page_and_image

            layout, upright = ocr_page_and_image(pdf, page - 1, settings)
            size = (round(layout.width * scale), round(layout.height * scale))
            image = Image.fromarray(upright).convert("RGB").resize(size)
        else:
            image = render_rgb(pdf, page - 1, scale)
    finally:
        with PDFIUM_LOCK:
            pdf.close()
    tol = settings.intersection_tolerance
    draw = ImageDraw.Draw(image)

    def box(b: tuple[float, float, float, float], color: tuple[int, int, int], w: int) -> None:
        draw.rectangle(
            [b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale], outline=color, width=w
        )

    vs, _ = close_open_sides(layout.hs, layout.vs, tol=tol)
    hs, synthetic = close_open_ends(layout.hs, vs, tol=tol)
    real_v = set(layout.vs)
    for h in hs:
        color = SYNTHETIC if h in synthetic else RULE
        draw.line([h.x0 * scale, h.y * scale, h.x1 * scale, h.y * scale], fill=color, width=2)
    for v in vs:
        color = RULE if v in real_v else SYNTHETIC
        draw.line([v.x * scale, v.top * scale, v.x * scale, v.bottom * scale], fill=color, width=2)
    ruled = rules_to_cell_tables(layout.hs, layout.vs, tol=tol)
    for grid in ruled:
        for cell in grid.cells:
            box(cell, CELL, 1)

    def dashed(x0: float, y0: float, x1: float, y1: float, color: tuple[int, int, int]) -> None:
        n = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) / 6))
        for k in range(0, n, 2):
            a, b = k / n, min(1.0, (k + 1) / n)
            draw.line(
                [
                    (x0 + (x1 - x0) * a) * scale,
                    (y0 + (y1 - y0) * a) * scale,
                    (x0 + (x1 - x0) * b) * scale,
                    (y0 + (y1 - y0) * b) * scale,
                ],
                fill=color,
                width=2,
            )

    tables = layout_to_page_tables(layout, settings, prev=prev)
    finders = ", ".join(sorted({t.finder for t in tables})) or "no comparison table"
    ocr = f" · OCR, turned {layout.skew:+.2f}°" if layout.ocr else ""
    draw.text((8, 8), "finder: " + finders + ocr, fill=ROLE)
    for table in tables:
        xs, ys = table.grid.xs, table.grid.ys
        if table.finder == "aligned":
            for x in xs:
                dashed(x, ys[0], x, ys[-1], SYNTHETIC)
        for row in table.rows:
            box(row.bbox, ROW, 3)
            for frag in row.fragments:
                for block in frag.blocks:
                    if isinstance(block, TableBlock) and not block.ruled:
                        x0, y0, x1, y1 = block.bbox
                        for edge in (
                            (x0, y0, x1, y0),
                            (x1, y0, x1, y1),
                            (x0, y1, x1, y1),
                            (x0, y0, x0, y1),
                        ):
                            dashed(*edge, CELL)
                        for x in block.col_xs[1:-1]:
                            dashed(x, y0, x, y1, CELL)
        if table.labels:
            top = ys[0]
            for x, label in zip(xs, table.labels, strict=False):
                role = header_to_role(label) or "?"
                draw.text((x * scale + 4, top * scale + 4), role, fill=ROLE)
    chars = layout_to_marked_chars(layout, ruled)
    for c in chars:
        if c.underlined:
            draw.line(
                [c.x0 * scale, (c.bottom + 1) * scale, c.x1 * scale, (c.bottom + 1) * scale],
                fill=UNDERLINE,
                width=2,
            )
        if c.color:
            box((c.x0, c.top, c.x1, c.bottom), COLOR, 1)
    return image


def _previous_table(pdf: Any, page: int, settings: ExtractSettings) -> Any:
    """The last comparison table of the pages before ``page``, as extraction sees it.

    A page that continues a table without printing its header is read with the previous
    page's columns; the picture must show the same. ``pdf`` is the document already open.
    """
    prev = None
    for i in range(page - 1):
        found = layout_to_page_tables(pdfium_page_to_layout(pdf, i, settings), settings, prev=prev)
        if found:
            prev = found[-1]
    return prev


def write_page_picture(path: str | Path, page: int, out: str | Path, **kwargs: Any) -> Path:
    """Write :func:`page_picture` as a PNG; returns the file written."""
    image = page_picture(path, page, **kwargs)
    target = Path(out)
    image.save(target, format="PNG", optimize=True)
    return target
