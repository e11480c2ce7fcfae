"""A noun phrase read from its head leftwards as [anchor] [title] [name]: "Ghana's | President | Efua Mensah",
"the port's | chief executive", "the Accra | government". Pure.

What actors.py resolves (which person, country or body a phrase names) starts from this reading of the parse:
which tokens are a proper name, which title (a role head of lexicon.ROLE_HEADS, honorifics dropped) stands before
it, and which words before the title say whose office it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import CALENDAR, HONORIFICS, ROLE_HEADS
from .places import fold_word
from .syntax import ParsedSentence

_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE"})
# Entity types of capitalised words that are no one's name: dates, nationalities as nouns, seas and regions.
_NOT_NAME_TYPES = frozenset({"DATE", "TIME", "NORP", "LOC", "EVENT", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
# Role heads as runs of words ("vice-president" -> vice, president), longest first, each with the role it names
# (a generic one by its own word: "leader", "envoy").
_ROLES = sorted(
    ((tuple(key.replace("-", " ").split()), key if value == "generic" else value) for key, value in ROLE_HEADS.items()),
    key=lambda role: -len(role[0]),
)
_ROLE_ENDS = frozenset(words[-1] for words, _ in _ROLES)
# Dependents before a head that are not part of its phrase's title or anchor.
_NOT_PREMODIFIERS = frozenset({"appos", "relcl", "acl", "advcl", "prep", "conj", "cc", "punct"})


@dataclass(frozen=True)
class Reading:
    """One noun phrase read from its head leftwards: [anchor] [title] [name], or [anchor] [title or noun]."""

    name: tuple[int, ...]  # the proper name's tokens
    role: str | None  # the office the title names
    former: bool
    anchor: tuple[int, ...]  # the tokens before the title: whose office, or whose government
    noun: str | None  # the head's lemma when neither a name nor a title heads the phrase


def read_phrase(parse: ParsedSentence, head: int, known: frozenset[str] = frozenset()) -> Reading:
    """The phrase headed by token `head`, read leftwards: its name, then its title, then what is left (the anchor);
    `known` are words the articles write as names elsewhere (see name_like)."""
    tokens = parse.tokens
    before = [
        i
        for child in parse.children(head)
        if child < head and tokens[child].dep not in _NOT_PREMODIFIERS
        for i in parse.subtree(child)
    ]
    # A hyphen is no word: "Vice-President" reads as "vice president".
    run = [i for i in sorted(before) if any(c.isalnum() for c in tokens[i].text)] + [head]
    words = [fold_word(tokens[i].text) for i in run[:-1]] + [_head_word(parse, head)]
    position = len(run) - 1
    name: list[int] = []
    while position >= 0 and name_like(parse, run[position], known) and not _title_ends(words, position):
        if name and run[position] != name[0] - 1:
            break  # a gap the parse dropped ("LONDON - Ghana"): two names, not one
        name.insert(0, run[position])
        position -= 1
    role = None
    if (found := _role_at(words, position)) is not None:
        role, length = found
        position -= length
    while position >= 0 and words[position] in HONORIFICS:
        position -= 1
    noun = None
    if not name and role is None:  # a common noun heads the phrase: all before it may say whose it is
        noun, position = words[-1], len(run) - 2
    return Reading(tuple(name), role, "former" in words, tuple(run[: position + 1]), noun)


def _head_word(parse: ParsedSentence, head: int) -> str:
    token = parse.tokens[head]
    return fold_word(token.text) if token.pos == "PROPN" else token.lemma


def name_like(parse: ParsedSentence, index: int, known: frozenset[str] = frozenset()) -> bool:
    """A word of a proper name: capitalised, a proper noun (or a noun the recogniser puts in a name, or one the
    articles write as a name elsewhere: the tagger takes a name opening a sentence for a noun at times), and no
    month, weekday, nationality or place that is not a country ("Caribbean")."""
    token = parse.tokens[index]
    if not token.text[:1].isupper() or token.pos not in ("PROPN", "NOUN") or token.entity in _NOT_NAME_TYPES:
        return False
    word = fold_word(token.text)
    if word in CALENDAR:
        return False
    return token.pos == "PROPN" or token.entity in _NAME_TYPES or word in known


def _title_ends(words: list[str], position: int) -> bool:
    return words[position] in HONORIFICS or _role_at(words, position) is not None


def _role_at(words: list[str], position: int) -> tuple[str, int] | None:
    """The longest role head ending at words[position]: its role and its length in words."""
    if position < 0 or words[position] not in _ROLE_ENDS:
        return None
    for role_words, role in _ROLES:
        size = len(role_words)
        if size <= position + 1 and tuple(words[position - size + 1 : position + 1]) == role_words:
            return role, size
    return None


def written(parse: ParsedSentence, indices: Iterable[int]) -> str:
    """Tokens as written, a space wherever the text had one."""
    text, last = "", None
    for index in indices:
        token = parse.tokens[index]
        text += ("" if last is None or token.start == last else " ") + token.text
        last = token.end
    return text


def name_heads(parse: ParsedSentence) -> list[int]:
    """Tokens that end a proper name: not inside a longer one ("Marcus" in "Marcus Hale" is not)."""
    tokens = parse.tokens
    return [
        i
        for i, t in enumerate(tokens)
        if t.text[:1].isupper()  # most tokens are not: the cheap test first (every sentence of a build is read)
        and name_like(parse, i)
        and not (t.dep in ("compound", "flat") and t.head > i and name_like(parse, t.head))
    ]
