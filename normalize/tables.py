"""Nested tables read by what their header says: project tables and indicator tables.

Pure functions over :class:`~shinkyu.schemas.model.NestedTable`. Each header cell is mapped to
a label family of the lexicon (事業名 → project_list, 現状値 → baseline, 令和7年度 → a year
column …), so columns are found by label in any order, not by position. A table whose header
names no family continues the previous table of the cell when it has as many columns (a table
split at a page break loses its header). Offsets in the results index the parent cell's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shinkyu.schemas.lexicon import lexicon
from shinkyu.schemas.model import EraDate, Issue, Kpi, NestedTable, Project, Quantity, Target

from .eras import find_dates
from .kpis import LEAD_MARKS, parse_kpis, read_value, with_year
from .names import clean_name
from .numbers import MULTIPLIERS, fold, parse_quantity, scale, squeeze_name

_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
FOOTNOTE = re.compile(r"\s*(※\s*\d*)\s*$")
PAREN_YEAR = re.compile(r"^(?P<val>.*?)\s*(?:[(（](?P<y>[^()（）]*)[)）])?\s*$", re.S)
# the text after a specific project's name in one cell: 「 ・説明」 or a line break
# 「子ども医療費無料化事業・高校生以下…」 (not 「補助金・負担金の見直し»: a bare head noun)
DESCRIPTION_START = re.compile(
    r"\s+・|\n\s*・?|(?:"
    + "|".join(rf"(?<=[^\s・]{{2}}{re.escape(h)})" for h in lexicon().head_nouns)
    + r")・"
)


# A value cell with digits that could not be read: (text, start, end) in the parent cell.
Unread = list[tuple[str, int, int]]


@dataclass(frozen=True)
class ColumnInfo:
    family: str | None  # a lexicon label family, "year", or None
    date: EraDate | None  # a date printed in the header cell: 「基準値（R元）」, 「令和7年度」


@dataclass(frozen=True)
class TableLayout:
    kind: str  # "projects" or "indicators"
    columns: tuple[ColumnInfo, ...]
    header_rows: int  # 1 or 2 (years under a spanning cell), 0 for a continuation
    unit: str | None = None  # 「(単位：千円)」 or 「事業費（千円）」: the unit of bare numbers


UNIT_NOTE = re.compile(
    r"単位\s*[:：]?\s*(?P<u>[千万億]?[^\s)）,、]{1,4})|[(（](?P<h>[千万億][^\s)）]{1,3})[)）]"
)


def unit_note(text: str) -> str | None:
    """The unit a note or header gives bare numbers: 「(単位:千円)」 → 千円."""
    m = UNIT_NOTE.search(fold(text))
    if m is None:
        return None
    return m["u"] or m["h"]


def header_to_column(cell: str) -> ColumnInfo:
    """The family and the date a header cell names (「目標値（令和9年度）」 → target, 2027)."""
    dates = find_dates(cell)
    date = dates[0] if dates else None
    label = _BRACKETED.sub("", fold(cell))
    for d in dates:
        label = label.replace(fold(d.text), "")
    family = lexicon().family(label) if label.strip() else None
    if family is None and date is not None and not re.sub(r"[\s()（）]", "", label):
        family = "year"
    return ColumnInfo(family, date)


def _header(table: NestedTable) -> tuple[list[str], int]:
    """The header cells and how many rows they take.

    A second header row under one spanning cell replaces that cell: 「事業費（千円）」 over
    「令和7年度 | 令和8年度 | 令和9年度」, 「数値」 over 「現状値（R5） | 目標値（R10）」. The
    spanning cell is the one whose replacement puts values under value columns in the first
    data row (and names the most columns).
    """
    head = list(table.rows[0])
    if len(table.rows) < 3:
        return head, 1
    second, data = list(table.rows[1]), table.rows[2]
    if second and len(head) == len(data) and all(find_dates(c) for c in second):
        # 「現在 | 目標」 over 「令和4年 | 令和14年」: the years of the value columns, in order
        value_cols = [
            i for i, h in enumerate(head) if header_to_column(h).family in ("baseline", "target")
        ]
        if len(second) <= len(value_cols):
            for i, y in zip(value_cols, second, strict=False):
                head[i] = f"{head[i]}（{y}）"
            return head, 2
    if not second or len(head) - 1 + len(second) != len(data):
        return head, 1
    if not all(header_to_column(c).family is not None for c in second):
        return head, 1
    best: tuple[int, list[str]] | None = None
    for k in range(len(head)):
        cand = head[:k] + second + head[k + 1 :]
        score = _header_fit(cand, data)
        if best is None or score > best[0]:
            best = (score, cand)
    assert best is not None
    return best[1], 2


_VALUE_FAMILIES = ("baseline", "target", "year")


def _header_fit(head: list[str], data: list[str]) -> int:
    """How well a header fits a data row: value columns over values, named columns."""
    score = 0
    for h, cell in zip(head, data, strict=False):
        fam = header_to_column(h).family
        if fam is not None:
            score += 1
        if fam in _VALUE_FAMILIES:
            m = PAREN_YEAR.match(fold(cell))
            value = m["val"] if m else cell
            score += 2 if parse_quantity(value) is not None else -2
    return score


def table_layout(
    table: NestedTable, previous: TableLayout | None = None, context: str = ""
) -> TableLayout | None:
    """How to read a table: its kind, its columns and the unit of its bare numbers.

    ``context`` is the text just before the table (a 「(単位：千円)」 note). None when the
    table is neither kind.
    """
    if not table.rows or not table.rows[0]:
        return None
    head, header_rows = _header(table)
    cols = tuple(header_to_column(c) for c in head)
    fams = [c.family for c in cols]
    years = fams.count("year")
    unit = (
        next((u for c in table.rows[0] if (u := unit_note(c))), None) if header_rows == 2 else None
    )
    unit = unit or unit_note(context)
    if "project_list" in fams:
        return TableLayout("projects", cols, header_rows, unit)
    if {"indicator", "baseline", "target"} & set(fams) or years >= 2:
        return TableLayout("indicators", cols, header_rows, unit)
    if years == 1 and fams[0] in ("category", "series_row", None):
        return TableLayout("indicators", cols, header_rows, unit)
    if previous is not None and len(previous.columns) == len(cols):
        return TableLayout(previous.kind, previous.columns, 0, previous.unit)
    return None


def table_rows(
    table: NestedTable, layout: TableLayout
) -> list[tuple[list[str], list[tuple[int, int]]]]:
    """The data rows, each as long as the header.

    A row short of cells lost its leading ones to cells merged down from the row above
    (rowspan) and takes them from that row; empty rows are left out.
    """
    width = len(layout.columns)
    out: list[tuple[list[str], list[tuple[int, int]]]] = []
    for row, offs in list(zip(table.rows, table.offsets, strict=False))[layout.header_rows :]:
        row, offs = list(row), list(offs)
        if not any(c.strip() for c in row):
            continue  # an empty row (a page break's leftover)
        missing = width - len(row)
        if missing > 0 and out and len(out[-1][0]) == width:
            above, above_offs = out[-1]
            # cells merged down from the row above (a row label, a 事業主体, a target spanning
            # two rows) sit where the row's own cells then match the kinds of the row above
            best = max(
                range(len(row) + 1),
                key=lambda k: (_kinds_agree(row[:k] + above[k : k + missing] + row[k:], above), -k),
            )
            row = row[:best] + above[best : best + missing] + row[best:]
            offs = offs[:best] + above_offs[best : best + missing] + offs[best:]
        out.append((row, offs))
    return out


def _kinds_agree(row: list[str], above: list[str]) -> int:
    """How many cells are of the kind of the cell above them (:func:`_kind`)."""
    return sum(1 for a, b in zip(row, above, strict=False) if _kind(a) == _kind(b))


def _kind(cell: str) -> tuple[bool, bool, bool]:
    """A cell's kind: a value or text, holding a date or not, short or long."""
    folded = fold(cell).strip()
    return (_is_label(folded), bool(find_dates(folded)), len(folded) <= 6)


