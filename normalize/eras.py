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
# 令和5年4月1日, 令和元年度, 平成 26 年 11 月, 令和七年
_FULL = (
    r"(?P<era>明治|大正|昭和|平成|令和)\s*(?P<y>" + _YEAR + r")\s*(?P<nen>年度|年)"
    rf"(?:\s*(?P<m>{_NUM})\s*月(?:\s*(?P<d>{_NUM})\s*日)?)?"
)
# R5, H27, R5.4.1, R5/4/1, R5年度 (not inside a Latin word or a longer number)
_ABBR = (
    r"(?<![A-Za-z0-9])(?P<letter>[MTSHR])\s?(?P<ay>\d{1,2}|元)"
    r"(?:(?P<anen>年度|年)|[./](?P<am>\d{1,2})(?:[./](?P<ad>\d{1,2}))?)?(?![\d.A-Za-z])"
)
POINT = re.compile(rf"(?:{_FULL})|(?:{_ABBR})")
# the second end of a range may drop the era: 令和2年～7年
_BARE = rf"(?P<by>{_YEAR})\s*(?P<bnen>年度|年)"
RANGE_SEP = re.compile(r"\s*(?:[～〜~]|から)\s*")
RECURRENCE = re.compile(r"[各毎]年度?")


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
    era: Era,
    era_year: int,
    *,
    fiscal: bool = False,
    month: int | None = None,
    day: int | None = None,
    start: int = 0,
    end: int | None = None,
) -> EraDate:
    """An :class:`EraDate` from its parts; impossible dates are kept with a ``warning``."""
    year = gregorian_year(era, era_year)
    span = _day_span(year, month, day, fiscal) if era_year >= 1 else None
    warning = "invalid_date" if span is None else _check(era, *span)
    return EraDate(
        text=text,
        era=era.name,
        era_year=era_year,
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
    if m["era"]:
        era = BY_NAME[m["era"]]
        y, fiscal, month, day = _int(m["y"]), m["nen"] == "年度", _int(m["m"]), _int(m["d"])
    else:
        era = BY_LETTER[m["letter"]]
        y, fiscal, month, day = _int(m["ay"]), m["anen"] == "年度", _int(m["am"]), _int(m["ad"])
    if y is None:
        return None
    return make_date(
        text[m.start() : m.end()], era, y, fiscal=fiscal, month=month, day=day, start=m.start()
    )


def find_dates(text: str) -> list[EraDate]:
    """Every era date, range (～ 〜 ~, から…まで) and recurrence (各年度, 毎年度) in ``text``."""
    norm = ascii_digits(text)
    points: list[EraDate] = []
    for m in POINT.finditer(norm):
        d = _point(m, text)
        if d is not None:
            points.append(d)
    out: list[EraDate] = []
    i = 0
    while i < len(points):
        first = points[i]
        sep = RANGE_SEP.match(norm, first.end)
        if sep and first.era is not None and first.era_year is not None:
            nxt = points[i + 1] if i + 1 < len(points) else None
            last: EraDate | None = None
            if nxt is not None and nxt.start == sep.end():
                last, i = nxt, i + 1
            else:
                bare = re.compile(_BARE).match(norm, sep.end())
                y = _int(bare["by"]) if bare else None
                if bare and y is not None:
                    last = make_date(
                        text[bare.start() : bare.end()],
                        BY_NAME[first.era],
                        y,
                        fiscal=bare["bnen"] == "年度",
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
