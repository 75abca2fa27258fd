"""Print the analysis corpus: ``samples/corpus/src/<name>.html`` → ``pdf/<name>.pdf``.

Usage::

    python samples/corpus/make_corpus.py                 # every src/*.html
    python samples/corpus/make_corpus.py NAME [NAME ...] # only these (stem or src/NAME.html)
    python samples/corpus/make_corpus.py --keep-build /tmp/build NAME   # keep the .html/.docx

One line is printed per document: name, producer, number of pages, PDF path.

Each source HTML (the subset described in ``samples/corpus/README.md``) names its printer in
``<meta name="shinkyu-producer">``:

``chromium``
    The HTML itself, with a stylesheet injected (A4 page in the document's orientation, every
    cell of the comparison table and of its nested tables ruled, repeated ``<thead>``, IPAex
    fonts), printed by headless chromium (``--print-to-pdf``, no header/footer, no tagging).
``libreoffice``
    The HTML rebuilt as a Word document with python-docx the way a Word user would type it
    (a centred bold title paragraph, one ruled table with a repeated header row, nested ruled
    tables in the cells, underlined / red runs), converted by ``soffice --headless
    --convert-to pdf``.

Needs: ``chromium`` (or chromium-browser / google-chrome) and ``soffice`` (LibreOffice) on
PATH, the IPAex fonts (Debian ``fonts-ipaexfont``; Noto CJK is the fallback), and for the
LibreOffice route python-docx and lxml (``pip install -e '.[samples]'``).  A missing printer or
python-docx is reported and its documents are skipped.  Printing twice gives the same PDFs
apart from the creation dates (and LibreOffice's document /ID).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.table import Table as DocxTable
    from docx.table import _Cell as DocxCell
    from docx.text.paragraph import Paragraph as DocxParagraph

HERE = Path(__file__).resolve().parent
SRC_DIR = HERE / "src"
PDF_DIR = HERE / "pdf"

PRODUCERS = ("chromium", "libreoffice")
ORIENTATIONS = ("portrait", "landscape")
FONTS = {
    # docx font, CSS font-family stack
    "mincho": ("IPAexMincho", '"IPAexMincho", "IPAex明朝", "Noto Serif CJK JP", serif'),
    "gothic": ("IPAexGothic", '"IPAexGothic", "IPAexゴシック", "Noto Sans CJK JP", sans-serif'),
}
FONT_SIZE_PT = {"landscape": 9.0, "portrait": 8.5}
TITLE_SIZE_PT = 12.0
PAGE_MARGIN_MM = (15.0, 12.0)  # top/bottom, left/right
A4_MM = (210.0, 297.0)

# A header containing one of these words labels the reason column.
REASON_WORDS = ("理由", "備考", "摘要", "説明", "趣旨", "概要", "要旨", "考え方", "注記", "内容")
# ... and these the before / after columns (used when no header names a reason).
SIDE_WORDS = ("前", "後", "現行", "改正案", "変更案", "修正案", "新", "旧")
REASON_SHARE = 0.22

HTML_SPACE = " \t\n\r\f"  # HTML collapses only ASCII whitespace (not U+3000, not nbsp)
LINE_BREAK = "\v"  # a <br> while collapsing; "\n" (python-docx: <w:br/>) in the model
Align = Literal["left", "center", "right"]

# --------------------------------------------------------------------------------------------
# The HTML subset as a small document model (used by the Word route and for the checks)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    underline: bool = False
    red: bool = False
    bold: bool = False


@dataclass
class Run:
    text: str
    style: Style


@dataclass
class Para:
    runs: list[Run]
    align: Align | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Cell:
    header: bool
    blocks: list[Block]
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        return "\n".join(b.text if isinstance(b, Para) else "" for b in self.blocks)


@dataclass
class Table:
    rows: list[list[Cell]]


Block = Para | Table


@dataclass
class Source:
    name: str
    producer: str
    orientation: str
    font: str
    html: str
    title: Para | None
    head: list[list[Cell]]
    body: list[list[Cell]]
    notes: list[str] = field(default_factory=list)


class SourceError(ValueError):
    """The HTML is not in the corpus subset."""


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(value)


def align_of(tag: Tag) -> Align | None:
    m = re.search(r"text-align\s*:\s*(left|center|right)", attr(tag, "style"), re.IGNORECASE)
    value = (m.group(1) if m else attr(tag, "align")).lower()
    if value == "center":
        return "center"
    if value in ("left", "right"):
        return "left" if value == "left" else "right"
    return None


def span_of(tag: Tag, name: str) -> int:
    value = attr(tag, name).strip()
    return max(1, int(value)) if value.isdigit() else 1


INLINE_OK = {"u", "span"}
INLINE_TOLERATED = {"b", "strong", "em", "i", "small", "sup", "sub", "font", "a", "s", "ins"}
BLOCK_TOLERATED = {"div", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "section", "dl", "dd"}


class BlockBuilder:
    """Collects the blocks of one cell (or the title) while walking its HTML."""

    def __init__(self, notes: list[str], align: Align | None = None) -> None:
        self.blocks: list[Block] = []
        self.notes = notes
        self.cell_align = align
        self.chars: list[tuple[str, Style]] = []
        self.align: Align | None = None

    def note(self, message: str) -> None:
        if message not in self.notes:
            self.notes.append(message)

    def end_para(self) -> None:
        """Close the open paragraph (HTML whitespace rules), dropping it when it is blank."""
        runs: list[Run] = []
        last = " "  # collapse leading whitespace
        for c, style in self.chars:
            if c in HTML_SPACE:
                if last in " \n":
                    continue
                c = " "
            elif c == LINE_BREAK:
                if runs and runs[-1].text.endswith(" "):  # a space before a <br> is dropped
                    runs[-1].text = runs[-1].text[:-1]
                    if not runs[-1].text:
                        runs.pop()
                c = "\n"
            if runs and runs[-1].style == style:
                runs[-1].text += c
            else:
                runs.append(Run(c, style))
            last = c
        while runs and runs[-1].text.endswith(" "):
            runs[-1].text = runs[-1].text.rstrip(" ")
            if not runs[-1].text:
                runs.pop()
        if runs:
            self.blocks.append(Para(runs, self.align or self.cell_align))
        self.chars = []
        self.align = None

    def walk(self, node: Tag, style: Style) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):  # comments, doctype, CDATA
                    self.chars.extend((c, style) for c in str(child))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name.lower()
            classes = [c.lower() for c in child.get_attribute_list("class") if c]
            inner = Style(
                underline=style.underline or name in ("u", "ins"),
                red=style.red or "red" in classes,
                bold=style.bold or name in ("b", "strong"),
            )
            if name == "p":
                self.end_para()
                if child.find(["p", "table"]) is not None:
                    self.note("a <p> holds a <p> or <table> (unclosed <p>?)")
                self.align = align_of(child)
                self.walk(child, inner)
                self.end_para()
            elif name == "table":
                self.end_para()
                self.blocks.append(parse_table(child, self.notes))
            elif name == "br":
                self.note("<br> is outside the subset (printed as a line break)")
                self.chars.append((LINE_BREAK, style))
            elif name in INLINE_OK or name in INLINE_TOLERATED:
                if name in INLINE_TOLERATED:
                    self.note(f"<{name}> is outside the subset (kept as inline text)")
                if name == "span" and classes and classes != ["red"]:
                    self.note(f"<span class={' '.join(classes)!r}> is outside the subset")
                self.walk(child, inner)
            elif name in BLOCK_TOLERATED:
                self.note(f"<{name}> is outside the subset (printed as paragraphs)")
                self.end_para()
                self.walk(child, inner)
                self.end_para()
            else:
                self.note(f"<{name}> is outside the subset (ignored)")


def cell_blocks(tag: Tag, notes: list[str], align: Align | None) -> list[Block]:
    builder = BlockBuilder(notes, align)
    builder.walk(tag, Style())
    builder.end_para()
    return builder.blocks


def own_rows(table: Tag, notes: list[str]) -> tuple[list[Tag], list[Tag]]:
    """The ``<tr>`` of this table (not of tables nested in it): thead rows, other rows."""
    head: list[Tag] = []
    body: list[Tag] = []
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        name = child.name.lower()
        if name == "tr":
            body.append(child)
        elif name in ("thead", "tbody", "tfoot"):
            rows = [t for t in child.children if isinstance(t, Tag) and t.name.lower() == "tr"]
            (head if name == "thead" else body).extend(rows)
        elif name not in ("caption", "colgroup", "col"):
            notes.append(f"<{name}> directly in a <table> (ignored)")
    return head, body


def parse_row(tr: Tag, notes: list[str]) -> list[Cell]:
    cells: list[Cell] = []
    for td in tr.children:
        if not (isinstance(td, Tag) and td.name.lower() in ("td", "th")):
            continue
        header = td.name.lower() == "th"
        align = align_of(td) or ("center" if header else None)
        cells.append(
            Cell(
                header=header,
                blocks=cell_blocks(td, notes, align),
                rowspan=span_of(td, "rowspan"),
                colspan=span_of(td, "colspan"),
            )
        )
    return cells


def parse_table(table: Tag, notes: list[str]) -> Table:
    head, body = own_rows(table, notes)
    rows = [parse_row(tr, notes) for tr in head + body]
    return Table([r for r in rows if r])


def meta(soup: BeautifulSoup, name: str, allowed: Sequence[str]) -> str:
    for tag in soup.find_all("meta"):
        if isinstance(tag, Tag) and attr(tag, "name").lower() == name:
            value = attr(tag, "content").strip().lower()
            if value not in allowed:
                raise SourceError(f'<meta name="{name}"> is {value!r}, not one of {allowed}')
            return value
    raise SourceError(f'<meta name="{name}" content="..."> is missing')


def parse_source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    soup = BeautifulSoup(text, "html.parser")
    notes: list[str] = []
    tables = soup.select("table.shinkyu")
    if len(tables) != 1:
        raise SourceError(f'{len(tables)} <table class="shinkyu"> (one is needed)')
    main = tables[0]
    head_tr, body_tr = own_rows(main, notes)
    if not head_tr:
        raise SourceError("the comparison table has no <thead>")
    head = [parse_row(tr, notes) for tr in head_tr]
    body = [r for r in (parse_row(tr, notes) for tr in body_tr) if r]
    h1 = soup.find("h1")
    title = None
    if isinstance(h1, Tag):
        blocks = cell_blocks(h1, notes, "center")
        title = Para([r for b in blocks if isinstance(b, Para) for r in b.runs], "center")
    else:
        notes.append("no <h1> title")
    return Source(
        name=path.stem,
        producer=meta(soup, "shinkyu-producer", PRODUCERS),
        orientation=meta(soup, "shinkyu-orientation", ORIENTATIONS),
        font=meta(soup, "shinkyu-font", tuple(FONTS)),
        html=text,
        title=title,
        head=head,
        body=body,
        notes=notes,
    )


# --------------------------------------------------------------------------------------------
# Table geometry
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    row: int
    col: int
    rowspan: int
    colspan: int
    cell: Cell


def place(rows: Sequence[Sequence[Cell]]) -> tuple[int, int, list[Placed]]:
    """Grid positions of the cells (HTML rowspan / colspan rules); (rows, columns, cells)."""
    taken: set[tuple[int, int]] = set()
    placed: list[Placed] = []
    nrows = len(rows)
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rs = min(cell.rowspan, nrows - r)
            for dr in range(rs):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            placed.append(Placed(r, c, rs, cell.colspan, cell))
            c += cell.colspan
    ncols = max((c for _, c in taken), default=0) + 1
    return nrows, ncols, placed


def is_reason(label: str) -> bool:
    return any(w in re.sub(r"\s", "", label) for w in REASON_WORDS)


def column_shares(source: Source) -> list[float]:
    """Main-table column widths (fractions): before/after equal, the reason column narrower."""
    _, ncols, placed = place(source.head)
    labels = [""] * ncols
    for p in placed:
        if p.colspan == 1:
            labels[p.col] += p.cell.text
    if ncols != 3:
        if ncols > 3:
            source.notes.append(f"{ncols} columns (the subset has 2 or 3)")
        return [1 / ncols] * ncols
    reason = [k for k, label in enumerate(labels) if is_reason(label)]
    if len(reason) != 1:
        compact = [re.sub(r"\s", "", label) for label in labels]
        reason = [k for k, s in enumerate(compact) if not any(w in s for w in SIDE_WORDS)]
    if len(reason) != 1:
        source.notes.append(f"no reason column found in {labels}: equal widths")
        return [1 / 3] * 3
    side = (1 - REASON_SHARE) / 2
    return [REASON_SHARE if k == reason[0] else side for k in range(3)]


def text_width(s: str) -> float:
    """Printed width in ems (full-width characters 1, others 1/2)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in s)


