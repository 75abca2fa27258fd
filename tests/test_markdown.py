"""The markdown / HTML front end: golden test on the reference, artefact rules, dispatch.

The reference (samples/sunagawa-shinkyu.md) is the OCR converter's output the ground truth
samples/expected/sunagawa.json was made from; samples/sunagawa-shinkyu.html is the same
content as an HTML converter writes it (made by samples/make_samples.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from shinkyu.extract import extract_document
from shinkyu.extract.inputs import sniff_text_format
from shinkyu.extract.markdown import css_color, extract_markdown
from shinkyu.extract.text import squeeze
from shinkyu.schemas.errors import NoComparisonTableError
from shinkyu.schemas.generate import SCHEMA_PATH
from shinkyu.schemas.model import Cell, Document, Prov, TextProv

from shinkyu.api import document_to_json

from .conftest import SAMPLES

REFERENCE_MD = SAMPLES / "sunagawa-shinkyu.md"
REFERENCE_HTML = SAMPLES / "sunagawa-shinkyu.html"
EXPECTED = SAMPLES / "expected" / "sunagawa.json"
ROLES = ("before", "after", "reason")

# The one OCR misread of the reference: 「二」 for the no-baseline dash 「－」. The ground truth
# corrects it (make_samples.py R8); the front end keeps it and warns (squeezed forms here).
MISREAD = ("助成額二→", "助成額-→")


def corrected(text: str) -> str:
    """Squeezed text with the known misread replaced as the ground truth has it."""
    return squeeze(text).replace(*MISREAD)


@pytest.fixture(scope="module")
def md_doc() -> Document:
    return extract_document(REFERENCE_MD)


@pytest.fixture(scope="module")
def html_doc() -> Document:
    return extract_document(REFERENCE_HTML)


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def flags(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Squeezed characters of text, each with whether a span covers it."""
    marked = [False] * len(text)
    for a, b in spans:
        for i in range(a, b):
            marked[i] = True
    return [(c, m) for ch, m in zip(text, marked, strict=True) for c in squeeze(ch)]


def mark_flags(cell: Cell, kind: str) -> list[tuple[str, bool]]:
    return flags(cell.text, [(m.start, m.end) for m in cell.marks if m.kind == kind])


