"""``shinkyu review``: the page model, escaping, the CLI, and the report in a real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from shinkyu.schemas.model import Document

from shinkyu.cli import EXIT_NO_INPUT, EXIT_OK, main
from shinkyu.review import document_to_view, load_review_inputs, write_review

from .conftest import SAMPLES

PDF = SAMPLES / "pdf" / "sunagawa-landscape-mincho.pdf"


@pytest.fixture(scope="module")
def doc() -> Document:
    from shinkyu.api import convert

    return convert(PDF)


@pytest.fixture(scope="module")
def out(doc: Document, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A convert output folder: the document, and one failure in errors.jsonl."""
    folder = tmp_path_factory.mktemp("out")
    (folder / "sunagawa.json").write_text(doc.model_dump_json(), encoding="utf-8")
    failure = {"path": "broken.pdf", "code": "damaged", "message": "broken.pdf: truncated"}
    (folder / "errors.jsonl").write_text(json.dumps(failure) + "\n", encoding="utf-8")
    return folder


def test_each_entry_block_holds_its_cells_marks_facts_and_changes(doc: Document) -> None:
    view = document_to_view(doc)
    assert view.municipality == "砂川市" and view.code == "012262"
    assert [e.id for e in view.entries] == [e.id for e in doc.entries]
    for ev, e in zip(view.entries, doc.entries, strict=True):
        # cells in the document's column order, their spans giving back the text exactly
        assert [c.role for c in ev.cells] == [c.role.value for c in doc.columns]
        for c in ev.cells:
            assert "".join(s.text for s in c.spans) == getattr(e, c.role).text
    spans = [s for ev in view.entries for c in ev.cells for s in c.spans]
    assert any("underline" in s.classes for s in spans)
    assert any("color" in s.classes and s.color == "#ff0000" for s in spans)
    kpis = [s for s in spans if "fact-kpi" in s.classes]
    # 「チームを構成する事業者数 21事業者 → 75事業者」 with its parsed values on hover
    assert any(s.title and "21 事業者 (2019) → 目標 75 事業者 (2025)" in s.title for s in kpis)
    assert any("fact-project" in s.classes for s in spans)
    assert any("fact-date" in s.classes for s in spans)
    changes = [line for ev in view.entries for line in ev.changes]
    assert any(line.startswith("事業追加") for line in changes)
    assert any(line.startswith("本文の変更") for line in changes)


def test_cell_text_is_escaped(doc: Document, tmp_path: Path) -> None:
    entry = doc.entries[0]
    hostile = entry.after.model_copy(
        update={
            "text": '<script>alert("x")</script>&<b>',
            "marks": [],
            "projects": [],
            "kpis": [],
            "targets": [],
            "dates": [],
        }
    )
    bad = doc.model_copy(
        update={
            "title": "<img src=x onerror=alert(1)>",
            "entries": [entry.model_copy(update={"after": hostile})],
        }
    )
    inputs = load_review_inputs(_write(bad, tmp_path / "one.json"))
    result = write_review(inputs, tmp_path / "review")
    page = next(p for p in (tmp_path / "review").glob("0001-*.html"))
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in result.index.read_text(encoding="utf-8")


def _write(doc: Document, path: Path) -> Path:
    path.write_text(doc.model_dump_json(), encoding="utf-8")
    return path


def test_cli_writes_index_pages_and_crops_once(
    out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    to = tmp_path / "review"
    assert main(["review", str(out), "--to", str(to)]) == EXIT_OK
    assert capsys.readouterr().out.strip() == str(to / "index.html")
    index = (to / "index.html").read_text(encoding="utf-8")
    assert "damaged" in index and "broken.pdf" in index  # the batch's failure is listed
    assert "<svg" in index  # the changes chart, inline
    crops = sorted((to / "img").glob("*.png"))
    assert crops and all(p.stat().st_size < 400_000 for p in crops)
    stamps = [p.stat().st_mtime_ns for p in crops]
    assert main(["review", str(out), "--to", str(to)]) == EXIT_OK
    assert [p.stat().st_mtime_ns for p in crops] == stamps  # cached: nothing re-rendered


def test_without_the_pdf_the_crops_are_left_out_with_a_note(
    doc: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = doc.model_copy(
        update={"source": doc.source.model_copy(update={"path": "/nowhere/plan.pdf"})}
    )
    folder = tmp_path / "out"
    folder.mkdir()
    _write(moved, folder / "plan.json")
    to = tmp_path / "review"
    assert main(["review", str(folder), "--to", str(to)]) == EXIT_OK
    assert "page crops are left out (pass --pdf-root)" in capsys.readouterr().err
    assert not (to / "img").exists() or not any((to / "img").iterdir())
    # --pdf-root finds it by name
    root = tmp_path / "pdfs"
    root.mkdir()
    shutil.copy(PDF, root / "plan.pdf")
    assert main(["review", str(folder), "--to", str(to), "--pdf-root", str(root)]) == EXIT_OK
    assert any((to / "img").glob("*.png"))


def test_cli_without_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", str(tmp_path / "missing"), "--to", str(tmp_path / "r")]) == (
        EXIT_NO_INPUT
    )
    assert "no such file or folder" in capsys.readouterr().err


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_the_report_in_a_real_browser(out: Path, tmp_path: Path) -> None:
    """Headless Chromium loads the index and a document page from file://."""
    exe = _chromium()
    if exe is None:  # `make test` installs it with apt; a bare pytest run may not have it
        pytest.skip("chromium not installed (make test installs it)")
    to = tmp_path / "review"
    write_review(load_review_inputs(out), to)
    page = next(to.glob("0001-*.html"))
    base = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    for target in (to / "index.html", page):
        run = subprocess.run(
            [*base, "--enable-logging=stderr", "--v=0", "--dump-dom", target.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        console = [ln for ln in run.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
        assert console == [], console
    dom = subprocess.run(
        [*base, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    doc = Document.model_validate_json(next(out.glob("*.json")).read_text(encoding="utf-8"))
    for e in doc.entries:
        assert f'data-entry="{e.id}"' in dom
    assert dom.count('class="underline') > 10 and "color: #ff0000" in dom
    shot = tmp_path / "page.png"
    subprocess.run(
        [*base, "--window-size=1280,1400", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    from PIL import Image

    with Image.open(shot) as image:
        grey = image.convert("L")
        dark = sum(n for n, v in grey.getcolors(maxcolors=256) or [] if v < 128)
    assert dark > 5000  # text and crops drawn, not a blank page