def _is_label(cell: str) -> bool:
    """A cell that names a row (text), not a value (「100%」, 「－」, 「12人（R2）」)."""
    folded = fold(cell).strip()
    if not folded:
        return False
    m = PAREN_YEAR.match(folded)
    return parse_quantity(m["val"] if m else folded) is None


def _first(cols: tuple[ColumnInfo, ...], family: str) -> int | None:
    return next((i for i, c in enumerate(cols) if c.family == family), None)


def _last(cols: tuple[ColumnInfo, ...], family: str) -> int | None:
    idx = [i for i, c in enumerate(cols) if c.family == family]
    return idx[-1] if idx else None


def split_project_cell(text: str) -> tuple[int, int, str | None]:
    """(name start, name end, description) of a name cell that also holds the description."""
    folded = fold(text)
    start = len(folded) - len(folded.lstrip())
    m = DESCRIPTION_START.search(folded, start)
    if m is None:
        return start, len(folded.rstrip()), None
    end = len(folded[: m.start()].rstrip())
    description = " ".join(folded[m.end() :].split()) or None
    return start, end, description


def _cell(row: list[str], offs: list[tuple[int, int]], i: int | None) -> tuple[str, int]:
    if i is None or i >= len(row):
        return "", 0
    return row[i], offs[i][0]


