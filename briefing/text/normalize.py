"""Text normalization for matching only, never for display; every normalized char maps back to the source."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from ..memo import per_build

# STOPWORDS is kept importable from here: stages ask normalize for content words
from .lexicon import MONTH_ABBREVIATIONS, MONTH_PRECEDERS, MONTHS, STOPWORDS, WEEKDAY_ABBREVIATIONS, WEEKDAYS

# A month's name or its abbreviation ("Nov", "Sept."), as a regular-expression group for case-insensitive
# patterns (dates in text, page metadata, datelines), built from lexicon.py's months (longest first, so "sept"
# is tried before "sep").
MONTH_PATTERN = "(?:" + "|".join(sorted({*MONTHS, *MONTH_ABBREVIATIONS}, key=lambda m: (-len(m), m))) + ")"
# A weekday or its abbreviation ("Tues."), the same way.
WEEKDAY_PATTERN = "(?:" + "|".join(sorted({*WEEKDAYS, *WEEKDAY_ABBREVIATIONS}, key=lambda d: (-len(d), d))) + ")"


def caseless(text: str) -> str | None:
    """The text as re.IGNORECASE compares it, where lower() gives exactly that: ASCII text. None elsewhere: re folds
    a few other letters onto ASCII ones that lower() keeps ("\u017f" matches "s", "\u212a" matches "k"), so a test
    of the lowered text could miss what a case-insensitive pattern finds."""
    return text.lower() if text.isascii() else None


class CaselessPattern:
    """A case-insensitive pattern that reads ASCII text lowered, with a case-sensitive copy of itself: the same
    spans, 1.5 to 2 times faster in Python's re. Its groups may come lowered: words as written are cut from the
    text by a match's span."""

    def __init__(self, pattern: str) -> None:
        # The copy would miss a capital letter's lower-case match; the P of "(?P<name>" is syntax, not a letter.
        letters = pattern.replace("(?P<", "(?<")
        if letters != letters.lower():
            raise ValueError(f"a caseless pattern spells no capital letter: {pattern[:60]!r}")
        self.folding = re.compile(pattern, re.IGNORECASE)
        self.lowered = re.compile(pattern)

    def finditer(self, text: str, start: int = 0) -> Iterator[re.Match[str]]:
        lowered = caseless(text)
        return self.folding.finditer(text, start) if lowered is None else self.lowered.finditer(lowered, start)

    def search(self, text: str) -> re.Match[str] | None:
        lowered = caseless(text)
        return self.folding.search(text) if lowered is None else self.lowered.search(lowered)


# Every quotation mark folds to one: models write 'x' for "x" when JSON escaping gets in their way.
_QUOTES = dict.fromkeys(
    map(ord, '\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb'), "'"
)
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
# "U. S." and "U.S." must match: drop a space between single-letter abbreviations.
_INITIALS_SPACE = re.compile(r"(?<![a-z0-9])([a-z])\. (?=[a-z]\.)")
_WORD = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
_NUMBER = re.compile(r"[0-9]")
# Whitespace that normalizing changes: a run of two chars or more (matched from its first char, \s\s+ takes it
# whole), or a lone char that is not a plain space. A lone plain space stays as it is.
_IRREGULAR_RUN = re.compile(r"\s\s+|[^\S ]")


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus, for each of its chars, the index of the source char it came from."""

    text: str
    # A tuple, as normalize() is cached and what it returns must not change; None when char i came from char i
    # (most ASCII sentences: the common case costs no per-char table).
    origin: tuple[int, ...] | None = None

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of normalized text back to a span of the source text."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


@per_build  # most results carry no origin table (see Normalized), so entries are small
def normalize(text: str) -> Normalized:
    """Fold case, accents, quotes, dashes, compatibility forms and runs of whitespace."""
    origin: list[int] | None
    if text.isascii():
        # Of the quotation marks only '"' and '`' are ASCII: two replace() calls fold them ~20 times faster than
        # translate(); lower() keeps ASCII text's length, so char i still comes from char i.
        lowered = text.replace('"', "'").replace("`", "'").lower()
        # str.split() and the regex \s agree on what whitespace is: if the words joined by single spaces are the
        # text, it has no whitespace to fold (three times faster than searching for some with a regex).
        joined = " ".join(lowered.split())
        origin = None if joined == lowered else _fold_ascii(lowered)
    else:
        joined, origin = _fold_chars(text)
    drop = {m.end(1) + 1 for m in _INITIALS_SPACE.finditer(joined)} if ". " in joined else None
    if drop:
        kept = [i for i in range(len(joined)) if i not in drop]
        return Normalized("".join(joined[i] for i in kept), tuple(origin[i] if origin else i for i in kept))
    return Normalized(joined, None if origin is None else tuple(origin))


def _fold_chars(text: str) -> tuple[str, list[int]]:
    """The general case, a char at a time: NFKD, combining marks dropped, whitespace runs to one space."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKD", char.translate(_QUOTES).translate(_DASHES)):
            if unicodedata.combining(folded):
                continue
            if folded.isspace():
                if not chars or chars[-1] == " ":
                    continue
                folded = " "
            for lowered in folded.lower():  # "\u0130".lower() is two chars, each mapped to the one source char
                chars.append(lowered)
                origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def _fold_ascii(lowered: str) -> list[int]:
    """For ASCII text already folded in case and quotes, the origin of each char of " ".join(lowered.split()),
    the same table as _fold_chars gives: a word's chars map to themselves, the one space that stands for a run of
    whitespace to the run's first char. Built a stretch at a time between the runs that change (most news text
    is ASCII, with at most a stray double space or line break: normalizing is the inner loop of merge and
    cross-check)."""
    first = len(lowered) - len(lowered.lstrip())
    last = len(lowered.rstrip())
    origin: list[int] = []
    at = first
    for run in _IRREGULAR_RUN.finditer(lowered, first, last):
        origin.extend(range(at, run.start()))
        origin.append(run.start())
        at = run.end()
    origin.extend(range(at, last))
    return origin


def words(text: str) -> list[str]:
    """Normalized word tokens of a text (numbers keep their inner separators: 1,400 and 9.5)."""
    return list(_words(text))


def content_words(text: str) -> list[str]:
    """Words that carry meaning: tokens minus stopwords, in order, without repeats."""
    return list(_content_words(text))


# Grounding, merge and cross-check ask for the words of the same quotes and clauses; cached as tuples.
@per_build
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalize(text).text))


@per_build
def _content_words(text: str) -> tuple[str, ...]:
    tokens = _words(text)
    kept = (w for n, w in enumerate(tokens) if w not in STOPWORDS or _month_may(tokens, n))
    return tuple(dict.fromkeys(kept))


def _month_may(tokens: tuple[str, ...], index: int) -> bool:
    """ "may" as the month, not the modal: before a day's number ("May 4") or after a word that takes a month ("in
    May", "since May", "4 May"). A modal is followed by a verb, never by a number, and never follows these."""
    if tokens[index] != "may":
        return False
    after = tokens[index + 1] if index + 1 < len(tokens) else ""
    before = tokens[index - 1] if index > 0 else ""
    return after.isdigit() or before.isdigit() or before in MONTH_PRECEDERS


def is_number(word: str) -> bool:
    """True for tokens that carry a digit (figures, years, percentages)."""
    return bool(_NUMBER.search(word))
