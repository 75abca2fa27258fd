"""``shinkyu debug``: the page picture and its failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from shinkyu.extract.debug import ROW, page_picture

from shinkyu.cli import EXIT_FAILED, EXIT_OK, main

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "samples" / "pdf" / "sunagawa-landscape-mincho.pdf"


def _count(image: Image.Image, color: tuple[int, int, int]) -> int:
    return sum(n for n, px in image.getcolors(maxcolors=1 << 24) or [] if px == color)


def test_picture_draws_rows_over_the_page() -> None:
    image = page_picture(PDF, 2, scale=1.0)
    assert image.size == (842, 595)  # A4 landscape at one pixel per point
    assert _count(image, ROW) > 1000  # the body rows' red frames


def test_cli_writes_a_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "page.png"
    assert main(["debug", str(PDF), "--page", "1", "-o", str(out), "--scale", "1"]) == EXIT_OK
    with Image.open(out) as image:
        assert image.format == "PNG"
    assert capsys.readouterr().out.strip() == str(out)


def test_cli_page_out_of_range_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.png"
    assert main(["debug", str(PDF), "--page", "99", "-o", str(out)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad_settings" in err and "Traceback" not in err
    assert not out.exists()


def test_aligned_page_shows_its_synthetic_columns_and_rows() -> None:
    """A page continuing an unruled table (no header on it) is drawn with the columns the
    previous page gave it: dashed orange boundaries where no rule is printed."""
    from shinkyu.extract.debug import SYNTHETIC

    case = ROOT / "samples" / "cases" / "unruled-docx.pdf"
    image = page_picture(case, 4, scale=1.0)
    assert _count(image, SYNTHETIC) > 200
    assert _count(image, ROW) > 200
    blank = page_picture(case, 1, scale=1.0)  # the cover: nothing found, nothing drawn
    assert _count(blank, ROW) == 0


def test_a_scanned_page_is_drawn_from_its_ocr() -> None:
    """A scan's geometry is drawn on the deskewed image it was read from."""
    from shinkyu.extract import ExtractSettings

    from .conftest import SAMPLES

    scan = SAMPLES / "scans" / "ruling-beppyo-200-p1.pdf"
    image = page_picture(scan, 1, scale=1.0, settings=ExtractSettings(ocr_dpi=200))
    assert image.size == (595, 842)  # A4 portrait in points
    assert _count(image, ROW) > 500  # rows found on the OCR'd page
    plain = page_picture(scan, 1, scale=1.0, settings=ExtractSettings(ocr="never"))
    assert _count(plain, ROW) == 0  # without OCR the scan is only an image