def _status_column(
    rows: list[tuple[list[str], list[tuple[int, int]]]], skip: int | None
) -> int | None:
    """A column whose every filled cell is a status word (区分: 新規 / 継続 / 廃止 …)."""
    status = set(lexicon().status)
    width = min((len(r) for r, _ in rows), default=0)
    for i in range(width):
        if i == skip:
            continue
        values = [squeeze_name(fold(r[i])) for r, _ in rows if r[i].strip()]
        if values and all(v.strip("()（）【】[]") in status for v in values):
            return i
    return None


def table_projects(
    table: NestedTable, index: int, layout: TableLayout, unread: Unread
) -> list[Project]:
    """One specific project per row of a project table, with the KPIs of its KPI column."""
    cols = layout.columns
    name_i = _first(cols, "project_list")
    kpi_i = _first(cols, "indicator")
    desc_i = _first(cols, "description")
    base_i, target_i = _first(cols, "baseline"), _last(cols, "target")
    projects: list[Project] = []
    rows = table_rows(table, layout)
    status_i = _status_column(rows, name_i)
    prev_name_off = -1  # a name cell merged down several rows is printed once (same offsets)
    for r, (row, offs) in enumerate(rows):
        name_text, name_off = _cell(row, offs, name_i)
        kpis = _row_kpis(row, offs, kpi_i, base_i, target_i, cols, unread)
        merged = bool(projects) and name_i is not None and name_off == prev_name_off
        prev_name_off = name_off if name_i is not None else -1
        if not name_text.strip() or merged:
            if projects and kpis:  # a merged name cell: the KPI row belongs to the project above
                projects[-1] = projects[-1].model_copy(update={"kpis": projects[-1].kpis + kpis})
            continue
        description = None
        s, e = 0, len(name_text)
        if desc_i is None:
            s, e, description = split_project_cell(name_text)
        else:
            description = " ".join(fold(_cell(row, offs, desc_i)[0]).split()) or None
        name = clean_name(name_text, s, e)
        if name is None or name.name in lexicon().totals:
            continue  # a 合計 row adds the projects up: a target row only
        status = name.status
        if status is None and status_i is not None:
            status = squeeze_name(fold(row[status_i])).strip("()（）【】[]") or None
        projects.append(
            Project(
                name=name.name,
                kind="specific",
                status=status,
                rule="project_table",
                description=description,
                kpis=kpis,
                table=index,
                row=r,
                start=name_off + name.start,
                end=name_off + name.end,
            )
        )
    return projects


