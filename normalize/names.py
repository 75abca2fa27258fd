"""Project names: bullets, status tags and annotations taken off; list items split.

Pure functions on strings, vocabulary from the lexicon. A 「・」 between two words of one name
(商業街路灯設置・維持費助成事業, 病児・病後児保育事業) is not a break: an item ends at a bullet
that follows whitespace, at 「、」, or at a 「・」 / space right after a complete name (one that
ends with a head noun such as 事業 or with a closing bracket).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from shinkyu.schemas.lexicon import alternation as _alt
from shinkyu.schemas.lexicon import lexicon

from .numbers import fold, squeeze_name
from .sudachi import ends_with_verbal_noun


@dataclass(frozen=True)
class NameParts:
    name: str
    status: str | None
    start: int  # offsets of the name in the text given
    end: int


@dataclass(frozen=True)
class _Patterns:
    lead: re.Pattern[str]
    tag: re.Pattern[str]
    tag_end: re.Pattern[str]
    annotation: re.Pattern[str]
    head_end: re.Pattern[str]
    not_head_end: re.Pattern[str]
    item_break: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lx = lexicon()
    bullets = _alt(tuple(b for b in lx.bullets if b not in "-－‐―"))
    # bullets that never occur inside a name: an item starts at one even without a space
    hard_bullets = _alt(tuple(b for b in lx.bullets if len(b) == 1 and b in "○●◎■□◆◇▪▫➢▶▸►◯☆★"))
    status = _alt(lx.status)
    opens = "".join(re.escape(o) for o, _ in lx.brackets)
    closes = "".join(re.escape(c) for _, c in lx.brackets)
    heads = _alt(lx.head_nouns)
    ann = _alt(lx.annotation)
    orgs = _alt(lx.organisations)
    seps = "".join(re.escape(s) for s in lx.item_separators)
    return _Patterns(
        lead=re.compile(
            rf"\s*(?:(?:{bullets})|[\u2460-\u2473]|[(（]\s*\d{{1,2}}\s*[)）]|\d{{1,2}}[.．)）]"
            rf"|[(（][ア-ン][)）]|[ア-ン](?:[.．)）、\s]|(?=[^\u30a0-\u30ff\s・ー]))|[a-z][.)）])\s*"
        ),
        tag=re.compile(rf"\s*[{opens}]\s*(?P<s>{status})\s*[{closes}]\s*"),
        tag_end=re.compile(
            rf"\s*(?:[{opens}]\s*(?P<s>{status})\s*[{closes}]|[★☆◆◇●◎■]\s*(?P<s2>{status}))\s*$"
        ),
        annotation=re.compile(
            rf"\s*(?:[{opens}](?:\s*(?:{ann})\s*[:：][^{closes}]*|[^{closes}]{{1,12}}(?:{orgs}))"
            rf"[{closes}]|【(?!(?:{status})】)[^】]{{1,10}}】)\s*$"
        ),
        head_end=re.compile(rf"(?:{heads})$"),
        not_head_end=re.compile(rf"(?:{_alt(lx.not_heads)})$"),
        item_break=re.compile(
            rf"\s+(?:{bullets})\s*|(?<=\S)(?:{hard_bullets})\s*|\s*[{seps}]\s*"
            rf"|(?<=[^\s]{{2}})・(?=\S{{2}})|\s+(?=\S)"
        ),
    )


def clean_name(text: str, start: int = 0, end: int | None = None) -> NameParts | None:
    """The name in ``text[start:end]`` without bullet, status tag or annotation; None if empty.

    Offsets of the result index ``text``; the name is folded (NFKC, widths) and squeezed.
    """
    p = _patterns()
    end = len(text) if end is None else end
    folded = fold(text)
    status: str | None = None
    changed = True
    while changed:
        changed = False
        if (m := p.lead.match(folded, start, end)) and m.end() > start:
            start, changed = m.end(), True
        if m := p.tag.match(folded, start, end):
            status, start, changed = m["s"], m.end(), True
        piece = folded[start:end]
        if m2 := p.tag_end.search(piece):
            status, end, changed = m2["s"] or m2["s2"], start + m2.start(), True
            piece = folded[start:end]
        if m3 := p.annotation.search(piece):
            end, changed = start + m3.start(), True
    piece = folded[start:end]
    lead = len(piece) - len(piece.lstrip())
    body = piece.strip().rstrip("。、,")
    if not body:
        return None
    s = start + lead
    return NameParts(squeeze_name(body), status, s, s + len(body))


def is_complete_name(name: str) -> bool:
    """A name that ends with a project head noun (事業, 制度, 教室 …), maybe before a bracket.

    「商工業金融対策事業（保証融資利子補給事業）」 is complete; 「個別事業一覧（抜粋）」 is not.
    """
    p = _patterns()
    core = _TRAILING_BRACKET.sub("", name)
    if not core:
        return False
    return bool(p.head_end.search(core)) and not p.not_head_end.search(core)


_TRAILING_BRACKET = re.compile(r"(?:\s*[(（【〈〔\[][^()（）【】〈〉〔〕\[\]]*[)）】〉〕\]])+\s*$")


def is_phrase(name: str) -> bool:
    """A 取組 phrase such as 「中小企業の経営基盤強化」 or 「共食に関する啓発」.

    Words joined by a particle (kana), a verbal noun at the end (Sudachi's part of speech).
    """
    return bool(re.search(r"[\u3041-\u309f]", name)) and ends_with_verbal_noun(name)


def split_items(text: str, start: int, end: int, *, phrases: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each list item in ``text[start:end]`` (one printed line or more).

    Breaks at bullets after whitespace and at 「、」; at a 「・」 or a space only when the
    part before it is a complete name (:func:`is_complete_name`). With ``phrases`` (a list
    under a project-list label), a 「・」 also ends a 取組 phrase (:func:`is_phrase`) when
    the whole line is not one name: 「中小企業の経営基盤強化・創業・事業承継の促進」 is two items.
    """
    p = _patterns()
    folded = fold(text)
    pieces: list[tuple[int, int]] = []
    pos = start
    lead = p.lead.match(folded, start, end)
    if lead:
        pos = lead.end()
    whole_name = is_complete_name(_bare(folded[pos:end].strip()))
    for m in p.item_break.finditer(folded, pos, end):
        left = folded[pos : m.start()].strip()
        sep = m.group()
        if _inside_brackets(folded, pos, m.start()):
            continue  # never inside 「…」 or （…）
        if (
            phrases
            and sep.strip() == "・"
            and (not whole_name or _clause(left))
            and left
            and not is_complete_name(_bare(left))
            and is_phrase(left)
            and len(left) > MIN_PART  # 「若者の就労・自立に関する相談支援」 is one item
            and len(_next_item(folded, m.end(), end)) >= MIN_PART
        ):
            pieces.append((pos, m.start()))
            pos = m.end()
            continue
        hard = bool(re.search(r"\S", sep)) and sep.strip() != "・"
        if sep.strip() == "" or sep.strip() == "・":
            nxt = folded[m.end() : m.end() + 1]
            if not left or not is_complete_name(_bare(left)):
                continue
            if sep.strip() == "" and (nxt in "(（[【〔<＜" or (nxt.isascii() and nxt.isalnum())):
                continue
            core = _TRAILING_BRACKET.sub("", _bare(left))
            if sep == "・" and core in lexicon().head_nouns:
                continue  # 「補助金・負担金の見直し」: a bare head noun is no name of its own
            if sep == "・" and not core.endswith(lexicon().split_heads) and len(core) < WEAK_SPLIT:
                # 「特定健診・がん検診受診勧奨事業」: after a short name with a weak head noun
                # (健診, 講座 …) a 「・」 joins two words of one name
                continue
        elif not hard:
            continue
        if _inside_brackets(folded, pos, m.start()):
            continue
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        out.extend(_split_joined(folded, s, e))
    return [(s, e) for s, e in out if folded[s:e].strip()]


MIN_PART = 5
# A name ending in a weak head noun (健診, 講座 …) is an item of its own before a 「・」 only
# from this length on: 「手話奉仕員養成講座・手話通訳者派遣事業」 is two items.
WEAK_SPLIT = 6
# A piece longer than this that holds a head noun inside may be names read without a space.
MAX_JOINED = 16
JOINED_HEADS = ("事業",)


def _split_joined(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Names printed apart but read without a space (「…化事業地方公共団体…事業」), split.

    A split falls after a head noun inside the piece when both parts are complete names of at
    least ``MIN_PART`` characters and the right one does not open with a word that continues a
    compound (推進, 補助, 者 …: 「観光振興事業推進協議会補助事業」 stays whole).
    """
    lx = lexicon()
    piece = folded[start:end]
    if len(piece.strip()) <= MAX_JOINED or not is_complete_name(piece.strip()):
        return [(start, end)]
    for head in JOINED_HEADS:
        for m in re.finditer(re.escape(head), piece):
            cut = m.end()
            left, right = piece[:cut].strip(), _bare(piece[cut:].strip())
            if len(left) < MIN_PART or len(right) < MIN_PART or right.startswith(lx.continuations):
                continue
            if right[0] in "(（[【〔<＜":
                continue
            if _inside_brackets(piece, 0, cut) or not is_complete_name(_bare(right)):
                continue
            return [(start, start + cut), *_split_joined(folded, start + cut, end)]
    return [(start, end)]


def _next_item(folded: str, start: int, end: int) -> str:
    """The shortest run from ``start`` that ends a phrase or a name at a 「・」 or at ``end``.

    「保全・整備」: after 「…保全」 the next item would be 「整備」 alone, too short to be one.
    """
    rest = folded[start:end]
    for m in re.finditer("・", rest):
        head = rest[: m.start()].strip()
        if is_complete_name(head) or is_phrase(head):
            return head
    name = clean_name(rest)  # without a trailing tag or annotation: 「配布【町】」 is 配布
    return name.name if name else ""


def _bare(name: str) -> str:
    """A name without a trailing status tag (so 「A事業（新規）」 counts as complete)."""
    m = _patterns().tag_end.search(name)
    return name[: m.start()] if m else name


_PAIRS = (("(", ")"), ("（", "）"), ("「", "」"), ("『", "』"), ("【", "】"), ("〔", "〕"))


def _inside_brackets(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` leaves a bracket open (a break there would cut a quote)."""
    piece = text[start:end]
    return any(piece.count(o) > piece.count(c) for o, c in _PAIRS)


def _clause(text: str) -> bool:
    """Kana other than の: a clause (…における…, …に関する…).

    No name inside a longer name holds one: 「子どもの学習・生活支援事業」 is one name.
    """
    return bool(re.search(r"[\u3041-\u306d\u306f-\u309f]", text))
