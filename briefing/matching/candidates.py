"""Same-fact candidates across articles: each fact's nearest facts in every other article, by embedding. Pure.

Embeddings propose well but cannot decide (shared/research: the true partner is among the 5 nearest for 86% of
pairs, yet unrelated facts of one story score as high as true pairs), so a proposal is only a question: the guards
(guards.py) and the judge decide, one claim at a time (joining.py).

Each fact is paired with its NEAREST facts in each other article above PROPOSE_FLOOR (at most MAX_PROPOSED in all,
from its side), and with the facts of another article that state one of its exact figures or dates. A fact's
nearest in one article do not depend on any other article, so below that cap adding articles never removes a pair
that existed without them: the more articles state a fact, the more of its pairs are proposed (mutual nearest over
all articles gave each fact about one candidate).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..facts.features import FactFeatures
from ..models import GroundedFact
from .guards import value_keys

# Measured on ../shared/seeds (docs/benchmarks.md, "Candidates"): gold pairs among each fact's k nearest in each
# other article, against the pairs the judge would be asked about.
NEAREST = 2
PROPOSE_FLOOR = 0.35  # below this cosine two quotes are not about one thing (research: true pairs >= 0.5)
# An article where more facts than this state one exact figure or date ("one", a year) proposes none of them by that
# value: it says nothing about which fact. Counted in that article alone, so no other article changes it.
SAME_VALUE_PER_ARTICLE = 2
# A fact's proposals in all, from its own side: its best MAX_PROPOSED of the nearest in each article. Below it (a
# fact with nearest per article x other articles <= MAX_PROPOSED, up to 33 articles at NEAREST 2), adding articles
# never removes a pair; above it, a corpus of hundreds of articles would propose tens of millions of pairs (the
# stage benchmark's 1,000 articles: some 20 million), and the best of each fact's are what the judge would ask.
MAX_PROPOSED = 64
ORDERING_HOLDERS = 200  # facts stating one value, above which it no longer puts their pairs first
CELLS = 2**23  # scores held at once while selecting (rows x articles x facts of the longest article): 32 MB


@dataclass(frozen=True)
class Proposal:
    """Two facts of different articles proposed as one fact: indices into the facts given to propose()."""

    left: int
    right: int
    similarity: float


def propose(
    facts: Sequence[GroundedFact],
    vectors: npt.NDArray[np.float32],
    features: Mapping[str, FactFeatures],
    nearest: int = NEAREST,
    floor: float = PROPOSE_FLOOR,
) -> list[Proposal]:
    """Pairs of facts in different articles, each pair once, sorted best first: pairs stating one exact figure or
    date before the others, then by similarity, then by the facts' IDs, so nothing depends on the input order.

    `vectors[i]` is the unit-length embedding of what `facts[i]` says. A pair is proposed when one fact is among
    the other's `nearest` in its article (above `floor`), or when the two state one exact figure or date (above
    `floor`, see SAME_VALUE_PER_ARTICLE)."""
    if len(facts) < 2:
        return []
    near = _nearest_per_article(facts, vectors, nearest, floor)
    keys = [value_keys(features[f.id]) for f in facts]
    valued = np.array(sorted(_same_value(facts, vectors, keys, floor)), dtype=np.int64).reshape(-1, 2)
    pairs = np.unique(np.concatenate([near, valued]), axis=0)
    if not len(pairs):
        return []
    # Sorted in numpy: a large corpus has hundreds of thousands of pairs. Each pair as (lower ID, higher ID).
    rank = np.empty(len(facts), dtype=np.int64)
    rank[sorted(range(len(facts)), key=lambda i: facts[i].id)] = np.arange(len(facts))
    swap = rank[pairs[:, 0]] > rank[pairs[:, 1]]
    pairs[swap] = pairs[swap][:, ::-1]
    similarity = np.einsum("ij,ij->i", vectors[pairs[:, 0]], vectors[pairs[:, 1]])
    apart = ~np.isin(pairs[:, 0] * len(facts) + pairs[:, 1], _sharing(keys, len(facts)))
    order = np.lexsort((rank[pairs[:, 1]], rank[pairs[:, 0]], -np.round(similarity, 6), apart))
    return [Proposal(int(i), int(j), float(v)) for (i, j), v in zip(pairs[order].tolist(), similarity[order].tolist(),
                                                                      strict=True)]  # fmt: skip


def _sharing(keys: Sequence[frozenset[tuple[str, str, float, float]]], count: int) -> npt.NDArray[np.int64]:
    """Codes i * count + j (both orders) of the pairs of facts that state one exact figure or date, from each
    value's holders; a value more than ORDERING_HOLDERS facts state ("one", a year) marks none of them: it says
    nothing about which facts are one (and its pairs would number in the millions on a large corpus)."""
    holders: dict[tuple[str, str, float, float], list[int]] = defaultdict(list)
    for index, fact_keys in enumerate(keys):
        for key in fact_keys:
            holders[key].append(index)
    codes = [np.array(members)[:, None] * count + np.array(members)[None, :]
             for members in holders.values() if 1 < len(members) <= ORDERING_HOLDERS]  # fmt: skip
    return np.unique(np.concatenate([c.ravel() for c in codes])) if codes else np.empty(0, dtype=np.int64)


def _same_value(
    facts: Sequence[GroundedFact],
    vectors: npt.NDArray[np.float32],
    keys: Sequence[frozenset[tuple[str, str, float, float]]],
    floor: float,
) -> set[tuple[int, int]]:
    """Facts of different articles that give one exact figure, date or day of a month: a shared specific value
    is evidence of one event that embeddings miss."""
    holders: dict[tuple[str, str, float, float], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for index, fact_keys in enumerate(keys):
        for key in fact_keys:
            holders[key][facts[index].article_id].append(index)
    pairs: set[tuple[int, int]] = set()
    for by_article in holders.values():
        usable = [members for members in by_article.values() if len(members) <= SAME_VALUE_PER_ARTICLE]
        for n, mine in enumerate(usable):
            for theirs in usable[n + 1 :]:
                close = [(i, j) for i in mine for j in theirs if float(vectors[i] @ vectors[j]) >= floor]
                pairs |= {(min(i, j), max(i, j)) for i, j in close}
    return pairs


def _nearest_per_article(
    facts: Sequence[GroundedFact], vectors: npt.NDArray[np.float32], nearest: int, floor: float
) -> npt.NDArray[np.int64]:
    """Rows (i, j), i < j (indices of `facts`), each pair once, for each fact and its `nearest` best facts in each
    other article scoring at least `floor` (ties broken by fact ID), found from either side.

    The facts are put in a canonical order (by article, then ID) and each article's facts laid out in one row of
    a padded table, so a block of facts is scored against every article at once and each article's best are
    chosen with one stable sort: the result does not depend on the order the facts come in."""
    count = len(facts)
    order = sorted(range(count), key=lambda i: (facts[i].article_id, facts[i].id))
    ordered = vectors[order]
    articles = {a: n for n, a in enumerate(sorted({f.article_id for f in facts}))}
    article_of = np.array([articles[facts[i].article_id] for i in order], dtype=np.int64)
    sizes = np.bincount(article_of, minlength=len(articles))
    width = int(sizes.max())
    firsts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    slots = np.full((len(articles), width), -1, dtype=np.int64)  # slots[a, s]: the s-th fact of article a
    for a, (first, size) in enumerate(zip(firsts.tolist(), sizes.tolist(), strict=True)):
        slots[a, :size] = np.arange(first, first + size)
    padding = slots < 0
    take = min(nearest, width)
    rows_at_once = max(1, CELLS // (len(articles) * width))
    found: list[npt.NDArray[np.int64]] = []
    for start in range(0, count, rows_at_once):
        stop = min(start + rows_at_once, count)
        scores = ordered[start:stop] @ ordered.T  # (rows, facts)
        table = scores[:, slots]  # (rows, articles, width)
        table[:, padding] = -np.inf
        table[np.arange(stop - start), article_of[start:stop], :] = -np.inf  # never a fact of its own article
        table[table < floor] = -np.inf
        best = np.argsort(-table, axis=2, kind="stable")[:, :, :take]  # ties: the earlier slot, i.e. the lower ID
        picked = np.take_along_axis(table, best, axis=2)
        if len(articles) * take > MAX_PROPOSED:  # more articles than a fact's cap: its MAX_PROPOSED best of them
            flat = picked.reshape(stop - start, -1)
            cut = np.argsort(-flat, axis=1, kind="stable")[:, MAX_PROPOSED:]
            np.put_along_axis(flat, cut, -np.inf, axis=1)
            picked = flat.reshape(picked.shape)
        row, article, rank = np.nonzero(np.isfinite(picked))
        mine = row + start
        theirs = slots[article, best[row, article, rank]]
        found.append(np.stack([np.minimum(mine, theirs), np.maximum(mine, theirs)], axis=1))
    both = np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)
    back = np.array(order, dtype=np.int64)[both]
    return np.unique(np.sort(back, axis=1), axis=0)
