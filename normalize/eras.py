"""和暦 (Japanese era) dates to Gregorian: years, fiscal years (年度), full dates, ranges.

Pure functions on strings; offsets index the given text. GiNZA's statistical NER misses
令和 (ginza issue #127), so eras are found by these rules only.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from shinkyu.schemas.model import EraDate

from .numbers import KANJI_NUMERAL, ascii_digits, kanji_to_int


@dataclass(frozen=True)
class Era:
    name: str
    letter: str
    first_day: date


# Official first days (the day the new era name took effect).
ERAS = (
    Era("明治", "M", date(1868, 10, 23)),
    Era("大正", "T", date(1912, 7, 30)),
    Era("昭和", "S", date(1926, 12, 25)),
    Era("平成", "H", date(1989, 1, 8)),
    Era("令和", "R", date(2019, 5, 1)),
)
BY_NAME = {e.name: e for e in ERAS}
BY_LETTER = {e.letter: e for e in ERAS}


def era_last_day(era: Era) -> date | None:
    i = ERAS.index(era)
    return ERAS[i + 1].first_day - timedelta(days=1) if i + 1 < len(ERAS) else None


def gregorian_year(era: Era, era_year: int) -> int:
    return era.first_day.year + era_year - 1


_NUM = rf"(?:\d{{1,4}}|[{KANJI_NUMERAL}]{{1,4}})"
_YEAR = rf"(?:\d{{1,2}}|元|[{KANJI_NUMERAL}]{{1,3}})"
# 令和5年4月1日, 令和元年度, 平成 26 年 11 月, 令和七年, 令和12（2030）年度, 令和7年度末
_FULL = (
    r"(?P<era>明治|大正|昭和|平成|令和)\s*(?P<y>" + _YEAR + r")\s*"
    r"(?:[(（]\s*(?P<gy2>\d{4})\s*[)）]\s*)?(?P<nen>年度|年)"
    rf"(?:\s*(?P<m>{_NUM})\s*月(?:\s*(?P<d>{_NUM})\s*日)?)?(?P<end>末)?"
)
# R5, H27, R5.4.1, R5/4/1, R5年度 (not inside a Latin word or a longer number)
_ABBR = (
    r"(?<![A-Za-z0-9])(?P<letter>[MTSHR])\s?(?P<ay>\d{1,2}|元)"
    r"(?:(?P<anen>年度|年)|[./](?P<am>\d{1,2})(?:[./](?P<ad>\d{1,2}))?)?(?P<aend>末)?"
    r"(?![\d.A-Za-z])"
)
# 2030年, 2030年度, 2025年3月, 2024年4月1日, 2025年3月末, 2025年度末
_GREG = (
    r"(?<![\d.,])(?P<gy>1[89]\d{2}|20\d{2})\s*(?P<gnen>年度|年)"
    r"(?:\s*(?P<gm>\d{1,2})\s*月(?:\s*(?P<gd>\d{1,2})\s*日)?)?(?P<gend>末)?"
)
# 「令和7」 alone (a table header): a calendar year, as 「R7」 is
_BARE_ERA = r"(?P<bera>明治|大正|昭和|平成|令和)\s*(?P<by0>\d{1,2}|元)(?![\d年.,])"
POINT = re.compile(rf"(?:{_FULL})|(?:{_ABBR})|(?:{_GREG})|(?:{_BARE_ERA})")
# 「令和2～8年度」: one era, two years, one 年度 — a range written short
SHORT_RANGE = re.compile(
    r"(?:(?P<era>明治|大正|昭和|平成|令和)\s*(?P<y1>"
    + _YEAR
    + r")|(?<![\d.,])(?P<g1>1[89]\d{2}|20\d{2}))\s*[～〜~]\s*(?P<y2>\d{1,4}|元|["
    + KANJI_NUMERAL
    + r"]{1,3})\s*(?P<nen>年度|年)"
)
# the second end of a range may drop the era: 令和2年～7年
_BARE = rf"(?P<by>{_YEAR})\s*(?P<bnen>年度|年)(?P<bend>末)?"
_BARE_MONTH = re.compile(rf"(?P<bm>{_NUM})\s*月(?:\s*(?P<bd>{_NUM})\s*日)?(?P<bend>末)?")
RANGE_SEP = re.compile(r"\s*(?:[～〜~]|から|－|ー|-|―)\s*")
RECURRENCE = re.compile(r"[各毎]年度?末?")
# 「2030年度（令和12年度）」: a date and the same year in the other calendar, in brackets.
_ECHO_OPEN = re.compile(r"\s*[(（]\s*")
_ECHO_CLOSE = re.compile(r"\s*[)）]")


def _day_span(y: int, month: int | None, day: int | None, fiscal: bool) -> tuple[date, date] | None:
    try:
        if fiscal and month is None:
            return date(y, 4, 1), date(y + 1, 3, 31)
        if month is None:
            return date(y, 1, 1), date(y, 12, 31)
        if fiscal and month < 4:  # 令和5年度3月 = March of the following calendar year
            y += 1
        if day is None:
            return date(y, month, 1), date(y, month, calendar.monthrange(y, month)[1])
        d = date(y, month, day)
        return d, d
    except ValueError:
        return None


def _check(era: Era, first: date, last: date) -> str | None:
    """Whether the covered days meet the era's own days."""
    end = era_last_day(era)
    if last < era.first_day:
        return "before_era_start"
    if end is not None and first > end:
        return "after_era_end"
    return None


