"""Fuzz the readers at scale: mutate the sample PDFs and convert every mutant.

Run as ``python bench/fuzz.py [--n 10000] [--seed 1] [--workers 2] [--reader pdfium]``.

The mutations (truncation, byte flips, deleted objects, damaged xref) and the per-mutant
check are those of ``tests/test_fuzz.py`` (``tests/fuzz_support.py``). Prints the count of
each outcome (``ok`` or an error code) per mutation kind, then every mutant that ended
otherwise (``internal``, ``invalid``, ``hang``, ``unhandled:...``), grouped by the exception
that caused it, and saves one mutant per group under ``bench/results/fuzz/`` to reproduce.
Exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz_support import CODES, KINDS, mutations, run_mutant  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "fuzz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000, help="mutants (default 10000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--reader", choices=("pdfium", "pdfminer"), default="pdfium")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per mutant (hang)")
    args = ap.parse_args()

    import logging

    logging.disable(logging.WARNING)  # pdfminer logs every oddity of a broken file
    sources = sorted((ROOT / "samples" / "pdf").glob("*.pdf"))
    t0 = time.perf_counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    odd: dict[tuple[str, str], list[tuple[int, str, str, bytes]]] = defaultdict(list)
    run = partial(run_mutant, reader=args.reader, timeout=args.timeout)
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(args.workers, mp_context=ctx) as pool:
        mutants = mutations(sources, args.n, args.seed)
        batch = 256
        done = 0
        while True:
            chunk = [m for _, m in zip(range(batch), mutants, strict=False)]
            if not chunk:
                break
            results = pool.map(run, [data for _, _, data in chunk], chunksize=8)
            for (name, kind, data), (outcome, detail) in zip(chunk, results, strict=True):
                by_kind[kind][outcome] += 1
                if outcome not in CODES and outcome != "ok":
                    odd[(outcome, detail.split(":")[0])].append((done, name, kind, data))
                done += 1
            print(f"\r{done}/{args.n} mutants", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    seconds = time.perf_counter() - t0

    outcomes = sorted({o for c in by_kind.values() for o in c})
    width = max(len(o) for o in [*outcomes, "outcome"])
    print(
        f"{args.n} mutants of {len(sources)} samples, seed {args.seed}, reader {args.reader}, "
        f"{seconds:.0f} s on {args.workers} workers"
    )
    print(f"{'outcome':<{width}} " + " ".join(f"{k:>13}" for k in KINDS) + f" {'total':>7}")
    for o in outcomes:
        row = [by_kind[k][o] for k in KINDS]
        print(f"{o:<{width}} " + " ".join(f"{n:>13}" for n in row) + f" {sum(row):>7}")
    if not odd:
        print("no internal error, no unhandled exception")
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    for (outcome, cause), items in odd.items():
        i, name, kind, data = items[0]
        keep = RESULTS / f"{outcome.replace(':', '-')}-{i}.pdf"
        keep.write_bytes(data)
        print(f"{outcome} ({cause}): {len(items)} mutants, e.g. #{i} {kind} of {name} -> {keep}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