def fix_flags(fl: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    s = "".join(c for c, _ in fl)
    i = s.find(MISREAD[0])
    if i < 0:
        return fl
    return [
        ((MISREAD[1][k - i] if i <= k < i + len(MISREAD[0]) else c), m)
        for k, (c, m) in enumerate(fl)
    ]


# --------------------------------------------------------------------------------------------
# Golden: the reference against its ground truth
# --------------------------------------------------------------------------------------------


def test_reference_entries_columns_title(md_doc: Document, expected: dict[str, Any]) -> None:
    assert len(md_doc.entries) == 7
    assert [(c.role.value, c.label) for c in md_doc.columns] == [
        ("before", "変更前"),
        ("after", "変更後"),
        ("reason", "変更理由"),
    ]
    assert squeeze(md_doc.title or "") == squeeze(expected["title"])
    assert [e.plan_pages for e in md_doc.entries] == [[1], [5, 7], [9], [12], [14], [15], [17]]
    assert [e.plan_pages for e in md_doc.entries] == [x["plan_pages"] for x in expected["entries"]]
    assert md_doc.source.format == "markdown" and md_doc.source.page_count == 0


@pytest.mark.parametrize("n", range(7), ids=[f"e{n + 1}" for n in range(7)])
@pytest.mark.parametrize("role", ROLES)
def test_reference_cells(md_doc: Document, expected: dict[str, Any], n: int, role: str) -> None:
    """Every cell's text, nested tables, underlines and colour against the ground truth."""
    cell: Cell = getattr(md_doc.entries[n], role)
    ref = expected["entries"][n][role]
    assert corrected(cell.text) == squeeze(ref["text"])
    assert [[corrected(c) for c in row] for t in cell.tables for row in t.rows] == [
        [squeeze(c) for c in row] for t in ref["tables"] for row in t
    ]
    want_u = flags(ref["text"], [(a, b) for a, b in ref["underline_spans"]])
    assert fix_flags(mark_flags(cell, "underline")) == want_u
    want_c = flags(ref["text"], [(a, b) for a, b in ref["color_spans"]])
    assert fix_flags(mark_flags(cell, "color")) == want_c
    for m in cell.marks:
        assert cell.text[m.start : m.end] == m.text
        assert m.kind == "underline" or m.color == "#ff0000"
    for t in cell.tables:
        assert cell.text[t.start : t.end] == "\n".join("\t".join(r) for r in t.rows)
        for row, offs in zip(t.rows, t.offsets, strict=True):
            assert [cell.text[a:b] for a, b in offs] == row


def test_reference_underlines_and_red_span(md_doc: Document, expected: dict[str, Any]) -> None:
    """Every <u> span comes back as an underline mark; the red new project as one colour mark."""
    got = [
        squeeze(m.text)
        for e in md_doc.entries
        for r in ROLES
        for m in getattr(e, r).marks
        if m.kind == "underline"
    ]
    want = [squeeze(u) for x in expected["entries"] for r in ROLES for u in x[r]["underlines"]]
    assert "".join(got) == "".join(want)  # adjacent <u> spans may form one mark
    assert len(got) >= 10
    # the red new project: its name and its description (two paragraphs, so two marks)
    reds = [
        (e.id, r, m)
        for e in md_doc.entries
        for r in ROLES
        for m in getattr(e, r).marks
        if m.kind == "color"
    ]
    assert {(i, r, m.color) for i, r, m in reds} == {("e5", "after", "#ff0000")}
    assert squeeze(reds[0][2].text) == "保育・教育施設ICTシステム導入事業"
    (want_red,) = [c for x in expected["entries"] for r in ROLES for c in x[r]["colors"]]
    assert "".join(squeeze(m.text) for _, _, m in reds) == squeeze(want_red["text"])


def test_reference_ocr_misread_is_kept_and_reported(md_doc: Document) -> None:
    before = md_doc.entries[5].before
    assert "助成額二→8,400円" in before.text
    assert [w.code for w in md_doc.warnings] == ["ocr_suspect"]
    assert "entry e6 before" in md_doc.warnings[0].message


def test_reference_row_split_at_page_break_is_one_entry(md_doc: Document) -> None:
    """The table split in two with the title between them, plus the stray row: one entry."""
    e2 = md_doc.entries[1]
    assert e2.plan_pages == [5, 7] and e2.pages == []
    assert [(p.line_start, p.line_end) for p in e2.before.prov if isinstance(p, TextProv)] == [
        (9, 9),
        (19, 19),
        (26, 26),
    ]
    assert [t.rows[0][0] for t in e2.before.tables] == ["数値目標", "具体的な事業"]
    assert e2.before.text.endswith("②農業振興策の実施\nー省略ー")


def test_reference_provenance_and_schema(md_doc: Document) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(document_to_json(md_doc)), schema)
    for e in md_doc.entries:
        for r in ROLES:
            cell = getattr(e, r)
            provs = cell.prov + [p for t in cell.tables for p in t.prov]
            assert provs and all(isinstance(p, TextProv) for p in provs)
            assert all(p.format == "markdown" and 1 <= p.line_start <= p.line_end for p in provs)
    data = json.loads(document_to_json(md_doc))
    assert "bbox" not in json.dumps(data["entries"])
    # and the JSON reads back into the model
    assert Document.model_validate(data) == md_doc


