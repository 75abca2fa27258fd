"""The library API: one keyword-only function per job; the CLI only parses and calls these."""

from __future__ import annotations

import _imp
import json
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from shinkyu.extract import ExtractSettings, extract_document
from shinkyu.extract import deadline as time_limit
from shinkyu.extract.settings import MAX_BYTES, MAX_PAGES
from shinkyu.schemas.errors import (
    ConversionTimeoutError,
    InternalError,
    OutputError,
    ShinkyuError,
    UnreadableInputError,
)
from shinkyu.schemas.model import Document


def convert(
    path: str | Path | bytes | BinaryIO,
    *,
    table_engine: str = "plumber",
    password: str | None = None,
    analysis: bool = True,
    phrases: bool = False,
    max_pages: int | None = MAX_PAGES,
    max_bytes: int | None = MAX_BYTES,
    timeout: float | None = None,
    ocr: str = "auto",
    ocr_dpi: int = 300,
) -> Document:
    """Convert one 新旧対照表 PDF into a :class:`Document`.

    With ``analysis`` (the default) the Japanese analysis stage runs too (projects, KPIs,
    数値目標, era dates, changes); its spaCy/GiNZA pipeline is loaded once per process.
    ``phrases=True`` adds GiNZA's dependency parse, which only gives the bunsetsu phrase
    around each text change (``changes.text[].before_phrase``) and triples the analysis time;
    it is off by default.
    The municipality (name and 全国地方公共団体コード) is found either way.

    ``max_pages`` / ``max_bytes`` refuse larger PDFs (``too_large``) before reading them;
    ``timeout`` (seconds of wall clock, main thread only) stops a conversion that runs
    longer (``timeout``).

    ``ocr``: ``"auto"`` reads pages without a text layer (scans) by OCR, ``"always"`` every
    page, ``"never"`` none (a scan then fails as ``no_text_layer``); pages are rendered at
    ``ocr_dpi``. An OCR'd page has ``timeout`` to itself (the limit counts per OCR'd page).

    ``path`` may also be the file's bytes or a binary file object (the document's
    ``source.path`` is then ``"<bytes>"``).

    Raises a :class:`~shinkyu.schemas.errors.ShinkyuError` subclass for bad input
    (its ``code`` says which: ``unreadable`` for a path that is missing, a folder or not
    readable); any other failure is wrapped as ``internal``.
    """
    if isinstance(path, (bytes, bytearray, memoryview)) or hasattr(path, "read"):
        data = bytes(path) if not hasattr(path, "read") else path.read()
        if not isinstance(data, bytes):
            raise UnreadableInputError("convert(): a file object must be opened in binary mode")
        with tempfile.TemporaryDirectory(prefix="shinkyu-bytes-") as tmp:
            src = Path(tmp) / "input.pdf"
            src.write_bytes(data)
            doc = convert(
                src,
                table_engine=table_engine,
                password=password,
                analysis=analysis,
                phrases=phrases,
                max_pages=max_pages,
                max_bytes=max_bytes,
                timeout=timeout,
                ocr=ocr,
                ocr_dpi=ocr_dpi,
            )
        return doc.model_copy(update={"source": doc.source.model_copy(update={"path": "<bytes>"})})
    path = Path(path)
    if path.is_dir():
        raise UnreadableInputError(f"{path}: is a folder, not a file")
    if not path.exists():
        raise UnreadableInputError(f"{path}: no such file")
    settings = ExtractSettings(
        table_engine=table_engine,
        password=password,
        max_pages=max_pages,
        max_bytes=max_bytes,
        ocr=ocr,
        ocr_dpi=ocr_dpi,
    )
    if analysis:  # the model loads before the clock starts: its load is not the input's time
        run_stage("analyze", path, lambda: preload_model(phrases))
    with deadline(timeout, path):
        doc = run_stage("extract", path, lambda: extract_stage(path, settings))
        if analysis:
            doc = run_stage("analyze", path, lambda: analyze_stage(doc, phrases=phrases))
    return run_stage("municipality", path, lambda: municipality_stage(doc))


IMPORT_RETRY_S = 0.05
"""When the time limit runs out during an import, it is raised this long after (retried)."""


