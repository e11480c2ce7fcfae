"""Grounded facts -> claims: near-identical statements joined across articles, repeats in one article folded. Pure."""

from __future__ import annotations

from rapidfuzz import fuzz

from .models import Claim, GroundedFact
from .textnorm import normalize

# token_sort_ratio (0-100) above which two statements say the same thing in nearly the same words.
# Deliberately strict: joining two different facts would overstate corroboration.
SAME_STATEMENT = 88.0
# ratio (0-100) above which two evidence quotes are one sentence copied, as wire stories are.
SAME_QUOTE = 95.0


def merge_facts(facts: list[GroundedFact]) -> list[Claim]:
    """Join facts into claims; the result does not depend on the order facts are given in."""
    ordered = sorted(facts, key=lambda f: (f.article_id, f.start, f.end, f.id))
    groups: list[tuple[str, str, list[GroundedFact]]] = []
    for fact in ordered:
        statement, quote = normalize(fact.fact.statement).text, normalize(fact.quote).text
        group = next((g for g in groups if _same(statement, quote, g) or _same_span(fact, g[2])), None)
        if group is None:
            groups.append((statement, quote, [fact]))
        else:
            group[2].append(fact)
    return [_claim(number, members) for number, (_, _, members) in enumerate(groups, start=1)]


def _same(statement: str, quote: str, group: tuple[str, str, list[GroundedFact]]) -> bool:
    same_words = fuzz.token_sort_ratio(statement, group[0]) >= SAME_STATEMENT
    return same_words or fuzz.ratio(quote, group[1]) >= SAME_QUOTE


def _same_span(fact: GroundedFact, members: list[GroundedFact]) -> bool:
    # Two facts of one article resting on the same quote are one fact said twice.
    return any(m.article_id == fact.article_id and (m.start, m.end) == (fact.start, fact.end) for m in members)


def _claim(number: int, members: list[GroundedFact]) -> Claim:
    head = members[0]
    return Claim(
        id=f"C{number}",
        statement=head.fact.statement,
        kind=head.fact.kind,
        fact_ids=[m.id for m in members],
        article_ids=list(dict.fromkeys(m.article_id for m in members)),
    )