def _row_kpis(
    row: list[str],
    offs: list[tuple[int, int]],
    kpi_i: int | None,
    base_i: int | None,
    target_i: int | None,
    cols: tuple[ColumnInfo, ...],
    unread: Unread,
) -> list[Kpi]:
    text, off = _cell(row, offs, kpi_i)
    if not text.strip():
        return []
    if base_i is None and target_i is None:
        kpis = parse_kpis(text, off, rule="kpi_column")
        if kpis:
            return kpis
        s = len(text) - len(text.lstrip())
        return [
            Kpi(
                indicator=squeeze_name(fold(text)),
                rule="kpi_column",
                start=off + s,
                end=off + len(text.rstrip()),
            )
        ]
    base, _ = _value(row, offs, base_i, cols, unread)
    target, note = _value(row, offs, target_i, cols, unread)
    indicator = FOOTNOTE.sub("", fold(text))
    unit = _unit_in_name(indicator)
    return [
        Kpi(
            indicator=squeeze_name(re.sub(r"※\s*\d*", "", indicator)),
            baseline=_with_unit(base, unit),
            target=_with_unit(target, unit),
            target_note=note,
            rule="kpi_columns",
            start=off,
            end=off + len(text.rstrip()),
        )
    ]


def _value(
    row: list[str],
    offs: list[tuple[int, int]],
    i: int | None,
    cols: tuple[ColumnInfo, ...],
    unread: Unread,
    year: EraDate | None = None,
) -> tuple[Quantity | None, str | None]:
    """The quantity in column ``i``, or a word target.

    Its year comes from its own bracket, else from ``year`` (a 基準年度 / 目標年度 column of
    the row), else from the column's header.
    """
    text, off = _cell(row, offs, i)
    if i is None or not text.strip():
        return None, None
    folded = fold(text)
    footnotes: list[str] = []
    while m := FOOTNOTE.search(folded):
        footnotes.insert(0, re.sub(r"\s", "", m[1]))
        folded = folded[: m.start()]
    m2 = PAREN_YEAR.match(folded)
    if m2 is None:
        return None, None
    own = find_dates(m2["y"]) if m2["y"] else []
    if m2["y"] and not own:  # a bracket that is not a year: part of the value text
        q = read_value(text, 0, len(folded))
    else:
        q = read_value(text, m2.start("val"), m2.end("val"))
    if q is None:
        note = squeeze_name(folded)
        if re.search(r"\d", note):  # digits that are no value: a warning, not a note
            unread.append((note, off, off + len(text.rstrip())))
            return None, None
        return None, note or None
    # the cell's own 毎年度 (「毎年度5人」 under 目標値（R10年度）) beats the header's year
    header_year = None if q.every_year else (year or cols[i].date)
    dated = with_year(q, own[0] if own else header_year) or q
    q = dated.model_copy(
        update={
            "start": (dated.start or 0) + off,
            "end": (dated.end or 0) + off,
            "footnotes": footnotes,
        }
    )
    return q, None


def _year_in(row: list[str], offs: list[tuple[int, int]], i: int | None) -> EraDate | None:
    """The date printed in a 基準年度 / 目標年度 cell of the row."""
    dates = find_dates(_cell(row, offs, i)[0]) if i is not None else []
    return dates[0] if dates else None


_NAME_UNIT = re.compile(r"[(（](?P<u>[^\d()（）]{1,3})[)）]\s*$")


def _unit_in_name(indicator: str) -> str | None:
    """The unit an indicator names at its end: 「誘致企業数（社）」 → 社 (not 「（累計）」)."""
    m = _NAME_UNIT.search(indicator)
    if m is None or m["u"] in ("累計", "年間", "延べ", "各年度", "毎年度", "見込み", "推計"):
        return None
    return m["u"] if len(m["u"]) <= 2 or m["u"].endswith(("人", "件", "円")) else None


def _with_unit(q: Quantity | None, unit: str | None) -> Quantity | None:
    """A bare number with the unit its row or table gives (「千円」: value × 1,000, 円)."""
    if q is None or unit is None or q.unit is not None or q.value is None:
        return q
    mult = unit[0] if unit[0] in MULTIPLIERS and len(unit) > 1 else None
    return q.model_copy(update={"value": scale(q.value, mult), "unit": unit[1:] if mult else unit})


