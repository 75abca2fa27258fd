"""Scanned pages: the page image → deskew → rules from the image → OCR → a :class:`PageLayout`.

The OCR reader stands behind the same contract as the PDF readers: it yields the glyphs and
rules of one page, and the one assembler does the rest (columns, rows across pages, nested
tables, marks: underlines are rules read from the image like any other).

- **Image**: the page rendered by PDFium at ``ocr_dpi`` in greyscale (a scan's own pixels,
  whatever its resolution, resampled to that).
- **Deskew**: the angle (±2°) whose horizontal projection profile is sharpest, then the
  image is turned back by it. Coordinates are those of the deskewed page.
- **Rules**: Otsu threshold, opening with ~12 pt horizontal and vertical kernels, connected
  components: each long thin component is a rule, with its thickness (what tells borders from
  underlines downstream, with whether its ends meet vertical rules).
- **OCR**: RapidOCR (PP-OCR models shipped in the wheel, run by onnxruntime; nothing is
  downloaded) on the whole page, with per-character boxes and scores. Each character's
  vertical extent is the ink of its line (the detector's boxes are padded), so sizes and gaps
  are those of the printed text.
- **Post-OCR fixes** (:data:`OCR_FIXES` in the lexicon): Chinese glyph variants (值 → 値),
  「一」 for 「－」 around an omission, 〇 for a ○ bullet, ·  for ・. Every glyph keeps its
  confidence (``Char.conf``); cells report their mean and the doubtful characters.

Written here because no library does it: OCR engines return lines of text, not glyph
geometry in a table's frame, and know nothing of rules or underlines.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from shinkyu.schemas.errors import VerticalTextError
from shinkyu.schemas.lexicon import lexicon

from .geometry import HRule, VRule
from .layout import Char
from .page import PageLayout, rules_to_lines
from .pdfium_reader import PDFIUM_LOCK
from .settings import ExtractSettings

OCR_ENGINE = "rapidocr"
RULE_KERNEL_PT = 12.0
"""A stroke this long (points) survives the opening: a rule. Glyph strokes are shorter."""
RULE_MAX_PT = 3.0
"""A component thicker than this is a filled area, not a rule."""
MAX_SKEW_DEG = 2.0
DET_MAX_SIDE = 2700
"""Pixels of the longer side the text detector sees (an A4 page at ~230 dpi)."""

_ENGINE_LOCK = threading.Lock()  # one page at a time through the engine in a process


@dataclass(frozen=True)
class OcrGlyph:
    """One character the engine read: text, score and box in image pixels."""

    text: str
    score: float
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class OcrPage:
    """What was read from one page image, in PDF points of the deskewed page."""

    chars: list[Char]
    hs: list[HRule]
    vs: list[VRule]
    skew: float  # degrees the scan was turned by
    image: Any  # the upright (deskewed, turned) greyscale image the coordinates refer to


def engine_version() -> str:
    from importlib.metadata import version

    return f"{OCR_ENGINE} {version('rapidocr')}"


@cache
def _engine() -> Any:
    """The RapidOCR engine, loaded once per process (its sessions are shared under a lock).

    The angle classifier is off: it flips some long lines 180° and loses them.
    """
    from rapidocr import RapidOCR

    return RapidOCR(
        params={
            "Global.use_cls": False,
            "Global.return_word_box": True,
            "Global.return_single_char_box": True,
            "Global.log_level": "critical",
            "Global.max_side_len": 4000,  # the page as rendered: no downscaling
            # Text is found on the page shrunk to ~230 dpi (A4), then read from the full
            # image: finding costs as much as reading at 300 dpi, and gains nothing from it.
            "Det.limit_type": "max",
            "Det.limit_side_len": DET_MAX_SIDE,
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        }
    )


def preload_ocr() -> None:
    """Load the OCR models now (a pool worker, before its first scan)."""
    _engine()


# -- the image ------------------------------------------------------------------------------


def render_page(pdf: Any, index: int, dpi: int) -> Any:
    """Page ``index`` of an open pypdfium2 document as a greyscale numpy image."""
    with PDFIUM_LOCK:
        page = pdf[index]
        try:
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            try:
                image = bitmap.to_numpy().copy()
            finally:
                bitmap.close()
        finally:
            page.close()
    if image.ndim == 3:
        image = image[:, :, 0]
    return image


def skew_angle(gray: Any, max_deg: float = MAX_SKEW_DEG, step: float = 0.05) -> float:
    """The angle (degrees) the page is turned by: its text lines' sharpest projection profile."""
    import cv2
    import numpy as np

    h, w = gray.shape
    f = min(1.0, 1200 / max(h, w))
    small = gray
    if f < 1:
        small = cv2.resize(gray, (int(w * f), int(h * f)), interpolation=cv2.INTER_AREA)
    ink = image_to_ink(small)
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(deg: float) -> float:
        m = cv2.getRotationMatrix2D(centre, deg, 1.0)
        turned = cv2.warpAffine(ink, m, (ink.shape[1], ink.shape[0]), flags=cv2.INTER_NEAREST)
        return float(np.var(turned.sum(axis=1, dtype=np.float64)))

    coarse = max(
        (round(-max_deg + k * 0.25, 2) for k in range(int(2 * max_deg / 0.25) + 1)),
        key=sharpness,
    )
    fine = [coarse + k * step for k in range(-5, 6)]
    return float(max(fine, key=sharpness))


