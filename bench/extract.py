"""Extraction benchmark: shinkyu against bare pdfplumber and camelot, in one run.

Run as ``python bench/extract.py [--samples samples/manifest.json] [--repeat N] [-v]``.

For every sample of the manifest it times four extractors (wall clock, best of ``--repeat``):

* ``shinkyu-plumber``  ``shinkyu.extract.extract_pdf`` with the default (pdfplumber) engine;
* ``shinkyu-camelot``  ``shinkyu.api.convert(table_engine="camelot", analysis=False)``
  (extraction only; camelot's grid cache is cleared before every run, so each run pays
  for camelot);
* ``pdfplumber``       a bare ``page.extract_tables()`` on every page;
* ``camelot``          a bare ``camelot.read_pdf(path, pages="all", flavor="lattice")``;

and counts the reference cells (before/after/reason of every expected entry; before/after
only when the sample has no reason column) each reproduces exactly, compared in
``squeeze`` form (NFKC, all whitespace removed). shinkyu is compared entry by entry and role
by role. The baselines know nothing of logical rows or roles, so for them a reference cell
counts as right when ANY single cell they returned squeezes to the same string.

Prints a table per sample and a total, and writes the figures to
``bench/results/extract.json``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import platform
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MANIFEST = ROOT / "samples" / "manifest.json"
RESULTS = ROOT / "bench" / "results" / "extract.json"
ROLE_ORDER = ("before", "after", "reason")
SHINKYU_TOOLS = ("shinkyu-plumber", "shinkyu-camelot")
BASELINES = ("pdfplumber", "camelot")
TOOLS = SHINKYU_TOOLS + BASELINES


@dataclass(frozen=True)
class Sample:
    name: str
    pdf: Path
    roles: tuple[str, ...]
    reference: list[dict[str, str]]  # per expected entry: role -> squeezed text
    pages: int


@dataclass
class Outcome:
    seconds: float | None = None
    cells_right: int = 0
    entries: int | None = None  # shinkyu only
    missed: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    error: str | None = None


# -- samples ---------------------------------------------------------------------------------


def _resolve(base: Path, rel: str) -> Path:
    for cand in (base / rel, ROOT / rel, Path(rel)):
        if cand.exists():
            return cand
    raise SystemExit(f"{rel}: not found next to the manifest ({base}) nor in {ROOT}")


def load_samples(manifest: Path) -> list[Sample]:
    import pdfplumber
    from shinkyu.extract.text import squeeze

    if not manifest.exists():
        raise SystemExit(f"{manifest} not found: build the samples first (make samples)")
    base = manifest.parent
    out = []
    for item in json.loads(manifest.read_text(encoding="utf-8")):
        pdf = _resolve(base, item["pdf"])
        expected = json.loads(_resolve(base, item["expected"]).read_text(encoding="utf-8"))
        printed = {c["role"] for c in item["columns"]}
        roles = tuple(r for r in ROLE_ORDER if r in printed)
        reference = [
            {r: squeeze((e.get(r) or {}).get("text") or "") for r in roles}
            for e in expected["entries"]
        ]
        with pdfplumber.open(pdf) as doc:
            pages = len(doc.pages)
        out.append(Sample(pdf.stem, pdf, roles, reference, pages))
    return out


# -- extractors: each returns what is compared -----------------------------------------------


def run_shinkyu_plumber(pdf: Path) -> list[dict[str, str]]:
    from shinkyu.extract import ExtractSettings, extract_pdf

    return _entries(extract_pdf(pdf, ExtractSettings()))


def run_shinkyu_camelot(pdf: Path) -> list[dict[str, str]]:
    from shinkyu.extract.camelot_engine import clear_cache

    from shinkyu.api import convert

    clear_cache()  # time camelot itself, not the cache
    # Extraction only, like shinkyu-plumber: convert() runs the analysis stage by default.
    return _entries(convert(pdf, table_engine="camelot", analysis=False))


def _entries(doc: Any) -> list[dict[str, str]]:
    return [
        {r: (getattr(e, r).text if getattr(e, r) is not None else "") for r in ROLE_ORDER}
        for e in doc.entries
    ]


def run_pdfplumber(pdf: Path) -> list[str]:
    import pdfplumber

    cells: list[str] = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for table in page.extract_tables():
                cells += [c or "" for row in table for c in row]
            page.close()
    return cells


def run_camelot(pdf: Path) -> list[str]:
    import camelot

    tables = camelot.read_pdf(str(pdf), pages="all", flavor="lattice")
    return [str(c) for t in tables for row in t.data for c in row]


RUNNERS: dict[str, Callable[[Path], Any]] = {
    "shinkyu-plumber": run_shinkyu_plumber,
    "shinkyu-camelot": run_shinkyu_camelot,
    "pdfplumber": run_pdfplumber,
    "camelot": run_camelot,
}


# -- scoring ---------------------------------------------------------------------------------


def short_diff(want: str, got: str, context: int = 12) -> str:
    """The first differing stretch of two squeezed strings, with a little context."""
    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            lead = want[max(0, i1 - context) : i1]
            return (
                f"…{lead}[-{want[i1:i2][:40]}-]{{+{got[j1:j2][:40]}+}}"
                f"{want[i2 : i2 + context]}…  (len {len(want)} vs {len(got)})"
            )
    return ""


def score_shinkyu(sample: Sample, entries: list[dict[str, str]], out: Outcome) -> None:
    from shinkyu.extract.text import squeeze

    out.entries = len(entries)
    for i, ref in enumerate(sample.reference):
        for role in sample.roles:
            got = squeeze(entries[i][role]) if i < len(entries) else None
            if got == ref[role]:
                out.cells_right += 1
            else:
                out.missed.append(f"e{i + 1}.{role}")
                out.diffs.append(f"e{i + 1}.{role}: " + short_diff(ref[role], got or ""))


def score_baseline(sample: Sample, cells: Iterable[str], out: Outcome) -> None:
    from shinkyu.extract.text import squeeze

    found = {squeeze(c) for c in cells}
    for i, ref in enumerate(sample.reference):
        for role in sample.roles:
            if ref[role] in found:
                out.cells_right += 1
            else:
                out.missed.append(f"e{i + 1}.{role}")


def measure(sample: Sample, tool: str, repeat: int) -> Outcome:
    out = Outcome()
    best = float("inf")
    result: Any = None
    try:
        for _ in range(repeat):
            t0 = time.perf_counter()
            result = RUNNERS[tool](sample.pdf)
            best = min(best, time.perf_counter() - t0)
    except Exception as e:  # a tool failing on a sample is a result, not a crash
        out.error = f"{type(e).__name__}: {e}"
        return out
    out.seconds = best
    if tool in SHINKYU_TOOLS:
        score_shinkyu(sample, result, out)
    else:
        score_baseline(sample, result, out)
    return out


# -- report ----------------------------------------------------------------------------------


def per_page(seconds: float | None, pages: int) -> float | None:
    return None if seconds is None or not pages else seconds / pages


def _fmt_s(v: float | None) -> str:
    return "   error" if v is None else f"{v:8.3f}"


def print_sample(sample: Sample, outcomes: dict[str, Outcome], verbose: bool) -> None:
    cells = len(sample.reference) * len(sample.roles)
    print(
        f"\n{sample.name}  ({sample.pages} pages, {len(sample.reference)} entries, "
        f"{cells} cells: {'/'.join(sample.roles)})"
    )
    print(f"  {'tool':<17}{'s/page':>8}  {'cells':>7}  {'entries':>7}  missed")
    for tool, o in outcomes.items():
        ent = "-" if o.entries is None else f"{o.entries}/{len(sample.reference)}"
        miss = o.error or (", ".join(o.missed) if len(o.missed) <= 8 else f"{len(o.missed)} cells")
        print(
            f"  {tool:<17}{_fmt_s(per_page(o.seconds, sample.pages))}  "
            f"{o.cells_right:>3}/{cells:<3}  {ent:>7}  {miss}"
        )
        if verbose:
            for d in o.diffs:
                print(f"      {d}")


def totals(samples: list[Sample], results: list[dict[str, Outcome]]) -> dict[str, Any]:
    pages = sum(s.pages for s in samples)
    cells = sum(len(s.reference) * len(s.roles) for s in samples)
    tot: dict[str, Any] = {"pages": pages, "cells": cells, "tools": {}}
    for tool in TOOLS:
        secs = [r[tool].seconds for r in results]
        ok = all(s is not None for s in secs)
        seconds = sum(s for s in secs if s is not None)
        tot["tools"][tool] = {
            "seconds": seconds if ok else None,
            "seconds_per_page": per_page(seconds, pages) if ok else None,
            "cells_right": sum(r[tool].cells_right for r in results),
            "errors": sum(r[tool].error is not None for r in results),
        }
    tot["ratios"] = {
        f"{a}/{b}": _ratio(tot["tools"][a]["seconds"], tot["tools"][b]["seconds"])
        for a in SHINKYU_TOOLS
        for b in BASELINES
    }
    return tot


def _ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def print_totals(tot: dict[str, Any]) -> None:
    print(f"\nTOTAL  ({tot['pages']} pages, {tot['cells']} cells)")
    print(f"  {'tool':<17}{'s/page':>8}  {'cells':>9}  {'%':>5}")
    for tool, t in tot["tools"].items():
        pct = 100 * t["cells_right"] / tot["cells"] if tot["cells"] else 0.0
        err = f"  ({t['errors']} samples failed)" if t["errors"] else ""
        print(
            f"  {tool:<17}{_fmt_s(t['seconds_per_page'])}  "
            f"{t['cells_right']:>4}/{tot['cells']:<4}  {pct:5.1f}{err}"
        )
    print("  time per page ratios:")
    for k, v in tot["ratios"].items():
        print(f"    {k:<30} {'n/a' if v is None else f'{v:.2f}x'}")


def to_json(
    samples: list[Sample], results: list[dict[str, Outcome]], tot: dict[str, Any], repeat: int
) -> dict[str, Any]:
    def outcome(o: Outcome, s: Sample) -> dict[str, Any]:
        return {
            "seconds": o.seconds,
            "seconds_per_page": per_page(o.seconds, s.pages),
            "cells_right": o.cells_right,
            "entries": o.entries,
            "missed": o.missed,
            "error": o.error,
        }

    return {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "repeat": repeat,
        "python": platform.python_version(),
        "versions": {p: _version(p) for p in ("shinkyu", "pdfplumber", "camelot-py", "pypdfium2")},
        "samples": [
            {
                "name": s.name,
                "pdf": str(s.pdf.relative_to(ROOT) if s.pdf.is_relative_to(ROOT) else s.pdf),
                "pages": s.pages,
                "entries": len(s.reference),
                "cells": len(s.reference) * len(s.roles),
                "tools": {t: outcome(r[t], s) for t in TOOLS},
            }
            for s, r in zip(samples, results, strict=True)
        ],
        "total": tot,
    }


def _version(dist: str) -> str | None:
    try:
        return version(dist)
    except Exception:
        return None


def warm_up() -> None:
    """Import every library before timing, so no tool pays for imports."""
    import camelot  # noqa: F401
    import cv2  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401
    import shinkyu.extract.camelot_engine

    import shinkyu.api  # noqa: F401


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--samples", type=Path, default=DEFAULT_MANIFEST, help="manifest.json")
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool, best time kept")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="show how shinkyu's misses differ")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    warm_up()
    samples = load_samples(args.samples)
    results: list[dict[str, Outcome]] = []
    for s in samples:
        outcomes = {tool: measure(s, tool, args.repeat) for tool in TOOLS}
        results.append(outcomes)
        print_sample(s, outcomes, args.verbose)
        sys.stdout.flush()
    tot = totals(samples, results)
    print_totals(tot)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    data = to_json(samples, results, tot, args.repeat)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