def make_date(
    text: str,
    era: Era | None,
    era_year: int,
    *,
    fiscal: bool = False,
    month: int | None = None,
    day: int | None = None,
    end_of: bool = False,
    start: int = 0,
    end: int | None = None,
) -> EraDate:
    """An :class:`EraDate` from its parts; impossible dates are kept with a ``warning``.

    ``era`` None means ``era_year`` is a Gregorian year. ``end_of`` (「年度末」, 「3月末」) makes
    the date the last day of what it names.
    """
    year = gregorian_year(era, era_year) if era is not None else era_year
    span = _day_span(year, month, day, fiscal) if era_year >= 1 else None
    if span is not None and end_of:
        span = (span[1], span[1])
    warning = "invalid_date" if span is None else (_check(era, *span) if era else None)
    return EraDate(
        text=text,
        era=era.name if era else None,
        era_year=era_year if era else None,
        year=year,
        month=month,
        day=day,
        fiscal=fiscal,
        start_date=span[0] if span else None,
        end_date=span[1] if span else None,
        start=start,
        end=start + len(text) if end is None else end,
        warning=warning,
    )


def _int(s: str | None) -> int | None:
    return None if s is None else kanji_to_int(s)


def _point(m: re.Match[str], text: str) -> EraDate | None:
    era: Era | None
    if m["era"]:
        era = BY_NAME[m["era"]]
        y, fiscal, month, day = _int(m["y"]), m["nen"] == "年度", _int(m["m"]), _int(m["d"])
        end_of = bool(m["end"])
    elif m["bera"]:
        era = BY_NAME[m["bera"]]
        y, fiscal, month, day, end_of = _int(m["by0"]), False, None, None, False
    elif m["letter"]:
        era = BY_LETTER[m["letter"]]
        y, fiscal, month, day = _int(m["ay"]), m["anen"] == "年度", _int(m["am"]), _int(m["ad"])
        end_of = bool(m["aend"])
    else:
        era = None
        y, fiscal, month, day = _int(m["gy"]), m["gnen"] == "年度", _int(m["gm"]), _int(m["gd"])
        end_of = bool(m["gend"])
    if y is None:
        return None
    return make_date(
        text[m.start() : m.end()],
        era,
        y,
        fiscal=fiscal,
        month=month,
        day=day,
        end_of=end_of,
        start=m.start(),
    )


def _echo(norm: str, text: str, d: EraDate, nxt: EraDate | None) -> EraDate | None:
    """``d`` extended over a bracketed echo of itself in the other calendar, if one follows."""
    if nxt is None or nxt.year != d.year or (nxt.era is None) == (d.era is None):
        return None
    op = _ECHO_OPEN.match(norm, d.end)
    if op is None or op.end() != nxt.start:
        return None
    cl = _ECHO_CLOSE.match(norm, nxt.end)
    if cl is None:
        return None
    return d.model_copy(update={"text": text[d.start : cl.end()], "end": cl.end()})


