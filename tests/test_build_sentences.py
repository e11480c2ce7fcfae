"""End to end with the embedded model's default: the example corpus built with its sentences as the facts, the
model only judging same-fact pairs (replaying cassettes/example_sentences.yaml). The brief must pass the same
checks as the build whose facts the model states (test_build_examples), which this module reuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.facts.atomize import AS_WRITTEN
from briefing.model.config import ModelConfig
from briefing.models import Brief, FactKind, Statements

from .conftest import build_examples_in_cassette

# The checks that hold whoever states the facts; run here against this module's `example_build`.
from .test_build_examples import (  # noqa: F401
    brief,
    markdown,
    test_all_four_outputs_are_written,
    test_cross_check_finds_what_the_corpus_plants,
    test_eval_command_prints_a_passing_table,
    test_every_bullet_is_cited_and_every_citation_has_its_quote,
    test_every_citation_on_the_review_page_leads_to_its_quote,
    test_every_judge_call_was_answered,
    test_facts_are_accounted_for,
    test_no_boilerplate_or_unrelated_headline_reaches_the_brief,
    test_relative_dates_resolve_against_publication,
    test_the_pdf_is_one_a4_page_and_cites_like_the_markdown,
    test_wire_copies_count_once,
)

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def example_build(
    request: pytest.FixtureRequest, model_config: ModelConfig, tmp_path_factory: pytest.TempPathFactory
) -> tuple[int, Path]:
    out = tmp_path_factory.mktemp("example-sentences")
    code, bodies = build_examples_in_cassette(
        request, model_config, out, "example_sentences.yaml", "--statements", "sentences", "--no-written-lines"
    )  # as the embedded model builds by default: no written lines either
    assert bodies, "the judge was never asked"
    assert all("same_fact" in body.decode() for body in bodies)  # no extraction request
    return code, out


def test_every_fact_is_a_sentence_or_a_clause_as_written(example_build: tuple[int, Path], brief: Brief) -> None:  # noqa: F811
    assert example_build[0] == 0
    assert brief.model.statements == Statements.SENTENCES
    texts = {a.id: a.text for a in brief.articles}
    for fact in brief.facts:
        assert fact.added == AS_WRITTEN
        assert fact.quote == texts[fact.article_id][fact.start : fact.end]
        if not fact.split_from:  # a part of a sentence reads in its context (atomize.py)
            assert fact.fact.statement[1:] == fact.quote[1:]
    assert all(r.requests == 0 and r.extracted == 0 and r.added > 0 for r in brief.reports)


def test_the_page_says_who_stated_the_facts(example_build: tuple[int, Path]) -> None:
    note = "(it judged same-fact pairs; each fact is its article's sentence as written)"
    assert note in (example_build[1] / "brief.md").read_text(encoding="utf-8")
    assert note.replace("'", "&#39;") in (example_build[1] / "brief.html").read_text(encoding="utf-8")


def test_a_sentence_as_written_is_an_event_or_someones_statement_as_its_parse_reads(brief: Brief) -> None:  # noqa: F811
    kinds = {f.fact.kind for f in brief.facts}
    assert kinds <= {FactKind.EVENT, FactKind.STATEMENT} and len(kinds) == 2  # both, and no kind a model would give
    kind_of = {f.quote: f.fact.kind for f in brief.facts if not f.part}
    # the writer tells these; someone is said to say those (the example's own sentences)
    assert kind_of["Pickets gathered at the main gate on Quay Road from six in the morning."] == FactKind.EVENT
    assert kind_of["The port handled 2.1 million tonnes of cargo last year."] == FactKind.EVENT
    estimate = next(q for q in kind_of if q.startswith("Analysts at Fennick Securities estimate that"))
    assert kind_of[estimate] == FactKind.STATEMENT


def test_each_fact_says_who_its_subject_names_as_the_parse_reads_it(brief: Brief) -> None:  # noqa: F811
    doers = {f.quote: f.doers for f in brief.facts if not f.part}
    assert all(d is not None for d in doers.values())  # every fact was read
    estimate = next(q for q in doers if q.startswith("Analysts at Fennick Securities estimate that"))
    assert doers[estimate] == []  # "analysts": a kind of person, no one named
    assert any(d for d in doers.values())  # and some name who did it
