"""How well an evidence text states a statement: the share of its content words found there. Pure.

Grounding uses it to accept a quote, atomizing to check each part of a split sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..text.normalize import content_words, is_number, words

# Share of a statement's content words its evidence must contain. In a trial on the 1.5B model, every
# citation attached to the wrong statement scored under 0.8.
SUPPORT_THRESHOLD = 0.8
WORD_SIMILARITY = 85.0  # "Maduro's" ~ "Maduro", "U. S." ~ "U.S."; never applied to numbers


@dataclass(frozen=True)
class Support:
    """How well an evidence text covers a statement."""

    score: float
    missing: list[str]

    @property
    def ok(self) -> bool:
        return self.score >= SUPPORT_THRESHOLD and not any(is_number(w) for w in self.missing)


def support(statement: str, evidence: str) -> Support:
    """Share of the statement's content words found in the evidence; every number must be there exactly."""
    needed = content_words(statement)
    if not needed:
        return Support(1.0, [])
    present = set(words(evidence))
    # Most words are there as written: that test is inline, the search for a near spelling only for the others.
    missing = [w for w in needed if w not in present and not _nearly_present(w, present)]
    return Support(1 - len(missing) / len(needed), missing)


def states(statement: str, evidence: str) -> bool:
    """support(statement, evidence).ok, decided sooner: at the first missing number, or once so many words are missing
    that the share cannot reach SUPPORT_THRESHOLD (narrowing tries many stretches that fail, and each word missing
    from one costs a search for a near spelling)."""
    needed = content_words(statement)
    present = set(words(evidence))
    missing = 0
    for word in needed:
        if word in present:
            continue
        if is_number(word):
            return False
        if not _nearly_present(word, present):
            missing += 1
            if 1 - missing / len(needed) < SUPPORT_THRESHOLD:
                return False
    return True


def _nearly_present(word: str, present: set[str]) -> bool:
    if is_number(word):
        return False
    return process.extractOne(word, present, scorer=fuzz.ratio, score_cutoff=WORD_SIMILARITY) is not None
