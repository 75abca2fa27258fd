from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shinkyu import Status, convert_many
from shinkyu.cli import EXIT_FAILED, main

from .conftest import SAMPLES

distributed = pytest.importorskip("distributed")


def test_dask_executor_gives_the_same_bytes_as_the_local_pool(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "pdf" / "ordinance-fees-portrait.pdf", src / "a.pdf")
    shutil.copy(SAMPLES / "pdf" / "sunagawa-ordinance-2col.pdf", src / "b.pdf")
    (src / "bad.pdf").write_text("not a pdf", encoding="utf-8")
    local = tmp_path / "local"
    assert main(["convert", str(src), "--out", str(local), "--workers", "2", "--quiet"]) == (
        EXIT_FAILED
    )
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=2,
        processes=False,  # the worker runs in this process: fast, and the code is the same
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        out = tmp_path / "dask"
        argv = ["convert", str(src), "--out", str(out), "--quiet", "--executor", "dask"]
        assert main([*argv, "--scheduler", cluster.scheduler_address]) == EXIT_FAILED
        names = sorted(p.name for p in local.iterdir())
        assert names == ["a.json", "b.json", "errors.jsonl"]
        assert sorted(p.name for p in out.iterdir()) == names
        for name in names:
            assert (out / name).read_bytes() == (local / name).read_bytes(), name
        rerun = list(
            convert_many(
                [src / "a.pdf", src / "b.pdf"],
                out=out,
                executor="dask",
                scheduler=cluster.scheduler_address,
            )
        )
    assert [r.status for r in rerun] == [Status.SKIPPED, Status.SKIPPED]
