r"""The shinkyu document model: one typed tree that every stage takes and returns.

This module imports nothing of the project. The committed JSON Schema
(``schemas/shinkyu-document.schema.json``) is generated from these classes by
``python -m shinkyu.schemas.generate``; a test fails when the two drift apart.

Conventions used throughout:

* Pages are 1-based (PDF input). A ``bbox`` is ``[x0, top, x1, bottom]`` in PDF points with the
  origin at the page's top-left corner (``coord_origin == "TOPLEFT"``), as pdfplumber
  reports it. Markdown / HTML input has no pages: its provenance is a :class:`TextProv`
  (1-based line numbers in the source file), entries have ``pages == []``.
* Offsets (``start``/``end``) index Python ``str`` code points of the cell's ``text``;
  ``text[start:end]`` is the span.
* ``text`` is the reading text: NFKC-normalized except that circled numbers (①) are
  kept and both wave dashes (～ 〜) read as ～; glyphs that Japanese fonts map to the wrong
  character (⻑ for 長, U+0336 for —) are repaired; wrapped lines joined without spaces between
  Japanese characters, paragraphs separated by ``\n``. A nested table sits at its place
  as one line per table row, cells separated by ``\t``.
* ``raw_text`` is the text as printed (no normalization), one printed line per ``\n``.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_NAME: Final = "shinkyu-document"
SCHEMA_VERSION: Final = "0.4.0"
SCHEMA_ID = f"https://schemas.shinkyu.dev/{SCHEMA_NAME}/{SCHEMA_VERSION}/schema.json"

BBox = tuple[float, float, float, float]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=False)


class Role(str, Enum):
    """What a column of the comparison table holds."""

    BEFORE = "before"
    AFTER = "after"
    REASON = "reason"
    LABEL = "label"
    """Where the row applies (項目, 該当箇所, 条項, ページ …): a column Excel users keep left of
    the before/after columns. Its text is the entry's ``label``, never part of before/after."""


class Prov(_Model):
    """Where a piece of the document was printed: one entry per page fragment."""

    page: int = Field(ge=1, description="1-based page number in the source PDF.")
    bbox: BBox = Field(
        description="[x0, top, x1, bottom] in PDF points, top-left origin, in the frame where "
        "the page's text reads upright (the page before /Rotate, turned when text runs "
        "sideways)."
    )
    coord_origin: Literal["TOPLEFT"] = "TOPLEFT"


class TextProv(_Model):
    """Where a piece of a markdown / HTML source was written: one entry per source row."""

    format: Literal["markdown", "html"]
    line_start: int = Field(ge=1, description="1-based first line in the source file.")
    line_end: int = Field(ge=1, description="1-based last line (inclusive).")


class Mark(_Model):
    """A span of a cell's text that the publisher marked as changed."""

    kind: Literal["underline", "color"]
    text: str = Field(description="Equals cell.text[start:end].")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    color: str | None = Field(
        default=None, description="For kind 'color': the fill colour as #rrggbb (sRGB)."
    )


class NestedTable(_Model):
    """A table printed inside a cell (数値目標, 具体的な事業 | KPI, ...)."""

    rows: list[list[str]] = Field(description="Cell reading texts, row-major.")
    offsets: list[list[tuple[int, int]]] = Field(
        description="For each cell in rows, its (start, end) in the parent cell's text."
    )
    start: int = Field(ge=0, description="Offset of the table's first cell in the parent text.")
    end: int = Field(ge=0, description="Offset just past the table's last cell.")
    prov: list[Prov | TextProv] = Field(default_factory=list)


class Cell(_Model):
    """One before / after / reason cell of a logical row, across all its page fragments."""

    text: str
    raw_text: str
    ocr_confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Cells read by OCR: the mean confidence of their characters (0–1); null "
        "for cells read from a text layer. Doubtful characters are listed as "
        "'ocr_uncertain' warnings.",
    )
    marks: list[Mark] = Field(default_factory=list)
    tables: list[NestedTable] = Field(default_factory=list)
    prov: list[Prov | TextProv] = Field(default_factory=list)
    projects: list[Project] = Field(
        default_factory=list, description="Analysis: 具体的な事業, 主な関連事業; printed order."
    )
    targets: list[Target] = Field(
        default_factory=list, description="Analysis: rows of indicator tables (数値目標 …)."
    )
    kpis: list[Kpi] = Field(
        default_factory=list,
        description="Analysis: KPIs in the text that no project precedes (others sit on projects).",
    )
    dates: list[EraDate] = Field(default_factory=list, description="Analysis: 和暦 dates.")
    quantities: list[Quantity] = Field(
        default_factory=list, description="Analysis: numbers with units in the text."
    )
    sections: list[Section] = Field(
        default_factory=list, description="Analysis: headings and omission markers."
    )


