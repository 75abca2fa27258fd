"""Camelot lattice as the second grid engine (``table_engine="camelot"``).

:func:`camelot_grids` is a :data:`~shinkyu.extract.pdf.GridFinder`: it runs camelot's lattice
parser (page images rendered in process by pypdfium2, no ghostscript or poppler) and turns each
table camelot finds into the :class:`~shinkyu.extract.geometry.Grid` of the OUTER table only.

Camelot puts every ruled line it sees inside a table into that table's ``cols``/``rows``,
the lines of tables printed inside a cell included, and also reports those nested tables as
tables of their own. So:

* a table lying inside another one is dropped;
* a row boundary is kept when its horizontal line spans every column (full width);
* a column boundary is kept when its vertical line crosses the whole first row;
* the table's top and bottom count as rules only when camelot found line crossings (joints)
  at both their corners. Vertical rules running on below the last full-width rule (a row
  continued on the next page) give ``open_bottom``; running on above the first one, the top
  of the vertical rules becomes the first row boundary, so no text is lost.

Camelot 2's rejection of mostly empty grids would drop an outer table cut up by nested
lines; text copied into spanning cells (``copy_text``) keeps it.

Camelot reads the whole file once (``pages="all"``, measured no slower than page by page)
and the grids are cached per file, so :func:`~shinkyu.extract.pdf.extract_pdf` asking page
after page costs one camelot run. If that run fails, pages are retried one by one; a page on
which camelot fails gives ``None`` (the page's own rules are then used) and a logged warning.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shinkyu.schemas.errors import SettingsError, ShinkyuError

from . import deadline as time_limit
from .geometry import Grid

log = logging.getLogger(__name__)

#: Points: how far a joint may lie from a boundary and still be on it.
JOINT_TOL = 3.0
#: Points: how far a nested table's box may poke out of its outer table and still be inside.
NESTED_PAD = 2.0
_CACHE_FILES = 8

FileKey = tuple[str, int, int]
PageGrids = list[Grid] | None


@dataclass(frozen=True)
class Lattice:
    """Camelot's view of one table, in PDF coordinates (origin bottom-left).

    ``xs`` are the column boundaries left to right, ``ys`` the row boundaries top to bottom
    (decreasing). ``vertical[r][i]``: a rule runs along boundary ``xs[i]`` through row ``r``;
    ``horizontal[k][c]``: a rule runs along boundary ``ys[k]`` over column ``c``.
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    vertical: tuple[tuple[bool, ...], ...]
    horizontal: tuple[tuple[bool, ...], ...]
    page_height: float


def lattice_to_grid(lat: Lattice) -> Grid | None:
    """The outer table's grid (top-left coordinates), or None when it is no table."""
    n_rows = len(lat.ys) - 1
    full = [all(lat.horizontal[k]) for k in range(n_rows + 1)]
    kept = [k for k, f in enumerate(full) if f]
    if not kept:
        return None
    if kept[0] != 0:
        kept.insert(0, 0)  # open top: the vertical rules start above the first full rule
    open_bottom = kept[-1] != n_rows
    if open_bottom:
        kept.append(n_rows)
    if len(kept) < 2:
        return None
    first_row = range(kept[0], kept[1])
    xs = [x for i, x in enumerate(lat.xs) if all(lat.vertical[r][i] for r in first_row)]
    if len(xs) < 2 or (len(xs) == 2 and len(kept) == 2):
        return None  # a single ruled box is a frame, not a table
    ys = [lat.page_height - lat.ys[k] for k in kept]
    return Grid(tuple(round(x, 2) for x in xs), tuple(round(y, 2) for y in ys), open_bottom)


def _has_joint(joints: Sequence[tuple[float, float]], x: float, y: float) -> bool:
    return any(abs(jx - x) <= JOINT_TOL and abs(jy - y) <= JOINT_TOL for jx, jy in joints)


def table_to_lattice(table: Any) -> Lattice:
    """Read a camelot lattice ``Table``: its anchors, cell edges and joints.

    Camelot sets every border edge of its cells to True whatever was printed, so the
    top and bottom rules are taken from the joints instead.
    """
    cols: list[tuple[float, float]] = list(table.cols)
    rows: list[tuple[float, float]] = list(table.rows)
    cells = table.cells
    xs = (*(float(c[0]) for c in cols), float(cols[-1][1]))
    ys = (*(float(r[0]) for r in rows), float(rows[-1][1]))
    vertical = tuple((*(bool(c.left) for c in row), bool(row[-1].right)) for row in cells)
    horizontal = [tuple(bool(c.top) for c in row) for row in cells]
    horizontal.append(tuple(bool(c.bottom) for c in cells[-1]))
    joints = [(float(x), float(y)) for x, y in (table.parse or {}).get("joints", [])]
    for k in (0, len(rows)):
        closed = _has_joint(joints, xs[0], ys[k]) and _has_joint(joints, xs[-1], ys[k])
        horizontal[k] = tuple(closed for _ in horizontal[k])
    return Lattice(xs, ys, vertical, tuple(horizontal), float(table.pdf_size[1]))


