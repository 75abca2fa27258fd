"""Analysis-stage throughput on the sample PDFs: characters per second and share of pipeline time.

Run: ``python bench/analysis.py [--phrases/--no-phrases]``. The model load is timed apart
(once per process); each PDF is extracted, then analysed with a fresh parse cache.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from shinkyu.extract import extract_pdf
from shinkyu.normalize import NlpSettings, ParseCache, analyze, load_nlp

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phrases", action=argparse.BooleanOptionalAction, default=False)
    args = parser.parse_args()
    t0 = time.perf_counter()
    nlp = load_nlp(NlpSettings(phrases=args.phrases))
    print(f"model load {time.perf_counter() - t0:.2f} s (once per process)")
    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    tot_ext = tot_ana = 0.0
    tot_chars = 0
    print(
        f"{'pdf':45} {'extract s':>9} {'analyze s':>9} {'chars':>7} {'parsed':>7} "
        f"{'chars/s':>8} {'share':>6}"
    )
    for item in manifest:
        pdf = SAMPLES / item["pdf"]
        t1 = time.perf_counter()
        doc = extract_pdf(pdf)
        t2 = time.perf_counter()
        cache = ParseCache(nlp)
        analyze(doc, cache=cache)
        t3 = time.perf_counter()
        chars = sum(
            len(c.text) for e in doc.entries for c in (e.before, e.after, e.reason) if c is not None
        )
        ext, ana = t2 - t1, t3 - t2
        tot_ext, tot_ana, tot_chars = tot_ext + ext, tot_ana + ana, tot_chars + chars
        print(
            f"{pdf.name:45} {ext:9.2f} {ana:9.2f} {chars:7d} {cache.parsed_chars:7d} "
            f"{chars / ana:8.0f} {ana / (ext + ana):6.0%}"
        )
    print(
        f"{'total':45} {tot_ext:9.2f} {tot_ana:9.2f} {tot_chars:7d} {'':7} "
        f"{tot_chars / tot_ana:8.0f} {tot_ana / (tot_ext + tot_ana):6.0%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
