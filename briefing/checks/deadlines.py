"""Different deadlines for one fact: facts joined in one claim that give it different time frames ("leave within
one week" in one article, "relinquish power immediately" in another) are a dispute, shown with both quotes. Pure.

Only facts already joined are compared: the join (a rule or the judge, with its basis on the claim) says they
report one demand or promise, so a different time frame is a disagreement about it, not another event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..models import Claim, Conflict, ConflictKind, ConflictSide, GroundedFact
from ..text.lexicon import DURATION_MINUTES, WORD_NUMBERS
from ..text.normalize import caseless, content_words

_AT_ONCE = ("immediately", "at once", "right away", "without delay", "forthwith", "with immediate effect")
_NOW = re.compile(rf"\b(?:{'|'.join(_AT_ONCE)})\b", re.I)
_UNIT = "|".join(DURATION_MINUTES)
_COUNT = "|".join(["a", "an", r"\d+", *WORD_NUMBERS])
# "within one week", "in 48 hours", "in the next two days"; not "in two days of talks" (a length, not a deadline)
_WITHIN = re.compile(rf"\b(?:within|in the next|in)\s+(?P<count>{_COUNT})\s+(?P<unit>{_UNIT})s?\b(?!\s+of\b)", re.I)
# Most quotes give no time frame, and the two patterns above try every position of a quote (~3 us each). Cheap
# tests that every match needs go first: _WITHIN's unit follows a whitespace character, found by a pattern that
# starts with one (the regex engine skips to candidate characters, ~1 us), under the same flag, so it folds case
# as _WITHIN does; _NOW's phrase is in the caseless quote (normalize.caseless), and a quote without one goes to
# the pattern directly.
_UNIT_AFTER_SPACE = re.compile(rf"\s(?:{_UNIT})", re.I)


def time_frame(quote: str) -> tuple[str, int] | None:
    """The one time frame a quote gives, as written and in minutes ("immediately" is 0); None when it gives none
    or several (then which one the fact's deadline is, the words do not say)."""
    lowered = caseless(quote)
    may_be_now = lowered is None or any(phrase in lowered for phrase in _AT_ONCE)
    found = [(m.group(0), 0) for m in _NOW.finditer(quote)] if may_be_now else []
    for match in _WITHIN.finditer(quote) if _UNIT_AFTER_SPACE.search(quote) else ():
        count = match["count"].lower()
        number = 1 if count in ("a", "an") else WORD_NUMBERS.get(count) or int(count)
        found.append((match.group(0), number * DURATION_MINUTES[match["unit"].lower()]))
    return found[0] if len({minutes for _, minutes in found}) == 1 else None


def deadline_conflicts(claims: Sequence[Claim], facts: Mapping[str, GroundedFact]) -> list[Conflict]:
    """A dispute for each claim whose facts, from two or more articles, give different time frames."""
    conflicts = []
    for claim in claims:
        by_minutes: dict[int, list[tuple[GroundedFact, str]]] = defaultdict(list)
        for fact_id in claim.fact_ids:
            if (frame := time_frame(facts[fact_id].quote)) is not None:
                by_minutes[frame[1]].append((facts[fact_id], frame[0]))
        articles = {fact.article_id for group in by_minutes.values() for fact, _ in group}
        if len(by_minutes) < 2 or len(articles) < 2:
            continue
        sides = [
            ConflictSide(value=group[0][1], fact_ids=[f.id for f, _ in group],
                         article_ids=list(dict.fromkeys(f.article_id for f, _ in group)),
                         quotes=list(dict.fromkeys(f.quote for f, _ in group)))
            for _, group in sorted(by_minutes.items())
        ]  # fmt: skip
        shared = set.intersection(*(set(content_words(facts[i].quote)) for i in claim.fact_ids))
        subject = " ".join(sorted(shared)[:4]) or claim.statement[:60]
        conflicts.append(
            Conflict(id="", kind=ConflictKind.DEADLINE, subject=subject, attribute="deadline", sides=sides)
        )
    return conflicts
