"""Figures and dates that conflict: the same kind of value about the same thing (compatible actors, enough words
of its clause in common) given values that do not meet by different articles. A rule of the cross-check. Pure.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from operator import attrgetter
from typing import NamedTuple

from ..facts.features import FactFeatures
from ..memo import per_build
from ..models import Conflict, ConflictKind, ConflictSide, GroundedFact
from ..text.entities import actors, clause_at
from ..text.lexicon import NOT_CONTEXT
from ..text.normalize import content_words, is_number
from ..text.values import Value, ValueKind

CONTEXT_OVERLAP = 0.5  # share of the smaller context two figures must have in common to be about one thing
COUNTED_OVERLAP = 0.25  # less is needed when both figures count the same noun ("1,400 workers", "1,200 workers")


class _Figure(NamedTuple):
    """A figure of a quote with what decides whether it is comparable to another. A tuple: there is one for every
    figure and date of every quote, and a tuple is built ~3x faster than a frozen dataclass."""

    value: Value
    fact: GroundedFact
    actors: frozenset[str]
    context: frozenset[str]


def _figures(facts: Iterable[GroundedFact], features: Mapping[str, FactFeatures]) -> list[_Figure]:
    figures = []
    for fact in facts:
        for value in features[fact.id].values:
            clause = clause_at(fact.quote, value.start)
            figures.append(_Figure(value, fact, actors(clause), _context(clause, value.unit)))
    return figures


@per_build
def _context(clause: str, unit: str) -> frozenset[str]:
    """What a figure's clause says besides the figure: its content words without numbers, unit or hedges."""
    # A word of letters alone is no number: the digit search is left for the few others.
    kept = [w for w in content_words(clause) if w.isalpha() or not is_number(w)]
    return frozenset(kept).difference(NOT_CONTEXT, (unit,))


def number_conflicts(facts: list[GroundedFact], features: Mapping[str, FactFeatures]) -> list[Conflict]:
    """Figure and date conflicts among the facts (given in ID order), read from each fact's figures and dates."""
    buckets: dict[tuple[ValueKind, str], list[_Figure]] = defaultdict(list)
    for figure in _figures(facts, features):
        buckets[(figure.value.kind, figure.value.unit)].append(figure)
    conflicts = []
    for (kind, unit), figures in sorted(buckets.items()):
        involved = _conflicting(figures)
        if not involved:
            continue
        sides = _sides(involved)
        if len(sides) > 1:
            is_date = kind == ValueKind.DATE
            conflicts.append(Conflict(
                id="", kind=ConflictKind.DATE if is_date else ConflictKind.NUMBER,
                subject=unit or ", ".join(sorted(set.intersection(*(set(f.context) for f in involved)))) or kind.value,
                attribute=f"{kind.value} of {unit}" if unit else kind.value,
                sides=sides,
            ))  # fmt: skip
    return conflicts


_Lookup = dict[str, dict[tuple[float, float], list[int]]]  # word -> value -> groups


def _conflicting(figures: list[_Figure]) -> list[_Figure]:
    """Figures with at least one comparable figure, from another article, whose value does not meet theirs;
    in their original order.

    Figures that share value, context and actors are one group, checked once. A group looks for one partner
    and stops at the first (a figure is in or out; more partners change nothing). Candidates come from prefix
    filtering: two contexts that overlap enough share a word of the smaller one's prefix (its rarest words),
    so a group looks up its prefix words among all contexts and its context words among all prefixes; and
    the lookups are kept by value, so a value that meets the group's own is skipped whole. Exact.

    The two lookups run in two passes, the second (and its index of prefixes) only for groups the first left
    without a partner: a group with a partner whose context is no larger than the other's finds one in the first
    pass (its own prefix); one whose partners are all smaller than it is the smaller one's partner in the first
    pass, or else it finds one among the prefixes in the second. Both passes ask every candidate the same test.
    """
    groups: dict[tuple[float, float, frozenset[str], frozenset[str]], list[_Figure]] = defaultdict(list)
    for figure in figures:
        groups[(figure.value.low, figure.value.high, figure.context, figure.actors)].append(figure)
    members = list(groups.values())
    heads = [group[0] for group in members]
    # The one article each group's figures come from, None for several: two groups hold figures of different
    # articles unless both come from one and the same article.
    sources = [group[0].fact.article_id if len(group) == 1 else _one_article(group) for group in members]
    frequency = Counter(itertools.chain.from_iterable(head.context for head in heads))
    # Words ranked rarest first (ties alphabetical): a context sorted by rank is sorted by (frequency, word).
    rank = {word: n for n, word in enumerate(sorted(frequency, key=lambda w: (frequency[w], w)))}
    in_context: _Lookup = defaultdict(lambda: defaultdict(list))
    prefixes: list[list[str]] = []
    prefix_of: dict[tuple[frozenset[str], float], list[str]] = {}  # groups of other values share contexts
    for index, head in enumerate(heads):
        threshold = _threshold(head)
        prefix = prefix_of.get((head.context, threshold))
        if prefix is None:
            size = len(head.context)
            prefix = sorted(head.context, key=rank.__getitem__)[: size - math.ceil(size * threshold) + 1]
            prefix_of[(head.context, threshold)] = prefix
        prefixes.append(prefix)
        value = (head.value.low, head.value.high)
        for word in head.context:
            in_context[word][value].append(index)
    hit: set[int] = set()
    for i, head in enumerate(heads):
        if i not in hit and head.context:
            partner = _partner(i, in_context, prefixes[i], heads, sources)
            if partner is not None:
                hit.update((i, partner))
    unmatched = [i for i, head in enumerate(heads) if i not in hit and head.context]
    if unmatched:
        in_prefix: _Lookup = defaultdict(lambda: defaultdict(list))
        for index, head in enumerate(heads):
            for word in prefixes[index]:
                in_prefix[word][(head.value.low, head.value.high)].append(index)
        for i in unmatched:
            if i not in hit:
                partner = _partner(i, in_prefix, heads[i].context, heads, sources)
                if partner is not None:
                    hit.update((i, partner))
    chosen = {id(f) for index in hit for f in members[index]}
    return [f for f in figures if id(f) in chosen]


