from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from shinkyu import convert_many, to_frames
from shinkyu.cli import EXIT_FAILED, EXIT_NO_INPUT, EXIT_OK, main
from shinkyu.export import COLUMNS, TABLES, read_documents

from .conftest import SAMPLES

# One sample of each content: the ordinance (no KPIs) and the 総合戦略 (projects, KPIs, 数値目標).
INPUTS = [
    SAMPLES / "pdf" / "ordinance-fees-portrait.pdf",
    SAMPLES / "pdf" / "sunagawa-landscape-mincho.pdf",
]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("converted")
    results = list(convert_many(INPUTS, out=out))  # with the analysis stage
    assert all(r.status.value == "success" for r in results)
    return out


def _expected(doc: dict[str, Any]) -> dict[str, int]:
    """Row counts read straight off the JSON."""
    cells = [c for e in doc["entries"] for c in (e["before"], e["after"], e["reason"]) if c]
    changes = [e["changes"] for e in doc["entries"] if e["changes"]]
    return {
        "documents": 1,
        "entries": len(doc["entries"]),
        "projects": sum(len(c["projects"]) for c in cells),
        "kpis": sum(len(p["kpis"]) for c in cells for p in c["projects"])
        + sum(len(c["kpis"]) for c in cells),
        "targets": sum(len(c["targets"]) for c in cells),
        "dates": sum(len(c["dates"]) for c in cells),
        "changes": sum(
            len(ch["text"]) + len(ch["projects"]) + sum(len(p["kpis"]) for p in ch["projects"])
            for ch in changes
        ),
    }


def _json_counts(folder: Path) -> dict[str, int]:
    total = dict.fromkeys(TABLES, 0)
    for p in sorted(folder.glob("*.json")):
        for table, n in _expected(json.loads(p.read_text(encoding="utf-8"))).items():
            total[table] += n
    return total


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_row_counts_equal_the_json(converted: Path, tmp_path: Path, fmt: str) -> None:
    assert main(["export", str(converted), "--to", str(tmp_path), "--format", fmt]) == EXIT_OK
    expected = _json_counts(converted)
    assert expected["kpis"] > 0 and expected["targets"] > 0 and expected["changes"] > 0
    for table in TABLES:
        path = tmp_path / f"{table}.{fmt}"
        df = pd.read_csv(path, dtype=str) if fmt == "csv" else pd.read_parquet(path)
        assert len(df) == expected[table], table
        assert list(df.columns) == list(COLUMNS[table])


def test_keys_are_unique_and_join(converted: Path) -> None:
    docs, bad = read_documents(converted)
    assert bad == []
    frames = to_frames(docs)
    keys = {
        "documents": ["document_id"],
        "entries": ["document_id", "entry_id"],
        "projects": ["document_id", "entry_id", "side", "project_index"],
        "kpis": ["document_id", "entry_id", "side", "project_index", "kpi_index"],
        "targets": ["document_id", "entry_id", "side", "target_index"],
        "dates": ["document_id", "entry_id", "side", "date_index"],
        "changes": ["document_id", "entry_id", "change_index"],
    }
    for table, key in keys.items():
        assert not frames[table].duplicated(key).any(), table
    kpis = frames["kpis"].merge(frames["documents"], on="document_id", suffixes=("", "_doc"))
    assert set(kpis["municipality_code"]) == {"012262"}  # 砂川市, leading zero kept
    assert kpis["baseline_year"].dtype == "Int64"


def test_csv_is_utf8_with_header(converted: Path, tmp_path: Path) -> None:
    assert main(["export", str(converted), "--to", str(tmp_path)]) == EXIT_OK
    head = (tmp_path / "documents.csv").read_text(encoding="utf-8").splitlines()
    assert head[0] == ",".join(COLUMNS["documents"])
    assert "砂川市" in "\n".join(head)


def test_export_reads_jsonl_and_reports_bad_files(converted: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "in"
    jsonl.mkdir()
    lines = [
        json.dumps(json.loads(p.read_text(encoding="utf-8")), ensure_ascii=False)
        for p in sorted(converted.glob("*.json"))
    ]
    (jsonl / "documents.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (jsonl / "other.json").write_text('{"not": "a document"}', encoding="utf-8")
    assert main(["export", str(jsonl), "--to", str(tmp_path / "t")]) == EXIT_FAILED
    frames = pd.read_csv(tmp_path / "t" / "entries.csv")
    assert len(frames) == _json_counts(converted)["entries"]
    assert main(["export", str(tmp_path / "nothing"), "--to", str(tmp_path / "t")]) == (
        EXIT_NO_INPUT
    )


def test_bom_for_excel_and_municipality_code_on_projects(tmp_path: Path) -> None:
    import shutil

    from shinkyu.cli import main

    src = Path(__file__).resolve().parents[1] / "samples" / "pdf" / "ordinance-fees-portrait.pdf"
    shutil.copy(src, tmp_path / "a.pdf")
    assert (
        main(["convert", str(tmp_path / "a.pdf"), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    )
    assert main(["export", str(tmp_path / "out"), "--to", str(tmp_path / "t"), "--bom"]) == 0
    raw = (tmp_path / "t" / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = (tmp_path / "t" / "projects.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert "municipality_code" in header.split(",")
    assert main(["export", str(tmp_path / "out"), "--to", str(tmp_path / "plain")]) == 0
    assert not (tmp_path / "plain" / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_chunked_export_equals_one_table_at_once(
    converted: Path, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """export writes chunk by chunk with the whole table's column types: the files are those
    of one DataFrame per table (to_frames), however small the chunks."""
    import shinkyu.export as ex

    monkeypatch.setattr(ex, "CHUNK_ROWS", 3)
    counts, bad = ex.export(converted, to=tmp_path / "t", format=fmt)
    assert not bad
    frames = to_frames(read_documents(converted)[0])
    for table, df in frames.items():
        assert counts[table] == len(df)
        path = tmp_path / "t" / f"{table}.{fmt}"
        if fmt == "csv":
            assert path.read_text(encoding="utf-8") == df.to_csv(index=False, lineterminator="\n")
        else:
            got = pd.read_parquet(path)
            assert got.equals(df) and list(got.dtypes) == list(df.dtypes), table
