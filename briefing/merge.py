"""Grounded facts -> claims: the same fact in several articles joined, repeats in one article folded. Pure.

Two facts join when they say the same thing in nearly the same words, rest on copies of one sentence, or give
the same figure about the same actors in similar words. Facts are compared only with claims that share a
blocking key (a figure or a rare word), so the work grows with the facts, not with their pairs, and the
result does not depend on the order the facts come in (they are put in a canonical order first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from .entities import actors, clause_at
from .models import Claim, GroundedFact
from .textnorm import content_words, normalize
from .values import Value, corpus_year, dates_for, quantities

SAME_STATEMENT = 88.0  # token_sort_ratio: the same words, in nearly any order
SAME_QUOTE = 95.0  # ratio of normalized quotes: one sentence copied (wire stories)
SAME_FIGURE_WORDS = 55.0  # token_set_ratio for two facts that give the same figure about the same actors
COMMON_KEY = 50  # a blocking key shared by more claims than this says nothing about any of them


@dataclass
class _Features:
    fact: GroundedFact
    statement: str
    quote: str
    figures: list[tuple[Value, frozenset[str]]]
    keys: set[str]


@dataclass
class _Cluster:
    head: _Features
    members: list[GroundedFact] = field(default_factory=list)


def merge_facts(facts: list[GroundedFact], published: Mapping[str, date | None] | None = None) -> list[Claim]:
    """Join facts into claims; the same facts in any order give the same claims.

    `published` maps article IDs to publication dates, so that "yesterday" in one article and "November 3"
    in another are the same date.
    """
    published = published or {}
    year_hint = corpus_year(published.values())
    ordered = sorted(facts, key=lambda f: (f.article_id, f.start, f.end, f.id))
    clusters: list[_Cluster] = []
    index: dict[str, list[int]] = defaultdict(list)
    for fact in ordered:
        features = _features(fact, dates_for(fact.quote, published.get(fact.article_id), year_hint))
        candidates = sorted({c for key in features.keys if len(index[key]) <= COMMON_KEY for c in index[key]})
        best = _best(features, [clusters[c] for c in candidates])
        if best is None:
            clusters.append(_Cluster(features, [fact]))
            target = len(clusters) - 1
        else:
            target = clusters.index(best)
            best.members.append(fact)
        for key in features.keys:
            if target not in index[key]:
                index[key].append(target)
    return [_claim(number, cluster.members) for number, cluster in enumerate(clusters, start=1)]


def _features(fact: GroundedFact, days: list[Value]) -> _Features:
    values = quantities(fact.quote) + days
    figures = [(v, frozenset(actors(clause_at(fact.quote, v.start)))) for v in values]
    keys = {f"{v.kind}:{v.unit}:{v.low:g}" for v, _ in figures} | set(content_words(fact.fact.statement))
    return _Features(fact, normalize(fact.fact.statement).text, normalize(fact.quote).text, figures, keys)


def _best(features: _Features, candidates: list[_Cluster]) -> _Cluster | None:
    scored = [(score, -i, cluster) for i, cluster in enumerate(candidates) if (score := _match(features, cluster.head))]
    return max(scored, key=lambda item: item[:2])[2] if scored else None


def _match(fact: _Features, head: _Features) -> float:
    """How well a fact matches a claim's first fact; 0 when they are not the same claim."""
    same_article = fact.fact.article_id == head.fact.article_id
    if same_article and (fact.fact.start, fact.fact.end) == (head.fact.start, head.fact.end):
        return 100.0
    words = fuzz.token_sort_ratio(fact.statement, head.statement)
    if words >= SAME_STATEMENT or fuzz.ratio(fact.quote, head.quote) >= SAME_QUOTE:
        return float(max(words, SAME_STATEMENT))
    if same_article:
        return 0.0  # within one article only repeats fold; different facts stay apart
    overlap = fuzz.token_set_ratio(fact.statement, head.statement)
    if overlap >= SAME_FIGURE_WORDS and _same_figure(fact, head):
        return float(overlap) / 2
    return 0.0


def _same_figure(left: _Features, right: _Features) -> bool:
    return any(
        a.kind == b.kind and a.unit == b.unit and a.low == b.low and a.high == b.high and (not wa or not wb or wa & wb)
        for a, wa in left.figures
        for b, wb in right.figures
    )


def _claim(number: int, members: list[GroundedFact]) -> Claim:
    head = members[0]
    return Claim(
        id=f"C{number}",
        statement=head.fact.statement,
        kind=head.fact.kind,
        fact_ids=[m.id for m in members],
        article_ids=list(dict.fromkeys(m.article_id for m in members)),
    )
