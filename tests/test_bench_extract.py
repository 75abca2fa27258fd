"""bench/extract.py's loading and scoring helpers on one small case (nothing is timed)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType

from shinkyu.extract.text import squeeze

from .conftest import ROOT, SAMPLES

CASE = SAMPLES / "cases" / "two-tables"


def _bench() -> ModuleType:
    name = "bench_extract"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "extract.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


def _cases(tmp_path: Path) -> Path:
    """A cases folder: the case as it is (no layout: ruled), and a held-out unruled copy."""
    cases = tmp_path / "cases"
    (cases / "heldout").mkdir(parents=True)
    shutil.copy(CASE.with_suffix(".pdf"), cases / "two-tables.pdf")
    shutil.copy(CASE.with_suffix(".json"), cases / "two-tables.json")
    case = json.loads(CASE.with_suffix(".json").read_text(encoding="utf-8"))
    case["layout"] = "unruled"
    for e in case["entries"]:
        e["table"] = 0  # held-out cases may say which table an entry is in: not a cell
    (cases / "heldout" / "copy.json").write_text(json.dumps(case), encoding="utf-8")
    shutil.copy(CASE.with_suffix(".pdf"), cases / "heldout" / "copy.pdf")
    (cases / "half-written.pdf").write_bytes(b"")  # no JSON yet: skipped, with a note
    return cases


def test_load_cases_groups_and_cells(tmp_path: Path) -> None:
    bench = _bench()
    samples, notes = bench.load_cases(_cases(tmp_path))
    assert [(s.name, s.group, s.hidden) for s in samples] == [
        ("two-tables", "ruled", False),
        ("heldout/copy", "heldout-unruled", True),
    ]
    assert notes == ["skipped half-written: no half-written.json"]
    s = samples[0]
    # two entries with before/after/reason, two (second table) with before/after only
    roles = ("before", "after", "reason")
    assert (s.pages, len(s.reference), s.cells, s.roles) == (2, 4, 10, roles)
    assert s.marked_cells == 10  # each case cell lists its underlines and colours
    assert sorted(samples, key=lambda x: bench.group_order(x.group))[0].group == "ruled"


def test_scoring(tmp_path: Path) -> None:
    bench = _bench()
    case = json.loads(CASE.with_suffix(".json").read_text(encoding="utf-8"))
    shown, hidden = bench.load_cases(_cases(tmp_path))[0]
    entries = [
        {r: (e.get(r) or {}).get("text", "") for r in bench.ROLE_ORDER} for e in case["entries"]
    ]
    for e, x in zip(entries, case["entries"], strict=True):
        for r in bench.ROLE_ORDER:
            for k in bench.MARKS:
                e[f"{r}:{k}"] = "\n".join(squeeze(t) for t in (x.get(r) or {}).get(k, []))

    out = bench.Outcome()
    bench.score_shinkyu(shown, entries, out)
    assert (out.cells_right, out.entries, out.missed, out.marks_right) == (10, 4, [], 10)

    entries[1]["after"] += "X"
    out = bench.Outcome()
    bench.score_shinkyu(shown, entries, out)
    assert out.cells_right == 9 and out.missed == ["e2.after"]
    assert len(out.diffs) == 1 and "{+X+}" in out.diffs[0]

    entries[0]["before:underlines"] += "\nspurious"  # one cell's marks wrong, its text right
    out = bench.Outcome()
    bench.score_shinkyu(shown, entries, out)
    assert (out.cells_right, out.marks_right) == (9, 9)
    assert out.diffs[-1] == "e1.before: marks differ"
    entries[0]["before:underlines"] = entries[0]["before:underlines"].rsplit("\n", 1)[0]
    out = bench.Outcome()
    bench.score_shinkyu(hidden, entries, out)
    assert out.missed == ["e2.after"] and out.diffs == []  # held out: no diffs

    # A baseline that splits e1's before cell over two rows of its first column.
    before = case["entries"][0]["before"]["text"]
    cut = len(before) // 2
    table = [
        ["hdr", "x"],
        [before[:cut], "y"],
        [before[cut:] + "\n", case["entries"][0]["after"]["text"]],
    ]
    out = bench.Outcome()
    bench.score_baseline(shown, [table], out)
    assert (out.cells_right, out.cells_joined) == (1, 2)
    assert "e1.before" in out.missed and "e1.after" not in out.missed


def test_joins_to() -> None:
    bench = _bench()
    col = ["ab", "", "cd", "ef"]
    assert bench.joins_to("abcd", col) and bench.joins_to("cdef", col) and bench.joins_to("ef", col)
    assert not bench.joins_to("bcd", col)  # starts inside a cell
    assert not bench.joins_to("abc", col)  # ends inside a cell
    assert not bench.joins_to("abef", col)  # not consecutive
    assert bench.joins_to("", col) and not bench.joins_to("", ["a"])
    assert bench.table_columns([["a", "b"], ["c"]]) == [["a", "c"], ["b", ""]]
