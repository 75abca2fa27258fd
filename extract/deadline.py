"""The per-input time limit, as a deadline the stages check between pages and entries.

In a process's main thread a timer (SIGALRM, :func:`shinkyu.api.deadline`) also raises the
limit inside whatever code runs when it expires; a library may catch that exception and
wrap or log it (camelot turns it into an ``ImageConversionError``). So the timer records it
here too, and the stages check between pages, after every library call that catches
broadly and between analysed entries: once expired, the conversion stops with ``timeout``
whatever the library did with it. In other threads (a Dask worker's), where no timer can
run, these checks are the limit: it is enforced at the next page or entry.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from shinkyu.schemas.errors import ConversionTimeoutError

_state = threading.local()


def start(seconds: float, message: str, rearm: Callable[[float], None] | None = None) -> None:
    """Begin a limit of ``seconds`` for this thread's conversion.

    ``rearm(remaining)`` moves the thread's timer when the limit is extended.
    """
    _state.error = None
    _state.seconds = seconds
    _state.until = time.monotonic() + seconds
    _state.message = message
    _state.rearm = rearm


def extend_for_page() -> None:
    """Give one more page its own limit: OCR'd pages count the limit per page.

    A scan of 30 pages at several seconds a page would otherwise outrun a limit set for
    text pages; the limit stays per page, so one stuck page still stops.
    """
    until = getattr(_state, "until", None)
    if until is None or getattr(_state, "error", None) is not None:
        return
    now = time.monotonic()
    _state.until = max(until, now) + _state.seconds
    if _state.rearm is not None:
        _state.rearm(_state.until - now)


def expire(error: ConversionTimeoutError) -> None:
    """Record that the limit ran out (called by the timer)."""
    _state.error = error


def clear() -> None:
    _state.error = None
    _state.until = None
    _state.rearm = None


def check() -> None:
    """Raise the time-limit error when the limit ran out, even if a library caught it."""
    error = getattr(_state, "error", None)
    if error is None:
        until = getattr(_state, "until", None)
        if until is None or time.monotonic() < until:
            return
        error = ConversionTimeoutError(_state.message)
        _state.error = error
    raise error
