from __future__ import annotations

import json
from pathlib import Path

import pytest

from shinkyu.cli import EXIT_FAILED, EXIT_NO_INPUT, EXIT_OK, EXIT_USAGE, main

from .conftest import SAMPLES

PDF = SAMPLES / "pdf" / "ordinance-fees-portrait.pdf"


def test_single_input_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(PDF), "--no-analysis"]) == EXIT_OK
    data = json.loads(capsys.readouterr().out)
    assert data["schema_name"] == "shinkyu-document" and len(data["entries"]) == 5


def test_out_dir_gets_one_file_per_input(tmp_path: Path) -> None:
    assert main(["convert", str(PDF), "--out", str(tmp_path), "--no-analysis"]) == EXIT_OK
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ordinance-fees-portrait.json"]
    text = (tmp_path / "ordinance-fees-portrait.json").read_text(encoding="utf-8")
    assert "改正後" in text  # Japanese kept as is, not \\u escapes


def test_bad_input_is_one_line_and_no_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_text("これはPDFではない", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["convert", str(bad), str(PDF), "--out", str(out), "--no-analysis"])
    assert code == EXIT_FAILED
    err = capsys.readouterr().err
    assert f"shinkyu: not_pdf: {bad} is not a PDF (no %PDF- header) (Pass a PDF file.)" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in out.iterdir()) == ["errors.jsonl", "ordinance-fees-portrait.json"]


def test_missing_input(tmp_path: Path) -> None:
    assert main(["convert", str(tmp_path / "nope.pdf")]) == EXIT_NO_INPUT


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main(["convert", str(PDF), "--table-engine", "magic"])
    assert e.value.code == EXIT_USAGE
    assert main(["convert", str(PDF), str(PDF)]) == EXIT_USAGE
    assert "several inputs need --out DIR" in capsys.readouterr().err


def test_not_a_comparison_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A PDF with text but no ruled table: made by hand, no extra tools needed.
    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(_tiny_pdf("Hello"))
    assert main(["convert", str(pdf), "--no-analysis"]) == EXIT_FAILED
    assert "no_comparison_table" in capsys.readouterr().err


def _tiny_pdf(text: str) -> bytes:
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode()
    objs[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + (body or b"") + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
