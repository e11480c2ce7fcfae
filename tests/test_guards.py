"""The deterministic checks on a proposed pair: vetoes (typed) and disputes, each with a story of our own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from briefing.facts.features import fact_features
from briefing.matching.guards import SHARED_VALUE, Profile, check, common_stems
from briefing.models import GroundedFact, Guard, MatchStatus, RawFact


def fact(article: str, quote: str) -> GroundedFact:
    raw = RawFact(statement=quote, kind="event", actors=[], evidence=["S1"], quote=quote)
    return GroundedFact(id=f"{article}#F1", article_id=article, fact=raw, start=0, end=len(quote), quote=quote,
                        sentence_ids=["S1"], match=MatchStatus.EXACT, support=1.0)  # fmt: skip


def profile(article: str, quote: str, common: frozenset[str] = frozenset(), **stance: object) -> Profile:
    item = fact(article, quote)
    features = replace(fact_features(item, None), **stance)  # type: ignore[arg-type]
    return Profile.of(item, features, common)


def test_opposite_actors_are_vetoed_by_the_subject_guard() -> None:
    checked = check(profile("a", "Ruiz declined the council's appeal."), profile("b", "Okoro declined to step down."))
    assert checked.veto == Guard.SUBJECT and "subjects differ: ruiz / okoro" in checked.words


@pytest.mark.parametrize(
    ("left", "right", "stance", "guard"),
    [
        ("The harbour board approved the new berths.", "The harbour board approved the new berths.",
         {"negated": True}, Guard.NEGATION),
        ("The harbour board approved the new berths.", "The harbour board approved the new berths.",
         {"modal": "could"}, Guard.MODALITY),
        ("The harbour board approved the new berths.", "The harbour board approved the new berths.",
         {"commentary": "the writer's reading: an abstract subject and an interpretive verb"}, Guard.COMMENTARY),
    ],
    ids=["negated-one-side", "hedged-one-side", "commentary"],
)  # fmt: skip
def test_a_stance_on_one_side_only_is_never_the_same_fact(
    left: str, right: str, stance: dict[str, object], guard: Guard
) -> None:
    assert check(profile("a", left), profile("b", right, **stance)).veto == guard
    assert check(profile("a", left, **stance), profile("b", right, **stance)).veto != guard or guard == Guard.COMMENTARY


def test_pairs_naming_no_subject_need_two_shared_words_and_named_pairs_one() -> None:
    # Commentary-like sentences that share one word and name nobody: not enough.
    one = check(profile("a", "The gap between the offers looks vast."), profile("b", "Talks on the offers stalled."))
    assert one.veto == Guard.SHARED_WORDS
    two = check(profile("a", "The offers on pay stalled again."), profile("b", "Talks on the pay offers stalled."))
    assert two.veto is None
    named = check(profile("a", "Ruiz stalled the offers."), profile("b", "Ruiz blocked the offers."))
    assert named.veto is None and "subjects shared: ruiz" in named.words


def test_the_storys_common_words_do_not_count_as_shared() -> None:
    features = [fact_features(fact("a", q), None) for q in ["Ruiz met the board.", "Ruiz left the board."] * 3]
    common = common_stems(features)
    left, right = profile("a", "Ruiz met the board.", common), profile("b", "Ruiz left the board.", common)
    assert check(left, right).veto == Guard.SHARED_WORDS


def test_one_exact_value_both_state_is_enough_evidence_to_ask() -> None:
    checked = check(profile("a", "The vote was held on 14 March."), profile("b", "On 14 March the ballot opened."))
    assert checked.veto is None and SHARED_VALUE in checked.words and checked.shared_value


def test_figures_of_different_kinds_are_vetoed_but_different_values_are_a_dispute() -> None:
    count = profile("a", "About 1,400 dock workers joined the strike at the port.")
    money = profile("b", "The dock strike at the port cost traders $4 million.")
    assert check(count, money).veto == Guard.FIGURES
    forty, twelve = profile("a", "The fire destroyed 40 homes."), profile("b", "The blaze destroyed 12 homes.")
    checked = check(forty, twelve)
    assert checked.veto is None and checked.disputes == ("count differs: 40 / 12",)


def test_a_person_given_two_offices_or_two_deadlines_is_a_dispute_not_a_veto() -> None:
    chief = profile("a", "Port authority chief executive Marcus Hale rejected the union's offer.")
    chair = profile("b", "Port authority chairman Marcus Hale rejected the union's offer.")
    checked = check(chief, chair)
    assert checked.veto is None and checked.disputes == ("roles differ: hale: chief executive / chair",)
    week = profile("a", "The mayor told the operator to clear the pier within two weeks.")
    now = profile("b", "The mayor told the operator to clear the pier immediately.")
    assert check(week, now).disputes == ("deadlines differ: within two weeks / immediately",)