class Entry(_Model):
    """One logical row of the comparison table, in document order."""

    id: str = Field(description="Stable within the document: 'e1', 'e2', ...")
    pages: list[int] = Field(
        description="PDF pages the row is printed on, ascending; [] for markdown / HTML."
    )
    plan_pages: list[int] = Field(
        default_factory=list, description="Plan pages named in the row (「計画書 N ページ」)."
    )
    before: Cell
    after: Cell
    reason: Cell | None = Field(description="null when the table has no reason column.")
    label: Cell | None = Field(
        default=None,
        description="The label column's cell (項目 / 該当箇所 / 条項 / ページ …): where the row "
        "applies. null when the table has no label column.",
    )
    table: int = Field(
        default=0,
        ge=0,
        description="Index in Document.tables: the comparison table the row belongs to.",
    )
    changes: Changes | None = Field(
        default=None, description="Analysis: what the amendment changed (null before analysis)."
    )


class Column(_Model):
    """A column of the comparison table, in printed order."""

    role: Role
    label: str = Field(description="The header as printed, whitespace removed.")


class ComparisonTable(_Model):
    """One comparison table of the document (a PDF may bind several amendments together)."""

    index: int = Field(ge=0)
    columns: list[Column] = Field(description="Its columns in printed order.")
    page: int | None = Field(default=None, description="The page its header is first printed on.")
    title: str | None = Field(default=None, description="The title printed above it.")


class PageRead(_Model):
    """How one page of the PDF was read."""

    page: int = Field(ge=1)
    finder: Literal["ruled", "partly-ruled", "aligned", "camelot"] | None = Field(
        description="What found the comparison table on the page: its cell rules (ruled), "
        "a header rule and column rules with rows cut at markers (partly-ruled), the text's "
        "alignment (aligned), camelot's grid (camelot); null when the page has none "
        "(a cover, a contents page, an appendix, a blank or damaged page)."
    )
    tables: list[int] = Field(
        default_factory=list, description="The comparison tables printed on it (their index)."
    )


class Source(_Model):
    """The input file."""

    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    page_count: int = Field(ge=0, description="0 for markdown / HTML (no pages).")
    format: Literal["pdf", "markdown", "html"] = "pdf"


class Issue(_Model):
    """Something the extractor could not read, or read with doubt."""

    code: str = Field(description="Stable machine-readable code, e.g. 'row_without_marker'.")
    message: str
    page: int | None = None
    entry: str | None = Field(default=None, description="The entry id, for analysis warnings.")
    side: Literal["before", "after", "reason", "label"] | None = None
    text: str | None = Field(default=None, description="The text that could not be read.")
    start: int | None = Field(default=None, description="Offsets of text in the cell text.")
    end: int | None = None


class OcrRead(_Model):
    """What was read by OCR, and how."""

    engine: str = Field(description="The OCR engine and its version, e.g. 'rapidocr 3.10.0'.")
    dpi: int = Field(description="The resolution pages were rendered at for OCR.")
    pages: list[int] = Field(description="The pages read by OCR (1-based).")
    min_confidence: float = Field(
        description="Characters below this confidence are listed as 'ocr_uncertain' warnings."
    )


class Extractor(_Model):
    """What produced the document."""

    name: Literal["shinkyu"] = "shinkyu"
    version: str
    table_engine: str
    analysis: Literal["rules", "phrases"] | None = Field(
        default=None,
        description="The analysis the document went through: the rules (projects, KPIs, "
        "dates, changes), those plus GiNZA's bunsetsu phrases, or none (extraction only).",
    )


