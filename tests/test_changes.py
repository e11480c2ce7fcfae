"""The change list between two hand-made briefs of one invented story: what is new, better sourced, revised,
disputed, settled and no longer stated, with both sides' quotes; and how every output shows it."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import PreviousBriefError
from briefing.evaluation.expected import evaluate_changes
from briefing.inputs.sources import parse_article
from briefing.model.config import ModelConfig
from briefing.models import ArticleReport, Brief, ChangeKind, JoinBasis, JoinRule, Verdict
from briefing.outputs import write_outputs
from briefing.page.layout import compose
from briefing.page.render import render_json, render_markdown
from briefing.pipeline import assemble
from briefing.story.changes import compare
from briefing.story.following import read_brief
from briefing.story.pool import PREVIOUS

from .conftest import sentence_facts

CONFIG = ModelConfig(model="m", base_url=None, api_key="k")

# A story of our own: a ferry strike at Kelby harbour, told by four outlets over two days.
GAZETTE = """---
outlet: Kelby Gazette
published: 2025-03-04
---
About 600 ferry crew walked off the job at Kelby harbour on Monday.
The crew union is demanding a pay rise of 7 per cent.
Harbour board chief executive Ruth Amsel said the strike was unlawful.
"""
WIRE = """---
outlet: Northsea Wire
published: 2025-03-04
---
By Tuesday morning 12 ferries were moored idle in the harbour, the harbour master said.
The crew union wants a 7 per cent pay rise.
Harbour board chairman Ruth Amsel said talks would resume on Friday.
"""
WIRE_CORRECTED = WIRE.replace("Harbour board chairman Ruth Amsel", "Harbour board chief executive Ruth Amsel")
TRADE = """---
outlet: Ferry Trade Weekly
published: 2025-03-05
---
The strike is costing island shops about £200,000 a day, the traders' guild said.
Two haulage firms began sending lorries round the strike by the northern bridge.
"""
LATER = """---
outlet: Kelby Evening Post
published: 2025-03-07
---
A total of 19 ferries were moored idle in the harbour, the harbour master said.
The crew union is demanding a pay rise of 7 per cent.
A second union at Dunmore voted to join the strike.
"""
DUNMORE_A = """---
outlet: Dunmore Courier
published: 2025-03-07
---
About 80 deckhands at Dunmore have voted to join the ferry strike.
"""
DUNMORE_B = """---
outlet: Dunmore Radio
published: 2025-03-07
---
Some 140 deckhands at Dunmore have voted to join the ferry strike.
"""
REWORDED = """---
outlet: Island News
published: 2025-03-07
---
Hauliers now route their trucks over the northern bridge to avoid the strike.
"""


def brief_of(*articles: tuple[str, str]) -> Brief:
    """A brief as a faithful model would give it: every sentence a fact, quoted exactly; no same-fact matcher."""
    read = [parse_article(text, name) for name, text in articles]
    facts = [fact for article in read for fact in sentence_facts(article)]
    reports = [ArticleReport(article_id=a.id) for a in read]
    return assemble(read, facts, [], reports, CONFIG)


def kinds(brief: Brief) -> dict[ChangeKind, list[str]]:
    assert brief.changes is not None
    found: dict[ChangeKind, list[str]] = {}
    for change in brief.changes.changes:
        found.setdefault(change.kind, []).append(change.text)
    return found


def since(previous: Brief, brief: Brief, links: list[JoinBasis] | None = None) -> Brief:
    return brief.model_copy(update={"changes": compare(previous, brief, links or [])})


@pytest.fixture(scope="module")
def day_one() -> Brief:
    return brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE), ("trade.md", TRADE))


def test_the_same_articles_again_change_nothing(day_one: Brief) -> None:
    again = brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE), ("trade.md", TRADE))
    changes = compare(day_one, again)
    assert changes.changes == [] and changes.articles_added == [] and changes.articles_removed == []
    assert changes.recognised == []  # every claim carried over by its facts: nothing matched in other words


def test_a_new_article_brings_new_claims_more_sources_and_a_revised_figure(day_one: Brief) -> None:
    day_two = since(day_one, brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE), ("trade.md", TRADE),
                                      ("later.md", LATER)))  # fmt: skip
    found = kinds(day_two)
    assert found[ChangeKind.NEW] == ["A second union at Dunmore voted to join the strike."]
    # the claim now has a second source and speaks through its plainest member: the later article's shorter line
    assert found[ChangeKind.MORE_SOURCES] == ["The crew union wants a 7 per cent pay rise."]
    assert day_two.changes is not None
    (revised,) = day_two.changes.of(ChangeKind.REVISED)
    assert (revised.before, revised.after) == ("12", "19")
    assert [q.quote for q in revised.quotes] == ["A total of 19 ferries were moored idle in the harbour, "
                                                 "the harbour master said."]  # fmt: skip
    (earlier,) = revised.previous_quotes
    assert earlier.quote.startswith("By Tuesday morning 12 ferries") and earlier.value == "12"
    assert earlier.same_as is not None  # the wire was read again: its quote is cited in this brief too
    # The brief itself shows 12 vs 19 as disputed: that is the revision, not a new dispute besides it.
    assert ChangeKind.NEW_CONFLICT not in found and {c.kind.value for c in day_two.conflicts} == {"role", "number"}
    (more,) = day_two.changes.of(ChangeKind.MORE_SOURCES)
    assert (more.independent_before, more.independent_now) == (2, 3)
    assert {q.article_id for q in more.quotes} == {a.id for a in day_two.articles if a.path == "later.md"}
    assert set(found) == {ChangeKind.NEW, ChangeKind.MORE_SOURCES, ChangeKind.REVISED}


def test_an_article_no_longer_read_drops_the_claims_only_it_stated(day_one: Brief) -> None:
    day_two = since(day_one, brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE)))
    found = kinds(day_two)
    assert found == {ChangeKind.DROPPED: [
        "The strike is costing island shops about £200,000 a day, the traders' guild said.",
        "Two haulage firms began sending lorries round the strike by the northern bridge.",
    ]}  # fmt: skip
    assert day_two.changes is not None
    dropped = day_two.changes.of(ChangeKind.DROPPED)[0]
    assert dropped.previous_quotes[0].same_as is None  # its article is gone: the quote stands in the old brief only
    assert day_two.changes.articles_removed == [a.id for a in day_one.articles if a.path == "trade.md"]


def test_a_corrected_post_is_a_revision_and_settles_the_dispute(day_one: Brief) -> None:
    assert [c.kind.value for c in day_one.conflicts] == ["role"]  # chief executive vs chairman
    day_two = since(day_one, brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE_CORRECTED), ("trade.md", TRADE)))
    assert day_two.changes is not None
    (revised,) = day_two.changes.of(ChangeKind.REVISED)
    assert (revised.before, revised.after) == ("chair", "chief executive")
    assert revised.text == "Harbour board chief executive Ruth Amsel said talks would resume on Friday."
    assert revised.previous_quotes[0].quote == "Harbour board chairman Ruth Amsel said talks would resume on Friday."
    (settled,) = day_two.changes.of(ChangeKind.RESOLVED_CONFLICT)
    assert settled.values == ["chair", "chief executive"] and settled.note == "no source states “chair” any more"
    # The corrected page's other sentences are the same facts, recognised in the new version of the article.
    assert set(kinds(day_two)) == {ChangeKind.REVISED, ChangeKind.RESOLVED_CONFLICT}
    old_wire = next(a.id for a in day_one.articles if a.path == "wire.md")
    new_wire = next(a.id for a in day_two.articles if a.path == "wire.md")
    assert day_two.changes.updated == {old_wire: new_wire}
    assert {r.basis.rule for r in day_two.changes.recognised} == {JoinRule.SAME_STATEMENT}


def test_a_reworded_claim_is_recognised_through_the_matchers_link(day_one: Brief) -> None:
    today = brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE), ("news.md", REWORDED))
    found = kinds(since(day_one, today))
    haulage = "Two haulage firms began sending lorries round the strike by the northern bridge."
    lorries = "Hauliers now route their trucks over the northern bridge to avoid the strike."
    assert haulage in found[ChangeKind.DROPPED] and found[ChangeKind.NEW] == [lorries]
    old = next(f.id for f in day_one.facts if f.quote == haulage)
    new = next(f.id for f in today.facts if f.quote == lorries)
    link = JoinBasis(facts=[PREVIOUS + old, new], rule=JoinRule.JUDGED, similarity=0.7, verdict=Verdict.SAME,
                     answers=["yes", "yes"])  # fmt: skip
    linked = since(day_one, today, [link])
    assert haulage not in kinds(linked).get(ChangeKind.DROPPED, []) and ChangeKind.NEW not in kinds(linked)
    assert linked.changes is not None
    (recognised,) = linked.changes.recognised
    assert (recognised.previous_quote, recognised.quote, recognised.basis) == (haulage, lorries, link)


def test_sources_that_disagree_for_the_first_time_are_a_new_dispute(day_one: Brief) -> None:
    today = brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE), ("trade.md", TRADE), ("a.md", DUNMORE_A),
                     ("b.md", DUNMORE_B))  # fmt: skip
    day_two = since(day_one, today)
    assert day_two.changes is not None
    (dispute,) = day_two.changes.of(ChangeKind.NEW_CONFLICT)
    assert dispute.values == ["About 80", "Some 140"] and dispute.conflict_id is not None
    assert {q.value for q in dispute.quotes} == {"About 80", "Some 140"}
    assert len(day_two.changes.of(ChangeKind.NEW)) == 2  # each outlet's figure is a claim of its own


def test_the_change_list_does_not_depend_on_the_order_of_articles(day_one: Brief) -> None:
    articles = [("gazette.md", GAZETTE), ("wire.md", WIRE_CORRECTED), ("later.md", LATER), ("a.md", DUNMORE_A)]
    forward = compare(day_one, brief_of(*articles))
    backward = compare(day_one, brief_of(*reversed(articles)))
    assert forward.model_dump() == backward.model_dump()


def test_every_output_shows_the_change_section_first(day_one: Brief, tmp_path: Path) -> None:
    from pypdf import PdfReader

    day_two = since(day_one, brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE_CORRECTED), ("later.md", LATER)))
    page = compose(day_two)
    assert page.sections[0].title == "Since the last brief" and page.sections[1].key == "bottom_line"
    labels = {item.change for item in page.sections[0].items}
    assert {"revised: 12 → 19", "new", "no longer stated", "no longer disputed"} <= labels
    write_outputs(day_two, tmp_path)
    markdown = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "## Since the last brief" in markdown and "*revised: 12 → 19*" in markdown
    earlier = "By Tuesday morning 12 ferries were moored idle in the harbour, the harbour master said."
    assert f"before: “{earlier}”" in markdown
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert 'data-change="revised"' in html and 'data-change="new"' in html and 'data-change="dropped"' in html
    reader = PdfReader(tmp_path / "brief.pdf")
    assert len(reader.pages) == 1 and "Since the last brief" in reader.pages[0].extract_text()
    assert Brief.model_validate_json(render_json(day_two)).changes == day_two.changes


def test_a_page_cut_short_still_shows_every_kind_of_change(day_one: Brief) -> None:
    day_two = since(day_one, brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE_CORRECTED), ("later.md", LATER)))
    assert day_two.changes is not None
    kinds_listed = list(dict.fromkeys(c.kind for c in day_two.changes.changes))
    page = compose(day_two, keep=len(kinds_listed))  # room for one line of each kind, no more
    shown = [item.change for item in page.sections[0].items]
    assert len(shown) == len(kinds_listed) and "no longer stated" in shown


def test_an_earlier_quote_still_cited_has_its_number_and_quote_line(day_one: Brief) -> None:
    day_two = since(day_one, brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE), ("later.md", LATER)))
    page = compose(day_two)
    (revised,) = [i for i in page.sections[0].items if i.change.startswith("revised")]
    ((quote, where, number),) = revised.earlier
    assert number is not None and where.startswith("12 — Northsea Wire")
    assert page.citations[number - 1].fact.quote == quote
    markdown = render_markdown(page, day_two)
    assert f"[{number}] “{quote}”" in markdown  # the quotes list holds it like any cited quote


def test_eval_matches_expected_changes_one_to_one(day_one: Brief) -> None:
    day_two = since(day_one, brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE_CORRECTED), ("later.md", LATER)))
    expected = {
        "articles": {"gazette": "gazette.md", "wire": "wire.md", "trade": "trade.md", "later": "later.md"},
        "added": ["wire", "later"],
        "removed": ["wire", "trade"],
        "changes": {
            "revised": [{"id": "ferries", "before": 12, "after": 19, "sources": ["later", "wire"]},
                        {"id": "amsel", "before": "chairman", "after": "chief executive"}],
            "resolved_conflict": [{"id": "amsel-post", "values": ["chief executive", "chairman"]}],
            "new": [{"id": "dunmore", "words": ["Dunmore"], "sources": ["later"]}],
            "more_sources": [{"id": "demand", "words": ["7 per cent"], "independent": [2, 3]}],
            "dropped": [{"id": "cost", "words": ["£200,000"]}, {"id": "haulage", "words": ["haulage"]}],
        },
    }  # fmt: skip
    assert [(c.name, c.detail) for c in evaluate_changes(day_two, expected) if not c.passed] == []
    expected["changes"]["dropped"] = [{"id": "cost", "words": ["£200,000"]}]  # type: ignore[index]
    failed = [c for c in evaluate_changes(day_two, expected) if not c.passed]
    haulage = "Two haulage firms began sending lorries round the strike by the northern bridge."
    assert [(c.name, c.detail) for c in failed] == [("dropped changes", f"unexpected: {haulage}")]
    expected["changes"]["new"].append({"id": "extra", "words": ["Dunmore"]})  # type: ignore[index]
    assert any(c.name == "new changes" and c.detail == "missing: extra" for c in evaluate_changes(day_two, expected))


def test_eval_refuses_a_brief_built_without_since(day_one: Brief) -> None:
    with pytest.raises(ValueError, match="--since"):
        evaluate_changes(day_one, {"changes": {}})


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "not a brief.json this version of brief can read (the file: Invalid JSON"),
        ('{"version": "0.1.0"}', "not a brief.json this version of brief can read (model: Field required)"),
        ("\udcff", "cannot read"),
    ],
    ids=["missing", "not-json", "not-a-brief", "not-utf8"],
)
def test_a_bad_previous_brief_is_one_clear_error(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "brief.json"
    if content == "\udcff":
        path.write_bytes(b"\xff\xfe\x00")
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(PreviousBriefError) as error:
        read_brief(path)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_read_brief_takes_the_folder_of_a_build(day_one: Brief, tmp_path: Path) -> None:
    (tmp_path / "brief.json").write_text(render_json(day_one), encoding="utf-8")
    assert read_brief(tmp_path) == day_one


def test_eval_command_exits_1_on_any_difference_in_the_change_list(day_one: Brief, tmp_path: Path) -> None:
    import yaml

    from briefing.cli import main

    day_two = since(day_one, brief_of(("gazette.md", GAZETTE), ("wire.md", WIRE), ("later.md", LATER)))
    (tmp_path / "brief.json").write_text(render_json(day_two), encoding="utf-8")
    expected = {
        "articles": {"trade": "trade.md", "later": "later.md"},
        "added": ["later"],
        "removed": ["trade"],
        "changes": {
            "revised": [{"before": 12, "after": 19}],
            "new": [{"words": ["Dunmore"]}],
            "more_sources": [{"words": ["7 per cent"]}],
            "dropped": [{"words": ["£200,000"]}, {"words": ["haulage"]}],
        },
    }
    path = tmp_path / "expected-changes.yaml"
    path.write_text(yaml.safe_dump(expected), encoding="utf-8")
    assert main(["eval", str(tmp_path), "--changes", str(path)]) == 0
    expected["changes"]["new"] = []  # type: ignore[index]
    path.write_text(yaml.safe_dump(expected), encoding="utf-8")
    assert main(["eval", str(tmp_path), "--changes", str(path)]) == 1
    (tmp_path / "brief.json").write_text(render_json(day_one), encoding="utf-8")
    assert main(["eval", str(tmp_path), "--changes", str(path)]) == 2  # built without --since: bad input
