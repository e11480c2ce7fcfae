"""Page and Brief -> Markdown, the HTML review page, print HTML (for the PDF) and JSON via Jinja. Pure."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import jinja2

from ..models import Article, ArticleReport, BlockKind, Brief, JoinBasis, Page, Statements, article_key

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(text: str) -> str:
    """Article or model text made inert in Markdown: no markup, no raw HTML, one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class Segment:
    """A run of source text: plain, inside one or more cited quotes, or a removed boilerplate block."""

    text: str
    citations: tuple[int, ...] = ()
    first_of: tuple[int, ...] = ()  # citations whose quote starts here (the link targets)
    removed: str | None = None  # why the cleaner set this block apart
    kind: str = ""  # the kind of block set apart: boilerplate, metadata, aside, quarantined
    match: str = ""


def source_segments(article: Article, page: Page) -> list[Segment]:
    """The article's full text cut at every cited quote's start and end, boilerplate blocks kept apart."""
    return _segments(article, _quote_spans(page).get(article.id, []))


_Span = tuple[int, int, int, str]  # start, end, citation number, match status


def _quote_spans(page: Page) -> dict[str, list[_Span]]:
    """Each article's cited quotes, gathered in one pass over the citations."""
    spans: dict[str, list[_Span]] = {}
    for c in page.citations:
        spans.setdefault(c.article.id, []).append((c.fact.start, c.fact.end, c.number, c.fact.match.value))
    return spans


# Every block that is never numbered except headings, which read as part of the article.
_SET_APART = frozenset(BlockKind) - {BlockKind.BODY, BlockKind.HEADING}


class _Removed(NamedTuple):
    """A block set apart from the story (metadata, a box for readers ...) and why, as the review page marks it."""

    start: int
    end: int
    reason: str
    kind: str


def _segments(article: Article, spans: list[_Span]) -> list[Segment]:
    removed = [_Removed(b.start, b.end, b.reason or b.kind.value, b.kind.value) for b in article.blocks
               if b.kind in _SET_APART]  # fmt: skip
    cuts = sorted({0, len(article.text)} | {p for s in spans for p in s[:2]} | {p for r in removed for p in r[:2]})
    segments: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        if start == end:
            continue
        block = next((r for r in removed if r.start <= start and end <= r.end), None)
        covering = [s for s in spans if s[0] <= start and end <= s[1]]
        segments.append(Segment(
            text=article.text[start:end],
            citations=tuple(s[2] for s in covering),
            first_of=tuple(s[2] for s in covering if s[0] == start),
            removed=block.reason if block else None,
            kind=block.kind if block else "",
            match=covering[0][3] if covering else "",
        ))  # fmt: skip
    return _merge_removed(segments)


