"""Markdown rendering: citations in reading order, article text made inert."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.models import (
    Article,
    ArticleReport,
    Brief,
    Claim,
    GroundedFact,
    MatchStatus,
    ModelInfo,
    RawFact,
    Rejection,
    RejectionReason,
    Sentence,
)
from briefing.render import md_escape, render_markdown

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
        ),
        Claim(id="C2", statement="The union asked for 9 per cent.", kind="event", fact_ids=["a#F2"], article_ids=["a"]),
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


def test_bullets_cite_one_quote_per_source_in_reading_order(brief: Brief) -> None:
    text = render_markdown(brief, "Talks")
    assert "- Talks failed on Friday. [1][2] — 2 sources" in text
    assert "- The union asked for 9 per cent. [3] — single source" in text
    assert "[3] “The union asked for 9 per cent.” — *Title" in text


def test_article_text_is_inert_markdown(brief: Brief) -> None:
    text = render_markdown(brief)
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;b&gt;Friday&lt;/b&gt;" in text


def test_rejections_are_shown_with_their_reason(brief: Brief) -> None:
    assert "- Prices fell. — *Second*: unsupported, fell not in the evidence" in render_markdown(brief)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [("a*b*", "a\\*b\\*"), ("[x](y)", "\\[x\\](y)"), ("<img onerror=x>", "&lt;img onerror=x&gt;"), ("a\n\nb", "a b")],
    ids=["emphasis", "link", "html", "newlines"],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped
