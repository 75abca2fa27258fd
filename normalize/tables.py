"""Facts read from a cell's structure: projects with their KPIs, 数値目標 targets, related lists.

Pure functions over :class:`~shinkyu.schemas.model.Cell`. Specific projects and KPIs come from
the structured rows of the nested tables (``Cell.tables[i].rows``), never from the flattened
text; offsets in the results index the parent cell's text.
"""

from __future__ import annotations

import re

from shinkyu.schemas.model import Cell, EraDate, Kpi, NestedTable, Project, Quantity, Target

from .eras import find_dates
from .numbers import fold, parse_quantity, squeeze_name

ARROW = re.compile(r"[→➡⇒]")
_VALUE = r"(?:\d[\d,]*(?:\.\d+)?\s?[^\s\d()→➡⇒\-－―ー‐−]{0,4}|[-－―ー‐−二])"
BEFORE_ARROW = re.compile(rf"(?P<ind>.*?)\s*(?P<val>{_VALUE})\s*$", re.S)
AFTER_ARROW = re.compile(rf"\s*(?P<val>{_VALUE})")
YEAR_PAREN = re.compile(r"\s*\((?P<y>[^()]*年[^()]*)\)")
NOT_SET = re.compile(r"設定\s*しない")
FOOTNOTE = re.compile(r"\s*(※\s*\d*)\s*$")
PAREN_YEAR_VALUE = re.compile(r"^(?P<val>.*?)\s*(?:\((?P<y>[^()]*)\))?\s*$", re.S)
# the text after a specific project's name: 「 ・説明」 or a line break
DESCRIPTION_START = re.compile(r"\s+・|\n\s*・?|(?<=事業)・")
RELATED_HEADER = re.compile(r"[(]\s*主な関連事業\s*[)]")
BULLET = re.compile(r"(?:^|(?<=\s))・")
# a related list ends at a heading, an omission marker or a table line
LIST_END = re.compile(
    r"^\s*(?:[\u2460-\u2473]|\(\s*\d+\s*\)|基本目標|計画書\s*\d+\s*ページ|《|[IVX]+\.|\d+\.\s|"
    r"[-－—ー―]\s*省\s*略)"
)


def table_kind(table: NestedTable) -> str | None:
    """'projects' for 具体的な事業 | KPI tables, 'targets' for 数値目標 tables, else None."""
    if not table.rows or not table.rows[0]:
        return None
    head = re.sub(r"\s", "", fold(table.rows[0][0]))
    if head.startswith("具体的な事業"):
        return "projects"
    if head.startswith("数値目標"):
        return "targets"
    return None


def _shift(q: Quantity | None, offset: int, local: int) -> Quantity | None:
    if q is None:
        return None
    return q.model_copy(update={"start": offset + local, "end": offset + local + len(q.raw)})


def _with_year(q: Quantity | None, paren: str | None) -> Quantity | None:
    if q is None or paren is None:
        return q
    dates = find_dates(paren)
    if not dates:
        return q
    d: EraDate = dates[0]
    if d.kind == "recurrence":
        return q.model_copy(update={"every_year": True, "year_text": d.text})
    return q.model_copy(update={"year": d.year, "year_text": d.text})


def parse_kpis(text: str, offset: int = 0) -> list[Kpi]:
    """The KPIs of one KPI cell: 「指標 21 事業者 → 75 事業者 (令和元年) (令和7年) 指標2 ...」.

    ``offset`` is where ``text`` starts in the parent cell text.
    """
    folded = fold(text)
    if NOT_SET.search(folded) and not ARROW.search(folded):
        note = " ".join(text.split())
        return [Kpi(indicator="", not_set=True, note=note, start=offset, end=offset + len(text))]
    kpis: list[Kpi] = []
    pos = 0
    for arrow in ARROW.finditer(folded):
        if arrow.start() < pos:
            continue
        left = BEFORE_ARROW.match(folded, pos, arrow.start())
        right = AFTER_ARROW.match(folded, arrow.end())
        if left is None or right is None:
            continue
        end = right.end()
        years: list[str] = []
        while len(years) < 2 and (y := YEAR_PAREN.match(folded, end)):
            years.append(y["y"])
            end = y.end()
        base_year: str | None = years[0] if len(years) == 2 else None
        target_year: str | None = years[-1] if years else None
        baseline = _shift(
            parse_quantity(text[left.start("val") : left.end("val")]), offset, left.start("val")
        )
        target = _shift(
            parse_quantity(text[right.start("val") : right.end("val")]), offset, right.start("val")
        )
        ind_start = (
            left.start("ind")
            + len(text[left.start("ind") :])
            - len(text[left.start("ind") :].lstrip())
        )
        kpis.append(
            Kpi(
                indicator=squeeze_name(folded[left.start("ind") : left.end("ind")]),
                baseline=_with_year(baseline, base_year),
                target=_with_year(target, target_year),
                start=offset + ind_start,
                end=offset + end,
            )
        )
        pos = end
    if not kpis and folded.strip():
        stripped = text.strip()
        start = text.index(stripped)
        kpis.append(
            Kpi(
                indicator=squeeze_name(folded),
                start=offset + start,
                end=offset + start + len(stripped),
            )
        )
    return kpis


