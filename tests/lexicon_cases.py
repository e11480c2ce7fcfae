"""The shape of a word-list test: one entry of a lexicon.py list, a sentence of our own writing in which it decides
something, and the same sentence with the entry swapped for another word, in which the decision goes the other way.

A minimal pair shows that the entry itself decides (not the rest of the sentence). The tables live in
tests/test_lexicon_*.py, one per family of lists; tests/test_lexicon_coverage.py checks that every entry of every
list has a case. Sentences are our own: never the shared seed articles' words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    """`entry` of lexicon.`name` decides `probe(sentence)`: `probe(contrast)` differs.

    Attributes:
        name: the lexicon list, e.g. "ATTRIBUTION_VERBS".
        entry: the entry as written in the list.
        sentence: a sentence of our own that holds the entry.
        contrast: the same sentence with the entry replaced (or removed), so that the probe's answer changes.
    """

    name: str
    entry: str
    sentence: str
    contrast: str

    @property
    def id(self) -> str:
        return f"{self.name}:{self.entry}"


def decides(probe: Callable[[str], Any], case: Case) -> tuple[Any, Any]:
    """The probe's answers on the sentence and on its contrast (the test asserts they differ)."""
    return probe(case.sentence), probe(case.contrast)