def nested_shares(ncols: int, placed: Sequence[Placed]) -> list[float]:
    """Nested-table column widths as Word's "autofit to contents, then to window" gives."""
    need = [2.0] * ncols
    for p in placed:
        if p.colspan == 1:
            widest = max((text_width(line) for line in p.cell.text.split("\n")), default=0.0)
            need[p.col] = max(need[p.col], min(widest, 16.0))
    total = sum(need)
    return [n / total for n in need]


def page_size_mm(orientation: str) -> tuple[float, float]:
    short, long = A4_MM
    return (long, short) if orientation == "landscape" else (short, long)


# --------------------------------------------------------------------------------------------
# Chromium: the HTML with a stylesheet
# --------------------------------------------------------------------------------------------


def stylesheet(source: Source) -> str:
    size = "A4 landscape" if source.orientation == "landscape" else "A4 portrait"
    top_bottom, left_right = PAGE_MARGIN_MM
    widths = "\n".join(
        f"table.shinkyu > thead > tr:first-child > :nth-child({k + 1}) {{ width: {s:.1%}; }}"
        for k, s in enumerate(column_shares(source))
    )
    return f"""
@page {{ size: {size}; margin: {top_bottom:g}mm {left_right:g}mm; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: {FONTS[source.font][1]}; font-size: {FONT_SIZE_PT[source.orientation]:g}pt;
        line-height: 1.4; color: #000; }}
h1 {{ font-size: {TITLE_SIZE_PT:g}pt; font-weight: normal; text-align: center; margin: 0 0 3mm 0; }}
p {{ margin: 0; }}
u {{ text-decoration: underline; }}
.red {{ color: #ff0000; }}
table.shinkyu {{ width: 100%; table-layout: fixed; border-collapse: collapse; }}
table.shinkyu > thead {{ display: table-header-group; }}
table.shinkyu tr {{ break-inside: auto; page-break-inside: auto; }}
table.shinkyu th, table.shinkyu td {{ border: 0.75pt solid #000; border-collapse: collapse;
        vertical-align: top; padding: 2.5pt 3pt; font-weight: normal; text-align: left; }}
table.shinkyu th {{ text-align: center; }}
table.shinkyu table {{ border-collapse: collapse; width: 100%; margin: 2pt 0; }}
table.shinkyu table th, table.shinkyu table td {{ padding: 1.5pt 2.5pt; }}
{widths}
"""


