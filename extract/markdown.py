r"""Markdown / HTML from OCR converters to :class:`Document`: the second front end.

OCR and vision-language converters turn scanned 新旧対照表 into markdown whose table cells hold
HTML (``<p>``, ``<ul>``, ``<u>``, nested ``<table>``), or into plain HTML. This module reads
both into the same model as the PDF front end, with the same text conventions (the text is
built by :class:`~.layout.TextBuilder`: paragraphs ``\n``, nested table rows ``\n`` with cells
``\t``, spaces only between two narrow characters).

Pipeline, each step a small function:

``markdown_to_items`` / ``html_to_items`` (source tables and free text lines, with line
numbers) → ``table_to_parts`` (the real rows of one table; converter artefacts dropped) →
``parts_to_logical_rows`` (a row continued after a page break joins its row) →
``blocks_to_cell`` (styled blocks to a :class:`Cell`) → :func:`extract_markdown`.

Converter artefacts that are cleaned (rule numbers as in ``samples/make_samples.py``):

R1 A markdown table is a header row, a separator, then body rows; headers are compared with
   whitespace removed (「変 更 前」), empty header cells are ignored.
R2 After a real cell, the converter repeats the th/td of the tables nested in it as extra cells
   (flattened copies); they are recognised by their text and skipped, as are empty cells.
R3 Body rows that repeat a nested table's ``<tr>`` are dropped; any other row is content.
R4 Unclosed / misnested block tags (``<ul>`` left open): block elements only end a run of text.
R5 An unclosed ``<b style="color: red;">`` applies to the rest of its ``<td>``.
R6 A table split at a page break (the document title printed again between the halves): a row
   without a location marker (「計画書 N ページ」, 「第N条」) continues the previous logical row
   when the document's rows open with markers.
R7 OCR spaces around numbers (「平成 26 年」) are removed (the reading text drops them anyway).
R10 List items, circled-number headings and omission markers run together on one converter
    line become separate paragraphs.

OCR misreads are not corrected: a suspected one (「二」 where a KPI has its no-baseline dash
「－」) is kept as given and reported in ``Document.warnings`` (code ``ocr_suspect``).
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag
from shinkyu.schemas.model import Document, Issue, Source, TextProv

from .assemble import page_tables_to_document
from .geometry import Grid
from .inputs import _MD_ROW, _MD_SEPARATOR, TextFormat, check_size, sniff_text_format
from .layout import Char, Line
from .page import Block as PageBlock
from .page import Fragment, PageRow, PageTable, TableBlock, TextBlock
from .roles import header_to_role
from .settings import ExtractSettings
from .text import is_combining, normalize_text

# --------------------------------------------------------------------------------------------
# Styled text and blocks
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ch:
    """One character with its inline styling.

    ``u`` / ``color_id`` identify the ``<u>`` / coloured element the character came from, so
    adjacent but distinct spans stay distinct.
    """

    c: str
    u: int | None = None
    color_id: int | None = None
    color: str | None = None


Text = list[Ch]


@dataclass
class Para:
    """One paragraph, list item, heading or omission marker (soft wraps are not breaks)."""

    chars: Text
    align: str = "left"  # "left" | "center"
    indent: int = 0

    @property
    def plain(self) -> str:
        return "".join(ch.c for ch in self.chars)


@dataclass
class TCell:
    """A cell of a nested table; ``raw`` is its text as given (tags removed, spaces kept)."""

    lines: list[Para] = field(default_factory=list)
    header: bool = False
    align: str = "left"
    raw: str = ""


@dataclass
class Table:
    rows: list[list[TCell]]
    header_rows: int
    ruled: bool  # False: borderless layout table (text only, not a nested table)


@dataclass
class Frame:
    """A bordered box (``<div style="border...">``): a frame, not a table."""

    blocks: list[Block]


Block = Para | Table | Frame

# Identities of <u> / coloured elements; unique in the process, so spans of different
# fragments never merge.
_SPAN_IDS = itertools.count(1)

CJK = "\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uff00-\uffef"
# R7: a number with one space on BOTH sides between CJK characters loses those spaces
# (「平成 26 年 11 月」, 「第 1 期」); numbers touching CJK on one side (「基本目標1 安定した」) and
# Latin words (「保育所 ICT システム」) keep them ...
SPACED_NUMBER = re.compile(rf"(?<=[{CJK}]) (\d+(?:[,.]\d+)*) (?=[{CJK}])")
# ... and a number right after Japanese punctuation loses the space after it (「ため、5 年間」).
PUNCT_NUMBER = re.compile(rf"(?<=[、。「（])(\d+(?:[,.]\d+)*) (?=[{CJK}])")
# R10: a new paragraph starts at a bullet (○ ・ ※), a circled number (①..⑳) or an
# omission marker (「－ 省 略 －」) that follows whitespace; not at 「・」 inside a word
# (「標準化・共通化」).
OMISSION = r"[－—ー―\-]\s*省\s*略\s*[－—ー―\-]"
LINE_START = re.compile(rf"\s+(?=[○・※\u2460-\u2473]|{OMISSION})")
OMISSION_LINE = re.compile(rf"^{OMISSION}$")


def collapse(chars: Text) -> Text:
    """Collapse whitespace runs (not the ideographic space) to one ASCII space; strip ends."""
    out: Text = []
    for ch in chars:
        if ch.c.isspace() and ch.c != "\u3000":
            if not out or out[-1].c == " ":
                continue
            out.append(Ch(" ", ch.u, ch.color_id, ch.color))
        else:
            out.append(ch)
    while out and out[-1].c == " ":
        out.pop()
    return out


def delete_spans(chars: Text, pattern: re.Pattern[str]) -> Text:
    """Replace each match of ``pattern`` by its group 1 (a deletion of the other characters)."""
    s = "".join(ch.c for ch in chars)
    keep = [True] * len(chars)
    for m in pattern.finditer(s):
        for i in range(m.start(), m.end()):
            if not (m.start(1) <= i < m.end(1)):
                keep[i] = False
    return [ch for ch, k in zip(chars, keep, strict=True) if k]


def split_lines(chars: Text) -> list[Text]:
    """A run of text to its paragraphs (R10), OCR number spacing removed (R7)."""
    chars = collapse(chars)
    s = "".join(ch.c for ch in chars)
    lines: list[Text] = []
    start = 0
    for m in LINE_START.finditer(s):
        if m.start() > start:
            lines.append(chars[start : m.start()])
        start = m.end()
    lines.append(chars[start:])
    return [delete_spans(delete_spans(line, SPACED_NUMBER), PUNCT_NUMBER) for line in lines if line]


def norm_key(s: str) -> str:
    """Comparison key: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


