"""Comparison tables held together by alignment alone: no cell borders, or only a few rules.

LibreOffice drops the cell borders of an HTML table it prints, Word users switch them off,
and legal-style tables rule only the header. This finder reads such a table from its text,
as a reader does:

1. **header** (:func:`find_headers`): a line whose words (runs of glyphs split at wide gaps)
   are column labels naming a before and an after column; a label may wrap onto a second
   line (「変更」/「理由」, 「変更前」/「（現行）」);
2. **columns** (:func:`gutters_to_columns`): each boundary lies in the blank strip between two
   labels that no glyph of the body covers, at the left edge of the next column's text (cells
   are left-aligned; their right edges are ragged);
3. **foot** (:func:`table_foot`): the table ends at the first line that runs across a
   boundary (an appendix, a note under the table) or at the page number;
4. **rows** (:func:`row_tops`): where a row opens. When the table's rows open with location
   markers (第N条, 計画書 N ページ, 別表), at a marker with no line of another column running
   across it; otherwise where paragraphs start together in two columns or more after a blank
   band across the whole table, wider than the gaps between paragraphs inside a cell. A real
   rule that crosses a column boundary is always a row border.

Pure functions over :class:`~.layout.Line` and :class:`~.layout.Char`; the page stage
(:mod:`.page`) cuts the cells and their blocks as for a ruled table.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from .geometry import HRule
from .layout import Char, Line, chars_to_lines
from .markers import CAPTION, MARKER, PAGE_NUMBER, is_omission
from .roles import clean_label, header_to_role
from .text import normalize_text

WORD_GAP_EM = 2.0
"""Glyphs further apart than this (in character sizes) belong to different header words; a
letter-spaced label (「変　更　前」) keeps its glyphs a full em apart."""

MAX_LABEL_CHARS = 12

Span = tuple[float, float]


@dataclass(frozen=True)
class Header:
    """A header printed as text: each label with the x-extent of its glyphs."""

    labels: list[str]
    spans: list[Span]
    top: float
    bottom: float


def _glyphs(line: Line) -> list[Char]:
    return [c for c in line.chars if not c.text.isspace()]


def line_to_words(line: Line, gap_em: float = WORD_GAP_EM) -> list[list[Char]]:
    """The line's glyphs in runs split where the gap is wider than ``gap_em`` characters."""
    words: list[list[Char]] = []
    for c in _glyphs(line):
        if words and c.x0 - words[-1][-1].x1 <= gap_em * max(c.size, words[-1][-1].size):
            words[-1].append(c)
        else:
            words.append([c])
    return words


def _word_text(word: Sequence[Char]) -> str:
    return "".join(c.text for c in word)


def _as_header(words: Sequence[Sequence[Char]], top: float, bottom: float) -> Header | None:
    labels = [_word_text(w) for w in words]
    if not 2 <= len(labels) <= 6:
        return None
    if any(len(clean_label(lb)) > MAX_LABEL_CHARS for lb in labels):
        return None
    roles = [header_to_role(lb) for lb in labels]
    if "before" not in roles or "after" not in roles or roles.count(None) > 1:
        return None
    if len({r for r in roles if r}) != sum(1 for r in roles if r):
        return None  # one role twice: a sentence listing the words, not a header
    spans = [(min(c.x0 for c in w), max(c.x1 for c in w)) for w in words]
    return Header(labels, spans, top, bottom)


def _wrapped(first: list[list[Char]], second: list[list[Char]]) -> list[list[Char]] | None:
    """The words of a two-line header, each second-line word under one first-line word."""
    merged = [list(w) for w in first]
    for w in second:
        x0, x1 = min(c.x0 for c in w), max(c.x1 for c in w)
        under = [
            k
            for k, f in enumerate(first)
            if min(x1, max(c.x1 for c in f)) - max(x0, min(c.x0 for c in f)) > -1.0 * w[0].size
        ]
        if len(under) != 1:
            return None
        merged[under[0]] += w
    return merged


