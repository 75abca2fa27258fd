"""Progress of a batch on stderr: a bar on a terminal, one log line per input otherwise."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO

from .batch import BatchSummary, ConvertResult, Status


class Progress:
    """Reports each result as it comes; ``quiet`` reports nothing."""

    def __init__(self, total: int, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.total = total
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.summary = BatchSummary(total=total)
        self.t0 = time.perf_counter()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if not self.quiet and self.stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("convert"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} pages/s"),
                TextColumn("{task.fields[ocr]}"),
                TimeRemainingColumn(),
                TextColumn("[red]{task.fields[failed]} failed"),
                console=Console(file=self.stream),
                transient=True,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("convert", total=self.total, rate="-", failed=0, ocr="")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.summary.seconds = time.perf_counter() - self.t0
        if self._bar is not None:
            self._bar.__exit__(exc_type, exc, tb)

    def update(self, r: ConvertResult) -> None:
        self.summary.add(r)
        if self.quiet:  # quiet: no progress, but a failure is still one line
            if r.status is Status.FAILURE:
                print(_line(r, len(self.summary.results), self.total), file=self.stream, flush=True)
            return
        if self._bar is not None:
            elapsed = max(time.perf_counter() - self.t0, 1e-9)
            self._bar.update(
                self._task,
                advance=1,
                rate=f"{self.summary.pages / elapsed:.1f}",
                failed=self.summary.failure,
                ocr=f"({self.summary.ocr_pages} OCR'd)" if self.summary.ocr_pages else "",
            )
            if r.status is Status.FAILURE:
                self._bar.console.print(_line(r, len(self.summary.results), self.total))
            return
        print(_line(r, len(self.summary.results), self.total), file=self.stream, flush=True)


def failure_line(path: object, code: str | None, message: str | None, hint: str | None) -> str:
    """One failure, its path said once: ``shinkyu: PATH: CODE: message (hint)``.

    When the message names the path itself (most do: 「in/a.pdf is not a PDF」), the line is
    ``shinkyu: CODE: message (hint)``.
    """
    text = message or ""
    tail = f" ({hint})" if hint else ""
    if text.startswith(str(path)):
        return f"shinkyu: {code}: {text}{tail}"
    return f"shinkyu: {path}: {code}: {text}{tail}"


def _line(r: ConvertResult, n: int, total: int) -> str:
    head = f"[{n}/{total}] {r.path}"
    if r.status is Status.FAILURE:
        return failure_line(r.path, r.error, r.message, r.hint or f"stage {r.stage}")
    if r.status is Status.SKIPPED:
        return f"{head}: skipped, {r.output} is up to date"
    ocr = f", {r.ocr_pages} read by OCR" if r.ocr_pages else ""
    return f"{head} -> {r.output} ({r.pages} pages{ocr}, {r.entries} entries, {r.seconds:.1f} s)"


def summary_line(s: BatchSummary, errors: str | None = None) -> str:
    """One line: counts, pages and speed, and where the failures are."""
    rate = s.pages / s.seconds if s.seconds > 0 else 0.0
    line = (
        f"shinkyu: {s.total} inputs: {s.success} converted, {s.skipped} skipped, "
        f"{s.failure} failed; {s.pages} pages"
        + (f" ({s.ocr_pages} read by OCR)" if s.ocr_pages else "")
        + f" in {s.seconds:.1f} s ({rate:.1f} pages/s)"
    )
    if s.failure and errors:
        line += f"; errors in {errors}"
    return line
