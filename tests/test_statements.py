"""Who states the facts: the model (a request a chunk) or the articles' sentences as written (no request but the
judge's). Either way every fact on the page is what its source says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import ModelConfig, RetryPolicy, Statements, build_brief
from briefing.cli import main
from briefing.facts.atomize import AS_WRITTEN
from briefing.pipeline import default_statements

from .fake_openai import FakeOpenAI, is_line_request

FAST = RetryPolicy(transport_attempts=2, backoff_initial=0.01, backoff_max=0.02, reasks=0)
# Our own story: two outlets on one ferry strike, one sentence that states two things.
STORIES = {
    "gazette.txt": "Ferry crews on the Orrin line stopped work on Monday. The union asked for a 6 percent rise.\n",
    "courier.txt": "Crews of the Orrin ferries walked out on Monday; their union wants a 6 percent pay rise. "
    "Harbour master Lena Voss said the port would stay open.\n",
}


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [tmp_path / name for name in STORIES]


def _is_judge(body: dict[str, object]) -> bool:
    return "same_fact" in json.dumps(body.get("response_format", {}))


def test_the_embedded_model_judges_and_an_endpoint_states() -> None:
    embedded = ModelConfig(model="local", base_url="http://127.0.0.1:1/v1", api_key="none", embedded=True)
    endpoint = ModelConfig(model="remote", base_url="https://example.org/v1", api_key="k")
    assert (default_statements(embedded), default_statements(endpoint)) == (Statements.SENTENCES, Statements.MODEL)


def test_facts_from_the_sentences_send_the_model_nothing_but_same_fact_pairs(articles: list[Path]) -> None:
    with FakeOpenAI() as fake:
        config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10.0)
        brief = build_brief(articles, model=config, statements=Statements.SENTENCES, retry=FAST, written_lines=False)
    assert fake.bodies and all(_is_judge(body) for body in fake.bodies)
    assert brief.model.statements == Statements.SENTENCES
    texts = {a.id: a.text for a in brief.articles}
    for fact in brief.facts:
        written = texts[fact.article_id][fact.start : fact.end]
        assert (fact.added, fact.quote) == (AS_WRITTEN, written)
        if not fact.split_from:  # a part reads in its sentence's context (atomize.py); its quote is its own words
            assert fact.fact.statement == written[:1].upper() + written[1:]
    # Three sentences and one split at its semicolon: every clause a fact, nothing the articles do not say.
    assert sorted(f.fact.statement for f in brief.facts) == [
        "Crews of the Orrin ferries walked out on Monday",
        "Ferry crews on the Orrin line stopped work on Monday.",
        "Harbour master Lena Voss said the port would stay open.",
        "The union asked for a 6 percent rise.",
        "Their union wants a 6 percent pay rise.",
    ]
    assert [(r.extracted, r.requests) for r in brief.reports] == [(0, 0), (0, 0)]
    assert sorted(r.added for r in brief.reports) == [2, 2]


def test_an_endpoint_states_the_facts_unless_told_otherwise(articles: list[Path]) -> None:
    with FakeOpenAI() as fake:
        config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10.0)
        brief = build_brief(articles, model=config, retry=FAST)
    assert sum(not _is_judge(body) and not is_line_request(body) for body in fake.bodies) == 2  # a chunk an article
    assert brief.model.statements == Statements.MODEL
    assert all(f.added is None for f in brief.facts)


def test_the_cli_flag_and_its_summary(articles: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with FakeOpenAI() as fake:
        code = main(["build", *map(str, articles), "-o", str(tmp_path / "out"), "--base-url", fake.url,
                     "--statements", "sentences", "--no-cache"])  # fmt: skip
    assert code == 0
    err = capsys.readouterr().err
    assert "Facts: each article sentence as written" in err
    assert "2 articles: 4 sentences as written, 0 about other stories;" in err
    assert "model use: no extraction request (the facts are the sentences)" in err
    saved = json.loads((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))
    assert saved["model"]["statements"] == "sentences"