def _merge_removed(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        previous = merged[-1] if merged else None
        same = previous and previous.removed and (segment.removed, segment.kind) == (previous.removed, previous.kind)
        if previous and same and not segment.citations:
            merged[-1] = Segment(previous.text + segment.text, removed=previous.removed, kind=previous.kind)
        else:
            merged.append(segment)
    return merged


@cache
def _environment(kind: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("briefing.page", "templates"),
        # HTML escapes every value; Markdown has no autoescape, so every article or model string passes `md`.
        autoescape=kind == "html",
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    env.filters["basis_note"] = basis_note
    env.filters["statements_note"] = statements_note
    return env


def statements_note(statements: Statements) -> str:
    """What the page says beside the model's name when the model did not state the facts."""
    if statements == Statements.SENTENCES:
        return " (it judged same-fact pairs; each fact is its article's sentence as written)"
    return ""


def basis_note(basis: JoinBasis) -> str:
    """Why two quotes count as one claim (or were judged a conflict), as the review page prints it: the rule,
    its measures, the judge's verdict and every guard's result. A function, not a template macro: the page of
    a large corpus prints one for each of tens of thousands of joins."""
    parts = [basis.rule.value.replace("_", " ")]
    if basis.veto is not None:
        parts.append(f"vetoed by the {basis.veto.value.replace('_', ' ')} guard")
    if basis.refused_by is not None:
        parts.append(f"refused: the claim already holding {basis.refused_by} may not take it")
    if basis.similarity is not None:
        parts.append(f"similarity {basis.similarity:.2f}")
    if basis.score is not None:
        parts.append(f"score {basis.score}")
    if basis.verdict:
        answers = f" (it answered {' / '.join(basis.answers)})" if basis.answers else ""
        parts.append(f"the model judged: {basis.verdict.value}{answers}")
    return " · ".join(parts + list(basis.guards))


def render_markdown(page: Page, brief: Brief) -> str:
    """The one-page brief as Markdown, with every cited quote verbatim below it."""
    reports = {r.article_id: r for r in brief.reports}  # looked up per article: a filter would be quadratic
    facts = Counter(f.article_id for f in brief.facts)
    gave = {a.id: article_yield(reports[a.id], brief.model.statements, facts[a.id]) for a in brief.articles
            if a.id in reports}  # fmt: skip
    return _environment("md").get_template("brief.md.j2").render(page=page, brief=brief, reports=reports, gave=gave)


def article_yield(report: ArticleReport, statements: Statements, facts: int) -> str:
    """What one article gave the brief, in words for the Sources list: its sentences as facts (and the facts they
    split into), or the model's facts extracted, grounded and rejected; facts about another story apart."""
    if statements == Statements.SENTENCES:
        said = f"{report.added} sentences as facts"
        if facts != report.added:
            said += f", {facts} once split into single facts"
    else:
        said = f"{report.extracted} facts extracted, {report.grounded} grounded, {report.rejected} rejected"
        if report.added:
            said += f", {report.added} skipped sentences added as written"
    return said + (f", {report.off_topic} about another story" if report.off_topic else "")


def render_review_html(page: Page, brief: Brief) -> str:
    """The review page: the brief beside the full sources; each citation leads to its highlighted quote."""
    spans = _quote_spans(page)
    sources = [(article, _segments(article, spans.get(article.id, []))) for article in brief.articles]
    facts = {fact.id: fact for fact in brief.facts}
    # What the page prints for each join (tens of thousands on a large corpus), read here in one pass: the template
    # looking up each fact and attribute itself took half the page's time.
    joins = {
        claim.id: [(facts[b.facts[0]].quote, b.facts[0], facts[b.facts[1]].quote, b.facts[1], basis_note(b))
                   for b in claim.joins]
        for claim in brief.claims
    }  # fmt: skip
    # What the editing buttons need: each claim's first fact (its ID and quote), each article's name as edits
    # address it, and the edits this build applied (the page's edits.yaml starts from them).
    heads = {claim.id: (claim.fact_ids[0], facts[claim.fact_ids[0]].quote) for claim in brief.claims}
    editing = {
        "articles": {a.id: article_key(a.path) for a in brief.articles},
        "applied": [done.edit.model_dump(exclude_none=True) for done in brief.edits],
        "brief": page.title,
    }
    return _environment("html").get_template("review.html.j2").render(
        page=page, brief=brief, sources=sources, facts=facts, joins=joins, heads=heads, editing=editing
    )


def render_print_html(page: Page, font_pt: float) -> str:
    """The page as print HTML for WeasyPrint, at a given body font size."""
    return _environment("html").get_template("print.html.j2").render(page=page, font_pt=font_pt)


def render_json(brief: Brief) -> str:
    """The whole evidence graph as JSON (valid against schemas/brief.schema.json)."""
    return brief.model_dump_json(indent=2) + "\n"


def render_pdf(print_html: str) -> tuple[bytes, int]:
    """Print HTML -> PDF bytes and the number of pages (WeasyPrint, imported only when a PDF is made)."""
    import weasyprint

    document = weasyprint.HTML(string=print_html).render()
    return document.write_pdf() or b"", len(document.pages)
