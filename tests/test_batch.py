from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from shinkyu.schemas.model import Document

from shinkyu import Status, convert_many
from shinkyu.batch import ERRORS_NAME, JSONL_NAME, PARTS_DIR, collect_inputs
from shinkyu.cli import EXIT_FAILED, EXIT_NO_INPUT, EXIT_OK, EXIT_USAGE, main

from .conftest import SAMPLES

PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))
SMALL = SAMPLES / "pdf" / "ordinance-fees-portrait.pdf"  # 2 pages: the fastest sample


def _inputs(tmp_path: Path, *, bad: bool = True, n: int = 2) -> Path:
    """A folder with n good PDFs (in a subfolder too) and optionally two bad inputs."""
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    shutil.copy(SMALL, src / "a.pdf")
    if n > 1:
        shutil.copy(SMALL, src / "sub" / "b.pdf")
    if bad:
        (src / "notes.pdf").write_text("これはPDFではない", encoding="utf-8")
        (src / "truncated.pdf").write_bytes(SMALL.read_bytes()[:3000])
    return src


def _run(*args: str | Path) -> int:
    return main(["convert", *map(str, args), "--no-analysis", "--quiet"])


def _errors(out: Path) -> list[dict[str, object]]:
    text = (out / ERRORS_NAME).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_mixed_good_and_bad_inputs(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path), tmp_path / "out"
    assert _run(src, "--out", out) == EXIT_FAILED
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")) == [
        "a.json",
        "sub/b.json",
    ]
    doc = Document.model_validate_json((out / "sub" / "b.json").read_text(encoding="utf-8"))
    assert doc.source.path == str(src / "sub" / "b.pdf")
    errors = _errors(out)
    assert [(e["path"], e["error"], e["stage"]) for e in errors] == [
        (str(src / "notes.pdf"), "not_pdf", "extract"),
        (str(src / "truncated.pdf"), "damaged", "extract"),
    ]
    assert set(errors[0]) == {"path", "sha256", "error", "message", "stage"}
    assert len(str(errors[0]["sha256"])) == 64 and "not a PDF" in str(errors[0]["message"])


def test_rerun_skips_everything_done_and_force_redoes_it(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path, bad=False), tmp_path / "out"
    first = list(convert_many([src / "a.pdf", src / "sub" / "b.pdf"], out=out, analysis=False))
    assert [r.status for r in first] == [Status.SUCCESS, Status.SUCCESS]
    stamp = {p: p.stat().st_mtime_ns for p in out.glob("*.json")}
    assert _run(src, "--out", out) == EXIT_OK
    again = list(convert_many([src / "a.pdf"], out=out, analysis=False))
    assert [r.status for r in again] == [Status.SKIPPED]
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.json")} == stamp
    forced = list(convert_many([src / "a.pdf"], out=out, analysis=False, force=True))
    assert [r.status for r in forced] == [Status.SUCCESS]
    assert (out / "a.json").stat().st_mtime_ns != stamp[out / "a.json"]


def test_changed_input_or_stale_output_is_converted_again(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path, bad=False, n=1), tmp_path / "out"
    list(convert_many([src / "a.pdf"], out=out, analysis=False))
    data = json.loads((out / "a.json").read_text(encoding="utf-8"))
    data["extractor"]["version"] = "0.0.0-old"
    (out / "a.json").write_text(json.dumps(data), encoding="utf-8")
    [r] = convert_many([src / "a.pdf"], out=out, analysis=False)
    assert r.status is Status.SUCCESS
    (out / "a.json").write_text('{"half": ', encoding="utf-8")  # not ours, or broken
    [r] = convert_many([src / "a.pdf"], out=out, analysis=False)
    assert r.status is Status.SUCCESS


def test_errors_file_is_removed_when_a_run_has_no_failure(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path), tmp_path / "out"
    assert _run(src, "--out", out) == EXIT_FAILED
    (src / "notes.pdf").unlink()
    (src / "truncated.pdf").unlink()
    assert _run(src, "--out", out) == EXIT_OK
    assert not (out / ERRORS_NAME).exists()


