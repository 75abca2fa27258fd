"""Analysis accuracy against hand-written gold (``samples/corpus/<name>.gold.json``).

The gold format is documented in ``samples/corpus/README.md``. A converted
:class:`~shinkyu.schemas.model.Document` is turned into the same items (projects, KPIs,
target rows, dates), and each category is scored as multisets of keys: an item counts as
right only when every field of its key is right (entry, side, name or indicator, values in base
units, unit, year, qualifiers …). Strings are compared after NFKC with whitespace removed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shinkyu.schemas.model import Cell, Document, Kpi, Quantity

CATEGORIES = ("projects", "kpis", "targets", "dates")
SIDES = ("before", "after", "reason")
Key = tuple[Hashable, ...]


def norm(s: str | None) -> str | None:
    """NFKC without whitespace (and without a trailing 。), or None."""
    if s is None:
        return None
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s)).rstrip("。")


def _num(v: float | int | None) -> float | None:
    return None if v is None else round(float(v), 6)


def quantity_key(q: dict[str, Any] | Quantity | None) -> Key | None:
    """A quantity as compared: value, unit, year, every year, qualifier, upper value."""
    if q is None:
        return None
    d = q if isinstance(q, dict) else q.model_dump()
    return (
        _num(d.get("value")),
        norm(d.get("unit")),
        d.get("year"),
        bool(d.get("every_year")),
        norm(d.get("qualifier")),
        _num(d.get("value_max")),
    )


def _series_key(series: Iterable[dict[str, Any] | Quantity]) -> Key:
    out = []
    for s in series:
        d = s if isinstance(s, dict) else s.model_dump()
        out.append((d.get("year"), _num(d.get("value")), norm(d.get("unit"))))
    return tuple(out)


def gold_items(gold: dict[str, Any]) -> dict[str, list[Key]]:
    """The keys of a gold file, per category."""
    return {
        "projects": [
            (g["entry"], g["side"], norm(g["name"]), g["kind"], norm(g.get("status")))
            for g in gold.get("projects", [])
        ],
        "kpis": [
            (
                g["entry"],
                g["side"],
                norm(g.get("project")),
                norm(g["indicator"]),
                quantity_key(g.get("baseline")),
                quantity_key(g.get("target")),
                norm(g.get("target_note")),
            )
            for g in gold.get("kpis", [])
        ],
        "targets": [
            (
                g["entry"],
                g["side"],
                norm(g["indicator"]),
                quantity_key(g.get("baseline")),
                quantity_key(g.get("target")),
                norm(g.get("target_note")),
                _series_key(g.get("series", [])),
            )
            for g in gold.get("targets", [])
        ],
        "dates": [
            (
                g["entry"],
                g["side"],
                norm(g["text"]),
                g["kind"],
                g.get("start_date"),
                g.get("end_date"),
            )
            for g in gold.get("dates", [])
        ],
    }


def _cells(doc: Document) -> Iterator[tuple[int, str, Cell]]:
    for n, e in enumerate(doc.entries, start=1):
        for side in SIDES:
            cell = getattr(e, side)
            if cell is not None:
                yield n, side, cell


def _kpi_key(n: int, side: str, project: str | None, k: Kpi) -> Key:
    return (
        n,
        side,
        norm(project),
        norm(k.indicator),
        quantity_key(k.baseline),
        quantity_key(k.target),
        norm(k.target_note),
    )


def document_items(doc: Document) -> dict[str, list[Key]]:
    """The keys of what the analysis found, per category, in the gold's terms."""
    out: dict[str, list[Key]] = {c: [] for c in CATEGORIES}
    for n, side, cell in _cells(doc):
        for p in cell.projects:
            out["projects"].append((n, side, norm(p.name), p.kind, norm(p.status)))
            out["kpis"] += [_kpi_key(n, side, p.name, k) for k in p.kpis]
        out["kpis"] += [_kpi_key(n, side, None, k) for k in cell.kpis]
        for t in cell.targets:
            out["targets"].append(
                (
                    n,
                    side,
                    norm(t.indicator),
                    quantity_key(t.baseline),
                    quantity_key(t.target),
                    norm(t.target_note),
                    _series_key(t.series),
                )
            )
        for d in cell.dates:
            out["dates"].append(
                (
                    n,
                    side,
                    norm(d.text),
                    d.kind,
                    d.start_date.isoformat() if d.start_date else None,
                    d.end_date.isoformat() if d.end_date else None,
                )
            )
    return out


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    right: int = 0
    missed: list[Key] = field(default_factory=list)
    spurious: list[Key] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else (1.0 if not self.found else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.gold += other.gold
        self.found += other.found
        self.right += other.right
        self.missed += other.missed
        self.spurious += other.spurious


def score(gold: list[Key], found: list[Key]) -> Score:
    """Multiset precision / recall: an item is right when its whole key is in the gold."""
    g, f = Counter(gold), Counter(found)
    right = sum((g & f).values())
    return Score(
        gold=len(gold),
        found=len(found),
        right=right,
        missed=sorted((g - f).elements(), key=repr),
        spurious=sorted((f - g).elements(), key=repr),
    )


@dataclass
class DocumentScore:
    name: str
    half: str
    entries_gold: int
    entries_found: int
    municipality_right: bool
    scores: dict[str, Score]


def score_document(doc: Document, gold: dict[str, Any], name: str, half: str) -> DocumentScore:
    g = gold_items(gold)
    f = document_items(doc)
    muni = gold.get("municipality") or {}
    found_name = doc.municipality.name if doc.municipality else None
    return DocumentScore(
        name=name,
        half=half,
        entries_gold=int(gold.get("entries", 0)),
        entries_found=len(doc.entries),
        municipality_right=norm(muni.get("name")) == norm(found_name),
        scores={c: score(g[c], f[c]) for c in CATEGORIES},
    )


def load_gold(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
