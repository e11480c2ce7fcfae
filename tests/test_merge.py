"""First merge: near-identical statements joined across articles; order of input never matters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.matching.merge import merge_facts
from briefing.models import GroundedFact, JoinBasis, JoinRule, MatchStatus, RawFact, Verdict


def grounded(fact_id: str, article_id: str, statement: str, start: int = 0) -> GroundedFact:
    raw = RawFact(statement=statement, kind="event", actors=[], evidence=["S1"], quote=statement)
    return GroundedFact(
        id=fact_id,
        article_id=article_id,
        fact=raw,
        start=start,
        end=start + len(statement),
        quote=statement,
        sentence_ids=["S1"],
        match=MatchStatus.EXACT,
        support=1.0,
    )


FACTS = [
    grounded("a#F1", "a", "The union is demanding a 9 per cent pay rise.", 0),
    grounded("b#F1", "b", "The union is demanding a pay rise of 9 per cent.", 0),
    grounded("c#F1", "c", "Marcus Hale called the strike reckless.", 0),
    grounded("a#F2", "a", "The union is demanding a 9 per cent pay rise!", 50),
    grounded("b#F2", "b", "Talks are scheduled for November 6.", 60),
]


def test_near_identical_statements_join_and_different_ones_do_not() -> None:
    claims = merge_facts(FACTS)
    by_statement = {c.statement: c for c in claims}
    demand = by_statement["The union is demanding a 9 per cent pay rise."]
    assert demand.article_ids == ["a", "b"] and demand.fact_ids == ["a#F1", "a#F2", "b#F1"]
    assert len(claims) == 3


@settings(max_examples=50, deadline=None)
@given(st.permutations(FACTS))
def test_merge_does_not_depend_on_input_order(shuffled: list[GroundedFact]) -> None:
    assert merge_facts(shuffled) == merge_facts(FACTS)


def test_copies_of_one_sentence_join_even_when_the_statements_differ() -> None:
    quote = "By Tuesday morning 31 cargo ships were anchored offshore waiting for berths."
    wire = grounded("w#F1", "w", "31 cargo ships were anchored offshore by Tuesday.", 0)
    copy = grounded("v#F1", "v", "By Tuesday morning, ships waited for berths.", 0)
    wire, copy = (f.model_copy(update={"quote": quote}) for f in (wire, copy))
    assert [c.article_ids for c in merge_facts([wire, copy])] == [["v", "w"]]


def test_rule_joins_keep_their_basis() -> None:
    demand = next(c for c in merge_facts(FACTS) if c.article_ids == ["a", "b"])
    assert [(j.facts, j.rule) for j in demand.joins] == [
        (["a#F1", "a#F2"], JoinRule.SAME_STATEMENT),
        (["a#F1", "b#F1"], JoinRule.SAME_STATEMENT),
    ]


LINKED = [
    grounded("a#F1", "a", "The harbour board sacked its chief on Monday.", 0),
    grounded("a#F2", "a", "The chief had run the port for ten years.", 60),
    grounded("b#F1", "b", "Directors removed the port's head at the start of the week.", 0),
    grounded("c#F1", "c", "The port's boss was fired by the board.", 0),
]


def link(left: str, right: str, similarity: float) -> JoinBasis:
    return JoinBasis(facts=[left, right], rule=JoinRule.JUDGED, similarity=similarity, verdict=Verdict.SAME)


def test_links_join_claims_of_different_articles_with_their_basis() -> None:
    links = [link("a#F1", "b#F1", 0.7), link("b#F1", "c#F1", 0.6)]
    claims = merge_facts(LINKED, links=links)
    joined = next(c for c in claims if len(c.article_ids) == 3)
    assert joined.fact_ids == ["a#F1", "b#F1", "c#F1"] and joined.joins == links


def test_a_link_never_puts_two_facts_of_one_article_in_a_claim() -> None:
    links = [link("a#F1", "b#F1", 0.7), link("a#F2", "b#F1", 0.6)]
    claims = merge_facts(LINKED, links=links)
    assert sorted(c.fact_ids for c in claims) == [["a#F1", "b#F1"], ["a#F2"], ["c#F1"]]


def test_a_link_never_joins_a_vetoed_pair_through_a_third_fact() -> None:
    links = [link("a#F1", "b#F1", 0.7), link("b#F1", "c#F1", 0.6)]
    claims = merge_facts(LINKED, links=links, vetoed={frozenset(("a#F1", "c#F1"))})
    assert sorted(c.fact_ids for c in claims) == [["a#F1", "b#F1"], ["a#F2"], ["c#F1"]]


@settings(max_examples=30, deadline=None)
@given(st.permutations(LINKED))
def test_linked_merge_does_not_depend_on_fact_order(shuffled: list[GroundedFact]) -> None:
    links = [link("a#F1", "b#F1", 0.7), link("b#F1", "c#F1", 0.6)]
    assert merge_facts(shuffled, links=links) == merge_facts(LINKED, links=links)


def test_an_editors_keep_apart_and_a_guard_veto_both_undo_a_rule_join() -> None:
    pair = frozenset(("a#F1", "b#F1"))
    assert any(set(c.fact_ids) >= pair for c in merge_facts(FACTS))
    assert not any(set(c.fact_ids) >= pair for c in merge_facts(FACTS, vetoed={pair}))
    assert not any(set(c.fact_ids) >= pair for c in merge_facts(FACTS, keep_apart={pair}))


def test_a_claim_reads_alone_where_one_member_names_its_subject() -> None:
    facts = [
        grounded("a#F1", "a", "They say the board acted to sell the berths.", 0),
        grounded("b#F1", "b", "Dockers say the board acted to sell the berths.", 0),
    ]
    claims = merge_facts(facts, links=[link("a#F1", "b#F1", 0.8)])
    assert [(c.statement, c.fact_ids) for c in claims] == [
        ("Dockers say the board acted to sell the berths.", ["b#F1", "a#F1"])
    ]
    # When every member leans on the sentence before it, the first stays the head.
    alone = merge_facts(facts[:1])
    assert alone[0].statement == "They say the board acted to sell the berths."