def deskew(gray: Any, deg: float) -> Any:
    """The image turned back by ``deg`` degrees, the corners filled white."""
    import cv2

    if abs(deg) < 0.02:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(
        gray, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )


def image_to_ink(gray: Any) -> Any:
    """The inked pixels (255) of a greyscale image: Otsu's threshold, inverted."""
    import cv2

    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def image_to_rules(
    gray: Any, scale: float, ink: Any = None
) -> tuple[list[HRule], list[VRule], Any]:
    """Rules drawn on the image, in points; and the mask of their pixels.

    ``scale`` is pixels per point; ``ink`` the image's :func:`image_to_ink` when already made.
    A component of the opened image that is long and thin is a rule; its thickness is kept.
    """
    import cv2
    import numpy as np

    ink = image_to_ink(gray) if ink is None else ink
    k = max(8, round(RULE_KERNEL_PT * scale))
    thick = RULE_MAX_PT * scale
    hs: list[HRule] = []
    vs: list[VRule] = []
    mask = np.zeros_like(ink)
    for horizontal in (True, False):
        shape = (k, 1) if horizontal else (1, k)
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, shape)
        opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        n, labels, stats, _ = cv2.connectedComponentsWithStats(opened, connectivity=8)
        for i in range(1, n):
            x, y, w, h, _area = (int(v) for v in stats[i])
            across = h if horizontal else w
            if across > thick:
                continue  # a filled area (a shaded header, a logo)
            mask[labels == i] = 255
            if horizontal:
                hs.append(HRule((y + h / 2) / scale, x / scale, (x + w) / scale, h / scale))
            else:
                vs.append(VRule((x + w / 2) / scale, y / scale, (y + h) / scale, w / scale))
    return hs, vs, mask


# -- OCR ------------------------------------------------------------------------------------


def ocr_glyphs(gray: Any) -> list[list[OcrGlyph]]:
    """The engine's lines of characters, each with its score and box (pixels)."""
    engine = _engine()
    with _ENGINE_LOCK:
        result = engine(gray)
    lines: list[list[OcrGlyph]] = []
    for words in getattr(result, "word_results", None) or ():
        line = []
        for text, score, box in words:
            xs = [p[0] for p in box]
            ys = [p[1] for p in box]
            line.append(OcrGlyph(str(text), float(score), min(xs), min(ys), max(xs), max(ys)))
        if line:
            lines.append(line)
    return lines


def is_vertical(lines: Sequence[Sequence[OcrGlyph]]) -> bool:
    """Whether most of the text runs top to bottom (縦書き): lines far taller than wide."""
    tall = wide = 0
    for line in lines:
        if len(line) < 3:
            continue
        w = max(g.x1 for g in line) - min(g.x0 for g in line)
        h = max(g.bottom for g in line) - min(g.top for g in line)
        tall += h > 2 * w
        wide += w > 2 * h
    return tall > 3 and tall > wide


