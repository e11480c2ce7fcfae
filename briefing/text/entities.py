"""People and organisations named in evidence: folded names, aliases, and the roles sources give them. Pure."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..memo import per_build
from .lexicon import (
    CALENDAR,
    CLAUSE_AFTER_COMMA,
    CLAUSE_OPENERS,
    COLLECTIVE,
    HONORIFICS,
    NAME_PARTICLES,
    NOT_NAMES,
)
from .lexicon import ROLE_HEADS as ROLE_HEADS  # re-exported: pairing reads the role heads from here
from .normalize import caseless, normalize

_NOT_NAME_START = NOT_NAMES | set(ROLE_HEADS) | HONORIFICS  # words a name does not start with
_WORD = r"[A-Z][^\W\d_]*(?:['\u2019-][^\W\d_]+)*"
_PARTICLES = "|".join(NAME_PARTICLES)
_NAME = re.compile(rf"(?<![\w.])({_WORD}(?:\s+(?:(?:{_PARTICLES})\s+)?{_WORD})*)")
_HEADS = "|".join(sorted((re.escape(h) for h in ROLE_HEADS), key=len, reverse=True))
# "former US President Donald Trump", "Port authority chairman Marcus Hale"
_ROLE_BEFORE = re.compile(
    rf"(?P<former>\bformer\s+)?(?:[\w.'\u2019-]+\s+){{0,3}}?\b(?P<head>{_HEADS})\s+$", re.IGNORECASE
)
# "Marcus Hale, chief executive of the port authority," / "Dana Okafor, the union's general secretary"
_ROLE_AFTER = re.compile(
    rf"^,\s+(?:the\s+|a\s+)?(?P<former>former\s+)?(?:[\w.'\u2019-]+\s+){{0,3}}?(?P<head>{_HEADS})\b", re.IGNORECASE
)
# "Colombia's president, Gustavo Petro"
_ROLE_APPOSITIVE = re.compile(rf"(?P<former>\bformer\s+)?\b(?P<head>{_HEADS}),\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Mention:
    """A person or organisation named in a text, with the role the text gives it there, if any."""

    name: str
    key: str
    start: int
    end: int
    role: str | None = None
    former: bool = False


def fold_name(name: str) -> str:
    """A comparison key: accents and case folded, honorifics and titles dropped ("President Nicolás Maduro")."""
    words = normalize(name).text.replace("'s", "").split()
    while words and (words[0] in HONORIFICS or words[0] in ROLE_HEADS):
        words = words[1:]
    return " ".join(words)


@per_build  # merge, cross-check and compose ask about the same quotes again and again
def mentions(text: str) -> tuple[Mention, ...]:
    """Names of two or more capitalised words (or one after a title), with roles stated next to them."""
    found: list[Mention] = []
    for match in _NAME.finditer(text):
        words = match.group(1).split()
        while words and words[0].lower() in _NOT_NAME_START:
            words = words[1:]
        # "US President Donald Trump", "Vice President Delcy Rodriguez": the name starts after the last title.
        titled = [i for i, w in enumerate(words) if w.lower() in ROLE_HEADS or w.lower() in HONORIFICS]
        if titled:
            words = words[titled[-1] + 1 :]
        if not words:
            continue
        name = " ".join(words)
        start = match.start(1) + match.group(1).index(name)
        end = start + len(name)
        role, former = _role(text, start, end)
        if len(words) < 2 and role is None:
            continue  # a lone capitalised word is too often not a name ("Port", "Thursday")
        found.append(Mention(name, fold_name(name), start, end, role, former))
    return tuple(found)


def _role(text: str, start: int, end: int) -> tuple[str | None, bool]:
    before = text[max(0, start - 60) : start]
    if _may_end_in_a_role(before) and _names_a_role(before):  # the suffix test is the cheaper, and rules out more
        for pattern in (_ROLE_BEFORE, _ROLE_APPOSITIVE):
            match = pattern.search(before)
            if match:
                return ROLE_HEADS[match["head"].lower()], bool(match["former"])
    after = text[end : end + 80]
    # The pattern, anchored at a comma, fails at once after most names: it goes first, the substring test after it.
    if (found := _ROLE_AFTER.match(after)) and _names_a_role(after):
        return ROLE_HEADS[found["head"].lower()], bool(found["former"])
    return None, False


# Every role head contains one of these; a window without any cannot name a role. The check is a few substring
# tests, the role patterns a regex search costing ~90 us at every name: the cross-check's largest cost. Substrings
# are safe here as it only rules windows out; the patterns decide, on whole words ("ally" in "finally" is none).
_HEAD_CORES = [h for h in ROLE_HEADS if not any(other != h and other in h for other in ROLE_HEADS)]


def _names_a_role(window: str) -> bool:
    lowered = window.lower()
    return any(core in lowered for core in _HEAD_CORES)


# Both patterns before a name end in a role head and whitespace up to the window's end ("... general secretary ",
# "... president, "): a window that does not end so cannot match, and a search that fails costs ~30 us, as it tries
# every start in the window. Only a caseless window (normalize.caseless) is ruled out by the suffix test.
_HEAD_ENDINGS = (*ROLE_HEADS, *(f"{head}," for head in ROLE_HEADS))


def _may_end_in_a_role(window: str) -> bool:
    lowered = caseless(window)
    if lowered is None:
        return True
    tail = lowered.rstrip()
    return len(tail) < len(lowered) and tail.endswith(_HEAD_ENDINGS)


def alias_table(names: list[str]) -> dict[str, str]:
    """Map every folded name to the corpus's full name: "maduro" -> "nicolas maduro" when that is the only one."""
    keys = sorted({fold_name(n) for n in names if fold_name(n)})
    full = [k for k in keys if " " in k]
    table: dict[str, str] = {}
    for key in keys:
        if " " in key:
            table[key] = key
            continue
        owners = [f for f in full if f.split()[-1] == key or f.split()[0] == key]
        table[key] = owners[0] if len(owners) == 1 else key
    return table