class Document(_Model):
    """A converted 新旧対照表."""

    schema_name: Literal["shinkyu-document"] = SCHEMA_NAME
    schema_version: Literal["0.4.0"] = SCHEMA_VERSION
    source: Source
    extractor: Extractor
    title: str | None = Field(description="The document title printed above the table.")
    columns: list[Column] = Field(description="The first comparison table's columns.")
    tables: list[ComparisonTable] = Field(
        default_factory=list,
        description="Every comparison table, each with its own header and column order.",
    )
    entries: list[Entry]
    ocr: OcrRead | None = Field(
        default=None, description="Pages read by OCR (scans); null when none was."
    )
    pages: list[PageRead] = Field(
        default_factory=list,
        description="Per PDF page, what read it (empty for markdown / HTML input).",
    )
    warnings: list[Issue] = Field(default_factory=list)
    municipality: Municipality | None = Field(
        default=None, description="The municipality the document belongs to; null when not found."
    )


# --------------------------------------------------------------------------------------------
# Analysis (filled by shinkyu.normalize; every field optional so extraction output validates)
# --------------------------------------------------------------------------------------------


class EraDate(_Model):
    """A 和暦 date, year, fiscal year, range or recurrence found in a cell's text."""

    text: str = Field(description="As in the cell text: text == cell.text[start:end].")
    kind: Literal["date", "range", "recurrence"] = "date"
    era: str | None = Field(
        description="明治 大正 昭和 平成 令和; null for a Gregorian date and for 各年度 / 毎年度."
    )
    era_year: int | None = Field(description="1 for 元年; null for a Gregorian date.")
    year: int | None = Field(description="Gregorian year; for a fiscal year the year it starts.")
    month: int | None = None
    day: int | None = None
    fiscal: bool = Field(default=False, description="年度: April 1 to March 31.")
    start_date: date | None = Field(description="First day covered; null when impossible.")
    end_date: date | None = Field(description="Last day covered; null when impossible.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    until: EraDate | None = Field(default=None, description="For kind 'range': its last end.")
    warning: str | None = Field(
        default=None,
        description="'before_era_start', 'after_era_end' or 'invalid_date': kept, but doubtful.",
    )


class Quantity(_Model):
    """A number with its unit, in base units, beside the printed text."""

    value: int | float | None = Field(
        description="In base units (「1,625千人」 → 1625000); null for 「－」 (no value)."
    )
    unit: str | None = Field(description="Base unit: 人 (not 千人), %, 円, 事業者, ...")
    raw: str = Field(description="As in the cell text, e.g. 「1,625千人」.")
    year: int | None = Field(default=None, description="Gregorian year the value refers to.")
    year_text: str | None = Field(default=None, description="The year as printed: 「令和元年」.")
    every_year: bool = Field(default=False, description="「(各年度)」: the value holds every year.")
    footnotes: list[str] = Field(default_factory=list, description="Marks such as 「※2」.")
    qualifier: str | None = Field(
        default=None, description="「約」, 「以上」, 「以下」, 「未満」, 「超」 … as printed."
    )
    value_max: int | float | None = Field(
        default=None, description="Upper end of a printed range 「10～15件」 (value is 10)."
    )
    start: int | None = Field(default=None, description="Offset of raw in the cell text.")
    end: int | None = None


class Kpi(_Model):
    """One 重要業績評価指標: indicator, baseline → target."""

    indicator: str
    baseline: Quantity | None = None
    target: Quantity | None = None
    not_set: bool = Field(default=False, description="「KPIの設定が困難なため 設定しない」.")
    note: str | None = None
    target_note: str | None = Field(
        default=None, description="A target that is not a number: 「増加」, 「維持」 …"
    )
    rule: str | None = Field(
        default=None, description="The rule that read it: 'kpi_column', 'kpi_line', ..."
    )
    start: int | None = Field(default=None, description="Offsets in the cell text.")
    end: int | None = None


class Project(_Model):
    """A project (事業) named in a cell."""

    name: str = Field(description="Whitespace removed except between two Latin letters/digits.")
    kind: Literal["specific", "related"] = Field(
        description="'specific': a project-table row or a project heading with its own "
        "description / KPI; 'related': an item of a list of names."
    )
    status: str | None = Field(
        default=None, description="The printed tag without brackets: 新規, 拡充, 廃止, 再掲 …"
    )
    rule: str | None = Field(
        default=None,
        description="The rule that found it: 'project_table', 'project_list', 'project_heading'.",
    )
    description: str | None = None
    kpis: list[Kpi] = Field(default_factory=list)
    table: int | None = Field(default=None, description="Index in cell.tables (specific ones).")
    row: int | None = Field(default=None, description="Row in that table, header excluded.")
    start: int = Field(ge=0, description="Offsets of the name in the cell text.")
    end: int = Field(ge=0)


class Target(_Model):
    """A row of an indicator table (数値目標 | 基準値 | 目標値, 成果指標 | 現状値 | 目標値, …)."""

    indicator: str
    footnotes: list[str] = Field(default_factory=list, description="Marks such as 「※1」.")
    baseline: Quantity | None = None
    target: Quantity | None = None
    target_note: str | None = Field(default=None, description="A non-numeric target: 「増加」.")
    series: list[Quantity] = Field(
        default_factory=list,
        description="Values of year columns (令和7年度 | 令和8年度 …), in column order, with year.",
    )
    table: int | None = Field(default=None, description="Index in cell.tables.")
    row: int | None = Field(default=None, description="Row in that table, header excluded.")
    rule: str | None = Field(default=None, description="The rule that read it.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Section(_Model):
    """A heading (基本目標1, (1), ①, 《基本的方向》, I., 1.) or an omission marker."""

    kind: Literal["heading", "omitted"]
    level: Literal["chapter", "numbered", "goal", "bracket", "paren", "circled", "none"]
    label: str | None = Field(description="「基本目標1」, 「(1)」, 「①」; null for a bare marker.")
    title: str = Field(description="Heading text; for 'omitted', what the marker covers.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class KpiChange(_Model):
    indicator: str
    status: Literal["added", "removed", "modified", "unchanged"]
    before: Kpi | None = None
    after: Kpi | None = None


class ProjectChange(_Model):
    """A project paired across before and after."""

    kind: Literal["specific", "related"]
    status: Literal["added", "removed", "renamed", "modified", "unchanged"]
    before: str | None = Field(description="Project name before; null when added.")
    after: str | None = Field(description="Project name after; null when removed.")
    kpis: list[KpiChange] = Field(default_factory=list)
    evidence: list[str] = Field(
        default_factory=list,
        description="Why a pair counts as renamed: 'same_row', 'similar_description', ...",
    )


class TextChange(_Model):
    """One edit operation between the before and after reading texts."""

    op: Literal["insert", "delete", "replace"]
    before: str
    after: str
    before_start: int = Field(ge=0)
    before_end: int = Field(ge=0)
    after_start: int = Field(ge=0)
    after_end: int = Field(ge=0)
    marked: bool = Field(description="A publisher mark overlaps the changed text on its side(s).")
    before_phrase: str | None = Field(
        default=None, description="The bunsetsu phrase(s) the change touches, before (GiNZA)."
    )
    after_phrase: str | None = Field(default=None, description="The same, after.")


class MarkCheck(_Model):
    """A publisher mark that covers no changed text."""

    side: Literal["before", "after"]
    kind: Literal["underline", "color"]
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Changes(_Model):
    """What the amendment changed in one entry."""

    projects: list[ProjectChange] = Field(default_factory=list)
    text: list[TextChange] = Field(default_factory=list)
    unmarked: int = Field(default=0, description="Text changes with no publisher mark.")
    marks_over_unchanged: list[MarkCheck] = Field(default_factory=list)


class Municipality(_Model):
    """A 地方公共団体 named in the title (or else the text) of the document."""

    name: str = Field(description="As printed and NFKC-normalized, e.g. 「砂川市」.")
    code: str | None = Field(
        default=None,
        pattern=r"^[0-9]{6}$",
        description="全国地方公共団体コード with its check digit (JIS X 0402), e.g. '012262'; "
        "null when the name is not in the shipped table or names several municipalities.",
    )
    prefecture: str | None = Field(default=None, description="e.g. 「北海道」; null when unknown.")


Cell.model_rebuild()
Entry.model_rebuild()
Document.model_rebuild()
