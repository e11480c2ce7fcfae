"""Same-fact matching for one build: embed every fact's quote, propose pairs, ask the judge, decide the links.

Not pure: it loads the embedding model and talks to the judge model. The deciding is pairing.py's (pure);
this module only gathers the embeddings and verdicts it needs, and says what it cost.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .cache import ExtractionCache
from .embed import Embedder, EmbeddingCache, embed_cached
from .errors import EmbeddingUnavailableError
from .features import FactFeatures
from .judge import Judge, Judgement, PairToJudge
from .llm import ModelConfig, RetryPolicy, make_client
from .models import Conflict, ConflictKind, ConflictSide, GroundedFact, JoinBasis, MatchingReport
from .pairing import Candidate, decide, needs_judge, propose
from .reading import analysis


class Progress(Protocol):
    def message(self, text: str) -> None: ...


@dataclass(frozen=True)
class Matching:
    """The links merge applies, the pairs it must keep apart, judged conflicts, and the report for brief.json."""

    links: list[JoinBasis] = field(default_factory=list)
    vetoed: frozenset[frozenset[str]] = frozenset()
    keep_apart: frozenset[frozenset[str]] = frozenset()  # an editor's --keep-apart: no rule or link joins these
    conflicts: list[Conflict] = field(default_factory=list)
    report: MatchingReport | None = None


async def match_facts(
    facts: Sequence[GroundedFact],
    features: Mapping[str, FactFeatures],
    judge_config: ModelConfig | None,
    progress: Progress,
    policy: RetryPolicy,
    cache: ExtractionCache | None,
    concurrency: int = 1,
    pairs: Callable[[Candidate], bool] | None = None,
    vectors_cache: EmbeddingCache | None = None,
) -> Matching:
    """Links between facts of different articles; without an embedder, none (merge's lexical rules still run).

    `features` are what the build read in each fact (features.read_features); `cache` keeps the judge's answers
    and `vectors_cache` the quotes' embeddings. `pairs`, when given, keeps only the proposed pairs it accepts
    (following a story: a previous brief's fact and a new one)."""
    facts = list(facts)
    if len({f.article_id for f in facts}) < 2:
        return Matching(report=MatchingReport(note="one article: nothing to match across"))
    try:
        embedder = Embedder.load()
    except EmbeddingUnavailableError as error:
        progress.message(f"same-fact matching off: {error}")
        return Matching(report=MatchingReport(note=f"no embedder ({error}): only the lexical rules joined facts"))
    # The writer's analysis is left out: two outlets' commentary agreeing corroborates no event.
    analysis_count = len(facts)
    facts = [f for f in facts if analysis(f.quote) is None]
    analysis_count -= len(facts)
    started = time.perf_counter()
    vectors = embed_cached(embedder, [f.quote for f in facts], vectors_cache)
    embedded = time.perf_counter() - started
    candidates = propose(facts, vectors, features)
    if pairs is not None:
        candidates = [c for c in candidates if pairs(c)]
    to_judge = [c for c in candidates if needs_judge(c)] if judge_config is not None else []
    progress.message(
        f"Matching: {len(facts)} facts embedded in {embedded:.1f} s; {len(candidates)} pairs "
        f"proposed, {sum(c.veto is not None for c in candidates)} vetoed by a guard, {len(to_judge)} to judge"
    )
    report = MatchingReport(embedder=embedder.model_id, judge=judge_config is not None, proposed=len(candidates),
                            vetoed=sum(c.veto is not None for c in candidates), judged=len(to_judge),
                            embed_seconds=round(embedded, 3), analysis=analysis_count)  # fmt: skip
    judgements: dict[tuple[str, str], Judgement] = {}
    if judge_config is not None and to_judge:
        judgements = await _judge(to_judge, judge_config, policy, cache, concurrency, progress, report)
    verdicts = {key: j.verdict for key, j in judgements.items()}
    answers = {key: [a.value if a else "failed" for a in j.answers] for key, j in judgements.items()}
    decisions = decide(candidates, verdicts, answers)
    report.joined = len(decisions.links)
    report.kept_apart = decisions.kept_apart
    report.contradictions = len(decisions.contradictions)
    conflicts = [_judged_conflict(candidate, basis) for candidate, basis in decisions.contradictions]
    return Matching(decisions.links, decisions.vetoed, conflicts=conflicts, report=report)


async def _judge(
    pairs: list[Candidate],
    config: ModelConfig,
    policy: RetryPolicy,
    cache: ExtractionCache | None,
    concurrency: int,
    progress: Progress,
    report: MatchingReport,
) -> dict[tuple[str, str], Judgement]:
    client, openai_client = make_client(config)
    judge = Judge(client, config, policy, cache, concurrency)
    started = time.perf_counter()
    done = [0]

    def tick() -> None:
        done[0] += 1
        if done[0] % 10 == 0 or done[0] == len(pairs):
            progress.message(f"  judged {done[0]}/{len(pairs)} pairs ({time.perf_counter() - started:.0f} s)")

    try:
        asked = [PairToJudge(c.left.id, c.right.id, c.left.quote, c.right.quote) for c in pairs]
        judgements = await judge.judge_all(asked, tick)
    finally:
        await openai_client.close()
    report.judge_seconds = round(time.perf_counter() - started, 3)
    cost = judge.report
    report.judge_failed, report.requests, report.cached = cost.failed, cost.requests, cost.cached
    report.prompt_tokens, report.completion_tokens = cost.prompt_tokens, cost.completion_tokens
    report.prompt_seconds, report.generation_seconds = round(cost.prompt_seconds, 3), round(cost.generation_seconds, 3)
    for failure in cost.failures[:3]:
        progress.message(f"  judge call failed (pair left to the strict rule): {failure}")
    return {(c.left.id, c.right.id): j for c, j in zip(pairs, judgements, strict=True)}


def _judged_conflict(candidate: Candidate, basis: JoinBasis) -> Conflict:
    sides = [
        ConflictSide(value=fact.fact.statement, fact_ids=[fact.id], article_ids=[fact.article_id], quotes=[fact.quote])
        for fact in (candidate.left, candidate.right)
    ]
    return Conflict(id="X0", kind=ConflictKind.JUDGED, subject=candidate.left.fact.statement,
                    attribute="judged by the model as contradicting", sides=sides, basis=basis)  # fmt: skip