def test_jsonl_output_and_rerun(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path), tmp_path / "out"
    assert _run(src, "--out", out, "--format", "jsonl") == EXIT_FAILED
    lines = (out / JSONL_NAME).read_text(encoding="utf-8").splitlines()
    docs = [Document.model_validate_json(line) for line in lines]
    assert [d.source.path for d in docs] == [str(src / "a.pdf"), str(src / "sub" / "b.pdf")]
    assert not (out / PARTS_DIR).exists() and not list(out.glob("*.json"))
    assert len(_errors(out)) == 2
    results = list(
        convert_many([src / "a.pdf", src / "sub" / "b.pdf"], out=out, format="jsonl",
                     analysis=False)
    )  # fmt: skip
    assert [r.status for r in results] == [Status.SKIPPED, Status.SKIPPED]
    assert (out / JSONL_NAME).read_text(encoding="utf-8").splitlines() == lines


def test_input_kinds(tmp_path: Path) -> None:
    src = _inputs(tmp_path, bad=False)
    listing = tmp_path / "list.txt"
    listing.write_text(f"# inputs\n{src / 'a.pdf'}\n\n", encoding="utf-8")
    found, missing = collect_inputs(
        [src, str(src / "**" / "*.pdf"), tmp_path / "nope.pdf"], from_list=listing
    )
    assert [(f.path.relative_to(src).as_posix(), f.name) for f in found] == [
        ("a.pdf", "a"),
        ("sub/b.pdf", "sub/b"),
    ]
    assert missing == [str(tmp_path / "nope.pdf")]


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(tmp_path / "nope.pdf", "--out", tmp_path / "o") == EXIT_NO_INPUT
    assert _run(tmp_path, "--out", tmp_path / "o") == EXIT_NO_INPUT  # an empty folder
    assert f"shinkyu: {tmp_path}: no PDF files in this folder" in capsys.readouterr().err
    src = _inputs(tmp_path, bad=False)
    shutil.copy(SMALL, src / "sub" / "a.pdf")
    assert _run(src / "a.pdf", src / "sub" / "a.pdf", "--out", tmp_path / "o") == EXIT_USAGE
    assert "would both be written as a.json" in capsys.readouterr().err
    assert _run(src, "--out", tmp_path / "o", "--executor", "dask") == EXIT_USAGE
    with pytest.raises(SystemExit) as e:
        _run(src, "--out", tmp_path / "o", "--workers", "0")
    assert e.value.code == EXIT_USAGE


def test_summary_and_log_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = _inputs(tmp_path), tmp_path / "out"
    assert main(["convert", str(src), "--out", str(out), "--no-analysis"]) == EXIT_FAILED
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"[1/4] {src / 'a.pdf'} -> {out / 'a.json'} (2 pages, 5 entries")
    assert err[1] == (
        f"shinkyu: not_pdf: {src / 'notes.pdf'} is not a PDF (no %PDF- header) (Pass a PDF file.)"
    )
    assert err[-1].startswith("shinkyu: 4 inputs: 2 converted, 0 skipped, 2 failed; 4 pages in")
    assert err[-1].endswith(f"; errors in {out / ERRORS_NAME}")


def test_a_bug_is_an_internal_error_of_one_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shinkyu.batch

    def boom(doc: Document) -> Document:
        raise RuntimeError("boom")

    monkeypatch.setattr(shinkyu.batch, "municipality_stage", boom)
    src, out = _inputs(tmp_path, bad=False), tmp_path / "out"
    results = list(convert_many([src / "a.pdf"], out=out, analysis=False))
    assert [(r.status, r.error, r.stage) for r in results] == [
        (Status.FAILURE, "internal", "municipality")
    ]
    assert "RuntimeError: boom" in str(results[0].message)
    assert not list(out.glob("*.json"))


def test_workers_pool_gives_the_same_bytes(tmp_path: Path) -> None:
    src = _inputs(tmp_path)
    assert _run(src, "--out", tmp_path / "one") == EXIT_FAILED
    assert _run(src, "--out", tmp_path / "two", "--workers", "2") == EXIT_FAILED
    for p in sorted((tmp_path / "one").rglob("*json*")):
        twin = tmp_path / "two" / p.relative_to(tmp_path / "one")
        assert twin.read_bytes() == p.read_bytes(), p.name