def printed_html(source: Source) -> str:
    style = f"<style>{stylesheet(source)}</style>\n"
    text = source.html
    m = re.search(r"</head\s*>", text, re.IGNORECASE) or re.search(
        r"<body[^>]*>", text, re.IGNORECASE
    )
    if m is None:
        return style + text
    return text[: m.start()] + style + text[m.start() :]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def print_with_chromium(exe: str, html_path: Path, pdf_path: Path, profile: Path) -> None:
    """Same flags as samples/make_samples.py."""
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--no-pdf-header-footer",
        # no structure tree: it triples the file size and is irrelevant for extraction
        "--disable-pdf-tagging",
        f"--print-to-pdf={pdf_path}",
        html_path.resolve().as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    if not pdf_path.exists():
        raise RuntimeError(f"chromium wrote no {pdf_path}")


# --------------------------------------------------------------------------------------------
# LibreOffice: a Word document as a Word user would type it
# --------------------------------------------------------------------------------------------

BORDER_SZ = "4"  # eighths of a point: Word's default 1/2 pt single line
CELL_MARGIN_MM = 1.9  # Word's default left/right cell margin (108 twips)


def set_run_fonts(rpr: BaseOxmlElement, font: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for key in list(rfonts.attrib):
        del rfonts.attrib[key]  # drop the theme fonts (asciiTheme ... win over ascii)
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(a), font)


