"""Cross-check on plain data: corroboration, copies, conflicts (numbers, dates, roles, outcomes), support."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.checks.crosscheck import copy_groups, crosscheck, unsupported_details
from briefing.checks.figures import _conflicting, _Figure, _threshold
from briefing.facts.ground import ground_fact
from briefing.inputs.sources import parse_article
from briefing.matching.merge import merge_facts
from briefing.models import Article, Claim, ConflictKind, FactKind, GroundedFact, RawFact
from briefing.text.values import Value, ValueKind


def article(name: str, published: str, *sentences: str) -> Article:
    return parse_article(f"---\npublished: {published}\n---\n" + "\n".join(sentences) + "\n", f"{name}.txt")


def facts_of(source: Article) -> list[GroundedFact]:
    grounded = []
    for number, sentence in enumerate(source.sentences, start=1):
        text = source.sentence_text(sentence)
        raw = RawFact(statement=text, kind="event", actors=[], evidence=[sentence.id], quote=text)
        fact = ground_fact(source, raw, f"{source.id}#F{number}")
        assert isinstance(fact, GroundedFact)
        grounded.append(fact)
    return grounded


A = article("a", "2025-11-04", "About 1,400 dock workers walked off the job at the port yesterday.",
            "The union wants a 9 percent pay rise, while the Port Authority has offered 4 percent.",
            "Port authority chief executive Marcus Hale called the strike reckless.")  # fmt: skip
B = article("b", "2025-11-05", "Some 1,200 dock workers at the port went on strike on Monday.",
            "The union is asking for a pay rise of 9 per cent.",
            "Port authority chairman Marcus Hale said the strike was damaging.")  # fmt: skip
C = article("c", "2025-11-05", "ESTERMOUTH, Nov 4 (Coastline Wire) - The union is asking for a pay rise of 9 per cent.",
            "The talks collapsed on Tuesday evening.")  # fmt: skip
D = article("d", "2025-11-05", "ESTERMOUTH, Nov 4 (Coastline Wire) - The union is asking for a pay rise of 9 per cent.",
            "Observers expect a long dispute.")  # fmt: skip
ARTICLES = [A, B, C, D]
FACTS = [f for a in ARTICLES for f in facts_of(a)]


def checked():  # type: ignore[no-untyped-def]
    return crosscheck(ARTICLES, FACTS, merge_facts(FACTS))


def test_copies_of_one_wire_story_count_once() -> None:
    assert copy_groups(ARTICLES) == [[A.id], [B.id], [C.id, D.id]]
    demand = next(c for c in checked().claims if "9" in c.statement and len(c.article_ids) >= 3)
    assert set(demand.article_ids) == {A.id, B.id, C.id, D.id} and demand.independent == 3


def test_incompatible_figures_are_a_conflict_with_both_quotes() -> None:
    numbers = [c for c in checked().conflicts if c.kind == ConflictKind.NUMBER]
    assert len(numbers) == 1 and numbers[0].subject == "workers"
    values = sorted(s.value for s in numbers[0].sides)
    assert values == ["About 1,400", "Some 1,200"]
    assert all(s.quotes and s.article_ids for s in numbers[0].sides)


def test_a_demand_and_an_offer_are_not_a_conflict() -> None:
    assert all("9" not in s.value for c in checked().conflicts for s in c.sides)


def test_different_offices_for_one_person_are_a_conflict() -> None:
    (role,) = [c for c in checked().conflicts if c.kind == ConflictKind.ROLE]
    assert role.subject == "Marcus Hale" and [s.value for s in role.sides] == ["chair", "chief executive"]


def test_former_and_sitting_titles_conflict_but_generic_descriptions_do_not() -> None:
    x = article(
        "x", "2025-12-02", "Former US President Donald Trump rejected requests from Venezuelan leader Nicolas Maduro."
    )
    y = article("y", "2025-12-01", "President Nicolas Maduro spoke to U.S. President Donald Trump on the phone.")
    facts = facts_of(x) + facts_of(y)
    conflicts = crosscheck([x, y], facts, merge_facts(facts)).conflicts
    assert [(c.subject, [s.value for s in c.sides]) for c in conflicts] == [
        ("Donald Trump", ["former president", "president"])
    ]


def test_dates_that_do_not_meet_conflict_and_relative_ones_resolve() -> None:
    x = article("x", "2025-11-04", "The strike at the port began yesterday.")
    y = article("y", "2025-11-05", "The strike at the port began on November 1.")
    z = article("z", "2025-11-05", "The strike at the port began on Monday.")
    facts = facts_of(x) + facts_of(y) + facts_of(z)
    result = crosscheck([x, y, z], facts, merge_facts(facts))
    (conflict,) = result.conflicts
    assert conflict.kind == ConflictKind.DATE
    assert sorted(s.value for s in conflict.sides) == ["2025-11-01", "2025-11-03"]
    assert {d for c in result.claims for d in c.dates} == {"2025-11-01", "2025-11-03"}


def test_opposite_outcomes_conflict() -> None:
    x = article("x", "2025-11-04", "The union accepted the final pay offer from the port authority.")
    y = article("y", "2025-11-04", "The union rejected the final pay offer from the port authority.")
    facts = facts_of(x) + facts_of(y)
    (conflict,) = crosscheck([x, y], facts, merge_facts(facts)).conflicts
    assert conflict.kind == ConflictKind.OUTCOME and [s.value for s in conflict.sides] == ["accepted", "rejected"]


def test_details_beyond_the_evidence_are_unsupported() -> None:
    aliases = {"voss": "lena voss", "okafor": "dana okafor"}
    evidence = "She gave Okafor an order to leave Estermouth within one week."
    assert unsupported_details("Voss gave Okafor one week to leave Estermouth.", [evidence], aliases) == ["voss"]
    assert unsupported_details("Dana Okafor must leave within one week.", [evidence], aliases) == []
    assert unsupported_details("Okafor must leave within 2 weeks.", [evidence], aliases) == ["2"]
    assert unsupported_details("Okafor must leave within 2 weeks.", [evidence, "It gave 2 weeks."], aliases) == []


def test_unsupported_names_come_in_the_order_the_statement_gives_them() -> None:
    aliases = {"voss": "lena voss"}
    said = "Voss met Brandt, Kessler and Okafor in Estermouth."
    expected = ["voss", "brandt", "kessler", "okafor", "estermouth"]
    assert unsupported_details(said, ["She met them."], aliases) == expected


def test_single_source_claims_are_labelled() -> None:
    single = [c for c in checked().claims if len(c.article_ids) == 1]
    assert single and all(c.single_source and c.independent == 1 for c in single)


@settings(max_examples=30, deadline=None)
@given(st.permutations(FACTS), st.permutations(ARTICLES))
def test_verdicts_do_not_depend_on_input_order(facts: list[GroundedFact], articles: list[Article]) -> None:
    reference = checked()
    shuffled = crosscheck(articles, facts, merge_facts(facts))
    assert shuffled.claims == reference.claims
    assert shuffled.conflicts == reference.conflicts
    assert shuffled.copies == reference.copies


# --- the fast paths give what the plain definitions give --------------------------------------------------------

POOL = [f"Sentence number {word} was said." for word in ("one", "two", "three", "four", "five", "six")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True), min_size=1, max_size=7))
def test_copy_groups_equal_counting_shared_sentences_per_pair(held: list[list[str]]) -> None:
    articles = [parse_article(" ".join(sentences) + "\n", f"art{n}.txt") for n, sentences in enumerate(held)]
    parent = {a.id: a.id for a in articles}

    def root(node: str) -> str:
        return node if parent[node] == node else root(parent[node])

    for i, left in enumerate(articles):
        for right in articles[i + 1 :]:
            shared = {left.sentence_text(s) for s in left.sentences} & {right.sentence_text(s) for s in right.sentences}
            if len(shared) >= 2:
                parent[max(root(left.id), root(right.id))] = min(root(left.id), root(right.id))
    expected: dict[str, list[str]] = {}
    for a in articles:
        expected.setdefault(root(a.id), []).append(a.id)
    assert copy_groups(articles) == sorted(sorted(g) for g in expected.values())


FIGURE = st.tuples(
    st.sampled_from([(5.0, 5.0), (6.0, 6.0), (4.0, 5.5), (7.0, float("inf"))]),
    st.frozensets(st.sampled_from(["pay", "port", "talks", "union", "ships", "deal"]), max_size=4),
    st.frozensets(st.sampled_from(["union", "authority"]), max_size=1),
    st.sampled_from(["a1", "a2", "a3"]),
)


def _comparable(left: _Figure, right: _Figure) -> bool:
    """Two figures are about the same thing, by definition: compatible actors, enough context in common."""
    if left.actors and right.actors and not left.actors & right.actors:
        return False
    smaller = min(len(left.context), len(right.context)) or 1
    return len(left.context & right.context) / smaller >= _threshold(left)


@settings(max_examples=100, deadline=None)
@given(st.lists(FIGURE, max_size=14), st.sampled_from([("count", "workers"), ("percent", "")]))
def test_conflicting_figures_equal_comparing_every_pair_of_groups(drawn: list[tuple], bucket: tuple[str, str]) -> None:
    figures = []
    for number, ((low, high), context, actors, article_id) in enumerate(drawn):
        value = Value(ValueKind(bucket[0]), low, high, f"{low:g}", 0, 1, bucket[1])
        fact = GroundedFact.model_construct(id=f"{article_id}#F{number}", article_id=article_id)
        figures.append(_Figure(value, fact, actors, context))
    groups: dict[tuple, list[_Figure]] = {}
    for f in figures:
        groups.setdefault((f.value.low, f.value.high, f.context, f.actors), []).append(f)
    members = list(groups.values())
    hit: set[int] = set()
    for i, left in enumerate(members):
        for j, right in enumerate(members):
            articles = {f.fact.article_id for f in left + right}
            if i != j and len(articles) > 1 and not left[0].value.overlaps(right[0].value):
                small, large = sorted((left[0], right[0]), key=lambda f: len(f.context))
                if small.context and _comparable(small, large):
                    hit.update((i, j))
    expected = [f for f in figures if any(f in members[i] for i in hit)]
    assert _conflicting(figures) == expected


# --- outcomes are read on words: no outcome inside another word, none negated -------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("Councillors wondered whether the budget vote in the council would be close.",
         "The budget vote in the council was lost.", []),
        ("Turnout in the budget vote surpassed every forecast.", "The budget vote failed.", []),
        ("The harbour plan was not approved by the council.", "The harbour plan was rejected by the council.", []),
        ("The ferry operator has never accepted the harbour plan.",
         "The ferry operator rejected the harbour plan.", []),
        ("Unconfirmed reports of a union strike fund were repeated.", "The union denied reports of a strike fund.", []),
        ("The council budget vote was won by the mayor.", "The council budget vote was lost by the mayor.",
         [["won", "lost"]]),
        ("The harbour plan was approved by the council.", "The harbour plan was rejected by the council.",
         [["approved", "rejected"]]),
        ("The council passed the harbour budget on Monday.", "The council failed the harbour budget on Monday.",
         [["passed", "failed"]]),
        ("Mayor Hale refused to resign after the council vote.", "Mayor Hale resigned after the council vote.",
         [["resigned", "refused to resign"]]),
    ],
    ids=["won-in-wondered", "passed-in-surpassed", "not-approved", "never-accepted", "confirmed-in-unconfirmed",
         "won-lost", "approved-rejected", "passed-failed", "refused-to-resign-as-words"],
)  # fmt: skip
def test_outcomes_are_whole_words_and_not_negated(left: str, right: str, expected: list[list[str]]) -> None:
    x, y = article("x", "2025-11-04", left), article("y", "2025-11-04", right)
    facts = facts_of(x) + facts_of(y)
    conflicts = crosscheck([x, y], facts, merge_facts(facts)).conflicts
    assert [[s.value for s in c.sides] for c in conflicts if c.kind == ConflictKind.OUTCOME] == expected


def test_a_claim_whose_own_quotes_give_different_figures_carries_that_dispute() -> None:
    # One walkout, joined by a link (the judge said it is one fact): the head counts differ, so the claim says its
    # sources disagree on that detail. The chief executive / chairman conflict is about Hale, not the claim's fact.
    walkout = [f for f in FACTS if "dock workers" in f.quote]
    hale = [f for f in FACTS if "Marcus Hale" in f.quote]
    claims = [
        Claim(id="C1", statement=walkout[0].quote, kind=FactKind.EVENT, fact_ids=[f.id for f in walkout],
              article_ids=[f.article_id for f in walkout]),
        Claim(id="C2", statement=hale[0].quote, kind=FactKind.EVENT, fact_ids=[f.id for f in hale],
              article_ids=[f.article_id for f in hale]),
    ]  # fmt: skip
    result = crosscheck(ARTICLES, FACTS, claims)
    by_id = {c.id: c for c in result.conflicts}
    walkout_claim, hale_claim = result.claims
    assert [by_id[x].kind for x in walkout_claim.disputes] == [ConflictKind.NUMBER]
    assert hale_claim.disputes == [] and any(c.kind == ConflictKind.ROLE for c in result.conflicts)
