"""The per-input time limit, as a flag the stages check between pages and calls.

The limit itself is raised by a timer (SIGALRM, :func:`shinkyu.api.deadline`) inside
whatever code runs when it expires; a library may catch that exception and wrap or log it
(camelot turns it into an ``ImageConversionError``). So the timer also records it here, and
the extraction checks between pages and after every library call that catches broadly:
once expired, the conversion stops with ``timeout`` whatever the library did with it.
"""

from __future__ import annotations

import threading

from shinkyu.schemas.errors import ConversionTimeoutError

_state = threading.local()


def expire(error: ConversionTimeoutError) -> None:
    """Record that the limit ran out (called by the timer)."""
    _state.error = error


def clear() -> None:
    _state.error = None


def check() -> None:
    """Raise the time-limit error when the limit ran out, even if a library caught it."""
    error = getattr(_state, "error", None)
    if error is not None:
        raise error
