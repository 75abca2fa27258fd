"""Batch conversion: many inputs, one result per input, resumable, never a half output file.

:func:`convert_one` is the per-file function: it hashes the input, skips it when its output
is already up to date, converts it and writes the output atomically, and returns a
:class:`ConvertResult` whatever happens. :func:`convert_many` runs it in the calling process,
in a process pool or on a Dask cluster, and keeps ``DIR/errors.jsonl`` and (for ``jsonl``)
``DIR/documents.jsonl``.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shutil
import tempfile
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

from shinkyu.extract import ExtractSettings
from shinkyu.extract.inputs import file_sha256, shinkyu_version
from shinkyu.extract.settings import MAX_BYTES, MAX_PAGES, TABLE_ENGINES
from shinkyu.schemas.errors import (
    OutputBusyError,
    OutputError,
    SettingsError,
    ShinkyuError,
    TooLargeError,
    UnreadableInputError,
    WorkerDiedError,
)
from shinkyu.schemas.model import SCHEMA_VERSION, Document

from .api import (
    analyze_stage,
    deadline,
    error_stage,
    extract_stage,
    municipality_stage,
    preload_model,
    run_stage,
    write_atomic,
)

FORMATS = ("json", "jsonl")
INPUT_SUFFIXES = (".pdf", ".md", ".markdown", ".html", ".htm")
"""What a folder given as input contributes (a file given by name is taken as it is)."""
EXECUTORS = ("local", "dask")
JSONL_NAME = "documents.jsonl"
ERRORS_NAME = "errors.jsonl"
LOCK_NAME = ".shinkyu.lock"  # the pid of the run writing to the folder
PARTS_DIR = ".shinkyu-parts"  # jsonl: one finished document per file until assembled
_TEMP = re.compile(r"^\..+\.tmp$")  # what write_atomic leaves behind when killed


class Status(str, Enum):
    """What happened to one input."""

    SUCCESS = "success"
    FAILURE = "failure"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class InputFile:
    """An input and the name of its output, relative to the output folder, without suffix."""

    path: Path
    name: str


@dataclass(frozen=True)
class BatchOptions:
    """Settings of a batch run, checked when built."""

    format: str = "json"
    table_engine: str = "plumber"
    password: str | None = None
    analysis: bool = True
    force: bool = False
    phrases: bool = False
    max_pages: int | None = MAX_PAGES
    max_bytes: int | None = MAX_BYTES
    timeout: float | None = None  # seconds of wall clock per input (None: no limit)
    ocr: str = "auto"  # scans: read by OCR (auto), every page (always), or refused (never)
    ocr_dpi: int = 300
    debug: bool = False  # a failure carries its traceback (printed by the CLI)

    def __post_init__(self) -> None:
        if self.timeout is not None and not self.timeout > 0:
            raise SettingsError(f"timeout: {self.timeout!r}; must be a number of seconds > 0")
        if self.format not in FORMATS:
            raise SettingsError(f"format: {self.format!r}; allowed: {', '.join(FORMATS)}")
        if self.table_engine not in TABLE_ENGINES:
            raise SettingsError(
                f"table_engine: {self.table_engine!r}; allowed: {', '.join(TABLE_ENGINES)}"
            )
        ExtractSettings(ocr=self.ocr, ocr_dpi=self.ocr_dpi)  # SettingsError when out of range


Stamp = tuple[str, str, str, str, int | None]
"""(source sha256, shinkyu version, schema version, table engine, analysis level) of an
output; the level is 0 (extraction only), 1 (rules), 2 (rules and phrases), None unknown."""

LEVELS = {None: 0, "rules": 1, "phrases": 2}


@dataclass(frozen=True)
class Task:
    """One unit of work, picklable: shipped to pool and Dask workers as is."""

    input: InputFile
    output: Path
    options: BatchOptions
    existing: Stamp | None = None  # jsonl: the stamp of the line already in documents.jsonl
    sha256: str | None = None  # the input's hash, when the runner already computed it


@dataclass(frozen=True)
class ConvertResult:
    """The outcome for one input. ``error`` is the stable error code of a failure."""

    path: Path
    status: Status
    output: Path | None = None
    sha256: str | None = None
    error: str | None = None
    message: str | None = None
    stage: str | None = None
    hint: str | None = None
    seconds: float = 0.0
    pages: int = 0
    ocr_pages: int = 0  # of which read by OCR (scans)
    entries: int = 0
    trace: str | None = None  # the failure's traceback, with ``debug`` (from any worker)

    def error_record(self) -> dict[str, Any]:
        """The line written to ``errors.jsonl``."""
        return {
            "path": str(self.path),
            "sha256": self.sha256,
            "error": self.error,
            "message": self.message,
            "stage": self.stage,
        }


@dataclass
class BatchSummary:
    """Counts of a finished (or interrupted) run."""

    total: int = 0
    success: int = 0
    skipped: int = 0
    failure: int = 0
    pages: int = 0
    ocr_pages: int = 0
    seconds: float = 0.0
    results: list[ConvertResult] = field(default_factory=list)

    def add(self, r: ConvertResult) -> None:
        self.results.append(r)
        self.pages += r.pages if r.status is Status.SUCCESS else 0
        self.ocr_pages += r.ocr_pages if r.status is Status.SUCCESS else 0
        if r.status is Status.SUCCESS:
            self.success += 1
        elif r.status is Status.SKIPPED:
            self.skipped += 1
        else:
            self.failure += 1


# ---------------------------------------------------------------------------------- inputs


def collect_inputs(
    specs: Sequence[str | Path], *, from_list: Path | None = None
) -> tuple[list[InputFile], list[str]]:
    """Files, folders and globs to inputs; and what matched nothing.

    A folder gives its PDFs and the markdown / HTML of OCR converters, recursively, sorted.

    A folder's files are named by their path inside it (``sub/plan``), so a tree of inputs
    gives the same tree of outputs; other inputs by their stem. Duplicates are dropped.
    Raises :class:`SettingsError` when two inputs would write the same output.
    """
    specs = list(specs)
    if from_list is not None:
        lines = from_list.read_text(encoding="utf-8").splitlines()
        specs += [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
    found: list[InputFile] = []
    missing: list[str] = []
    for spec in specs:
        p = Path(spec)
        if p.is_dir():
            files = sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES
            )
            found += [InputFile(f, f.relative_to(p).with_suffix("").as_posix()) for f in files]
            if not files:
                missing.append(str(spec))
        elif p.is_file():
            found.append(InputFile(p, p.stem))
        elif glob.has_magic(str(spec)):
            files = sorted(Path(g) for g in glob.glob(str(spec), recursive=True))
            files = [f for f in files if f.is_file()]
            found += [InputFile(f, f.stem) for f in files]
            if not files:
                missing.append(str(spec))
        else:
            missing.append(str(spec))
    unique: dict[Path, InputFile] = {}
    for f in found:
        unique.setdefault(f.path.resolve(), f)
    by_name: dict[str, InputFile] = {}
    for f in unique.values():
        other = by_name.setdefault(f.name, f)
        if other is not f:
            raise SettingsError(
                f"{other.path} and {f.path} would both be written as {f.name}.json; "
                "put them in one folder and pass the folder, or convert them separately"
            )
    return list(unique.values()), missing


# ------------------------------------------------------------------------ the per-file function


def output_stamp(doc: dict[str, Any]) -> Stamp:
    entries = doc.get("entries") or []
    level: int | None = LEVELS.get(doc["extractor"].get("analysis"), 0)
    if not level and entries and all(e.get("changes") is not None for e in entries):
        level = 1  # written before the extractor named its analysis
    return (
        doc["source"]["sha256"],
        doc["extractor"]["version"],
        doc["schema_version"],
        doc["extractor"]["table_engine"],
        level,
    )


def wanted_level(options: BatchOptions) -> int:
    """The analysis an output must have been through: 0 none, 1 rules, 2 with phrases."""
    return 0 if not options.analysis else 2 if options.phrases else 1


_AFTER_EXTRACTOR = re.compile(r',\s*"title"\s*:')


def _read_stamp(path: Path) -> Stamp | None:
    """The stamp of an output file, read from its head when it can be.

    The fields a stamp needs come first in a document (schema version, source, extractor);
    the head up to 「"title":」 closed with a brace is JSON of its own, so an up-to-date check
    over thousands of outputs does not parse every document whole.
    """
    try:
        with path.open("rb") as f:
            head = f.read(16384).decode("utf-8", errors="ignore")
        m = _AFTER_EXTRACTOR.search(head)
        if m is not None:
            with contextlib.suppress(ValueError, KeyError, TypeError):
                top = json.loads(head[: m.start()] + "}")
                if "analysis" in top["extractor"]:  # written by this schema: the head says all
                    return output_stamp(top)
        return output_stamp(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing or unreadable: convert again


def _up_to_date(stamp: Stamp | None, sha: str, options: BatchOptions) -> bool:
    if stamp is None:
        return False
    now = (sha, shinkyu_version(), SCHEMA_VERSION, options.table_engine)
    # an output analysed further than asked is up to date; one analysed less is not
    return stamp[:4] == now and (stamp[4] or 0) >= wanted_level(options)


def document_text(doc: Document, fmt: str) -> str:
    """The output text of a document: indented JSON, or one line for ``jsonl``."""
    data = doc.model_dump(mode="json")
    if fmt == "jsonl":
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _source_sha(task: Task) -> str:
    """The input's sha256, after its size is checked (a file over the limit is not hashed)."""
    path = task.input.path
    try:
        size = path.stat().st_size
        if task.options.max_bytes is not None and size > task.options.max_bytes:
            err: ShinkyuError = TooLargeError(
                f"{path} has {size:,} bytes, over the limit of {task.options.max_bytes:,} "
                "(max_bytes)"
            )
            err.stage = "read"
            raise err
        return file_sha256(path)
    except OSError as e:
        err = UnreadableInputError(f"{path}: {e.strerror or e}")
        err.stage = "read"
        raise err from e