def find_headers(lines: Sequence[Line]) -> list[tuple[Header, int, int]]:
    """Header lines on the page, top to bottom.

    Each comes with the index of its first line and of the line after it.
    """
    found: list[tuple[Header, int, int]] = []
    k = 0
    while k < len(lines):
        ln = lines[k]
        words = line_to_words(ln)
        header = _as_header(words, ln.top, ln.bottom)
        nxt = k + 1
        if k + 1 < len(lines) and lines[k + 1].top - ln.bottom < 0.8 * ln.size:
            below = lines[k + 1]
            merged = _wrapped(words, line_to_words(below))
            if merged is not None:
                two = _as_header(merged, ln.top, below.bottom)
                if two is not None and (header is None or _roles(two) != _roles(header)):
                    header, nxt = two, k + 2
                elif two is not None and header is not None:
                    header, nxt = two, k + 2  # 「変更前」/「（現行）」: the note is the header's
        if header is not None:
            found.append((header, k, nxt))
            k = nxt
            continue
        k += 1
    return found


def _roles(h: Header) -> list[str | None]:
    return [header_to_role(lb) for lb in h.labels]


# -- columns ---------------------------------------------------------------------------------


Interval = tuple[float, float]


def _occupied(line: Line) -> list[Interval]:
    """What a line's text covers: its glyphs, and the spaces between its words."""
    glyphs = _glyphs(line)
    if not glyphs:
        return []
    return [(c.x0, c.x1) for c in glyphs] + [(c.x0, c.x1) for c in _word_spaces(line)]


def _word_spaces(line: Line) -> list[Char]:
    """Spaces the text of one line has: ideographic ones, and narrow word spaces.

    An ASCII space half a character wide or more is a gap a reader filled in (PDFium adds
    one between text runs set apart, as between two cells), not a space the text has.
    """
    glyphs = _glyphs(line)
    if not glyphs:
        return []
    x0, x1 = min(c.x0 for c in glyphs), max(c.x1 for c in glyphs)
    return [
        c
        for c in line.chars
        if c.text.isspace()
        and x0 < c.xc < x1
        and (c.text == "\u3000" or c.x1 - c.x0 < 0.5 * line.size)
    ]


def _subtract(free: list[Interval], used: Sequence[Interval]) -> list[Interval]:
    out = free
    for u0, u1 in used:
        nxt: list[Interval] = []
        for f0, f1 in out:
            if u1 <= f0 or u0 >= f1:
                nxt.append((f0, f1))
                continue
            if u0 - f0 > 0.25:
                nxt.append((f0, u0))
            if f1 - u1 > 0.25:
                nxt.append((u1, f1))
        out = nxt
    return out


def sweep_columns(header: Header, body: Sequence[Line]) -> tuple[list[Span], int] | None:
    """Column extents and the index of the first line that is not the table's.

    Between each two labels, the strips that no line has covered yet are followed down the
    body; the table ends at the first line that would leave two labels with no strip
    between them (a paragraph under the table runs across). Each boundary is then at the
    right end of the widest strip left, a point short of the next column's left edge (cells
    are left-aligned; their right edges are ragged). None when a header's labels touch.
    """
    free = [
        [(a1, b0)] if b0 - a1 > 0.5 else [] for (_, a1), (b0, _) in itertools.pairwise(header.spans)
    ]
    if not all(free):
        return None
    foot = len(body)
    for k, ln in enumerate(body):
        used = _occupied(ln)
        nxt = [_subtract(f, used) for f in free]
        if not all(nxt):
            foot = k
            break
        free = nxt
    bounds = []
    for strips in free:
        s0, s1 = max(strips, key=lambda s: (s[1] - s[0], s[1]))
        bounds.append(max(s0 + (s1 - s0) / 2, s1 - 1.0))
    glyphs = [c for ln in body[:foot] for c in _glyphs(ln)]
    left = min([header.spans[0][0], *(c.x0 for c in glyphs)]) - 1.0
    right = max([header.spans[-1][1], *(c.x1 for c in glyphs)]) + 1.0
    return list(itertools.pairwise([left, *bounds, right])), foot


def crosses(line: Line, bounds: Sequence[float]) -> bool:
    """Whether the line's text runs across a column boundary.

    A glyph lies on the boundary, or the glyphs either side of it abut (Japanese text sets
    glyphs edge to edge), or a space glyph fills the gap (words of one line). A gutter can
    be as narrow as a third of a character (LibreOffice prints cells without padding), so
    the width of the gap alone does not tell.
    """
    glyphs = _glyphs(line)
    spaces = _word_spaces(line)
    for b in bounds:
        if any(c.x0 < b - 0.5 and c.x1 > b + 0.5 for c in glyphs):
            return True
        left = max((c.x1 for c in glyphs if c.x1 <= b + 0.5), default=None)
        right = min((c.x0 for c in glyphs if c.x0 >= b - 0.5), default=None)
        if left is None or right is None:
            continue
        if right - left < 0.1 * line.size:
            return True
        if any(s.x0 <= left + 1.0 and s.x1 >= right - 1.0 for s in spaces):
            return True
    return False


