"""Read a page's glyphs and strokes with PDFium (pypdfium2) instead of pdfminer.

PDFium parses content streams in C++, several times faster than pdfminer, and honours
``/ActualText`` (so a glyph drawn from a Kangxi radical but tagged with its real character
reads right). It yields the same :class:`~.page.PageLayout` as the pdfplumber reader, so
everything after reading is shared.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from typing import Any

from .geometry import merge_rules, objects_to_rules
from .layout import Char
from .page import PageLayout, color_of
from .settings import ExtractSettings

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """The product of two PDF matrices: apply ``m``, then ``n`` (row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _matrix(raw: Any, obj: Any) -> Matrix:
    fm = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
        return _IDENTITY
    return (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)


def _objects(raw: Any, page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every page object with its matrix to page space, descending into form XObjects."""

    def walk(count: int, get: Any, parent: Matrix, depth: int) -> Iterator[tuple[Any, Matrix]]:
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                m = _mul(_matrix(raw, obj), parent)
                n = raw.FPDFFormObj_CountObjects(obj)
                yield from walk(n, lambda k, o=obj: raw.FPDFFormObj_GetObject(o, k), m, depth + 1)
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                yield obj, parent

    yield from walk(
        raw.FPDFPage_CountObjects(page), lambda k: raw.FPDFPage_GetObject(page, k), _IDENTITY, 0
    )


def _paths(raw: Any, page: Any, height: float) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rectangles and polylines of every path, in pdfplumber's top-left dict shape."""
    rects: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    x = ctypes.c_float()
    y = ctypes.c_float()
    fillmode = ctypes.c_int()
    stroke = ctypes.c_int()
    for obj, parent in _objects(raw, page):
        m = _mul(_matrix(raw, obj), parent)
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke))
        filled, stroked = fillmode.value != 0, bool(stroke.value)
        if not filled and not stroked:
            continue
        subpaths: list[list[tuple[float, float]]] = []
        closed: list[bool] = []
        for k in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y))
            px, py = _apply(m, x.value, y.value)
            pt = (px, height - py)
            if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or not subpaths:
                subpaths.append([pt])
                closed.append(False)
            else:
                subpaths[-1].append(pt)
            if raw.FPDFPathSegment_GetClose(seg):
                closed[-1] = True
        for pts, is_closed in zip(subpaths, closed, strict=True):
            rect = _as_rect(pts)
            if rect is not None and (filled or is_closed):
                x0, top, x1, bottom = rect
                rects.append({"x0": x0, "top": top, "x1": x1, "bottom": bottom, "stroke": stroked})
            elif stroked and len(pts) >= 2:
                lines.append({"pts": pts + ([pts[0]] if is_closed else [])})
    return rects, lines


def _as_rect(pts: list[tuple[float, float]]) -> tuple[float, float, float, float] | None:
    """The bbox of an axis-aligned rectangle path (4 corners, optionally repeated), else None."""
    if pts and len(pts) >= 2 and pts[0] == pts[-1]:
        pts = pts[:-1]
    if len(pts) != 4:
        return None
    xs = sorted({round(p[0], 2) for p in pts})
    ys = sorted({round(p[1], 2) for p in pts})
    if len(xs) > 2 or len(ys) > 2:
        return None
    return xs[0], ys[0], xs[-1], ys[-1]


def _chars(raw: Any, textpage: Any, height: float) -> list[Char]:
    out: list[Char] = []
    box = raw.FS_RECTF()
    tm = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    n = raw.FPDFText_CountChars(textpage)
    for i in range(n):
        if raw.FPDFText_IsGenerated(textpage, i) == 1:
            continue  # spaces and line breaks PDFium inferred
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code in (0, 0x0D, 0x0A, 0xFFFE, 0xFFFF):
            continue
        if not raw.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(box)):
            continue
        # GetFontSize is the size before the text matrix (12 for a glyph printed at 9 pt).
        size = raw.FPDFText_GetFontSize(textpage, i)
        if raw.FPDFText_GetMatrix(textpage, i, ctypes.byref(tm)):
            size *= (tm.c * tm.c + tm.d * tm.d) ** 0.5
        top, bottom = height - box.top, height - box.bottom
        if bottom - top < 0.5 * size and raw.FPDFText_GetCharOrigin(
            textpage, i, ctypes.byref(ox), ctypes.byref(oy)
        ):
            # Glyphs replaced through /ActualText get a tight box (「一」 is 1 pt tall):
            # rebuild the em box from the baseline.
            top, bottom = height - oy.value - 0.88 * size, height - oy.value + 0.12 * size
        color = None
        if raw.FPDFText_GetFillColor(
            textpage, i, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
        ):
            color = color_of((r.value / 255, g.value / 255, b.value / 255))
        out.append(
            Char(
                text=chr(code),
                x0=box.left,
                x1=box.right,
                top=top,
                bottom=bottom,
                size=size if size > 0 else bottom - top,
                color=color,
            )
        )
    return out


def pdfium_page_to_layout(pdf: Any, index: int, settings: ExtractSettings) -> PageLayout:
    """Read page ``index`` (0-based) of a pypdfium2 document into a :class:`PageLayout`."""
    import pypdfium2.raw as raw

    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            chars = _chars(raw, textpage.raw, height)
        finally:
            textpage.close()
        rects, lines = _paths(raw, page.raw, height)
    finally:
        page.close()
    hs, vs = objects_to_rules(rects, lines, [], rule_max_width=settings.rule_max_width)
    hs, vs = merge_rules(hs, vs, snap=settings.snap_tolerance, join=settings.join_tolerance)
    return PageLayout(index + 1, float(width), float(height), chars, hs, vs)
