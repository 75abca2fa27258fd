"""Analysis accuracy on the corpus: precision / recall / F1 per document and per half.

Run as ``python bench/analysis_accuracy.py [--show NAME ...] [--only NAME ...]``.

Every document of ``samples/corpus/corpus.json`` is converted from its PDF (the whole
pipeline, analysis on) and scored against its hand-written gold by
:mod:`shinkyu.evaluate`: projects, KPIs (all fields right), target rows and dates, plus
entries found and the municipality. Halves: ``reference`` (the real Sunagawa document),
``dev`` (rules may be written while reading them), ``heldout`` and ``heldout-b`` (never read
while writing rules: only their scores are looked at; set B was written after set A had been
scored, and is scored only after the analysis work has ended). ``--show`` prints the missed
and spurious items of the named documents; it refuses held-out documents unless
``--show-heldout`` is given too.

Writes ``bench/results/analysis_accuracy.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "samples" / "corpus"
RESULTS = ROOT / "bench" / "results"
HALVES = ("reference", "dev", "heldout", "heldout-b", "excel")


def _row(label: str, s: Any) -> str:
    return f"{s.f1:5.3f} ({s.right}/{s.gold} gold, {s.found} found)"


def main(argv: list[str] | None = None) -> int:
    from shinkyu.api import convert
    from shinkyu.evaluate import CATEGORIES, Score, load_gold, score_document

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", nargs="*", default=[], help="print misses of these documents")
    ap.add_argument("--show-heldout", action="store_true", help="allow --show on held-out ones")
    ap.add_argument("--only", nargs="*", default=None, help="score only these documents")
    args = ap.parse_args(argv)

    listing = json.loads((CORPUS / "corpus.json").read_text(encoding="utf-8"))
    results = []
    totals: dict[str, dict[str, Score]] = {h: {c: Score() for c in CATEGORIES} for h in HALVES}
    muni: dict[str, list[bool]] = {h: [] for h in HALVES}
    entries: dict[str, list[bool]] = {h: [] for h in HALVES}
    t0 = time.perf_counter()
    for item in listing["documents"]:
        name, half = item["name"], item["half"]
        if args.only and name not in args.only:
            continue
        doc = convert(ROOT / item["pdf"])
        ds = score_document(doc, load_gold(CORPUS / f"{name}.gold.json"), name, half)
        results.append(ds)
        for c in CATEGORIES:
            totals[half][c].add(ds.scores[c])
        muni[half].append(ds.municipality_right)
        entries[half].append(ds.entries_found == ds.entries_gold)
        cells = "  ".join(f"{c} {ds.scores[c].f1:5.3f}" for c in CATEGORIES)
        print(
            f"{half:9} {name:28} entries {ds.entries_found}/{ds.entries_gold}  "
            f"municipality {'ok' if ds.municipality_right else 'NO'}  {cells}"
        )
        if name in args.show:
            if half.startswith("heldout") and not args.show_heldout:
                print("  (held-out: misses not shown; pass --show-heldout to see them)")
                continue
            for c in CATEGORIES:
                for k in ds.scores[c].missed:
                    print(f"  missed   {c:8} {k}")
                for k in ds.scores[c].spurious:
                    print(f"  spurious {c:8} {k}")
    seconds = time.perf_counter() - t0
    print()
    lines = [
        "| half | documents | entries right | municipality | projects F1 | KPIs F1 | "
        "target rows F1 | dates F1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    summary: dict[str, Any] = {}
    for h in HALVES:
        if not muni[h]:
            continue
        t = totals[h]
        summary[h] = {
            c: {
                "precision": round(t[c].precision, 4),
                "recall": round(t[c].recall, 4),
                "f1": round(t[c].f1, 4),
                "gold": t[c].gold,
                "found": t[c].found,
                "right": t[c].right,
            }
            for c in CATEGORIES
        }
        summary[h]["documents"] = len(muni[h])
        summary[h]["municipality_right"] = sum(muni[h])
        summary[h]["entries_right"] = sum(entries[h])
        lines.append(
            f"| {h} | {len(muni[h])} | {sum(entries[h])}/{len(entries[h])} | "
            f"{sum(muni[h])}/{len(muni[h])} | "
            + " | ".join(
                f"{t[c].f1:.3f} (P {t[c].precision:.3f} R {t[c].recall:.3f}, {t[c].gold} gold)"
                for c in CATEGORIES
            )
            + " |"
        )
    table = "\n".join(lines)
    print(table)
    print(f"\n{len(results)} documents in {seconds:.1f} s")
    RESULTS.mkdir(parents=True, exist_ok=True)
    per_doc = [
        {
            "name": r.name,
            "half": r.half,
            "entries": [r.entries_found, r.entries_gold],
            "municipality_right": r.municipality_right,
            **{
                c: {
                    "f1": round(r.scores[c].f1, 4),
                    "gold": r.scores[c].gold,
                    "found": r.scores[c].found,
                    "right": r.scores[c].right,
                }
                for c in CATEGORIES
            },
        }
        for r in results
    ]
    (RESULTS / "analysis_accuracy.json").write_text(
        json.dumps({"halves": summary, "documents": per_doc}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    (RESULTS / "analysis_accuracy.md").write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
