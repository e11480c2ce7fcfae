"""Text normalization for matching only, never for display; every normalized char maps back to the source."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Every quotation mark folds to one: models write 'x' for "x" when JSON escaping gets in their way.
_QUOTES = dict.fromkeys(
    map(ord, '\u2018\u2019\u201a\u201b\u2032\u0060\u00b4"\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb'), "'"
)
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
# "U. S." and "U.S." must match: drop a space between single-letter abbreviations.
_INITIALS_SPACE = re.compile(r"(?<![a-z0-9])([a-z])\. (?=[a-z]\.)")
_WORD = re.compile(r"[a-z0-9]+(?:[.,'][a-z0-9]+)*")
_NUMBER = re.compile(r"[0-9]")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "them",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "should",
        "shall",
        "do",
        "does",
        "did",
        "not",
        "no",
        "than",
        "then",
        "there",
        "also",
        "into",
        "about",
        "over",
        "after",
        "before",
        "during",
        "while",
        "said",
        "says",
        "say",
        "s",
    ]
)


@dataclass(frozen=True)
class Normalized:
    """Normalized text plus, for each of its chars, the index of the source char it came from."""

    text: str
    origin: tuple[int, ...]  # a tuple: normalize() is cached, so what it returns must not change

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of normalized text back to a span of the source text."""
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=8192)
def normalize(text: str) -> Normalized:
    """Fold case, accents, quotes, dashes, compatibility forms and runs of whitespace."""
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
            chars.append(folded.lower())
            origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    joined = "".join(chars)
    drop = {m.end(1) + 1 for m in _INITIALS_SPACE.finditer(joined)}
    if drop:
        kept = [i for i in range(len(joined)) if i not in drop]
        return Normalized("".join(joined[i] for i in kept), tuple(origin[i] for i in kept))
    return Normalized(joined, tuple(origin))


def words(text: str) -> list[str]:
    """Normalized word tokens of a text (numbers keep their inner separators: 1,400 and 9.5)."""
    return _WORD.findall(normalize(text).text)


def content_words(text: str) -> list[str]:
    """Words that carry meaning: tokens minus stopwords, in order, without repeats."""
    return list(dict.fromkeys(w for w in words(text) if w not in STOPWORDS))


def is_number(word: str) -> bool:
    """True for tokens that carry a digit (figures, years, percentages)."""
    return bool(_NUMBER.search(word))