# A kill in the middle: the child process stops for good while writing its second output
# (inside write_atomic, after the data and before the rename) and tells us so by a file.
_CHILD = """
import os, sys, time
from pathlib import Path
import shinkyu.api
calls = []
real_fsync = os.fsync
def fsync(fd):
    real_fsync(fd)
    calls.append(fd)
    if len(calls) == 2:
        Path(sys.argv[1]).write_text("stopped", encoding="utf-8")
        time.sleep(600)
shinkyu.api.os.fsync = fsync
from shinkyu.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_kill_mid_batch_leaves_no_partial_file(tmp_path: Path) -> None:
    src, out = _inputs(tmp_path, bad=False), tmp_path / "out"
    shutil.copy(SMALL, src / "c.pdf")
    marker = tmp_path / "stopped"
    args = [str(src), "--out", str(out), "--no-analysis", "--quiet"]
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(marker), "convert", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        while not marker.exists():
            assert child.poll() is None, child.stderr.read() if child.stderr else ""
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.05)  # wait for the marker, not for a time
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
        if child.stderr:
            child.stderr.close()
    outputs = sorted(p.name for p in out.rglob("*.json"))
    assert outputs == ["a.json"]  # the second one was never renamed into place
    json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert [p.name for p in out.glob(".*.tmp")] != []  # its temp file is all that is left
    results = list(convert_many([src / "a.pdf", src / "c.pdf", src / "sub" / "b.pdf"],
                                out=out, analysis=False))  # fmt: skip
    assert [r.status for r in results] == [Status.SKIPPED, Status.SUCCESS, Status.SUCCESS]
    assert not list(out.rglob(".*.tmp"))


def _kill_a_worker_when_busy(stop: list[bool], killed: list[int]) -> None:
    """SIGKILL one pool worker of this process as soon as one is busy converting."""
    import time

    import psutil

    me = psutil.Process()
    while not stop:
        for child in me.children(recursive=True):
            try:
                cmd = " ".join(child.cmdline())
                busy = child.cpu_percent(interval=0.05) > 5
            except psutil.Error:
                continue
            if "multiprocessing" in cmd and "resource_tracker" not in cmd and busy:
                child.kill()
                killed.append(child.pid)
                return
        time.sleep(0.05)


def test_a_killed_worker_fails_no_input(tmp_path: Path) -> None:
    """kill -9 of a pool worker mid-batch: every input still converts (the ones in flight are
    retried alone on a fresh pool); before, the whole pool's inputs failed as internal."""
    import threading

    src = tmp_path / "in"
    src.mkdir()
    for k in range(16):  # enough work that a worker is busy when the killer looks
        shutil.copy(PDFS[k % len(PDFS)], src / f"f{k}.pdf")
    stop: list[bool] = []
    killed: list[int] = []
    killer = threading.Thread(target=_kill_a_worker_when_busy, args=(stop, killed))
    killer.start()
    try:
        results = list(
            convert_many(sorted(src.glob("*.pdf")), out=tmp_path / "out", analysis=False, workers=2)
        )
    finally:
        stop.append(True)
        killer.join()
    assert killed  # a worker was killed mid-batch
    assert sorted(r.status.value for r in results) == ["success"] * 16
    assert len(list((tmp_path / "out").glob("*.json"))) == 16


