"""Same-fact matching end to end through the loopback test server: a careless extractor (every sentence a fact)
and a judge that gives one verdict to every pair. Only the guards and code stand between them and the page."""

from __future__ import annotations

import json
from typing import Any

from briefing.inputs.sources import parse_article
from briefing.matching.joining import NO_DISPUTE
from briefing.model.calls import RetryPolicy
from briefing.model.config import ModelConfig
from briefing.models import ApartRule, Brief, ConflictKind, Guard, JoinRule, Verdict
from briefing.pipeline import build_brief

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
    assert basis.answers == ["yes"] and any(g.startswith("words shared:") for g in basis.guards)
    # One request a judged pair: asked once, in the claim builder's order.
    assert brief.matching is not None and brief.matching.judged == len(judge_requests(fake)) >= 1


def test_a_careless_judge_cannot_join_what_a_guard_vetoes() -> None:
    # The same words about two different people: the nearest pair there is, and the subject guard's to veto.
    twins = [
        parse_article("Ruiz declined the council's request for a public inquiry into the bridge.\n", "a.txt"),
        parse_article("Okoro declined the council's request for a public inquiry into the bridge.\n", "b.txt"),
    ]
    with FakeOpenAI() as fake:  # the judge says "yes" to every pair it is asked about
        config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10.0)
        brief = build_brief(twins, model=config, retry=FAST)
    assert len(claim_with(brief, "Ruiz declined", "Okoro declined")) == 0
    assert judge_requests(fake) == []  # a vetoed pair is never sent to the judge
    assert brief.matching is not None and brief.matching.vetoed == 1
    (vetoed,) = brief.matching.kept_apart
    assert vetoed.rule == ApartRule.VETOED and vetoed.veto == Guard.SUBJECT  # typed, in brief.json


def test_different_figures_for_one_fact_are_one_claim_only_when_the_judge_sees_the_conflict() -> None:
    # The two outlets give the repairs' cost as $4 million and $9 million. A judge that says "yes" to everything
    # missed the difference the code sees: two claims. One that answers "conflict" saw it: one claim, which
    # carries the dispute. Either way the cross-check shows the two figures with both quotes.
    with FakeOpenAI() as fake:
        brief = build(fake)
    assert len(claim_with(brief, "$4 million", "$9 million")) == 0
    with FakeOpenAI(verdict="conflict") as fake:
        disputed = build(fake)
    assert len(claim_with(disputed, "$4 million", "$9 million")) == 2
    (claim,) = [c for c in disputed.claims if len(c.article_ids) == 2 and "million" in c.statement]
    assert claim.disputes
    money = [c for c in brief.conflicts if c.kind == ConflictKind.NUMBER]
    assert money and {tuple(s.quotes) for s in money[0].sides} >= {
        ("The repairs will cost $4 million, the transport office said.",),
        ("The transport office put the cost of the repairs at $9 million.",),
    }


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


def test_a_conflict_the_code_cannot_find_joins_one_fact_and_shows_no_dispute() -> None:
    with FakeOpenAI(verdict="conflict") as fake:
        brief = build(fake)
    # The bridge closure was answered "conflict", but nothing in the two quotes disagrees: the model misread one
    # fact; it is joined, its basis says so, and no dispute is shown.
    assert len(claim_with(brief, "closed the Orrin bridge", "ordered the Orrin crossing shut")) == 2
    facts = {f.id: f.quote for f in brief.facts}
    [bridge] = [c for c in brief.claims if any("closed the Orrin bridge" in facts[i] for i in c.fact_ids)]
    [link] = [j for j in bridge.joins if j.rule == JoinRule.JUDGED]
    assert link.verdict == Verdict.SAME and link.answers == ["conflict"] and NO_DISPUTE in link.guards
    assert not bridge.disputes and not any(c.kind == ConflictKind.JUDGED for c in brief.conflicts)
    # The look-alike pair (Ruiz declined an inquiry, Okoro declined to pay) stays apart: the guards, not the judge.
    assert claim_with(brief, "declined the council's request", "declined to pay") == []

def test_matching_reads_a_part_in_its_sentence_or_as_its_own_words() -> None:
    from briefing.facts.atomize import AS_WRITTEN, atomize, skipped_sentences
    from briefing.matching.run import reading
    from briefing.model.parse import parse_articles

    text = ("The board adopted new rules, including a ban on night shifts and a cap on overtime hours.\n\n"
            "Dana Okafor demanded higher pay for dockers, the reinstatement of two stewards and an end to night "
            "shifts.\n")  # fmt: skip
    article = parse_article(text, "board.txt")
    parses = parse_articles([article])
    parts = [p for f in skipped_sentences(article, [], [], AS_WRITTEN) for p in atomize(article, f, parses)]
    read = {p.quote: reading(p) for p in parts}
    # An example reads as its own words, without the noun it is an example of or the marker that opens it.
    assert read["including a ban on night shifts"] == "a ban on night shifts"
    # A list item reads with its verb and subject: the sentence less the other items.
    assert read["the reinstatement of two stewards"] == "Dana Okafor demanded the reinstatement of two stewards."


class StubEmbedder:
    """Every text near every other (cosine about 0.6: proposed, too far for the strict rule to join unasked)."""

    model_id = "stub"

    def embed(self, texts: Any) -> Any:
        import zlib

        import numpy

        rows = []
        for text in texts:
            own = numpy.random.default_rng(zlib.crc32(text.encode())).standard_normal(16)
            row = numpy.concatenate([[1.0], 0.8 * own / numpy.linalg.norm(own)])
            rows.append(row / numpy.linalg.norm(row))
        return numpy.array(rows, dtype=numpy.float32)


class StubJudge:
    """Says `word` to every pair and counts what it was asked."""

    def __init__(self, word: str) -> None:
        from briefing.model.judge import JudgeReport

        self.word, self.asked, self.concurrency, self.report = word, 0, 1, JudgeReport()

    async def answer_all(self, pairs: Any) -> list[tuple[Verdict | None, str]]:
        self.asked += len(pairs)
        self.report.requests += len(pairs)
        verdicts = {"yes": Verdict.SAME, "no": Verdict.RELATED}
        return [(verdicts[self.word], self.word) for _ in pairs]


def test_the_run_asks_the_judge_it_is_handed_and_reports_its_cost() -> None:
    import asyncio

    from briefing.facts.atomize import AS_WRITTEN, skipped_sentences
    from briefing.facts.features import read_features
    from briefing.matching.run import match_facts

    facts = [f for a in ARTICLES for f in skipped_sentences(a, [], [], AS_WRITTEN)]
    features = read_features(facts, {a.id: None for a in ARTICLES})

    class Quiet:
        def message(self, text: str) -> None:
            pass

    for word in ("yes", "no"):
        judge = StubJudge(word)
        matching = asyncio.run(match_facts(facts, features, StubEmbedder, judge, Quiet()))
        assert matching.report is not None and matching.report.embedder == "stub"
        assert judge.asked > 0 and matching.report.requests == judge.asked == matching.report.judged
        # Only "yes" joins; even then the guards keep the look-alike apart (Ruiz's and Okoro's refusals).
        joined = {frozenset(link.facts) for link in matching.links}
        assert bool(joined) == (word == "yes")
        refusals = {f.id for f in facts if "declined" in f.quote}
        assert refusals not in joined
    no_judge = asyncio.run(match_facts(facts, features, StubEmbedder, None, Quiet()))
    assert no_judge.report is not None and no_judge.report.judge is False and no_judge.report.requests == 0
