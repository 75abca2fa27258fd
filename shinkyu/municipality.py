"""Which municipality a document belongs to: its name from the title or text, its code.

The code is the 全国地方公共団体コード (JIS X 0402): 2 digits of prefecture, 3 of
municipality and a check digit. Codes come only from the dated table shipped in
``shinkyu/data/municipalities.csv`` (see ``shinkyu/data/README.md`` for its source and
coverage); a name that is not in it, or that several prefectures share with no prefecture
printed, keeps its name and gets no code.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from shinkyu.normalize.sudachi import morphemes
from shinkyu.schemas.model import Document, Municipality

_WEIGHTS = (6, 5, 4, 3, 2)
# A name the table does not know: a run of kanji / katakana ending in 市町村, starting the
# title or right after 第N期 / a bracket / a space (「サンプル市手数料条例」).
_UNKNOWN_NAME = re.compile(
    r"(?:^|[期年度「『（(\s・])([\u30a1-\u30fa\u30fc\u4e00-\u9fff々ヶ]{1,8}?[市町村])"
    r"(?![町村民長議場内外立営道税制])"
)
_GENERIC = frozenset({"市町村", "市町", "町村", "都市", "本市", "本町", "本村", "当市", "同市"})
_KANJI = re.compile(r"[\u4e00-\u9fff々ヶ\u30a1-\u30fa\u30fc]")


def check_digit(first5: str) -> int:
    """The JIS X 0402 check digit of a 5-digit code.

    Digits weighted 6, 5, 4, 3, 2 from the left; the check digit is the last digit of
    11 minus the sum's remainder mod 11 (remainder 1 gives 0, remainder 0 gives 1).
    """
    if len(first5) != 5 or not first5.isascii() or not first5.isdigit():
        raise ValueError(f"check_digit: expected 5 ASCII digits, got {first5!r}")
    total = sum(int(c) * w for c, w in zip(first5, _WEIGHTS, strict=True))
    return (11 - total % 11) % 10


def is_valid_code(code: str) -> bool:
    """A 6-digit code whose last digit is the check digit of the first five."""
    return (
        len(code) == 6
        and code.isascii()
        and code.isdigit()
        and check_digit(code[:5]) == int(code[5])
    )


@dataclass(frozen=True)
class CodeEntry:
    code: str
    prefecture: str
    name: str


@lru_cache(maxsize=1)
def code_table() -> tuple[CodeEntry, ...]:
    """The shipped table: prefectures (empty name) and municipalities, in code order."""
    text = files("shinkyu").joinpath("data", "municipalities.csv").read_text(encoding="utf-8")
    return tuple(
        CodeEntry(row["code"], row["prefecture"], row["name"])
        for row in csv.DictReader(text.splitlines())
    )


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[CodeEntry, ...]]:
    out: dict[str, list[CodeEntry]] = {}
    for e in code_table():
        if e.name:
            out.setdefault(e.name, []).append(e)
    return {k: tuple(v) for k, v in out.items()}


def _prefectures() -> tuple[str, ...]:
    return tuple(e.prefecture for e in code_table() if not e.name)


_LONGEST = 8  # 「かすみがうら市」 is 7 characters; no name in the table is longer than 8


def _known_in(text: str) -> list[tuple[int, str]]:
    """Table names in text by start offset, longest first at a start (上砂川町 over 砂川市).

    A name right after another kanji or katakana is part of a longer word (「東北区」) and is
    skipped, except after a prefecture (「北海道砂川市」) or 期/年/度 (「第2期砂川市」).
    """
    names = _by_name()
    prefectures = _prefectures()
    found: list[tuple[int, str]] = []
    for end in (m.end() for m in re.finditer("[市町村区]", text)):
        for start in range(max(0, end - _LONGEST), end - 1):
            name = text[start:end]
            if name not in names:
                continue
            before = text[:start]
            if (
                before
                and _KANJI.match(before[-1])
                and not before.endswith(prefectures)
                and before[-1] not in "期年度"
            ):
                continue
            found.append((start, name))
            break
    found.sort(key=lambda f: (f[0], -len(f[1])))
    return found


def _resolve(name: str, text: str) -> Municipality:
    candidates = _by_name().get(name, ())
    if len(candidates) == 1:
        c = candidates[0]
        return Municipality(name=name, code=c.code, prefecture=c.prefecture)
    named = [c for c in candidates if c.prefecture in text]
    if len(named) == 1:
        c = named[0]
        return Municipality(name=name, code=c.code, prefecture=c.prefecture)
    return Municipality(name=name)


_SUFFIX = ("市", "町", "村", "区", "都", "道", "府", "県")
_REGION = ("都", "道", "府", "県", "郡")


def place_names(text: str) -> list[str]:
    """Municipality and prefecture names in ``text``, by Sudachi's tokens, in printed order.

    A place-name token (名詞-固有名詞-地名) that ends in 市町村区都道府県, or that the next
    token completes with one of them (「東山」「市」), is a name; the table is not needed, so
    fictional and new municipalities are found too (「第6次東山市総合計画」 → 東山市).
    """
    morphs = morphemes(text)
    out: list[str] = []
    pending = ""  # place-name tokens that no suffix closed yet: 「石狩|野市」 is 石狩野市
    for i, (surface, pos) in enumerate(morphs):
        if pos[:3] != ("名詞", "固有名詞", "地名"):
            pending = ""
            if _opens_name(morphs, i):
                # 「長野県|高原|村」, 「第2期|高原|村」: common nouns that a 市町村 token closes
                name = surface + morphs[i + 1][0]
                if name not in _GENERIC:
                    out.append(name)
            continue
        name = surface
        if not name.endswith(_SUFFIX) and i + 1 < len(morphs):
            nxt = morphs[i + 1][0]
            if nxt in _SUFFIX:
                name += nxt
        if name.endswith(_SUFFIX) and len(name) >= 2 and name not in _GENERIC:
            out += _split_region(pending + name if not name.endswith(_REGION) else name)
            pending = ""
        else:
            pending = "" if surface.endswith(_REGION) else pending + surface
    return out


def _split_region(name: str) -> list[str]:
    """「北海道砂川市」 (one Sudachi token) → 北海道, 砂川市; 「上川郡東川町」 → 東川町."""
    out: list[str] = []
    pref = next((p for p in _prefectures() if name.startswith(p) and len(name) > len(p)), None)
    if pref is not None:
        out.append(pref)
        name = name[len(pref) :]
    if "郡" in name[:-1]:
        name = name[name.index("郡") + 1 :]
    return [*out, name] if name else out


def _opens_name(morphs: list[tuple[str, tuple[str, ...]]], i: int) -> bool:
    """A noun right after a prefecture (or 郡) or at the title's start, closed by 市町村."""
    pos = morphs[i][1]
    if pos[0] != "名詞" or pos[1] == "数詞" or i + 1 >= len(morphs):
        return False
    if morphs[i + 1][0] not in ("市", "町", "村"):
        return False
    prev = morphs[i - 1] if i else None
    return (
        prev is None
        or (
            prev[1][:3] == ("名詞", "固有名詞", "地名")
            and prev[0].endswith(("都", "道", "府", "県", "郡"))
        )
        or prev[0] in ("期", "次")
    )


