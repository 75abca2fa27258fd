"""Extraction benchmark: shinkyu against bare pdfplumber and camelot, in one run.

Run as ``python bench/extract.py [--samples samples/manifest.json] [--cases samples/cases]
[--only-group GROUP] [--against REV] [--repeat N] [-v]``.

What is read, in groups (each group is totalled on its own, then all together):

* ``ruled-samples``  the samples of the manifest (``--samples``), expected cells in
  ``samples/expected``;
* ``ruled``, ``partly-ruled``, ``unruled``  the layout cases ``<cases>/<name>.pdf`` with
  ``<name>.json`` beside it, grouped by the case's ``"layout"`` (``"ruled"`` when absent);
* ``heldout-<layout>``  the held-out cases in ``<cases>/heldout/``. For these only counts are
  printed and written: no per-cell diffs, no list of missed cells, no error messages (only the
  error's type and code), so the bench teaches nobody the held-out content.

For every sample it times these extractors (wall clock, best of ``--repeat``; a tool that
raises is timed up to the raise, scores 0 there, and its error is shown):

* ``shinkyu-plumber``  ``shinkyu.extract.extract_pdf`` with the default (pdfplumber) engine;
* ``shinkyu-camelot``  ``shinkyu.api.convert(table_engine="camelot", analysis=False)``
  (extraction only; camelot's grid cache is cleared before every run, so each run pays
  for camelot);
* ``pdfplumber``       a bare ``page.extract_tables()`` (ruling lines) on every page;
* ``pdfplumber-text``  ``page.extract_tables({"vertical_strategy": "text",
  "horizontal_strategy": "text"})`` on every page, the pdfplumber way for unruled tables;
* ``camelot``          a bare ``camelot.read_pdf(path, pages="all", flavor="lattice")``;
* ``camelot-stream``   ``camelot.read_pdf(path, pages="all", flavor="stream")``;

and counts the reference cells (every role an expected entry has: label/before/after/reason,
or fewer where the table has fewer columns) each reproduces exactly, compared in
``squeeze`` form (NFKC, all whitespace removed). For the layout cases, whose expected cells
list their underlines and coloured runs, shinkyu also gets ``marks``: the cells whose
underlines and colours are all exactly right. shinkyu is compared entry by entry and role
by role. The baselines know nothing of logical rows or roles, so for them a reference cell
counts as right (``cells``) when ANY single cell they returned squeezes to the same string.
As text-strategy tables split one logical cell over many rows, the baselines get a second,
fairer figure (``joined``): a reference cell also counts when it equals the concatenation of
a contiguous run of rows of one column of one returned table (each cell squeezed, then
joined).

``--against REV`` also times ``extract_pdf`` of git revision REV (checked out in a temporary
``git worktree``, removed afterwards) on the ruled samples, in a subprocess; the working tree
is timed in the same kind of subprocess, the two alternating, best of ``--repeat`` per
sample, and the s/page ratio ``shinkyu-plumber / shinkyu@REV`` is reported.

Prints a table per sample, a total per group and an overall total, and writes the figures to
``bench/results/extract.json`` (``samples`` and ``total`` as before, now over every group
run; ``groups`` holds the per-group totals; ``against`` the revision comparison).
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from types import FrameType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MANIFEST = ROOT / "samples" / "manifest.json"
DEFAULT_CASES = ROOT / "samples" / "cases"
RESULTS = ROOT / "bench" / "results" / "extract.json"
ROLE_ORDER = ("label", "before", "after", "reason")
MARKS = ("underlines", "colors")
SHINKYU_TOOLS = ("shinkyu-plumber", "shinkyu-camelot")
BASELINES = ("pdfplumber", "pdfplumber-text", "camelot", "camelot-stream")
TOOLS = SHINKYU_TOOLS + BASELINES
SAMPLES_GROUP = "ruled-samples"
LAYOUTS = ("ruled", "partly-ruled", "unruled", "excel")
HELDOUT = "heldout"

Tables = list[list[list[str]]]  # what a baseline returns: tables of rows of cells


@dataclass(frozen=True)
class Sample:
    name: str
    pdf: Path
    roles: tuple[str, ...]  # the roles any entry has, in ROLE_ORDER
    reference: list[dict[str, str]]  # per expected entry: role -> squeezed text
    pages: int
    group: str = SAMPLES_GROUP
    # per expected entry: "role:underlines" / "role:colors" -> the squeezed mark texts, one a
    # line (cases only: their cells list their marks)
    marks: list[dict[str, str]] = field(default_factory=list)

    @property
    def cells(self) -> int:
        return sum(len(ref) for ref in self.reference)

    @property
    def marked_cells(self) -> int:
        """Cells whose marks are known (each counts once, underlines and colours together)."""
        return sum(len(m) // len(MARKS) for m in self.marks)

    @property
    def hidden(self) -> bool:
        """A held-out sample: report counts only."""
        return self.group.startswith(HELDOUT + "-")


@dataclass
class Outcome:
    seconds: float | None = None
    cells_right: int = 0
    cells_joined: int | None = None  # baselines only
    entries: int | None = None  # shinkyu only
    marks_right: int = 0  # shinkyu only: cells whose underlines and colours are all right
    missed: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    error: str | None = None


# -- samples and cases -----------------------------------------------------------------------


def _resolve(base: Path, rel: str) -> Path:
    for cand in (base / rel, ROOT / rel, Path(rel)):
        if cand.exists():
            return cand
    raise SystemExit(f"{rel}: not found next to the manifest ({base}) nor in {ROOT}")


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return len(doc.pages)


def load_samples(manifest: Path) -> list[Sample]:
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
        out.append(Sample(pdf.stem, pdf, roles, reference, _pages(pdf)))
    return out


def case_sample(name: str, pdf: Path, case: dict[str, Any], heldout: bool) -> Sample:
    """One layout case: every role an entry carries is a reference cell (``table`` is not)."""
    from shinkyu.extract.text import squeeze

    reference = [
        {
            r: squeeze(e[r] if isinstance(e[r], str) else e[r].get("text") or "")
            for r in ROLE_ORDER
            if isinstance(e.get(r), dict | str)  # a label cell is its text
        }
        for e in case["entries"]
    ]
    marks = [
        {
            f"{r}:{k}": "\n".join(squeeze(t) for t in e[r].get(k) or [])
            for r in ROLE_ORDER
            if isinstance(e.get(r), dict)
            for k in MARKS
        }
        for e in case["entries"]
    ]
    printed = {c["role"] for c in case.get("columns", [])}
    roles = tuple(r for r in ROLE_ORDER if r in printed or any(r in ref for ref in reference))
    layout = case.get("layout") or "ruled"
    group = f"{HELDOUT}-{layout}" if heldout else str(layout)
    return Sample(name, pdf, roles, reference, _pages(pdf), group, marks)


def load_cases(folder: Path) -> tuple[list[Sample], list[str]]:
    """The cases of ``folder`` and ``folder/heldout``, and notes on what was skipped or odd."""
    if not folder.is_dir():
        raise SystemExit(f"{folder}: no such cases folder")
    out: list[Sample] = []
    notes: list[str] = []
    for sub, heldout in ((folder, False), (folder / HELDOUT, True)):
        if not sub.is_dir():
            continue
        stems = sorted({p.stem for p in sub.glob("*.json")} | {p.stem for p in sub.glob("*.pdf")})
        for stem in stems:
            name = f"{HELDOUT}/{stem}" if heldout else stem
            pdf, js = sub / f"{stem}.pdf", sub / f"{stem}.json"
            if not pdf.exists() or not js.exists():
                notes.append(f"skipped {name}: no {(js if pdf.exists() else pdf).name}")
                continue
            try:
                case = json.loads(js.read_text(encoding="utf-8"))
                sample = case_sample(name, pdf, case, heldout)
            except Exception as e:  # a case being written right now must not stop the bench
                why = type(e).__name__ if heldout else f"{type(e).__name__}: {e}"
                notes.append(f"skipped {name}: {why}")
                continue
            if sample.group.removeprefix(HELDOUT + "-") not in LAYOUTS:
                notes.append(f"{name}: unknown layout, grouped as {sample.group!r}")
            out.append(sample)
    return out, notes


def group_order(group: str) -> tuple[bool, int, str]:
    """ruled-samples, ruled, partly-ruled, unruled, (other layouts), then the held-out ones."""
    heldout = group.startswith(HELDOUT + "-")
    layout = group.removeprefix(HELDOUT + "-")
    known = (SAMPLES_GROUP, *LAYOUTS)
    return heldout, known.index(layout) if layout in known else len(known), group


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
    """Per entry: role -> text, and "role:underlines" / "role:colors" -> squeezed mark texts."""
    from shinkyu.extract.text import squeeze

    out = []
    for e in doc.entries:
        row: dict[str, str] = {}
        for r in ROLE_ORDER:
            cell = getattr(e, r)
            row[r] = cell.text if cell is not None else ""
            for k, kind in zip(MARKS, ("underline", "color"), strict=True):
                marks = cell.marks if cell is not None else []
                row[f"{r}:{k}"] = "\n".join(squeeze(m.text) for m in marks if m.kind == kind)
        out.append(row)
    return out


def _plumber_tables(pdf: Path, settings: dict[str, Any] | None) -> Tables:
    import pdfplumber

    tables: Tables = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for table in page.extract_tables(settings):
                tables.append([[c or "" for c in row] for row in table])
            page.close()
    return tables


def run_pdfplumber(pdf: Path) -> Tables:
    return _plumber_tables(pdf, None)


def run_pdfplumber_text(pdf: Path) -> Tables:
    return _plumber_tables(pdf, {"vertical_strategy": "text", "horizontal_strategy": "text"})


def _camelot_tables(pdf: Path, flavor: str) -> Tables:
    from camelot.io import read_pdf

    with warnings.catch_warnings():  # "no tables found on page-N" and the like
        warnings.simplefilter("ignore")
        tables = read_pdf(str(pdf), pages="all", flavor=flavor)
    return [[[str(c) for c in row] for row in t.data] for t in tables]


def run_camelot(pdf: Path) -> Tables:
    return _camelot_tables(pdf, "lattice")


def run_camelot_stream(pdf: Path) -> Tables:
    return _camelot_tables(pdf, "stream")


RUNNERS: dict[str, Callable[[Path], Any]] = {
    "shinkyu-plumber": run_shinkyu_plumber,
    "shinkyu-camelot": run_shinkyu_camelot,
    "pdfplumber": run_pdfplumber,
    "pdfplumber-text": run_pdfplumber_text,
    "camelot": run_camelot,
    "camelot-stream": run_camelot_stream,
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
        for role, want in ref.items():
            got = squeeze(entries[i][role]) if i < len(entries) else None
            if got == want:
                out.cells_right += 1
                continue
            out.missed.append(f"e{i + 1}.{role}")
            if not sample.hidden:
                out.diffs.append(f"e{i + 1}.{role}: " + short_diff(want, got or ""))
    for i, ref_marks in enumerate(sample.marks):
        for role in {k.split(":")[0] for k in ref_marks}:
            keys = [f"{role}:{k}" for k in MARKS]
            if i < len(entries) and all(entries[i].get(k) == ref_marks[k] for k in keys):
                out.marks_right += 1
            elif not sample.hidden:
                out.diffs.append(f"e{i + 1}.{role}: marks differ")


def table_columns(table: list[list[str]]) -> list[list[str]]:
    """The columns of a (possibly ragged) table, short rows padded with empty cells."""
    width = max((len(row) for row in table), default=0)
    return [[row[j] if j < len(row) else "" for row in table] for j in range(width)]


def joins_to(want: str, column: list[str]) -> bool:
    """Whether ``want`` is the concatenation of one or more consecutive cells of ``column``.

    Cells are compared as given (the caller squeezes them; squeezing each cell then joining
    equals squeezing the join, but for a combining mark at the start of a cell).
    """
    if not want:
        return "" in column
    text = "".join(column)
    bounds = set(itertools.accumulate((len(c) for c in column), initial=0))
    pos = text.find(want)
    while pos != -1:
        if pos in bounds and pos + len(want) in bounds:
            return True
        pos = text.find(want, pos + 1)
    return False


def score_baseline(sample: Sample, tables: Tables, out: Outcome) -> None:
    from shinkyu.extract.text import squeeze

    columns = [[squeeze(c) for c in col] for t in tables for col in table_columns(t)]
    found = {c for col in columns for c in col}
    out.cells_joined = 0
    for i, ref in enumerate(sample.reference):
        for role, want in ref.items():
            if want in found:
                out.cells_right += 1
                out.cells_joined += 1
                continue
            out.missed.append(f"e{i + 1}.{role}")
            if any(joins_to(want, col) for col in columns):
                out.cells_joined += 1


def error_text(e: BaseException, hidden: bool) -> str:
    """The error as shown: in full, or for a held-out sample only its type and code."""
    if not hidden:
        return f"{type(e).__name__}: {e}"
    code = getattr(e, "code", None)
    return type(e).__name__ + (f" [{code}]" if isinstance(code, str) else "")


def measure(sample: Sample, tool: str, repeat: int) -> Outcome:
    out = Outcome()
    best = float("inf")
    result: Any = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        try:
            result = RUNNERS[tool](sample.pdf)
        except Exception as e:  # a tool failing on a sample is a result, not a crash
            out.seconds = time.perf_counter() - t0
            out.error = error_text(e, sample.hidden)
            if tool in BASELINES:
                out.cells_joined = 0
            return out
        best = min(best, time.perf_counter() - t0)
    out.seconds = best
    if tool in SHINKYU_TOOLS:
        score_shinkyu(sample, result, out)
    else:
        score_baseline(sample, result, out)
    return out


# -- against a git revision ------------------------------------------------------------------

# Run in a fresh interpreter whose sys.path starts with a package layout of one tree:
# argv = out.json, tree root, pdf...; one untimed warm-up extraction, then one timed pass.
HARNESS = r"""
import json, sys, time
from pathlib import Path

