"""End to end: `brief build` on the example corpus, replaying the recorded calls to the embedded model."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import main
from briefing.errors import NoUsableArticlesError
from briefing.evaluation.expected import evaluate
from briefing.inputs.sources import load_articles
from briefing.model.calls import RetryPolicy
from briefing.model.config import ModelConfig
from briefing.models import Brief
from briefing.page.render import md_escape
from briefing.pipeline import build_brief

from .conftest import EXAMPLES, recorder

pytestmark = pytest.mark.model
BULLET = re.compile(r"^- (?P<text>.+?) (?P<cites>(\[\d+\])+) — (?P<backing>\d+ sources?.*)$")
DISPUTE = re.compile(r"^- .+: “.+” (\[\d+\])+ vs “.+” (\[\d+\])+")
QUOTE_LINE = re.compile(r"^\[(?P<n>\d+)\] “(?P<quote>.*)” — ")


@pytest.fixture(scope="module")
def brief(example_build: tuple[int, Path]) -> Brief:
    return Brief.model_validate_json((example_build[1] / "brief.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def markdown(example_build: tuple[int, Path]) -> str:
    return (example_build[1] / "brief.md").read_text(encoding="utf-8")


def test_build_succeeds_on_every_article(example_build: tuple[int, Path], brief: Brief) -> None:
    # A stale cassette (changed prompt, schema or article) makes an article fail: that must fail here.
    assert example_build[0] == 0
    assert [r.error for r in brief.reports] == [None] * 5
    assert all(r.requests >= 1 and r.prompt_tokens > 0 for r in brief.reports)


def test_all_four_outputs_are_written(example_build: tuple[int, Path]) -> None:
    names = sorted(p.name for p in example_build[1].iterdir())
    assert names == ["brief.html", "brief.json", "brief.md", "brief.pdf"]


def test_every_bullet_is_cited_and_every_citation_has_its_quote(markdown: str) -> None:
    page = markdown.split("## Quotes", 1)[0]
    bullets = [line for line in page.splitlines() if line.startswith("- ")]
    assert len(bullets) >= 8
    assert all(re.search(r"\[\d+\]", line) for line in bullets), [b for b in bullets if "[" not in b]
    cited = {int(n) for line in bullets for n in re.findall(r"\[(\d+)\]", line)}
    quotes = markdown.split("## Quotes", 1)[1].split("## Sources", 1)[0]
    quoted = {int(m["n"]) for line in quotes.splitlines() if (m := QUOTE_LINE.match(line))}
    assert cited == quoted


def test_the_pdf_is_one_a4_page_and_cites_like_the_markdown(example_build: tuple[int, Path], markdown: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(example_build[1] / "brief.pdf")
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = reader.pages[0].extract_text()
    page_numbers = {int(n) for n in re.findall(r"\[(\d+)\]", markdown.split("## Quotes", 1)[0])}
    assert {int(n) for n in re.findall(r"\[(\d+)\]", text)} == page_numbers


def test_every_citation_on_the_review_page_leads_to_its_quote(example_build: tuple[int, Path], brief: Brief) -> None:
    html = (example_build[1] / "brief.html").read_text(encoding="utf-8")
    links = set(re.findall(r'<a class="cite" href="#q(\d+)"', html))
    targets = set(re.findall(r'id="q(\d+)"', html))
    assert links and links <= targets


def test_no_boilerplate_or_unrelated_headline_reaches_the_brief(markdown: str, expected: dict[str, Any]) -> None:
    brief_part = markdown.split("## Articles", 1)[0]
    leaked = [line for line in expected["must_not_show"] if md_escape(line) in brief_part or line in brief_part]
    assert leaked == []


def test_every_judge_call_was_answered(brief: Brief) -> None:
    # A failed judge call never fails a build (the pair falls back to the strict rule), so a stale cassette
    # would pass unnoticed without this.
    assert brief.matching is not None and brief.matching.judge and brief.matching.judged > 0
    assert brief.matching.judge_failed == 0


def test_facts_are_accounted_for(brief: Brief) -> None:
    for report in brief.reports:
        assert report.extracted == report.grounded + report.rejected
    # Every fact is one the model stated, a clause of one (split_from), or a sentence it skipped (added).
    origins = {f.split_from or f.id for f in brief.facts}
    assert sum(r.grounded + r.added - r.off_topic for r in brief.reports) == len(origins)
    added = {f.split_from or f.id for f in brief.facts if f.added}  # a sentence split at clauses counts once
    assert sum(r.added for r in brief.reports) == len(added)
    assert sum(r.rejected + r.off_topic for r in brief.reports) == len(brief.rejections)


def test_a_changed_prompt_finds_no_recorded_answer(
    request: pytest.FixtureRequest, model_config: ModelConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    if request.config.getoption("--record-mode") not in (None, "none"):
        pytest.skip("only meaningful when replaying")
    import briefing.model.extract as extract

    original = extract.build_messages

    def changed(*args: Any) -> list[dict[str, str]]:
        messages = original(*args)
        messages[0]["content"] += "\nBe brief."
        return messages

    monkeypatch.setattr(extract, "build_messages", changed)
    articles = load_articles([EXAMPLES / "articles"]).articles[:1]
    with (
        recorder(request, "example_build.yaml").use_cassette("example_build.yaml"),
        pytest.raises(NoUsableArticlesError, match="no article could"),
    ):
        build_brief(articles, model=model_config, retry=RetryPolicy(transport_attempts=1, reasks=0))


def test_cross_check_finds_what_the_corpus_plants(brief: Brief, markdown: str, expected: dict[str, Any]) -> None:
    """Every planted conflict with both quotes, no agreement reported as a conflict, single sources labelled."""
    checks = evaluate(brief, markdown, expected)
    assert [(c.name, c.passed, c.detail) for c in checks if not c.passed] == []


def test_wire_copies_count_once(brief: Brief) -> None:
    names = {a.id: Path(a.path).name for a in brief.articles}
    assert [sorted(names[i] for i in group) for group in brief.copies] == [
        ["02-coastline-wire.txt", "05-valley-courier.txt"]
    ]
    copied = [
        c
        for c in brief.claims
        if {names[a] for a in c.article_ids} == {"02-coastline-wire.txt", "05-valley-courier.txt"}
    ]
    assert copied and all(c.independent == 1 and c.single_source for c in copied)


def test_relative_dates_resolve_against_publication(brief: Brief, expected: dict[str, Any]) -> None:
    by_file = {Path(a.path).name: a.id for a in brief.articles}
    claim_of = {fact_id: claim for claim in brief.claims for fact_id in claim.fact_ids}
    unresolved = []
    for relative in expected["relative_dates"]:
        article_id = by_file[expected["articles"][relative["source"]]["file"]]
        facts = [f for f in brief.facts if f.article_id == article_id and relative["phrase"].lower() in f.quote.lower()]
        if not any(str(relative["means"]) in claim_of[f.id].dates for f in facts):
            unresolved.append((relative["source"], relative["phrase"]))
    assert unresolved == []


def test_eval_command_prints_a_passing_table(
    example_build: tuple[int, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", str(example_build[1]), "--expected", str(EXAMPLES / "expected.yaml"), "--strict"]) == 0
    assert "planted conflicts" in capsys.readouterr().out


def test_brief_json_is_valid_against_the_committed_schema(example_build: tuple[int, Path]) -> None:
    import json

    import jsonschema

    from .conftest import ROOT

    schema = json.loads((ROOT / "schemas" / "brief.schema.json").read_text(encoding="utf-8"))
    document = json.loads((example_build[1] / "brief.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["reports"][0]["prompt_tokens"] > 0  # token usage is part of the evidence