def _inside(inner: Sequence[float], outer: Sequence[float]) -> bool:
    # camelot bboxes are (x0, y0, x1, y1), bottom-left origin
    return (
        tuple(inner) != tuple(outer)
        and inner[0] >= outer[0] - NESTED_PAD
        and inner[1] >= outer[1] - NESTED_PAD
        and inner[2] <= outer[2] + NESTED_PAD
        and inner[3] <= outer[3] + NESTED_PAD
    )


def tables_to_grids(tables: Sequence[Any]) -> list[Grid]:
    """Grids of the outer tables among one page's camelot tables, top to bottom."""
    boxes = [tuple(t._bbox) for t in tables]
    outer = [t for t, b in zip(tables, boxes, strict=True) if not any(_inside(b, o) for o in boxes)]
    grids = [g for t in outer if (g := lattice_to_grid(table_to_lattice(t))) is not None]
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _read_pdf(path: Path, pages: str) -> Any:
    try:
        from camelot.io import read_pdf  # camelot exports it untyped and implicitly
    except ImportError as e:
        raise SettingsError(
            "table_engine='camelot' needs camelot-py (pip install 'camelot-py>=1.0') and "
            f"opencv-python-headless; it cannot be imported here ({e}). "
            "Use table_engine='plumber' instead."
        ) from e
    return read_pdf(
        str(path),
        pages=pages,
        flavor="lattice",
        backend="pdfium",  # renders in process with pypdfium2: no ghostscript, no network
        use_fallback=False,
        # Camelot 2 drops a grid whose cells are >= 90 % empty as noise; nested-table lines
        # cut the outer table into many empty sub-cells, enough to drop it (seen on a page
        # with a KPI table in both columns). Copying text into spanning cells fills them; the
        # text itself is never used here.
        copy_text=["h", "v"],
        suppress_stdout=True,
    )


def _group_by_page(tables: Any) -> dict[int, list[Grid]]:
    by_page: dict[int, list[Any]] = {}
    for t in tables:
        by_page.setdefault(int(t.page), []).append(t)
    return {p: tables_to_grids(ts) for p, ts in by_page.items()}


class _FileGrids:
    """The grids of one file, filled by one whole-file run or, failing that, page by page."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pages: dict[int, PageGrids] | None = None  # None: whole-file run not tried yet
        self.whole_file_ok = False

    def page(self, page_number: int) -> PageGrids:
        if self.pages is None:
            self.pages = {}
            try:
                self.pages.update(_group_by_page(_read_pdf(self.path, "all")))
                self.whole_file_ok = True
            except ShinkyuError:  # bad settings, or the time limit (never swallowed here)
                self.pages = None
                raise
            except Exception as e:
                time_limit.check()  # camelot wraps the time limit in its own errors
                log.warning(
                    "camelot failed on %s (%s: %s); retrying page by page",
                    self.path,
                    type(e).__name__,
                    e,
                )
        if page_number in self.pages:
            return self.pages[page_number]
        if self.whole_file_ok:
            return []  # camelot read the page and found no table on it
        self.pages[page_number] = self._one_page(page_number)
        return self.pages[page_number]

    def _one_page(self, page_number: int) -> PageGrids:
        try:
            return _group_by_page(_read_pdf(self.path, str(page_number))).get(page_number, [])
        except ShinkyuError:
            raise
        except Exception as e:
            time_limit.check()
            log.warning(
                "camelot failed on %s page %d (%s: %s); using the page's own rules",
                self.path,
                page_number,
                type(e).__name__,
                e,
            )
            return None


_cache: OrderedDict[FileKey, _FileGrids] = OrderedDict()
_lock = threading.Lock()


def _file_key(path: Path) -> FileKey:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


def camelot_grids(path: str | Path, page_number: int) -> list[Grid] | None:
    """Outer table grids on page ``page_number`` (1-based) found by camelot lattice.

    ``[]`` when camelot finds no table on the page; ``None`` when camelot fails on it (a
    warning is logged). Raises :class:`~shinkyu.schemas.errors.SettingsError` when camelot
    cannot be imported.
    """
    path = Path(path)
    key = _file_key(path)
    with _lock:
        entry = _cache.get(key)
        if entry is None:
            entry = _cache[key] = _FileGrids(path)
            while len(_cache) > _CACHE_FILES:
                _cache.popitem(last=False)
        _cache.move_to_end(key)
        grids = entry.page(page_number)
    return None if grids is None else list(grids)


def clear_cache() -> None:
    """Forget the grids of every file read so far."""
    with _lock:
        _cache.clear()