def _short_range(m: re.Match[str], text: str) -> EraDate | None:
    """「令和2～8年度」: both ends in the start's era, the 年度 printed once."""
    era = BY_NAME[m["era"]] if m["era"] else None
    y1, y2 = (_int(m["y1"]) if era else _int(m["g1"])), _int(m["y2"])
    if y1 is None or y2 is None or (era is None and y2 < 1000):
        return None
    fiscal = m["nen"] == "年度"
    first = make_date(text[m.start() : m.end()], era, y1, fiscal=fiscal, start=m.start())
    last = make_date(text[m.start("y2") : m.end()], era, y2, fiscal=fiscal, start=m.start("y2"))
    return _range(text, first, last)


def find_dates(text: str) -> list[EraDate]:
    """Every date, range (～ 〜 ~, から…まで) and recurrence (各年度, 毎年度) in ``text``.

    Dates are 和暦 (令和5年度, R5, 令和12（2030）年度) or Gregorian (2030年度, 2025年3月);
    「2030年度（令和12年度）」 is one date.
    """
    norm = ascii_digits(text)
    found: list[EraDate] = []
    shorts = list(SHORT_RANGE.finditer(norm))
    found += [r for m in shorts if (r := _short_range(m, text)) is not None]
    for m in POINT.finditer(norm):
        if any(s.start() <= m.start() < s.end() for s in shorts):
            continue
        d = _point(m, text)
        if d is not None:
            found.append(d)
    found.sort(key=lambda d: d.start)
    points: list[EraDate] = []
    k = 0
    while k < len(found):
        merged = _echo(norm, text, found[k], found[k + 1] if k + 1 < len(found) else None)
        points.append(merged or found[k])
        k += 2 if merged else 1
    out: list[EraDate] = []
    i = 0
    while i < len(points):
        first = points[i]
        sep = RANGE_SEP.match(norm, first.end)
        if sep and first.year is not None and first.kind == "date":
            nxt = points[i + 1] if i + 1 < len(points) else None
            last: EraDate | None = None
            if nxt is not None and nxt.start == sep.end():
                last, i = nxt, i + 1
            elif first.month is not None and (bm := _BARE_MONTH.match(norm, sep.end())):
                # 「2023年8月から9月まで」: the end keeps the start's year
                last = make_date(
                    text[bm.start() : bm.end()],
                    BY_NAME[first.era] if first.era else None,
                    (first.era_year if first.era else first.year) or 0,
                    fiscal=first.fiscal,
                    month=_int(bm["bm"]),
                    day=_int(bm["bd"]),
                    end_of=bool(bm["bend"]),
                    start=bm.start(),
                )
            elif first.era is not None and first.era_year is not None:
                bare = re.compile(_BARE).match(norm, sep.end())
                y = _int(bare["by"]) if bare else None
                if bare and y is not None:
                    last = make_date(
                        text[bare.start() : bare.end()],
                        BY_NAME[first.era],
                        y,
                        fiscal=bare["bnen"] == "年度",
                        end_of=bool(bare["bend"]),
                        start=bare.start(),
                    )
            if last is not None:
                out.append(_range(text, first, last))
                i += 1
                continue
        out.append(first)
        i += 1
    for m in RECURRENCE.finditer(norm):
        if any(d.start <= m.start() < d.end for d in out):
            continue
        out.append(
            EraDate(
                text=m.group(),
                kind="recurrence",
                era=None,
                era_year=None,
                year=None,
                fiscal=m.group().endswith("年度"),
                start_date=None,
                end_date=None,
                start=m.start(),
                end=m.end(),
            )
        )
    return sorted(out, key=lambda d: d.start)


def _range(text: str, first: EraDate, last: EraDate) -> EraDate:
    end = last.end
    if text.startswith("まで", end):
        end += 2
    warning = first.warning or last.warning
    if warning is None and first.start_date and last.end_date and last.end_date < first.start_date:
        warning = "invalid_date"
    return first.model_copy(
        update={
            "kind": "range",
            "text": text[first.start : end],
            "end": end,
            "end_date": last.end_date,
            "until": last,
            "warning": warning,
        }
    )


def iter_years(dates: list[EraDate]) -> Iterator[int]:
    for d in dates:
        if d.year is not None:
            yield d.year
