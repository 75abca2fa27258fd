"""Conversions from several threads of one process give what one thread gives.

spaCy pipelines (and the Sudachi tokenizer inside GiNZA) and PDFium are not thread-safe;
shinkyu takes turns on them (``NLP_LOCK``, ``PDFIUM_LOCK``). Dask workers run threads.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import shinkyu

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [
    ROOT / "samples" / "cases" / "unruled-plan-lo.pdf",
    ROOT / "samples" / "pdf" / "ordinance-fees-portrait.pdf",
    ROOT / "samples" / "cases" / "aligned-tourism-plan.pdf",
    ROOT / "samples" / "cases" / "two-tables.pdf",
]


def _json(path: Path) -> str:
    doc = shinkyu.convert(path)
    return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


@pytest.mark.slow
def test_four_threads_ten_conversions_each_match_one_thread() -> None:
    alone = {p: _json(p) for p in INPUTS}  # one thread, one at a time
    jobs = [INPUTS[(t + k) % len(INPUTS)] for t in range(4) for k in range(10)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(_json, jobs))
    assert len(got) == 40
    for path, text in zip(jobs, got, strict=True):
        assert text == alone[path], path.name


def test_the_time_limit_holds_in_a_thread_too() -> None:
    """No timer runs outside the main thread (a Dask worker's threads): the deadline is
    checked between pages and entries instead."""
    from shinkyu.schemas.errors import ConversionTimeoutError

    pdf = ROOT / "samples" / "pdf" / "sunagawa-landscape-mincho.pdf"
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(shinkyu.convert, pdf, analysis=False, timeout=0.01)
        with pytest.raises(ConversionTimeoutError):
            future.result()
        assert pool.submit(shinkyu.convert, pdf, analysis=False).result().entries  # no limit left
