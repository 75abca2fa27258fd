"""The spaCy / GiNZA pipeline: built once per process, rule components of our own, a parse cache.

``ja_ginza`` gives tokens (SudachiPy), sentences and bunsetsu phrases (its parser and
``bunsetu_recognizer``); its statistical NER is excluded: it drops 令和 (ginza issue #127) and
tags 「21 事業者」 as an organisation. Our components put era dates and quantities, found by
the rules in :mod:`.eras` and :mod:`.numbers`, in ``doc.spans`` (groups ``shinkyu_dates`` and
``shinkyu_quantities``) and the parsed values in ``doc.user_data``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from shinkyu.schemas.model import EraDate, Quantity

from .eras import find_dates
from .numbers import find_quantities

MODEL = "ja_ginza"
# Sudachi refuses inputs over 49149 bytes; Japanese is 3 bytes a character in UTF-8.
MAX_CHARS = 12_000
DATES = "shinkyu_dates"
QUANTITIES = "shinkyu_quantities"
_SENTENCE_END = re.compile(r"(?<=[。．!?！？])")


def _register() -> None:
    from spacy.language import Language

    if Language.has_factory("shinkyu_era_dates"):
        return

    @Language.component("shinkyu_era_dates")
    def era_dates(doc: Any) -> Any:
        dates = find_dates(doc.text)
        doc.user_data[DATES] = dates
        doc.spans[DATES] = _spans(doc, ((d.start, d.end, d.kind) for d in dates))
        return doc

    @Language.component("shinkyu_quantities")
    def quantities(doc: Any) -> Any:
        dates: list[EraDate] = doc.user_data.get(DATES, [])
        found = [
            q
            for q in find_quantities(doc.text)
            if not any(d.start <= (q.start or 0) < d.end for d in dates)
        ]
        doc.user_data[QUANTITIES] = found
        doc.spans[QUANTITIES] = _spans(
            doc, ((q.start or 0, q.end or 0, q.unit or "") for q in found)
        )
        return doc


def _spans(doc: Any, items: Iterable[tuple[int, int, str]]) -> list[Any]:
    out = []
    for start, end, label in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


@dataclass(frozen=True)
class NlpSettings:
    """Which GiNZA components run.

    ``phrases=True`` adds the dependency parser (bunsetsu phrases around text changes),
    which costs most of the analysis time.
    """

    model: str = MODEL
    phrases: bool = False

    def __post_init__(self) -> None:
        if not self.model:
            raise ValueError("NlpSettings.model: a spaCy package name such as 'ja_ginza'")


NLP_LOCK = threading.RLock()
"""Held while a pipeline parses: spaCy pipelines and the Sudachi tokenizer inside GiNZA are
not thread-safe (two threads in one tokenizer raise 「Already borrowed」). One pipeline per
process is shared by its threads, in turn, rather than one ~500 MB model per thread."""


def load_nlp(settings: NlpSettings = NlpSettings()) -> Any:
    """The pipeline, built once per process and settings: GiNZA minus NER, plus our rules.

    Threads that ask at once wait for one load, not one each.
    """
    with NLP_LOCK:
        return _load_nlp(settings)


@lru_cache(maxsize=4)
def _load_nlp(settings: NlpSettings) -> Any:
    import spacy

    _register()
    exclude = ["ner", "morphologizer", "compound_splitter"]
    if not settings.phrases:
        exclude += ["tok2vec", "parser", "bunsetu_recognizer"]
    nlp = spacy.load(settings.model, exclude=exclude)
    nlp.add_pipe("shinkyu_era_dates", last=True)
    nlp.add_pipe("shinkyu_quantities", last=True)
    return nlp


def segments(text: str) -> list[tuple[int, str]]:
    """(offset, text) pieces parsed one by one: lines, cut after 。 and at MAX_CHARS.

    Short pieces make the cache effective: before and after share most of their sentences.
    """
    out: list[tuple[int, str]] = []
    for line in re.finditer(r"[^\n]+", text):
        pos = line.start()
        for piece in _SENTENCE_END.split(line.group()):
            for k in range(0, len(piece), MAX_CHARS):
                chunk = piece[k : k + MAX_CHARS]
                if chunk.strip():
                    out.append((pos + k, chunk))
            pos += len(piece)
    return out


# Components that only the bunsetsu phrases need (the dependency parser and what feeds it).
_PHRASE_PIPES = ("tok2vec", "parser", "bunsetu_recognizer")


class ParseCache:
    """Parsed segments by text: each distinct text goes through ``nlp.pipe`` once.

    Segments that differ between before and after — where text changes lie — get Sudachi
    tokens (GiNZA's tokenizer) and, with phrases on, the dependency parse for bunsetsu
    phrases (:meth:`parse_phrases`). Every other segment needs no tokens of its own (it is
    equal on both sides, so the token diff matches it whatever its tokens): it gets one token
    per character and only our rule components (dates, quantities), which work on text.
    """

    def __init__(self, nlp: Any, *, batch_size: int = 64) -> None:
        self.nlp = nlp
        self.batch_size = batch_size
        self.docs: dict[str, Any] = {}
        self.phrase_docs: dict[str, Any] = {}
        self.parsed_chars = 0
        self.phrase_chars = 0
        self._light = [p for p in _PHRASE_PIPES if p in nlp.pipe_names]

    @property
    def has_parser(self) -> bool:
        """Whether the pipeline parses dependencies (bunsetsu phrases are filled)."""
        return bool(self._light)

    def parse(self, texts: Iterable[str], *, tokenize: Iterable[str] | None = None) -> None:
        """Parse segments; only those in ``tokenize`` (all when None) go through Sudachi."""
        todo = list(dict.fromkeys(t for t in texts if t not in self.docs))
        wanted = None if tokenize is None else set(tokenize)
        full = [t for t in todo if wanted is None or t in wanted]
        with NLP_LOCK:  # a pipeline (its Sudachi tokenizer) serves one thread at a time
            docs = list(self.nlp.pipe(full, batch_size=self.batch_size, disable=self._light))
        for text, doc in zip(full, docs, strict=True):
            self.docs[text] = doc
            self.parsed_chars += len(text)
        for text in todo:
            if text not in self.docs:
                self.docs[text] = self._rules_only(text)

    def _rules_only(self, text: str) -> Any:
        from spacy.tokens import Doc

        with NLP_LOCK:  # the vocab's string store is shared too
            doc = Doc(self.nlp.vocab, words=list(text), spaces=[False] * len(text))
            for name in ("shinkyu_era_dates", "shinkyu_quantities"):
                doc = self.nlp.get_pipe(name)(doc)
        return doc

    def parse_phrases(self, texts: Iterable[str]) -> None:
        """Run the full pipeline (with the parser) on these segments, once each."""
        if not self._light:
            return  # the parser is not loaded (NlpSettings(phrases=False))
        todo = list(dict.fromkeys(t for t in texts if t not in self.phrase_docs))
        with NLP_LOCK:
            docs = list(self.nlp.pipe(todo, batch_size=self.batch_size))
        for text, doc in zip(todo, docs, strict=True):
            self.phrase_docs[text] = doc
            self.phrase_chars += len(text)

    def __getitem__(self, text: str) -> Any:
        return self.docs[text]


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


def cell_tokens(cache: ParseCache, text: str) -> list[Token]:
    """Tokens of a whole cell text, offsets in it (whitespace tokens left out)."""
    out: list[Token] = []
    for offset, seg in segments(text):
        for tok in cache[seg]:
            if tok.text.strip():
                out.append(Token(offset + tok.idx, offset + tok.idx + len(tok.text), tok.text))
    return out


def cell_phrases(cache: ParseCache, text: str) -> list[tuple[int, int]]:
    """Bunsetsu phrase spans of the segments of a cell text that were parsed for phrases.

    Only segments given to :meth:`ParseCache.parse_phrases` (those a text change can fall
    in) have phrases; the parser never runs on the rest.
    """
    import ginza

    out: list[tuple[int, int]] = []
    for offset, seg in segments(text):
        doc = cache.phrase_docs.get(seg)
        if doc is None or not doc.has_annotation("DEP"):
            continue
        for span in ginza.bunsetu_spans(doc):
            out.append((offset + span.start_char, offset + span.end_char))
    return out


def cell_dates(cache: ParseCache, text: str) -> list[EraDate]:
    return [_shift(d, off) for off, seg in segments(text) for d in cache[seg].user_data[DATES]]


def cell_quantities(cache: ParseCache, text: str) -> list[Quantity]:
    return [
        q.model_copy(update={"start": (q.start or 0) + off, "end": (q.end or 0) + off})
        for off, seg in segments(text)
        for q in cache[seg].user_data[QUANTITIES]
    ]


def _shift(d: EraDate, off: int) -> EraDate:
    until = _shift(d.until, off) if d.until is not None else None
    return d.model_copy(update={"start": d.start + off, "end": d.end + off, "until": until})
