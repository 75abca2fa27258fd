"""KPIs and indicator values read from running text or from one table cell.

The forms, all found anywhere in a text (offsets index the given text):

* arrow: 「チームを構成する事業者数 21 事業者 → 75 事業者 (令和元年) (令和7年)」, several in a row,
  with ➡ ⇒ …; a value may carry its own year 「12人（R2） → 20人（R7）」, a qualifier
  (約 / 以上 / 未満) or be a dash 「－」 (no baseline), and the target may be a word (「増加」);
* labelled: 「指標：待機児童数 現状値 12人（R5） 目標値 0人（R11）」, 「現状値：…、目標値：…」;
* a word target: 「目標：地域活動への参加者数 維持」;
* not set: 「KPIの設定が困難なため 設定しない」.

The label that opens a KPI line (「KPI：」, 「指標：」, 【KPI】) is not part of the indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from shinkyu.schemas.lexicon import alternation as _alt
from shinkyu.schemas.lexicon import lexicon
from shinkyu.schemas.model import EraDate, Kpi, Quantity

from .eras import find_dates
from .numbers import fold, parse_quantity, squeeze_name


@dataclass(frozen=True)
class Patterns:
    arrow: re.Pattern[str]
    value: str
    kpi_label: re.Pattern[str]
    kpi_label_anywhere: re.Pattern[str]
    labelled: re.Pattern[str]
    note: re.Pattern[str]
    right: re.Pattern[str]
    target_only: re.Pattern[str]
    not_set: re.Pattern[str]
    year_paren: re.Pattern[str]


@cache
def patterns() -> Patterns:
    """The KPI regexes, compiled once from the lexicon."""
    lx = lexicon()
    arrows = _alt(lx.arrows)
    qb = _alt(lx.qualifiers_before)
    qa = _alt(lx.qualifiers_after)
    num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    # a unit: any short word (人泊, 事業者), a Latin one may end in 2 or 3 (m2, t-CO2), «/人・日»
    unit = (
        r"(?:[^\s\d()（）→➡⇒⇨、。,:：/]{0,6}(?:(?<=[A-Za-z])[23])?)"
        r"(?:/[^\s\d()（）→➡⇒⇨、。,:：]{1,5})?"
    )
    pre = _alt(lx.value_prefix)
    value = (
        rf"(?:(?:{pre})\s*)?(?:(?:{qb})\s*)?[△▲]?(?:(?:{num})\s?[兆億万]\s?)?(?:{num})\s?[千万億兆]?"
        rf"(?:\s*[～〜~]\s*(?:{num})\s?[千万億兆]?)?\s?{unit}(?:\s*(?:{qa}))?"
        rf"|[-－―ー‐−]|(?<![第十〇一二三四五六七八九])二(?=\s*(?:{arrows}))"  # OCR misread of －
    )
    notes = _alt(lx.target_notes)
    labels = [
        w for fam in ("indicator",) for w in lx.families[fam].prefix + lx.families[fam].exact
    ] + ["目標", "KPI"]
    label_re = _alt(tuple(labels))
    # 「KPI：」, 「【成果指標】」, 「〔施策の評価指標〕」: a label that opens a KPI
    label = (
        rf"(?:[【\[〔<(（《][^】\]〕>)）》]{{0,8}}?(?:{label_re})[^】\]〕>)）》]{{0,8}}"
        rf"[】\]〕>)）》]\s*[:：]?|(?:{label_re})\s*[:：])\s*"
    )
    base = _alt(lx.families["baseline"].prefix + lx.families["baseline"].exact)
    targ = _alt(lx.families["target"].prefix + lx.families["target"].exact)
    return Patterns(
        arrow=re.compile(rf"\s*(?:{arrows})\s*"),
        value=value,
        kpi_label=re.compile(rf"^\s*{label}"),
        kpi_label_anywhere=re.compile(label),
        labelled=re.compile(
            rf"(?:[(（【]?\s*(?:{base})\s*[)）】]?\s*[:：]?\s*(?P<b>{value})"
            r"(?:\s*[(（][^()（）]{1,16}[)）])?)?[\s、,/／]*"
            rf"(?:[(（【]?\s*(?:{targ})\s*[)）】]?\s*[:：]?\s*(?P<t>{value}|{notes}))"
        ),
        note=re.compile(rf"(?P<note>{notes})\s*$"),
        # after an arrow: a value, a known word target, or any short word (「全団体」)
        right=re.compile(
            rf"(?P<val>{value}|{notes}|[^\s\d()（）、。,→➡⇒]{{1,8}}(?=\s*(?:[(（]|$)))"
        ),
        target_only=re.compile(
            rf"(?<![\d,.])(?P<val>{value})"
            r"(?:\s*[(（][^()（）]{1,16}[)）])*\s*$"
        ),
        not_set=re.compile(_alt(lx.not_set)),
        year_paren=re.compile(r"\s*[(（]\s*(?P<y>[^()（）]{1,16})\s*[)）]"),
    )


def _years(text: str, pos: int) -> tuple[list[tuple[EraDate, int, int]], int]:
    """Bracketed dates right after ``pos`` (「(令和元年) (令和7年)」), and where they end."""
    p = patterns()
    out: list[tuple[EraDate, int, int]] = []
    while m := p.year_paren.match(text, pos):
        dates = find_dates(m["y"])
        if not dates:
            break
        out.append((dates[0], m.start(), m.end()))
        pos = m.end()
    return out, pos


def with_year(q: Quantity | None, date: EraDate | None) -> Quantity | None:
    """The quantity with the year (or every-year recurrence) a date gives it."""
    if q is None or date is None:
        return q
    if date.kind == "recurrence":
        return q.model_copy(update={"every_year": True, "year_text": date.text})
    return q.model_copy(update={"year": date.year, "year_text": date.text})


def read_value(text: str, start: int, end: int) -> Quantity | None:
    """The quantity printed in ``text[start:end]``, offsets set, or None."""
    raw = text[start:end]
    lx = lexicon()
    lead_word = next(
        (
            w
            for w in sorted(lx.value_prefix, key=len, reverse=True)
            if w not in lx.qualifiers_before and fold(raw).lstrip().startswith(w)
        ),
        None,
    )
    if lead_word is not None:  # 「累計45件」, 「年間240件」: the word is not part of the value
        cut = fold(raw).index(lead_word) + len(lead_word)
        start, raw = start + cut, raw[cut:]
    q = parse_quantity(raw)
    if q is None:
        return None
    if lead_word in ("毎年度", "各年度", "毎年"):  # 「毎年度10件以上」
        q = q.model_copy(update={"every_year": True, "year_text": lead_word})
    lead = len(raw) - len(raw.lstrip())
    s = start + lead
    return q.model_copy(update={"start": s, "end": s + len(raw.strip())})


_BARE_LABEL = re.compile(r"^(?:指標|成果指標|評価指標|数値目標|KPI|ＫＰＩ)(?=[^\sのをがはと]\S{3})")
LEAD_MARKS = re.compile(r"^(?:[\s・○〇●◎■□◆◇➢▶▸►☆★※\-－、,\u2460-\u2473]|[(（]\d{1,2}[)）])+")


def _indicator(text: str, start: int, end: int) -> tuple[str, int]:
    """The indicator name in ``text[start:end]`` (label and footnote marks removed)."""
    piece = text[start:end]
    folded_piece = fold(piece)
    cut = folded_piece.rfind("。")
    if cut >= 0:
        start += cut + 1
        piece = piece[cut + 1 :]
    inner = patterns().kpi_label_anywhere.search(fold(piece))
    if inner is not None:
        start += inner.end()
        piece = piece[inner.end() :]
    label = patterns().kpi_label.match(piece)
    if label is not None:
        start += label.end()
        piece = piece[label.end() :]
    folded = re.sub(r"※\s*\d*", "", fold(piece))
    folded = LEAD_MARKS.sub("", folded)
    folded = _BARE_LABEL.sub("", folded)  # 「指標 朝食を…」 with its space lost
    if re.search(r"[:：]\s*$", folded):  # 「目標 通いの場の参加者数：(R4)…」
        folded = re.sub(r"^目標(?=\S{3})", "", folded)
    folded = re.sub(r"[\s、,:：]+$", "", folded)
    blank = len(piece) - len(piece.lstrip())
    return squeeze_name(folded), start + blank


def parse_kpis(text: str, offset: int = 0, *, rule: str = "kpi_text") -> list[Kpi]:
    """Every KPI in ``text``; offsets are shifted by ``offset`` (where text sits in its cell)."""
    p = patterns()
    folded = fold(text)
    kpis: list[Kpi] = []
    value_then_arrow = re.compile(
        r"(?P<pre>[(（]\s*(?:[MTSHR令平昭]|\d{4})[^()（）]{0,11}[)）]\s*)?"
        rf"(?P<val>{p.value})"
        rf"(?P<yb>\s*[(（][^()（）]{{1,16}}[)）])?"
    )
    pos = 0
    for arrow in p.arrow.finditer(folded):
        if arrow.start() < pos:
            continue
        # the baseline: the last value before the arrow (after the indicator)
        left = None
        for m in value_then_arrow.finditer(folded, pos):
            if m.end() > arrow.start():
                break
            if m.end() == arrow.start() or folded[m.end() : arrow.start()].strip() == "":
                left = m
        if left is None:
            continue
        # 「(R5)0人 → (R8)10人」: each value's year printed before it
        t_pre, t_at = _years(folded, arrow.end())
        right = p.right.match(folded, t_at)
        if right is None:
            continue
        b_own, _ = _years(folded, left.end("val"))
        if not b_own and left["pre"]:
            b_own, _ = _years(folded, left.start("pre"))
        ys, end = _years(folded, right.end("val"))
        ys = t_pre + ys
        years = [d for d, _, _ in ys]
        b_year: EraDate | None = None
        t_year: EraDate | None = None
        if b_own:
            b_year, t_year = b_own[0][0], (years[0] if years else None)
        elif len(years) >= 2:
            b_year, t_year = years[0], years[1]
        elif years:
            t_year = years[0]
        baseline = read_value(text, left.start("val"), left.end("val"))
        target = read_value(text, right.start("val"), right.end("val"))
        note = None
        if target is None:
            note = squeeze_name(folded[right.start("val") : right.end("val")])
        indicator, ind_start = _indicator(
            text, pos, left.start("pre") if left["pre"] else left.start("val")
        )
        kpis.append(
            Kpi(
                indicator=indicator,
                baseline=_shift(with_year(baseline, b_year), offset),
                target=_shift(with_year(target, t_year), offset),
                target_note=note,
                rule=rule,
                start=offset + ind_start,
                end=offset + end,
            )
        )
        pos = end
    if kpis:
        return kpis
    return _labelled_or_note(text, folded, offset, rule)


def _labelled_or_note(text: str, folded: str, offset: int, rule: str) -> list[Kpi]:
    p = patterns()
    stripped = folded.strip()
    if not stripped:
        return []
    s0 = folded.index(stripped)
    ns = p.not_set.search(folded)
    if ns:
        return [
            Kpi(
                indicator="",
                not_set=True,
                note=" ".join(text.split()),
                target_note=_not_set_word(folded[ns.start() :]),
                rule=rule,
                start=offset + s0,
                end=offset + s0 + len(stripped),
            )
        ]
    found: list[Kpi] = []
    prev_end = 0
    for m in p.labelled.finditer(folded):
        if m.start("t") < 0:
            continue
        ind_end = m.start()
        indicator, ind_start = _indicator(text, prev_end, ind_end)
        b_val = m.start("b") >= 0
        b_years, _ = _years(folded, m.end("b")) if b_val else ([], 0)
        t_years, end = _years(folded, m.end("t"))
        target = read_value(text, m.start("t"), m.end("t"))
        note = None if target is not None else squeeze_name(m["t"])
        baseline = read_value(text, m.start("b"), m.end("b")) if b_val else None
        prev_end = max(end, m.end())
        found.append(
            Kpi(
                indicator=indicator,
                baseline=_shift(with_year(baseline, b_years[0][0] if b_years else None), offset),
                target=_shift(with_year(target, t_years[0][0] if t_years else None), offset),
                target_note=note,
                rule=rule,
                start=offset + ind_start,
                end=offset + prev_end,
            )
        )
    if found:
        return found
    if p.kpi_label.match(folded) or rule == "kpi_column":  # 「目標：指標 年間240件以上（各年度）」
        m3 = p.target_only.search(folded)
        if m3 and m3.start() > 0:
            indicator, ind_start = _indicator(text, 0, m3.start())
            years, _ = _years(folded, m3.end("val"))
            target = read_value(text, m3.start("val"), m3.end("val"))
            if indicator and target is not None:
                return [
                    Kpi(
                        indicator=indicator,
                        target=_shift(with_year(target, years[-1][0] if years else None), offset),
                        rule=rule,
                        start=offset + ind_start,
                        end=offset + s0 + len(stripped),
                    )
                ]
    m2 = p.note.search(stripped)
    if m2 and m2.start() > 0:
        indicator, ind_start = _indicator(text, s0, s0 + m2.start())
        if indicator:
            return [
                Kpi(
                    indicator=indicator,
                    target_note=m2["note"],
                    rule=rule,
                    start=offset + ind_start,
                    end=offset + s0 + len(stripped),
                )
            ]
    return []


def _not_set_word(rest: str) -> str:
    """The printed verdict: 「設定しない」 of 「設定が困難なため 設定しない」."""
    found = [m.group() for m in patterns().not_set.finditer(rest)]
    finals = [w for w in found if w.endswith(("しない", "なし"))]
    return (finals or found or ["設定しない"])[-1]


def _shift(q: Quantity | None, offset: int) -> Quantity | None:
    if q is None or q.start is None or q.end is None:
        return q
    return q.model_copy(update={"start": q.start + offset, "end": q.end + offset})


def is_kpi_line(line: str) -> bool:
    """A line that states a KPI: opened by a KPI label, or holding value → value."""
    p = patterns()
    folded = fold(line)
    m = p.kpi_label.match(folded)
    if m:
        return bool(folded[m.end() :].strip())
    if "。" in folded:  # a sentence (「対象を77歳以上→80歳以上に見直し…。」) is no KPI line
        return False
    return bool(parse_kpis(line)) and bool(p.arrow.search(folded))