def _hash_all(tasks: Sequence[Task], threads: int = 4) -> list[str | None]:
    """Every input's sha256 (None when it cannot be read or is too large), several at once.

    hashlib releases the GIL on large buffers, so threads hash files side by side while the
    disk keeps up; before, a 2,000-file batch hashed them one by one before any worker began.
    """
    from concurrent.futures import ThreadPoolExecutor

    def one(task: Task) -> str | None:
        try:
            return _source_sha(task)
        except ShinkyuError:
            return None

    if len(tasks) < 8:
        return [one(t) for t in tasks]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(one, tasks))


def _skip_result(task: Task, sha: str, t0: float) -> ConvertResult | None:
    """A SKIPPED result when the output is up to date with this input, else None."""
    options = task.options
    stamp = task.existing if options.format == "jsonl" else _read_stamp(task.output)
    if options.format == "jsonl" and task.output.exists():
        stamp = _read_stamp(task.output)  # a part left by an interrupted run
    if options.force or not _up_to_date(stamp, sha, options):
        return None
    path = task.input.path
    return ConvertResult(
        path, Status.SKIPPED, output=task.output, sha256=sha, seconds=time.perf_counter() - t0
    )


def convert_one(task: Task) -> ConvertResult:
    """Convert one input to its output file; never raises for a bad input or a bug."""
    t0 = time.perf_counter()
    path, options = task.input.path, task.options
    sha: str | None = None
    try:
        sha = task.sha256 or _source_sha(task)
        skipped = _skip_result(task, sha, t0)
        if skipped is not None:
            return skipped
        settings = ExtractSettings(
            table_engine=options.table_engine,
            password=options.password,
            max_pages=options.max_pages,
            max_bytes=options.max_bytes,
            ocr=options.ocr,
            ocr_dpi=options.ocr_dpi,
        )
        if options.analysis:  # loaded before the clock starts (once per process)
            run_stage("analyze", path, lambda: preload_model(options.phrases))
        with deadline(options.timeout, path):
            doc = run_stage("extract", path, lambda: extract_stage(path, settings, sha256=sha))
            if options.analysis:
                doc = run_stage(
                    "analyze", path, lambda: analyze_stage(doc, phrases=options.phrases)
                )
        doc = run_stage("municipality", path, lambda: municipality_stage(doc))
        text = document_text(doc, options.format)
        run_stage("write", path, lambda: write_atomic(task.output, text))
        return ConvertResult(
            path,
            Status.SUCCESS,
            output=task.output,
            sha256=sha,
            seconds=time.perf_counter() - t0,
            pages=doc.source.page_count,
            ocr_pages=len(doc.ocr.pages) if doc.ocr else 0,
            entries=len(doc.entries),
        )
    except ShinkyuError as e:
        _remove_stale(task)
        return ConvertResult(
            path,
            Status.FAILURE,
            sha256=sha,
            error=e.code,
            message=e.message,
            stage=error_stage(e),
            hint=e.hint,
            seconds=time.perf_counter() - t0,
            trace=traceback.format_exc() if options.debug else None,
        )
    except Exception as e:  # a bug outside any stage: still one failed input, not a dead batch
        _remove_stale(task)
        return ConvertResult(
            path,
            Status.FAILURE,
            sha256=sha,
            error="internal",
            message=f"{type(e).__name__}: {e}",
            stage="worker",
            seconds=time.perf_counter() - t0,
            trace=traceback.format_exc() if options.debug else None,
        )


