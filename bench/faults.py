"""Batches under faults: a killed worker, Ctrl-C and resume, a second run, a killed parent.

Run as ``python bench/faults.py [--n 200] [--workers 2]``. Builds ``--n`` inputs in a temp
folder (distinct copies of the small sample PDFs, with about one in ten bad: not a PDF,
truncated) and runs ``shinkyu convert DIR --out OUT --workers N --no-analysis`` (without
``--no-analysis`` when given ``--analysis``) in a subprocess while a driver:

A. kills one pool worker (SIGKILL) once outputs appear, and lets the run finish;
B. interrupts the run (SIGINT) halfway, then resumes it with the same command;
C. starts a second run on the same ``--out`` while the first one runs;
D. kills the parent (SIGKILL) and watches whether its workers outlive it;
E. fills a small tmpfs output (only when a tmpfs can be mounted: needs root).

For each it prints documents expected vs. written, stale outputs (an output whose source
sha256 is not its input's), leftover temporary files, orphan processes and the error codes
written, and writes ``bench/results/faults.json``. Target: 0 lost, 0 stale, 0 orphans,
0 ``internal``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "faults.json"
SOURCES = [
    ROOT / "samples" / "pdf" / "ordinance-fees-portrait.pdf",
    ROOT / "samples" / "cases" / "two-tables.pdf",
    ROOT / "samples" / "cases" / "partly-ruled.pdf",
    ROOT / "samples" / "cases" / "unruled-ordinance.pdf",
]


def make_inputs(folder: Path, n: int) -> dict[str, str | None]:
    """``n`` inputs; returns name -> expected outcome (None: converts, else an error code)."""
    folder.mkdir(parents=True)
    expected: dict[str, str | None] = {}
    for k in range(n):
        name = f"f{k:04d}"
        src = SOURCES[k % len(SOURCES)].read_bytes()
        if k % 10 == 3:
            (folder / f"{name}.pdf").write_text("これはPDFではない", encoding="utf-8")
            expected[name] = "not_pdf"
        elif k % 10 == 7:
            (folder / f"{name}.pdf").write_bytes(src[:2000])
            expected[name] = "damaged"
        else:  # distinct content: a comment after %%EOF
            (folder / f"{name}.pdf").write_bytes(src + f"\n% copy {k}\n".encode())
            expected[name] = None
    return expected


ANALYSIS = False  # --analysis: the workers load GiNZA (about 0.5 GB each) as in a real batch


def command(src: Path, out: Path, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "shinkyu", "convert", str(src), "--out", str(out),
        "--workers", str(workers), "--quiet", *([] if ANALYSIS else ["--no-analysis"]),
    ]  # fmt: skip


def children(pid: int) -> list[Any]:
    import psutil

    try:
        return list(psutil.Process(pid).children(recursive=True))
    except psutil.Error:
        return []


def wait_outputs(out: Path, count: int, proc: subprocess.Popen[bytes], limit: float = 300) -> None:
    t0 = time.monotonic()
    while len(list(out.glob("*.json"))) < count and proc.poll() is None:
        if time.monotonic() - t0 > limit:
            raise SystemExit("the run made no progress")
        time.sleep(0.05)


def check(src: Path, out: Path, expected: dict[str, str | None]) -> dict[str, Any]:
    written = {p.stem: p for p in out.glob("*.json")}
    errors = []
    if (out / "errors.jsonl").exists():
        errors = [json.loads(x) for x in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    codes = Counter(e["error"] for e in errors)
    wrong_code = [e["path"] for e in errors if expected.get(Path(e["path"]).stem) != e["error"]]
    stale = 0
    for name, p in written.items():
        sha = json.loads(p.read_text("utf-8"))["source"]["sha256"]
        if sha != hashlib.sha256((src / f"{name}.pdf").read_bytes()).hexdigest():
            stale += 1
    good = [n for n, e in expected.items() if e is None]
    return {
        "expected_documents": len(good),
        "written": len(written),
        "lost": len([n for n in good if n not in written]),
        "written_for_bad_inputs": len([n for n in written if expected.get(n) is not None]),
        "stale": stale,
        "temp_files_left": len(list(out.glob(".*.tmp"))),
        "error_codes": dict(codes),
        "wrong_codes": len(wrong_code),
        "internal": codes.get("internal", 0),
    }


def orphans(pids: list[int], wait: float = 5.0) -> int:
    """How many of these processes are still alive after ``wait`` seconds."""
    import psutil

    t0 = time.monotonic()
    alive = pids
    while time.monotonic() - t0 < wait:
        alive = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]
        if not alive:
            return 0
        time.sleep(0.1)
    for p in alive:  # clean up after the measurement
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGKILL)
    return len(alive)


def scenario_kill_worker(base: Path, n: int, workers: int) -> dict[str, Any]:
    src, out = base / "a-in", base / "a-out"
    expected = make_inputs(src, n)
    proc = subprocess.Popen(command(src, out, workers), stderr=subprocess.DEVNULL)
    wait_outputs(out, 5, proc)
    killed = 0
    for child in children(proc.pid):
        if "resource_tracker" not in " ".join(child.cmdline()):
            child.kill()
            killed = 1
            break
    rc = proc.wait()
    return {"exit": rc, "workers_killed": killed, **check(src, out, expected)}


def scenario_interrupt_resume(base: Path, n: int, workers: int) -> dict[str, Any]:
    src, out = base / "b-in", base / "b-out"
    expected = make_inputs(src, n)
    proc = subprocess.Popen(command(src, out, workers), stderr=subprocess.PIPE)
    wait_outputs(out, n // 4, proc)
    kids = [c.pid for c in children(proc.pid)]
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    first = proc.returncode
    left = orphans(kids)
    again = subprocess.run(command(src, out, workers), stderr=subprocess.DEVNULL, check=False)
    return {
        "exit_interrupted": first,
        "stderr_lines": len(err.decode().strip().splitlines()),
        "traceback": "Traceback" in err.decode(),
        "orphans_after_interrupt": left,
        "exit_resumed": again.returncode,
        **check(src, out, expected),
    }


def scenario_second_run(base: Path, n: int, workers: int) -> dict[str, Any]:
    src, out = base / "c-in", base / "c-out"
    expected = make_inputs(src, n)
    proc = subprocess.Popen(command(src, out, workers), stderr=subprocess.DEVNULL)
    wait_outputs(out, 3, proc)
    second = subprocess.run(command(src, out, workers), capture_output=True, text=True, check=False)
    rc = proc.wait()
    return {
        "exit_first": rc,
        "exit_second": second.returncode,
        "second_refused": "output_busy" in second.stderr,
        **check(src, out, expected),
    }


def scenario_kill_parent(base: Path, n: int, workers: int) -> dict[str, Any]:
    src, out = base / "d-in", base / "d-out"
    make_inputs(src, n)
    proc = subprocess.Popen(command(src, out, workers), stderr=subprocess.DEVNULL)
    wait_outputs(out, 3, proc)
    kids = [c.pid for c in children(proc.pid)]
    proc.kill()
    proc.wait()
    return {"children": len(kids), "orphans_after_5s": orphans(kids)}


def scenario_full_disk(base: Path, n: int, workers: int) -> dict[str, Any]:
    src, out = base / "e-in", base / "e-out"
    expected = make_inputs(src, n)
    out.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(out)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode:
        return {"skipped": "cannot mount a tmpfs here: " + mounted.stderr.decode().strip()[:80]}
    try:
        run = subprocess.run(
            command(src, out, workers), capture_output=True, text=True, check=False
        )
        result = check(src, out, expected)
        lines = run.stderr.strip().splitlines()
        return {
            "exit": run.returncode,
            "traceback": "Traceback" in run.stderr,
            "output_error_lines": sum("output_error" in ln for ln in lines),
            "written": result["written"],
            "stale": result["stale"],
            "temp_files_left": result["temp_files_left"],
            "internal": result["internal"],
        }
    finally:
        subprocess.run(["umount", str(out)], capture_output=True, check=False)


SCENARIOS = {
    "A kill a worker": scenario_kill_worker,
    "B interrupt and resume": scenario_interrupt_resume,
    "C second run on the same --out": scenario_second_run,
    "D kill the parent": scenario_kill_parent,
    "E full disk": scenario_full_disk,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--n", type=int, default=200, help="inputs per scenario")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--analysis", action="store_true", help="run with the analysis (GiNZA)")
    args = ap.parse_args()
    global ANALYSIS
    ANALYSIS = args.analysis
    report: dict[str, Any] = {
        "n": args.n,
        "workers": args.workers,
        "analysis": args.analysis,
        "scenarios": {},
    }
    with tempfile.TemporaryDirectory(prefix="shinkyu-faults-") as tmp:
        for name, run in SCENARIOS.items():
            t0 = time.monotonic()
            res = run(Path(tmp), args.n, args.workers)
            res["seconds"] = round(time.monotonic() - t0, 1)
            report["scenarios"][name] = res
            print(f"{name}: {json.dumps(res, ensure_ascii=False)}", flush=True)
            shutil.rmtree(Path(tmp), ignore_errors=True)
            Path(tmp).mkdir(exist_ok=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
