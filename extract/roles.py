"""Column header text to column role (before / after / reason)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from shinkyu.schemas.model import Column, Role

from .text import normalize_text

# Exact labels (after normalization and removing whitespace and brackets), most specific first.
ROLE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "before": (
        "変更前",
        "改正前",
        "修正前",
        "改定前",
        "現行",
        "現行規定",
        "旧",
        "旧規定",
        "改正前規定",
    ),
    "after": (
        "変更後",
        "改正後",
        "修正後",
        "改定後",
        "改正案",
        "変更案",
        "新",
        "新規定",
        "改正後規定",
    ),
    "reason": ("変更理由", "改正理由", "修正理由", "改定理由", "理由", "備考", "変更内容", "摘要"),
}

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
    if not label:
        return None
    for role, names in ROLE_SYNONYMS.items():
        if label in names:
            return role
    for role, names in ROLE_SYNONYMS.items():
        if any(len(n) >= 2 and label.startswith(n) for n in names):
            return role
    return None
