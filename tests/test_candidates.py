"""Same-fact candidates: each fact's nearest facts in every other article, and the facts that state its values."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.facts.features import FactFeatures, fact_features
from briefing.matching import candidates
from briefing.matching.candidates import propose
from briefing.models import GroundedFact, MatchStatus, RawFact


def fact(article: str, number: int, quote: str) -> GroundedFact:
    raw = RawFact(statement=quote, kind="event", actors=[], evidence=["S1"], quote=quote)
    return GroundedFact(id=f"{article}#F{number}", article_id=article, fact=raw, start=0, end=len(quote),
                        quote=quote, sentence_ids=["S1"], match=MatchStatus.EXACT, support=1.0)  # fmt: skip


def plain(facts: list[GroundedFact]) -> dict[str, FactFeatures]:
    return {f.id: FactFeatures(quantities=(), dates=()) for f in facts}


def unit(rows: list[list[float]]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def ids(facts: list[GroundedFact], found: list[candidates.Proposal]) -> list[tuple[str, str]]:
    return [(facts[p.left].id, facts[p.right].id) for p in found]


def test_each_fact_meets_its_nearest_in_every_other_article_not_only_its_mutual_nearest() -> None:
    # b#F1 is a#F1's nearest in b, but a#F1 is not b#F1's nearest overall (c#F1 is): both pairs are proposed.
    facts = [fact("a", 1, "p"), fact("b", 1, "q"), fact("c", 1, "r"), fact("b", 2, "s")]
    vectors = unit([[1, 0.3, 0], [0.7, 0.7, 0], [0.2, 1, 0], [0, 0, 1]])
    found = ids(facts, propose(facts, vectors, plain(facts), nearest=1, floor=0.5))
    assert ("a#F1", "b#F1") in found and ("b#F1", "c#F1") in found
    assert not any("b#F2" in pair for pair in found)  # below the floor with everyone


def test_the_proposals_do_not_depend_on_the_order_of_the_facts() -> None:
    facts = [fact("a", 1, "x"), fact("a", 2, "y"), fact("b", 1, "x'"), fact("b", 2, "z"), fact("c", 1, "x''")]
    vectors = unit([[1, 0, 0], [0, 1, 0], [0.9, 0.1, 0], [0, 0, 1], [0.9, 0.1, 0]])  # c#F1 ties b#F1
    found = propose(facts, vectors, plain(facts), nearest=1, floor=0.5)
    key = [(a, b, round(p.similarity, 6)) for (a, b), p in zip(ids(facts, found), found, strict=True)]
    order = [4, 3, 1, 2, 0]
    shuffled = [facts[i] for i in order]
    again = propose(shuffled, vectors[order], plain(shuffled), nearest=1, floor=0.5)
    assert [(a, b, round(p.similarity, 6)) for (a, b), p in zip(ids(shuffled, again), again, strict=True)] == key


def nearest_by_definition(
    facts: list[GroundedFact], vectors: np.ndarray, nearest: int, floor: float
) -> set[tuple[str, str]]:
    """The proposals as the docstring defines them, one fact and one article at a time: the reference the padded
    numpy selection must equal (ties broken by fact ID)."""
    scores = vectors @ vectors.T
    found = set()
    for i, mine in enumerate(facts):
        for article in {f.article_id for f in facts} - {mine.article_id}:
            others = [j for j, f in enumerate(facts) if f.article_id == article and scores[i, j] >= floor]
            others.sort(key=lambda j: (-scores[i, j], facts[j].id))
            found |= {tuple(sorted((mine.id, facts[j].id))) for j in others[:nearest]}  # type: ignore[misc]
    return found


@pytest.mark.parametrize("seed", range(10))
def test_the_padded_selection_equals_the_definition(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # A small cell budget scores a few rows at a time; components in quarters keep every dot product exact in
    # float32, so duplicate quotes tie for real and the tie goes to the lower fact ID.
    monkeypatch.setattr(candidates, "CELLS", 64)
    rng = np.random.default_rng(seed)
    count = int(rng.integers(2, 70))
    facts = [fact(f"art{rng.integers(0, 9)}", n, "q") for n in range(count)]
    facts = [f.model_copy(update={"id": f"{f.article_id}#F{rng.integers(0, 10**6)}-{n}"}) for n, f in enumerate(facts)]
    prototypes = rng.integers(-2, 3, size=(int(rng.integers(1, 8)), 6)) / 4
    vectors = prototypes[rng.integers(0, len(prototypes), count)].astype(np.float32)
    noisy = rng.random(count) < 0.5
    vectors[noisy] += (rng.integers(-1, 2, size=(int(noisy.sum()), 6)) / 4).astype(np.float32)
    found = candidates._nearest_per_article(facts, vectors, 2, 0.1)
    assert {tuple(sorted((facts[i].id, facts[j].id))) for i, j in found} == nearest_by_definition(
        facts, vectors, 2, 0.1
    )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2)), min_size=2,
             max_size=30),
    st.integers(1, 3),
)  # fmt: skip
def test_adding_articles_never_removes_a_pair(rows: list[tuple[int, int, int, int]], nearest: int) -> None:
    """A fact's nearest in one article do not depend on any other article: the pairs among some articles are all
    still proposed once more articles are added (here at most 6 articles x 3 nearest, under candidates.MAX_PROPOSED)."""
    facts = [fact(f"art{article}", n, "q") for n, (article, *_) in enumerate(rows)]
    vectors = np.array([[x, y, z, 1] for _, x, y, z in rows], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    every = set(ids(facts, propose(facts, vectors, plain(facts), nearest=nearest, floor=0.2)))
    for dropped in {f.article_id for f in facts}:
        kept = [n for n, f in enumerate(facts) if f.article_id != dropped]
        fewer = [facts[n] for n in kept]
        assert set(ids(fewer, propose(fewer, vectors[kept], plain(fewer), nearest=nearest, floor=0.2))) <= every


def test_two_articles_giving_one_day_of_a_month_are_proposed_even_when_not_nearest() -> None:
    facts = [fact("a", 1, "The vote, which was held on March 14, shocked the council."),
             fact("a", 2, "Turnout rose sharply after the ferry strike."),
             fact("b", 1, "The ballot, held on 14 March, has split the harbour towns.")]  # fmt: skip
    vectors = unit([[1, 0.2, 0], [0.9, 0.1, 0], [0.6, 0, 0.8]])  # b#F1 is nearer to a#F2 than to a#F1
    undated = {f.id: fact_features(f, None) for f in facts}
    assert undated["a#F1"].calendar_days == {(3, 14)}
    found = propose(facts, vectors, undated, nearest=1, floor=0.5)
    assert ids(facts, found)[0] == ("a#F1", "b#F1")  # the pair stating one day comes first


def test_a_value_that_many_facts_of_one_article_state_proposes_nothing_by_itself() -> None:
    quotes = ["Ferries ran on 3 May.", "Buses ran on 3 May.", "Trains ran on 3 May.", "Trams stopped on 3 May."]
    facts = [fact("a", n, q) for n, q in enumerate(quotes)] + [fact("b", 1, "The strike began on 3 May.")]
    read = {f.id: fact_features(f, None) for f in facts}
    keys = [candidates.value_keys(read[f.id]) for f in facts]
    assert candidates._same_value(facts, unit([[1, 0]] * 5), keys, 0.5) == set()


def test_a_fact_proposes_only_its_best_max_proposed_of_its_nearest_in_each_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(candidates, "MAX_PROPOSED", 3)
    # a's nearest in each of six articles is that article's one fact, each less near than the last; a second fact
    # of a's article, nearer to every one of them, is their nearest there, so only a's own side proposes a's pairs.
    facts = [fact("a", 1, "x"), fact("a", 2, "y")] + [fact(f"b{n}", 1, "z") for n in range(6)]
    vectors = unit([[1, 0, 0], [1, 3, 0]] + [[1, 2, 0.3 * n] for n in range(6)])
    found = candidates._nearest_per_article(facts, vectors, 1, 0.0).tolist()
    assert {j for i, j in found if i == 0} == {2, 3, 4}  # its three best: b0, b1, b2
    monkeypatch.setattr(candidates, "MAX_PROPOSED", 64)
    found = candidates._nearest_per_article(facts, vectors, 1, 0.0).tolist()
    assert {j for i, j in found if i == 0} == {2, 3, 4, 5, 6, 7}
