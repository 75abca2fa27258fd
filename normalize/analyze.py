"""The analysis stage: a Document in, a new Document with the analysis fields filled out.

Text, marks, tables and provenance are never changed. Every distinct segment of every cell
(:func:`~.nlp.segments`) is parsed once, in one ``nlp.pipe`` batch for the whole document.
"""

from __future__ import annotations

from typing import Any

from shinkyu.extract import deadline as time_limit
from shinkyu.schemas.model import Cell, Document, Entry, Issue

from .changes import entry_changes
from .nlp import (
    ParseCache,
    cell_dates,
    cell_phrases,
    cell_quantities,
    cell_tokens,
    load_nlp,
    segments,
)
from .projects import CellFacts, read_cell
from .sections import cell_sections


def _cells(entry: Entry) -> list[Cell]:
    return [c for c in (entry.before, entry.after, entry.reason) if c is not None]


def analyze_cell(
    cell: Cell, cache: ParseCache, issues: list[Issue] | None = None, *, reason: bool = False
) -> Cell:
    """The cell with projects, KPIs, targets, dates, quantities and sections.

    Lines that looked like facts but could not be read are appended to ``issues``. A reason
    cell explains the change (「目標値を上方修正（100件→150件）」): it gets dates, quantities
    and sections, but no projects, KPIs or targets of its own.
    """
    facts = read_cell(cell) if not reason else CellFacts()
    if issues is not None:
        issues.extend(facts.issues)
    return cell.model_copy(
        update={
            "projects": facts.projects,
            "kpis": facts.kpis,
            "targets": facts.targets,
            "dates": cell_dates(cache, cell.text),
            "quantities": cell_quantities(cache, cell.text),
            "sections": cell_sections(cell.text),
        }
    )


def _located(issues: list[Issue], entry: Entry, side: str) -> list[Issue]:
    page = entry.pages[0] if entry.pages else None
    return [i.model_copy(update={"entry": entry.id, "side": side, "page": page}) for i in issues]


def analyze_entry(entry: Entry, cache: ParseCache, issues: list[Issue] | None = None) -> Entry:
    """The entry with its cells analysed and its ``changes``; warnings go to ``issues``."""
    found: dict[str, list[Issue]] = {"before": [], "after": [], "reason": []}
    before = analyze_cell(entry.before, cache, found["before"])
    after = analyze_cell(entry.after, cache, found["after"])
    reason = (
        analyze_cell(entry.reason, cache, found["reason"], reason=True)
        if entry.reason is not None
        else None
    )
    if issues is not None:
        for side, items in found.items():
            issues.extend(_located(items, entry, side))
    changes = entry_changes(
        before,
        after,
        cell_tokens(cache, before.text),
        cell_tokens(cache, after.text),
        cell_phrases(cache, before.text),
        cell_phrases(cache, after.text),
    )
    return entry.model_copy(
        update={"before": before, "after": after, "reason": reason, "changes": changes}
    )


def analyze(doc: Document, *, nlp: Any = None, cache: ParseCache | None = None) -> Document:
    """A new Document with every cell analysed and every entry's ``changes`` filled.

    ``nlp`` defaults to :func:`~.nlp.load_nlp` (built once per process); pass ``cache`` to
    share parses across documents or to read how many characters were parsed.
    """
    cache = cache or ParseCache(nlp if nlp is not None else load_nlp())
    changed: list[str] = []
    for e in doc.entries:
        before = {seg for _, seg in segments(e.before.text)}
        after = {seg for _, seg in segments(e.after.text)}
        changed += sorted(before ^ after)
    cache.parse(
        (seg for e in doc.entries for c in _cells(e) for _, seg in segments(c.text)),
        tokenize=changed,
    )
    cache.parse_phrases(changed)
    issues: list[Issue] = []
    entries = []
    for e in doc.entries:
        time_limit.check()  # the per-input time limit, between entries
        entries.append(analyze_entry(e, cache, issues))
    level = "phrases" if cache.has_parser else "rules"
    extractor = doc.extractor.model_copy(update={"analysis": level})
    return doc.model_copy(
        update={"entries": entries, "warnings": doc.warnings + issues, "extractor": extractor}
    )
