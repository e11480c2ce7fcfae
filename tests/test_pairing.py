"""Same-fact candidates: subjects, guards, nearest-neighbour proposals and the decisions drawn from verdicts."""

from __future__ import annotations

import numpy as np
import pytest

from briefing import pairing
from briefing.features import FactFeatures, fact_features, subjects
from briefing.models import GroundedFact, JoinRule, MatchStatus, RawFact, Verdict
from briefing.pairing import ONE_YES_SIMILARITY, STRICT_SIMILARITY, Candidate, decide, guard, propose


def fact(article: str, number: int, quote: str) -> GroundedFact:
    raw = RawFact(statement=quote, kind="event", actors=[], evidence=["S1"], quote=quote)
    return GroundedFact(id=f"{article}#F{number}", article_id=article, fact=raw, start=0, end=len(quote),
                        quote=quote, sentence_ids=["S1"], match=MatchStatus.EXACT, support=1.0)  # fmt: skip


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Former Governor Lena Ruiz vetoed the harbour budget on Friday.", {"lena", "ruiz"}),
        ("However, Ruiz declined the council's appeal.", {"ruiz"}),
        ("In a late statement, the council rejected the plan.", None),
        ("He asked for an inquiry into the contracts.", None),
        ("The Ruiz administration has adopted a harder line.", {"ruiz"}),
        ("Ruiz's office has already asked for a second meeting.", {"ruiz"}),
        ("the Norvish minister received an ultimatum", None),
        ("Sources close to the talks said Ruiz walked out.", None),
    ],
    ids=["titled", "opening-word", "no-name", "pronoun", "name-as-modifier", "possessive", "demonym", "sources"],
)
def test_subjects_are_the_names_before_the_verb(quote: str, expected: set[str] | None) -> None:
    assert subjects(quote) == (frozenset(expected) if expected is not None else None)


def test_guard_vetoes_opposite_actors_and_incompatible_figures() -> None:
    ruiz = fact_features(fact("a", 1, "Ruiz declined the council's appeal."), None)
    okoro = fact_features(fact("b", 1, "Okoro declined to step down."), None)
    results, veto = guard(ruiz, okoro)
    assert veto == "subjects differ: ruiz / okoro" and results == ("words shared: decli", veto)
    forty = fact_features(fact("a", 2, "The fire destroyed 40 homes."), None)
    twelve = fact_features(fact("b", 2, "The blaze destroyed 12 homes."), None)
    assert guard(forty, twelve)[1] == "count differs: 40 / 12"
    about = fact_features(fact("b", 3, "The blaze destroyed about 40 homes."), None)
    shared = ("words shared: 40, destr, homes", "subjects: not both named", "figures compatible")
    assert guard(forty, about) == (shared, None)


def test_guard_vetoes_pairs_sharing_only_the_storys_common_words() -> None:
    left = fact_features(fact("a", 1, "Ruiz met the harbour board."), None)
    right = fact_features(fact("b", 1, "Ruiz left the harbour early."), None)
    assert guard(left, right)[1] is None
    assert guard(left, right, common=frozenset({"ruiz", "harbo"}))[1] == "no word shared beyond the story's common ones"


