"""Mutations of sample PDFs for the fuzz test and ``bench/fuzz.py``.

Every mutation is a pure function of the input bytes and a :class:`random.Random`, so a run
is reproduced from its seed alone. :func:`mutations` yields ``(name, bytes)`` cycling through
the kinds in :data:`KINDS`.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from shinkyu.schemas.errors import ShinkyuError

_OBJ = re.compile(rb"(?m)^\d+ \d+ obj\b")
_STARTXREF = re.compile(rb"startxref\s*(\d+)")
_XREF_ROW = re.compile(rb"\d{10} \d{5} [nf]")

CODES = frozenset(
    {
        "not_pdf",
        "damaged",
        "encrypted",
        "no_text_layer",
        "unreadable_text",
        "no_comparison_table",
        "no_entries",
        "too_large",
    }
)
"""Error codes a mutated PDF may legitimately fail with (never ``internal``)."""


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the file at a random point (a download that stopped)."""
    return data[: rng.randrange(len(data))]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    """Overwrite 1-16 bytes, half the time inside the first or last 4 KB (dictionaries, xref)."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        where = rng.random()
        if where < 0.25:
            i = rng.randrange(min(4096, len(out)))
        elif where < 0.5:
            i = len(out) - 1 - rng.randrange(min(4096, len(out)))
        else:
            i = rng.randrange(len(out))
        out[i] = rng.randrange(256)
    return bytes(out)


def _objects(data: bytes) -> list[tuple[int, int]]:
    spans = []
    for m in _OBJ.finditer(data):
        end = data.find(b"endobj", m.end())
        if end >= 0:
            spans.append((m.start(), end + len(b"endobj")))
    return spans


def delete_object(data: bytes, rng: random.Random) -> bytes:
    """Remove one indirect object: cut out (offsets shift) or blanked (offsets kept)."""
    spans = _objects(data)
    if not spans:
        return truncate(data, rng)
    start, end = rng.choice(spans)
    if rng.random() < 0.5:
        return data[:start] + data[end:]
    return data[:start] + b" " * (end - start) + data[end:]


def damage_xref(data: bytes, rng: random.Random) -> bytes:
    """Point ``startxref`` elsewhere, garble xref rows, or drop the xref table."""
    how = rng.randrange(3)
    m = _STARTXREF.search(data, max(0, len(data) - 2048))
    if how == 0 and m:
        new = str(rng.randrange(len(data) + 1000)).encode()
        return data[: m.start(1)] + new + data[m.end(1) :]
    rows = list(_XREF_ROW.finditer(data))
    if how == 1 and rows:
        out = bytearray(data)
        for row in rng.sample(rows, min(len(rows), rng.randint(1, 4))):
            offset = b"%010d" % rng.randrange(len(data) + 1000)
            out[row.start() : row.start() + 10] = offset
        return bytes(out)
    xref = data.rfind(b"xref", 0, m.start() if m else len(data))
    trailer = data.find(b"trailer", xref)
    if xref < 0 or trailer < 0:
        return truncate(data, rng)
    return data[:xref] + data[trailer:]


KINDS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncate": truncate,
    "flip": flip_bytes,
    "delete_object": delete_object,
    "damage_xref": damage_xref,
}


def mutations(sources: Sequence[Path], n: int, seed: int) -> Iterator[tuple[str, str, bytes]]:
    """``n`` mutants as ``(source name, kind, bytes)``, sources and kinds taken in turn."""
    rng = random.Random(seed)
    datas = [p.read_bytes() for p in sources]
    kinds = list(KINDS.items())
    for i in range(n):
        src = i % len(sources)
        kind, mutate = kinds[(i // len(sources)) % len(kinds)]
        yield sources[src].name, kind, mutate(datas[src], rng)


class _Hang(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Hang


@cache
def _validator() -> Any:
    import jsonschema
    from shinkyu.schemas.generate import SCHEMA_PATH

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def run_mutant(data: bytes, reader: str = "pdfium", timeout: float = 0) -> tuple[str, str]:
    """Convert one mutant; ``(outcome, detail)``.

    outcome is ``ok`` (converted, valid against the schema and encodable as UTF-8), an
    error code, ``invalid`` (converted to something the schema rejects), ``hang`` (over
    ``timeout`` seconds) or ``unhandled:<type>`` (an exception that is no ShinkyuError).
    For ``internal`` the detail names the exception that caused it.
    """
    from shinkyu.extract import ExtractSettings, extract_document

    from shinkyu.api import convert, document_to_json, run_stage

    fd, name = tempfile.mkstemp(suffix=".pdf")
    path = Path(name)
    if timeout:
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        os.write(fd, data)
        os.close(fd)
        if reader == "pdfium":
            doc = convert(path, analysis=False)
        else:
            settings = ExtractSettings(reader=reader)
            doc = run_stage("extract", path, lambda: extract_document(path, settings))
        text = document_to_json(doc)
        text.encode("utf-8")
        problems = list(_validator().iter_errors(json.loads(text)))
        if problems:
            return "invalid", problems[0].message[:200]
        return "ok", ""
    except _Hang:
        return "hang", f"over {timeout} s"
    except ShinkyuError as e:
        cause = e.__cause__
        detail = e.message if cause is None else f"{type(cause).__name__}: {cause}"
        return e.code, detail[:300]
    except Exception as e:
        return f"unhandled:{type(e).__name__}", str(e)[:300]
    finally:
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, 0)
        path.unlink(missing_ok=True)
