"""Golden tests: every sample PDF against the reference it was printed from.

The reference (samples/expected/*.json) is made from the OCR markdown, independently of the
PDF extractor; texts are compared in squeezed form (NFKC, one wave dash, no whitespace).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from shinkyu.extract.text import squeeze
from shinkyu.schemas.generate import SCHEMA_PATH
from shinkyu.schemas.model import Cell, Document

from shinkyu.api import document_to_json

from .conftest import GOLDEN, REGEN_ENV, SAMPLES, manifest, regen_golden, sample_id

SAMPLES_LIST = manifest()
IDS = [sample_id(s) for s in SAMPLES_LIST]


def _expected(s: dict[str, Any]) -> dict[str, Any]:
    return json.loads((SAMPLES / s["expected"]).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _roles(s: dict[str, Any]) -> list[str]:
    return ["before", "after"] + (["reason"] if s["has_reason"] else [])


def _flags(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Squeezed characters of text, each with whether a span covers it."""
    marked = [False] * len(text)
    for a, b in spans:
        for i in range(a, b):
            marked[i] = True
    out = []
    for ch, m in zip(text, marked, strict=True):
        out += [(c, m) for c in squeeze(ch)]
    return out


def _mark_flags(cell: Cell, kind: str) -> list[tuple[str, bool]]:
    return _flags(cell.text, [(m.start, m.end) for m in cell.marks if m.kind == kind])


@pytest.mark.parametrize("s", SAMPLES_LIST, ids=IDS)
def test_entries_and_cells(s: dict[str, Any], extracted: dict[str, Document]) -> None:
    doc, exp = extracted[sample_id(s)], _expected(s)
    assert len(doc.entries) == len(exp["entries"])
    assert [c.role.value for c in doc.columns] == [c["role"] for c in s["columns"]]
    assert [c.label for c in doc.columns] == [c["label"] for c in s["columns"]]
    assert squeeze(doc.title or "") == squeeze(exp["title"])
    for i, (e, x) in enumerate(zip(doc.entries, exp["entries"], strict=True)):
        assert e.plan_pages == x["plan_pages"], f"entry {i + 1}"
        for role in _roles(s):
            cell = getattr(e, role)
            assert squeeze(cell.text) == squeeze(x[role]["text"]), f"entry {i + 1} {role}"
            assert [[squeeze(c) for c in row] for t in cell.tables for row in t.rows] == [
                [squeeze(c) for c in row] for t in x[role]["tables"] for row in t
            ], f"entry {i + 1} {role} nested tables"
        if not s["has_reason"]:
            assert e.reason is None


@pytest.mark.parametrize("s", SAMPLES_LIST, ids=IDS)
def test_underlines_and_colours(s: dict[str, Any], extracted: dict[str, Document]) -> None:
    """Every underlined / coloured character comes back marked, and nothing else is."""
    doc, exp = extracted[sample_id(s)], _expected(s)
    for i, (e, x) in enumerate(zip(doc.entries, exp["entries"], strict=True)):
        for role in _roles(s):
            cell, ref = getattr(e, role), x[role]
            want_u = _flags(ref["text"], [tuple(x) for x in ref["underline_spans"]])
            assert _mark_flags(cell, "underline") == want_u, f"entry {i + 1} {role} underlines"
            want_c = _flags(ref["text"], [tuple(x) for x in ref["color_spans"]])
            assert _mark_flags(cell, "color") == want_c, f"entry {i + 1} {role} colour"
            for m in cell.marks:
                assert cell.text[m.start : m.end] == m.text
                if m.kind == "color":
                    assert m.color == "#ff0000"


def test_references_have_underlines_and_red() -> None:
    """The golden references are not trivially empty."""
    exp = json.loads((SAMPLES / "expected" / "sunagawa.json").read_text(encoding="utf-8"))
    assert len(exp["entries"]) == 7
    underlines = sum(len(x[r]["underlines"]) for x in exp["entries"] for r in ("before", "after"))
    reds = sum(len(x[r]["colors"]) for x in exp["entries"] for r in ("before", "after"))
    assert underlines >= 10 and reds >= 1


@pytest.mark.parametrize("s", SAMPLES_LIST, ids=IDS)
def test_provenance_and_schema(s: dict[str, Any], extracted: dict[str, Document]) -> None:
    doc = extracted[sample_id(s)]
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(document_to_json(doc)), schema)
    assert doc.source.page_count >= max(p for e in doc.entries for p in e.pages)
    for e in doc.entries:
        for role in _roles(s):
            cell = getattr(e, role)
            assert sorted({p.page for p in cell.prov}) == e.pages
            for p in cell.prov:
                x0, top, x1, bottom = p.bbox
                assert 0 <= x0 < x1 and 0 <= top < bottom
    # Reading text carries no Kangxi radicals (the chromium samples print 生 as ⽣ etc.).
    texts = [getattr(e, r).text for e in doc.entries for r in _roles(s)]
    assert not any(0x2F00 <= ord(ch) <= 0x2FDF for t in texts for ch in t)
    # The row that runs across a page break is one entry on two pages.
    assert any(len(e.pages) >= 2 for e in doc.entries)


def _rounded(doc: Document) -> str:
    return document_to_json(doc)


@pytest.mark.parametrize("s", SAMPLES_LIST, ids=IDS)
def test_golden_json(s: dict[str, Any], extracted: dict[str, Document]) -> None:
    """The whole output, byte for byte (coordinates are rounded to 0.01 pt by the model)."""
    doc = extracted[sample_id(s)].model_copy(deep=True)
    doc.source.path = str(Path(s["pdf"]))
    got = _rounded(doc)
    path = GOLDEN / f"{sample_id(s)}.json"
    if regen_golden():
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"no golden file: run with {REGEN_ENV}=1 once"
    assert got == path.read_text(encoding="utf-8")


def test_golden_switch_is_off() -> None:
    assert not regen_golden(), f"{REGEN_ENV} must not be set outside a deliberate regeneration"
