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

from shinkyu.schemas.errors import ConversionTimeoutError

_state = threading.local()


def start(seconds: float, message: str) -> None:
    """Begin a limit of ``seconds`` for this thread's conversion."""
    _state.error = None
    _state.until = time.monotonic() + seconds
    _state.message = message


def expire(error: ConversionTimeoutError) -> None:
    """Record that the limit ran out (called by the timer)."""
    _state.error = error


def clear() -> None:
    _state.error = None
    _state.until = None


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
