"""Following a story through the whole pipeline, against the loopback test server: the second build sends only
the new articles' text to the model and judges only pairs that hold a new fact; a judge recognises a reworded
claim, and even a careless one (yes to every pair) never turns a revised figure into the same fact."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from briefing.inputs.sources import parse_article
from briefing.model.calls import RetryPolicy
from briefing.model.config import ModelConfig
from briefing.models import Brief, ChangeKind
from briefing.pipeline import build_brief
from briefing.story.following import changes_since

from .fake_openai import FakeOpenAI, is_line_request
from .test_changes import GAZETTE, LATER, REWORDED, TRADE, WIRE

FAST = RetryPolicy(transport_attempts=2, backoff_initial=0.01, backoff_max=0.02, reasks=0)
DAY_ONE = [parse_article(GAZETTE, "gazette.md"), parse_article(WIRE, "wire.md"), parse_article(TRADE, "trade.md")]
NEW = [parse_article(LATER, "later.md"), parse_article(REWORDED, "news.md")]
DAY_TWO = [*DAY_ONE[:2], *NEW]  # the trade paper is no longer read


def is_judge(body: dict[str, Any]) -> bool:
    return "same_fact" in json.dumps(body.get("response_format", {}))


def discerning(body: dict[str, Any]) -> tuple[Any, ...]:
    """A judge that knows the story: only the haulage firms' rerouting is one fact in two wordings."""
    if not is_judge(body):
        return ("ok",)
    pair = body["messages"][-1]["content"]
    same = "haulage firms began" in pair and "Hauliers now route" in pair
    return ("content", json.dumps({"same_fact": "yes" if same else "no"}))


def two_days(tmp_path: Path, careless: bool = False) -> tuple[Brief, Brief, list[dict[str, Any]]]:
    cache = tmp_path / "cache"
    with FakeOpenAI(None if careless else [discerning] * 500) as fake:
        config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10.0)
        first = build_brief(DAY_ONE, model=config, retry=FAST, cache=cache)
        asked = len(fake.bodies)
        second = build_brief(DAY_TWO, model=config, retry=FAST, cache=cache, since=first)
        return first, second, fake.bodies[asked:]


def test_the_second_build_sends_only_new_text_to_the_model(tmp_path: Path) -> None:
    first, second, requests = two_days(tmp_path)
    new_ids = {a.id for a in NEW}
    reports = {r.article_id: r for r in second.reports}
    assert all(reports[a.id].requests == 0 and reports[a.id].cached_chunks == reports[a.id].chunks
               for a in DAY_ONE[:2])  # fmt: skip
    assert all(reports[a].requests >= 1 for a in new_ids)
    new_sentences = {" ".join(a.sentence_text(s).split()) for a in NEW for s in a.sentences}
    extraction = [b for b in requests if not is_judge(b) and not is_line_request(b)]
    assert extraction and len(extraction) == sum(reports[a].requests for a in new_ids)
    for body in extraction:
        sent = re.findall(r"^\[S\d+\] (.+)$", body["messages"][-1]["content"], re.MULTILINE)
        assert sent and set(sent) <= new_sentences
    # Every pair the judge is asked about holds a fact the first brief did not have.
    known = {" ".join(f.quote.split()) for f in first.facts}
    judged = [b for b in requests if is_judge(b)]
    assert judged
    for body in judged:
        pair = re.fullmatch(r'A: "(.*)"\nB: "(.*)"', body["messages"][-1]["content"], re.DOTALL)
        assert pair is not None and not {pair[1], pair[2]} <= known, pair.groups()


def test_the_judge_recognises_a_reworded_claim_of_an_article_no_longer_read(tmp_path: Path) -> None:
    _, second, _ = two_days(tmp_path)
    assert second.changes is not None
    found = {kind: [c.text for c in second.changes.of(kind)] for kind in ChangeKind}
    cost = "The strike is costing island shops about £200,000 a day, the traders' guild said."
    assert found[ChangeKind.DROPPED] == [cost]
    assert found[ChangeKind.NEW] == ["A second union at Dunmore voted to join the strike."]
    (recognised,) = second.changes.recognised
    assert recognised.previous_quote.startswith("Two haulage firms") and recognised.quote.startswith("Hauliers")
    assert recognised.basis.verdict is not None and recognised.basis.answers == ["yes"]  # one judgement a pair
    assert second.changes.matching is not None and second.changes.matching.judged > 0


def test_a_careless_judge_never_joins_a_revised_figure(tmp_path: Path) -> None:
    _, second, _ = two_days(tmp_path, careless=True)
    assert second.changes is not None
    (revised,) = second.changes.of(ChangeKind.REVISED)
    assert (revised.before, revised.after) == ("12", "19")


def test_the_library_reads_the_change_list_of_two_briefs(tmp_path: Path) -> None:
    first, second, _ = two_days(tmp_path)
    # No judge here: only pairs above the strict similarity join, so the rewording stands as new and dropped.
    changes = changes_since(first, second.model_copy(update={"changes": None}))
    assert [(c.before, c.after) for c in changes.of(ChangeKind.REVISED)] == [("12", "19")]
    assert changes.articles_removed == [DAY_ONE[2].id] and set(changes.articles_added) == {a.id for a in NEW}


def test_the_async_change_list_runs_inside_a_callers_event_loop(tmp_path: Path) -> None:
    import asyncio

    from briefing.story.following import achanges_since

    first, second, _ = two_days(tmp_path)

    async def caller() -> list[str]:  # a notebook or a web service: a loop is already running
        changes = await achanges_since(first, second)
        return [c.kind.value for c in changes.changes]

    assert "revised" in asyncio.run(caller())
