from __future__ import annotations

import time
from pathlib import Path

import pytest

import shinkyu

from .conftest import SAMPLES

PDF = SAMPLES / "pdf" / "sunagawa-word-soffice.pdf"


def test_phrases_add_phrases_and_change_no_fact() -> None:
    full = shinkyu.convert(PDF, phrases=True)
    fast = shinkyu.convert(PDF)
    assert any(t.before_phrase or t.after_phrase for e in full.entries for t in e.changes.text)  # type: ignore[union-attr]
    for a, b in zip(full.entries, fast.entries, strict=True):
        assert a.before.projects == b.before.projects and a.after.projects == b.after.projects
        assert a.after.dates == b.after.dates and a.after.targets == b.after.targets
        assert a.changes is not None and b.changes is not None
        assert a.changes.projects == b.changes.projects
        assert [(t.op, t.before, t.after) for t in a.changes.text] == [
            (t.op, t.before, t.after) for t in b.changes.text
        ]
        assert all(t.before_phrase is None and t.after_phrase is None for t in b.changes.text)


def test_convert_takes_bytes_and_file_objects_and_names_bad_paths(tmp_path: Path) -> None:
    import io

    from shinkyu.schemas.errors import UnreadableInputError

    import shinkyu

    pdf = Path(__file__).resolve().parents[1] / "samples" / "pdf" / "ordinance-fees-portrait.pdf"
    by_path = shinkyu.convert(pdf, analysis=False)
    for given in (pdf.read_bytes(), io.BytesIO(pdf.read_bytes())):
        doc = shinkyu.convert(given, analysis=False)
        assert doc.source.path == "<bytes>" and doc.entries == by_path.entries
    for bad in (tmp_path / "missing.pdf", tmp_path):
        with pytest.raises(UnreadableInputError) as info:
            shinkyu.convert(bad, analysis=False)
        assert info.value.code == "unreadable" and len(info.value.message) < 300
    assert shinkyu.__version__


def test_the_time_limit_is_not_swallowed_by_the_camelot_engine() -> None:
    """camelot's page loop catches every Exception; the limit must still stop the conversion
    (before, a 0.3 s limit let an 8-page conversion run to its end and return)."""
    from shinkyu.extract.camelot_engine import clear_cache
    from shinkyu.schemas.errors import ConversionTimeoutError

    import shinkyu

    clear_cache()
    pdf = Path(__file__).resolve().parents[1] / "samples" / "pdf" / "sunagawa-landscape-mincho.pdf"
    with pytest.raises(ConversionTimeoutError):
        shinkyu.convert(pdf, table_engine="camelot", analysis=False, timeout=0.3)


def test_the_time_limit_waits_for_an_import_to_finish() -> None:
    """A limit running out inside an import (camelot importing matplotlib) is raised just
    after it: raising inside would leave half-made modules for the rest of the process."""
    import _imp

    from shinkyu.schemas.errors import ConversionTimeoutError

    from shinkyu.api import deadline

    inside_import_finished = False
    with pytest.raises(ConversionTimeoutError), deadline(0.05, "x.pdf"):
        _imp.acquire_lock()  # what an import holds
        try:
            end = time.monotonic() + 0.3
            while time.monotonic() < end:  # the limit runs out in here, and waits
                pass
            inside_import_finished = True
        finally:
            _imp.release_lock()
        time.sleep(1.0)  # raised here, within the retry delay
    assert inside_import_finished


def test_the_time_limit_waits_for_a_module_being_imported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real case: the limit runs out while a module's top-level code runs."""
    import sys

    from shinkyu.schemas.errors import ConversionTimeoutError

    from shinkyu.api import deadline

    (tmp_path / "slow_module_for_the_limit.py").write_text(
        "import time\n"
        "end = time.monotonic() + 0.3\n"
        "while time.monotonic() < end:\n"
        "    pass\n"
        "COMPLETE = True\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ConversionTimeoutError), deadline(0.05, "x.pdf"):
        import slow_module_for_the_limit  # noqa: F401

        time.sleep(1.0)  # raised here, just after the import
    module = sys.modules.pop("slow_module_for_the_limit")
    assert module.COMPLETE  # imported whole, not left half-made
