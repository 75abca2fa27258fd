"""Characters to lines, lines to reading order, and printed text to a cell's reading text.

``chars_to_lines`` → ``lines_to_columns`` (borderless multi-column runs) →
:class:`TextBuilder` (joins lines into paragraphs, tracks marks and table offsets).
Pure: the input is plain dataclasses, testable without a PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from shinkyu.schemas.lexicon import lexicon

from .text import continues_number, is_combining, needs_space, normalize_char

C = TypeVar("C")


@dataclass(frozen=True)
class Char:
    """One printed glyph."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    color: str | None = None  # "#rrggbb" when the glyph is printed in a chromatic colour
    underlined: bool = False
    conf: float | None = None  # OCR'd glyphs: the engine's confidence (0–1)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """Chars printed on one baseline, left to right."""

    chars: list[Char]

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return min(c.top for c in self.chars)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.chars)

    @property
    def size(self) -> float:
        sizes = sorted(c.size for c in self.chars if not c.text.isspace()) or [10.0]
        return sizes[len(sizes) // 2]

    def text(self) -> str:
        return "".join(c.text for c in self.chars)


def chars_to_lines(chars: Iterable[Char]) -> list[Line]:
    """Group chars into lines by vertical overlap, top to bottom, each sorted by x."""
    lines: list[Line] = []
    bands: list[tuple[float, float]] = []
    for c in sorted(chars, key=lambda c: (c.top, c.x0)):
        if c.text.isspace() and not lines:
            continue
        placed = False
        for i in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
            top, bottom = bands[i]
            if top - 0.5 <= c.yc <= bottom + 0.5:
                lines[i].chars.append(c)
                bands[i] = (min(top, c.top), max(bottom, c.bottom))
                placed = True
                break
        if not placed:
            lines.append(Line([c]))
            bands.append((c.top, c.bottom))
    out = []
    for ln in lines:
        ln.chars.sort(key=lambda c: c.x0)
        if any(not c.text.isspace() for c in ln.chars):
            out.append(ln)
    out.sort(key=lambda ln: ln.top)
    return out


def _gaps(line: Line, min_gap: float) -> list[tuple[float, float]]:
    gaps = []
    prev_x1: float | None = None
    for c in line.chars:
        if c.text.isspace():
            continue
        if prev_x1 is not None and c.x0 - prev_x1 >= min_gap:
            gaps.append((prev_x1, c.x0))
        prev_x1 = c.x1 if prev_x1 is None else max(prev_x1, c.x1)
    return gaps


def lines_to_columns(lines: Sequence[Line], *, min_lines: int) -> list[Line]:
    """Reorder runs of lines printed as borderless side-by-side columns.

    A run starts at a line with a blank strip wider than 1.5 characters; the strip's right
    end is where the right column starts. The run goes on while no glyph straddles that x
    (a full left column may touch it without a gap). With at least ``min_lines`` lines
    that print on both sides, the run is read column by column: the left parts of all its
    lines first, then the right parts.
    """
    out: list[Line] = []
    i = 0
    n = len(lines)
    while i < n:
        run_end, cut = _find_run(lines, i, min_lines)
        if cut is None:
            out.append(lines[i])
            i += 1
            continue
        left: list[Line] = []
        right: list[Line] = []
        for ln in lines[i:run_end]:
            lc = [c for c in ln.chars if c.xc < cut]
            rc = [c for c in ln.chars if c.xc >= cut]
            if any(not c.text.isspace() for c in lc):
                left.append(Line(lc))
            if any(not c.text.isspace() for c in rc):
                right.append(Line(rc))
        out += left + right
        i = run_end
    return out


_LIST_ITEM = re.compile(r"^\s*(?:[・○●◎◯■□◆◇▪•※\-－]|[①-⑳]|[\(（]?[0-9０-９]+[\)）\.．])")


def _is_item(chars: Sequence[Char]) -> bool:
    return bool(_LIST_ITEM.match("".join(c.text for c in chars)))


def _column_starts(line: Line) -> list[float]:
    """Where a right-hand column may start: after a wide blank, or at an item mark.

    Narrow columns of Japanese text touch each other without a gap, so an item mark inside
    a line is a candidate too.
    """
    size = line.size
    xs = [hi for _, hi in _gaps(line, 1.5 * size)]
    glyphs = [c for c in line.chars if not c.text.isspace()]
    xs += [c.x0 for c in glyphs[1:] if _LIST_ITEM.match(c.text)]
    return sorted(set(xs))


def _find_run(lines: Sequence[Line], start: int, min_lines: int) -> tuple[int, float | None]:
    first = lines[start]
    size = first.size
    best: tuple[int, float | None] = (start + 1, None)
    for x in _column_starts(first):
        cut = x - 0.5
        # Side-by-side columns are lists: both parts of the first line open with an item mark.
        if not (
            _is_item([c for c in first.chars if c.xc < cut])
            and _is_item([c for c in first.chars if c.xc >= cut])
        ):
            continue
        j = start + 1
        items = 1  # lines whose right part opens a list item
        spacing: float | None = None  # the list's own spacing (LibreOffice spaces items)
        while j < len(lines):
            ln = lines[j]
            gap = ln.top - lines[j - 1].bottom
            if gap > (3.0 * size if spacing is None else max(1.5 * size, 1.25 * spacing)):
                break
            spacing = gap if spacing is None else spacing
            glyphs = [c for c in ln.chars if not c.text.isspace()]
            if any(c.x0 < cut - 0.5 and c.x1 > cut + 1.0 for c in glyphs):
                break  # a glyph straddles the column start: not a column layout here
            right = [c for c in glyphs if c.xc >= cut]
            if right and _is_item(right):
                items += 1
            elif not right and items < min_lines:
                break
            j += 1
        if items >= min_lines and j > best[0]:
            best = (j, cut)
    return best


# A printed line that starts a new paragraph: a bullet of the lexicon, a heading number, a
# location marker, an omission marker, or a label with a colon (「目標：」, 「KPI：」).
def _para_start() -> re.Pattern[str]:
    lx = lexicon()
    bullets = "".join(re.escape(b) for b in lx.bullets if len(b) == 1 and b not in "-－‐―*＊")
    words = {*lx.families["indicator"].prefix, *lx.families["project_list"].prefix}
    labels = "|".join(
        re.escape(w) for w in sorted({*words, "目標", "KPI", "ＫＰＩ"}, key=len)[::-1]
    )
    return re.compile(
        rf"^\s*(?:[{bullets}※▼▽▲△《【〔〈]|[①-⑳⑴-⒇㉑-㊿]"
        r"|[\(（](?:[0-9０-９]{1,2}|[一二三四五六七八九十]+|[ア-ン])[\)）]"
        r"|[0-9０-９]+[\.．]|[0-9０-９]{1,2}\u3000|第[0-9０-９一二三四五六七八九十百]+|計画書|基本目標"
        r"|[－—ー-]\s*省"
        rf"|(?:{labels})\s*[:：]|[<＜\[［(（]\s*(?:{labels}))"
    )


_PARA_START = _para_start()


@dataclass
class _Piece:
    text: str  # reading text of the piece
    raw: str
    underlined: bool = False
    color: str | None = None
    sep: bool = False  # a separator we inserted (space, newline, tab)
    conf: float | None = None  # OCR'd glyph: the engine's confidence


@dataclass
class TableSpan:
    """Where a nested table's cells landed in the text."""

    rows: list[list[str]]
    offsets: list[list[tuple[int, int]]]
    start: int
    end: int


@dataclass
class TextBuilder:
    """Accumulates a cell's reading text and raw text with per-character marks."""

    pieces: list[_Piece] = field(default_factory=list)
    tables: list[TableSpan] = field(default_factory=list)
    _len: int = 0

    # -- low level -------------------------------------------------------------------
    def _push(self, p: _Piece) -> None:
        self.pieces.append(p)
        self._len += len(p.text)

    @property
    def length(self) -> int:
        return self._len

    def last_char(self) -> str:
        for p in reversed(self.pieces):
            if p.text:
                return p.text[-1]
        return ""

    def separator(self, sep: str, raw: str | None = None) -> None:
        """Insert a separator (newline, tab or space) unless the text is empty or ends in one."""
        if not self.pieces:
            return
        last = self.last_char()
        if last in "\n\t" or (last == " " and sep == " "):
            return
        if last == " " and sep in "\n\t":
            dropped = self.pieces.pop()
            self._len -= len(dropped.text)
        self._push(_Piece(sep, sep if raw is None else raw, sep=True))

    # -- chars and lines -------------------------------------------------------------
    def add_line(self, line: Line) -> None:
        """Append one printed line's glyphs, with spaces only between narrow characters."""
        prev: Char | None = None
        pending_space = False
        raw_space = ""
        head = ""  # what this line printed so far: a section number 「２　推進体制」 keeps a space
        chars = line.chars
        k = 0
        while k < len(chars):
            c = chars[k]
            cluster = c.text
            # A combining mark composes only when printed over its base (decomposed が);
            # one printed with its own advance is a glyph of its own (a dash, say).
            while (
                k + 1 < len(chars)
                and is_combining(chars[k + 1].text)
                and chars[k + 1].x0 < chars[k].x1 - 0.25 * chars[k].size
            ):
                k += 1
                cluster += chars[k].text
            k += 1
            if c.text.isspace():
                pending_space = True
                raw_space += c.text
                continue
            gap = c.x0 - prev.x1 if prev is not None else 0.0
            if prev is not None and gap > 0.4 * max(c.size, 1.0):
                pending_space = True
            norm = normalize_char(cluster)
            if (
                pending_space
                and not raw_space
                and gap < 1.5 * max(c.size, 1.0)
                and continues_number(self.last_char(), norm[:1])
            ):
                pending_space = False  # letter-spaced digits: one number
            if prev is not None and pending_space:
                if needs_space(self.last_char(), norm[:1]):
                    self._push(
                        _Piece(
                            " ",
                            raw_space or " ",
                            underlined=prev.underlined and c.underlined,
                            sep=True,
                        )
                    )
                elif raw_space and _SECTION_NUMBER.fullmatch(head):
                    # 「２　推進体制」: a section number and its title stay apart
                    self._push(_Piece(" ", raw_space, sep=True))
                elif raw_space:
                    # Printed space between Japanese characters: kept in raw only.
                    self._push(_Piece("", raw_space, sep=True))
            pending_space = False
            raw_space = ""
            self._push(_Piece(norm, cluster, underlined=c.underlined, color=c.color, conf=c.conf))
            head += norm
            prev = c

    def join_line(self, line: Line, *, new_paragraph: bool | None) -> None:
        """Append a line: as a new paragraph, as a wrapped continuation, or directly.

        ``new_paragraph=None`` appends directly, after a separator the caller placed.
        """
        if self.pieces and new_paragraph is not None:
            if new_paragraph:
                self.separator("\n")
            else:
                first = next((c for c in line.chars if not c.text.isspace()), None)
                nxt = normalize_char(first.text)[:1] if first else ""
                if needs_space(self.last_char(), nxt) and not continues_number(
                    self.last_char(), nxt
                ):
                    self.separator(" ", raw="\n")
                else:
                    self._push(_Piece("", "\n", sep=True))
        self.add_line(line)

    def add_table(
        self, rows: Sequence[Sequence[C]], write_cell: Callable[[TextBuilder, C], None]
    ) -> TableSpan:
        """Append a nested table at its place: one line per row, cells parted by tabs.

        ``write_cell`` appends one cell's content; the span records every cell's offsets.
        """
        self.separator("\n")
        start = self.length
        texts: list[list[str]] = []
        offsets: list[list[tuple[int, int]]] = []
        for r, row in enumerate(rows):
            if r:
                self.separator("\n")
            row_texts, row_offs = [], []
            for c, cell in enumerate(row):
                if c:
                    self.separator("\t")
                s = self.length
                write_cell(self, cell)
                e = self.length
                row_offs.append((s, e))
                row_texts.append(self.tail_text(s))
            texts.append(row_texts)
            offsets.append(row_offs)
        end = self.length
        self.separator("\n")
        return TableSpan(texts, offsets, start, end)

    def tail_text(self, start: int) -> str:
        """The text from offset ``start`` to the end, read back only as far as needed.

        A nested table's cell text: joining the whole text per cell made tables quadratic.
        """
        parts: list[str] = []
        pos = self._len
        for p in reversed(self.pieces):
            if pos <= start:
                break
            parts.append(p.text)
            pos -= len(p.text)
        text = "".join(reversed(parts))
        return text[start - pos :] if start > pos else text

    def trim(self) -> None:
        """Drop separators at the end of the text."""
        while self.pieces and self.pieces[-1].sep:
            p = self.pieces.pop()
            self._len -= len(p.text)

    # -- result ----------------------------------------------------------------------
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def raw_text(self) -> str:
        return "".join(p.raw for p in self.pieces)

    def confidence(self) -> float | None:
        """The mean OCR confidence of the glyphs (None when none was OCR'd)."""
        confs = [p.conf for p in self.pieces if p.conf is not None]
        return round(sum(confs) / len(confs), 4) if confs else None

    def doubts(self, threshold: float) -> list[tuple[int, int]]:
        """(start, end) runs of OCR'd glyphs read with a confidence below ``threshold``."""
        runs: list[tuple[int, int]] = []
        pos = 0
        for p in self.pieces:
            n = len(p.text)
            if p.conf is not None and p.conf < threshold and n:
                if runs and runs[-1][1] == pos:
                    runs[-1] = (runs[-1][0], pos + n)
                else:
                    runs.append((pos, pos + n))
            pos += n
        return runs

    def mark_runs(self) -> list[tuple[str, int, int, str | None]]:
        """(kind, start, end, color) runs; a run never crosses a paragraph or table break."""
        runs: list[tuple[str, int, int, str | None]] = []
        pos = 0
        cur_u: int | None = None
        cur_c: tuple[int, str] | None = None
        u_end = 0
        c_end = 0
        for p in self.pieces:
            n = len(p.text)
            breaks = p.sep and p.text in ("\n", "\t")
            if p.sep and not breaks:
                # spaces (or nothing) between two glyphs: part of a run only if both sides are
                if p.underlined and cur_u is not None:
                    u_end = pos + n
                pos += n
                continue
            if p.underlined and not breaks:
                if cur_u is None:
                    cur_u = pos
                u_end = pos + n
            elif cur_u is not None:
                runs.append(("underline", cur_u, u_end, None))
                cur_u = None
            if p.color and not breaks:
                if cur_c is None or cur_c[1] != p.color:
                    if cur_c is not None:
                        runs.append(("color", cur_c[0], c_end, cur_c[1]))
                    cur_c = (pos, p.color)
                c_end = pos + n
            elif cur_c is not None and (breaks or not p.sep):
                runs.append(("color", cur_c[0], c_end, cur_c[1]))
                cur_c = None
            pos += n
        if cur_u is not None:
            runs.append(("underline", cur_u, u_end, None))
        if cur_c is not None:
            runs.append(("color", cur_c[0], c_end, cur_c[1]))
        runs.sort(key=lambda r: (r[1], r[0]))
        return [r for r in runs if r[2] > r[1]]


_SECTION_NUMBER = re.compile(r"[0-9]{1,2}")


def starts_paragraph(line: Line) -> bool:
    """True when a printed line opens a paragraph (bullet, heading number, marker...)."""
    return bool(_PARA_START.match(line.text()))


_UNBREAKABLE = re.compile(
    r"[(（]?[0-9０-９A-Za-zＡ-Ｚａ-ｚ.,，．%％]+(?:[(（][0-9０-９]+[)）])?[^(（)）\s]{0,4}[)）]?"
)


def _unbreakable_width(line: Line) -> float:
    """Width of the run a line breaker keeps whole at the start of ``line``, else one glyph."""
    chars = [c for c in line.chars if not c.text.isspace()]
    if not chars:
        return 0.0
    m = _UNBREAKABLE.match("".join(c.text for c in chars))
    n = max(1, len(m.group()) if m else 1)
    n = min(n, len(chars))
    return chars[n - 1].x1 - chars[0].x0


_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _numbered_paragraph(line: Line) -> bool:
    """Whether the line opens with a 項 number set apart: 「２　市長は…」.

    The ideographic space after the number is printed as a gap (Chromium writes no glyph
    for it), so the text alone reads 「２市長は」; a wrapped line never starts with one or two
    digits followed by a gap of most of a character.
    """
    glyphs = [c for c in line.chars if not c.text.isspace()]
    k = 0
    while k < len(glyphs) and k < 3 and glyphs[k].text in _DIGITS:
        k += 1
    if not 1 <= k <= 2 or k >= len(glyphs):
        return False
    return glyphs[k].x0 - glyphs[k - 1].x1 >= 0.7 * line.size


def opens_paragraph(line: Line) -> bool:
    """Whether a line opens a paragraph by its look alone (not by where the line above ended).

    A bullet, heading number, marker or label (:func:`starts_paragraph`), a 項 number set
    apart by a gap (OCR and Chromium print no glyph for the ideographic space), or an indent.
    """
    return starts_paragraph(line) or _numbered_paragraph(line) or _indented(line)


def _indented(line: Line) -> bool:
    """Whether the line opens with an ideographic space glyph: a paragraph indent (字下げ).

    A line breaker never starts a wrapped line with the space (it hangs at the line's end);
    Chromium prints the indent as a gap without a glyph, LibreOffice and Excel as a glyph.
    """
    return bool(line.chars) and line.chars[0].text == "\u3000"


def _wrapped_middle_dot(para: Sequence[Line], line: Line, room: float) -> bool:
    """Whether a line opening with 「・」 is the rest of a full line that stops mid-phrase.

    LibreOffice lets a middle dot start a line: 「市内３区域（北部・中部」 / 「・南部）」 is
    one phrase, not a list item. Told apart from an item after a heading that happens to
    fill its cell: a bracket is still open, or the paragraph already wrapped once and does
    not itself open with 「・」.
    """
    prev = para[-1]
    text = "".join(ln.text() for ln in para)
    if not line.text().lstrip().startswith("・") or room > 1.0 * prev.size:
        return False
    if text.rstrip().endswith(("。", "．", "」", "）", ")", "：", ":")):
        return False
    unclosed = text.count("（") + text.count("(") > text.count("）") + text.count(")")
    wrapped = len(para) >= 2 and not text.lstrip().startswith("・")
    return unclosed or wrapped


def lines_to_text(
    builder: TextBuilder,
    lines: Sequence[Line],
    *,
    right_edge: float,
    first_new: bool | None = True,
) -> None:
    """Append lines as paragraphs.

    A line continues the previous one unless it starts with a bullet or heading, the
    previous line ended short of ``right_edge``, or a vertical gap parts them.
    """
    prev: Line | None = None
    para: list[Line] = []
    for k, ln in enumerate(lines):
        if k == 0:
            new = first_new
        else:
            assert prev is not None
            size = prev.size
            # A line "ends short" unless the next line's first unbreakable run (a number, a
            # bracketed year 「(2028年度)」, a Latin word) would not have fitted in the room left.
            room = right_edge - prev.x1
            short = room > 2.0 * size and room > _unbreakable_width(ln) + 0.5 * size
            gap = ln.top - prev.bottom > 0.8 * size
            new = (
                (starts_paragraph(ln) and not _wrapped_middle_dot(para, ln, room))
                or _numbered_paragraph(ln)
                or _indented(ln)
                or short
                or gap
            )
        builder.join_line(ln, new_paragraph=new)
        para = [ln] if new or k == 0 else [*para, ln]
        prev = ln