def _remove_stale(task: Task) -> None:
    """A failed input leaves no output of an earlier run behind (nor in an export of it)."""
    with contextlib.suppress(OSError):
        task.output.unlink(missing_ok=True)


def init_worker(analysis: bool, phrases: bool = False, parent: int | None = None) -> None:
    """Process-pool initializer: load the GiNZA pipeline once per worker, not once per file.

    With ``parent`` (the pid of the batch process) the worker watches it and exits as soon
    as it is gone: a killed batch leaves no worker behind holding its model.
    """
    if parent is not None:
        _watch_parent(parent)
    if analysis:
        preload_model(phrases)


def _watch_parent(parent: int, every: float = 0.5) -> None:
    import os
    import threading

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:  # re-parented: the batch process died
                os._exit(70)

    threading.Thread(target=watch, name="shinkyu-parent-watch", daemon=True).start()


# --------------------------------------------------------------------------------- the runner


def _as_inputs(paths: Iterable[str | Path | InputFile]) -> list[InputFile]:
    """Inputs as given to :func:`convert_many`.

    Files are taken as they are; folders are opened as the CLI opens them
    (:func:`collect_inputs`).
    """
    out: list[InputFile] = []
    for p in paths:
        if isinstance(p, InputFile):
            out.append(p)
        elif Path(p).is_dir():
            found, _ = collect_inputs([p])
            out += found
        else:
            out.append(InputFile(Path(p), Path(p).stem))
    return out