def _importing(frame: Any) -> bool:
    """Whether a module is being executed by the import system somewhere up the stack.

    (The global import lock is held only briefly: a module's own code runs under its
    per-module lock, so the stack is what tells.)
    """
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib._bootstrap"):
            return True
        frame = frame.f_back
    return False


@contextmanager
def deadline(seconds: float | None, path: str | Path) -> Iterator[None]:
    """Raise ``timeout`` in the block after ``seconds`` of wall clock (None: no limit).

    In a process's main thread (the CLI, pool workers) a SIGALRM timer raises it wherever the
    code is; in any thread the extraction and the analysis check the deadline between pages
    and entries (:mod:`shinkyu.extract.deadline`), so a Dask worker's threads are limited too,
    at the next page or entry.
    """
    if not seconds:
        yield
        return
    message = f"{path}: conversion stopped after the {seconds:g} s limit per file"
    if threading.current_thread() is not threading.main_thread():
        time_limit.start(seconds, message)
        try:
            yield
            time_limit.check()
        finally:
            time_limit.clear()
        return

    def expire(signum: int, frame: object) -> None:
        err = ConversionTimeoutError(message)
        time_limit.expire(err)  # checked again between pages: a library may swallow this one
        if _imp.lock_held() or _importing(frame):
            # Inside an import (camelot pulls in matplotlib lazily): raising now would leave
            # half-made modules in sys.modules, broken for the rest of the process. Raise
            # just after the import instead.
            signal.setitimer(signal.ITIMER_REAL, IMPORT_RETRY_S)
            return
        raise err

    previous = signal.signal(signal.SIGALRM, expire)

    def rearm(remaining: float) -> None:
        signal.setitimer(signal.ITIMER_REAL, remaining)

    time_limit.start(seconds, message, rearm=rearm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
        time_limit.check()  # expired inside a library that caught it: still a timeout
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        time_limit.clear()


STAGES = ("read", "extract", "analyze", "municipality", "write")
"""Where a conversion can fail, as named in batch error records (``stage``)."""

_T = TypeVar("_T")


def run_stage(stage: str, path: str | Path, step: Callable[[], _T]) -> _T:
    """Run one stage; unexpected exceptions become ``internal`` errors naming the stage.

    The raised :class:`ShinkyuError` gets its ``stage`` (see :func:`error_stage`).
    """
    try:
        return step()
    except ShinkyuError as e:
        if e.stage is None:
            e.stage = stage
        raise
    except OSError as e:
        # the machine's, not the input's: a full disk or a read-only folder when writing
        out: ShinkyuError
        if stage == "write":
            out = OutputError(f"{path}: the output could not be written: {e.strerror or e}")
        else:
            out = UnreadableInputError(f"{path}: {stage}: {e.strerror or e}")
        out.stage = stage
        raise out from e
    except MemoryError as e:
        err = InternalError(f"{path}: {stage}: out of memory")
        err.stage = stage
        raise err from e
    except Exception as e:
        err = InternalError(f"{path}: {stage}: {type(e).__name__}: {e}")
        err.stage = stage
        raise err from e


def error_stage(error: BaseException, default: str = "extract") -> str:
    """The stage a conversion error was raised in (one of :data:`STAGES`)."""
    stage = getattr(error, "stage", None)
    return stage if isinstance(stage, str) else default


def extract_stage(
    path: str | Path, settings: ExtractSettings, *, sha256: str | None = None
) -> Document:
    grid_finder = None
    if settings.table_engine == "camelot":
        from shinkyu.extract.camelot_engine import camelot_grids

        grid_finder = camelot_grids
    return extract_document(path, settings, grid_finder=grid_finder, sha256=sha256)


def preload_model(phrases: bool = False) -> None:
    """Load the analysis pipeline now (once per process), before any time limit runs."""
    from shinkyu.normalize import NlpSettings, load_nlp

    load_nlp(NlpSettings(phrases=phrases))


def analyze_stage(doc: Document, *, phrases: bool = False) -> Document:
    from shinkyu.normalize import NlpSettings, analyze, load_nlp

    return analyze(doc, nlp=load_nlp(NlpSettings(phrases=phrases)))


def municipality_stage(doc: Document) -> Document:
    from .municipality import document_to_municipality

    return doc.model_copy(update={"municipality": document_to_municipality(doc)})


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