# --------------------------------------------------------------------------------------------
# HTML fragment -> blocks
# --------------------------------------------------------------------------------------------

INLINE_TAGS = {"u", "b", "strong", "span", "em", "i", "font", "sup", "sub", "s", "a", "mark"}
BLOCK_TAGS = {"p", "ul", "ol", "li", "div", "br", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
# Wrappers whose content is read as is (a whole HTML page, or a stray table part).
TRANSPARENT_TAGS = {"html", "body", "thead", "tbody", "tfoot", "tr", "td", "th", "center"}

_NAMED_COLORS = {
    "red": "#ff0000",
    "blue": "#0000ff",
    "green": "#008000",
    "lime": "#00ff00",
    "orange": "#ffa500",
    "purple": "#800080",
    "magenta": "#ff00ff",
    "fuchsia": "#ff00ff",
    "maroon": "#800000",
    "navy": "#000080",
    "teal": "#008080",
    "olive": "#808000",
    "yellow": "#ffff00",
    "cyan": "#00ffff",
    "aqua": "#00ffff",
}
_HEX = re.compile(r"^#([0-9a-f]{3}|[0-9a-f]{6})$")
_RGB = re.compile(r"^rgba?\((\d+)%?,(\d+)%?,(\d+)%?(?:,[\d.]+)?\)$")


def css_color(value: str) -> str | None:
    """A CSS colour as ``#rrggbb``; None for black, grey and white (not a mark) or unknown."""
    v = value.strip().lower().replace(" ", "").removesuffix("!important")
    rgb: tuple[int, int, int] | None = None
    if v in _NAMED_COLORS:
        h = _NAMED_COLORS[v]
        rgb = (int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16))
    elif m := _HEX.match(v):
        h = m.group(1)
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        rgb = (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    elif m := _RGB.match(v):
        rgb = (min(int(m.group(1)), 255), min(int(m.group(2)), 255), min(int(m.group(3)), 255))
    if rgb is None or rgb[0] == rgb[1] == rgb[2]:
        return None
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def _style(tag: Tag) -> str:
    value = tag.get("style")
    return value.replace(" ", "").lower() if isinstance(value, str) else ""


def _color_of(tag: Tag) -> str | None:
    m = re.search(r"(?:^|;)color:([^;]+)", _style(tag))
    if m:
        return css_color(m.group(1))
    attr = tag.get("color") if tag.name == "font" else None
    return css_color(attr) if isinstance(attr, str) else None


class BlockBuilder:
    """Walks an HTML fragment in document order and emits blocks.

    R4 (unclosed / misnested tags): the converter leaves ``<ul>`` open across the following
    ``<table>`` and ``<p>``. Nesting is therefore ignored: every block element (p, ul, li, div,
    table, br) just ends the current run of text, which becomes one or more paragraphs
    (:func:`split_lines`). ``<div style="border...">`` becomes a :class:`Frame`.
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.flow: Text = []
        self.align = "left"
        self.indent = 0

    def flush(self) -> None:
        for i, line in enumerate(split_lines(self.flow)):
            s = "".join(ch.c for ch in line)
            align = "center" if OMISSION_LINE.match(s) else self.align
            self.blocks.append(Para(line, align, self.indent if i == 0 else 0))
        self.flow = []

    def walk(self, node: Tag, u: int | None = None, color: tuple[int, str] | None = None) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    cid, cval = color if color else (None, None)
                    self.flow.extend(Ch(c, u, cid, cval) for c in str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in INLINE_TAGS:
                cu = next(_SPAN_IDS) if name == "u" else u
                value = _color_of(child)
                ccolor = (next(_SPAN_IDS), value) if value else color
                self.walk(child, cu, ccolor)
            elif name == "table":
                self.flush()
                self.blocks.append(parse_table(child))
            elif name == "div" and "border" in _style(child):
                self.flush()
                inner = BlockBuilder()
                inner.walk(child, u, color)
                inner.flush()
                self.blocks.append(Frame(inner.blocks))
            elif name in BLOCK_TAGS:
                self.flush()
                saved = (self.align, self.indent)
                st = _style(child)
                if name == "p":
                    self.align = "center" if "text-align:center" in st else "left"
                    self.indent = 1 if "padding-left" in st else 0
                self.walk(child, u, color)
                self.flush()
                self.align, self.indent = saved
            elif name in TRANSPARENT_TAGS:
                self.walk(child, u, color)
            else:
                # unknown inline markup (<small>, <ruby>, ...): its text, unstyled by it
                self.walk(child, u, color)


def close_unclosed_inline(fragment: str) -> str:
    """R5: close ``<b style="color: red;">`` left open in a ``<td>``.

    The tag applies to the rest of that td: a ``</b>`` is inserted before the td's end tag
    (innermost tds only), and at the end of the fragment (an outer cell).
    """

    def fix(m: re.Match[str]) -> str:
        body = m.group(2)
        missing = len(re.findall(r"<b[\s>]", body)) - body.count("</b>")
        return m.group(1) + body + "</b>" * max(missing, 0) + m.group(3)

    fragment = re.sub(
        r"(<t[dh][^>]*>)((?:(?!</?t[dh][\s>]).)*?)(</t[dh]>)", fix, fragment, flags=re.S
    )
    missing = len(re.findall(r"<b[\s>]", fragment)) - fragment.count("</b>")
    return fragment + "</b>" * max(missing, 0)


def soup_of(fragment: str) -> BeautifulSoup:
    """Parse an HTML fragment (html.parser: lenient, no tags invented).

    Plain text is wrapped in a ``<span>`` first: bs4 warns about markup that looks like a
    file name or URL (「計画.pdf」), which a cell may well be.
    """
    if "<" not in fragment:
        fragment = f"<span>{fragment}</span>"
    return BeautifulSoup(fragment, "html.parser")


def html_to_blocks(fragment: str) -> list[Block]:
    """An HTML fragment (one table cell's content) to its blocks."""
    soup = soup_of(close_unclosed_inline(fragment))
    builder = BlockBuilder()
    builder.walk(soup)
    builder.flush()
    return builder.blocks


def _cell_blocks_to_lines(blocks: Sequence[Block]) -> list[Para]:
    out: list[Para] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(b)
        elif isinstance(b, Frame):
            out += _cell_blocks_to_lines(b.blocks)
        else:  # a table inside a nested table: read row-major as paragraphs
            out += [p for row in b.rows for c in row for p in c.lines]
    return out


def parse_table(tag: Tag) -> Table:
    """A nested ``<table>`` to rows of :class:`TCell`; ``border`` absent or 0 = layout table."""
    ruled = tag.get("border") not in (None, "0") or "border" in _style(tag)
    rows: list[list[TCell]] = []
    header_rows = 0
    for tr in tag.find_all("tr"):
        if tr.find_parent("table") is not tag:
            continue
        if tr.find_parent("thead") is not None:
            header_rows += 1
        row: list[TCell] = []
        for td in tr.find_all(["td", "th"], recursive=False):
            builder = BlockBuilder()
            builder.walk(td)
            builder.flush()
            align = "center" if "text-align:center" in _style(td) else "left"
            row.append(
                TCell(
                    lines=_cell_blocks_to_lines(builder.blocks),
                    header=td.name == "th",
                    align=align,
                    raw=" ".join(td.get_text(" ").split()),
                )
            )
        rows.append(row)
    return Table(rows, header_rows, ruled)


def iter_tables(blocks: Iterable[Block]) -> Iterator[Table]:
    for b in blocks:
        if isinstance(b, Table):
            yield b
        elif isinstance(b, Frame):
            yield from iter_tables(b.blocks)


# --------------------------------------------------------------------------------------------
# Source file -> tables and free text, with line numbers
# --------------------------------------------------------------------------------------------


@dataclass
class SourceRow:
    cells: list[str]  # HTML fragments, one per cell as given
    line_start: int
    line_end: int


@dataclass
class SourceTable:
    header: SourceRow | None  # None: an HTML table without a header row
    rows: list[SourceRow]


@dataclass
class SourceText:
    text: str
    line: int


SourceItem = SourceTable | SourceText

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def md_cells(line: str) -> list[str]:
    r"""The cells of a markdown table line (``\|`` is a literal pipe)."""
    inner = line.strip()[1:-1]
    return [c.strip().replace("\\|", "|") for c in _UNESCAPED_PIPE.split(inner)]


def _md_text(line: str) -> str:
    """A free markdown line as text: heading marks and emphasis removed, tags stripped."""
    s = re.sub(r"^\s*#{1,6}\s*", "", line)
    s = re.sub(r"(\*\*|__)(.+?)\1", r"\2", s)
    return soup_of(s).get_text(" ").strip()


def markdown_to_items(md: str) -> list[SourceItem]:
    """Markdown tables (header row, separator, body rows) and the free text lines between."""
    items: list[SourceItem] = []
    current: SourceTable | None = None
    for n, line in enumerate(md.splitlines(), start=1):
        if _MD_ROW.match(line):
            if _MD_SEPARATOR.match(line) and "-" in line:
                continue
            row = SourceRow(md_cells(line), n, n)
            if current is None:
                current = SourceTable(header=row, rows=[])
                items.append(current)
            else:
                current.rows.append(row)
            continue
        current = None
        text = _md_text(line)
        if text:
            items.append(SourceText(text, n))
    return items


def _last_line(tag: Tag) -> int:
    lines = [tag.sourceline or 0] + [
        t.sourceline or 0 for t in tag.find_all(True) if isinstance(t, Tag)
    ]
    return max(lines)


def html_to_items(html: str) -> list[SourceItem]:
    """Top-level ``<table>`` elements and the text blocks outside them, in document order.

    A table's first row is its header when it is made of ``<th>`` or sits in ``<thead>``.
    """
    soup = BeautifulSoup(html, "html.parser")
    items: list[SourceItem] = []
    body = soup.body or soup
    for node in body.descendants:
        if not isinstance(node, Tag):
            continue
        if node.name == "table" and node.find_parent("table") is None:
            trs = [tr for tr in node.find_all("tr") if tr.find_parent("table") is node]
            rows = [
                SourceRow(
                    [td.decode_contents() for td in tr.find_all(["td", "th"], recursive=False)],
                    tr.sourceline or 1,
                    _last_line(tr),
                )
                for tr in trs
            ]
            header: SourceRow | None = None
            if trs and (
                trs[0].find_parent("thead") is not None
                or not trs[0].find_all("td", recursive=False)
            ):
                header, rows = rows[0], rows[1:]
            items.append(SourceTable(header, rows))
        elif (
            node.name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "title")
            and node.find_parent("table") is None
            and node.find(["table", "p", "div"]) is None
        ):
            if node.name == "title" and node.find_parent("head") is not None:
                continue
            text = " ".join(node.get_text(" ").split())
            if text:
                items.append(SourceText(text, node.sourceline or 1))
    return items


# --------------------------------------------------------------------------------------------
# Source table -> real rows (artefacts removed)
# --------------------------------------------------------------------------------------------


@dataclass
class RowPart:
    """One real row of a source table: the blocks of each column, and where it was written."""

    cells: list[list[Block]]
    line_start: int
    line_end: int
    table: int  # index of the source table it came from


def _flat_key(fragment: str) -> str:
    return norm_key(soup_of(fragment).get_text(" "))


def _nested_cells(fragment: str) -> tuple[list[str], set[tuple[str, ...]]]:
    """Keys of every th/td of the tables in a cell (document order) and of every tr."""
    if "<t" not in fragment:
        return [], set()
    soup = soup_of(fragment)
    cells = [_flat_key(td.decode_contents()) for td in soup.find_all(["td", "th"])]
    rows = {
        tuple(_flat_key(td.decode_contents()) for td in tr.find_all(["td", "th"]))
        for tr in soup.find_all("tr")
    }
    return cells, rows


def row_real_cells(cells: Sequence[str], ncols: int) -> tuple[list[str], set[tuple[str, ...]]]:
    """R2: the real cells of a body row, flattened copies of nested cells skipped.

    When the row carries nested tables (or more non-empty cells than columns) the non-empty
    cells are consumed as: real cell, then its flattened copies (when they follow). A plain
    row keeps its cells by position, so an empty before-cell stays empty. Also returns the
    keys of the nested tables' rows (for R3).
    """
    nested_rows: set[tuple[str, ...]] = set()
    filled = [c for c in cells if c]
    flats = [_nested_cells(c) for c in filled]
    if not any(f for f, _ in flats) and len(filled) <= ncols:
        return [*cells[:ncols], *[""] * (ncols - len(cells))][:ncols], nested_rows
    real: list[str] = []
    i = 0
    while i < len(filled):
        real.append(filled[i])
        flat, trs = flats[i]
        nested_rows |= trs
        copies = [_flat_key(c) for c in filled[i + 1 : i + 1 + len(flat)]]
        i += 1 + (len(flat) if flat and copies == flat else 0)
    return real, nested_rows


def table_to_parts(
    table: SourceTable, ncols: int, index: int, *, with_header: bool = False
) -> tuple[list[RowPart], list[SourceRow]]:
    """R2, R3: the real rows of one source table, and the rows that could not be read.

    ``with_header``: the table's header row is content (a continuation without a header).
    A row with more real cells than columns is returned in the second list.
    """
    rows = ([table.header] if with_header and table.header else []) + table.rows
    parts: list[RowPart] = []
    bad: list[SourceRow] = []
    nested_rows: set[tuple[str, ...]] = set()
    for row in rows:
        key = tuple(_flat_key(c) for c in row.cells if c)
        if not key or key in nested_rows:
            continue
        real, trs = row_real_cells(row.cells, ncols)
        nested_rows |= trs
        if len(real) > ncols:
            bad.append(row)
            continue
        real += [""] * (ncols - len(real))
        parts.append(
            RowPart([html_to_blocks(c) for c in real], row.line_start, row.line_end, index)
        )
    return parts, bad


# --------------------------------------------------------------------------------------------
# Blocks -> the page-level input every reader produces (page.PageTable)
# --------------------------------------------------------------------------------------------


def para_to_line(para: Para, top: float = 0.0) -> Line:
    """A paragraph as a printed line of unit-width glyphs (what :class:`TextBuilder` reads).

    Paragraphs are placed two units apart, so that the text stage reads each as its own.
    """
    chars: list[Char] = []
    x = 0.0
    for ch in para.chars:
        # a combining mark is printed over its base, so that it composes
        x0 = chars[-1].x0 if chars and is_combining(ch.c) else x
        chars.append(
            Char(
                text=ch.c,
                x0=x0,
                x1=x0 + 1.0,
                top=top,
                bottom=top + 1.0,
                size=1.0,
                color=ch.color,
                underlined=ch.u is not None,
            )
        )
        x = x0 + 1.0
    return Line(chars)


def _paras(blocks: Sequence[Block]) -> Iterator[Para | Table]:
    """Paragraphs and ruled tables in reading order: frames opened, layout tables row-major."""
    for b in blocks:
        if isinstance(b, Para):
            yield b
        elif isinstance(b, Frame):
            yield from _paras(b.blocks)
        elif b.ruled:
            yield b
        else:  # a borderless layout table: its cells' paragraphs, row-major
            for row in b.rows:
                for c in row:
                    yield from c.lines


def blocks_to_page_blocks(blocks: Sequence[Block], prov: TextProv) -> list[PageBlock]:
    """One cell's blocks as the text and table blocks of a page fragment."""
    out: list[PageBlock] = []
    lines: list[Line] = []
    top = 0.0

    def flush() -> None:
        if lines:
            out.append(TextBlock(list(lines), lines[0].top, math.inf))
            lines.clear()

    for b in _paras(blocks):
        if isinstance(b, Para):
            if b.plain.strip():
                lines.append(para_to_line(b, top))
                top += 2.0
            continue
        flush()
        cells = [
            [
                [para_to_line(p, 2.0 * k) for k, p in enumerate(c.lines) if p.plain.strip()]
                for c in row
            ]
            for row in b.rows
        ]
        out.append(TableBlock(cells, (0.0, top, 0.0, top + 1.0), 0, (), prov=prov))
        top += 2.0
    flush()
    return out


def _row(part: RowPart, fmt: TextFormat) -> PageRow:
    prov = TextProv(format=fmt, line_start=part.line_start, line_end=part.line_end)
    none = (0.0, 0.0, 0.0, 0.0)
    return PageRow(
        0, [Fragment(0, none, blocks_to_page_blocks(c, prov), prov) for c in part.cells], none
    )


_OCR_DIGIT_SPACE = re.compile(
    r"(?<=[0-9A-Za-z]) (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) (?=[0-9A-Za-z])"
)


def text_to_line(text: str) -> Line:
    """A free text line as a printed line: one unit per glyph, a unit's gap per space.

    R7: the spaces OCR puts beside digits and Latin letters (「平成 26 年」) are dropped first;
    word spaces between Japanese words are kept as gaps, as a PDF prints them.
    """
    cleaned = _OCR_DIGIT_SPACE.sub("", " ".join(normalize_text(text).split()))
    chars: list[Char] = []
    x = 0.0
    for c in cleaned:
        if c != " ":
            chars.append(Char(c, x, x + 1.0, 0.0, 1.0, 1.0))
        x += 1.0
    return Line(chars)


# 「二」 (two) where a KPI has its "no baseline" dash: 「対象者1人当たりの助成額 二 → 8,400円」.
OCR_SUSPECT_DASH = re.compile(r"(?<![一二三四五六七八九十百千万])二(?=\s*[→➡⇒])")


def _ocr_suspects(text: str, where: str) -> list[Issue]:
    return [
        Issue(
            code="ocr_suspect",
            message=f"{where}: 「二」 before an arrow is probably a misread 「－」 (no baseline); "
            f"kept as given: …{text[max(0, m.start() - 15) : m.end() + 10]}…",
        )
        for m in OCR_SUSPECT_DASH.finditer(text)
    ]


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def items_to_page_tables(
    items: Sequence[SourceItem], fmt: TextFormat
) -> tuple[list[PageTable], list[Issue]]:
    """The source tables from the first comparison table on, as page tables, and warnings.

    A source table whose header names before and after starts a comparison table (again, if
    the labels repeat: the table split at a page break); one whose header names no role
    continues it, its header row being content (R1). Free text before the first table is
    what a title is chosen from (all free text when there is none before it: a converter
    writes the title where the page broke); text after it is reported as outside the table,
    unless it repeats the title. Rows are
    ``loose`` (R6): the assembler joins a row without a location marker to the row above.
    """
    warnings: list[Issue] = []
    tables: list[PageTable] = []
    above: list[Line] = []
    outside: list[Line] = []
    ncols = 0
    for item in items:
        if isinstance(item, SourceText):
            (outside if tables else above).append(text_to_line(item.text))
            continue
        labels = [c for c in item.header.cells if c] if item.header else []
        starts = bool(labels) and _roles_of(labels) >= {"before", "after"}
        if not tables and not starts:
            continue
        if starts:
            ncols = len(labels)
        header_is_content = not starts and item.header is not None and not _roles_of(labels)
        parts, bad = table_to_parts(item, ncols, len(tables), with_header=header_is_content)
        warnings += [
            Issue(
                code="row_not_read",
                message=f"line {row.line_start}: a row with more cells than the "
                f"{ncols} columns was not read",
            )
            for row in bad
        ]
        tables.append(
            PageTable(
                page=0,
                grid=Grid((0.0, 0.0), (0.0, 0.0)),
                labels=labels if starts else None,
                rows=[_row(p, fmt) for p in parts],
                open_bottom=False,
                above=above if not tables else [],
                loose_rows=True,
            )
        )
    if tables:
        tables[-1].outside = outside
        if not above:  # no text before the table: the title was printed where a page broke
            tables[0].above = outside
    return tables, warnings


def _roles_of(cells: Sequence[str]) -> set[str]:
    return {r for c in cells if c and (r := header_to_role(c))}


def extract_markdown(
    path: str | Path,
    settings: ExtractSettings | None = None,
    *,
    fmt: TextFormat | None = None,
    sha256: str | None = None,
) -> Document:
    """Extract the comparison table of a markdown or HTML file (from an OCR converter).

    ``fmt`` is detected from the content when not given. Of ``settings`` only ``max_bytes``
    applies to text input (``too_large``).
    """
    path = Path(path)
    check_size(path, settings or ExtractSettings())
    data = path.read_bytes()
    fmt = fmt or sniff_text_format(data[:65536]) or "markdown"
    text = data.decode("utf-8-sig", errors="replace")
    items = markdown_to_items(text) if fmt == "markdown" else html_to_items(text)
    sha = sha256 or hashlib.sha256(data).hexdigest()  # the bytes are read once
    source = Source(path=str(path), sha256=sha, page_count=0, format=fmt)
    tables, warnings = items_to_page_tables(items, fmt)
    doc = page_tables_to_document(tables, source, fmt, warnings=warnings)
    for e in doc.entries:  # OCR misreads are kept, and reported
        for role in ("label", "before", "after", "reason"):
            cell = getattr(e, role)
            if cell is not None:
                doc.warnings += _ocr_suspects(cell.text, f"entry {e.id} {role}")
    return doc
