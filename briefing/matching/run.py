"""Same-fact matching for one build: embed what every fact says, propose pairs, and grow claims one checked join at
a time, asking the judge what the code cannot tell.

Not pure: it loads the embedding model and talks to the judge model. Proposing (matching/candidates.py), the guards
(guards.py) and the claim building (joining.py) are pure; this module gathers the embeddings and answers they
need, and says what it cost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from ..checks.deadlines import deadline_conflicts
from ..errors import EmbeddingUnavailableError
from ..facts.features import FactFeatures
from ..facts.parts import PartKind
from ..models import Claim, Conflict, GroundedFact, JoinBasis, KeptApart, MatchingReport, Verdict
from ..text.actors import Who
from ..text.lexicon import CONDITIONAL_MARKS, EXAMPLE_PREPOSITIONS, starts_with_any
from .candidates import Proposal, propose
from .guards import Profile, check, common_stems
from .joining import Answer, ClaimBuilder, Question
from .merge import merge_facts

Vectors = npt.NDArray[np.float32]


class Progress(Protocol):
    def message(self, text: str) -> None: ...


class Embedding(Protocol):
    """Unit vectors for texts, from a model named by model_id (model/embed.py's CachedEmbedder)."""

    @property
    def model_id(self) -> str: ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


class JudgeCost(Protocol):
    """What judging cost (model/judge.py's JudgeReport)."""

    requests: int
    cached: int
    failed: int
    prompt_tokens: int
    prompt_read: int
    completion_tokens: int
    prompt_seconds: float
    generation_seconds: float
    failures: list[str]


class Judging(Protocol):
    """Verdicts on pairs of texts, given as (first ID, second ID, first text, second text) (model/judge.py's Judge):
    None where the model could not answer, and its word."""

    @property
    def report(self) -> JudgeCost: ...

    @property
    def concurrency(self) -> int: ...

    async def answer_all(self, pairs: Sequence[tuple[str, str, str, str]]) -> list[tuple[Verdict | None, str]]: ...


@dataclass(frozen=True)
class Matching:
    """The links merge applies, the pairs it must keep apart, and the report for brief.json."""

    links: list[JoinBasis] = field(default_factory=list)
    vetoed: frozenset[frozenset[str]] = frozenset()
    keep_apart: frozenset[frozenset[str]] = frozenset()  # an editor's --keep-apart: no rule or link joins these
    conflicts: list[Conflict] = field(default_factory=list)
    report: MatchingReport | None = None


def reading(fact: GroundedFact) -> str:
    """What matching reads of a fact: its quote, or, for a part the code cut from a sentence, the part read in
    its sentence (the sentence's own words without the other parts': "He sought repeal of the levy"). A model's
    own statement is never read: the judge compares the sources' words.

    Three kinds of part are read as their own words: a condition someone set, an example of a noun and an event
    with its date ("if the club paid her wages", "including a ban on night shifts", "the vote on 4 May"). Read in
    their sentences, the words around them ("she would sign the contract if ...", "new rules, including ...",
    "Two officials told the paper ...") say more than they do, and every condition of one sentence would read as
    the same fact."""
    if fact.part in OWN_WORDS:
        words = fact.quote.split()
        lead = starts_with_any([w.lower() for w in words], MARKERS)
        return " ".join(words[len(lead.split()) :]) if lead else fact.quote
    return fact.fact.statement if fact.split_from is not None or fact.added is not None else fact.quote


async def match_facts(
    facts: Sequence[GroundedFact],
    features: Mapping[str, FactFeatures],
    embedder: Callable[[], Embedding],
    judge: Judging | None,
    progress: Progress,
    *,
    pairs: Callable[[GroundedFact, GroundedFact], bool] | None = None,
    keep_apart: Collection[frozenset[str]] = (),
    who: Who | None = None,
) -> Matching:
    """Links between facts of different articles; without an embedder, none (merge's lexical rules still run).

    `features` are what the build read in each fact (features.read_features); `embedder` loads the embedding model
    when vectors are first needed (raising EmbeddingUnavailableError when it cannot); `judge` answers the builder's
    questions (None: no judge, only the strict similarity joins). `pairs`, when given, keeps only the proposed
    pairs it accepts (following a story: a previous brief's fact and a new one); `keep_apart` holds pairs of fact
    IDs never to be joined; `who` (actors.who_is_who) tells the subject guard who is who."""
    facts = list(facts)
    if len({f.article_id for f in facts}) < 2:
        return Matching(report=MatchingReport(note="one article: nothing to match across"))
    try:
        vectors_of = embedder()
    except EmbeddingUnavailableError as error:
        progress.message(f"same-fact matching off: {error}")
        return Matching(report=MatchingReport(note=f"no embedder ({error}): only the lexical rules joined facts"))
    # The writer's own reading is left out: two outlets' commentary agreeing corroborates no event. So is a part
    # that only says who says something ("Hale told investors"): two outlets naming a speaker state no one fact.
    commentary = sum(features[f.id].commentary is not None for f in facts)
    facts = [f for f in facts if features[f.id].commentary is None and f.part != ATTRIBUTION]
    started = time.perf_counter()
    vectors = vectors_of.embed([reading(f) for f in facts])
    embedded = time.perf_counter() - started
    proposals = propose_pairs(facts, vectors, features, pairs)
    common = common_stems([features[f.id] for f in facts])
    profiles = [Profile.of(f, features[f.id], common, who) for f in facts]
    groups, guarded = rule_groups(facts, features, profiles, keep_apart)
    builder = ClaimBuilder(facts, proposals, profiles, vectors, judging=judge is not None, groups=groups,
                           apart={*keep_apart, *guarded})  # fmt: skip
    report = MatchingReport(embedder=vectors_of.model_id, judge=judge is not None, proposed=len(proposals),
                            embed_seconds=round(embedded, 3), analysis=commentary)  # fmt: skip
    progress.message(f"Matching: {len(facts)} facts embedded in {embedded:.1f} s; {len(proposals)} pairs proposed")
    builder.advance()
    if judge is not None and not builder.done:
        await _judge(builder, facts, judge, progress, report)
    joined = builder.result()
    report.vetoed = joined.counts.get("vetoed", 0)
    report.joined = len(joined.links)
    report.kept_apart = joined.kept_apart
    report.outcomes = joined.counts
    by_id = {f.id: f for f in facts}
    disputes = [conflict for basis in joined.disputed for conflict in _deadlines(basis, by_id)]
    return Matching(joined.links, joined.vetoed, frozenset(keep_apart), disputes, report=report)


def _deadlines(basis: KeptApart, facts: Mapping[str, GroundedFact]) -> list[Conflict]:
    """The deadline dispute of two facts the judge found to state one fact that no claim could hold together."""
    left, right = (facts[i] for i in basis.facts)
    pair = Claim(id="", statement=left.fact.statement, kind=left.fact.kind, fact_ids=basis.facts,
                 article_ids=[left.article_id, right.article_id])  # fmt: skip
    return [c.model_copy(update={"basis": basis}) for c in deadline_conflicts([pair], facts)]


def propose_pairs(
    facts: Sequence[GroundedFact],
    vectors: Vectors,
    features: Mapping[str, FactFeatures],
    accept: Callable[[GroundedFact, GroundedFact], bool] | None = None,
) -> list[Proposal]:
    """candidates.propose's pairs, only those `accept` takes when given."""
    proposals = propose(facts, vectors, features)
    return [p for p in proposals if accept is None or accept(facts[p.left], facts[p.right])]


def rule_groups(
    facts: Sequence[GroundedFact],
    features: Mapping[str, FactFeatures],
    profiles: Sequence[Profile],
    keep_apart: Collection[frozenset[str]] = (),
) -> tuple[list[list[int]], set[frozenset[str]]]:
    """The facts merge's lexical rules put in one claim (copies of one sentence, nearly the same words), as
    indices: the claims the builder starts from, so that no link can later chain two of them through a rule join.
    The guards hold for rule joins too ("Ruiz declined the offer" and "Okoro declined the offer" are nearly the
    same words about two people): a pair of one group they veto is kept apart and the rules run again. Returns
    the groups and the pairs the guards vetoed."""
    position = {f.id: n for n, f in enumerate(facts)}
    vetoed: set[frozenset[str]] = set()
    groups: list[list[int]] = []
    for _ in range(RULE_PASSES):
        claims = merge_facts(list(facts), features, vetoed=vetoed, keep_apart=keep_apart)
        groups = [[position[i] for i in claim.fact_ids] for claim in claims if len(claim.fact_ids) > 1]
        found = _refused_members(groups, facts, profiles)
        if found <= vetoed:
            return groups, vetoed
        vetoed |= found
    # The rules still glue pairs the guards refuse: those members leave their groups (merge keeps them apart too).
    refused = {i for pair in vetoed for i in pair}
    return [kept for group in groups if len(kept := [i for i in group if facts[i].id not in refused]) > 1], vetoed


def _refused_members(
    groups: Sequence[Sequence[int]], facts: Sequence[GroundedFact], profiles: Sequence[Profile]
) -> set[frozenset[str]]:
    """Each group's members the guards find to differ from its first fact (merge's rules join a fact to a claim
    whose first fact it matches, so that is the one each is checked against)."""
    return {
        frozenset((facts[group[0]].id, facts[j].id))
        for group in groups
        for j in group[1:]
        if facts[group[0]].article_id != facts[j].article_id and check(profiles[group[0]], profiles[j]).differ
    }


# Rule joins re-run with the guards' vetoes at most this many times (each pass only adds vetoes); after them, the
# members the guards still refuse leave their groups.
RULE_PASSES = 2
ATTRIBUTION = PartKind.ATTRIBUTION.value
OWN_WORDS = frozenset({PartKind.CONDITION.value, PartKind.EXAMPLE.value, PartKind.DATED.value})
MARKERS = sorted({*CONDITIONAL_MARKS, *EXAMPLE_PREPOSITIONS}, key=len, reverse=True)  # "such as" before "as"


async def _judge(
    builder: ClaimBuilder, facts: Sequence[GroundedFact], judge: Judging, progress: Progress, report: MatchingReport
) -> None:
    """Answer the builder's questions until every proposal is decided, as many at a time as the builder gives
    (the judge's concurrency)."""
    started = time.perf_counter()
    asked = 0
    while not builder.done:
        questions = builder.questions(limit=judge.concurrency)
        answers = await judge.answer_all([_texts(q, facts) for q in questions])
        for question, answer in zip(questions, answers, strict=True):
            builder.answer(question, Answer(*answer))
        asked += len(questions)
        if asked % 10 < len(questions):
            progress.message(f"  judged {asked} pairs ({time.perf_counter() - started:.0f} s)")
        builder.advance()
    report.judged = asked
    report.judge_seconds = round(time.perf_counter() - started, 3)
    cost = judge.report
    report.judge_failed, report.requests, report.cached = cost.failed, cost.requests, cost.cached
    report.prompt_tokens, report.completion_tokens = cost.prompt_tokens, cost.completion_tokens
    report.prompt_read = cost.prompt_read
    report.prompt_seconds, report.generation_seconds = round(cost.prompt_seconds, 3), round(cost.generation_seconds, 3)
    for failure in cost.failures[:3]:
        progress.message(f"  judge call failed (pair left to the strict rule): {failure}")


def _texts(question: Question, facts: Sequence[GroundedFact]) -> tuple[str, str, str, str]:
    first, second = facts[question.first], facts[question.second]
    return first.id, second.id, reading(first), reading(second)
