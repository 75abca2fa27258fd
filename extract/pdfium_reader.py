"""Read a page's glyphs and strokes with PDFium (pypdfium2) instead of pdfminer.

PDFium parses content streams in C++, several times faster than pdfminer, and honours
``/ActualText`` (so a glyph drawn from a Kangxi radical but tagged with its real character
reads right). It yields the same :class:`~.page.PageLayout` as the pdfplumber reader, so
everything after reading is shared.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from .geometry import objects_to_rules
from .layout import Char
from .page import PageLayout, color_of, rules_to_lines
from .settings import ExtractSettings

PDFIUM_LOCK = threading.RLock()
"""Held around every call into PDFium: the library keeps global state and is not
thread-safe (pypdfium2 says so), so threads of one process read their pages in turn."""

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


def _objects(raw: Any, page: Any) -> Iterator[tuple[Any, int, Matrix]]:
    """Every page object (kind, matrix to page space), descending into form XObjects."""

    def walk(count: int, get: Any, parent: Matrix, depth: int) -> Iterator[tuple[Any, int, Matrix]]:
        for i in range(count):
            obj = get(i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                m = _mul(_matrix(raw, obj), parent)
                n = raw.FPDFFormObj_CountObjects(obj)
                yield from walk(n, lambda k, o=obj: raw.FPDFFormObj_GetObject(o, k), m, depth + 1)
            elif obj:
                yield obj, kind, parent

    yield from walk(
        raw.FPDFPage_CountObjects(page), lambda k: raw.FPDFPage_GetObject(page, k), _IDENTITY, 0
    )


def _paths(
    raw: Any, paths: list[tuple[Any, Matrix]], height: float
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rectangles and polylines of path objects, in pdfplumber's top-left dict shape."""
    rects: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    x = ctypes.c_float()
    y = ctypes.c_float()
    fillmode = ctypes.c_int()
    stroke = ctypes.c_int()
    width = ctypes.c_float()
    for obj, parent in paths:
        m = _mul(_matrix(raw, obj), parent)
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fillmode), ctypes.byref(stroke))
        filled, stroked = fillmode.value != 0, bool(stroke.value)
        if not filled and not stroked:
            continue
        linewidth = 0.0
        if stroked and raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width)):
            linewidth = width.value * abs(m[0] * m[3] - m[1] * m[2]) ** 0.5  # in page points
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
                rects.append(
                    {
                        "x0": x0,
                        "top": top,
                        "x1": x1,
                        "bottom": bottom,
                        "stroke": stroked,
                        "linewidth": linewidth,
                    }
                )
            elif stroked and len(pts) >= 2:
                lines.append({"pts": pts + ([pts[0]] if is_closed else []), "linewidth": linewidth})
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