def remove_stale_temps(out: Path) -> int:
    """Delete the temporary files of writes that a kill interrupted; how many there were."""
    n = 0
    for p in out.rglob(".*.tmp") if out.is_dir() else ():
        if p.is_file() and _TEMP.match(p.name):
            p.unlink(missing_ok=True)
            n += 1
    return n


@dataclass(frozen=True)
class JsonlLine:
    """A line of an existing documents.jsonl: its source, stamp and place in the file.

    Its text is read again only when it is written out.
    """

    sha256: str
    path: str
    stamp: Stamp
    offset: int
    length: int


def _read_jsonl(path: Path) -> list[JsonlLine]:
    """The lines of an existing documents.jsonl, in order; a broken line is dropped."""
    out: list[JsonlLine] = []
    if not path.is_file():
        return out
    offset = 0
    with path.open("rb") as f:
        for raw in f:
            try:
                data = json.loads(raw)
                stamp = output_stamp(data)
                out.append(JsonlLine(stamp[0], data["source"]["path"], stamp, offset, len(raw)))
            except (ValueError, KeyError, TypeError):
                pass
            offset += len(raw)
    return out


def _append_error(out: Path, result: ConvertResult) -> None:
    """One failure added to errors.jsonl as it happens (a line, not the whole file again).

    A line that cannot be written whole (a full disk) is taken back: the file never holds
    half a line. The failure is still yielded (and printed by the CLI).
    """
    data = (json.dumps(result.error_record(), ensure_ascii=False) + "\n").encode("utf-8")
    path = out / ERRORS_NAME
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:
        return
    try:
        size = os.fstat(fd).st_size
        try:
            if os.write(fd, data) != len(data):
                os.ftruncate(fd, size)
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, size)
    finally:
        os.close(fd)


