"""Every error code on a small generated input: the code, the exact message, one stderr
line from the CLI, and no output file."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from shinkyu.extract import ExtractSettings, extract_pdf
from shinkyu.extract.pdf_reader import page_layouts
from shinkyu.schemas import errors
from shinkyu.schemas.errors import InputError, ShinkyuError

from shinkyu.cli import EXIT_FAILED, main

from . import bad_pdfs
from .conftest import SAMPLES

SAMPLE = SAMPLES / "pdf" / "ordinance-fees-portrait.pdf"
PDFIUM_DAMAGED = (
    "{path} is damaged or truncated: PDFium cannot load it "
    "(PdfiumError: Failed to load document (PDFium: Data format error).)"
)
NO_TABLE = "{path}: no table headed 変更前/変更後 (or a synonym such as 改正前/改正後) found"
SCAN = "{path} has no text layer: {n} of {n} pages are images only (a scan)"
TOO_MANY = "{path} has 2,001 pages, over the limit of 2,000 (max_pages)"
ENCRYPTED = "{path} is encrypted and needs a password"
UNREADABLE = "{path}: 4 of 4 glyphs have no Unicode mapping, so its text cannot be read"


def _write(data: bytes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / "input.pdf"
        path.write_bytes(data)
        return path

    return make


def _truncated(tmp: Path) -> Path:
    data = SAMPLE.read_bytes()
    return _write(data[: len(data) // 2])(tmp)


def _scanned(tmp: Path) -> Path:
    return bad_pdfs.scanned_copy(SAMPLE, tmp / "input.pdf")


def _blank(tmp: Path) -> Path:
    return _write(bad_pdfs.build_pdf(bad_pdfs._pages([b""])))(tmp)


# code, input, message ({path} is the input's path)
CASES: list[tuple[str, Callable[[Path], Path], str]] = [
    ("not_pdf", _write("これはPDFではない".encode()), "{path} is not a PDF (no %PDF- header)"),
    ("not_pdf", _write(b""), "{path} is not a PDF (no %PDF- header)"),
    ("damaged", _truncated, PDFIUM_DAMAGED),
    ("damaged", _write(b"%PDF-1.4\n%%EOF\n"), PDFIUM_DAMAGED),
    ("encrypted", _write(bad_pdfs.rc4_encrypted_pdf("pw")), ENCRYPTED),
    ("no_text_layer", _scanned, SCAN.replace("{n}", "2")),
    ("no_text_layer", _write(bad_pdfs.image_pdf(3)), SCAN.replace("{n}", "3")),
    ("no_text_layer", _blank, "{path} has no text: its pages are blank or drawn as outlines"),
    ("unreadable_text", _write(bad_pdfs.cid_pdf()), UNREADABLE),
    ("no_comparison_table", _write(bad_pdfs.text_pdf()), NO_TABLE),
    ("too_large", _write(bad_pdfs.many_pages_pdf(2001)), TOO_MANY),
]  # fmt: skip


@pytest.mark.parametrize(("code", "make", "message"), CASES)
def test_error_code_message_and_no_output(
    code: str,
    make: Callable[[Path], Path],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = make(tmp_path)
    expected = message.format(path=path)
    with pytest.raises(ShinkyuError) as e:
        extract_pdf(path, ExtractSettings(ocr="never"))  # scans fail unread (OCR: test_ocr.py)
    assert (e.value.code, e.value.message) == (code, expected)
    assert isinstance(e.value, InputError)

    out = tmp_path / "out"
    cli = ["convert", str(path), "--out", str(out), "--no-analysis", "--ocr", "never"]
    assert main(cli) == (EXIT_FAILED)
    _assert_failed_once(capsys.readouterr().err, out, path, code, expected)


def _assert_failed_once(err: str, out: Path, path: Path, code: str, message: str) -> None:
    """The CLI named the failure on exactly one line and wrote no output for the input."""
    lines = [ln for ln in err.splitlines() if message in ln]
    assert len(lines) == 1 and f"{code}: {message}" in lines[0], err
    assert "Traceback" not in err
    assert not (out / f"{path.stem}.json").exists()
    assert {p.name for p in out.iterdir()} <= {"errors.jsonl"}
    records = [json.loads(ln) for ln in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [(r["error"], r["message"]) for r in records] == [(code, message)]


def test_stdout_mode_prints_code_message_and_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(bad_pdfs.cid_pdf())(tmp_path)
    assert main(["convert", str(path), "--no-analysis"]) == EXIT_FAILED
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"shinkyu: unreadable_text: {path}: 4 of 4 glyphs have no Unicode mapping, "
        f"so its text cannot be read ({errors.UnreadableTextError.hint})\n"
    )


def test_internal_error_is_one_line_with_report_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("shinkyu.extract.assemble.fragments_to_cell", bug)
    out = tmp_path / "out"
    assert main(["convert", str(SAMPLE), "--out", str(out), "--no-analysis"]) == (EXIT_FAILED)
    message = f"{SAMPLE}: extract: ZeroDivisionError: division by zero"
    _assert_failed_once(capsys.readouterr().err, out, SAMPLE, "internal", message)
    assert "report" in errors.InternalError.hint


# -- both readers -----------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_readers_agree_on_codes(reader: str, tmp_path: Path) -> None:
    settings = ExtractSettings(reader=reader, ocr="never")
    cases = {
        "damaged": _truncated(tmp_path),
        "encrypted": tmp_path.joinpath("enc.pdf"),
        "no_text_layer": tmp_path.joinpath("scan.pdf"),
        "unreadable_text": tmp_path.joinpath("cid.pdf"),
    }
    cases["encrypted"].write_bytes(bad_pdfs.rc4_encrypted_pdf("secret"))
    cases["no_text_layer"].write_bytes(bad_pdfs.image_pdf())
    cases["unreadable_text"].write_bytes(bad_pdfs.cid_pdf())
    for code, path in cases.items():
        with pytest.raises(ShinkyuError) as e:
            extract_pdf(path, settings)
        assert e.value.code == code, (code, e.value)


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_password_opens_encrypted(reader: str, tmp_path: Path) -> None:
    path = tmp_path / "enc.pdf"
    path.write_bytes(bad_pdfs.rc4_encrypted_pdf("secret"))
    with pytest.raises(errors.EncryptedPdfError) as e:
        extract_pdf(path, ExtractSettings(reader=reader, password="wrong"))
    assert e.value.message == f"{path} is encrypted and the password given is wrong"
    settings = ExtractSettings(reader=reader, password="secret")
    with page_layouts(path, settings) as (count, layouts):
        texts = ["".join(c.text for c in layout.chars) for layout in layouts]
    assert (count, texts) == (1, ["Hello"])


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_aes256_copy_opens_with_password(tmp_path: Path) -> None:
    path = tmp_path / "aes.pdf"
    subprocess.run(
        ["qpdf", "--encrypt", "secret", "owner", "256", "--", str(SAMPLE), str(path)], check=True
    )
    with pytest.raises(errors.EncryptedPdfError):
        extract_pdf(path)
    for reader in ("pdfium", "pdfminer"):
        doc = extract_pdf(path, ExtractSettings(reader=reader, password="secret"))
        assert len(doc.entries) == 5


# -- partial problems convert the rest and warn -----------------------------------------


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_scanned_page_is_skipped_with_warning(reader: str, tmp_path: Path) -> None:
    path = bad_pdfs.scanned_copy(SAMPLE, tmp_path / "mixed.pdf", keep_text=True)
    doc = extract_pdf(path, ExtractSettings(reader=reader, ocr="never"))
    assert len(doc.entries) == 5 and doc.source.page_count == 3
    [issue] = [w for w in doc.warnings if w.code == "no_text_layer"]
    assert issue.page == 3
    assert issue.message == (
        "page skipped: it is an image without a text layer (a scan); OCR is off (--ocr never)"
    )


@pytest.mark.parametrize("reader", ["pdfium", "pdfminer"])
def test_some_unreadable_glyphs_warn(reader: str, tmp_path: Path) -> None:
    path = bad_pdfs.with_pages_of(SAMPLE, bad_pdfs.cid_pdf(), tmp_path / "mixed.pdf")
    doc = extract_pdf(path, ExtractSettings(reader=reader))
    assert len(doc.entries) == 5
    [issue] = [w for w in doc.warnings if w.code == "unreadable_text"]
    assert (issue.page, issue.message) == (
        3,
        "4 of 4 glyphs have no Unicode mapping and read as U+FFFD",
    )


# -- limits -----------------------------------------------------------------------------


def test_byte_limit_is_checked_before_reading(tmp_path: Path) -> None:
    with pytest.raises(errors.TooLargeError) as e:
        extract_pdf(SAMPLE, ExtractSettings(max_bytes=1000))
    size = SAMPLE.stat().st_size
    assert e.value.message == f"{SAMPLE} has {size:,} bytes, over the limit of 1,000 (max_bytes)"
    assert len(extract_pdf(SAMPLE, ExtractSettings(max_bytes=None, max_pages=2)).entries) == 5


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_pages": 0}, "max_pages=0 must be a whole number >= 1, or None"),
        ({"max_bytes": -5}, "max_bytes=-5 must be a whole number >= 1, or None"),
        ({"max_bytes": 1.5}, "max_bytes=1.5 must be a whole number >= 1, or None"),
        ({"max_pages": True}, "max_pages=True must be a whole number >= 1, or None"),
    ],
)
def test_limit_settings_are_validated(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(errors.SettingsError) as e:
        ExtractSettings(**kwargs)  # type: ignore[arg-type]
    assert e.value.message == message


# -- the tree ---------------------------------------------------------------------------


def _error_classes() -> list[type[ShinkyuError]]:
    return [
        c
        for c in vars(errors).values()
        if isinstance(c, type) and issubclass(c, ShinkyuError) and c.__module__ == errors.__name__
    ]


def test_codes_are_stable_and_documented() -> None:
    codes = {c.code for c in _error_classes() if "code" in vars(c)}
    assert {
        "not_pdf",
        "damaged",
        "encrypted",
        "no_text_layer",
        "unreadable_text",
        "no_comparison_table",
        "too_large",
        "timeout",
        "internal",
    } <= codes
    for c in _error_classes():
        doc = (c.__doc__ or "").strip()
        assert doc and "\n" not in doc, c
        assert c.hint and "\n" not in c.hint, c
    assert errors.ConversionTimeoutError.code == "timeout"
    assert issubclass(errors.ConversionTimeoutError, InputError)


# -- limits from the command line --------------------------------------------------------


def test_timeout_is_one_failed_input_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time as _time

    import shinkyu.api

    real = shinkyu.api.extract_stage

    def slow(path: Path, settings: object, **kwargs: object) -> object:
        if "slow" in str(path):
            _time.sleep(5)
        return real(path, settings, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("shinkyu.batch.extract_stage", slow)
    slow_pdf = tmp_path / "slow.pdf"
    slow_pdf.write_bytes(SAMPLE.read_bytes())
    out = tmp_path / "out"
    code = main(
        [
            "convert",
            str(slow_pdf),
            str(SAMPLE),
            "--out",
            str(out),
            "--no-analysis",
            "--timeout",
            "0.5",
        ]
    )
    assert code == EXIT_FAILED
    records = [
        json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [(r["path"], r["error"], r["stage"]) for r in records] == [
        (str(slow_pdf), "timeout", "extract")
    ]
    assert records[0]["message"] == f"{slow_pdf}: conversion stopped after the 0.5 s limit per file"
    assert not (out / "slow.json").exists() and (out / f"{SAMPLE.stem}.json").exists()


def test_max_pages_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(
        ["convert", str(SAMPLE), "--out", str(out), "--no-analysis", "--max-pages", "1"]
    ) == (EXIT_FAILED)
    err = capsys.readouterr().err
    assert ": too_large: " in err and not (out / f"{SAMPLE.stem}.json").exists()


def test_one_damaged_page_is_skipped_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium
    from shinkyu.extract import extract_pdf
    from shinkyu.extract import pdf_reader as pdf_module

    real = pdf_module.pdfium_page_to_layout

    def broken_second_page(doc: object, index: int, settings: object) -> object:
        if index == 1:
            raise pdfium.PdfiumError("Failed to load page.")
        return real(doc, index, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_module, "pdfium_page_to_layout", broken_second_page)
    doc = extract_pdf(SAMPLE)
    assert [(w.code, w.page) for w in doc.warnings if w.code == "damaged"] == [("damaged", 2)]
    assert doc.entries and all(2 not in e.pages for e in doc.entries)


def test_every_page_damaged_is_a_damaged_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdfium2 as pdfium
    from shinkyu.extract import extract_pdf
    from shinkyu.extract import pdf_reader as pdf_module

    def broken(doc: object, index: int, settings: object) -> object:
        raise pdfium.PdfiumError("Failed to load page.")

    monkeypatch.setattr(pdf_module, "pdfium_page_to_layout", broken)
    with pytest.raises(errors.DamagedPdfError, match="page 1 is damaged"):
        extract_pdf(SAMPLE)


def test_header_without_rows_is_no_entries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A table whose header is found but no row read is a failure, never 0 entries converted."""
    path = tmp_path / "header-only.md"
    path.write_text(
        "# 東山市総合計画 新旧対照表\n\n| 変更前 | 変更後 |\n|---|---|\n", encoding="utf-8"
    )
    message = f"{path}: a table headed 変更前/変更後 was found, but none of its rows could be read"
    out = tmp_path / "out"
    assert main(["convert", str(path), "--out", str(out), "--no-analysis"]) == EXIT_FAILED
    _assert_failed_once(capsys.readouterr().err, out, path, "no_entries", message)
