"""The library API: one keyword-only function per job; the CLI only parses and calls these."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from shinkyu.extract import ExtractSettings, extract_document
from shinkyu.schemas.errors import InternalError, ShinkyuError
from shinkyu.schemas.model import Document


def convert(
    path: str | Path,
    *,
    table_engine: str = "plumber",
    password: str | None = None,
    analysis: bool = True,
) -> Document:
    """Convert one 新旧対照表 PDF into a :class:`Document`.

    With ``analysis`` (the default) the Japanese analysis stage runs too (projects, KPIs,
    数値目標, era dates, changes); its spaCy/GiNZA pipeline is loaded once per process.

    Raises a :class:`~shinkyu.schemas.errors.ShinkyuError` subclass for bad input
    (its ``code`` says which); any other failure is wrapped as ``internal``.
    """
    settings = ExtractSettings(table_engine=table_engine, password=password)
    grid_finder = None
    if table_engine == "camelot":
        from shinkyu.extract.camelot_engine import camelot_grids

        grid_finder = camelot_grids
    try:
        doc = extract_document(path, settings, grid_finder=grid_finder)
        if analysis:
            from shinkyu.normalize import analyze

            doc = analyze(doc)
        return doc
    except ShinkyuError:
        raise
    except Exception as e:
        raise InternalError(f"{path}: {type(e).__name__}: {e}") from e


def document_to_json(doc: Document) -> str:
    """The document as UTF-8 JSON text (Japanese kept as is), ending in a newline."""
    data = doc.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write text to ``path`` through a temporary file and a rename: never a half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(fd, 0o666 & ~umask)  # mkstemp creates 0600; outputs are ordinary files
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
