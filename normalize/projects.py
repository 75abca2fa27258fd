"""A cell read block by block: project tables, project lists, project headings, KPI lines.

The cell's text is walked line by line (nested-table lines are read by :mod:`.tables`):

* a *label line* (【主な事業】, (主な関連事業), ■主要事業, 「主な取組：A事業、B事業」) opens a
  project list; its items are the names on the following lines, split by
  :func:`~.names.split_items`, until a heading, another label, a table, an omission marker or
  a sentence;
* a line that holds one complete name (「○空き家活用促進事業（新規）」, 「(1) 利用者支援事業」)
  followed by its description or a KPI line is a *project heading* (a specific project);
* a bullet line whose every item is a complete name is a list even without a label;
* a *KPI line* (「KPI：…」, 「指標 3社 → 10社（…）（…）」, 「指標：…現状値…目標値…」) is attached
  to the nearest project above it in the cell, or kept on the cell when there is none.

Every project records the rule that found it; a line that looks like a KPI but cannot be read
becomes an analysis warning (code ``kpi_not_read``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from shinkyu.schemas.lexicon import lexicon
from shinkyu.schemas.model import Cell, Issue, Kpi, Project, Target

from .kpis import is_kpi_line, parse_kpis, patterns
from .names import clean_name, is_complete_name, split_items
from .numbers import fold
from .sections import OMISSION, heading
from .tables import read_tables

MAX_NAME = 48
_SENTENCE = re.compile(r"。|(?:する|します|図る|行う|進める|目指す)$")
_INLINE_LABEL = re.compile(
    r"^(?P<label>[^:：・]{2,16}?)\s*(?:[:：]\s*|(?=・))(?P<rest>\S.*)$"
    r"|^(?P<bl>[【《〔<＜\[［(（][^】》〕>＞\]］)）]{2,16}[】》〕>＞\]］)）])\s*(?P<brest>\S.*)$"
)


@dataclass
class CellFacts:
    projects: list[Project] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # folded and stripped


def cell_lines(cell: Cell) -> list[Line]:
    """The non-empty lines of a cell outside its nested tables, folded, with offsets."""
    folded = fold(cell.text)
    spans = [(t.start, t.end) for t in cell.tables]
    out: list[Line] = []
    for m in re.finditer(r"[^\n]+", folded):
        if "\t" in m.group() or any(s <= m.start() < e for s, e in spans):
            continue
        body = m.group().strip()
        if body:
            s = m.start() + m.group().index(body)
            out.append(Line(s, s + len(body), body))
    return out


def _is_name(piece: str) -> bool:
    return (
        0 < len(piece) <= MAX_NAME
        and not _SENTENCE.search(piece)
        and is_complete_name(_strip_tag(piece))
    )


def _strip_tag(piece: str) -> str:
    name = clean_name(piece)
    return name.name if name else ""


# A line that only carries on a KPI: its bracketed years, or its value after a label.
_CONTINUES_KPI = re.compile(
    r"^(?:[(（][^()（）]{1,16}[)）]\s*)+$|^(?:約|累計|延べ)?\s*[\d０-９][\d０-９,，.．]*\s*\S{0,6}"
    r"(?:\s*[(（][^()（）]{1,16}[)）])*$"
)
# A KPI line cut after a value label or an arrow: its value is on the next line.
_OPEN_KPI = re.compile(r"(?:値|時|目標|現状|現況|基準|実績|[→➡⇒])\s*[:：]?\s*$")
_ARROW_START = re.compile(r"^[→➡⇒⇨➔➜]")
# A table or figure caption, or a unit note: 「表2 主な事業の年度別事業費（単位：千円）」
_CAPTION = re.compile(r"^(?:表|図|資料|別表)\s*[0-9０-９]|単位\s*[:：]")
_LABEL_VALUE = re.compile(r"^[^:：]{1,10}[:：]")


def _is_item(piece: str) -> bool:
    """A list item under a project-list label: short, not a sentence, any last word.

    A 「label：value」 line (「運行日：月曜日～金曜日」) is not an item.
    """
    name = _strip_tag(piece)
    return (
        0 < len(name) <= MAX_NAME
        and not _SENTENCE.search(name)
        and not _LABEL_VALUE.match(name)
        and not _CAPTION.search(piece)
    )


def _items(text: str, line: Line, *, phrases: bool = False) -> list[tuple[int, int]]:
    # a numbered line (①, (1), 1.) holds one item: its 「・」 never ends a phrase
    numbered = (h := heading(line.text)) is not None and h[1] is not None
    return split_items(text, line.start, line.end, phrases=phrases and not numbered)


def _label(line: Line) -> tuple[str | None, int | None]:
    """The family a label line names and, for an inline label, where its items start."""
    lx = lexicon()
    fam = lx.family(line.text, among=("project_list", "indicator"))
    if fam is not None:
        return fam, None
    m = _INLINE_LABEL.match(line.text)
    if m:
        label = m["label"] or m["bl"]
        fam = lx.family(label, among=("project_list", "indicator"))
        if fam is not None:
            rest = m.start("rest") if m["rest"] is not None else m.start("brest")
            return fam, line.start + rest
    return None, None


def _is_heading(line: Line) -> bool:
    """A numbered heading (①, (1), 基本目標1 …) or a boxed one (■ □ 【】 《》)."""
    return heading(line.text) is not None or line.text.startswith(("■", "□", "【", "《"))


def _project(
    text: str,
    s: int,
    e: int,
    kind: Literal["specific", "related"],
    rule: str,
    *,
    description: str | None = None,
) -> Project | None:
    name = clean_name(text, s, e)
    if name is None or len(name.name) > MAX_NAME or _SENTENCE.search(name.name):
        return None
    return Project(
        name=name.name,
        kind=kind,
        status=name.status,
        rule=rule,
        description=description,
        start=name.start,
        end=name.end,
    )


def read_cell(cell: Cell) -> CellFacts:
    """Projects (with their KPIs), cell-level KPIs, target rows and warnings of one cell."""
    facts = CellFacts()
    table_projects, facts.targets, facts.issues = read_tables(cell.tables, cell.text)
    found: list[Project] = list(table_projects)
    loose: list[Kpi] = []
    text = cell.text
    lines = cell_lines(cell)
    in_list = False
    barrier = -1  # KPIs attach only to projects printed after the last heading or KPI label
    prev_items = 0  # items on the lines just before (a run of list items)
    in_kpis = False  # lines under an indicator label (【成果指標】) are read as KPIs
    skip_next = False  # the next line was read with this one
    list_bullet = ""  # the mark of the list's items: a boxed line (□A) with it is an item
    item_line = False  # the previous line was a list item of its own (no description between)
    for i, line in enumerate(lines):
        run, prev_items = prev_items, 0
        after_item, item_line = item_line, False
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        table_between = nxt is not None and any(
            line.end <= t.start < nxt.start for t in cell.tables
        )
        if skip_next:
            skip_next = False
            continue
        om = OMISSION.search(line.text)
        if om is not None:
            in_list = False
            if om.start() == 0 or not is_kpi_line(line.text[: om.start()]):
                continue
            # 「指標:…→8人(令和10年度) 3…の確保-省略-」: the KPI before a run-in omission
            line = Line(line.start, line.start + om.start(), line.text[: om.start()].rstrip())
        family, inline_at = _label(line)
        if family == "project_list":
            in_list, list_bullet = True, ""
            if inline_at is not None:
                found += _list_projects(text, Line(inline_at, line.end, ""), "project_list")
                list_bullet = "inline"  # its items were on the label's line: a heading ends it
            continue
        if family == "indicator" and inline_at is None:
            in_list = False
            in_kpis = True
            barrier = line.start
            continue
        if in_kpis and not _is_heading(line) and family is None:
            kpis = parse_kpis(text[line.start : line.end], line.start, rule="kpi_line")
            if (
                (not kpis or kpis[-1].target is None)
                and nxt is not None
                and not _bulleted(nxt.text)
            ):  # 「・割合16.5 %」 + 「( R5年度)→25 %以上(R10年度)」: one KPI on two lines
                joined = parse_kpis(text[line.start : nxt.end], line.start, rule="kpi_line")
                if joined and joined[-1].target is not None:
                    kpis, skip_next = joined, True
            if kpis:
                _attach(found, loose, kpis, line.start, barrier)
                continue
        in_kpis = False
        # 「◇指標 朝食を…割合97.0%(R5年度)」 + 「→100%(R10年度)」: one KPI on two lines
        arrow_next = nxt is not None and not table_between and bool(_ARROW_START.match(nxt.text))
        if is_kpi_line(line.text) or family == "indicator" or arrow_next:
            if run >= 2:  # a KPI under a list of several items belongs to the section
                barrier = line.start
            end = line.end
            if (
                nxt is not None
                and not table_between
                and (arrow_next or _CONTINUES_KPI.match(nxt.text) or _OPEN_KPI.search(line.text))
            ):
                end, skip_next = nxt.end, True  # years or a value wrapped to the next line
            kpis = parse_kpis(text[line.start : end], line.start, rule="kpi_line")
            if not kpis:
                facts.issues.append(_issue("kpi_not_read", "a KPI line could not be read", line))
                continue
            _attach(found, loose, kpis, line.start, barrier)
            continue
        if _SENTENCE.search(line.text):  # a sentence: a description, never a list line
            head = _heading_with_description(text, line, any_name=in_list or run > 0)
            # an item's own description (or an item run into it) keeps its list open, and
            # the run of items it follows (a KPI after 「・A ・B 説明。」 is the section's)
            in_list = in_list and (run > 0 or head is not None)
            prev_items = run if head is None else 1
            if head is not None:
                found.append(head)
            elif _is_heading(line):
                barrier = line.start
            inner = patterns().kpi_label_anywhere.search(line.text, 1)
            if inner is not None:  # 「…を図ります。指標：…現状値…目標値…」
                at = line.start + inner.start()
                kpis = parse_kpis(text[at : line.end], at, rule="kpi_line")
                if kpis:
                    _attach(found, loose, kpis, at, barrier)
            continue
        items = _items(text, line, phrases=in_list)
        pieces = [fold(text[s:e]).strip() for s, e in items]
        all_names = bool(pieces) and all(_is_name(p) for p in pieces)
        all_items = bool(pieces) and all(_is_item(p) for p in pieces)
        follows = nxt is not None and not table_between and _describes(nxt, in_run=run > 0)
        heading_like = not _structural(line) and (
            all_names
            or (in_list and all_items and _is_heading(line) and not _structural(line))
            or (len(items) == 1 and all_items and _annotated(text, line))
        )
        # 「・A ・B ・C 説明。」: the last item of a running list is no heading of its own
        same_list = in_list and after_item and _mark_style(line.text) == list_bullet
        if len(items) == 1 and heading_like and (follows or table_between) and not same_list:
            p = _project(text, items[0][0], items[0][1], "specific", "project_heading")
            if p is not None:
                found.append(p)
                prev_items = 1
                if in_list and not list_bullet:
                    list_bullet = _mark_style(line.text)
                continue
        boxed_item = (
            in_list
            and all_items
            and _mark_style(line.text) == (list_bullet or _mark_style(line.text))
        )
        if _is_heading(line) and not boxed_item:
            barrier = line.start
        # a bullet of another kind after the list's items opens something else (「・A事業
        # ・B事業」 then 「○施策の方向」), unless it still names projects
        other_mark = (
            bool(list_bullet)
            and list_bullet != "inline"
            and _bulleted(line.text)
            and _mark_style(line.text) != list_bullet
            and not all_names
        )
        if other_mark:
            in_list = False
        if in_list and all_items and (not _is_heading(line) or all_names or boxed_item):
            list_bullet = _mark_style(line.text)
            item_line = True
            found += [p for s, e in items if (p := _project(text, s, e, "related", "project_list"))]
            prev_items = run + len(items)
            continue
        if in_list and _is_heading(line):
            in_list = False
        if all_names and _bulleted(line.text) and not _is_heading(line):
            found += [p for s, e in items if (p := _project(text, s, e, "related", "name_list"))]
            prev_items = run + len(items)
            continue
        if in_list and not all_items:
            in_list = False
    facts.projects = sorted(found, key=lambda p: p.start)
    facts.kpis = loose
    return facts


def _heading_with_description(text: str, line: Line, *, any_name: bool = False) -> Project | None:
    """「➢A事業〈新規〉【町】Aの説明をします。」: a project name run into its description.

    The name is what precedes the first tag or annotation bracket after a head noun (in a
    project list, ``any_name``: after any name, 「③多様な働き方の普及【新規】(担当:…)…。」).
    """
    pattern = _patterns_heading(any_name)
    m = pattern.match(fold(text[line.start : line.end]))
    if m is None:
        return None
    if m["bare"] is not None:
        s, e = line.start + m.start("bare"), line.start + m.end("bare")
    else:
        s, e = line.start + m.start("name"), line.start + m.end("tags")
    p = _project(text, s, e, "specific", "project_heading")
    if p is None or not (any_name or is_complete_name(p.name)):
        return None
    return p.model_copy(update={"description": m["rest"].strip() or None})


@cache
def _patterns_heading(any_name: bool) -> re.Pattern[str]:
    lx = lexicon()
    bullets = "".join(re.escape(b) for b in lx.bullets if len(b) == 1 and b not in "-－‐―*＊・")
    heads = "|".join(re.escape(h) for h in sorted(lx.head_nouns, key=len, reverse=True))
    end = "" if any_name else f"(?:{heads})"
    splits = "|".join(re.escape(h) for h in lx.split_heads)
    conts = "|".join(re.escape(c) for c in lx.continuations)
    return re.compile(
        rf"(?:[{bullets}]|[\u2460-\u2473]|[(（]\d{{1,2}}[)）])\s*(?:(?P<name>[^。、]{{2,40}}?{end})"
        r"(?P<tags>(?:\s*[〈【(（\[〔<＜][^〉】)）\]〕>＞]{1,16}[〉】)）\]〕>＞])+)"
        # no tag: 「○A運営支援事業認知症の人や家族が…。」, the name ends at a strong head noun
        rf"|(?P<bare>[^。、]{{4,40}}?(?:{splits}))(?!{conts}))"
        r"(?P<rest>.{8,}。)$"
    )


def _annotated(text: str, line: Line) -> bool:
    """A line whose name carries a 担当 annotation: 「■Aフェア（担当：産業振興課）」."""
    name = clean_name(text, line.start, line.end)
    return name is not None and bool(
        re.search(r"[(（【]\s*(?:担当|所管)", line.text[name.end - line.start :])
    )


def _structural(line: Line) -> bool:
    """A heading of the plan's structure (基本目標1, 施策1-2, I.), never a project."""
    h = heading(line.text)
    return h is not None and h[0] in ("goal", "chapter", "numbered")


