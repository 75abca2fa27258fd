"""Text building for a nested table of 200, 800 and 1,600 rows: time per row should stay flat.

Run as ``python bench/nested_table.py``. Each cell's text used to be cut from the whole text
joined again, so the time grew with the square of the rows (0.44 / 3.5 / 12.4 s measured
before the fix); the cell text is now read back from the end only.
"""

from __future__ import annotations

import time

from shinkyu.extract.layout import Char, Line, TextBuilder
from shinkyu.extract.rows import _write_lines


def _cell(text: str) -> list[Line]:
    return [Line([Char(ch, i * 10.0, i * 10.0 + 10, 0, 10, 10) for i, ch in enumerate(text)])]


def main() -> None:
    base = None
    for n in (200, 800, 1600):
        rows = [[_cell(f"項目{i}"), _cell(f"{i * 3}人"), _cell("令和7年")] for i in range(n)]
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            TextBuilder().add_table(rows, _write_lines)
            best = min(best, time.perf_counter() - t0)
        per_row = best / n
        base = base or per_row
        print(f"{n:>5} rows  {best:7.3f} s  {per_row * 1e6:7.1f} µs/row  {per_row / base:4.2f}x")


if __name__ == "__main__":
    main()
