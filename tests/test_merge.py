"""First merge: near-identical statements joined across articles; order of input never matters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.merge import merge_facts
from briefing.models import GroundedFact, MatchStatus, RawFact


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
