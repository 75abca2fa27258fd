"""Build the sample PDFs and their ground truth from the Sunagawa reference table.

Run as ``python samples/make_samples.py [--only NAME]``.  Needs beautifulsoup4 (html.parser
backend), python-docx for the LibreOffice sample, ``chromium`` and ``soffice`` on PATH for the
PDFs.  A missing printer is reported and its PDFs are skipped; the JSON files are always written.

Pipeline:

1. ``sunagawa-shinkyu.md`` (markdown with HTML cells, made by an OCR converter) is parsed into
   the canonical LOGICAL ROWS (one per amended plan place), cleaning the converter's artefacts
   with the deterministic rules R1-R11 documented at :func:`parse_reference`.
2. The logical rows are written as ground truth (``expected/sunagawa.json``).
3. The logical rows are rendered to HTML (one HTML per layout) and printed with headless
   chromium, and rendered to a .docx printed by LibreOffice.
4. ``manifest.json`` lists every PDF with its ground truth and column layout.

A second, fictional content (an ordinance amendment) is built from data in this file.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shinkyu.extract.markdown import (
    Block,
    Ch,
    Frame,
    Para,
    SourceTable,
    SourceText,
    TCell,
    Text,
    iter_tables,
    markdown_to_items,
    table_to_parts,
)
from shinkyu.extract.markdown import html_to_blocks as blocks_from_html

HERE = Path(__file__).resolve().parent
REFERENCE_MD = HERE / "sunagawa-shinkyu.md"
REFERENCE_HTML = HERE / "sunagawa-shinkyu.html"
EXPECTED_DIR = HERE / "expected"
PDF_DIR = HERE / "pdf"
MANIFEST = HERE / "manifest.json"

SUNAGAWA_TITLE = "第2期砂川市まち・ひと・しごと創生総合戦略 計画変更 新旧対照表"
HEADER_LABELS = ["変更前", "変更後", "変更理由"]
RED = "#ff0000"

# --------------------------------------------------------------------------------------------
# Data model
# --------------------------------------------------------------------------------------------

@dataclass
class Kpi:
    """A KPI statement: indicator, then ``base arrow target``, then the two years under them."""

    indicator: str
    base: str
    arrow: str
    target: str
    year1: str
    year2: str

    @property
    def plain(self) -> str:
        return " ".join(
            [self.indicator, self.base, self.arrow, self.target, self.year1, self.year2]
        )


@dataclass
class Part:
    """One rendered sub-row of a logical row (cells that are printed side by side)."""

    before: list[Block] = field(default_factory=list)
    after: list[Block] = field(default_factory=list)
    reason: list[Block] = field(default_factory=list)

    def role(self, name: str) -> list[Block]:
        blocks: list[Block] = getattr(self, name)
        return blocks


@dataclass
class Entry:
    plan_pages: list[int]
    parts: list[Part]
    markers: list[str] | None = None  # article markers (ordinance sample only)

    def blocks(self, role: str) -> list[Block]:
        return [b for p in self.parts for b in p.role(role)]


@dataclass
class Document:
    title: str
    entries: list[Entry]


ROLES = ("before", "after", "reason")

# --------------------------------------------------------------------------------------------
# Text helpers
# --------------------------------------------------------------------------------------------

PLAN_MARKER = re.compile(r"^計画書\s*(\d+)\s*ページ$")


def styled(s: str) -> Text:
    return [Ch(c) for c in s]


# --------------------------------------------------------------------------------------------
# HTML cell -> blocks
# --------------------------------------------------------------------------------------------

KPI_ITEM = re.compile(
    r"(?P<ind>\S.*?)\s+"
    r"(?P<base>[-－―ー]|\d[\d,.]*%?\s?[^\s→➡()（）]*)\s*"
    r"(?P<arrow>[→➡])\s*"
    r"(?P<target>\d[\d,.]*%?\s?[^\s()（）]*)\s*"
    r"(?P<y1>\([^)]*\))\s*(?P<y2>\([^)]*\))\s*"
)


def parse_kpis(s: str) -> list[Kpi]:
    """Parse a KPI cell 「指標 21 事業者 → 75 事業者 (令和元年) (令和7年) ...」; [] if not one."""
    s = s.strip()
    items: list[Kpi] = []
    pos = 0
    while pos < len(s):
        m = KPI_ITEM.match(s, pos)
        if not m:
            return []
        items.append(
            Kpi(
                indicator=m["ind"],
                base=m["base"].replace(" ", ""),
                arrow=m["arrow"],
                target=m["target"].replace(" ", ""),
                year1=m["y1"],
                year2=m["y2"],
            )
        )
        pos = m.end()
    return items


def cell_kpis(cell: TCell) -> list[Kpi]:
    """R11: the KPI statements of a nested cell (none in a header or a styled cell).

    KPI statements are recognised on the raw cell text (before the R7 spacing rule).
    """
    has_style = any(ch.u or ch.color for p in cell.lines for ch in p.chars)
    return [] if (has_style or cell.header) else parse_kpis(cell.raw)



# --------------------------------------------------------------------------------------------
# Reference markdown -> logical rows
# --------------------------------------------------------------------------------------------

# R8: known OCR misread.  In 「対象者1人当たりの助成額 二 → 8,400円」 the baseline is the
# "no baseline" dash 「－」 used by the other KPIs (「－ ➡ 2,121件」, 「- → 100%」); 「二」 (two) is
# not a value.  Replaced in the raw markdown so the flattened copies still match (R2).
OCR_FIXES = [("対象者1人当たりの助成額 二 → 8,400円", "対象者1人当たりの助成額 － → 8,400円")]


def parse_reference(md: str) -> Document:
    """Parse the converter's markdown into logical rows.

    Artefact rules (all deterministic, checked by assertions):

    The generic steps live in :mod:`shinkyu.extract.markdown` (the markdown front end uses
    them too); this function adds the checks that hold for the reference only.

    R1 Each markdown table = header row, separator, ONE real data row, then converter rows.
       Header cells are compared with spaces removed (「変 更 前」 == 「変更前」); empty header
       cells are ignored.
    R2 In the real data row each HTML cell is followed by flattened copies of the th/td of the
       tables nested in it, one markdown cell each, in document order.  The cells are consumed
       as: real cell, then exactly as many cells as it has nested th/td (their text is checked
       against the nested cells), ...; empty markdown cells are skipped.  Exactly three real
       cells remain: before, after, reason.
    R3 The following rows repeat the nested tables' rows (one markdown row per <tr>, in the
       before and then the after copy): a row whose non-empty cells equal the cells of a nested
       <tr> is dropped.  Any other row is real content that the converter pushed out of the
       cell (the stray 「(主な関連事業) ・商工会議所活動促進事業 … ②農業振興策の実施 ー 省 略 ー」
       row of the table split at the page break): its cells are appended, by position, at the
       end of the before / after / reason cells.
    R4 (see BlockBuilder) unclosed <ul>: block elements only end runs of text.
    R5 (see close_unclosed_inline) unclosed <b style="color: red;"> applies to the rest of its td.
    R6 A non-table line between tables is the document title printed again at a page break;
       the table after it continues the previous logical row when its before-cell does not
       start with a 「計画書 N ページ」 marker (plan page 5/7: KPI table and related projects).
       Such a continuation is kept as a separate Part (sub-row) for rendering only.
    R7 (see SPACED_NUMBER, PUNCT_NUMBER) OCR spaces around numbers are removed.
    R8 (see OCR_FIXES) 「二」 -> 「－」.
    R9 Bullets the OCR lost (「デジタルトランスフォーメーション推進事業」 in plan page 17) are not
       restored: the text is kept as converted.
    R10 (see LINE_START) list items / sub-headings / omission markers run together on one
        converter line become separate lines; whitespace runs collapse to one space.
    R11 (see parse_kpis) a KPI cell 「指標 21 事業者 → 75 事業者 (令和元年) (令和7年)」 is
        structured (indicator / base → target / two years) and printed on three lines; its
        reading text keeps that order, with the unit spaces removed (「21事業者」).
    """
    for wrong, right in OCR_FIXES:
        if wrong not in md:
            raise ValueError(f"OCR fix target not found: {wrong}")
        md = md.replace(wrong, right)

    items = markdown_to_items(md)
    titles = {it.text for it in items if isinstance(it, SourceText)}
    if titles != {SUNAGAWA_TITLE}:
        raise ValueError(f"unexpected free text: {titles}")

    entries: list[Entry] = []
    tables = [it for it in items if isinstance(it, SourceTable)]
    for k, table in enumerate(tables):
        assert table.header is not None
        header = [c.replace(" ", "").replace("\u3000", "") for c in table.header.cells if c]
        if header != HEADER_LABELS:
            raise ValueError(f"unexpected header {header}")
        # R2, R3 (shinkyu.extract.markdown.table_to_parts): the real row, then stray rows
        rows, bad = table_to_parts(table, len(HEADER_LABELS), k)
        if bad or not rows:
            raise ValueError(f"table {k + 1}: flattened copies do not match nested cells")
        part = Part(*rows[0].cells)
        for stray in rows[1:]:
            for role, blocks in zip(ROLES, stray.cells, strict=True):
                part.role(role).extend(blocks)
        # R6
        first = part.before[0]
        m = PLAN_MARKER.match(first.plain) if isinstance(first, Para) else None
        if m:
            entries.append(Entry(plan_pages=[], parts=[]))
        elif not entries:
            raise ValueError("first table does not start with a plan page marker")
        entries[-1].parts.extend(split_at_inner_markers(part))

    for entry in entries:
        entry.plan_pages = [
            int(m.group(1))
            for b in entry.blocks("before")
            if isinstance(b, Para) and (m := PLAN_MARKER.match(b.plain))
        ]
    return Document(SUNAGAWA_TITLE, entries)


def split_at_inner_markers(part: Part) -> list[Part]:
    """Rendering aid only: split a part at an inner 「計画書 N ページ」 marker.

    The before cell is cut at the marker, the after cell at the paragraph that follows the
    marker, and each sub-row gets one reason paragraph (the rest go to the last), so reasons
    sit next to what they explain.  The ground truth is not affected.
    """
    for k, b in enumerate(part.before):
        if k == 0 or not (isinstance(b, Para) and PLAN_MARKER.match(b.plain)):
            continue
        nxt = part.before[k + 1] if k + 1 < len(part.before) else None
        if not isinstance(nxt, Para):
            continue
        cut = next(
            (j for j, a in enumerate(part.after) if isinstance(a, Para) and a.plain == nxt.plain),
            None,
        )
        if cut is None or len(part.reason) < 2:
            continue
        first = Part(part.before[:k], part.after[:cut], part.reason[:1])
        rest = Part(part.before[k:], part.after[cut:], part.reason[1:])
        return [first, *split_at_inner_markers(rest)]
    return [part]


# --------------------------------------------------------------------------------------------
# Logical rows -> ground truth JSON
# --------------------------------------------------------------------------------------------


def serialize(blocks: Sequence[Block]) -> list[Text]:
    """Reading lines of a cell (the ground truth "text", one entry per printed line).

    Paragraphs one line each; a ruled table one line per row with cells joined by a tab
    (lines inside a table cell joined by a space); a borderless layout table row-major, one
    line per line of each td; a frame its content.
    """
    lines: list[Text] = []
    for b in blocks:
        if isinstance(b, Para):
            lines.append(b.chars)
        elif isinstance(b, Frame):
            lines.extend(serialize(b.blocks))
        elif b.ruled:
            for row in b.rows:
                lines.append(join_texts([cell_text(c) for c in row], "\t"))
        else:
            for row in b.rows:
                for c in row:
                    lines.extend(p.chars for p in c.lines)
    return lines


def cell_text(cell: TCell) -> Text:
    if kpis := cell_kpis(cell):
        return styled(" ".join(k.plain for k in kpis))
    return join_texts([p.chars for p in cell.lines], " ")


def join_texts(parts: Sequence[Text], sep: str) -> Text:
    """Join styled texts; the separator is part of a span when both neighbours are."""
    out: Text = []
    for i, part in enumerate(parts):
        if i and out and part:
            left, right = out[-1], part[0]
            u = left.u if left.u == right.u else None
            cid = left.color_id if left.color_id == right.color_id else None
            out.extend(Ch(c, u, cid, left.color if cid else None) for c in sep)
        elif i:
            out.extend(styled(sep))
        out.extend(part)
    return out


def spans(chars: Text, key: str) -> list[Text]:
    groups: list[Text] = []
    prev: int | None = None
    for ch in chars:
        ident = getattr(ch, key)
        if ident is not None:
            if ident == prev:
                groups[-1].append(ch)
            else:
                groups.append([ch])
        prev = ident
    return groups


def span_offsets(chars: Text, key: str) -> list[list[int]]:
    """[start, end] of each span in the cell text, surrounding whitespace excluded."""
    out: list[list[int]] = []
    prev: int | None = None
    for i, ch in enumerate(chars):
        ident = getattr(ch, key)
        if ident is not None and ident == prev:
            out[-1][1] = i + 1
        elif ident is not None:
            out.append([i, i + 1])
        prev = ident
    trimmed = []
    for a, b in out:
        while a < b and chars[a].c.isspace():
            a += 1
        while b > a and chars[b - 1].c.isspace():
            b -= 1
        trimmed.append([a, b])
    return trimmed


def cell_json(blocks: Sequence[Block]) -> dict[str, Any]:
    text = join_texts(serialize(blocks), "\n")
    return {
        "text": "".join(ch.c for ch in text),
        "underline_spans": span_offsets(text, "u"),
        "color_spans": span_offsets(text, "color_id"),
        "underlines": ["".join(ch.c for ch in g).strip() for g in spans(text, "u")],
        "colors": [
            {"text": "".join(ch.c for ch in g).strip(), "color": g[0].color}
            for g in spans(text, "color_id")
        ],
        "tables": [
            [["".join(ch.c for ch in cell_text(c)) for c in row] for row in t.rows]
            for t in iter_tables(blocks)
            if t.ruled
        ],
    }


def document_json(doc: Document) -> dict[str, Any]:
    entries = []
    for e in doc.entries:
        item: dict[str, Any] = {"plan_pages": e.plan_pages}
        if e.markers is not None:
            item["markers"] = e.markers
        for role in ROLES:
            item[role] = cell_json(e.blocks(role))
        entries.append(item)
    return {"title": doc.title, "entries": entries}


# --------------------------------------------------------------------------------------------
# Layouts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    name: str  # PDF file stem
    content: str  # "sunagawa" | "ordinance"
    producer: str  # "chromium" | "libreoffice"
    orientation: str  # "landscape" | "portrait"
    columns: tuple[tuple[str, str], ...]  # (role, printed label) in printed order
    widths: tuple[int, ...]  # column widths in percent
    fonts: tuple[str, ...]  # CSS font-family stack / docx font (first entry)
    font_size_pt: float
    title_mode: str  # "above": above the table on page 1 | "running": @top-center every page
    page_number: str  # CSS content of the page number margin box

    @property
    def has_reason(self) -> bool:
        return any(role == "reason" for role, _ in self.columns)


DASH_PAGE = '"- " counter(page) " -"'
N_OF_M_PAGE = 'counter(page) " / " counter(pages)'
PLAIN_PAGE = "counter(page)"
IDEO = "\u3000"

LAYOUTS: tuple[Layout, ...] = (
    Layout(
        name="sunagawa-landscape-mincho",
        content="sunagawa",
        producer="chromium",
        orientation="landscape",
        columns=(
            ("before", f"変{IDEO}更{IDEO}前"),
            ("after", f"変{IDEO}更{IDEO}後"),
            ("reason", "変更理由"),
        ),
        widths=(42, 42, 16),
        fonts=("IPAexMincho", "DejaVu Sans"),
        font_size_pt=10,
        title_mode="above",
        page_number=DASH_PAGE,
    ),
    Layout(
        name="sunagawa-portrait-gothic-reordered",
        content="sunagawa",
        producer="chromium",
        orientation="portrait",
        columns=(
            ("after", f"変{IDEO}更{IDEO}後"),
            ("before", f"変{IDEO}更{IDEO}前"),
            ("reason", f"備{IDEO}考"),
        ),
        widths=(42, 42, 16),
        fonts=("IPAexGothic", "DejaVu Sans"),
        font_size_pt=9,
        title_mode="running",
        page_number=N_OF_M_PAGE,
    ),
    Layout(
        name="sunagawa-ordinance-2col",
        content="sunagawa",
        producer="chromium",
        orientation="landscape",
        columns=(("after", "改正後"), ("before", "改正前")),
        widths=(50, 50),
        fonts=("Liberation Sans", "Droid Sans Fallback", "IPAexGothic", "DejaVu Sans"),
        font_size_pt=10.5,
        title_mode="above",
        page_number=PLAIN_PAGE,
    ),
    Layout(
        name="sunagawa-word-soffice",
        content="sunagawa",
        producer="libreoffice",
        orientation="landscape",
        columns=(
            ("before", f"現{IDEO}{IDEO}行"),
            ("after", f"改{IDEO}正{IDEO}案"),
            ("reason", f"備{IDEO}考"),
        ),
        widths=(42, 42, 16),
        fonts=("IPAexMincho",),
        font_size_pt=9.5,
        title_mode="running",
        page_number="- PAGE -",
    ),
    Layout(
        name="ordinance-fees-portrait",
        content="ordinance",
        producer="chromium",
        orientation="portrait",
        columns=(("after", f"改{IDEO}正{IDEO}後"), ("before", f"改{IDEO}正{IDEO}前")),
        widths=(50, 50),
        fonts=("IPAexMincho", "DejaVu Sans"),
        font_size_pt=10.5,
        title_mode="above",
        page_number=DASH_PAGE,
    ),
)


# --------------------------------------------------------------------------------------------
# HTML rendering (chromium)
# --------------------------------------------------------------------------------------------


def runs_html(chars: Text) -> str:
    out: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        key = (chars[i].u is not None, chars[i].color)
        while j < len(chars) and (chars[j].u is not None, chars[j].color) == key:
            j += 1
        s = html.escape("".join(ch.c for ch in chars[i:j]))
        if key[1]:
            s = f'<span style="color:{key[1]}">{s}</span>'
        if key[0]:
            s = f"<u>{s}</u>"
        out.append(s)
        i = j
    return "".join(out)


def para_html(p: Para) -> str:
    cls = " ".join(c for c in ("c" if p.align == "center" else "", "i1" if p.indent else "") if c)
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{runs_html(p.chars)}</p>"


def kpi_html(k: Kpi) -> str:
    e = html.escape
    return (
        f'<div class="kpi"><p>{e(k.indicator)}</p><div class="kv">'
        f"<span>{e(k.base)}</span><span>{e(k.arrow)}</span><span>{e(k.target)}</span>"
        f"<span>{e(k.year1)}</span><span></span><span>{e(k.year2)}</span></div></div>"
    )


def tcell_html(c: TCell) -> str:
    tag = "th" if c.header else "td"
    body = (
        "".join(kpi_html(k) for k in kpis)
        if (kpis := cell_kpis(c))
        else "".join(para_html(p) for p in c.lines)
    )
    cls = ' class="c"' if c.align == "center" else ""
    return f"<{tag}{cls}>{body}</{tag}>"


def blocks_html(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(para_html(b))
        elif isinstance(b, Frame):
            out.append(f'<div class="frame">{blocks_html(b.blocks)}</div>')
        else:
            # nested header rows stay in <tbody> so chromium does not repeat them after a break
            cls = "nt" if b.ruled else "lay"
            cols = len(b.rows[0])
            colgroup = ""
            if b.ruled and cols == 2:
                colgroup = '<colgroup><col style="width:52%"><col style="width:48%"></colgroup>'
            rows = "".join("<tr>" + "".join(tcell_html(c) for c in row) + "</tr>" for row in b.rows)
            out.append(f'<table class="{cls}">{colgroup}<tbody>{rows}</tbody></table>')
    return "".join(out)


def css_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_html(doc: Document, layout: Layout) -> str:
    size = "A4 landscape" if layout.orientation == "landscape" else "A4"
    font = ", ".join(css_string(f) for f in layout.fonts)
    running = ""
    if layout.title_mode == "running":
        running = (
            f"@top-center {{ content: {css_string(doc.title)}; font-family: {font};"
            " font-size: 10pt; }"
        )
    css = f"""