def _ink_extent(ink: Any, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float]:
    """The rows of the box that hold ink (rules removed): the text's own top and bottom."""
    import numpy as np

    h, w = ink.shape
    a, b = max(0, int(top)), min(h, math.ceil(bottom))
    c, d = max(0, int(x0)), min(w, math.ceil(x1))
    if b <= a or d <= c:
        return top, bottom
    rows = np.flatnonzero(ink[a:b, c:d].any(axis=1))
    if not len(rows):
        return top, bottom
    return float(a + rows[0]), float(a + rows[-1] + 1)


def fix_ocr_text(line: str) -> str:
    """Post-OCR fixes of one line (vocabulary in the lexicon's [ocr] section).

    Chinese glyph variants become the Japanese ones; 「一」 or 「ー」 next to 省略 / 略 is the
    dash of an omission marker (「－省略－」); 〇 opening a line is a ○ bullet; · is ・;
    a kanji look-alike beside katakana is the katakana (「力一ド」 → 「カード」).
    """
    ocr = lexicon().ocr
    out = "".join(ocr.variants.get(ch, ch) for ch in line)
    for word in ocr.omission_words:
        for dash in ocr.dash_misreads:
            out = out.replace(dash + word, "－" + word).replace(word + dash, word + "－")
    if out[:1] in ocr.bullet_misreads and len(out) > 1:
        out = "○" + out[1:]
    return _katakana_in_context(out, ocr.katakana, ocr.one_words)


def _is_katakana(ch: str) -> bool:
    return "\u30a1" <= ch <= "\u30fa" or ch == "ー"


def _katakana_in_context(text: str, lookalikes: dict[str, str], one_words: Sequence[str]) -> str:
    """Kanji look-alikes (力, 一, 口 …) read inside katakana words are the katakana.

    A run of two or more look-alikes beside katakana is katakana (「番号力一ド」 → 「カード」).
    One look-alike is when katakana stands on one side and no kanji on the other (「人口ビジョ
    ン」 keeps its 口); a 「一」 after katakana is a long vowel unless it opens a word of its own
    (「サービス一覧」).
    """
    out = list(text)
    i = 0
    while i < len(out):
        if out[i] not in lookalikes:
            i += 1
            continue
        j = i
        while j < len(out) and out[j] in lookalikes:
            j += 1
        left = out[i - 1] if i > 0 else ""
        right = out[j] if j < len(out) else ""
        kata_l, kata_r = _is_katakana(left), _is_katakana(right)
        if j - i >= 2:
            fix = kata_l or kata_r
        elif out[i] == "一":
            rest = "".join(out[i : i + 4])
            fix = kata_l and not any(rest.startswith(w) for w in one_words)
        else:
            fix = (kata_l and not _is_kanji(right)) or (kata_r and not _is_kanji(left))
        if fix:
            for k in range(i, j):
                out[k] = lookalikes[out[k]]
        i = j
    return "".join(out)


def _is_kanji(ch: str) -> bool:
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")


