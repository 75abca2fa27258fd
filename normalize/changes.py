"""What an amendment changed: projects paired across before/after, and text edits vs marks.

Project pairing, in order:

1. Same kind and same name (whitespace and width folded): ``unchanged``, or ``modified`` when
   the description or a KPI differs.
2. Specific projects left over on both sides are paired as ``renamed`` when they sit in the
   same table (same position among the cell's project tables) and at least two of these hold:
   same row (``same_row``), description similarity >= 0.4 (``similar_description``), the same
   KPI indicators (``same_kpis``), name similarity >= 0.4 (``similar_name``). The evidence is
   recorded on the change. Page 7's 地域ブランド構築事業 → 地域ブランド定着推進事業 is same_row +
   same_kpis; page 15's 乳幼児等医療費助成事業 → 子ども医療費無料化事業 is same_row +
   similar_name (their KPIs and most of the description changed).
3. Everything else is ``removed`` (before only) or ``added`` (after only).

Text edits are token-level (GiNZA tokens, compared after width folding) ``difflib`` opcodes over
the reading texts, plan-page markers (「計画書 N ページ」) left out. An edit is ``marked`` when a
publisher mark (underline or colour) on its side overlaps it; marks that overlap no edit are
reported in ``marks_over_unchanged``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from shinkyu.schemas.model import (
    Cell,
    Changes,
    Kpi,
    KpiChange,
    MarkCheck,
    Project,
    ProjectChange,
    TextChange,
)

from .nlp import Token
from .numbers import fold

PLAN_MARKER = re.compile(r"計画書\s*\d+\s*ページ")
SIMILAR = 0.4


def _ratio(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _kpi_key(k: Kpi) -> tuple[object, ...]:
    def q(x: object) -> object:
        return None if x is None else x.model_dump(exclude={"start", "end"})  # type: ignore[attr-defined]

    return (k.indicator, q(k.baseline), q(k.target), k.not_set, k.note)


def kpi_changes(before: list[Kpi], after: list[Kpi]) -> list[KpiChange]:
    out: list[KpiChange] = []
    after_left = list(after)
    for b in before:
        match = next((a for a in after_left if a.indicator == b.indicator), None)
        if match is None:
            out.append(KpiChange(indicator=b.indicator, status="removed", before=b))
            continue
        after_left.remove(match)
        status = "unchanged" if _kpi_key(b) == _kpi_key(match) else "modified"
        out.append(KpiChange(indicator=b.indicator, status=status, before=b, after=match))
    out.extend(KpiChange(indicator=a.indicator, status="added", after=a) for a in after_left)
    return out


def _table_rank(projects: list[Project]) -> dict[int | None, int]:
    tables = sorted({p.table for p in projects if p.table is not None})
    return {t: i for i, t in enumerate(tables)}


def _evidence(
    b: Project, a: Project, rb: dict[int | None, int], ra: dict[int | None, int]
) -> list[str]:
    if rb.get(b.table) != ra.get(a.table):
        return []
    ev = []
    if b.row == a.row:
        ev.append("same_row")
    if _ratio(b.description, a.description) >= SIMILAR:
        ev.append("similar_description")
    if b.kpis and [k.indicator for k in b.kpis] == [k.indicator for k in a.kpis]:
        ev.append("same_kpis")
    if _ratio(b.name, a.name) >= SIMILAR:
        ev.append("similar_name")
    return ev


def project_changes(before: list[Project], after: list[Project]) -> list[ProjectChange]:
    out: list[ProjectChange] = []
    left_b: list[Project] = []
    left_a = list(after)
    for b in before:
        a = next((x for x in left_a if x.kind == b.kind and x.name == b.name), None)
        if a is None:
            left_b.append(b)
            continue
        left_a.remove(a)
        kc = kpi_changes(b.kpis, a.kpis)
        same = b.description == a.description and all(k.status == "unchanged" for k in kc)
        out.append(
            ProjectChange(
                kind=b.kind,
                status="unchanged" if same else "modified",
                before=b.name,
                after=a.name,
                kpis=kc,
            )
        )
    rb, ra = _table_rank(before), _table_rank(after)
    for b in list(left_b):
        if b.kind != "specific":
            continue
        scored = [(x, _evidence(b, x, rb, ra)) for x in left_a if x.kind == "specific"]
        scored = [(x, ev) for x, ev in scored if len(ev) >= 2]
        if not scored:
            continue
        a, ev = max(scored, key=lambda s: len(s[1]))
        left_b.remove(b)
        left_a.remove(a)
        out.append(
            ProjectChange(
                kind="specific",
                status="renamed",
                before=b.name,
                after=a.name,
                kpis=kpi_changes(b.kpis, a.kpis),
                evidence=ev,
            )
        )
    out.extend(
        ProjectChange(
            kind=b.kind, status="removed", before=b.name, after=None, kpis=kpi_changes(b.kpis, [])
        )
        for b in left_b
    )
    out.extend(
        ProjectChange(
            kind=a.kind, status="added", before=None, after=a.name, kpis=kpi_changes([], a.kpis)
        )
        for a in left_a
    )
    return out


def _content_tokens(text: str, tokens: list[Token]) -> list[Token]:
    skip = [(m.start(), m.end()) for m in PLAN_MARKER.finditer(fold(text))]
    return [t for t in tokens if not any(s <= t.start < e for s, e in skip)]


def _span(tokens: list[Token], i1: int, i2: int, text_len: int) -> tuple[int, int]:
    if i1 < i2:
        return tokens[i1].start, tokens[i2 - 1].end
    pos = tokens[i1].start if i1 < len(tokens) else (tokens[-1].end if tokens else text_len)
    return pos, pos


def _overlaps(cell: Cell, start: int, end: int) -> bool:
    for m in cell.marks:
        if start == end and m.start <= start <= m.end:
            return True
        if start < end and m.start < end and start < m.end:
            return True
    return False


def _phrase(phrases: list[tuple[int, int]], text: str, start: int, end: int) -> str | None:
    hit = [(s, e) for s, e in phrases if s < max(end, start + 1) and start < e]
    if not hit:
        return None
    return text[hit[0][0] : hit[-1][1]]


def text_changes(
    before: Cell,
    after: Cell,
    before_tokens: list[Token],
    after_tokens: list[Token],
    before_phrases: list[tuple[int, int]] | None = None,
    after_phrases: list[tuple[int, int]] | None = None,
) -> tuple[list[TextChange], list[MarkCheck]]:
    bt = _content_tokens(before.text, before_tokens)
    at = _content_tokens(after.text, after_tokens)
    sm = SequenceMatcher(
        None, [fold(t.text) for t in bt], [fold(t.text) for t in at], autojunk=False
    )
    changes: list[TextChange] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        bs, be = _span(bt, i1, i2, len(before.text))
        as_, ae = _span(at, j1, j2, len(after.text))
        marked = (i1 < i2 and _overlaps(before, bs, be)) or (j1 < j2 and _overlaps(after, as_, ae))
        changes.append(
            TextChange(
                op=op,
                before=before.text[bs:be],
                after=after.text[as_:ae],
                before_start=bs,
                before_end=be,
                after_start=as_,
                after_end=ae,
                marked=marked,
                before_phrase=_phrase(before_phrases or [], before.text, bs, be),
                after_phrase=_phrase(after_phrases or [], after.text, as_, ae),
            )
        )
    checks: list[MarkCheck] = []
    for side, cell in (("before", before), ("after", after)):
        spans = [
            (c.before_start, c.before_end) if side == "before" else (c.after_start, c.after_end)
            for c in changes
        ]
        for m in cell.marks:
            hit = any(
                (s == e and m.start <= s <= m.end) or (m.start < e and s < m.end) for s, e in spans
            )
            if not hit:
                checks.append(
                    MarkCheck(side=side, kind=m.kind, text=m.text, start=m.start, end=m.end)
                )
    return changes, checks


def entry_changes(
    before: Cell,
    after: Cell,
    before_tokens: list[Token],
    after_tokens: list[Token],
    before_phrases: list[tuple[int, int]] | None = None,
    after_phrases: list[tuple[int, int]] | None = None,
) -> Changes:
    text, checks = text_changes(
        before, after, before_tokens, after_tokens, before_phrases, after_phrases
    )
    return Changes(
        projects=project_changes(before.projects, after.projects),
        text=text,
        unmarked=sum(1 for c in text if not c.marked),
        marks_over_unchanged=checks,
    )