def table_targets(
    table: NestedTable, index: int, layout: TableLayout, unread: Unread
) -> list[Target]:
    """One target per data row of an indicator table; year columns become a series."""
    cols = layout.columns
    ind_i = _first(cols, "indicator")
    if ind_i is None:
        ind_i = next((i for i, c in enumerate(cols) if c.family != "year"), 0)
    base_i, target_i = _first(cols, "baseline"), _last(cols, "target")
    year_cols = [i for i, c in enumerate(cols) if c.family == "year"]
    unit_i = _first(cols, "unit")
    by_i, ty_i = _first(cols, "baseline_year"), _first(cols, "target_year")
    targets: list[Target] = []
    for r, (row, offs) in enumerate(table_rows(table, layout)):
        text, _ = _cell(row, offs, ind_i)
        folded = fold(text)
        footnotes: list[str] = []
        while m := FOOTNOTE.search(folded):
            footnotes.insert(0, re.sub(r"\s", "", m[1]))
            folded = folded[: m.start()]
        indicator = squeeze_name(LEAD_MARKS.sub("", folded))
        base, _ = _value(row, offs, base_i, cols, unread, _year_in(row, offs, by_i))
        target, note = _value(row, offs, target_i, cols, unread, _year_in(row, offs, ty_i))
        series = [q for i in year_cols if (q := _value(row, offs, i, cols, unread)[0]) is not None]
        # a 「単位」 column gives the unit of the row's bare numbers, else the indicator's
        # own 「（件）」, else the table's note
        unit = (
            squeeze_name(fold(_cell(row, offs, unit_i)[0]))
            or _unit_in_name(indicator)
            or layout.unit
        )
        base, target = _with_unit(base, unit), _with_unit(target, unit)
        series = [s for q in series if (s := _with_unit(q, unit)) is not None]
        if not indicator or (base is None and target is None and note is None and not series):
            continue
        targets.append(
            Target(
                indicator=indicator,
                footnotes=footnotes,
                baseline=base,
                target=target,
                target_note=note,
                series=series,
                table=index,
                row=r,
                rule="indicator_table",
                start=offs[0][0] if offs else 0,
                end=offs[-1][1] if offs else 0,
            )
        )
    return targets


def project_series(
    table: NestedTable,
    index: int,
    layout: TableLayout,
    projects: list[Project],
    unread: Unread,
) -> list[Target]:
    """Year columns of a project table (事業費 by 年度): one target row per project, its series."""
    cols = layout.columns
    year_cols = [i for i, c in enumerate(cols) if c.family == "year"]
    if not year_cols:
        return []
    by_row = {p.row: p.name for p in projects}
    name_i = _first(cols, "project_list")
    out: list[Target] = []
    for r, (row, offs) in enumerate(table_rows(table, layout)):
        name = by_row.get(r)
        total = squeeze_name(fold(_cell(row, offs, name_i)[0]))
        if name is None and total in lexicon().totals:
            name = total  # 「合計」: a target row, though no project
        if name is None:
            continue
        series = [
            s
            for i in year_cols
            if (s := _with_unit(_value(row, offs, i, cols, unread)[0], layout.unit)) is not None
        ]
        if series:
            out.append(
                Target(
                    indicator=name,
                    series=series,
                    table=index,
                    row=r,
                    rule="project_table_years",
                    start=offs[0][0] if offs else 0,
                    end=offs[-1][1] if offs else 0,
                )
            )
    return out


def read_tables(
    tables: list[NestedTable], text: str = ""
) -> tuple[list[Project], list[Target], list[Issue]]:
    """Specific projects, target rows and warnings of all a cell's nested tables.

    ``text`` is the cell's text: the line before a table may give its unit (「(単位：千円)」).
    """
    unread: Unread = []
    projects: list[Project] = []
    targets: list[Target] = []
    previous: TableLayout | None = None
    for i, table in enumerate(tables):
        context = text[max(0, text.rfind("\n", 0, max(table.start - 1, 0))) : table.start]
        layout = table_layout(table, previous, context)
        previous = layout
        if layout is None:
            continue
        if layout.kind == "projects":
            found = table_projects(table, i, layout, unread)
            projects.extend(found)
            targets.extend(project_series(table, i, layout, found, unread))
        else:
            targets.extend(table_targets(table, i, layout, unread))
    issues = [
        Issue(
            code="value_not_read",
            message="a value cell of an indicator table could not be read",
            text=t,
            start=s,
            end=e,
        )
        for t, s, e in unread
    ]
    return projects, targets, issues
