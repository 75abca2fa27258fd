"""Flat tables of converted documents for pandas, DuckDB and spreadsheets.

Seven tables, one row per: ``documents`` document, ``entries`` entry, ``projects`` project
of a cell, ``kpis`` KPI of such a project, ``targets`` 数値目標 row of a cell, ``dates`` 和暦
date of a cell, ``changes`` project / KPI / text change of an entry. Every table starts with
its key columns: ``document_id`` (the source sha256), then ``entry_id`` ('e1', ...), ``side``
(before / after / reason) and 0-based ``*_index`` positions in printed order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shinkyu.schemas.errors import SettingsError
from shinkyu.schemas.model import Cell, Document, Entry, Kpi, Quantity

if TYPE_CHECKING:
    import pandas as pd

TABLES = ("documents", "entries", "projects", "kpis", "targets", "dates", "changes")
EXPORT_FORMATS = ("csv", "parquet")

_QTY = ("value", "unit", "raw", "year")
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "document_id",
        "path",
        "title",
        "municipality",
        "municipality_code",
        "prefecture",
        "page_count",
        "table_engine",
        "shinkyu_version",
        "schema_version",
        "columns",
        "entries",
        "warnings",
    ),
    "entries": (
        "document_id",
        "entry_id",
        "entry_index",
        "pages",
        "plan_page",
        "plan_pages",
        "before_text",
        "after_text",
        "reason_text",
        "text_changes",
        "unmarked",
    ),
    "projects": (
        "document_id",
        "entry_id",
        "side",
        "project_index",
        "municipality",
        "municipality_code",
        "plan_page",
        "name",
        "kind",
        "status",
        "rule",
        "description",
        "kpis",
        "table",
        "row",
        "start",
        "end",
    ),
    "kpis": (
        "document_id",
        "entry_id",
        "side",
        "project_index",
        "kpi_index",
        "municipality",
        "municipality_code",
        "plan_page",
        "project",
        "indicator",
        *(f"baseline_{q}" for q in _QTY),
        *(f"target_{q}" for q in _QTY),
        "target_note",
        "not_set",
        "note",
        "rule",
    ),
    "targets": (
        "document_id",
        "entry_id",
        "side",
        "target_index",
        "municipality",
        "municipality_code",
        "plan_page",
        "indicator",
        "footnotes",
        *(f"baseline_{q}" for q in _QTY),
        *(f"target_{q}" for q in _QTY),
        "target_note",
        "series",
        "rule",
        "start",
        "end",
    ),
    "dates": (
        "document_id",
        "entry_id",
        "side",
        "date_index",
        "text",
        "kind",
        "era",
        "era_year",
        "year",
        "month",
        "day",
        "fiscal",
        "start_date",
        "end_date",
        "until_year",
        "warning",
        "start",
        "end",
    ),
    "changes": (
        "document_id",
        "entry_id",
        "change_index",
        "level",
        "status",
        "project_kind",
        "project",
        "indicator",
        "before",
        "after",
        "marked",
        "evidence",
        "before_start",
        "before_end",
        "after_start",
        "after_end",
    ),
}

Row = dict[str, Any]
# Nullable integer and boolean columns (pandas Int64 / boolean): 2019, not 2019.0, in CSV.
_INTS = frozenset({
    "page_count", "entries", "warnings", "plan_page", "text_changes", "unmarked", "kpis",
    "table", "row", "start", "end", "year", "month", "day",
    "before_start", "before_end", "after_start", "after_end",
})  # fmt: skip
_BOOLS = frozenset({"not_set", "fiscal", "marked"})


def _sides(entry: Entry) -> Iterator[tuple[str, Cell]]:
    if entry.label is not None:
        yield "label", entry.label
    yield "before", entry.before
    yield "after", entry.after
    if entry.reason is not None:
        yield "reason", entry.reason


def _qty(prefix: str, q: Quantity | None) -> Row:
    if q is None:
        return {f"{prefix}_{k}": None for k in _QTY}
    value = float(q.value) if q.value is not None else None
    return {
        f"{prefix}_value": value,
        f"{prefix}_unit": q.unit,
        f"{prefix}_raw": q.raw,
        f"{prefix}_year": q.year,
    }


def _kpi_row(kpi: Kpi) -> Row:
    return {
        "indicator": kpi.indicator,
        **_qty("baseline", kpi.baseline),
        **_qty("target", kpi.target),
        "target_note": kpi.target_note,
        "not_set": kpi.not_set,
        "note": kpi.note,
        "rule": kpi.rule,
    }


def _series(series: list[Quantity]) -> str | None:
    """Year columns as 「2025:1840人;2026:1820人」 (a value-less year reads 「2027:-」)."""
    if not series:
        return None
    return ";".join(f"{q.year}:{'-' if q.value is None else q.value}{q.unit or ''}" for q in series)


def document_rows(doc: Document) -> dict[str, list[Row]]:
    """The rows each table gets from one document."""
    did = doc.source.sha256
    m = doc.municipality
    place = {"municipality": m.name if m else None, "municipality_code": m.code if m else None}
    rows: dict[str, list[Row]] = {t: [] for t in TABLES}
    rows["documents"].append(
        {
            "document_id": did,
            "path": doc.source.path,
            "title": doc.title,
            "municipality": place["municipality"],
            "municipality_code": place["municipality_code"],
            "prefecture": m.prefecture if m else None,
            "page_count": doc.source.page_count,
            "table_engine": doc.extractor.table_engine,
            "shinkyu_version": doc.extractor.version,
            "schema_version": doc.schema_version,
            "columns": ",".join(c.role.value for c in doc.columns),
            "entries": len(doc.entries),
            "warnings": len(doc.warnings),
        }
    )
    for i, e in enumerate(doc.entries):
        key = {"document_id": did, "entry_id": e.id}
        plan_page = e.plan_pages[0] if e.plan_pages else None
        ch = e.changes
        rows["entries"].append(
            {
                **key,
                "entry_index": i,
                "pages": ",".join(map(str, e.pages)),
                "plan_page": plan_page,
                "plan_pages": ",".join(map(str, e.plan_pages)),
                "before_text": e.before.text,
                "after_text": e.after.text,
                "reason_text": e.reason.text if e.reason else None,
                "text_changes": len(ch.text) if ch else None,
                "unmarked": ch.unmarked if ch else None,
            }
        )
        for side, cell in _sides(e):
            skey = {**key, "side": side}
            for pi, p in enumerate(cell.projects):
                rows["projects"].append(
                    {
                        **skey,
                        "project_index": pi,
                        "municipality": place["municipality"],
                        "municipality_code": place["municipality_code"],
                        "plan_page": plan_page,
                        "name": p.name,
                        "kind": p.kind,
                        "status": p.status,
                        "rule": p.rule,
                        "description": p.description,
                        "kpis": len(p.kpis),
                        "table": p.table,
                        "row": p.row,
                        "start": p.start,
                        "end": p.end,
                    }
                )
                for ki, k in enumerate(p.kpis):
                    rows["kpis"].append(
                        {
                            **skey,
                            "project_index": pi,
                            "kpi_index": ki,
                            **place,
                            "plan_page": plan_page,
                            "project": p.name,
                            **_kpi_row(k),
                        }
                    )
            for ki, k in enumerate(cell.kpis):  # KPIs no project precedes: project_index null
                rows["kpis"].append(
                    {
                        **skey,
                        "project_index": None,
                        "kpi_index": ki,
                        **place,
                        "plan_page": plan_page,
                        "project": None,
                        **_kpi_row(k),
                    }
                )
            for ti, t in enumerate(cell.targets):
                rows["targets"].append(
                    {
                        **skey,
                        "target_index": ti,
                        **place,
                        "plan_page": plan_page,
                        "indicator": t.indicator,
                        "footnotes": ",".join(t.footnotes),
                        **_qty("baseline", t.baseline),
                        **_qty("target", t.target),
                        "target_note": t.target_note,
                        "series": _series(t.series),
                        "rule": t.rule,
                        "start": t.start,
                        "end": t.end,
                    }
                )
            for di, d in enumerate(cell.dates):
                rows["dates"].append(
                    {
                        **skey,
                        "date_index": di,
                        "text": d.text,
                        "kind": d.kind,
                        "era": d.era,
                        "era_year": d.era_year,
                        "year": d.year,
                        "month": d.month,
                        "day": d.day,
                        "fiscal": d.fiscal,
                        "start_date": d.start_date.isoformat() if d.start_date else None,
                        "end_date": d.end_date.isoformat() if d.end_date else None,
                        "until_year": d.until.year if d.until else None,
                        "warning": d.warning,
                        "start": d.start,
                        "end": d.end,
                    }
                )
        if ch is None:
            continue
        n = 0
        for pc in ch.projects:
            rows["changes"].append(
                {
                    **key,
                    "change_index": n,
                    "level": "project",
                    "status": pc.status,
                    "project_kind": pc.kind,
                    "project": pc.after or pc.before,
                    "before": pc.before,
                    "after": pc.after,
                    "evidence": ",".join(pc.evidence),
                }
            )
            n += 1
            for kc in pc.kpis:
                rows["changes"].append(
                    {
                        **key,
                        "change_index": n,
                        "level": "kpi",
                        "status": kc.status,
                        "project_kind": pc.kind,
                        "project": pc.after or pc.before,
                        "indicator": kc.indicator,
                    }
                )
                n += 1
        for tc in ch.text:
            rows["changes"].append(
                {
                    **key,
                    "change_index": n,
                    "level": "text",
                    "status": tc.op,
                    "before": tc.before,
                    "after": tc.after,
                    "marked": tc.marked,
                    "before_start": tc.before_start,
                    "before_end": tc.before_end,
                    "after_start": tc.after_start,
                    "after_end": tc.after_end,
                }
            )
            n += 1
    return rows


def to_frames(documents: Iterable[Document]) -> dict[str, pd.DataFrame]:
    """The seven tables as pandas DataFrames (columns as in :data:`COLUMNS`, even when empty)."""
    import pandas as pd

    rows: dict[str, list[Row]] = {t: [] for t in TABLES}
    for doc in documents:
        for table, more in document_rows(doc).items():
            rows[table] += more
    frames = {}
    for t in TABLES:
        df = pd.DataFrame.from_records(rows[t], columns=list(COLUMNS[t]))
        for c in df.columns:
            if c in _INTS or c.endswith("_index") or c.endswith("_year"):
                df[c] = df[c].astype("Int64")
            elif c in _BOOLS:
                df[c] = df[c].astype("boolean")
        frames[t] = df
    return frames


def iter_documents(
    folder: str | Path, bad: list[tuple[Path, str]] | None = None
) -> Iterator[Document]:
    """Documents in a convert output folder, one at a time.

    ``*.json`` and ``*.jsonl`` files, recursive, sorted; a jsonl file line by line. One
    document per source sha256 (the first by path); files that cannot be read go to ``bad``
    with why. ``errors.jsonl`` and hidden files are not documents.
    """
    folder = Path(folder)
    seen: set[str] = set()
    files = sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix in (".json", ".jsonl")
        and p.name != "errors.jsonl"
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    for p in files:
        try:
            with p.open(encoding="utf-8") as f:
                lines: Iterable[str] = f if p.suffix == ".jsonl" else [f.read()]
                for line in lines:
                    if not line.strip():
                        continue
                    doc = Document.model_validate_json(line)
                    if doc.source.sha256 not in seen:
                        seen.add(doc.source.sha256)
                        yield doc
        except (OSError, ValueError) as e:
            if bad is not None:
                bad.append((p, f"{type(e).__name__}: {str(e).splitlines()[0]}"))


def read_documents(folder: str | Path) -> tuple[list[Document], list[tuple[Path, str]]]:
    """Documents in a convert output folder (see :func:`iter_documents`) and unread files."""
    bad: list[tuple[Path, str]] = []
    docs = list(iter_documents(folder, bad))
    return docs, bad


def write_frames(
    frames: dict[str, pd.DataFrame], to: str | Path, *, format: str, bom: bool = False
) -> list[Path]:
    """Write each table as ``to/<table>.csv`` (UTF-8, header) or ``.parquet``; atomically.

    ``bom`` starts each CSV with a UTF-8 byte order mark, which Excel on Japanese Windows
    needs to read UTF-8 (without it, it reads Shift_JIS and shows mojibake).
    """
    from .api import write_atomic

    if format not in EXPORT_FORMATS:
        raise SettingsError(f"format: {format!r}; allowed: {', '.join(EXPORT_FORMATS)}")
    to = Path(to)
    to.mkdir(parents=True, exist_ok=True)
    written = []
    for name, df in frames.items():
        path = to / f"{name}.{format}"
        if format == "csv":
            text = df.to_csv(index=False, lineterminator="\n")
            write_atomic(path, ("\ufeff" if bom else "") + text)
        else:
            tmp = to / f".{name}.parquet.tmp"
            df.to_parquet(tmp, engine="pyarrow", index=False)
            tmp.replace(path)
        written.append(path)
    return written


def _kind(values: set[type]) -> str:
    """The pandas dtype of a column, from the Python types of all its values.

    As ``DataFrame.from_records`` infers it for the whole table at once.
    """
    kinds = values - {type(None)}
    if not kinds:
        return "object"
    if kinds <= {int} and type(None) not in values:
        return "int64"
    if kinds <= {int, float}:
        return "float64"
    return "object"


def _dtypes(table: str, seen: dict[str, set[type]]) -> dict[str, str]:
    out = {}
    for c in COLUMNS[table]:
        if c in _INTS or c.endswith("_index") or c.endswith("_year"):
            out[c] = "Int64"
        elif c in _BOOLS:
            out[c] = "boolean"
        else:
            out[c] = _kind(seen.get(c, set()))
    return out


def _arrow_schema(table: str, dtypes: dict[str, str], seen: dict[str, set[type]]) -> Any:
    import datetime

    import pyarrow as pa

    fields = []
    for c in COLUMNS[table]:
        kind = dtypes[c]
        if kind in ("Int64", "int64"):
            t = pa.int64()
        elif kind == "boolean":
            t = pa.bool_()
        elif kind == "float64":
            t = pa.float64()
        else:
            values = seen.get(c, set()) - {type(None)}
            if values and values <= {datetime.date}:
                t = pa.date32()
            elif not values:
                t = pa.null()
            else:
                t = pa.string()
        fields.append(pa.field(c, t))
    return pa.schema(fields)


CHUNK_ROWS = 5000
"""Rows of one table written at a time: an export holds no more than this many of them."""


def export(
    folder: str | Path, *, to: str | Path, format: str = "csv", bom: bool = False
) -> tuple[dict[str, int], list[tuple[Path, str]]]:
    """Export a convert output folder; returns the row count of each table and unread files.

    ``bom``: CSV files start with a UTF-8 byte order mark (for Excel).

    Streams: documents are read one at a time and their rows spooled to disk (pickled
    chunks, so dates and numbers keep their types); each table is then written chunk by
    chunk, with the column types the whole table gives (the same as one DataFrame of all
    its rows), as CSV appended or Parquet row groups. Memory holds one chunk, not the export.
    """
    import pickle
    import tempfile

    if format not in EXPORT_FORMATS:
        raise SettingsError(f"format: {format!r}; allowed: {', '.join(EXPORT_FORMATS)}")
    to = Path(to)
    to.mkdir(parents=True, exist_ok=True)
    bad: list[tuple[Path, str]] = []
    counts = dict.fromkeys(TABLES, 0)
    seen: dict[str, dict[str, set[type]]] = {t: {} for t in TABLES}
    with tempfile.TemporaryDirectory(prefix=".shinkyu-export-", dir=to) as tmp:
        spools = {t: (Path(tmp) / f"{t}.pickle").open("wb") for t in TABLES}
        pending: dict[str, list[Row]] = {t: [] for t in TABLES}

        def spill(t: str) -> None:
            if pending[t]:
                pickle.dump(pending[t], spools[t], protocol=pickle.HIGHEST_PROTOCOL)
                pending[t] = []

        try:
            for doc in iter_documents(folder, bad):
                for t, rows in document_rows(doc).items():
                    for r in rows:
                        for c, v in r.items():
                            seen[t].setdefault(c, set()).add(type(v))
                    pending[t] += rows
                    counts[t] += len(rows)
                    if len(pending[t]) >= CHUNK_ROWS:
                        spill(t)
            for t in TABLES:
                spill(t)
        finally:
            for f in spools.values():
                f.close()
        for t in TABLES:
            _write_table(Path(tmp) / f"{t}.pickle", to / f"{t}.{format}", t, format, bom, seen[t])
    return counts, bad


def _chunks(spool: Path) -> Iterator[list[Row]]:
    import pickle

    with spool.open("rb") as f:
        while True:
            try:
                yield pickle.load(f)
            except EOFError:
                return


def _write_table(
    spool: Path, target: Path, table: str, format: str, bom: bool, seen: dict[str, set[type]]
) -> None:
    """One table from its spooled chunks, through a temporary file and a rename."""
    import pandas as pd

    dtypes = _dtypes(table, seen)
    columns = list(COLUMNS[table])
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        if format == "csv":
            with tmp.open("w", encoding="utf-8", newline="") as f:
                if bom:
                    f.write("\ufeff")
                header = True
                for chunk in _chunks(spool):
                    df = pd.DataFrame.from_records(chunk, columns=columns).astype(dtypes)
                    df.to_csv(f, index=False, header=header, lineterminator="\n")
                    header = False
                if header:  # no row: the header alone
                    pd.DataFrame(columns=columns).to_csv(f, index=False, lineterminator="\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            schema = _arrow_schema(table, dtypes, seen)
            # pandas' own metadata (Int64, boolean), so that the file reads back as written
            empty = pd.DataFrame.from_records([], columns=columns).astype(dtypes)
            meta = pa.Schema.from_pandas(empty, preserve_index=False).metadata
            schema = schema.with_metadata(meta)
            with pq.ParquetWriter(tmp, schema) as writer:
                wrote = False
                for chunk in _chunks(spool):
                    df = pd.DataFrame.from_records(chunk, columns=columns).astype(dtypes)
                    writer.write_table(
                        pa.Table.from_pandas(df, schema=schema, preserve_index=False)
                    )
                    wrote = True
                if not wrote:
                    writer.write_table(
                        pa.Table.from_pandas(empty, schema=schema, preserve_index=False)
                    )
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
