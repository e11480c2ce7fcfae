"""Rendering a fixed Brief: citations in reading order, quotes at their offsets, article text made inert."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing.models import (
    Article,
    ArticleReport,
    Brief,
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    FactLine,
    GroundedFact,
    JoinBasis,
    JoinRule,
    MatchStatus,
    ModelInfo,
    RawFact,
    Rejection,
    RejectionReason,
    Sentence,
    Statements,
)
from briefing.page.assess import backing
from briefing.page.layout import compose
from briefing.page.render import md_escape, render_markdown, render_review_html, source_segments

TEXT_A = "Talks failed on <b>Friday</b>. The union asked for 9 per cent."
TEXT_B = "Talks failed on Friday. Prices rose."


def _article(article_id: str, text: str, title: str) -> Article:
    first = text.index(".") + 1
    sentences = [
        Sentence(id="S1", start=0, end=first, paragraph=1),
        Sentence(id="S2", start=first + 1, end=len(text), paragraph=1),
    ]
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        title=title,
        outlet="Outlet",
        published=date(2025, 11, 4),
        text=text,
        blocks=[],
        sentences=sentences,
        content_hash=article_id,
    )


def _fact(fact_id: str, article: Article, sentence: int, statement: str) -> GroundedFact:
    s = article.sentences[sentence]
    raw = RawFact(statement=statement, kind="event", actors=["Union"], evidence=[s.id], quote="q")
    return GroundedFact(
        id=fact_id,
        article_id=article.id,
        fact=raw,
        start=s.start,
        end=s.end,
        quote=article.text[s.start : s.end],
        sentence_ids=[s.id],
        match=MatchStatus.EXACT,
        support=1.0,
    )


@pytest.fixture
def brief() -> Brief:
    a, b = _article("a", TEXT_A, "Title <script>alert(1)</script>"), _article("b", TEXT_B, "Second")
    facts = [
        _fact("a#F1", a, 0, "Talks failed on Friday."),
        _fact("b#F1", b, 0, "Talks failed on Friday."),
        _fact("a#F2", a, 1, "The union asked for 9 per cent."),
    ]
    claims = [
        Claim(
            id="C1",
            statement="Talks failed on Friday.",
            kind="event",
            fact_ids=["a#F1", "b#F1"],
            article_ids=["a", "b"],
            independent=2,
            dates=["2025-10-31"],
        ),
        Claim(
            id="C2",
            statement="The union asked for 9 per cent.",
            kind="event",
            fact_ids=["a#F2"],
            article_ids=["a"],
            independent=1,
            unsupported=["union"],
        ),
    ]
    rejection = Rejection(
        article_id="b",
        fact=RawFact(statement="Prices fell.", kind="event", evidence=["S2"], quote="x"),
        reason=RejectionReason.UNSUPPORTED,
        detail="fell not in the evidence",
    )
    reports = [
        ArticleReport(article_id="a", extracted=2, grounded=2),
        ArticleReport(article_id="b", extracted=2, grounded=1, rejected=1),
    ]
    return Brief(
        version="t",
        model=ModelInfo(name="m", endpoint="http://x/v1", embedded=False),
        articles=[a, b],
        facts=facts,
        rejections=[rejection],
        claims=claims,
        reports=reports,
    )


def md(brief: Brief, title: str | None = None) -> str:
    return render_markdown(compose(brief, title), brief)


def html(brief: Brief) -> str:
    return render_review_html(compose(brief), brief)


def test_bullets_cite_one_quote_per_source_in_reading_order(brief: Brief) -> None:
    text = md(brief, "Talks")
    assert "## Bottom line\n\n- Talks failed on Friday. [1][2] — 2 sources · dated 2025-10-31\n" in text
    assert "## Timeline\n\n- 2025-10-31 — Talks failed on Friday. [1][2] — 2 sources\n" in text
    unconfirmed = text.split("## Not confirmed", 1)[1]
    assert "- The union asked for 9 per cent. [3] — 1 source · unsupported: union" in unconfirmed
    assert "[3] “The union asked for 9 per cent.” — *Title" in text


def test_article_text_is_inert_markdown_and_html(brief: Brief) -> None:
    text = md(brief)
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;b&gt;Friday&lt;/b&gt;" in text
    page = html(brief)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Friday</b>" not in page


def test_the_review_page_lists_rejections_with_their_reason(brief: Brief) -> None:
    page = html(brief)
    assert "<td>Prices fell.</td>" in page and "unsupported: fell not in the evidence" in page


def test_the_review_page_prints_each_join_with_both_quotes_and_its_basis(brief: Brief) -> None:
    basis = JoinBasis(facts=["a#F1", "b#F1"], rule=JoinRule.SAME_QUOTE, score=100, guards=["figures compatible"])
    claims = [brief.claims[0].model_copy(update={"joins": [basis]}), brief.claims[1]]
    page = html(brief.model_copy(update={"claims": claims}))
    assert (
        '<summary>Talks failed on Friday. <span class="note">2 articles, 1 joins</span></summary>\n'
        '<ul><li class="join-pair" data-left="a#F1" data-right="b#F1">'
        "<q>Talks failed on &lt;b&gt;Friday&lt;/b&gt;.</q> (a#F1) + <q>Talks failed on Friday.</q> (b#F1) "
        '<span class="note">same quote · score 100.0 · figures compatible</span></li></ul>'
    ) in page


def test_every_quote_is_marked_at_its_offsets(brief: Brief) -> None:
    page = compose(brief)
    for citation in page.citations:
        segments = source_segments(citation.article, page)
        text = "".join(s.text for s in segments if citation.number in s.citations)
        assert text == citation.fact.quote
        assert "".join(s.text for s in segments) == citation.article.text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("a*b*", "a\\*b\\*"), ("[x](y)", "\\[x\\](y)"), ("<img onerror=x>", "&lt;img onerror=x&gt;"), ("a\n\nb", "a b")],
    ids=["emphasis", "link", "html", "newlines"],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


@pytest.mark.parametrize(
    ("sources", "independent", "label"),
    [(1, 1, "1 source"), (3, 3, "3 sources"), (3, 2, "3 sources, 2 independent"),
     (2, 1, "2 sources, 1 independent: copies of one story")],
    ids=["single", "all-independent", "some-copies", "one-story"],
)  # fmt: skip
def test_backing_says_how_many_sources_are_independent(sources: int, independent: int, label: str) -> None:
    claim = Claim(id="C", statement="s", kind="event", fact_ids=[], article_ids=[str(i) for i in range(sources)],
                  independent=independent)  # fmt: skip
    assert backing(claim) == label


def test_disputes_show_each_side_with_its_quotes(brief: Brief) -> None:
    conflict = Conflict(
        id="X1", kind=ConflictKind.NUMBER, subject="workers", attribute="count of workers",
        sides=[ConflictSide(value="About 1,400", fact_ids=["a#F1"], article_ids=["a"], quotes=["q1"]),
               ConflictSide(value="Some 1,200", fact_ids=["b#F1"], article_ids=["b"], quotes=["q2"])],
    )  # fmt: skip
    text = md(brief.model_copy(update={"conflicts": [conflict]}))
    assert "- workers (count of workers): “About 1,400” [1] vs “Some 1,200” [2]" in text


GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", ["brief.md", "brief.html"])
def test_renders_match_the_golden_files(brief: Brief, name: str, request: pytest.FixtureRequest) -> None:
    """Any change to a render shows here; `pytest --update-goldens` rewrites the files after a review."""
    rendered = md(brief, "Talks") if name == "brief.md" else html(brief)
    golden = GOLDEN / name
    if request.config.getoption("--update-goldens"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.read_text(encoding="utf-8") == rendered


def test_the_sources_list_says_what_each_article_gave() -> None:
    from briefing.page.render import article_yield

    sentences = ArticleReport(article_id="a", added=3)
    assert article_yield(sentences, Statements.SENTENCES, 4) == "3 sentences as facts, 4 once split into single facts"
    assert article_yield(sentences, Statements.SENTENCES, 3) == "3 sentences as facts"
    model = ArticleReport(article_id="b", extracted=5, grounded=4, rejected=1, added=1, off_topic=1)
    assert article_yield(model, Statements.MODEL, 5) == (
        "5 facts extracted, 4 grounded, 1 rejected, 1 skipped sentences added as written, 1 about another story"
    )


def test_facts_about_another_story_are_not_counted_as_refused_by_grounding(brief: Brief) -> None:
    assert "1 facts rejected by grounding" in compose(brief).summary
    moved = [r.model_copy(update={"reason": RejectionReason.OFF_TOPIC}) for r in brief.rejections]
    summary = compose(brief.model_copy(update={"rejections": moved})).summary
    assert "0 facts rejected by grounding, 1 about another story" in summary


def test_a_line_cut_from_its_quote_is_shown_closed_and_the_cut_only_on_the_review_page(brief: Brief) -> None:
    # as with the embedded model, where a claim's statement is its first fact's quote
    head = brief.facts[1]
    cut_at = head.quote.index(" on ")
    lined = head.model_copy(update={"line": FactLine(start=head.start, end=head.start + cut_at,
                                                     cuts=["a trailing comment (\u201con Friday\u201d)"])})
    claim = brief.claims[0].model_copy(update={"statement": head.quote, "fact_ids": [head.id, brief.facts[0].id]})
    brief = brief.model_copy(update={"facts": [brief.facts[0], lined, brief.facts[2]],
                                     "claims": [claim, *brief.claims[1:]]})  # fmt: skip
    page = compose(brief)
    item = next(i for s in page.sections for i in s.items if i.key == "C1")
    assert item.text == "Talks failed." and item.cut == "a trailing comment (\u201con Friday\u201d)"
    assert "trailing comment" not in render_markdown(page, brief)
    assert "line cut from its quote: a trailing comment" in render_review_html(page, brief)


def test_a_statement_wrapping_its_verified_quote_shows_the_quote_with_who_says_it_beside(brief: Brief) -> None:
    # a model that copied its sentence whole, where grounding narrowed the quote to the clause that states it
    head = brief.facts[2]
    narrowed = head.model_copy(update={"end": head.end - 1, "quote": head.quote[:-1]})
    claim = brief.claims[1].model_copy(update={"statement": "The union asked for 9 per cent, two officials said.",
                                               "unsupported": []})  # fmt: skip
    brief = brief.model_copy(update={"facts": [*brief.facts[:2], narrowed], "claims": [brief.claims[0], claim]})
    item = next(i for s in compose(brief).sections for i in s.items if i.key == "C2")
    assert item.text == "The union asked for 9 per cent."
    assert "attributed in the quote: two officials said" in item.note
    assert item.cut == "the statement's words outside its quote (\u201ctwo officials said\u201d)"


def test_a_parts_reading_is_not_cut_down_to_its_own_words(brief: Brief) -> None:
    head = brief.facts[2]
    narrowed = head.model_copy(update={"end": head.end - 1, "quote": head.quote[:-1], "part": "example"})
    claim = brief.claims[1].model_copy(update={"statement": "The union asked for 9 per cent, two officials said.",
                                               "unsupported": []})  # fmt: skip
    brief = brief.model_copy(update={"facts": [*brief.facts[:2], narrowed], "claims": [brief.claims[0], claim]})
    item = next(i for s in compose(brief).sections for i in s.items if i.key == "C2")
    assert item.text == "The union asked for 9 per cent, two officials said." and not item.cut


def test_a_claim_whose_first_fact_is_a_fragment_speaks_through_a_member_that_states_a_clause(brief: Brief) -> None:
    first, second = brief.facts[0], brief.facts[1]
    dated = first.model_copy(update={"part": "dated", "split_from": "a#F0",
                                     "fact": first.fact.model_copy(update={"statement": "Talks, on Friday"})})
    whole = second.model_copy(update={"added": "as written"})
    claim = brief.claims[0].model_copy(update={"statement": "Talks, on Friday"})
    brief = brief.model_copy(update={"facts": [dated, whole, brief.facts[2]], "claims": [claim, *brief.claims[1:]]})
    item = next(i for s in compose(brief).sections for i in s.items if i.key == "C1")
    assert item.text == "Talks failed on Friday." and len(item.citations) == 2
    # no member states a plain clause (the other leans on a sentence before it): the first fact speaks, its
    # fragment of a statement shown as its quote
    leaning = second.model_copy(update={"fact": second.fact.model_copy(update={"statement": "It failed on Friday."})})
    alone = brief.model_copy(update={"facts": [dated, leaning, brief.facts[2]]})
    item = next(i for s in compose(alone).sections for i in s.items if i.key == "C1")
    assert item.text == dated.quote


def test_a_parts_reading_loses_the_lead_in_its_line_cut_from_the_parts_quote(brief: Brief) -> None:
    # the fixture's sentence "The union asked for 9 per cent." read as a part whose reading goes on past its quote
    head = brief.facts[2]
    cut_at = head.quote.index("union")
    part = head.model_copy(update={
        "part": "main", "split_from": "a#F9",
        "line": FactLine(start=head.start + cut_at, end=head.end, cuts=["a lead-in (\\u201cThe\\u201d)"]),
        "fact": head.fact.model_copy(update={"statement": "The union asked for 9 per cent, up from 6."}),
    })  # fmt: skip
    claim = brief.claims[1].model_copy(update={"statement": "The union asked for 9 per cent, up from 6.",
                                               "unsupported": []})  # fmt: skip
    brief = brief.model_copy(update={"facts": [*brief.facts[:2], part], "claims": [brief.claims[0], claim]})
    item = next(i for s in compose(brief).sections for i in s.items if i.key == "C2")
    assert item.text == "Union asked for 9 per cent, up from 6." and item.cut == "a lead-in (\\u201cThe\\u201d)"


def _claim_of(sentences: list[str], commentary: dict[int, str] | None = None) -> tuple[Brief, Claim]:
    """One claim stated by one sentence of each of len(sentences) articles (facts as written, first fact first)."""
    articles = [_article(f"x{n}", f"{text} Rain fell.", f"T{n}") for n, text in enumerate(sentences)]
    facts = [_fact(f"x{n}#F1", a, 0, text).model_copy(update={"commentary": (commentary or {}).get(n)})
             for n, (a, text) in enumerate(zip(articles, sentences, strict=True))]  # fmt: skip
    claim = Claim(id="C1", statement=sentences[0], kind="event", fact_ids=[f.id for f in facts],
                  article_ids=[a.id for a in articles], independent=len(articles))  # fmt: skip
    reports = [ArticleReport(article_id=a.id) for a in articles]
    brief = Brief(version="t", model=ModelInfo(name="m", endpoint="http://x/v1", embedded=False), articles=articles,
                  facts=facts, rejections=[], claims=[claim], reports=reports)  # fmt: skip
    return brief, claim


def _line(brief: Brief) -> str:
    return next(i for s in compose(brief).sections for i in s.items if i.key == "C1").text


def test_a_claim_speaks_through_its_plainest_member_the_shortest_whole_clause() -> None:
    brief, _ = _claim_of([
        "In a move that surprised many in the valley, the regional water board has reportedly voted to close the "
        "old Ketterby reservoir.",
        "The water board voted to close Ketterby reservoir.",
        "It voted to shut the reservoir.",  # shorter, but leans on a sentence before it
    ])  # fmt: skip
    assert _line(brief) == "The water board voted to close Ketterby reservoir."


def test_a_member_with_the_figures_its_members_share_speaks_before_a_shorter_one_without() -> None:
    brief, _ = _claim_of([
        "The vote happened recently.",
        "The board confirmed the vote took place on 14 March.",
        "Officials said the board voted on March 14 after a long debate.",
    ])  # fmt: skip
    assert _line(brief) == "The board confirmed the vote took place on 14 March."


def test_a_reported_member_speaks_before_the_writers_comment() -> None:
    brief, _ = _claim_of(["The vote shows the board is losing patience.", "The board voted to close the reservoir."],
                         commentary={0: "reading"})  # fmt: skip
    assert _line(brief) == "The board voted to close the reservoir."