def table_properties(table: DocxTable, widths_mm: Sequence[float]) -> None:
    """Fixed layout, the grid, every border (style Table Grid, explicit 1/2 pt lines)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    tbl = table._tbl
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(Mm(w).twips for w in widths_mm)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), BORDER_SZ)
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_w.addnext(borders)  # schema order: tblW, (jc, tblInd), tblBorders, tblLayout, ...
    borders.addnext(layout)
    for grid_col, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        grid_col.set(qn("w:w"), str(Mm(w).twips))


class CellWriter:
    """Appends paragraphs and nested tables to a docx cell, as typed in Word."""

    def __init__(self, cell: DocxCell, width_mm: float, size_pt: float) -> None:
        self.cell = cell
        self.width_mm = width_mm
        self.size_pt = size_pt
        self.spare: DocxParagraph | None = cell.paragraphs[0]  # a new cell has one

    def paragraph(self, para: Para) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import RGBColor

        p = self.spare if self.spare is not None else self.cell.add_paragraph()
        self.spare = None
        if para.align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif para.align == "right":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for r in para.runs:
            run = p.add_run(r.text)  # "\n" becomes a line break (<w:br/>)
            if r.style.underline:
                run.font.underline = True
            if r.style.red:
                run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
            if r.style.bold:
                run.font.bold = True

    def table(self, table: Table) -> None:
        nrows, ncols, placed = place(table.rows)
        t = self.cell.add_table(nrows, ncols)  # followed by an empty paragraph (Word needs it)
        t.style = "Table Grid"
        if self.spare is not None:  # the cell's unused first paragraph: the table goes first
            self.spare._p.getparent().remove(self.spare._p)
        self.spare = self.cell.paragraphs[-1]
        inner = self.width_mm - 2 * CELL_MARGIN_MM
        widths = [inner * s for s in nested_shares(ncols, placed)]
        fill_table(t, placed, widths, self.size_pt)

    def blocks(self, blocks: Sequence[Block]) -> None:
        for b in blocks:
            if isinstance(b, Para):
                self.paragraph(b)
            else:
                self.table(b)


def fill_table(
    t: DocxTable, placed: Sequence[Placed], widths_mm: Sequence[float], size_pt: float
) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Mm

    table_properties(t, widths_mm)
    for row in t.rows:
        for k, c in enumerate(row.cells):
            c.width = Mm(widths_mm[k])
    for p in placed:
        cell = t.cell(p.row, p.col)
        if p.rowspan > 1 or p.colspan > 1:
            cell = cell.merge(t.cell(p.row + p.rowspan - 1, p.col + p.colspan - 1))
        width = sum(widths_mm[p.col : p.col + p.colspan])
        cell.width = Mm(width)
        if p.cell.header and p.rowspan > 1:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        CellWriter(cell, width, size_pt).blocks(p.cell.blocks)


def build_docx(source: Source, out: Path) -> None:
    from docx import Document as new_document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    font = FONTS[source.font][0]
    size_pt = FONT_SIZE_PT[source.orientation]
    d: DocxDocument = new_document()
    d.core_properties.title = source.title.text if source.title else ""
    d.core_properties.author = ""
    d.core_properties.comments = ""

    sec = d.sections[0]
    sec.orientation = (
        WD_ORIENT.LANDSCAPE if source.orientation == "landscape" else WD_ORIENT.PORTRAIT
    )
    width_mm, height_mm = page_size_mm(source.orientation)
    sec.page_width, sec.page_height = Mm(width_mm), Mm(height_mm)
    top_bottom, left_right = PAGE_MARGIN_MM
    sec.top_margin = sec.bottom_margin = Mm(top_bottom)
    sec.left_margin = sec.right_margin = Mm(left_right)
    sec.header_distance = sec.footer_distance = Mm(8)

    # defaults and Normal: the IPAex font for every script, Japanese, no paragraph spacing
    defaults = d.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            set_run_fonts(rpr, font)
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = OxmlElement("w:lang")
                rpr.append(lang)
            lang.set(qn("w:val"), "en-US")
            lang.set(qn("w:eastAsia"), "ja-JP")
    normal = d.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size_pt)
    set_run_fonts(normal.element.get_or_add_rPr(), font)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.2

    if source.title is not None:
        h = d.add_paragraph()
        h.alignment = WD_ALIGN_PARAGRAPH.CENTER
        h.paragraph_format.space_after = Pt(6)
        for r in source.title.runs:
            run = h.add_run(r.text)
            run.font.size = Pt(TITLE_SIZE_PT)
            run.font.bold = True
            run.font.underline = r.style.underline or None

    usable_mm = width_mm - 2 * left_right
    widths = [usable_mm * s for s in column_shares(source)]
    nrows, ncols, placed = place([*source.head, *source.body])
    if ncols != len(widths):
        raise SourceError(f"the header has {len(widths)} columns, the body {ncols}")
    t = d.add_table(rows=nrows, cols=ncols)
    t.style = d.styles["Table Grid"]
    for row in t.rows[: len(source.head)]:  # repeat as header row at the top of each page
        flag = OxmlElement("w:tblHeader")
        flag.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(flag)
    # rows may split across pages (no w:cantSplit), as in Word's default
    fill_table(t, placed, widths, size_pt)
    d.save(str(out))


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def print_with_soffice(exe: str, docx_path: Path, pdf_path: Path, profile: Path) -> None:
    """Same call as samples/make_samples.py (own profile, --headless --convert-to pdf)."""
    with tempfile.TemporaryDirectory(prefix="shinkyu-soffice-out-") as outdir:
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            str(docx_path),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        made = Path(outdir) / (docx_path.stem + ".pdf")
        if not made.exists():
            raise RuntimeError(f"soffice wrote no PDF for {docx_path.name}")
        shutil.move(str(made), pdf_path)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def count_pages(pdf: Path) -> int:
    try:
        import pypdfium2
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


@dataclass
class Printers:
    build: Path  # the printed .html / .docx
    profiles: Path  # chromium's and LibreOffice's throw-away profiles
    chromium: str | None = field(default_factory=find_chromium)
    soffice: str | None = field(default_factory=find_soffice)

    def missing(self, producer: str) -> str | None:
        if producer == "chromium" and self.chromium is None:
            return "chromium not found on PATH"
        if producer == "libreoffice":
            if self.soffice is None:
                return "soffice (LibreOffice) not found on PATH"
            try:
                import docx  # noqa: F401
            except ImportError:
                return "python-docx is not installed (pip install -e '.[samples]')"
        return None

    def print(self, source: Source, pdf: Path) -> None:
        if source.producer == "chromium":
            assert self.chromium is not None
            src = self.build / f"{source.name}.html"
            src.write_text(printed_html(source), encoding="utf-8")
            print_with_chromium(self.chromium, src, pdf, self.profiles / "chromium")
        else:
            assert self.soffice is not None
            src = self.build / f"{source.name}.docx"
            build_docx(source, src)
            print_with_soffice(self.soffice, src, pdf, self.profiles / "soffice")


def select(names: Sequence[str], src_dir: Path) -> Iterator[Path]:
    available = {p.stem: p for p in sorted(src_dir.glob("*.html"))}
    if not names:
        yield from available.values()
        return
    for name in names:
        stem = Path(name).stem if name.endswith(".html") else name
        if stem not in available:
            raise SystemExit(f"no {src_dir / (stem + '.html')} (have: {', '.join(available)})")
        yield available[stem]


def build_one(path: Path, pdf_dir: Path, printers: Printers) -> bool:
    """Print one document and report it on one line; False on an error."""
    name = path.stem
    try:
        source = parse_source(path)
    except (SourceError, UnicodeDecodeError) as e:
        print(f"{name:<36} ERROR  {path.name}: {e}")
        return False
    head = f"{name:<36} {source.producer:<11}"
    for note in source.notes:
        print(f"{name}: note: {note}", file=sys.stderr)
    if reason := printers.missing(source.producer):
        print(f"{head} SKIP   {reason}")
        return True
    pdf = pdf_dir / f"{name}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    try:
        printers.print(source, pdf)
    except (
        subprocess.CalledProcessError,
        subprocess.TimeoutExpired,
        RuntimeError,
        SourceError,
    ) as e:
        detail = ""
        if isinstance(e, subprocess.CalledProcessError):
            detail = (e.stderr or b"").decode("utf-8", "replace").strip()[-400:]
        print(f"{head} ERROR  {e} {detail}".rstrip())
        return False
    try:
        shown = pdf.relative_to(HERE)
    except ValueError:
        shown = pdf
    pages = count_pages(pdf)
    print(
        f"{head} {pages:>3} page{'s' if pages != 1 else ' '}  {shown} "
        f"({pdf.stat().st_size // 1024} KB)"
    )
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Print samples/corpus/src/*.html to samples/corpus/pdf/*.pdf."
    )
    parser.add_argument("names", nargs="*", metavar="NAME", help="documents (default: all)")
    parser.add_argument("--src", type=Path, default=SRC_DIR, help="source folder (src/)")
    parser.add_argument("--out", type=Path, default=PDF_DIR, help="PDF folder (pdf/)")
    parser.add_argument(
        "--keep-build", type=Path, help="keep the printed .html / .docx in this folder"
    )
    args = parser.parse_args(argv)

    paths = list(select(args.names, args.src))
    if not paths:
        print(f"no *.html in {args.src}")
        return 0
    ok = True
    with tempfile.TemporaryDirectory(prefix="shinkyu-corpus-") as tmp:
        build = args.keep_build or Path(tmp)
        build.mkdir(parents=True, exist_ok=True)
        printers = Printers(build, Path(tmp))
        for path in paths:
            ok = build_one(path, args.out, printers) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