def _one_article(group: list[_Figure]) -> str | None:
    first = group[0].fact.article_id
    return first if all(f.fact.article_id == first for f in group) else None


def _partner(
    i: int, lookup: _Lookup, keys: Iterable[str], heads: list[_Figure], sources: list[str | None]
) -> int | None:
    """The first group in the lookup's entries for the given words, in order, that conflicts with group i: its
    value does not meet i's, it holds a figure of another article, and it is about the same thing (compatible
    actors, and at least `_threshold` of the smaller context in common); None if none is. Each candidate is tried
    once."""
    head = heads[i]
    value, source, who, context, threshold = head.value, sources[i], head.actors, head.context, _threshold(head)
    tried: set[int] = set()
    for word in keys:
        for (low, high), indices in lookup.get(word, {}).items():
            if low <= value.high and value.low <= high:
                continue
            for j in indices:
                if j in tried:
                    continue
                tried.add(j)
                other = heads[j]
                if source is not None and source == sources[j]:
                    continue
                if who and other.actors and not who & other.actors:
                    continue
                if len(context & other.context) / (min(len(context), len(other.context)) or 1) >= threshold:
                    return j
    return None


def _threshold(figure: _Figure) -> float:
    counted = figure.value.kind == ValueKind.COUNT and figure.value.unit != ""
    return COUNTED_OVERLAP if counted else CONTEXT_OVERLAP


def _sides(figures: list[_Figure]) -> list[ConflictSide]:
    """Figures in groups whose values all meet one another, smallest first."""
    groups: list[list[_Figure]] = []
    bounds: list[tuple[float, float]] = []  # per group: the highest low and the lowest high of its members
    # Figures taken in order of (low, high, fact ID), one value at a time. A value's figures go where the first of
    # them goes: it meets the bounds it leaves (low <= high), and the groups before did not take it and are
    # unchanged. So the groups are looked through once per value, and only the figures of one value are sorted.
    by_value: dict[tuple[float, float], list[_Figure]] = defaultdict(list)
    for figure in figures:
        by_value[(figure.value.low, figure.value.high)].append(figure)
    for low, high in sorted(by_value):
        run = sorted(by_value[(low, high)], key=attrgetter("fact.id"))
        # A value meets every member when it starts by the lowest high and ends at or after the highest low.
        number = next((n for n, (most, least) in enumerate(bounds) if low <= least and most <= high), None)
        if number is None:
            groups.append(run)
            bounds.append((low, high))
        else:
            groups[number].extend(run)
            most, least = bounds[number]
            bounds[number] = (max(most, low), min(least, high))
    return [
        ConflictSide(
            value=" / ".join(value_labels(f.value for f in group)),
            fact_ids=list(dict.fromkeys(f.fact.id for f in group)),
            article_ids=list(dict.fromkeys(f.fact.article_id for f in group)),
            quotes=list(dict.fromkeys(f.fact.quote for f in group)),
        )
        for group in groups
    ]


def value_labels(values: Iterable[Value]) -> list[str]:
    """Each value's label once, in order of first use; formatted once per distinct value (a date's is formatted
    from its ordinals), keyed on what Value.label reads."""
    labels: dict[tuple[ValueKind, float, float, str], str] = {}
    for value in values:
        key = (value.kind, value.low, value.high, value.text)
        if key not in labels:
            labels[key] = value.label()
    return list(dict.fromkeys(labels.values()))