def table_foot(body: Sequence[Line], cols: Sequence[Span], *, headings: bool = True) -> int:
    """Index of the first line that is not the table's: across a boundary, or a page number.

    With ``headings``, short lines that head the text under the table go with that text.
    """
    bounds = [x1 for _, x1 in cols[:-1]]
    for k, ln in enumerate(body):
        if crosses(ln, bounds):
            return _heading_above(body, k, cols[0][1]) if headings else k
        if k == len(body) - 1 and PAGE_NUMBER.match(normalize_text(ln.text())):
            return k
    return len(body)


def _heading_above(body: Sequence[Line], foot: int, first_col_end: float) -> int:
    """The foot moved up over short lines that head the text under the table.

    A line in the first column only, nearer to the text below it than to the table above
    (「参考資料（見直しの経過）」 over the appendix), is the appendix's.
    """
    k = foot
    while k >= 2:
        ln = body[k - 1]
        above = ln.top - body[k - 2].bottom
        below = body[k].top - ln.bottom
        if ln.x1 > first_col_end or above < 0.8 * ln.size or below >= above:
            break
        k -= 1
    return _list_above(body, k, first_col_end)


def _list_above(body: Sequence[Line], foot: int, first_col_end: float) -> int:
    """The foot moved up over a list in the first column set apart from the table.

    Lines under the table's last line that prints beside another column, all in the first
    column, and parted from the table by a blank of two lines or more, twice as wide as any
    gap between them (a 「【参考】策定経過」 list whose entries fit in the first column), are
    not the table's.
    """
    tail = foot
    while tail > 0 and body[tail - 1].x1 <= first_col_end:
        tail -= 1
    if tail == 0 or tail == foot:
        return foot
    gaps = [body[j].top - body[j - 1].bottom for j in range(tail, foot)]
    if len(gaps) < 2:
        return foot
    widest = max(range(len(gaps)), key=lambda j: gaps[j])
    rest = gaps[widest + 1 :] or [0.0]
    if gaps[widest] >= max(2.0 * max(rest), 2.0 * body[tail].size):
        return tail + widest
    return foot


def fit_columns(
    header: Header, body: Sequence[Line], *, headings: bool = True
) -> tuple[list[Span], int] | None:
    """Columns and the table's foot (:func:`sweep_columns`), the page number left out.

    With ``headings``, short lines that head the text under the table go with that text
    (:func:`_heading_above`).
    """
    fit = sweep_columns(header, body)
    if fit is None:
        return None
    cols, foot = fit
    if foot < len(body):
        if headings:
            foot = _heading_above(body, foot, cols[0][1])
    elif body and PAGE_NUMBER.match(normalize_text(body[-1].text())):
        foot -= 1
        cols = sweep_columns(header, body[:foot])[0] if foot else cols  # type: ignore[index]
    if foot == 0:
        return None
    return cols, foot


def _lines_in(
    chars: Sequence[Char], cols: Sequence[Span], top: float, bottom: float
) -> list[list[Line]]:
    return [
        chars_to_lines(
            c for c in chars if x0 <= c.xc < x1 and top <= c.yc <= bottom and not c.text.isspace()
        )
        for x0, x1 in cols
    ]


@dataclass(frozen=True)
class Opening:
    """A line that opens a row in one column: its top, column and markers.

    ``keys`` are the markers of the block it opens: 「計画書31ページ」 and the 「第５章」 printed
    right under it, so that another column opening with 「第５章」 is the same row.
    """

    top: float
    col: int
    keys: frozenset[str]


