"""The input file: its hash, its size, its format, and the extractor's version.

Read before any reader opens the file; nothing here parses a PDF or a markdown table.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal

from shinkyu.schemas.errors import NotPdfError, TooLargeError

from .settings import ExtractSettings

TextFormat = Literal["markdown", "html"]


def shinkyu_version() -> str:
    try:
        return version("shinkyu")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_header(path: Path) -> None:
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        raise NotPdfError(f"{path} is not a PDF (no %PDF- header)")


def check_size(path: Path, settings: ExtractSettings) -> None:
    """Reject a file over ``settings.max_bytes`` before anything reads it."""
    size = path.stat().st_size
    if settings.max_bytes is not None and size > settings.max_bytes:
        raise TooLargeError(
            f"{path} has {size:,} bytes, over the limit of {settings.max_bytes:,} (max_bytes)"
        )


_MD_SEPARATOR = re.compile(r"^\s*\|(?:\s*:?-*:?\s*\|)+\s*$")
_MD_ROW = re.compile(r"^\s*\|.*\|\s*$")
_HTML_START = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<table[\s>]|<body[\s>])", re.I)


def sniff_text_format(head: bytes) -> TextFormat | None:
    """'markdown' or 'html' when the file's first bytes look like one; None otherwise.

    Markdown: a pipe table (a ``|...|`` line followed by a ``|---|`` separator). HTML: starts
    with a doctype, ``<html>``, ``<body>`` or ``<table>``, or holds a ``<table>`` and no
    markdown table. PDFs (``%PDF-``) and binary files are neither.
    """
    if b"%PDF-" in head[:1024] or b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        # the head may cut a multi-byte character at its end
        if e.start < len(head) - 3:
            return None
        text = head[: e.start].decode("utf-8-sig")
    lines = text.splitlines()
    for a, b in itertools.pairwise(lines):
        if _MD_ROW.match(a) and _MD_SEPARATOR.match(b) and "-" in b:
            return "markdown"
    if _HTML_START.match(text) or re.search(r"<table[\s>]", text, re.I):
        return "html"
    return None