def _write_errors(out: Path, failures: list[ConvertResult]) -> None:
    path = out / ERRORS_NAME
    if not failures:
        path.unlink(missing_ok=True)
        return
    lines = [json.dumps(r.error_record(), ensure_ascii=False) + "\n" for r in failures]
    write_atomic(path, "".join(lines))


MAX_TASKS_PER_CHILD = 200
"""Inputs a pool worker converts before it is replaced: memory a library keeps (fonts, parse
caches) cannot grow without bound; reloading the model costs 1.5–2.5 s each time."""


def _process_pool(workers: int, analysis: bool, phrases: bool) -> Executor:
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(analysis, phrases, os.getpid()),
        max_tasks_per_child=MAX_TASKS_PER_CHILD,
    )


def _executor(
    kind: str, workers: int, scheduler: str | None, analysis: bool, phrases: bool = False
) -> tuple[Executor | None, Any, Callable[[], Executor] | None]:
    """The executor, the Dask client to close (if any), and how to start a fresh pool."""
    if kind == "dask":
        if not scheduler:
            raise SettingsError("executor 'dask' needs a scheduler address (--scheduler)")
        from distributed import Client

        client = Client(scheduler)  # type: ignore[no-untyped-call]
        client.run(init_worker, analysis, phrases)
        return client.get_executor(), client, None  # type: ignore[no-untyped-call]
    if workers > 1:

        def restart() -> Executor:
            return _process_pool(workers, analysis, phrases)

        return restart(), None, restart
    return None, None, None


def convert_many(
    paths: Iterable[str | Path | InputFile],
    *,
    out: str | Path,
    format: str = "json",
    table_engine: str = "plumber",
    password: str | None = None,
    analysis: bool = True,
    phrases: bool = False,
    force: bool = False,
    timeout: float | None = None,
    max_pages: int | None = MAX_PAGES,
    max_bytes: int | None = MAX_BYTES,
    ocr: str = "auto",
    ocr_dpi: int = 300,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    debug: bool = False,
) -> Iterator[ConvertResult]:
    """Convert every input into ``out``; yield one :class:`ConvertResult` per input as it ends.

    ``json`` writes ``out/<name>.json`` per input, ``jsonl`` one ``out/documents.jsonl`` in
    input order. An input whose output holds the same source sha256, shinkyu version, schema
    version and table engine is skipped unless ``force``. Failures never stop the run; they
    are written to ``out/errors.jsonl`` (removed when a run has none). ``workers > 1`` runs
    a process pool; ``executor="dask"`` runs on the Dask cluster at ``scheduler`` (the
    workers must see the same paths).
    """
    options = BatchOptions(
        format=format,
        table_engine=table_engine,
        password=password,
        analysis=analysis,
        force=force,
        phrases=phrases,
        timeout=timeout,
        max_pages=max_pages,
        max_bytes=max_bytes,
        ocr=ocr,
        ocr_dpi=ocr_dpi,
        debug=debug,
    )
    if executor not in EXECUTORS:
        raise SettingsError(f"executor: {executor!r}; allowed: {', '.join(EXECUTORS)}")
    if workers < 1:
        raise SettingsError(f"workers: {workers}; must be 1 or more")
    inputs = _as_inputs(paths)
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out}: cannot be the output folder: {e.strerror or e}") from e
    if not os.access(out, os.W_OK):
        raise OutputError(f"{out}: the output folder is not writable")
    lock = _lock(out)  # one run at a time per output folder
    try:
        yield from _convert_locked(inputs, out, options, workers, executor, scheduler)
    finally:
        lock.unlink(missing_ok=True)