def marker_openings(lines: Sequence[Line], col: int = 0) -> list[Opening]:
    """The lines of one column that open a row: a marker, or the caption above one.

    Marker lines printed right under an opening (「計画書 24 ページ」 / 「第４章 成果目標」)
    belong to it and open nothing more.
    """
    texts = [normalize_text(ln.text()) for ln in lines]
    out: list[Opening] = []
    k = 0
    while k < len(lines):
        m = MARKER.match(texts[k])
        caption = (
            m is None
            and CAPTION.match(texts[k]) is not None
            and k + 1 < len(texts)
            and MARKER.match(texts[k + 1]) is not None
        )
        if m is None and not caption:
            k += 1
            continue
        top = lines[k].top
        keys: set[str] = set()
        j = k + 1 if caption else k
        while j < len(lines) and (mm := MARKER.match(texts[j])) is not None:
            keys.add(_key(mm.group(0)))
            if j + 1 >= len(lines) or lines[j + 1].top - lines[j].bottom > 0.8 * lines[j].size:
                break
            j += 1
        out.append(Opening(top, col, frozenset(keys)))
        k = j + 1
    return out


def _key(marker: str) -> str:
    return "".join(marker.split())


def _marker_cuts(
    by_col: Sequence[Sequence[Line]], bands: Sequence[tuple[float, float]], size: float
) -> list[float]:
    """Where rows open in a table whose rows open with markers.

    The openings of one row are grouped: the same marker in several columns (「P.16」 |
    「P.16」), or markers that start together. Cells may be centred vertically (LibreOffice),
    so one row's markers can stand at different heights; the row opens at the widest blank
    band between the row above and its first marker. A row whose columns only say that text
    is left out (「（略）」 | 「（略）」) opens one too, when the band above it is as wide as
    those above the rows that open with markers (not an 「－省略－」 under a heading).
    """
    opens = sorted(
        (o for c, col in enumerate(by_col) for o in marker_openings(col, c)), key=lambda o: o.top
    )
    groups: list[list[Opening]] = []
    for o in opens:
        g = groups[-1] if groups else None
        if g is not None and (
            o.top - g[0].top <= 1.5 * size
            or (
                o.keys & frozenset().union(*(x.keys for x in g)) and o.col not in {x.col for x in g}
            )
        ):
            g.append(o)
        else:
            groups.append([o])
    cuts: list[tuple[float, float]] = []  # (cut, height of the band cut)
    floor = -1.0
    for g in groups:
        at = g[0].top
        room = [(a, b) for a, b in bands if floor < a and b <= at + 0.5]
        if room:
            a, b = max(room, key=lambda ab: (round(ab[1] - ab[0], 1), ab[1]))
            cuts.append((b - min(0.5, (b - a) / 2), b - a))
        floor = max(g[-1].top, at)
    if cuts:
        row_gap = 0.8 * median(h for _, h in cuts)
        for a, b in bands:
            starting = [ln for col in by_col for ln in col if abs(ln.top - b) <= 0.5 * size]
            texts = [normalize_text(ln.text()) for ln in starting]
            if (
                b - a >= row_gap
                and len(starting) >= 2
                and (
                    all(is_omission(t) for t in texts)
                    # the same numbered item opening two columns: 「２　多目的グラウンド」
                    or (len(set(texts)) == 1 and _ITEM.match(texts[0]) is not None)
                )
            ):
                cuts.append((b - min(0.5, (b - a) / 2), b - a))
    return [y for y, _ in cuts]


_ITEM = re.compile(r"^\s*(?:[0-9０-９]{1,2}|[(（][0-9０-９]{1,2}[)）])\s*\S")


def _bands(by_col: Sequence[Sequence[Line]], top: float) -> list[tuple[float, float]]:
    """Blank bands across the whole table: (upper edge, lower edge), top to bottom."""
    spans = sorted((ln.top, ln.bottom) for col in by_col for ln in col)
    out: list[tuple[float, float]] = []
    reach = top
    for t, b in spans:
        if t > reach:
            out.append((reach, t))
        reach = max(reach, b)
    return out


def uses_markers(by_col: Sequence[Sequence[Line]], size: float) -> bool:
    """Whether the table's rows open with location markers.

    Its first line is one, or two rows below it open with one.
    """
    lines = [ln for col in by_col for ln in col]
    if not lines:
        return False
    first = min(ln.top for ln in lines)
    opens = [o.top for c, col in enumerate(by_col) for o in marker_openings(col, c)]
    at_first = any(abs(t - first) < 0.5 * size for t in opens)
    return at_first or len({round(t) for t in opens if t > first + 0.5 * size}) >= 2