def test_propose_keeps_mutual_nearest_pairs_above_the_floor_in_a_canonical_order() -> None:
    facts = [fact("a", 1, "x"), fact("a", 2, "y"), fact("b", 1, "x'"), fact("b", 2, "z")]
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0.9, 0.1, 0], [0, 0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    features = {f.id: FactFeatures(quantities=(), dates=()) for f in facts}
    found = propose(facts, vectors, features, nearest=1, floor=0.5)
    assert [(c.left.id, c.right.id) for c in found] == [("a#F1", "b#F1")]
    shuffled = [facts[i] for i in (3, 1, 2, 0)]
    again = propose(shuffled, vectors[[3, 1, 2, 0]], features, nearest=1, floor=0.5)
    key = [(c.left.id, c.right.id, c.similarity) for c in found]
    assert [(c.left.id, c.right.id, c.similarity) for c in again] == key


def nearest_by_definition(
    facts: list[GroundedFact], vectors: np.ndarray, nearest: int, floor: float
) -> set[tuple[int, int]]:
    """_neighbours as its docstring says, one fact at a time: the reference the blocked numpy version must equal."""
    scores = vectors @ vectors.T
    found = set()
    for i, mine in enumerate(facts):
        others = [j for j, theirs in enumerate(facts) if theirs.article_id != mine.article_id and scores[i, j] >= floor]
        others.sort(key=lambda j: (-scores[i, j], facts[j].id))
        taken: dict[str, int] = {}
        for j in others[: pairing.NEAREST_OVERALL]:
            if taken.get(facts[j].article_id, 0) < nearest:
                taken[facts[j].article_id] = taken.get(facts[j].article_id, 0) + 1
                found.add((i, j))
    return found


@pytest.mark.parametrize("seed", range(12))
def test_blocked_nearest_neighbours_equal_the_definition(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small blocks and samples exercise the two passes and the sampled cut; components in quarters keep every
    # dot product exact in float32, so ties (duplicate quotes) are real ties, broken by fact ID.
    monkeypatch.setattr(pairing, "ROWS", 7)
    monkeypatch.setattr(pairing, "SAMPLE_COLUMNS", 5)
    rng = np.random.default_rng(seed)
    count = int(rng.integers(2, 90))
    facts = [fact(f"art{rng.integers(0, 12)}", n, "q") for n in range(count)]
    facts = [f.model_copy(update={"id": f"{f.article_id}#F{rng.integers(0, 10**6)}-{n}"}) for n, f in enumerate(facts)]
    prototypes = rng.integers(-2, 3, size=(int(rng.integers(1, 8)), 6)) / 4
    vectors = prototypes[rng.integers(0, len(prototypes), count)].astype(np.float32)
    noisy = rng.random(count) < 0.5
    vectors[noisy] += (rng.integers(-1, 2, size=(int(noisy.sum()), 6)) / 4).astype(np.float32)
    rows, columns = pairing._neighbours(facts, vectors, 2, 0.1)
    assert len(rows) == len(set(zip(rows.tolist(), columns.tolist(), strict=True)))  # each pair once
    assert set(zip(rows.tolist(), columns.tolist(), strict=True)) == nearest_by_definition(facts, vectors, 2, 0.1)


@pytest.mark.parametrize("count", [1, 2, 90, 2**16, 2**16 + 1], ids=["one", "two", "small", "largest-key", "lexsort"])
def test_best_first_is_the_lexsort_of_rows_values_and_ids(count: int) -> None:
    # Ties, negative similarities and a negative zero: the one-key sort must order them as lexsort does.
    rng = np.random.default_rng(count)
    rows = rng.integers(0, count, 3000)
    ids = rng.integers(0, count, 3000)
    pairs = np.unique(np.stack([rows, ids]), axis=1)  # every (row, ID) once, as in _neighbours
    rows, ids = pairs[0], pairs[1]
    values = (rng.integers(-8, 9, len(rows)) / 8).astype(np.float32)
    values[::5] = np.float32(-0.0)
    expected = np.lexsort((ids, -values, rows))
    assert np.array_equal(pairing._best_first(rows, values, ids, count), expected)


def candidate(left: GroundedFact, right: GroundedFact, similarity: float, veto: str | None = None) -> Candidate:
    return Candidate(left, right, similarity, (), veto)


def test_decide_lets_code_overrule_the_judge() -> None:
    a1, a2, b1, b2, c1 = fact("a", 1, "p"), fact("a", 2, "q"), fact("b", 1, "r"), fact("b", 2, "s"), fact("c", 1, "t")
    pairs = [
        candidate(a1, b1, 0.6),  # judged same: joins
        candidate(a2, b2, 0.6, veto="subjects differ: x / y"),  # judged same, but vetoed: never joins
        candidate(a1, c1, 0.7),  # judged contradicting: a conflict, kept apart
        candidate(a2, c1, STRICT_SIMILARITY + 0.01),  # the judge call failed: the strict rule joins it
        candidate(b2, c1, 0.6),  # no verdict below the strict rule: not joined
    ]
    verdicts = {("a#F1", "b#F1"): Verdict.SAME, ("a#F2", "b#F2"): Verdict.SAME, ("a#F1", "c#F1"): Verdict.CONTRADICTS,
                ("a#F2", "c#F1"): None}  # fmt: skip
    both = {("a#F1", "b#F1"): ["yes", "yes"], ("a#F2", "b#F2"): ["yes", "yes"]}
    decided = decide(pairs, verdicts, both)
    assert [(link.facts, link.rule, link.verdict) for link in decided.links] == [
        (["a#F1", "b#F1"], JoinRule.JUDGED, Verdict.SAME),
        (["a#F2", "c#F1"], JoinRule.SIMILAR, None),
    ]
    assert decided.vetoed == {frozenset(("a#F2", "b#F2")), frozenset(("a#F1", "c#F1"))}
    assert [c.left.id for c, _ in decided.contradictions] == ["a#F1"]


def test_guard_vetoes_one_person_given_two_offices() -> None:
    chief = fact_features(fact("a", 1, "Port authority chief executive Marcus Hale said the offer was final."), None)
    chair = fact_features(fact("b", 1, "Port authority chairman Marcus Hale said the offer stood."), None)
    assert guard(chief, chair)[1] == "roles differ: hale: chief executive / chair"


def test_a_yes_in_one_order_only_joins_only_close_quotes() -> None:
    a1, a2, b1, b2 = fact("a", 1, "p"), fact("a", 2, "q"), fact("b", 1, "r"), fact("b", 2, "s")
    pairs = [candidate(a1, b1, ONE_YES_SIMILARITY + 0.05), candidate(a2, b2, ONE_YES_SIMILARITY - 0.05)]
    verdicts = {("a#F1", "b#F1"): Verdict.SAME, ("a#F2", "b#F2"): Verdict.SAME}
    answers = {("a#F1", "b#F1"): ["no", "yes"], ("a#F2", "b#F2"): ["yes", "no"]}
    decided = decide(pairs, verdicts, answers)
    assert [link.facts for link in decided.links] == [["a#F1", "b#F1"]]
    assert [(k.facts, k.rule) for k in decided.kept_apart] == [(["a#F2", "b#F2"], JoinRule.ONE_YES)]


def test_guard_vetoes_figures_of_different_kinds() -> None:
    count = fact_features(fact("a", 1, "About 1,400 dock workers walked out at the port."), None)
    money = fact_features(fact("b", 1, "The dock strike is costing the port's traders $4 million a day."), None)
    assert guard(count, money)[1] == "figures of different kinds: count / money"


def test_a_day_of_a_month_two_undated_articles_name_proposes_their_pair() -> None:
    facts = [fact("a", 1, "The vote, which was held on March 14, shocked the council."),
             fact("a", 2, "Turnout rose sharply after the ferry strike."),
             fact("b", 1, "The ballot, held on 14 March, has split the harbour towns.")]  # fmt: skip
    # The day's two facts are not each other's nearest; only the named day can propose them.
    vectors = np.array([[1, 0.2, 0], [0.9, 0.1, 0], [0.6, 0, 0.8]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    undated = {f.id: fact_features(f, None) for f in facts}
    assert undated["a#F1"].dates == () and undated["a#F1"].calendar_days == {(3, 14)}
    found = propose(facts, vectors, undated, nearest=1, floor=0.5)
    assert ("a#F1", "b#F1") in [(c.left.id, c.right.id) for c in found]


def test_a_join_stating_the_same_day_is_applied_before_a_closer_one() -> None:
    turmoil = fact("a", 1, "Unrest in the port town grew after news of a secret meeting between the two mayors.")
    held = fact("a", 2, "That meeting, which was held on June 9, weakened the mayor's hand.")
    reported = fact("b", 1, "The meeting, held on 9 June, has drawn wide attention.")
    read = {f.id: fact_features(f, None) for f in (turmoil, held, reported)}
    common = frozenset[str]()
    closer = Candidate(turmoil, reported, 0.7, *guard(read[turmoil.id], read[reported.id], common))
    same_day = Candidate(held, reported, 0.6, *guard(read[held.id], read[reported.id], common))
    assert pairing.SHARED_VALUE in same_day.guards and pairing.SHARED_VALUE not in closer.guards
    verdicts = {("a#F1", "b#F1"): Verdict.SAME, ("a#F2", "b#F1"): Verdict.SAME}
    answers = {key: ["yes", "yes"] for key in verdicts}
    decided = decide([closer, same_day], verdicts, answers)
    assert [link.facts for link in decided.links] == [["a#F2", "b#F1"], ["a#F1", "b#F1"]]


def test_a_one_order_conflict_vetoes_only_what_two_quotes_could_dispute() -> None:
    figures = (fact("a", 1, "The council approved 40 new berths."),
               fact("b", 1, "On Monday the council approved 40 berths."))  # fmt: skip
    plain = (fact("a", 2, "Critics say the plan serves the shipping lines."),
             fact("b", 2, "Opponents argue the scheme is meant to please the shipping lines."))  # fmt: skip
    read = {f.id: fact_features(f, None) for f in (*figures, *plain)}
    vectors = np.array([[1, 0, 0, 0], [0.7, 0.714, 0, 0], [0, 0, 1, 0], [0, 0, 0.7, 0.714]], dtype=np.float32)
    pairs = propose([*figures, *plain], vectors, read, floor=0.5)  # both pairs below the strict similarity
    by_ids = {(c.left.id, c.right.id): c for c in pairs}
    assert by_ids[("a#F1", "b#F1")].disputable and not by_ids[("a#F2", "b#F2")].disputable
    verdicts = {key: None for key in by_ids}
    answers = {key: ["conflict", "yes"] for key in by_ids}
    decided = decide(list(by_ids.values()), verdicts, answers)
    assert decided.vetoed == {frozenset(("a#F1", "b#F1"))}
    noted = {tuple(b.facts): b.guards for b in decided.kept_apart}
    assert pairing.NOTHING_TO_DISPUTE in noted[("a#F2", "b#F2")]


def test_a_judged_contradiction_is_a_conflict_only_where_two_quotes_could_dispute() -> None:
    # The judge answered "conflict" both ways about a strike's start and talks that broke up (our own story): two
    # facts, kept apart, but nothing they state can disagree, so no conflict is shown.
    plain = (fact("a", 1, "They went on strike at the docks over pay."),
             fact("b", 1, "It broke up without agreement, and the dock strike goes on."))  # fmt: skip
    figures = (fact("a", 2, "The council approved 40 new berths."),
               fact("b", 2, "The council approved 60 new moorings."))  # fmt: skip
    read = {f.id: fact_features(f, None) for f in (*plain, *figures)}
    vectors = np.array([[1, 0, 0, 0], [0.7, 0.714, 0, 0], [0, 0, 1, 0], [0, 0, 0.7, 0.714]], dtype=np.float32)
    by_ids = {(c.left.id, c.right.id): c for c in propose([*plain, *figures], vectors, read, floor=0.5)}
    assert not by_ids[("a#F1", "b#F1")].disputable and by_ids[("a#F2", "b#F2")].disputable
    verdicts = dict.fromkeys(by_ids, Verdict.CONTRADICTS)
    decided = decide(list(by_ids.values()), verdicts, {key: ["conflict", "conflict"] for key in by_ids})
    assert [c.left.id for c, _ in decided.contradictions] == ["a#F2"]
    assert decided.vetoed == {frozenset(key) for key in by_ids}  # both pairs stay apart
    noted = {tuple(b.facts): b.guards for b in decided.kept_apart}
    assert pairing.NO_CONFLICT in noted[("a#F1", "b#F1")] and pairing.NO_CONFLICT not in noted[("a#F2", "b#F2")]
