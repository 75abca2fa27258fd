"""The lexicon (``lexicon.toml`` beside this file): label families, head nouns, marks, as data.

Loaded and validated once per process (:func:`lexicon`). Both stages read it: ``extract``
for the comparison table's column roles, ``normalize`` for the families inside cells. This
module imports nothing of the project; matching is done on NFKC text without whitespace.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LABEL_FAMILIES = (
    "project_list",
    "indicator",
    "baseline",
    "target",
    "description",
    "body",
    "period",
    "note",
    "series_row",
    "category",
    "unit",
    "baseline_year",
    "target_year",
)
COLUMN_ROLES = ("before", "after", "reason", "label")
# A label may carry a short tail after its family word: 「重要業績評価指標(KPI)」, 「主な事業等」.
MAX_LABEL_TAIL = 6
_SPACE = re.compile(r"\s+")
_NOT_TAIL = re.compile(r"[\u3041-\u309f:：]")


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of the words, longest first (so 「重要業績評価指標」 beats 「指標」)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class LexiconError(ValueError):
    """lexicon.toml is missing a family or holds a value of the wrong type."""


@dataclass(frozen=True)
class Family:
    """One label family: words that must be the whole label, or may start it."""

    name: str
    exact: tuple[str, ...]
    prefix: tuple[str, ...]

    def match(self, label: str) -> str | None:
        """The family word that ``label`` (cleaned) is or starts with; the longest wins."""
        if label in self.exact or label in self.prefix:
            return label
        best = None
        for w in self.prefix:
            if _NOT_TAIL.search(label[len(w) :]):  # 「事業名の変更」, 「KPI:値」: not a label
                continue
            short = label.startswith(w) and len(label) - len(w) <= MAX_LABEL_TAIL
            if short and (best is None or len(w) > len(best)):
                best = w
        return best


@dataclass(frozen=True)
class OcrFixes:
    """Post-OCR fixes: what OCR models misread on Japanese administrative pages."""

    variants: dict[str, str]  # a Chinese glyph variant -> the Japanese character
    omission_words: tuple[str, ...]  # the words an omission marker's dashes stand around
    dash_misreads: tuple[str, ...]  # what a dash is read as there (一, ー)
    bullet_misreads: tuple[str, ...]  # what a ○ bullet opening a line is read as (〇, O)
    katakana: dict[str, str]  # kanji read for the katakana they look like (力 → カ)
    one_words: tuple[str, ...]  # words whose 一 stays after katakana (一覧)


@dataclass(frozen=True)
class Lexicon:
    columns: dict[str, tuple[str, ...]]
    families: dict[str, Family]
    head_nouns: tuple[str, ...]
    not_heads: tuple[str, ...]
    split_heads: tuple[str, ...]
    continuations: tuple[str, ...]
    annotation: tuple[str, ...]
    organisations: tuple[str, ...]
    totals: tuple[str, ...]
    status: tuple[str, ...]
    bullets: tuple[str, ...]
    brackets: tuple[tuple[str, str], ...]
    label_separators: tuple[str, ...]
    item_separators: tuple[str, ...]
    omissions: tuple[str, ...]
    arrows: tuple[str, ...]
    value_prefix: tuple[str, ...]
    qualifiers_before: tuple[str, ...]
    qualifiers_after: tuple[str, ...]
    target_notes: tuple[str, ...]
    not_set: tuple[str, ...]
    ocr: OcrFixes
    _memo: dict[tuple[str, tuple[str, ...]], str | None] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def clean(self, text: str) -> str:
        """A label as compared: NFKC, no whitespace, no enclosing brackets or separators."""
        s = _SPACE.sub("", unicodedata.normalize("NFKC", text))
        changed = True
        while changed and s:
            changed = False
            for sep in self.label_separators:
                if sep.strip() and s.endswith(unicodedata.normalize("NFKC", sep)):
                    s, changed = s[: -len(unicodedata.normalize("NFKC", sep))], True
            for op, cl in self.brackets:
                o, c = unicodedata.normalize("NFKC", op), unicodedata.normalize("NFKC", cl)
                if s.startswith(o) and s.endswith(c) and len(s) > len(o) + len(c):
                    s, changed = s[len(o) : -len(c)], True
            for b in self.bullets:
                nb = unicodedata.normalize("NFKC", b)
                if nb and s.startswith(nb) and len(s) > len(nb):
                    s, changed = s[len(nb) :], True
        return s

    def family(self, text: str, *, among: tuple[str, ...] = LABEL_FAMILIES) -> str | None:
        """The label family ``text`` names (first in ``among`` order wins ties of length).

        Answers are remembered (lines repeat on both sides of a comparison table).
        """
        key = (text, among)
        if key not in self._memo:
            if len(self._memo) > 65536:
                self._memo.clear()
            self._memo[key] = self._family(text, among)
        return self._memo[key]

    def _family(self, text: str, among: tuple[str, ...]) -> str | None:
        label = self.clean(text)
        if not label:
            return None
        best: tuple[int, str] | None = None
        for name in among:
            w = self.families[name].match(label)
            if w is not None and (best is None or len(w) > best[0]):
                best = (len(w), name)
        return best[1] if best else None

        for role, names in self.columns.items():
            if label in names:
                return role
        for role, names in self.columns.items():
            if any(len(n) >= 2 and label.startswith(n) for n in names):
                return role
        return None


def _strings(section: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = section.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"lexicon.toml: [{where}] {key} must be a non-empty list of strings")
    return tuple(unicodedata.normalize("NFKC", v) if where != "marks" else v for v in value)


def _family(name: str, raw: Any) -> Family:
    if not isinstance(raw, dict) or not (raw.get("exact") or raw.get("prefix")):
        raise LexiconError(f"lexicon.toml: [labels] {name} needs an 'exact' or 'prefix' list")
    exact = _strings(raw, "exact", f"labels.{name}") if raw.get("exact") else ()
    prefix = _strings(raw, "prefix", f"labels.{name}") if raw.get("prefix") else ()
    return Family(name, exact, prefix)


def parse_lexicon(data: dict[str, Any]) -> Lexicon:
    """A validated :class:`Lexicon` from the parsed TOML; errors name the missing family."""
    for section in ("columns", "labels", "projects", "marks", "targets", "ocr"):
        if not isinstance(data.get(section), dict):
            raise LexiconError(f"lexicon.toml: section [{section}] is missing")
    columns = {r: _strings(data["columns"], r, "columns") for r in COLUMN_ROLES}
    families = {n: _family(n, data["labels"].get(n)) for n in LABEL_FAMILIES}
    p, m, t = data["projects"], data["marks"], data["targets"]
    brackets = _strings(m, "brackets", "marks")
    if any(len(b) != 2 for b in brackets):
        raise LexiconError("lexicon.toml: [marks] brackets are pairs such as '【】'")
    return Lexicon(
        columns=columns,
        families=families,
        head_nouns=_strings(p, "head_nouns", "projects"),
        not_heads=_strings(p, "not_heads", "projects"),
        split_heads=_strings(p, "split_heads", "projects"),
        continuations=_strings(p, "continuations", "projects"),
        annotation=_strings(p, "annotation", "projects"),
        organisations=_strings(p, "organisations", "projects"),
        totals=_strings(p, "totals", "projects"),
        status=_strings(p, "status", "projects"),
        bullets=_strings(m, "bullets", "marks"),
        brackets=tuple((b[0], b[1]) for b in brackets),
        label_separators=_strings(m, "label_separators", "marks"),
        item_separators=_strings(m, "item_separators", "marks"),
        omissions=_strings(m, "omissions", "marks"),
        arrows=_strings(m, "arrows", "marks"),
        value_prefix=_strings(m, "value_prefix", "marks"),
        qualifiers_before=_strings(m, "qualifiers_before", "marks"),
        qualifiers_after=_strings(m, "qualifiers_after", "marks"),
        target_notes=_strings(t, "notes", "targets"),
        not_set=_strings(t, "not_set", "targets"),
        ocr=_ocr_fixes(data["ocr"]),
    )


def _ocr_fixes(section: dict[str, Any]) -> OcrFixes:
    variants = section.get("variants")
    if not isinstance(variants, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1
        for k, v in variants.items()
    ):
        raise LexiconError("lexicon.toml: [ocr] variants maps one character to one character")
    return OcrFixes(
        variants=dict(variants),
        omission_words=_strings(section, "omission_words", "ocr"),
        dash_misreads=_strings(section, "dash_misreads", "ocr"),
        bullet_misreads=_strings(section, "bullet_misreads", "ocr"),
        katakana={p[0]: p[1] for p in _strings(section, "katakana_lookalikes", "ocr")},
        one_words=_strings(section, "one_words", "ocr"),
    )


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon, loaded once per process."""
    text = files("shinkyu.schemas").joinpath("lexicon.toml").read_text(encoding="utf-8")
    return parse_lexicon(tomllib.loads(text))
