"""Memory benchmark: does a long document convert with flat memory?

Run as ``python bench/memory.py [--pages 100 250 500] [--sample NAME] [--no-analysis-on]``.

Builds N-page comparison tables by repeating the pages of a sample PDF (pypdfium2's
``import_pages``; no printer needed), then converts each in a fresh process, with the
analysis off and on, and prints:

* the resident set size (RSS) after the imports, and after every 100th page is read
  (sampled from ``/proc/self/statm`` when the reader returns that page);
* the peak RSS of the whole conversion (``getrusage``), and the peak after subtracting the
  RSS with everything imported;
* the wall time.

Flat memory means the RSS while reading pages does not grow with the page count, and the
peak grows only by the size of the document model (a few KB per entry). Results are also
written to ``bench/results/memory.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "memory.json"
DEFAULT_SAMPLE = "sunagawa-landscape-mincho"
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * _PAGE_SIZE / 2**20


def build(sample: Path, pages: int, dest: Path) -> Path:
    """A ``pages``-page PDF: the sample's pages over and over."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(sample)
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        take = min(len(src), pages - len(out))
        out.import_pages(src, list(range(take)))
    out.save(dest)
    return dest


def child(path: Path, analysis: bool) -> dict[str, Any]:
    """Convert once in this process, sampling RSS as pages are read."""
    import shinkyu.extract.pdf as pdf_mod

    from shinkyu.api import convert

    if analysis:
        from shinkyu.normalize import analyze  # noqa: F401 - import cost is not per page

    base = rss_mb()
    at: dict[int, float] = {}
    read = pdf_mod.pdfium_page_to_layout

    def counting(doc: Any, index: int, settings: Any) -> Any:
        layout = read(doc, index, settings)
        if (index + 1) % 100 == 0 or index == 0:
            at[index + 1] = round(rss_mb(), 1)
        return layout

    pdf_mod.pdfium_page_to_layout = counting  # type: ignore[assignment]
    t0 = time.perf_counter()
    doc = convert(path, analysis=analysis)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "pages": doc.source.page_count,
        "entries": len(doc.entries),
        "analysis": analysis,
        "seconds": round(seconds, 1),
        "rss_base_mb": round(base, 1),
        "rss_at_page_mb": at,
        "rss_end_mb": round(rss_mb(), 1),
        "peak_mb": round(peak, 1),
        "peak_over_base_mb": round(peak - base, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, nargs="+", default=[100, 250, 500])
    ap.add_argument("--sample", default=DEFAULT_SAMPLE)
    ap.add_argument("--no-analysis-on", action="store_true", help="only the extraction")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--analysis", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.analysis)))
        return 0

    sample = ROOT / "samples" / "pdf" / f"{args.sample}.pdf"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for pages in args.pages:
            path = build(sample, pages, Path(tmp) / f"{pages}.pdf")
            for analysis in (False, True) if not args.no_analysis_on else (False,):
                cmd = [sys.executable, __file__, "--child", str(path)]
                cmd += ["--analysis"] if analysis else []
                out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
                row = json.loads(out.strip().splitlines()[-1])
                row["size_mb"] = round(path.stat().st_size / 2**20, 1)
                rows.append(row)
                _print(row)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def _print(r: dict[str, Any]) -> None:
    at = ", ".join(f"p{p}: {mb}" for p, mb in r["rss_at_page_mb"].items())
    print(
        f"{r['pages']:>4} pages ({r['size_mb']} MB, {r['entries']} entries), analysis "
        f"{'on ' if r['analysis'] else 'off'}: {r['seconds']:>6.1f} s; RSS MB base "
        f"{r['rss_base_mb']}, {at}, end {r['rss_end_mb']}; peak {r['peak_mb']} "
        f"(+{r['peak_over_base_mb']} over base)",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