def _line_band(line: Sequence[OcrGlyph]) -> tuple[float, float]:
    """The rows the line's text can occupy: its centre ± 0.65 of its character pitch.

    The detector's box is padded to half again the text's height, so in tightly set cells it
    reaches into the lines above and below; their ink must not count. The pitch of
    full-width characters is the font size; a line without them takes two thirds of its box.
    """
    top = min(g.top for g in line)
    bottom = max(g.bottom for g in line)
    centre = (top + bottom) / 2
    wide = sorted(g.x1 - g.x0 for g in line if ord(g.text[:1] or " ") >= 0x3000)
    pitch = wide[len(wide) // 2] if len(wide) >= 2 else (bottom - top) * 2 / 3
    half = min(0.65 * pitch, (bottom - top) / 2)
    return centre - half, centre + half


def glyphs_to_chars(lines: Sequence[Sequence[OcrGlyph]], ink: Any, scale: float) -> list[Char]:
    """The engine's characters as :class:`Char` in points, each with its confidence."""
    chars: list[Char] = []
    for line in lines:
        x0 = min(g.x0 for g in line)
        x1 = max(g.x1 for g in line)
        top, bottom = _line_band(line)
        top, bottom = _ink_extent(ink, x0, top, x1, bottom)
        size = max(1.0, (bottom - top) / scale)
        fixed = fix_ocr_text("".join(g.text for g in line))
        if len(fixed) != len(line):
            fixed = "".join(g.text for g in line)  # a fix must keep one glyph per character
        for g, ch in zip(line, fixed, strict=True):
            chars.append(
                Char(
                    text=ch,
                    x0=g.x0 / scale,
                    x1=g.x1 / scale,
                    top=top / scale,
                    bottom=bottom / scale,
                    size=size,
                    conf=round(g.score, 4),
                )
            )
    return chars


MIN_SIDEWAYS_CONFIDENCE = 0.75
"""A page whose lines run top to bottom is read turned a quarter; below this mean confidence
it is vertical writing (縦書き), which the models cannot read, and is refused."""


def _mean_score(lines: Sequence[Sequence[OcrGlyph]]) -> float:
    scores = [g.score for line in lines for g in line]
    return sum(scores) / len(scores) if scores else 0.0


GlyphReader = Callable[[Any], list[list[OcrGlyph]]]
"""An OCR engine: a greyscale page image to lines of characters with scores and boxes."""


def ocr_page(gray: Any, scale: float, read: GlyphReader | None = None) -> OcrPage:
    """Read one page image (``scale`` pixels per point): deskew, rules, OCR.

    A page scanned sideways (its lines run top to bottom) is read turned a quarter either
    way, and the reading with the better confidence kept; if neither reads well, the page
    is vertical writing (縦書き) and ``vertical_text`` is raised. ``read`` is the engine
    (RapidOCR by default; the OCR benchmark also runs Tesseract through it).
    """
    import numpy as np

    read = read or ocr_glyphs
    skew = skew_angle(gray)
    upright = deskew(gray, skew)
    lines = read(upright)
    if is_vertical(lines):
        reads = []
        for k in (1, 3):
            turned = np.ascontiguousarray(np.rot90(gray, k))
            turned_skew = skew_angle(turned)
            turned_upright = deskew(turned, turned_skew)
            reads.append((read(turned_upright), turned_upright, turned_skew))
        lines, upright, skew = max(reads, key=lambda r: _mean_score(r[0]))
        if is_vertical(lines) or _mean_score(lines) < MIN_SIDEWAYS_CONFIDENCE:
            raise VerticalTextError("the page's text runs top to bottom (縦書き)")
    return _page_from_lines(upright, lines, scale, skew)


def _page_from_lines(
    upright: Any, lines: Sequence[Sequence[OcrGlyph]], scale: float, skew: float
) -> OcrPage:
    ink = image_to_ink(upright)
    hs, vs, rule_mask = image_to_rules(upright, scale, ink)
    ink[rule_mask > 0] = 0  # the text's own ink: rules cut out
    return OcrPage(glyphs_to_chars(lines, ink, scale), hs, vs, skew, upright)


def ocr_page_to_layout(pdf: Any, index: int, settings: ExtractSettings) -> PageLayout:
    """Page ``index`` (0-based) of an open pypdfium2 document, read by OCR."""
    return ocr_page_and_image(pdf, index, settings)[0]


def ocr_page_and_image(pdf: Any, index: int, settings: ExtractSettings) -> tuple[PageLayout, Any]:
    """The OCR'd page and the upright image its coordinates refer to (for the debug picture)."""
    gray = render_page(pdf, index, settings.ocr_dpi)
    page = ocr_page(gray, settings.ocr_dpi / 72.0)
    h, w = page.image.shape
    hs, vs, under = rules_to_lines(page.hs, page.vs, page.chars, settings)
    layout = PageLayout(
        index + 1,
        w * 72.0 / settings.ocr_dpi,
        h * 72.0 / settings.ocr_dpi,
        page.chars,
        hs,
        vs,
        underlines=under,
        ocr=True,
        skew=round(page.skew, 2),
    )
    return layout, page.image