def _mark_style(text: str) -> str:
    """The kind of mark a line opens with: ① and ② are one style, (1) and (2) another."""
    h = heading(text)
    if h is not None and h[1] is not None:
        return h[0]
    return text[:1]


def _bulleted(text: str) -> bool:
    return text.startswith(tuple(b for b in lexicon().bullets if b not in "-－‐―*＊"))


def _describes(line: Line, *, in_run: bool = False) -> bool:
    """A line that describes the project above it, or states its KPI.

    After a run of list items a KPI line states the section's KPI, not the last item's.
    """
    if is_kpi_line(line.text):
        return not in_run
    if heading(line.text) is not None or _label(line)[0] is not None:
        return False
    body = line.text.lstrip("・ ")
    return bool(_SENTENCE.search(body)) or len(body) > MAX_NAME


def _list_projects(text: str, line: Line, rule: str) -> list[Project]:
    return [
        p
        for s, e in _items(text, line, phrases=True)
        if (p := _project(text, s, e, "related", rule))
    ]


def _attach(found: list[Project], loose: list[Kpi], kpis: list[Kpi], at: int, barrier: int) -> None:
    """KPIs go to the nearest project printed before ``at`` (after ``barrier``), else the cell."""
    # a project-table row has its own KPI column: a KPI line after the table is the section's
    before = [
        k for k, p in enumerate(found) if barrier < p.start < at and p.rule != "project_table"
    ]
    if not before:
        loose.extend(kpis)
        return
    k = max(before, key=lambda j: found[j].start)
    p = found[k]
    found[k] = p.model_copy(update={"kpis": p.kpis + kpis, "kind": "specific"})


def _issue(code: str, message: str, line: Line) -> Issue:
    return Issue(code=code, message=message, text=line.text, start=line.start, end=line.end)


__all__ = ["CellFacts", "cell_lines", "patterns", "read_cell"]
