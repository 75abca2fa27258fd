"""Per-input cost of a batch at 10, 100, 1,000 and 2,000 inputs: it should stay flat.

Run as ``python bench/batch_scaling.py [--sizes 10 100 1000 2000] [--workers 2]``. Each size
converts that many distinct copies of a 2-page sample (``--no-analysis``) into a fresh
folder in a subprocess, then runs the same command again (everything up to date); prints
seconds per input for both, and the parent's peak RSS, and writes
``bench/results/batch_scaling.json``. Before hashing, errors and the up-to-date check were
made linear, costs grew with the batch (errors.jsonl rewritten and fsynced per failure,
every output parsed whole on a rerun).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "batch_scaling.json"
SOURCE = ROOT / "samples" / "pdf" / "ordinance-fees-portrait.pdf"


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and the process's peak RSS in MB (children not counted)."""
    import psutil

    t0 = time.perf_counter()
    proc = psutil.Popen(cmd, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    peak = 0.0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, proc.memory_info().rss / 2**20)
        time.sleep(0.05)
    return time.perf_counter() - t0, peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 2000])
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    data = SOURCE.read_bytes()
    rows: list[dict[str, Any]] = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="shinkyu-scale-") as tmp:
            src, out = Path(tmp) / "in", Path(tmp) / "out"
            src.mkdir()
            for k in range(n):
                (src / f"f{k:05d}.pdf").write_bytes(data + f"\n% copy {k}\n".encode())
            cmd = [
                sys.executable, "-m", "shinkyu", "convert", str(src), "--out", str(out),
                "--workers", str(args.workers), "--no-analysis", "--quiet",
            ]  # fmt: skip
            first, rss = run(cmd)
            again, rss_again = run(cmd)
            written = len(list(out.glob("*.json")))
        row = {
            "inputs": n,
            "written": written,
            "seconds_per_input": round(first / n, 4),
            "rerun_seconds_per_input": round(again / n, 4),
            "parent_peak_rss_mb": round(max(rss, rss_again), 1),
        }
        rows.append(row)
        print(json.dumps(row), flush=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(f"written: {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
