"""Scanned pages read by OCR into the same model (extract/ocr.py).

The scans in samples/scans are made by samples/make_scans.py from the layout cases; their
expected cells are the cases' hand-written ones. Accuracy targets live in bench/ocr.py; the
floors here only catch a reader that stopped working.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import numpy as np
import pytest
from shinkyu.extract import ExtractSettings, extract_pdf
from shinkyu.extract.ocr import fix_ocr_text, image_to_rules, is_vertical, skew_angle
from shinkyu.extract.text import squeeze
from shinkyu.schemas.errors import ShinkyuError

from .conftest import SAMPLES

SCANS = SAMPLES / "scans"


@pytest.mark.parametrize(
    ("read", "fixed"),
    [
        ("目標值", "目標値"),  # a Chinese glyph variant
        ("手数料の徵収", "手数料の徴収"),
        ("一省略一", "－省略－"),  # an omission marker's dashes
        ("〇市内循環バスの運行", "○市内循環バスの運行"),  # a bullet read as the kanji zero
        ("個人番号力一ドの再交付", "個人番号カードの再交付"),  # kanji look-alikes in katakana
        ("タクシ一事業", "タクシー事業"),
        ("サービス一覧", "サービス一覧"),  # a word of its own after katakana
        ("人口ビジョン", "人口ビジョン"),  # kanji before katakana stays
        ("力を入れる", "力を入れる"),
        ("第一条", "第一条"),
    ],
)
def test_post_ocr_fixes(read: str, fixed: str) -> None:
    assert fix_ocr_text(read) == fixed


def _grid_image() -> np.ndarray:
    """A 2×2 ruled table drawn at 150 dpi, with a thin underline inside the top-left cell."""
    img = np.full((600, 800), 255, dtype=np.uint8)
    for y in (100, 300, 500):
        img[y : y + 2, 100:700] = 0
    for x in (100, 400, 698):
        img[100:502, x : x + 2] = 0
    img[200:201, 130:330] = 0  # an underline: 1 px, inside the cell
    img[175:195, 130:330:25] = 0  # "glyph" strokes above it (short: no rule)
    return img


def test_rules_are_read_from_the_image() -> None:
    scale = 150 / 72
    hs, vs, _ = image_to_rules(_grid_image(), scale)
    assert sorted(round(h.y * scale) for h in hs) == [101, 200, 301, 501]
    assert sorted(round(v.x * scale) for v in vs) == [101, 401, 699]
    under = next(h for h in hs if round(h.y * scale) == 200)
    assert round(under.x0 * scale) == 130 and round(under.x1 * scale) == 330
    assert under.w < min(h.w for h in hs if h is not under)  # thinner than the borders


def test_skew_is_found() -> None:
    import cv2

    img = np.full((1200, 900), 255, dtype=np.uint8)
    for y in range(100, 1100, 40):  # text lines
        img[y : y + 14, 100:800] = 0
    m = cv2.getRotationMatrix2D((450, 600), -0.7, 1.0)  # turned clockwise by 0.7°
    turned = cv2.warpAffine(img, m, (900, 1200), borderValue=255)
    assert skew_angle(turned) == pytest.approx(0.7, abs=0.1)  # the turn that undoes it


def test_vertical_lines_are_told() -> None:
    from shinkyu.extract.ocr import OcrGlyph

    tall = [[OcrGlyph("字", 0.9, 100, 40 * k, 130, 40 * k + 30) for k in range(8)]] * 5
    wide = [[OcrGlyph("字", 0.9, 40 * k, 100, 40 * k + 30, 130) for k in range(8)]] * 5
    assert is_vertical(tall) and not is_vertical(wide)


def _accuracy(got: str, want: str) -> float:
    a, b = squeeze(got), squeeze(want)
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0


@pytest.fixture(scope="module")
def fee_scan() -> object:
    return extract_pdf(SCANS / "excel-fee-ordinance-150-skew.pdf")


def test_a_scan_reads_into_the_same_model(fee_scan: object) -> None:
    """The Excel fee ordinance (2 pages), printed, turned 0.7° and scanned at 150 dpi."""
    from shinkyu.schemas.model import Document

    doc = fee_scan
    assert isinstance(doc, Document)
    gold = json.loads((SAMPLES / "cases" / "excel-fee-ordinance.json").read_text("utf-8"))
    expected = gold["entries"]
    assert [(c.role.value, c.label) for c in doc.columns] == [
        (c["role"], c["label"]) for c in gold["columns"]
    ]
    assert len(doc.entries) == len(expected)
    assert doc.ocr is not None and doc.ocr.pages == [1, 2] and doc.ocr.dpi == 300
    assert doc.ocr.engine.startswith("rapidocr ")
    pages = [w for w in doc.warnings if w.code == "ocr"]
    assert [w.page for w in pages] == [1, 2]
    assert all("turned -0.7" in w.message for w in pages)  # the skew was found and undone
    scores = []
    for e, x in zip(doc.entries, expected, strict=True):
        assert e.label is not None and squeeze(e.label.text) == squeeze(x["label"])
        for side in ("before", "after"):
            cell = getattr(e, side)
            scores.append(_accuracy(cell.text, x[side]["text"]))
            assert scores[-1] >= 0.8, (e.id, side, cell.text)  # a line may be missed, no more
            assert cell.ocr_confidence is not None and cell.ocr_confidence > 0.8
    assert sum(scores) / len(scores) >= 0.95
    # 傍線 read from the image: most underlined runs are found
    want = [squeeze(u) for x in expected for s in ("before", "after") for u in x[s]["underlines"]]
    got = [
        squeeze(m.text)
        for e in doc.entries
        for s in ("before", "after")
        for m in getattr(e, s).marks
        if m.kind == "underline"
    ]
    found = sum(any(_accuracy(g, w) >= 0.8 for g in got) for w in want)
    assert found >= 0.8 * len(want), (found, len(want))


def test_doubtful_characters_are_listed_with_offsets(fee_scan: object) -> None:
    from shinkyu.schemas.model import Document

    doc = fee_scan
    assert isinstance(doc, Document)
    doubts = [w for w in doc.warnings if w.code == "ocr_uncertain"]
    entries = {e.id: e for e in doc.entries}
    for w in doubts:
        assert w.entry in entries and w.side is not None
        assert w.start is not None and w.end is not None
        assert getattr(entries[w.entry], w.side).text[w.start : w.end] == w.text


def test_a_ruled_scan_at_200_dpi() -> None:
    doc = extract_pdf(SCANS / "ruling-beppyo-200-p1.pdf", ExtractSettings(ocr_dpi=200))
    gold = json.loads((SAMPLES / "cases" / "ruling-beppyo.json").read_text("utf-8"))
    assert doc.ocr is not None and doc.ocr.dpi == 200
    assert len(doc.entries) >= 2
    first = gold["entries"][0]
    assert _accuracy(doc.entries[0].after.text, first["after"]["text"]) >= 0.9


def test_never_refuses_a_scan_and_always_reads_a_text_page(tmp_path: Path) -> None:
    with pytest.raises(ShinkyuError) as e:
        extract_pdf(SCANS / "excel-fee-ordinance-150-skew.pdf", ExtractSettings(ocr="never"))
    assert e.value.code == "no_text_layer"
    doc = extract_pdf(SAMPLES / "cases" / "excel-fee-ordinance.pdf", ExtractSettings(ocr="always"))
    assert doc.ocr is not None and doc.ocr.pages == [1, 2]
    assert len(doc.entries) == 9


def test_a_sideways_scan_is_turned(tmp_path: Path) -> None:
    """A landscape page scanned as portrait: its lines run top to bottom; read turned."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(SCANS / "excel-fee-ordinance-150-skew.pdf")
    src[0].set_rotation(90)
    turned = tmp_path / "sideways.pdf"
    src.save(turned)
    doc = extract_pdf(turned, ExtractSettings(ocr_dpi=150))
    assert len(doc.entries) == 9


def test_a_partly_scanned_document_reads_only_its_image_pages_by_ocr(tmp_path: Path) -> None:
    from .bad_pdfs import scanned_copy

    path = scanned_copy(
        SAMPLES / "pdf" / "ordinance-fees-portrait.pdf", tmp_path / "m.pdf", keep_text=True
    )
    doc = extract_pdf(path)
    assert doc.ocr is not None and doc.ocr.pages == [3]  # pages 1-2 have their text layer
    assert [w.page for w in doc.warnings if w.code == "ocr"] == [3]
    assert not [w for w in doc.warnings if w.code == "no_text_layer"]
    assert [p.finder for p in doc.pages][:2] == ["ruled", "ruled"]


def test_the_batch_summary_counts_ocr_pages() -> None:
    from shinkyu.batch import BatchSummary, ConvertResult, Status
    from shinkyu.progress import summary_line

    s = BatchSummary(total=2)
    s.add(ConvertResult(Path("a.pdf"), Status.SUCCESS, pages=3, ocr_pages=2))
    s.add(ConvertResult(Path("b.pdf"), Status.SUCCESS, pages=1))
    s.seconds = 2.0
    assert "4 pages (2 read by OCR) in 2.0 s" in summary_line(s)
