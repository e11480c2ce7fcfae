"""Claims grown one checked join at a time: no chains, the heads are asked, the outcome is the answers'."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from briefing.facts.features import FactFeatures
from briefing.matching.candidates import Proposal
from briefing.matching.guards import Profile
from briefing.matching.joining import (
    CLOSE_SIMILARITY,
    NO_DISPUTE,
    STRICT_SIMILARITY,
    Answer,
    ClaimBuilder,
    Joined,
    Question,
)
from briefing.models import ApartRule, GroundedFact, Guard, JoinRule, MatchStatus, RawFact, Verdict

NAMED = FactFeatures(quantities=(), dates=(), subjects=frozenset({"ruiz"}), stems=frozenset({"close", "bridge"}))


def fact(article: str, number: int) -> GroundedFact:
    quote = f"quote {article}{number}"
    raw = RawFact(statement=quote, kind="event", actors=[], evidence=["S1"], quote=quote)
    return GroundedFact(id=f"{article}#F{number}", article_id=article, fact=raw, start=0, end=len(quote), quote=quote,
                        sentence_ids=["S1"], match=MatchStatus.EXACT, support=1.0)  # fmt: skip


def setup(
    count: int, similar: float = 0.6, features: dict[int, FactFeatures] | None = None
) -> tuple[list[GroundedFact], list[Profile], np.ndarray]:
    facts = [fact(chr(ord("a") + n), 1) for n in range(count)]  # one fact in each of `count` articles
    read = [(features or {}).get(n, NAMED) for n in range(count)]
    profiles = [Profile.of(f, r, frozenset()) for f, r in zip(facts, read, strict=True)]
    # Every pair of facts at the same cosine `similar`: unit vectors with equal pairwise dot products.
    gram = np.full((count, count), similar) + np.eye(count) * (1 - similar)
    vectors = np.linalg.cholesky(gram).astype(np.float32)
    return facts, profiles, vectors


def run(
    facts: list[GroundedFact],
    profiles: list[Profile],
    vectors: np.ndarray,
    proposals: list[Proposal],
    judge: Callable[[Question], Answer] | None,
    limit: int = 1,
) -> tuple[Joined, list[Question]]:
    builder = ClaimBuilder(facts, proposals, profiles, vectors, judging=judge is not None)
    asked: list[Question] = []
    builder.advance()
    while not builder.done:
        assert judge is not None
        for question in builder.questions(limit):
            asked.append(question)
            builder.answer(question, judge(question))
        builder.advance()
    return builder.result(), asked


def yes(question: Question) -> Answer:
    return Answer(Verdict.SAME, "yes")


def claims(joined: Joined) -> list[set[str]]:
    groups: list[set[str]] = []
    for link in joined.links:
        touching = [g for g in groups if g & set(link.facts)]
        merged = set(link.facts).union(*touching)
        groups = [g for g in groups if g not in touching] + [merged]
    return sorted(groups, key=sorted)


def test_a_fact_joins_a_claim_only_when_it_passes_every_members_guards() -> None:
    # a ~ b and b ~ c are proposed, but a and c name different subjects ("Hale and Okoro signed" is compatible
    # with either): c is refused by the claim {a, b}, not chained into it.
    subjects = {0: {"hale"}, 1: {"hale", "okoro"}, 2: {"okoro"}}
    facts, profiles, vectors = setup(
        3, features={n: replace(NAMED, subjects=frozenset(s)) for n, s in subjects.items()}
    )
    proposals = [Proposal(0, 1, 0.7), Proposal(1, 2, 0.6)]
    joined, _ = run(facts, profiles, vectors, proposals, yes)
    assert claims(joined) == [{"a#F1", "b#F1"}]
    (refused,) = [k for k in joined.kept_apart if k.rule == ApartRule.REFUSED]
    assert refused.facts == ["b#F1", "c#F1"] and refused.refused_by == "a#F1" and refused.veto == Guard.SUBJECT


def test_the_question_is_put_to_the_claims_head_and_pairs_in_one_claim_are_not_asked() -> None:
    facts, profiles, vectors = setup(3)
    proposals = [Proposal(0, 1, 0.7), Proposal(1, 2, 0.65), Proposal(0, 2, 0.6)]
    joined, asked = run(facts, profiles, vectors, proposals, yes)
    assert asked == [Question(0, 1), Question(0, 2)]  # b ~ c is asked as "does c state a's fact?"; a ~ c never again
    assert claims(joined) == [{"a#F1", "b#F1", "c#F1"}]
    assert joined.counts["together already"] == 1


def test_a_no_keeps_apart_and_no_chain_joins_the_pair_later() -> None:
    facts, profiles, vectors = setup(3)
    proposals = [Proposal(0, 1, 0.7), Proposal(0, 2, 0.65), Proposal(1, 2, 0.6)]

    def judge(question: Question) -> Answer:
        return Answer(Verdict.RELATED, "no") if {question.first, question.second} == {0, 2} else yes(question)

    joined, _ = run(facts, profiles, vectors, proposals, judge)
    assert claims(joined) == [{"a#F1", "b#F1"}]  # c is refused by a, through b
    assert frozenset({"a#F1", "c#F1"}) in joined.vetoed


def test_a_conflict_carries_a_dispute_only_where_the_code_finds_one() -> None:
    forty = replace(NAMED, stems=frozenset({"destroy", "home"}))
    facts, profiles, vectors = setup(2, features={0: forty, 1: forty})

    def conflict(question: Question) -> Answer:
        return Answer(Verdict.CONTRADICTS, "conflict")

    joined, _ = run(facts, profiles, vectors, [Proposal(0, 1, 0.6)], conflict)
    # Nothing the two could disagree on: one fact all the same, the model's "conflict" noted, no dispute carried.
    assert claims(joined) == [{"a#F1", "b#F1"}] and joined.links[0].verdict == Verdict.SAME
    assert NO_DISPUTE in joined.links[0].guards and joined.links[0].disputes == []
    week, now = (fact("a", 1).model_copy(update={"quote": q}) for q in ("leave within one week", "leave immediately"))
    profiles = [Profile.of(week, forty, frozenset()), Profile.of(now.model_copy(update={"article_id": "b"}), forty,
                                                                  frozenset())]  # fmt: skip
    joined, _ = run(facts, profiles, vectors, [Proposal(0, 1, 0.6)], conflict)
    assert claims(joined) == [{"a#F1", "b#F1"}]
    assert "deadlines differ: within one week / immediately" in joined.links[0].guards
    assert joined.links[0].verdict == Verdict.CONTRADICTS and joined.links[0].disputes


def test_without_a_judge_only_the_strict_similarity_joins() -> None:
    facts, profiles, vectors = setup(2, similar=STRICT_SIMILARITY + 0.05)
    joined, _ = run(facts, profiles, vectors, [Proposal(0, 1, STRICT_SIMILARITY + 0.05)], None)
    assert [link.rule for link in joined.links] == [JoinRule.SIMILAR]
    facts, profiles, vectors = setup(2, similar=0.6)
    joined, _ = run(facts, profiles, vectors, [Proposal(0, 1, 0.6)], None)
    assert not joined.links and joined.kept_apart[0].rule == ApartRule.BELOW_STRICT


def test_asking_ahead_changes_nothing_but_the_questions_asked() -> None:
    facts, profiles, vectors = setup(5)
    proposals = [Proposal(i, j, 0.7 - 0.01 * (i + j)) for i in range(5) for j in range(i + 1, 5)]

    def judge(question: Question) -> Answer:  # a judge with opinions: only pairs of even-sum indices are the same
        return yes(question) if (question.first + question.second) % 2 == 0 else Answer(Verdict.RELATED, "no")

    one, _ = run(facts, profiles, vectors, proposals, judge, limit=1)
    four, _ = run(facts, profiles, vectors, proposals, judge, limit=4)
    assert claims(one) == claims(four) and one.links == four.links


def test_close_quotes_said_no_to_are_asked_in_the_other_order_and_join_on_either_yes() -> None:
    def judge(question: Question) -> Answer:  # an order-dependent judge: yes only with b's quote first
        return yes(question) if question.first == 1 else Answer(Verdict.RELATED, "no")

    facts, profiles, vectors = setup(2, similar=CLOSE_SIMILARITY + 0.05)
    joined, asked = run(facts, profiles, vectors, [Proposal(0, 1, CLOSE_SIMILARITY + 0.05)], judge)
    assert asked == [Question(0, 1), Question(1, 0)] and claims(joined) == [{"a#F1", "b#F1"}]
    assert joined.links[0].answers == ["no", "yes"]
    facts, profiles, vectors = setup(2, similar=CLOSE_SIMILARITY - 0.05)
    joined, asked = run(facts, profiles, vectors, [Proposal(0, 1, CLOSE_SIMILARITY - 0.05)], judge)
    assert asked == [Question(0, 1)] and claims(joined) == []


def test_the_claims_fact_must_pass_the_guards_with_the_newcomer_not_only_a_member() -> None:
    # a "The harbour board raised berth fees." heads {a, b}; b "The board raised berth fees and cancelled night
    # shifts." brings c "Night shifts were cancelled at the terminal." (b and c share "cancel", "night", "shift").
    # None of them names its subject, so two shared words are needed: c shares none with a, and is never asked about.
    unnamed = {
        0: replace(NAMED, subjects=None, stems=frozenset({"raise", "berth", "fee"})),
        1: replace(NAMED, subjects=None, stems=frozenset({"raise", "berth", "fee", "cancel", "night", "shift"})),
        2: replace(NAMED, subjects=None, stems=frozenset({"cancel", "night", "shift", "terminal"})),
    }
    facts, profiles, vectors = setup(3, features=unnamed)
    joined, asked = run(facts, profiles, vectors, [Proposal(0, 1, 0.7), Proposal(1, 2, 0.6)], yes)
    assert claims(joined) == [{"a#F1", "b#F1"}] and asked == [Question(0, 1)]
    assert joined.counts["too little in common with the claim's fact"] == 1
    refused = joined.kept_apart[-1]
    assert refused.rule == ApartRule.REFUSED and refused.refused_by == "a#F1" and refused.veto == Guard.SHARED_WORDS
    # c "Berth fees were cancelled at the night terminal." shares two words with a: asked, and joined on a yes.
    unnamed[2] = replace(unnamed[2], stems=frozenset({"berth", "fee", "cancel", "night"}))
    facts, profiles, vectors = setup(3, features=unnamed)
    joined, asked = run(facts, profiles, vectors, [Proposal(0, 1, 0.7), Proposal(1, 2, 0.6)], yes)
    assert asked == [Question(0, 1), Question(0, 2)] and claims(joined) == [{"a#F1", "b#F1", "c#F1"}]