def _lock(out: Path) -> Path:
    """Take ``out/.shinkyu.lock`` (holding our pid); a lock whose process is gone is stale."""
    lock = out / LOCK_NAME
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                holder = int(lock.read_text(encoding="utf-8").strip() or "0")
            except (OSError, ValueError):
                holder = 0
            if holder and holder != os.getpid() and _alive(holder):
                raise OutputBusyError(
                    f"{out}: another shinkyu run (pid {holder}) is writing to this folder"
                ) from None
            lock.unlink(missing_ok=True)  # stale: its run was killed
            continue
        except OSError as e:
            raise OutputError(f"{out}: cannot lock the output folder: {e.strerror or e}") from e
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")
        return lock
    raise OutputBusyError(f"{out}: the output folder's lock could not be taken")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _convert_locked(
    inputs: list[InputFile],
    out: Path,
    options: BatchOptions,
    workers: int,
    executor: str,
    scheduler: str | None,
) -> Iterator[ConvertResult]:
    format, analysis, phrases = options.format, options.analysis, options.phrases
    remove_stale_temps(out)
    previous = _read_jsonl(out / JSONL_NAME) if format == "jsonl" else []
    tasks = []
    for f in inputs:
        if format == "jsonl":
            target = out / PARTS_DIR / f"{f.name}.json"
            tasks.append(Task(f, target, options))
        else:
            tasks.append(Task(f, out / f"{f.name}.json", options))
    failures: list[ConvertResult] = []
    done: dict[Path, ConvertResult] = {}
    position = {t.input.path: k for k, t in enumerate(tasks)}
    # Inputs already up to date are skipped here: a rerun with nothing to do starts no
    # worker (and loads no model).
    todo: list[Task] = []
    skipped: list[ConvertResult] = []
    by_sha = {line.sha256: line for line in previous}
    for k, (task, sha) in enumerate(zip(tasks, _hash_all(tasks), strict=True)):
        result = None  # a file that cannot be hashed: convert_one reports it
        if sha is not None:
            if format == "jsonl" and sha in by_sha:  # the same content, however spelled
                task = replace(task, existing=by_sha[sha].stamp)
            result = _skip_result(task, sha, time.perf_counter())
            task = replace(task, sha256=sha)  # hashed once, here
            tasks[k] = task
        if result is None:
            todo.append(task)
        else:
            skipped.append(result)
    for result in skipped:
        done[result.path] = result
        yield result
    pool, client, restart = (
        _executor(executor, workers, scheduler, analysis, phrases) if todo else (None, None, None)
    )
    (out / ERRORS_NAME).unlink(missing_ok=True)  # this run's failures, appended as they come
    try:
        for result in _run(todo, pool, restart, workers):
            done[result.path] = result
            if result.status is Status.FAILURE:
                failures.append(result)
                _append_error(out, result)
            yield result
    finally:
        if client is not None:  # a Dask ClientExecutor: its futures belong to the client
            client.close()
        elif pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if len(done) == len(tasks):  # a finished run: the file once more, in input order
            failures.sort(key=lambda r: position.get(r.path, len(position)))
            with contextlib.suppress(OSError):  # a full disk: the appended lines stay
                _write_errors(out, failures)
        if format == "jsonl":
            _assemble_jsonl(out, tasks, done, previous)


def _size(task: Task) -> int:
    try:
        return task.input.path.stat().st_size
    except OSError:
        return 0


def _run(
    tasks: list[Task],
    pool: Executor | None,
    restart: Callable[[], Executor] | None = None,
    workers: int = 1,
) -> Iterator[ConvertResult]:
    if pool is None:
        for task in tasks:
            yield convert_one(task)
        return
    if restart is None:  # a Dask executor: the cluster replaces its own workers
        yield from _run_on(tasks, pool)
        return
    yield from _run_surviving(tasks, pool, restart, workers)


def _run_on(tasks: list[Task], pool: Executor) -> Iterator[ConvertResult]:
    # Largest files first, so that no worker is left with a big one at the end.
    ordered = sorted(tasks, key=_size, reverse=True)
    futures: dict[Future[ConvertResult], Task] = {pool.submit(convert_one, t): t for t in ordered}
    for fut in as_completed(futures):
        task = futures[fut]
        try:
            yield fut.result()
        except Exception as e:  # the worker died (killed, out of memory): that input failed
            yield _died(task, f"worker failed: {type(e).__name__}: {e}")


def _died(task: Task, message: str) -> ConvertResult:
    err = WorkerDiedError(f"{task.input.path}: {message}")
    return ConvertResult(
        task.input.path,
        Status.FAILURE,
        sha256=task.sha256,
        error=err.code,
        message=err.message,
        stage="worker",
        hint=err.hint,
    )


