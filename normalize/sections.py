"""Headings (I., 1., 基本目標1, 《基本的方向》, (1), ①) and omission markers (「－ 省 略 －」).

Pure functions on a cell's text, line by line. An omission marker on a line of its own covers
the line before it (「①婚活支援の推進」 then 「－ 省 略 －」); at the end of a line it covers the
start of that line (「①…～④… — 省 略 —」).
"""

from __future__ import annotations

import re
from typing import Literal

from shinkyu.schemas.model import Section

from .numbers import fold

Level = Literal["chapter", "numbered", "goal", "bracket", "paren", "circled", "none"]

OMISSION = re.compile(r"\s*[-－—ー―‐]\s*省\s*略\s*[-－—ー―‐]\s*$")
HEADINGS: tuple[tuple[Level, re.Pattern[str]], ...] = (
    ("chapter", re.compile(r"(?P<label>[IVX]+\.|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.?)\s*(?P<title>\S.*)")),
    # "1. 策定の経過", not a decimal such as "57.7%→60%" that wrapped to a line start
    ("numbered", re.compile(r"(?P<label>\d{1,2}\.)(?!\d)\s*(?P<title>\S.*)")),
    # 「2 推進体制」: a section number and a space (printed 「２　推進体制」)
    ("numbered", re.compile(r"(?P<label>\d{1,2})\s+(?P<title>[^\s\d].*)")),
    (
        "goal",
        re.compile(
            r"(?P<label>(?:基本目標|基本方針|基本施策|施策の方向|重点施策|重点項目|施策|政策|"
            r"取組方針)\s*(?:\d+|[IVXⅠ-Ⅹ]+)(?:\s*[-－‐.・]\s*\d+)*"
            r"|第\s*\d+\s*[章節部編])\s*(?P<title>.*)"
        ),
    ),
    ("bracket", re.compile(r"《(?P<title>[^》]+)》\s*")),
    ("paren", re.compile(r"(?P<label>\(\s*(?:\d{1,2}|[ア-ン])\s*\))\s*(?P<title>\S.*)")),
    ("circled", re.compile(r"(?P<label>[\u2460-\u2473])\s*(?P<title>\S.*)")),
)
RANGE_LABEL = re.compile(
    r"^(?P<a>[\u2460-\u2473]|\d{1,2}\.).*[～〜~]\s*(?P<b>[\u2460-\u2473]|\d{1,2}\.)"
)


def heading(line: str) -> tuple[Level, str | None, str] | None:
    """(level, label, title) when the (folded, stripped) line is a heading."""
    for level, pattern in HEADINGS:
        m = pattern.fullmatch(line)
        if m:
            label = m.groupdict().get("label")
            return level, re.sub(r"\s", "", label) if label else None, m["title"].strip()
    return None


def _omitted(covered: str, start: int, end: int) -> Section:
    m = RANGE_LABEL.match(covered)
    h = heading(covered)
    label = f"{m['a']}～{m['b']}" if m else (h[1] if h else None)
    return Section(
        kind="omitted",
        level=h[0] if h else "none",
        label=label,
        title=covered,
        start=start,
        end=end,
    )


def cell_sections(text: str) -> list[Section]:
    folded = fold(text)
    out: list[Section] = []
    prev: tuple[str, int, int] | None = None  # the previous non-empty line and its span
    for m in re.finditer(r"[^\n]+", folded):
        raw = m.group()
        body = raw.strip()
        if not body or "\t" in raw:
            prev = None
            continue
        s = m.start() + raw.index(body)
        e = s + len(body)
        om = OMISSION.search(body)
        if om and om.start() == 0:
            if prev is not None:
                out.append(_omitted(prev[0], prev[1], e))
            else:
                out.append(
                    Section(kind="omitted", level="none", label=None, title="", start=s, end=e)
                )
        elif om:
            covered = body[: om.start()].strip()
            out.append(_omitted(covered, s, e))
        else:
            h = heading(body)
            if h:
                out.append(
                    Section(kind="heading", level=h[0], label=h[1], title=h[2], start=s, end=e)
                )
        prev = (body, s, e)
    return out
