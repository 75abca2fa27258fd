"""Column header text to column role (before / after / reason / label)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from shinkyu.schemas.lexicon import lexicon
from shinkyu.schemas.model import Column, Role

from .text import normalize_text


# The synonyms live in the lexicon ([columns] in schemas/lexicon.toml), with the other families.
def role_synonyms() -> dict[str, tuple[str, ...]]:
    """Header words per role, most specific first (from the lexicon)."""
    return lexicon().columns


MAX_HEADER_CHARS = 16
"""A header label is short: 「変更前（現行）」, 「改正後の規定」; a longer text that starts with
a header word is a cell's content (a table without a rule under its header)."""

_STRIP = re.compile(r"[\s()（）\[\]［］【】〔〕<>＜＞「」『』]")


def clean_label(text: str) -> str:
    """A header as compared: normalized, without whitespace and brackets."""
    return _STRIP.sub("", normalize_text(text))


def labels_to_columns(labels: Sequence[str]) -> tuple[list[Column], dict[str, int]]:
    """The table's columns (those with a role, in printed order) and each role's index.

    When two columns claim one role, the first wins.
    """
    roles = [header_to_role(lb) for lb in labels]
    columns = [
        Column(role=Role(r), label=clean_label(lb))
        for r, lb in zip(roles, labels, strict=True)
        if r
    ]
    idx = {r: i for i, r in reversed(list(enumerate(roles))) if r}
    return columns, idx


def header_to_role(text: str) -> str | None:
    """The role a printed header names, or None.

    Spaced headers (「変 更 前」) and bracketed forms (【改正後】) match; a label that
    starts with a synonym and adds a note (「変更前（現行）」) matches too.
    """
    label = clean_label(text)
    if not label or len(label) > MAX_HEADER_CHARS:
        return None  # a cell of text that starts with 「現行」, not a header
    for role, names in role_synonyms().items():
        if label in names:
            return role
    for role, names in role_synonyms().items():
        if any(len(n) >= 2 and label.startswith(n) for n in names):
            return role
    return None