def _quadrant(raw: Any, textpage: Any, n: int) -> int:
    """The page's text direction in quarter turns counter-clockwise (0 = upright text)."""
    import math
    from collections import Counter

    votes: Counter[int] = Counter()
    for i in range(0, n, max(1, n // 200)):  # a sample is enough
        angle = raw.FPDFText_GetCharAngle(textpage, i)
        if angle >= 0:
            # PDFium measures the angle clockwise in user space (y up).
            votes[(4 - round(angle / (math.pi / 2))) % 4] += 1
    return votes.most_common(1)[0][0] if votes else 0


def _turn(quarter: int, width: float, height: float) -> tuple[Any, float, float]:
    """A point mapping (top-left coordinates) that makes text of that direction upright."""
    if quarter == 1:  # text runs bottom to top
        return (lambda x, y: (height - y, x)), height, width
    if quarter == 2:
        return (lambda x, y: (width - x, height - y)), width, height
    if quarter == 3:  # text runs top to bottom
        return (lambda x, y: (y, width - x)), height, width
    return (lambda x, y: (x, y)), width, height


def _turn_box(f: Any, x0: float, top: float, x1: float, bottom: float) -> tuple[float, ...]:
    ax, ay = f(x0, top)
    bx, by = f(x1, bottom)
    return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def _char_code(raw: Any, textpage: Any, i: int, n: int) -> tuple[int | None, int]:
    """The code point of char ``i`` (None: unreadable) and how many char slots it takes.

    PDFium reports a character outside the BMP (𠮷, U+20BB7) as two surrogate slots; a
    glyph whose font has no Unicode mapping as its raw character code with
    ``FPDFText_HasUnicodeMapError`` set, which must not pass for text.
    """
    code = raw.FPDFText_GetUnicode(textpage, i)
    width = 1
    if 0xD800 <= code < 0xDC00 and i + 1 < n:
        low = raw.FPDFText_GetUnicode(textpage, i + 1)
        if 0xDC00 <= low < 0xE000:
            code, width = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 2
    if (
        code in (0, 0xFFFD)
        or 0xD800 <= code < 0xE000
        or code > 0x10FFFF
        or raw.FPDFText_HasUnicodeMapError(textpage, i) == 1
    ):
        return None, width
    return code, width


def _turn_char(f: Any, c: Char) -> Char:
    x0, top, x1, bottom = _turn_box(f, c.x0, c.top, c.x1, c.bottom)
    return replace(c, x0=x0, top=top, x1=x1, bottom=bottom)


def _clip_box(raw: Any, obj: Any) -> tuple[float, float, float, float] | None:
    """The bounding box (left, bottom, right, top, page space) a text object is clipped to.

    The intersection of its clip paths' boxes; None when it is not clipped. A box is an
    approximation of the path, and is what spreadsheet exports need: LibreOffice Calc prints
    a merged cell's text again on the next page, clipped to the cell's visible part.
    """
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    box: list[float] | None = None
    for k in range(max(0, raw.FPDFClipPath_CountPaths(clip))):
        xs: list[float] = []
        ys: list[float] = []
        for s in range(max(0, raw.FPDFClipPath_CountPathSegments(clip, k))):
            seg = raw.FPDFClipPath_GetPathSegment(clip, k, s)
            if seg and raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                xs.append(x.value)
                ys.append(y.value)
        if not xs:
            continue
        b = [min(xs), min(ys), max(xs), max(ys)]
        box = b if box is None else [max(box[0], b[0]), max(box[1], b[1]), min(box[2], b[2]),
                                     min(box[3], b[3])]  # fmt: skip
    return None if box is None else (box[0], box[1], box[2], box[3])


def _clipped_away(raw: Any, textpage: Any, i: int, box: Any, cache: dict[int, Any]) -> bool:
    """Whether glyph ``i``'s centre lies outside its text object's clip box (not printed)."""
    obj = raw.FPDFText_GetTextObject(textpage, i)
    if not obj:
        return False
    key = ctypes.cast(obj, ctypes.c_void_p).value or 0
    if key not in cache:
        cache[key] = _clip_box(raw, obj)
    clip = cache[key]
    if clip is None:
        return False
    xc, yc = (box.left + box.right) / 2, (box.bottom + box.top) / 2
    return not (clip[0] - 0.5 <= xc <= clip[2] + 0.5 and clip[1] - 0.5 <= yc <= clip[3] + 0.5)


def _chars(raw: Any, textpage: Any, height: float) -> tuple[list[Char], int]:
    """The page's glyphs, and how many had no Unicode mapping (kept as U+FFFD).

    Glyphs a clipping path hides are not read: they are printed nowhere.
    """
    out: list[Char] = []
    clips: dict[int, Any] = {}
    unreadable = 0
    box = raw.FS_RECTF()
    tm = raw.FS_MATRIX()
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    n = raw.FPDFText_CountChars(textpage)
    next_i = 0
    while next_i < n:
        i = next_i
        code, width = _char_code(raw, textpage, i, n)
        next_i = i + width
        if raw.FPDFText_IsGenerated(textpage, i) == 1:
            continue  # spaces and line breaks PDFium inferred
        if code in (0x0D, 0x0A, 0xFFFE, 0xFFFF):
            continue
        if not raw.FPDFText_GetLooseCharBox(textpage, i, ctypes.byref(box)):
            continue
        if _clipped_away(raw, textpage, i, box, clips):
            continue
        if code is None:
            unreadable += 1
        # GetFontSize is the size before the text matrix (12 for a glyph printed at 9 pt).
        size = raw.FPDFText_GetFontSize(textpage, i)
        if raw.FPDFText_GetMatrix(textpage, i, ctypes.byref(tm)):
            size *= max(tm.a * tm.a + tm.b * tm.b, tm.c * tm.c + tm.d * tm.d) ** 0.5
        top, bottom = height - box.top, height - box.bottom
        color = None
        if raw.FPDFText_GetFillColor(
            textpage, i, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
        ):
            if (r.value, g.value, b.value) == _PDFIUM_PATTERN_GREY:
                color = _MAYBE_PATTERN  # resolved from the rendered page
            else:
                color = color_of((r.value / 255, g.value / 255, b.value / 255))
        out.append(
            Char(
                text="\ufffd" if code is None else chr(code),
                x0=box.left,
                x1=box.right,
                top=top,
                bottom=bottom,
                size=size if size > 0 else bottom - top,
                color=color,
            )
        )
    return out, unreadable


def _widen_thin(chars: list[Char], *, sideways: bool) -> list[Char]:
    """Give glyphs with a degenerate box the line's extent across the text direction.

    Glyphs replaced through /ActualText get a tight box (「一」 is 1 pt tall). A neighbour
    on the same line gives the right extent; without one, the em box is centred on the
    glyph. Across the line is y for upright text and x for sideways text (along the line,
    narrow glyphs such as 「I」 are narrow indeed).
    """

    def across(c: Char) -> float:
        return c.x1 - c.x0 if sideways else c.bottom - c.top

    def same_line(c: Char, n: Char) -> bool:
        if sideways:
            return n.x0 <= c.xc <= n.x1 and abs(n.yc - c.yc) < 1.6 * c.size
        return n.top <= c.yc <= n.bottom and abs(n.xc - c.xc) < 1.6 * c.size

    out = list(chars)
    normal = [across(c) >= 0.3 * c.size for c in chars]
    for i, c in enumerate(chars):
        if normal[i]:
            continue
        near = [
            chars[j]
            for j in (i - 1, i + 1)
            if 0 <= j < len(chars) and normal[j] and same_line(c, chars[j])
        ]
        half = c.size / 2
        if sideways:
            x0, x1 = (near[0].x0, near[0].x1) if near else (c.xc - half, c.xc + half)
            out[i] = replace(c, x0=x0, x1=x1)
        else:
            top, bottom = (near[0].top, near[0].bottom) if near else (c.yc - half, c.yc + half)
            out[i] = replace(c, top=top, bottom=bottom)
    return out


# PDFium reports text filled with a pattern (a tiling or shading "colour") as this grey.
_PDFIUM_PATTERN_GREY = (191, 191, 191)
_MAYBE_PATTERN = "pattern?"


def _pattern_colors(page: Any, chars: list[Char]) -> list[Char]:
    """Give glyphs filled with a pattern the colour they are printed in.

    The page is rendered (only when such glyphs exist) and each glyph's colour is the mean
    of its solidly inked pixels; a grey result is no colour.
    """
    todo = [i for i, c in enumerate(chars) if c.color == _MAYBE_PATTERN]
    if not todo:
        return chars
    out = list(chars)
    if page.get_rotation() != 0:  # rendered pixels would be turned: leave them uncoloured
        for i in todo:
            out[i] = replace(chars[i], color=None)
        return out
    scale = 2.0
    bitmap = page.render(scale=scale, rev_byteorder=True)
    try:
        pixels = bitmap.to_numpy().copy()  # a view of PDFium's buffer, freed below
    finally:
        bitmap.close()
    h, w = pixels.shape[:2]
    for i in todo:
        c = chars[i]
        x0, x1 = max(0, int(c.x0 * scale)), min(w, int(c.x1 * scale) + 1)
        y0, y1 = max(0, int(c.top * scale)), min(h, int(c.bottom * scale) + 1)
        box = pixels[y0:y1, x0:x1, :3].reshape(-1, 3).astype(float) / 255
        # The glyph's solid core, not its anti-aliased edge (which blends into the paper).
        ink = box[box.min(axis=1) < 0.35] if box.size else box
        if not len(ink):
            ink = box[box.min(axis=1) < 0.85]
        # Rendering only approximates the colour: snap it to 8 levels a channel, so that one
        # run of red glyphs is one colour (one mark).
        mean = [round(float(v) * 7) / 7 for v in ink.mean(axis=0)] if len(ink) else None
        color = color_of(tuple(mean)) if mean else None
        out[i] = replace(c, color=color)
    return out


def pdfium_page_to_layout(pdf: Any, index: int, settings: ExtractSettings) -> PageLayout:
    """Read page ``index`` (0-based) of a pypdfium2 document into a :class:`PageLayout`.

    A page whose text runs sideways (a landscape table printed on a rotated page) is turned
    so its text reads upright. Only ``pypdfium2.PdfiumError`` comes from the input (a page
    PDFium cannot load).
    """
    import pypdfium2.raw as raw

    with PDFIUM_LOCK:
        chars, unreadable, quarter, width, height, rects, lines, images = _read_page(
            raw, pdf, index
        )
    chars = _widen_thin(chars, sideways=quarter in (1, 3))
    if quarter:
        f, width, height = _turn(quarter, width, height)
        chars = [_turn_char(f, c) for c in chars]
        for r in rects:
            r["x0"], r["top"], r["x1"], r["bottom"] = _turn_box(
                f, r["x0"], r["top"], r["x1"], r["bottom"]
            )
        lines = [
            {"pts": [f(x, y) for x, y in ln["pts"]], "linewidth": ln["linewidth"]} for ln in lines
        ]
    hs, vs = objects_to_rules(rects, lines, [], rule_max_width=settings.rule_max_width)
    hs, vs, under = rules_to_lines(hs, vs, chars, settings)
    return PageLayout(
        index + 1,
        float(width),
        float(height),
        chars,
        hs,
        vs,
        images=images,
        unreadable=unreadable,
        underlines=under,
    )


def _read_page(raw: Any, pdf: Any, index: int) -> tuple[Any, ...]:
    """What PDFium gives of one page: glyphs, direction, size, strokes, image count."""
    page = pdf[index]
    try:
        # Glyph and path coordinates are in the page's own space, before its /Rotate: flip
        # them with that space's height (get_size() gives the page as displayed).
        width, height = page.get_size()
        if page.get_rotation() in (90, 270):
            width, height = height, width
        textpage = page.get_textpage()
        try:
            quarter = _quadrant(raw, textpage.raw, raw.FPDFText_CountChars(textpage.raw))
            chars, unreadable = _chars(raw, textpage.raw, height)
        finally:
            textpage.close()
        chars = _pattern_colors(page, chars)
        objects = list(_objects(raw, page.raw))
        paths = [(o, m) for o, kind, m in objects if kind == raw.FPDF_PAGEOBJ_PATH]
        images = sum(1 for _, kind, _ in objects if kind == raw.FPDF_PAGEOBJ_IMAGE)
        rects, lines = _paths(raw, paths, height)
    finally:
        page.close()
    return chars, unreadable, quarter, width, height, rects, lines, images


def _box(c: Char) -> tuple[float, float, float, float]:
    return c.x0, c.top, c.x1, c.bottom


def render_rgb(pdf: Any, index: int, scale: float) -> Any:
    """Page ``index`` (0-based) of an open pypdfium2 document as an RGB PIL image."""
    with PDFIUM_LOCK:
        page = pdf[index]
        try:
            bitmap = page.render(scale=scale)
            try:
                return bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            page.close()