def split_project_cell(text: str) -> tuple[int, int, str | None]:
    """(name start, name end, description) of a 具体的な事業 cell, offsets in ``text``."""
    folded = fold(text)
    start = len(folded) - len(folded.lstrip())
    m = DESCRIPTION_START.search(folded, start)
    if m is None:
        return start, len(folded.rstrip()), None
    end = len(folded[: m.start()].rstrip())
    description = " ".join(folded[m.end() :].split()) or None
    return start, end, description


def table_projects(table: NestedTable, index: int) -> list[Project]:
    projects: list[Project] = []
    for r, (row, offs) in enumerate(zip(table.rows[1:], table.offsets[1:], strict=False)):
        if not row or not row[0].strip():
            continue
        cell_start = offs[0][0]
        s, e, description = split_project_cell(row[0])
        kpis = parse_kpis(row[1], offs[1][0]) if len(row) > 1 else []
        projects.append(
            Project(
                name=squeeze_name(fold(row[0][s:e])),
                kind="specific",
                description=description,
                kpis=kpis,
                table=index,
                row=r,
                start=cell_start + s,
                end=cell_start + e,
            )
        )
    return projects


def _value_cell(text: str, offset: int) -> Quantity | None:
    folded = fold(text)
    footnotes: list[str] = []
    while m := FOOTNOTE.search(folded):
        footnotes.insert(0, re.sub(r"\s", "", m[1]))
        folded = folded[: m.start()]
    m2 = PAREN_YEAR_VALUE.match(folded)
    if m2 is None:
        return None
    q = parse_quantity(text[m2.start("val") : m2.end("val")])
    q = _with_year(_shift(q, offset, m2.start("val")), m2["y"])
    if q is not None and footnotes:
        q = q.model_copy(update={"footnotes": footnotes})
    return q


def table_targets(table: NestedTable) -> list[Target]:
    targets: list[Target] = []
    for row, offs in zip(table.rows[1:], table.offsets[1:], strict=False):
        if len(row) < 3:
            continue
        folded = fold(row[0])
        footnotes: list[str] = []
        while m := FOOTNOTE.search(folded):
            footnotes.insert(0, re.sub(r"\s", "", m[1]))
            folded = folded[: m.start()]
        targets.append(
            Target(
                indicator=squeeze_name(folded),
                footnotes=footnotes,
                baseline=_value_cell(row[1], offs[1][0]),
                target=_value_cell(row[2], offs[2][0]),
                start=offs[0][0],
                end=offs[-1][1],
            )
        )
    return targets


def _table_spans(cell: Cell) -> list[tuple[int, int]]:
    return [(t.start, t.end) for t in cell.tables]


def related_projects(cell: Cell) -> list[Project]:
    """The 「(主な関連事業)」 lists of a cell: one project per bullet or name.

    Items are split at bullets (・ at a line start or after a space) and at line breaks; a
    space after a name ending in 事業 or 「)」 also ends an item when the converter lost its
    bullet (「…化事業 地方公共団体…」). A parenthesised part stays with its name.
    """
    text = cell.text
    folded = fold(text)
    tables = _table_spans(cell)
    out: list[Project] = []
    for header in RELATED_HEADER.finditer(folded):
        pos = header.end()
        stop = len(folded)
        line_start = pos
        while line_start < len(folded):
            nl = folded.find("\n", line_start)
            line_end = len(folded) if nl < 0 else nl
            line = folded[line_start:line_end]
            in_table = any(s <= line_start < e for s, e in tables)
            if line_start > pos and (LIST_END.match(line) or in_table or "\t" in line):
                stop = line_start
                break
            m = LIST_END.search(line) if line_start == pos else None
            if m and m.start() > 0:
                stop = line_start + m.start()
                break
            line_start = line_end + 1
        out.extend(_list_items(text, folded, pos, stop))
    return out


_ITEM_BREAK = re.compile(
    r"(?:(?<=事業)|(?<=\)))\s+(?=[^\s(A-Za-z0-9・])"
    # no space at all (lines joined by the extractor): after 事業, not before 者 所 費 ...
    r"|(?<=[^\s・]{2}事業)(?=[^\s者所費体主承継計等の(・]{3})"
)


def _list_items(text: str, folded: str, start: int, stop: int) -> list[Project]:
    items: list[Project] = []
    pieces: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", folded[start:stop]):
        ls = start + line.start()
        chunks = BULLET.split(line.group())
        offset = ls
        for chunk in chunks:
            cs = offset
            offset += len(chunk) + 1
            pos = cs
            for brk in _ITEM_BREAK.finditer(chunk):
                pieces.append((pos, cs + brk.start()))
                pos = cs + brk.end()
            pieces.append((pos, cs + len(chunk)))
    for s, e in pieces:
        raw = folded[s:e]
        if not raw.strip():
            continue
        s2 = s + len(raw) - len(raw.lstrip())
        e2 = s + len(raw.rstrip())
        items.append(Project(name=squeeze_name(folded[s2:e2]), kind="related", start=s2, end=e2))
    return items


def cell_projects(cell: Cell) -> list[Project]:
    """Specific projects (tables) then related ones, each group in printed order."""
    specific: list[Project] = []
    for i, table in enumerate(cell.tables):
        if table_kind(table) == "projects":
            specific.extend(table_projects(table, i))
    return specific + related_projects(cell)


def cell_targets(cell: Cell) -> list[Target]:
    return [
        t for table in cell.tables if table_kind(table) == "targets" for t in table_targets(table)
    ]