def display_names(names: list[str]) -> dict[str, str]:
    """For each canonical key, the form the sources use most (ties: the one with accents, then alphabetical)."""
    table = alias_table(names)
    counts: dict[str, Counter[str]] = {}
    for name in names:
        key = table.get(fold_name(name), fold_name(name))
        if " " in fold_name(name) or key == fold_name(name):
            counts.setdefault(key, Counter())[_strip_titles(name)] += 1
    return {
        key: sorted(c.items(), key=lambda item: (-item[1], item[0].isascii(), item[0]))[0][0]
        for key, c in counts.items()
    }


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 1 and (words[0].lower() in HONORIFICS or words[0].lower() in ROLE_HEADS):
        words = words[1:]
    return " ".join(words)


# --- who a clause is about, and what else it says: the keys that decide whether two figures are comparable ----

_NOT_ACTORS = CALENDAR | (NOT_NAMES - COLLECTIVE)
_AFTER_COMMA, _OPENERS = "|".join(CLAUSE_AFTER_COMMA), "|".join(CLAUSE_OPENERS)
_CLAUSE_BREAK = re.compile(rf"[;:]|,\s+(?=(?:{_AFTER_COMMA})\b)|\s(?=(?:{_OPENERS})\s)")
_CAPITALISED = re.compile(r"(?<![\w.])[A-Z][^\W\d_]+")


@per_build  # merge and cross-check both ask it for every figure of every quote (a ~2 us scan each)
def clause_at(text: str, offset: int) -> str:
    """The clause of a sentence that holds the given offset (split at ';', ':', 'while', 'after', 'but')."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(text):
        if match.start() >= offset:
            return text[start : match.start()]
        start = match.end()
    return text[start:]


@per_build  # merge and cross-check both ask it of every figure's clause
def actors(text: str) -> frozenset[str]:
    """Who a clause is about: capitalised words (not the first, not dates) and collective nouns, folded."""
    found = {normalize(m.group()).text for m in _CAPITALISED.finditer(text) if m.start() > 0}
    words = set(normalize(text).text.replace(".", " ").replace(",", " ").split())
    found |= words & COLLECTIVE
    return frozenset(w for w in found if w not in _NOT_ACTORS)
