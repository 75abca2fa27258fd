"""The shinkyu document model: one typed tree that every stage takes and returns.

This module imports nothing of the project. The committed JSON Schema
(``schemas/shinkyu-document.schema.json``) is generated from these classes by
``python -m shinkyu.schemas.generate``; a test fails when the two drift apart.

Conventions used throughout:

* Pages are 1-based. A ``bbox`` is ``[x0, top, x1, bottom]`` in PDF points with the
  origin at the page's top-left corner (``coord_origin == "TOPLEFT"``), as pdfplumber
  reports it.
* Offsets (``start``/``end``) index Python ``str`` code points of the cell's ``text``;
  ``text[start:end]`` is the span.
* ``text`` is the reading text: NFKC-normalized except that circled numbers (①) and
  wave dashes (～ 〜) are kept as printed, wrapped lines joined without spaces between
  Japanese characters, paragraphs separated by ``\\n``. A nested table sits at its place
  as one line per table row, cells separated by ``\\t``.
* ``raw_text`` is the text as printed (no normalization), one printed line per ``\\n``.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_NAME = "shinkyu-document"
SCHEMA_VERSION = "0.1.0"
SCHEMA_ID = f"https://schemas.shinkyu.dev/{SCHEMA_NAME}/{SCHEMA_VERSION}/schema.json"

BBox = tuple[float, float, float, float]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=False)


class Role(str, Enum):
    """What a column of the comparison table holds."""

    BEFORE = "before"
    AFTER = "after"
    REASON = "reason"


class Prov(_Model):
    """Where a piece of the document was printed: one entry per page fragment."""

    page: int = Field(ge=1, description="1-based page number in the source PDF.")
    bbox: BBox = Field(description="[x0, top, x1, bottom] in PDF points.")
    coord_origin: Literal["TOPLEFT"] = "TOPLEFT"


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
    prov: list[Prov] = Field(default_factory=list)


class Cell(_Model):
    """One before / after / reason cell of a logical row, across all its page fragments."""

    text: str
    raw_text: str
    marks: list[Mark] = Field(default_factory=list)
    tables: list[NestedTable] = Field(default_factory=list)
    prov: list[Prov] = Field(default_factory=list)


class Entry(_Model):
    """One logical row of the comparison table, in document order."""

    id: str = Field(description="Stable within the document: 'e1', 'e2', ...")
    pages: list[int] = Field(description="PDF pages the row is printed on, ascending.")
    plan_pages: list[int] = Field(
        default_factory=list, description="Plan pages named in the row (「計画書 N ページ」)."
    )
    before: Cell
    after: Cell
    reason: Cell | None = Field(description="null when the table has no reason column.")


class Column(_Model):
    """A column of the comparison table, in printed order."""

    role: Role
    label: str = Field(description="The header as printed, whitespace removed.")


class Source(_Model):
    """The input file."""

    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    page_count: int = Field(ge=0)
    format: Literal["pdf"] = "pdf"


class Issue(_Model):
    """Something the extractor could not read, or read with doubt."""

    code: str = Field(description="Stable machine-readable code, e.g. 'row_without_marker'.")
    message: str
    page: int | None = None


class Extractor(_Model):
    """What produced the document."""

    name: Literal["shinkyu"] = "shinkyu"
    version: str
    table_engine: str


class Document(_Model):
    """A converted 新旧対照表."""

    schema_name: Literal["shinkyu-document"] = SCHEMA_NAME
    schema_version: Literal["0.1.0"] = SCHEMA_VERSION
    source: Source
    extractor: Extractor
    title: str | None = Field(description="The document title printed above the table.")
    columns: list[Column]
    entries: list[Entry]
    warnings: list[Issue] = Field(default_factory=list)
