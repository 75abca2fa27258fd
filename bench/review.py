"""Review benchmark: ``shinkyu review`` on a batch of 100 converted documents.

Run as ``python bench/review.py [--n 100]``. Writes ``bench/results/review.json``.

The batch: the sample PDFs copied to ``n`` distinct files (a comment appended after ``%%EOF``
makes each copy its own sha256, so no crop is shared), converted with the analysis by
``shinkyu convert --workers 2`` (not timed). Then the report is written three ways, one
core: cold (every page crop rendered), warm (the same folder again: crops cached), and
without crops (no PDF found). Target: 100 documents in under a minute, cold.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "review.json"


def make_batch(folder: Path, n: int) -> list[Path]:
    sources = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    pdfs = []
    for i in range(n):
        src = sources[i % len(sources)]
        dest = folder / f"{i:03d}-{src.name}"
        dest.write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
        pdfs.append(dest)
    return pdfs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100)
    args = ap.parse_args(argv)
    from shinkyu.batch import convert_many
    from shinkyu.review import review

    with tempfile.TemporaryDirectory(prefix="shinkyu-review-bench-") as tmp:
        tmp_path = Path(tmp)
        pdf_dir = tmp_path / "pdf"
        pdf_dir.mkdir()
        pdfs = make_batch(pdf_dir, args.n)
        out = tmp_path / "out"
        results = list(convert_many(pdfs, out=out, workers=2))
        failed = [r for r in results if r.error]
        pages = sum(json.loads(p.read_text())["source"]["page_count"] for p in out.glob("*.json"))
        entries = sum(len(json.loads(p.read_text())["entries"]) for p in out.glob("*.json"))
        figures = {}
        to = tmp_path / "review"
        for label in ("cold", "warm"):
            t0 = time.perf_counter()
            r = review(out, to)
            figures[label] = {"seconds": round(time.perf_counter() - t0, 2), "crops": r.crops}
        moved = tmp_path / "elsewhere"
        shutil.move(str(pdf_dir), moved)
        t0 = time.perf_counter()
        r = review(out, tmp_path / "review-no-pdf")
        figures["no_crops"] = {"seconds": round(time.perf_counter() - t0, 2), "crops": r.crops}
        size = sum(p.stat().st_size for p in to.rglob("*") if p.is_file())
    report = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "documents": args.n,
        "failed_conversions": len(failed),
        "pages": pages,
        "entries": entries,
        "report_bytes": size,
        **figures,
    }
    print(json.dumps(report, indent=1))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
