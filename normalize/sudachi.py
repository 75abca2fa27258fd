"""SudachiPy tokens for short strings (titles, list items), one tokenizer per thread.

GiNZA tokenizes with SudachiPy too; this gives the same dictionary's tokens and parts of
speech without the spaCy pipeline, for the few short strings the rules ask about. Tokenizers
are not thread-safe, so each thread builds its own (about 0.05 s, once).
"""

from __future__ import annotations

import threading
from typing import Any

_local = threading.local()
MAX_CHARS = 2000


def tokenizer() -> Any:
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        from sudachipy import Dictionary, SplitMode

        tok = _local.tokenizer = Dictionary().create(SplitMode.C)
    return tok


def morphemes(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(surface, part of speech) of each token of ``text`` (cut at ``MAX_CHARS``)."""
    return [
        (m.surface(), tuple(m.part_of_speech())) for m in tokenizer().tokenize(text[:MAX_CHARS])
    ]


def ends_with_verbal_noun(text: str) -> bool:
    """Whether the last token is a verbal noun (名詞-普通名詞-サ変可能: 推進, 強化, 支援 …)."""
    toks = [t for t in morphemes(text) if t[0].strip()]
    return bool(toks) and toks[-1][1][:3] == ("名詞", "普通名詞", "サ変可能")