def _run_surviving(
    tasks: list[Task], pool: Executor, restart: Callable[[], Executor], workers: int
) -> Iterator[ConvertResult]:
    """Run tasks on a process pool that survives the death of a worker.

    A dead worker breaks the whole pool: every task then in flight fails with
    ``BrokenProcessPool``, though only one killed it. Those tasks are retried one at a time
    on a fresh pool: the others convert; the one that kills its worker a second time is
    ``worker_died``. Tasks not yet sent go on as before. Largest files go first, so no
    worker is left with a big one at the end.
    """
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    pending = deque(sorted(tasks, key=_size, reverse=True))
    suspects: deque[Task] = deque()
    width = max(1, workers)
    in_flight: dict[Future[ConvertResult], Task] = {}
    try:
        while pending or suspects or in_flight:
            if suspects and not in_flight:
                task = suspects.popleft()  # alone on a fresh pool: a second death is its own
                try:
                    yield pool.submit(convert_one, task).result()
                except BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = restart()
                    yield _died(task, "the worker converting it died twice")
                continue
            while pending and not suspects and len(in_flight) < 2 * width:
                task = pending.popleft()
                in_flight[pool.submit(convert_one, task)] = task
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                task = in_flight.pop(fut)
                try:
                    yield fut.result()
                except BrokenProcessPool:
                    broken = True
                    suspects.append(task)
                except Exception as e:  # not a death: the task could not be sent or returned
                    yield _died(task, f"worker failed: {type(e).__name__}: {e}")
            if broken:
                suspects.extend(in_flight.values())
                in_flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = restart()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _resolved(p: str | Path) -> str:
    try:
        return str(Path(p).resolve())
    except OSError:
        return str(p)


def _assemble_jsonl(
    out: Path,
    tasks: list[Task],
    done: dict[Path, ConvertResult],
    previous: list[JsonlLine],
) -> None:
    """Write documents.jsonl, and remove the parts.

    This run's inputs come first, in input order, then every other document the file held
    before (a rerun with fewer inputs drops none). An input's earlier line is replaced by
    its new one, dropped when it failed now, and kept when it was skipped or not reached
    (an interruption); lines are matched by content (sha256) or by path, however the path
    is spelled.
    """
    used: list[Path] = []
    taken: set[int] = set()
    by_path: dict[str, list[int]] = {}
    by_sha: dict[str, list[int]] = {}
    for k, ln in enumerate(previous):  # each line's path resolved once
        by_path.setdefault(_resolved(ln.path), []).append(k)
        by_sha.setdefault(ln.sha256, []).append(k)
    plan: list[Path | JsonlLine] = []  # what the new file holds, in order
    for task in tasks:
        mine = [k for k in by_path.get(_resolved(task.input.path), []) if k not in taken] or [
            k for k in by_sha.get(task.sha256 or "", []) if k not in taken
        ][:1]
        taken.update(mine)
        result = done.get(task.input.path)
        if task.output.is_file():
            plan.append(task.output)
            used.append(task.output)
        elif mine and (result is None or result.status is Status.SKIPPED):
            plan.append(previous[mine[0]])
    plan += [ln for k, ln in enumerate(previous) if k not in taken]
    target = out / JSONL_NAME
    if plan or target.exists():
        _write_jsonl(target, plan)
    for p in used:
        p.unlink(missing_ok=True)
    parts = out / PARTS_DIR
    if parts.is_dir() and not any(p.is_file() for p in parts.rglob("*")):
        shutil.rmtree(parts)


def _write_jsonl(target: Path, plan: Sequence[Path | JsonlLine]) -> None:
    """Stream the new documents.jsonl into place, through a temporary file and a rename.

    New parts are copied, kept lines read from the old file by offset: no document is held
    in memory, and never a half file.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            old = target.open("rb") if target.exists() else None
            try:
                for item in plan:
                    if isinstance(item, Path):
                        data = item.read_bytes()
                    else:
                        assert old is not None
                        old.seek(item.offset)
                        data = old.read(item.length)
                    f.write(data if data.endswith(b"\n") else data + b"\n")
            finally:
                if old is not None:
                    old.close()
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