def row_tops(
    chars: Sequence[Char],
    cols: Sequence[Span],
    top: float,
    bottom: float,
    rules: Sequence[HRule] = (),
    markers: bool | None = None,
) -> tuple[list[float], bool]:
    """Heights where the table's rows open below the first, which opens at ``top``.

    Also says whether rows open at markers: ``markers`` as decided on an earlier page of
    the table, or None to judge from this page.
    """
    by_col = _lines_in(chars, cols, top, bottom)
    lines = [ln for col in by_col for ln in col]
    if not lines:
        return [], bool(markers)
    size = median(ln.size for ln in lines)
    if markers is None:
        markers = uses_markers(by_col, size)
    bands = [(a, b) for a, b in _bands(by_col, top) if a > top + 0.5 * size]
    first = min(ln.top for ln in lines)
    inner = [x1 for _, x1 in cols[:-1]]
    ruled = [
        h.y
        for h in rules
        if first + 0.5 * size < h.y < bottom
        and any(h.x0 < xb - 1 and h.x1 > xb + 1 for xb in inner)
        and any(a - 1 <= h.y <= b + 1 for a, b in bands)
    ]
    cuts = _marker_cuts(by_col, bands, size) if markers else _paragraph_cuts(by_col, bands, size)
    cuts += ruled
    out: list[float] = []
    for y in sorted(cuts):
        if (
            y > first + 0.5 * size
            and (not out or y - out[-1] > size)
            and not _markers_only(by_col, out[-1] if out else top, y)
        ):
            out.append(y)
    return out, markers


def _markers_only(by_col: Sequence[Sequence[Line]], top: float, bottom: float) -> bool:
    """Whether the row between two cuts holds nothing but its location markers.

    A row is not its marker alone: 「P.1」 over 「第１章 計画の策定にあたって」 (a marker
    too) opens one row. Columns without a marker there (the reason beside it) do not count.
    """

    def alone(t: str) -> bool:
        return (m := MARKER.match(t)) is not None and m.end() >= len(t) - 1

    marked = 0
    for col in by_col:
        texts = [
            "".join(normalize_text(ln.text()).split())
            for ln in col
            if top < (ln.top + ln.bottom) / 2 < bottom
        ]
        if any(MARKER.match(t) for t in texts):
            if not all(alone(t) for t in texts):
                return False
            marked += 1
    return marked > 0


def _paragraph_cuts(
    by_col: Sequence[Sequence[Line]], bands: Sequence[tuple[float, float]], size: float
) -> list[float]:
    """Bands under which two columns or more start together, wider than a cell's own gaps.

    Two scales tell a row gap from a paragraph gap inside a cell: the leading between the
    lines of a paragraph, and the gaps between paragraphs of one column where another column
    runs on beside them. A row gap is wider than both; when the remaining bands still fall
    into two sizes (paragraphs that start together in both columns), the wider ones are rows.
    """
    filled = sum(1 for col in by_col if col)
    starts: list[tuple[float, float]] = []  # (upper edge, height)
    for a, b in bands:
        n = sum(1 for col in by_col if any(abs(ln.top - b) <= 0.5 * size for ln in col))
        if n >= min(2, filled):
            starts.append((a, b - a))
    if not starts:
        return []
    leading = [v.top - u.bottom for col in by_col for u, v in itertools.pairwise(col)]
    inner = [  # gaps inside one cell: no band across the table lies in them
        v.top - u.bottom
        for col in by_col
        for u, v in itertools.pairwise(col)
        if not any(a < v.top - 0.5 and b > u.bottom + 0.5 for a, b in bands)
    ]
    line_gap = median(leading) if leading else 0.3 * size
    floor = max(line_gap + 0.25 * size, max(inner, default=0.0) + 0.1 * size)
    kept = [(a, h) for a, h in starts if h >= floor]
    if len(kept) >= 2:
        floor = _split_heights(sorted(h for _, h in kept))
        kept = [(a, h) for a, h in kept if h >= floor - 1e-6]
    return [a + h - min(0.5, h / 2) for a, h in kept]


def _split_heights(heights: Sequence[float]) -> float:
    """The lower edge of the widest jump in sorted heights, when one stands out (x1.5)."""
    jumps = [(b / max(a, 0.1), b) for a, b in itertools.pairwise(heights)]
    ratio, at = max(jumps)
    return at if ratio >= 1.5 else heights[0]
