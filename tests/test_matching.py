"""Same-fact matching end to end through the loopback test server: a careless extractor (every sentence a fact)
and a judge that gives one verdict to every pair. Only the guards and code stand between them and the page."""

from __future__ import annotations

import json
from typing import Any

from briefing.judge import Answer, verdict_of
from briefing.llm import ModelConfig, RetryPolicy
from briefing.models import Brief, ConflictKind, JoinRule, Verdict
from briefing.pipeline import build_brief
from briefing.sources import parse_article

from .fake_openai import FakeOpenAI

FAST = RetryPolicy(transport_attempts=2, backoff_initial=0.01, backoff_max=0.02, reasks=0)
# A story of our own: two outlets on one bridge closure, in different words, with a look-alike pair (the same
# verb, different people) and a figure they disagree on.
ARTICLES = [
    parse_article(
        "Governor Lena Ruiz closed the Orrin bridge on Monday after engineers found deep cracks in its piers. "
        "Ruiz declined the council's request for a public inquiry. "
        "The repairs will cost $4 million, the transport office said.\n",
        "gazette.txt",
    ),
    parse_article(
        "Governor Ruiz ordered the Orrin crossing shut to traffic on Monday. "
        "Mayor Tom Okoro declined to pay for a temporary ferry. "
        "The transport office put the cost of the repairs at $9 million.\n",
        "courier.txt",
    ),
]


def build(fake: FakeOpenAI, judge: bool = True) -> Brief:
    config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10.0)
    return build_brief(ARTICLES, model=config, retry=FAST, judge=judge)


def judge_requests(fake: FakeOpenAI) -> list[dict[str, Any]]:
    return [b for b in fake.bodies if "same_fact" in json.dumps(b.get("response_format", {}))]


def claim_with(brief: Brief, *words: str) -> list[str]:
    facts = {f.id: f for f in brief.facts}
    for claim in brief.claims:
        quotes = " ".join(facts[i].quote for i in claim.fact_ids)
        if all(w in quotes for w in words):
            return claim.article_ids
    return []


def test_the_same_fact_in_other_words_is_one_claim_with_its_basis() -> None:
    with FakeOpenAI() as fake:
        brief = build(fake)
    assert len(claim_with(brief, "closed the Orrin bridge", "ordered the Orrin crossing shut")) == 2
    joined = next(c for c in brief.claims if len(c.article_ids) == 2 and "Orrin" in c.statement)
    (basis,) = joined.joins
    assert basis.rule == JoinRule.JUDGED and basis.verdict == Verdict.SAME and basis.similarity is not None
    assert basis.answers == ["yes", "yes"] and any(g.startswith("words shared:") for g in basis.guards)
    # Each pair is asked in both orders: the embedded model's answer depends on which quote comes first.
    assert brief.matching is not None and 2 * brief.matching.judged == len(judge_requests(fake)) >= 2


def test_a_careless_judge_cannot_join_what_a_guard_vetoes() -> None:
    with FakeOpenAI() as fake:  # the judge says "yes" to every pair it is asked about
        brief = build(fake)
    assert len(claim_with(brief, "Ruiz declined", "Okoro declined")) == 0
    assert len(claim_with(brief, "$4 million", "$9 million")) == 0
    assert brief.matching is not None and brief.matching.vetoed >= 1
    asked = " ".join(m["content"] for b in judge_requests(fake) for m in b["messages"] if m["role"] == "user")
    assert "Okoro declined" not in asked  # a vetoed pair is never sent to the judge
    assert any(c.kind == ConflictKind.NUMBER for c in brief.conflicts)  # the figures go to the cross-check


def test_a_failed_judge_call_falls_back_to_the_strict_rule_and_the_brief_is_whole() -> None:
    extraction = [("ok",), ("ok",)]
    with FakeOpenAI([*extraction, ("status", 500), ("status", 500), ("status", 500), ("status", 500)]) as fake:
        brief = build(fake)
    assert brief.matching is not None and brief.matching.judge_failed >= 1
    assert all(r.error is None for r in brief.reports) and brief.claims


def test_without_a_judge_only_strict_similarity_joins_and_no_judge_request_is_sent() -> None:
    with FakeOpenAI() as fake:
        brief = build(fake, judge=False)
    assert judge_requests(fake) == []
    assert brief.matching is not None and not brief.matching.judge and brief.matching.judged == 0
    rules = {j.rule for c in brief.claims for j in c.joins}
    assert rules <= {JoinRule.SIMILAR, JoinRule.SAME_STATEMENT, JoinRule.SAME_QUOTE, JoinRule.SAME_FIGURE,
                     JoinRule.SAME_SPAN}  # fmt: skip


def test_a_judged_contradiction_is_a_conflict_labelled_as_the_models_with_both_quotes() -> None:
    with FakeOpenAI(verdict="conflict") as fake:
        brief = build(fake)
    judged = [c for c in brief.conflicts if c.kind == ConflictKind.JUDGED]
    assert judged and all(c.basis is not None and c.basis.verdict == Verdict.CONTRADICTS for c in judged)
    assert all(len(c.sides) == 2 and all(side.quotes for side in c.sides) for c in judged)
    assert not any(len(c.article_ids) > 1 and any(j.rule == JoinRule.JUDGED for j in c.joins) for c in brief.claims)


def test_both_orders_decide_the_verdict() -> None:
    yes, no, conflict = Answer.YES, Answer.NO, Answer.CONFLICT
    table = {
        (yes, yes): Verdict.SAME, (yes, no): Verdict.SAME, (no, no): Verdict.RELATED,
        (conflict, conflict): Verdict.CONTRADICTS, (conflict, yes): None, (conflict, no): Verdict.RELATED,
        (yes, None): None, (None, None): None, (no, None): None, (conflict, None): None,
    }  # fmt: skip
    for (forward, backward), expected in table.items():
        assert verdict_of(forward, backward) == verdict_of(backward, forward) == expected, (forward, backward)