def test_html_reference_builds_the_same_document(md_doc: Document, html_doc: Document) -> None:
    assert html_doc.source.format == "html"
    assert html_doc.title == md_doc.title and html_doc.columns == md_doc.columns
    assert [w.code for w in html_doc.warnings] == [w.code for w in md_doc.warnings]
    assert len(html_doc.entries) == len(md_doc.entries)
    for a, b in zip(md_doc.entries, html_doc.entries, strict=True):
        assert a.plan_pages == b.plan_pages
        for r in ROLES:
            ca, cb = getattr(a, r), getattr(b, r)
            assert (ca.text, ca.raw_text, ca.marks) == (cb.text, cb.raw_text, cb.marks)
            assert [(t.rows, t.offsets) for t in ca.tables] == [
                (t.rows, t.offsets) for t in cb.tables
            ]
            assert len(ca.prov) == len(cb.prov)
            assert all(isinstance(p, TextProv) and p.format == "html" for p in cb.prov)


# --------------------------------------------------------------------------------------------
# Artefact rules on small hand-built inputs
# --------------------------------------------------------------------------------------------

HEADER = "| 変 更 前 | 変 更 後 | 変更理由 |\n|---|---|---|\n"


def _md(tmp_path: Path, body: str, name: str = "t.md") -> Document:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return extract_document(path)


def test_flattened_copies_and_repeated_rows_are_dropped(tmp_path: Path) -> None:
    nested = (
        '<table border="1"><tr><th>数値目標</th><th>目標値</th></tr>'
        "<tr><td>就業者数</td><td>6,300人</td></tr></table>"
    )
    body = (
        "| 変更前 | 変更後 | 変更理由 | | | | |\n|---|---|---|---|---|---|---|\n"
        f"| <p>計画書 5 ページ</p>{nested} | 数値目標 | 目標値 | 就業者数 | 6,300人 |"
        " <p>計画書 5 ページ</p><p>同じ</p> | 理由 |\n"
        "| 数値目標 | 目標値 | | | | | |\n"
        "| 就業者数 | 6,300人 | | | | | |\n"
    )
    doc = _md(tmp_path, body)
    (e,) = doc.entries
    assert e.before.text == "計画書5ページ\n数値目標\t目標値\n就業者数\t6,300人"
    assert e.before.tables[0].rows == [["数値目標", "目標値"], ["就業者数", "6,300人"]]
    assert (e.after.text, e.reason and e.reason.text) == ("計画書5ページ\n同じ", "理由")


def test_table_continued_after_the_title_joins_its_row(tmp_path: Path) -> None:
    body = (
        "# 何々計画 新旧対照表\n\n"
        + HEADER
        + "| <p>計画書 1 ページ</p><p>前の文</p> | <p>後の文</p> | 追加 |\n\n"
        "何々計画 新旧対照表\n\n" + HEADER + "| <p>続きの文</p> | <p>続き</p> | |\n"
        "| <p>計画書 2 ページ</p> | <p>別の行</p> | |\n"
    )
    doc = _md(tmp_path, body)
    assert doc.title == "何々計画 新旧対照表"
    assert [e.plan_pages for e in doc.entries] == [[1], [2]]
    assert doc.entries[0].before.text == "計画書1ページ\n前の文\n続きの文"
    assert [p.line_start for p in doc.entries[0].before.prov if isinstance(p, TextProv)] == [5, 11]
    assert doc.warnings == []


def test_rows_without_markers_are_entries_of_their_own(tmp_path: Path) -> None:
    body = "| 改正前 | 改正後 |\n|---|---|\n| 甲 | 乙 |\n| | 丙 |\n"
    doc = _md(tmp_path, body)
    assert [(e.before.text, e.after.text) for e in doc.entries] == [("甲", "乙"), ("", "丙")]
    assert all(e.reason is None for e in doc.entries)