@page {{
  size: {size};
  margin: 16mm 12mm 16mm 12mm;
  {running}
  @bottom-center {{ content: {layout.page_number}; font-family: {font}; font-size: 9pt; }}
}}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: {font}; font-size: {layout.font_size_pt}pt; line-height: 1.45; color: #000; }}
h1.title {{ font-size: 13pt; font-weight: normal; text-align: center; margin: 0 0 3mm 0; }}
p {{ margin: 0; }}
p.c, th.c, td.c {{ text-align: center; }}
p.i1 {{ padding-left: 1em; }}
u {{ text-decoration: underline; text-decoration-thickness: 0.6pt; text-underline-offset: 1.5pt; }}
table.main {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
table.main > thead > tr > th {{ border: 1px solid #000; font-weight: normal; padding: 2px 4px;
                                text-align: center; }}
table.main > tbody > tr > td {{ border: 1px solid #000; vertical-align: top; padding: 4px 6px; }}
table.main > tbody > tr > td.cont {{ border-top-style: hidden; }}
table.nt {{ width: 100%; border-collapse: collapse; margin: 3px 0 4px 0; }}
table.nt th, table.nt td {{ border: 1px solid #000; vertical-align: top; padding: 2px 4px;
                            font-weight: normal; }}
table.nt th {{ text-align: center; }}
table.lay {{ width: 100%; border-collapse: collapse; margin: 0 0 2px 0; }}
table.lay td {{ border: none; vertical-align: top; padding: 0 4px 0 0; width: 50%; }}
div.frame {{ border: 1px solid #000; padding: 3px 6px; margin: 3px 0 5px 0; }}
div.kpi {{ margin-bottom: 2px; }}
div.kv {{ display: grid; grid-template-columns: auto auto auto; justify-content: center;
          column-gap: 0.3em; text-align: center; font-size: 0.9em; white-space: nowrap; }}
"""
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label in layout.columns)
    cols = "".join(f'<col style="width:{w}%">' for w in layout.widths)
    body_rows: list[str] = []
    for entry in doc.entries:
        for k, part in enumerate(entry.parts):
            cls = ' class="cont"' if k else ""
            tds = "".join(
                f"<td{cls}>{blocks_html(part.role(role))}</td>" for role, _ in layout.columns
            )
            body_rows.append(f"<tr>{tds}</tr>")
    title = (
        f'<h1 class="title">{html.escape(doc.title)}</h1>' if layout.title_mode == "above" else ""
    )
    return (
        '<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8">'
        f"<title>{html.escape(doc.title)}</title><style>{css}</style></head><body>{title}"
        f'<table class="main"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>'
        f"<tbody>\n" + "\n".join(body_rows) + "\n</tbody></table></body></html>\n"
    )


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def print_with_chromium(exe: str, html_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="shinkyu-chromium-") as profile:
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


# --------------------------------------------------------------------------------------------
# DOCX rendering (LibreOffice), imitating a Word export
# --------------------------------------------------------------------------------------------


def build_docx(doc: Document, layout: Layout, out: Path) -> None:
    from docx import Document as new_docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    font = layout.fonts[0]
    d = new_docx()
    sec = d.sections[0]
    sec.orientation = (
        WD_ORIENT.LANDSCAPE if layout.orientation == "landscape" else WD_ORIENT.PORTRAIT
    )
    sec.page_width, sec.page_height = (
        (Mm(297), Mm(210)) if layout.orientation == "landscape" else (Mm(210), Mm(297))
    )
    sec.left_margin = sec.right_margin = Mm(15)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(17)
    sec.header_distance, sec.footer_distance = Mm(9), Mm(8)
    usable_mm = (297 if layout.orientation == "landscape" else 210) - 30

    normal = d.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(layout.font_size_pt)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.15

    center = WD_ALIGN_PARAGRAPH.CENTER
    hp = sec.header.paragraphs[0]
    hp.alignment = center
    hp.add_run(doc.title).font.size = Pt(12)
    fp = sec.footer.paragraphs[0]
    fp.alignment = center
    before_field, after_field = layout.page_number.split("PAGE")
    fp.add_run(before_field)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    fp._p.append(fld)
    fp.add_run(after_field)

    def set_widths(t: Any, widths_mm: Sequence[float]) -> None:
        """Cell widths (w:tcW) and the grid (w:gridCol, which LibreOffice lays out by)."""
        t.autofit = False
        for gc, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
            gc.set(qn("w:w"), str(Mm(w).twips))
        for row in t.rows:
            for c, w in zip(row.cells, widths_mm, strict=True):
                c.width = Mm(w)

    class CellWriter:
        """Appends paragraphs/tables to a cell.

        Reuses the empty paragraph python-docx leaves (in a new cell, and after a nested table).
        """

        def __init__(self, cell: Any, width_mm: float) -> None:
            self.cell = cell
            self.width_mm = width_mm
            self.spare = cell.paragraphs[0]

        def paragraph(self, align: str = "left", indent: int = 0) -> Any:
            p = self.spare if self.spare is not None else self.cell.add_paragraph()
            self.spare = None
            if align == "center":
                p.alignment = center
            if indent:
                p.paragraph_format.left_indent = Pt(layout.font_size_pt * indent)
            return p

        def runs(self, p: Any, chars: Text) -> None:
            i = 0
            while i < len(chars):
                j = i
                key = (chars[i].u is not None, chars[i].color)
                while j < len(chars) and (chars[j].u is not None, chars[j].color) == key:
                    j += 1
                run = p.add_run("".join(ch.c for ch in chars[i:j]))
                if key[0]:
                    run.font.underline = True
                if key[1]:
                    run.font.color.rgb = RGBColor.from_string(key[1].lstrip("#").upper())
                i = j

        def table(self, rows: int, cols: int, fractions: Sequence[float], style: str | None) -> Any:
            t = self.cell.add_table(rows, cols)
            if style:
                t.style = d.styles[style]
            set_widths(t, [(self.width_mm - 3) * f for f in fractions])
            self.spare = self.cell.paragraphs[-1]
            return t

        def blocks(self, blocks: Sequence[Block]) -> None:
            for b in blocks:
                if isinstance(b, Para):
                    self.runs(self.paragraph(b.align, b.indent), b.chars)
                elif isinstance(b, Frame):
                    # a frame is a bordered 1x1 table in Word
                    t = self.table(1, 1, [1.0], "Table Grid")
                    inner = CellWriter(t.cell(0, 0), self.width_mm - 4)
                    inner.blocks(b.blocks)
                else:
                    cols = len(b.rows[0])
                    fractions = [0.55, 0.45] if (b.ruled and cols == 2) else [1 / cols] * cols
                    t = self.table(len(b.rows), cols, fractions, "Table Grid" if b.ruled else None)
                    for r_i, row in enumerate(b.rows):
                        for c_i, tc in enumerate(row):
                            w = CellWriter(t.cell(r_i, c_i), (self.width_mm - 3) * fractions[c_i])
                            if kpis := cell_kpis(tc):
                                for k in kpis:
                                    w.paragraph().add_run(k.indicator)
                                    w.paragraph("center").add_run(
                                        f"{k.base}　{k.arrow}　{k.target}"
                                    )
                                    w.paragraph("center").add_run(f"{k.year1}　　{k.year2}")
                            else:
                                for line in tc.lines:
                                    align = (
                                        "center"
                                        if (tc.header or tc.align == "center")
                                        else line.align
                                    )
                                    w.runs(w.paragraph(align, line.indent), line.chars)

    table = d.add_table(rows=1, cols=len(layout.columns))
    table.style = d.styles["Table Grid"]
    widths = [usable_mm * w / 100 for w in layout.widths]
    set_widths(table, widths)
    head = table.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    tbl_header = OxmlElement("w:tblHeader")  # repeat as header row at the top of each page
    tbl_header.set(qn("w:val"), "true")
    tr_pr.append(tbl_header)
    for k, (_, label) in enumerate(layout.columns):
        cell = head.cells[k]
        cell.paragraphs[0].alignment = center
        cell.paragraphs[0].add_run(label)
    for entry in doc.entries:
        row = table.add_row()  # rows may split across pages (no w:cantSplit)
        for k, (role, _) in enumerate(layout.columns):
            row.cells[k].width = Mm(widths[k])
            CellWriter(row.cells[k], widths[k] - 2).blocks(entry.blocks(role))
    d.save(str(out))


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def print_with_soffice(exe: str, docx_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="shinkyu-soffice-") as tmp:
        profile = Path(tmp) / "profile"
        outdir = Path(tmp) / "out"
        cmd = [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx_path),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        shutil.move(str(outdir / (docx_path.stem + ".pdf")), pdf_path)


# --------------------------------------------------------------------------------------------
# Second content: a FICTIONAL ordinance amendment (サンプル市 does not exist)
# --------------------------------------------------------------------------------------------

ORDINANCE_TITLE = "サンプル市手数料条例の一部を改正する条例 新旧対照表"

_FEES_BEFORE = [
    ("1　諸証明手数料", "1件につき300円"),
    ("2　閲覧手数料", "1件につき300円"),
    ("3　印鑑登録証の交付手数料", "1件につき300円"),
    ("4　印鑑登録証明書の交付手数料", "1通につき300円"),
    ("5　身分証明書の交付手数料", "1通につき300円"),
    ("6　住民票の写し等の交付手数料", "1通につき300円"),
    ("7　住民票記載事項証明書の交付手数料", "1通につき300円"),
    ("8　戸籍の附票の写しの交付手数料", "1通につき300円"),
    ("9　税務証明手数料", "1件につき300円"),
    ("10　犬の登録手数料", "1頭につき3,000円"),
    ("11　狂犬病予防注射済票交付手数料", "1件につき550円"),
    ("12　屋外広告物許可申請手数料", "1件につき4,400円"),
    ("13　開発行為許可申請手数料", "規則で定める額"),
]
_FEES_AFTER = [
    ("1　諸証明手数料", "1件につき<u>350円</u>"),
    ("2　閲覧手数料", "1件につき300円"),
    ("3　印鑑登録証の交付手数料", "1件につき<u>350円</u>"),
    ("4　印鑑登録証明書の交付手数料", "1通につき<u>350円</u>"),
    ("5　身分証明書の交付手数料", "1通につき300円"),
    ("6　住民票の写し等の交付手数料", "1通につき<u>350円</u>"),
    ("7　住民票記載事項証明書の交付手数料", "1通につき<u>350円</u>"),
    ("8　戸籍の附票の写しの交付手数料", "1通につき<u>350円</u>"),
    ("9　税務証明手数料", "1件につき<u>350円</u>"),
    ("10　犬の登録手数料", "1頭につき3,000円"),
    ("11　狂犬病予防注射済票交付手数料", "1件につき550円"),
    ("12　屋外広告物許可申請手数料", "1件につき<u>4,600円</u>"),
    ("13　開発行為許可申請手数料", "規則で定める額"),
    ("<u>14　地図の写しの交付手数料</u>", "<u>1枚につき200円</u>"),
]


def _fee_table(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in rows)
    head = "<thead><tr><th>区分</th><th>金額</th></tr></thead>"
    return f'<table border="1">{head}<tbody>{body}</tbody></table>'


# (markers, after HTML, before HTML); the before cell of a wholly new article is empty
ORDINANCE_ROWS: list[tuple[list[str], str, str]] = [
    (
        ["第1条"],
        "<p>第1条　この条例は、地方自治法第227条の規定に基づき、サンプル市が<u>事務を行う場合に</u>"
        "徴収する手数料に関し必要な事項を定めるものとする。</p>",
        "<p>第1条　この条例は、地方自治法第227条の規定に基づき、サンプル市が"
        "徴収する手数料に関し必要な事項を定めるものとする。</p>",
    ),
    (
        ["第3条"],
        "<p>第3条　手数料の額は、別表第1に定めるとおりとする。</p>"
        "<p>2　前項の手数料は、<u>申請又は請求の際に</u>徴収する。"
        "<u>ただし、市長が特別の理由があると認めるときは、後納させることができる。</u></p>",
        "<p>第3条　手数料の額は、別表第1に定めるとおりとする。</p>"
        "<p>2　前項の手数料は、<u>申請の際</u>徴収する。</p>",
    ),
    (
        ["第4条の2"],
        "<p><u>第4条の2　電子情報処理組織を使用する方法により申請又は請求を行う場合の手数料の額は、"
        "別表第1に定める額から50円を減じた額とする。</u></p>"
        "<p><u>2　前項の方法により交付を受ける証明書等の受取方法その他必要な事項は、"
        "規則で定める。</u></p>",
        "",
    ),
    (
        ["第5条"],
        "<p>第5条　市長は、次の各号のいずれかに該当する場合は、手数料を減額し、"
        "又は免除することができる。</p>"
        "<p>(1)　生活保護法の規定による保護を受けている者が申請するとき。</p>"
        "<p>(2)　<u>災害その他特別の理由により</u>手数料を納付することが困難であると"
        "<u>市長が</u>認める者が申請するとき。</p>"
        "<p>(3)　国又は他の地方公共団体が公用に供するため請求するとき。</p>"
        "<p>(4)　<u>児童扶養手当の受給資格者が、その受給に必要な書類の交付を申請するとき。</u></p>"
        "<p>(5)　前各号に掲げるもののほか、市長が特に必要があると認めるとき。</p>"
        "<p>2　前項の規定により手数料の減額又は免除を受けようとする者は、"
        "<u>規則で定めるところにより</u>、市長に申請しなければならない。</p>",
        "<p>第5条　市長は、次の各号のいずれかに該当する場合は、手数料を減額し、"
        "又は免除することができる。</p>"
        "<p>(1)　生活保護法の規定による保護を受けている者が申請するとき。</p>"
        "<p>(2)　<u>災害により</u>手数料を納付することが困難であると認める者が申請するとき。</p>"
        "<p>(3)　国又は他の地方公共団体が公用に供するため請求するとき。</p>"
        "<p>(4)　前各号に掲げるもののほか、市長が特に必要があると認めるとき。</p>"
        "<p>2　前項の規定により手数料の減額又は免除を受けようとする者は、<u>あらかじめ</u>、"
        "市長に申請しなければならない。</p>",
    ),
    (
        ["別表第1"],
        "<p>別表第1（第3条関係）</p>"
        + _fee_table(_FEES_AFTER)
        + "<p>備考　<u>第4条の2の規定により手数料を減じる場合の額は、"
        "この表に定める額から算定する。</u></p>",
        "<p>別表第1（第3条関係）</p>" + _fee_table(_FEES_BEFORE),
    ),
]


def ordinance_document() -> Document:
    entries = []
    for markers, after, before in ORDINANCE_ROWS:
        part = Part(before=blocks_from_html(before), after=blocks_from_html(after))
        entries.append(Entry(plan_pages=[], parts=[part], markers=markers))
    return Document(ORDINANCE_TITLE, entries)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------

EXPECTED_NAMES = {"sunagawa": "sunagawa.json", "ordinance": "ordinance-fees.json"}


def reference_html(md: str) -> str:
    """The reference as an HTML converter would write it: same cells, same artefacts.

    Each markdown table becomes a ``<table>`` (header row in ``<thead>``, one ``<tr>`` per
    line, cell HTML kept as given, unclosed tags included); free text becomes ``<p>``. Used to
    test the HTML branch of the markdown front end against the markdown one.
    """
    out = ['<!DOCTYPE html>', '<html lang="ja"><head><meta charset="utf-8">', "</head><body>"]
    for item in markdown_to_items(md):
        if isinstance(item, SourceText):
            out.append(f"<p>{html.escape(item.text)}</p>")
            continue
        assert item.header is not None
        head = "".join(f"<th>{c}</th>" for c in item.header.cells)
        out += ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
        out += ["<tr>" + "".join(f"<td>{c}</td>" for c in row.cells) + "</tr>" for row in item.rows]
        out += ["</tbody>", "</table>"]
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def manifest() -> list[dict[str, Any]]:
    return [
        {
            "pdf": f"pdf/{layout.name}.pdf",
            "expected": f"expected/{EXPECTED_NAMES[layout.content]}",
            "producer": layout.producer,
            "orientation": layout.orientation,
            "columns": [
                {"role": role, "label": re.sub(r"\s", "", label)} for role, label in layout.columns
            ],
            "has_reason": layout.has_reason,
        }
        for layout in LAYOUTS
    ]


def build_pdf(doc: Document, layout: Layout, build_dir: Path) -> str:
    """Print one layout; returns a status line."""
    pdf = PDF_DIR / f"{layout.name}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    if layout.producer == "chromium":
        exe = find_chromium()
        if exe is None:
            return f"SKIP {pdf.name}: chromium not found on PATH"
        src = build_dir / f"{layout.name}.html"
        src.write_text(render_html(doc, layout), encoding="utf-8")
        print_with_chromium(exe, src, pdf)
    else:
        exe = find_soffice()
        if exe is None:
            return f"SKIP {pdf.name}: soffice (LibreOffice) not found on PATH"
        try:
            import docx  # noqa: F401
        except ImportError:
            return f"SKIP {pdf.name}: python-docx is not installed"
        src = build_dir / f"{layout.name}.docx"
        build_docx(doc, layout, src)
        print_with_soffice(exe, src, pdf)
    return f"wrote {pdf.relative_to(HERE)} ({pdf.stat().st_size // 1024} KB)"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--only", choices=[layout.name for layout in LAYOUTS], help="print only this PDF"
    )
    parser.add_argument(
        "--keep-build", type=Path, help="keep the intermediate HTML/DOCX in this folder"
    )
    parser.add_argument(
        "--expected-only", action="store_true", help="write the ground truth, print no PDF"
    )
    args = parser.parse_args(argv)

    docs = {
        "sunagawa": parse_reference(REFERENCE_MD.read_text(encoding="utf-8")),
        "ordinance": ordinance_document(),
    }
    if len(docs["sunagawa"].entries) != 7:
        raise SystemExit(f"expected 7 logical rows, got {len(docs['sunagawa'].entries)}")
    for key, doc in docs.items():
        write_json(EXPECTED_DIR / EXPECTED_NAMES[key], document_json(doc))
    write_json(MANIFEST, manifest())
    REFERENCE_HTML.write_text(
        reference_html(REFERENCE_MD.read_text(encoding="utf-8")), encoding="utf-8"
    )
    print(f"wrote expected/*.json, manifest.json and {REFERENCE_HTML.name}")
    if args.expected_only:
        return 0

    with tempfile.TemporaryDirectory(prefix="shinkyu-samples-") as tmp:
        build_dir = args.keep_build or Path(tmp)
        build_dir.mkdir(parents=True, exist_ok=True)
        for layout in LAYOUTS:
            if args.only and layout.name != args.only:
                continue
            print(build_pdf(docs[layout.content], layout, build_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