def test_a_failed_rerun_leaves_no_stale_output(tmp_path: Path) -> None:
    """Converted, then replaced by a damaged copy: the old JSON (old sha256) goes."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(SMALL, src / "a.pdf")
    assert _run(src, "--out", out) == EXIT_OK
    assert (out / "a.json").exists()
    (src / "a.pdf").write_bytes(SMALL.read_bytes()[:3000])
    assert _run(src, "--out", out) == EXIT_FAILED
    assert not (out / "a.json").exists()
    assert [e["error"] for e in _errors(out)] == ["damaged"]


def test_up_to_date_honours_the_analysis_both_ways(tmp_path: Path) -> None:
    """An output analysed further than asked is kept; one analysed less is redone."""
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    shutil.copy(SMALL, src / "a.pdf")

    def statuses(**kw: object) -> list[str]:
        return [r.status.value for r in convert_many([src / "a.pdf"], out=out, **kw)]  # type: ignore[arg-type]

    assert statuses(analysis=False) == ["success"]
    assert statuses(analysis=True) == ["success"]  # extraction only: analyse now
    assert statuses(analysis=False) == ["skipped"]  # analysed: more than asked, kept
    doc = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert doc["extractor"]["analysis"] == "rules"
    assert statuses(analysis=True, phrases=True) == ["success"]  # phrases were not there
    assert statuses(analysis=True) == ["skipped"]
    doc = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert doc["extractor"]["analysis"] == "phrases"


def test_ctrl_c_is_exit_130_with_a_summary_and_no_traceback(tmp_path: Path) -> None:
    """SIGINT mid-batch (the same child as above, stopped in its second write)."""
    src, out = _inputs(tmp_path, bad=False), tmp_path / "out"
    shutil.copy(SMALL, src / "c.pdf")
    marker = tmp_path / "stopped"
    args = [str(src), "--out", str(out), "--no-analysis", "--quiet"]
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(marker), "convert", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not marker.exists():
            assert child.poll() is None
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.05)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == 130
    assert "Traceback" not in err
    (line,) = err.strip().splitlines()
    assert line.startswith("shinkyu: interrupted: ") and "rerun to resume" in line
    assert sorted(p.name for p in out.rglob("*.json")) == ["a.json"]
    assert not list(out.rglob(".*.tmp"))  # the interrupted write cleaned up after itself


def test_output_folder_that_is_a_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _inputs(tmp_path, bad=False)
    out = tmp_path / "out"
    out.write_text("not a folder", encoding="utf-8")
    assert _run(src, "--out", out) == 73
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "output_error" in err and "Traceback" not in err


def test_quiet_still_names_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = _inputs(tmp_path), tmp_path / "out"
    assert _run(src, "--out", out) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "not_pdf" in err and "damaged" in err and err.count("\n") == 2


def test_jsonl_rerun_with_fewer_inputs_or_another_spelling_keeps_every_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(PDFS[("a", "b", "c").index(name)], src / f"{name}.pdf")
    first = list(convert_many(sorted(src.glob("*.pdf")), out=out, format="jsonl", analysis=False))
    assert [r.status for r in first] == [Status.SUCCESS] * 3
    lines = (out / JSONL_NAME).read_text(encoding="utf-8").splitlines()
    # a rerun on one input, spelled relative to another working directory
    monkeypatch.chdir(tmp_path)
    again = list(convert_many([Path("in") / "b.pdf"], out=out, format="jsonl", analysis=False))
    assert [r.status for r in again] == [Status.SKIPPED]
    kept = (out / JSONL_NAME).read_text(encoding="utf-8").splitlines()
    assert sorted(kept) == sorted(lines)  # nothing dropped, nothing doubled


def test_a_second_run_on_the_same_folder_is_refused_and_a_stale_lock_is_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = _inputs(tmp_path, bad=False), tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (out / ".shinkyu.lock").write_text(f"{holder.pid}\n", encoding="utf-8")
        assert _run(src, "--out", out) == 73
        err = capsys.readouterr().err
        assert "output_busy" in err and str(holder.pid) in err and err.count("\n") == 1
    finally:
        holder.kill()
        holder.wait()
    assert _run(src, "--out", out) == EXIT_OK  # its process is gone: the lock is stale
    assert not (out / ".shinkyu.lock").exists()


def test_a_folder_given_to_convert_many_is_opened_and_holds_markdown_too(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SMALL, src / "a.pdf")
    shutil.copy(SAMPLES / "sunagawa-shinkyu.md", src / "b.md")
    results = list(convert_many([src], out=tmp_path / "out", analysis=False))
    assert sorted((r.path.name, r.status.value) for r in results) == [
        ("a.pdf", "success"),
        ("b.md", "success"),
    ]
    small = list(convert_many([src / "b.md"], out=tmp_path / "o2", analysis=False, max_bytes=1000))
    assert [r.error for r in small] == ["too_large"]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_debug_prints_the_workers_tracebacks_in_a_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workers: str
) -> None:
    src, out = _inputs(tmp_path), tmp_path / "out"
    args = ["convert", str(src), "--out", str(out), "--no-analysis", "--quiet"]
    assert main([*args, "--workers", workers]) == EXIT_FAILED
    assert "Traceback" not in capsys.readouterr().err
    assert main([*args, "--workers", workers, "--force", "--debug"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert err.count("Traceback (most recent call last)") >= 2  # not_pdf, damaged (chained)
    assert "NotPdfError" in err and "DamagedPdfError" in err