out, tree, pdfs = sys.argv[1], Path(sys.argv[2]).resolve(), sys.argv[3:]
import shinkyu
import shinkyu.extract
from shinkyu.extract import extract_pdf

for mod in (shinkyu, shinkyu.extract):
    where = Path(mod.__file__).resolve()
    if not where.is_relative_to(tree):
        raise SystemExit(f"{mod.__name__} imported from {where}, not from {tree}")


def entries(doc):
    return [
        {r: (getattr(e, r).text if getattr(e, r, None) is not None else "")
         for r in ("before", "after", "reason")}
        for e in doc.entries
    ]


try:
    extract_pdf(pdfs[0])  # warm-up: lazy imports, font and glyph caches
except Exception:
    pass
res = []
for pdf in pdfs:
    t0 = time.perf_counter()
    try:
        doc, err = extract_pdf(pdf), None
    except Exception as e:
        doc, err = None, f"{type(e).__name__}: {e}"
    dt = time.perf_counter() - t0
    res.append({"seconds": dt, "error": err, "entries": None if doc is None else entries(doc)})
Path(out).write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
"""


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def package_layout(tree: Path, dest: Path) -> Path:
    """A directory to put on sys.path so that ``import shinkyu`` imports ``tree``'s code.

    Follows the tree's own setuptools ``package-dir`` (``shinkyu.extract`` = ``extract/`` …)
    with symlinks, as it would be installed; without one the tree (or its ``src/``) is used.
    """
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    pyproject = tree / "pyproject.toml"
    conf = tomllib.loads(pyproject.read_text(encoding="utf-8")) if pyproject.exists() else {}
    mapping: dict[str, str] = conf.get("tool", {}).get("setuptools", {}).get("package-dir", {})
    if "shinkyu" not in mapping:
        return tree / "src" if (tree / "src" / "shinkyu").is_dir() else tree
    pkg = dest / "shinkyu"
    pkg.mkdir(parents=True)
    for f in (tree / mapping["shinkyu"]).iterdir():
        (pkg / f.name).symlink_to(f)
    for name, folder in mapping.items():
        if name.startswith("shinkyu."):
            link = pkg.joinpath(*name.split(".")[1:])
            if link.is_symlink():
                link.unlink()
            link.symlink_to((tree / folder).resolve(), target_is_directory=True)
    return dest


@contextmanager
def worktree(rev: str) -> Iterator[tuple[str, Path]]:
    """A detached temporary ``git worktree`` of ``rev``; removed on exit, error or Ctrl-C."""
    try:
        commit = _git("rev-parse", "--verify", f"{rev}^{{commit}}")
    except SystemExit:
        raise SystemExit(f"--against {rev}: not a commit in {ROOT}") from None
    tmp = Path(tempfile.mkdtemp(prefix="shinkyu-against-"))
    tree = tmp / "tree"
    try:
        _git("worktree", "add", "--detach", "--quiet", str(tree), commit)
        yield commit, tmp
    finally:
        subprocess.run(
            ["git", "worktree", "remove", "--force", str(tree)],
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True, check=False)


def _harness_pass(layout: Path, tree: Path, pdfs: list[Path], out: Path) -> list[dict[str, Any]]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(layout)
    cmd = [sys.executable, "-c", HARNESS, str(out), str(tree), *map(str, pdfs)]
    done = subprocess.run(cmd, cwd=layout, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{tree}: the timing harness failed:\n{done.stderr.strip()[-2000:]}")
    res: list[dict[str, Any]] = json.loads(out.read_text(encoding="utf-8"))
    return res


def time_against(
    rev: str, samples: list[Sample], repeat: int, others: Sequence[Sample] = ()
) -> dict[str, Any]:
    """``extract_pdf`` of the working tree and of ``rev`` on ``samples``, same harness.

    ``others`` (the layout cases) are read once by ``rev``, untimed, for its cells per group:
    what the revision read of the layouts added since.
    """
    pdfs = [s.pdf for s in samples]
    with worktree(rev) as (commit, tmp):
        trees = {"current": ROOT, "rev": tmp / "tree"}
        layouts = {k: package_layout(t, tmp / f"layout-{k}") for k, t in trees.items()}
        rev_groups: dict[str, list[int]] = {}
        if others:
            res = _harness_pass(
                layouts["rev"], trees["rev"], [s.pdf for s in others], tmp / "others.json"
            )
            for s, r in zip(others, res, strict=True):
                o = Outcome(seconds=None, error=r["error"])
                if r["entries"] is not None:
                    score_shinkyu(s, r["entries"], o)
                right, cells = rev_groups.setdefault(s.group, [0, 0])
                rev_groups[s.group] = [right + o.cells_right, cells + s.cells]
        best: dict[str, list[float]] = {k: [float("inf")] * len(samples) for k in trees}
        last: dict[str, list[dict[str, Any]]] = {}
        for i in range(repeat):  # alternate the order so drift on the machine hits both
            for k in ("current", "rev") if i % 2 == 0 else ("rev", "current"):
                res = _harness_pass(layouts[k], trees[k], pdfs, tmp / f"{k}.json")
                best[k] = [min(b, r["seconds"]) for b, r in zip(best[k], res, strict=True)]
                last[k] = res
    pages = sum(s.pages for s in samples)
    side: dict[str, Any] = {}
    for k in ("current", "rev"):
        outs = []
        for s, r in zip(samples, last[k], strict=True):
            o = Outcome(seconds=None, error=r["error"])
            if r["entries"] is not None:
                score_shinkyu(s, r["entries"], o)
            outs.append(o)
        seconds = sum(best[k])
        side[k] = {
            "seconds": seconds,
            "seconds_per_page": per_page(seconds, pages),
            "cells_right": sum(o.cells_right for o in outs),
            "errors": sum(o.error is not None for o in outs),
        }
    return {
        "rev": rev,
        "commit": commit,
        "group": SAMPLES_GROUP,
        "pages": pages,
        "cells": sum(s.cells for s in samples),
        "repeat": repeat,
        "current": side["current"],
        "at_rev": side["rev"],
        "ratio": _ratio(side["current"]["seconds"], side["rev"]["seconds"]),
        "cells_at_rev_by_group": {g: {"right": r, "cells": c} for g, (r, c) in rev_groups.items()},
    }


# -- report ----------------------------------------------------------------------------------


def per_page(seconds: float | None, pages: int) -> float | None:
    return None if seconds is None or not pages else seconds / pages


def _fmt_s(v: float | None) -> str:
    return "       -" if v is None else f"{v:8.3f}"


def _pct(n: int, of: int) -> str:
    return f"{100 * n / of:5.1f}" if of else "    -"


def print_sample(sample: Sample, outcomes: dict[str, Outcome], verbose: bool) -> None:
    cells = sample.cells
    print(
        f"\n{sample.name}  [{sample.group}]  ({sample.pages} pages, {len(sample.reference)} "
        f"entries, {cells} cells: {'/'.join(sample.roles)})"
    )
    print(f"  {'tool':<17}{'s/page':>8}  {'cells':>7}  {'joined':>7}  {'entries':>7}  missed")
    for tool, o in outcomes.items():
        ent = "-" if o.entries is None else f"{o.entries}/{len(sample.reference)}"
        joined = "-" if o.cells_joined is None else f"{o.cells_joined}/{cells}"
        if sample.hidden:  # counts only
            miss = o.error or (f"{len(o.missed)} cells" if o.missed else "")
        else:
            miss = o.error or (
                ", ".join(o.missed) if len(o.missed) <= 8 else f"{len(o.missed)} cells"
            )
        print(
            f"  {tool:<17}{_fmt_s(per_page(o.seconds, sample.pages))}  "
            f"{o.cells_right:>3}/{cells:<3}  {joined:>7}  {ent:>7}  {miss}"
        )
        if verbose and not sample.hidden:
            for d in o.diffs:
                print(f"      {d}")


def totals(samples: list[Sample], results: list[dict[str, Outcome]]) -> dict[str, Any]:
    pages = sum(s.pages for s in samples)
    cells = sum(s.cells for s in samples)
    tot: dict[str, Any] = {
        "samples": len(samples),
        "pages": pages,
        "cells": cells,
        "marked_cells": sum(s.marked_cells for s in samples),
        "tools": {},
    }
    for tool in TOOLS:
        secs = [r[tool].seconds for r in results]
        ok = all(s is not None for s in secs)
        seconds = sum(s for s in secs if s is not None)
        joined = [r[tool].cells_joined for r in results]
        tot["tools"][tool] = {
            "seconds": seconds if ok else None,
            "seconds_per_page": per_page(seconds, pages) if ok else None,
            "cells_right": sum(r[tool].cells_right for r in results),
            "cells_joined": None if tool in SHINKYU_TOOLS else sum(j or 0 for j in joined),
            "marks_right": sum(r[tool].marks_right for r in results)
            if tool in SHINKYU_TOOLS
            else None,
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


def print_totals(title: str, tot: dict[str, Any], ratios: bool) -> None:
    print(f"\n{title}  ({tot['samples']} samples, {tot['pages']} pages, {tot['cells']} cells)")
    print(f"  {'tool':<17}{'s/page':>8}  {'cells':>9}  {'%':>5}  {'joined':>9}  {'%':>5}")
    for tool, t in tot["tools"].items():
        n = tot["cells"]
        err = f"  ({t['errors']} samples failed)" if t["errors"] else ""
        joined = (
            f"{'-':>9}  {'':>5}"
            if t["cells_joined"] is None
            else f"{t['cells_joined']:>4}/{n:<4}  {_pct(t['cells_joined'], n)}"
        )
        m = tot.get("marked_cells") or 0
        marks = f"  marks {t['marks_right']}/{m}" if m and t.get("marks_right") is not None else ""
        print(
            f"  {tool:<17}{_fmt_s(t['seconds_per_page'])}  "
            f"{t['cells_right']:>4}/{n:<4}  {_pct(t['cells_right'], n)}  {joined}{marks}{err}"
        )
    if ratios:
        print("  time per page ratios:")
        for k, v in tot["ratios"].items():
            print(f"    {k:<34} {'n/a' if v is None else f'{v:.2f}x'}")


def print_against(a: dict[str, Any]) -> None:
    print(
        f"\nAGAINST {a['rev']} ({a['commit'][:12]}) on {a['group']} "
        f"({a['pages']} pages, {a['cells']} cells; separate processes, best of {a['repeat']})"
    )
    for label, k in (("shinkyu-plumber", "current"), (f"shinkyu@{a['rev']}", "at_rev")):
        t = a[k]
        err = f"  ({t['errors']} samples failed)" if t["errors"] else ""
        print(
            f"  {label:<24}{_fmt_s(t['seconds_per_page'])} s/page  "
            f"{t['cells_right']:>4}/{a['cells']:<4} cells{err}"
        )
    r = a["ratio"]
    print(f"  shinkyu-plumber/shinkyu@{a['rev']}: {'n/a' if r is None else f'{r:.2f}x'}")
    for g, c in a.get("cells_at_rev_by_group", {}).items():
        print(f"  cells read by shinkyu@{a['rev']} in {g:<22} {c['right']:>4}/{c['cells']}")


def to_json(
    samples: list[Sample],
    results: list[dict[str, Outcome]],
    tot: dict[str, Any],
    groups: dict[str, dict[str, Any]],
    repeat: int,
) -> dict[str, Any]:
    def outcome(o: Outcome, s: Sample) -> dict[str, Any]:
        return {
            "seconds": o.seconds,
            "seconds_per_page": per_page(o.seconds, s.pages),
            "cells_right": o.cells_right,
            "cells_joined": o.cells_joined,
            "marks_right": o.marks_right if s.marks else None,
            "entries": o.entries,
            "missed": None if s.hidden else o.missed,  # held out: the count only
            "missed_count": len(o.missed),
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
                "group": s.group,
                "pdf": str(s.pdf.relative_to(ROOT) if s.pdf.is_relative_to(ROOT) else s.pdf),
                "pages": s.pages,
                "entries": len(s.reference),
                "cells": s.cells,
                "tools": {t: outcome(r[t], s) for t in TOOLS},
            }
            for s, r in zip(samples, results, strict=True)
        ],
        "total": tot,
        "groups": groups,
    }


def _version(dist: str) -> str | None:
    try:
        return version(dist)
    except Exception:
        return None


def warm_up() -> None:
    """Import every library before timing, so no tool pays for imports."""
    import camelot.io  # noqa: F401
    import cv2  # noqa: F401
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401
    import shinkyu.extract.camelot_engine

    import shinkyu.api  # noqa: F401


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds, so a worktree of --against is removed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--samples", type=Path, default=DEFAULT_MANIFEST, help="manifest.json")
    ap.add_argument(
        "--cases", type=Path, default=DEFAULT_CASES, help="layout cases folder (and its heldout/)"
    )
    ap.add_argument("--only-group", metavar="GROUP", help="run one group (e.g. unruled)")
    ap.add_argument(
        "--against", metavar="REV", help="also time extract_pdf at git revision REV (ruled samples)"
    )
    ap.add_argument("--repeat", type=int, default=1, help="runs per tool, best time kept")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where to write the JSON")
    ap.add_argument("-v", "--verbose", action="store_true", help="show how shinkyu's misses differ")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be >= 1")
    signal.signal(signal.SIGTERM, _terminate)
    warm_up()
    ruled = load_samples(args.samples)
    cases, notes = load_cases(args.cases)
    for note in notes:
        print(f"note: {note}")
    samples = sorted(ruled + cases, key=lambda s: group_order(s.group))  # stable within a group
    if args.only_group:
        known = sorted({s.group for s in samples}, key=group_order)
        if args.only_group not in known:
            ap.error(f"--only-group {args.only_group}: no such group (have: {', '.join(known)})")
        samples = [s for s in samples if s.group == args.only_group]
    results: list[dict[str, Outcome]] = []
    for s in samples:
        outcomes = {tool: measure(s, tool, args.repeat) for tool in TOOLS}
        results.append(outcomes)
        print_sample(s, outcomes, args.verbose)
        sys.stdout.flush()
    groups: dict[str, dict[str, Any]] = {}
    for g, members in itertools.groupby(zip(samples, results, strict=True), lambda p: p[0].group):
        pairs = list(members)
        groups[g] = totals([s for s, _ in pairs], [r for _, r in pairs])
        print_totals(f"GROUP {g}", groups[g], ratios=False)
    tot = totals(samples, results)
    print_totals("TOTAL (all groups run)", tot, ratios=True)
    data = to_json(samples, results, tot, groups, args.repeat)
    data["skipped"] = notes
    data["against"] = None
    if args.against:
        sys.stdout.flush()
        others = [s for s in samples if s.group != SAMPLES_GROUP]
        data["against"] = time_against(args.against, ruled, args.repeat, others)
        print_against(data["against"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
