"""Mutated sample PDFs (truncated, bytes flipped, objects deleted, xref damaged) never crash.

Every mutant either converts to a schema-valid document or fails with a known input error
code, never ``internal``. ``bench/fuzz.py --n 10000`` runs the same at scale.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

from .conftest import SAMPLES
from .fuzz_support import CODES, mutations, run_mutant

SEED = 5
N = 240  # about 25 s on 2 cores


def test_mutated_samples_fail_with_known_codes() -> None:
    sources = sorted((SAMPLES / "pdf").glob("*.pdf"))
    mutants = list(mutations(sources, N, SEED))
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(run_mutant, [data for _, _, data in mutants], chunksize=8))
    outcomes = Counter(outcome for outcome, _ in results)
    bad = [
        (i, name, kind, outcome, detail)
        for i, ((name, kind, _), (outcome, detail)) in enumerate(zip(mutants, results, strict=True))
        if outcome not in CODES | {"ok"}
    ]
    assert not bad, bad
    # The mutations must reach both the readers' errors and the stages after them.
    assert outcomes["damaged"] > 0 and outcomes["ok"] > 0, outcomes
