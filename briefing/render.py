"""Brief -> Markdown and JSON through Jinja templates. Pure: data in, text out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import jinja2

from .models import Article, Brief, Claim, GroundedFact

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def md_escape(text: str) -> str:
    """Article or model text made inert in Markdown: no markup, no raw HTML, one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class Citation:
    """One numbered quote in the brief."""

    number: int
    fact: GroundedFact
    article: Article


@dataclass(frozen=True)
class Bullet:
    """One line of the brief: a claim and the citation numbers behind it."""

    claim: Claim
    citations: list[int]


@dataclass(frozen=True)
class BriefView:
    """What the templates show, computed once from a Brief."""

    title: str
    corroborated: list[Bullet]
    single_source: list[Bullet]
    citations: list[Citation]
    brief: Brief

    def article(self, article_id: str) -> Article:
        return next(a for a in self.brief.articles if a.id == article_id)


def build_view(brief: Brief, title: str | None = None) -> BriefView:
    """Number citations in reading order: claims backed by more sources first, then by first appearance."""
    articles = {a.id: a for a in brief.articles}
    facts = {f.id: f for f in brief.facts}
    claims = sorted(brief.claims, key=lambda c: -len(c.article_ids))
    citations: list[Citation] = []
    bullets: list[Bullet] = []
    for claim in claims:
        numbers = []
        for article_id in claim.article_ids:  # one quote per source: the first fact from that article
            fact = next(facts[i] for i in claim.fact_ids if facts[i].article_id == article_id)
            citations.append(Citation(len(citations) + 1, fact, articles[article_id]))
            numbers.append(len(citations))
        bullets.append(Bullet(claim, numbers))
    return BriefView(
        title=title or _default_title(brief),
        corroborated=[b for b in bullets if len(b.claim.article_ids) > 1],
        single_source=[b for b in bullets if len(b.claim.article_ids) == 1],
        citations=citations,
        brief=brief,
    )


def _default_title(brief: Brief) -> str:
    actors = Counter(actor for fact in brief.facts for actor in dict.fromkeys(fact.fact.actors))
    top = [name for name, _ in actors.most_common(3)]
    return f"Brief: {', '.join(top)}" if top else "Brief"


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("briefing", "templates"),
        autoescape=False,  # Markdown: every article or model string goes through the md filter instead
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = md_escape
    return env


def render_markdown(brief: Brief, title: str | None = None) -> str:
    """The brief as Markdown: cited bullets, then every cited quote verbatim with its article and position."""
    return _environment().get_template("brief.md.j2").render(view=build_view(brief, title))


def render_json(brief: Brief) -> str:
    """The whole evidence graph as JSON (valid against schemas/brief.schema.json)."""
    return brief.model_dump_json(indent=2) + "\n"