def _with_wards(names: list[str], title: str) -> list[str]:
    """A designated city's ward printed right after it is one name: 「広瀬市緑区」."""
    out: list[str] = []
    k = 0
    while k < len(names):
        name = names[k]
        if (
            k + 1 < len(names)
            and name.endswith("市")
            and names[k + 1].endswith("区")
            and name + names[k + 1] in title
        ):
            name, k = name + names[k + 1], k + 1
        out.append(name)
        k += 1
    return out


def _prefecture_entry(name: str) -> CodeEntry | None:
    return next((e for e in code_table() if not e.name and e.prefecture == name), None)


def text_to_municipality(title: str | None, text: str = "") -> Municipality | None:
    """The municipality named first in the title, else first in the text.

    A prefecture printed anywhere in title or text decides between municipalities sharing
    a name (池田町); without one, the name is kept with no code.
    """
    title = unicodedata.normalize("NFKC", title or "")
    text = unicodedata.normalize("NFKC", text)
    both = f"{title}\n{text}"
    names = _with_wards(place_names(title), title)
    for name in names:  # a municipality first: 「長野県高原村…」 is 高原村 in 長野県
        if name.endswith(("市", "町", "村", "区")):
            found = _resolve(name, both)
            pref = next((n for n in names if _prefecture_entry(n) is not None), None)
            if found.prefecture is None and pref is not None:
                found = found.model_copy(update={"prefecture": pref})
            return found
    for name in names:
        pref_entry = _prefecture_entry(name)
        if pref_entry is not None:
            return Municipality(name=name, code=pref_entry.code, prefecture=name)
    for where in (title, text):
        known = _known_in(where)
        if known:
            return _resolve(known[0][1], both)
    for m in _UNKNOWN_NAME.finditer(title):
        if m.group(1) not in _GENERIC:
            return Municipality(name=m.group(1))
    return None


def document_to_municipality(doc: Document, *, text_entries: int = 3) -> Municipality | None:
    """The municipality from the title, else from the first ``text_entries`` entries' text."""
    parts: list[str] = []
    for entry in doc.entries[:text_entries]:
        parts += [entry.before.text, entry.after.text]
    return text_to_municipality(doc.title, "\n".join(parts))
