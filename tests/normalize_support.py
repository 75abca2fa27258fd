"""Build model Documents for the analysis tests from the samples' expected JSON.

``samples/expected/<name>.json`` holds logical rows as {"text", "underlines", "colors",
"tables"}; :func:`expected_to_document` turns them into model Cells: marks found in order in
the text, nested tables with the offsets of each cell (a table row is one ``\\t``-joined line).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from shinkyu.schemas.model import (
    Cell,
    Column,
    Document,
    Entry,
    Extractor,
    Mark,
    NestedTable,
    Role,
    Source,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"


def _marks(text: str, items: list[str], kind: str, colors: list[str | None]) -> list[Mark]:
    marks: list[Mark] = []
    pos = 0
    for item, color in zip(items, colors, strict=True):
        i = text.find(item, pos)
        if i < 0:
            i = text.find(item)
        if i < 0:
            raise ValueError(f"mark not found in text: {item[:30]}")
        marks.append(
            Mark(kind=kind, text=item, start=i, end=i + len(item), color=color)  # type: ignore[arg-type]
        )
        pos = i + len(item)
    return marks


def _tables(text: str, tables: list[list[list[str]]]) -> list[NestedTable]:
    out: list[NestedTable] = []
    pos = 0
    for rows in tables:
        offsets: list[list[tuple[int, int]]] = []
        first: int | None = None
        for row in rows:
            line = "\t".join(row)
            i = text.find(line, pos)
            if i < 0:
                raise ValueError(f"table row not found in text: {line[:30]}")
            first = i if first is None else first
            cells = []
            c = i
            for cell in row:
                cells.append((c, c + len(cell)))
                c += len(cell) + 1
            offsets.append(cells)
            pos = i + len(line)
        out.append(NestedTable(rows=rows, offsets=offsets, start=first or 0, end=pos))
    return out


def expected_cell(data: dict[str, Any]) -> Cell:
    text: str = data["text"]
    marks = _marks(text, data["underlines"], "underline", [None] * len(data["underlines"]))
    colors = data.get("colors", [])
    marks += _marks(text, [c["text"] for c in colors], "color", [c["color"] for c in colors])
    return Cell(text=text, raw_text=text, marks=marks, tables=_tables(text, data["tables"]))


def expected_to_document(path: Path) -> Document:
    raw = path.read_bytes()
    data = json.loads(raw.decode("utf-8"))
    entries = [
        Entry(
            id=f"e{i}",
            pages=[],
            plan_pages=e["plan_pages"],
            before=expected_cell(e["before"]),
            after=expected_cell(e["after"]),
            reason=expected_cell(e["reason"]) if e.get("reason") else None,
        )
        for i, e in enumerate(data["entries"], 1)
    ]
    return Document(
        source=Source(path=str(path), sha256=hashlib.sha256(raw).hexdigest(), page_count=0),
        extractor=Extractor(version="expected", table_engine="none"),
        title=data.get("title"),
        columns=[
            Column(role=Role.BEFORE, label="変更前"),
            Column(role=Role.AFTER, label="変更後"),
            Column(role=Role.REASON, label="変更理由"),
        ],
        entries=entries,
    )