@pytest.mark.parametrize(
    ("cell", "text", "marks"),
    [
        ("前<u>変えた</u>後", "前変えた後", [("underline", "変えた", None)]),
        (
            '<b style="color: red;">新規事業 ・説明',
            "新規事業\n・説明",
            [("color", "新規事業", "#ff0000"), ("color", "・説明", "#ff0000")],
        ),
        ('<span style="color:#C00">赤</span>黒', "赤黒", [("color", "赤", "#cc0000")]),
        ('<span style="color: black">黒</span>', "黒", []),
        ('<font color="blue">青</font>', "青", [("color", "青", "#0000ff")]),
        ("平成 26 年 11 月", "平成26年11月", []),
        ("保育所 ICT システム", "保育所ICTシステム", []),
        ("○一つ目 ○二つ目 － 省 略 －", "○一つ目\n○二つ目\n-省略-", []),  # NFKC: － → -
        ("<ul><li>・甲</li><li>・乙</li>", "・甲\n・乙", []),
        ('<div style="border: 1px solid">《基本的方向》</div>', "《基本的方向》", []),
        ("A&amp;B \\| C", "A&B | C", []),
    ],
)
def test_cell_html(tmp_path: Path, cell: str, text: str, marks: list[Any]) -> None:
    doc = _md(tmp_path, f"| 変更前 | 変更後 |\n|---|---|\n| 計画書 1 ページ | {cell} |\n")
    after = doc.entries[0].after
    assert after.text == text
    assert [(m.kind, m.text, m.color) for m in after.marks] == marks


@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("red", "#ff0000"),
        ("#f00", "#ff0000"),
        ("#FF0000", "#ff0000"),
        ("rgb(255, 0, 0)", "#ff0000"),
        ("red !important", "#ff0000"),
        ("black", None),
        ("#333333", None),
        ("inherit", None),
    ],
)
def test_css_color(value: str, want: str | None) -> None:
    assert css_color(value) == want


# --------------------------------------------------------------------------------------------
# Dispatch by content
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "want"),
    [
        (b"%PDF-1.7\n", None),
        (b"| a | b |\n|---|---|\n| 1 | 2 |\n", "markdown"),
        ("# 題\n\n| 変更前 | 変更後 |\n| :-- | --: |\n".encode(), "markdown"),
        ("\ufeff| 変更前 | 変更後 |\n|--|--|\n".encode(), "markdown"),
        (b"<!DOCTYPE html><html><body><table></table></body></html>", "html"),
        (b"<html>\n<body><p>x</p>", "html"),
        (b"text before <table><tr><td>1</td></tr></table>", "html"),
        ("これはPDFではない".encode(), None),
        (b"\x00\x01\x02binary", None),
        ("| 変更前 |".encode()[:-3] + "変".encode()[:2], None),  # cut inside a character
    ],
)
def test_sniff_text_format(head: bytes, want: str | None) -> None:
    assert sniff_text_format(head) == want


def test_detected_by_content_not_suffix(tmp_path: Path) -> None:
    md_named_pdf = tmp_path / "scan.pdf"
    md_named_pdf.write_bytes(REFERENCE_MD.read_bytes())
    doc = extract_document(md_named_pdf)
    assert doc.source.format == "markdown" and len(doc.entries) == 7
    html_named_txt = tmp_path / "scan.txt"
    html_named_txt.write_bytes(REFERENCE_HTML.read_bytes())
    assert extract_document(html_named_txt).source.format == "html"
    pdf_named_md = tmp_path / "ordinance.md"
    pdf_named_md.write_bytes((SAMPLES / "pdf" / "ordinance-fees-portrait.pdf").read_bytes())
    doc = extract_document(pdf_named_md)
    assert doc.source.format == "pdf" and all(
        isinstance(p, Prov) for e in doc.entries for p in e.after.prov
    )


def test_markdown_without_comparison_table(tmp_path: Path) -> None:
    path = tmp_path / "other.md"
    path.write_text("| 品名 | 価格 |\n|---|---|\n| 茶 | 100円 |\n", encoding="utf-8")
    with pytest.raises(NoComparisonTableError, match="no table headed 変更前/変更後"):
        extract_markdown(path)


def test_cells_that_look_like_file_names_or_urls(tmp_path: Path) -> None:
    """bs4 warns on such markup; pytest turns warnings into errors."""
    doc = _md(tmp_path, "| 変更前 | 変更後 |\n|---|---|\n| 計画.pdf | https://example.jp/a |\n")
    assert (doc.entries[0].before.text, doc.entries[0].after.text) == (
        "計画.pdf",
        "https://example.jp/a",
    )
