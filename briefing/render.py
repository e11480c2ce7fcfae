"""Brief -> Markdown and JSON through Jinja templates. Pure: data in, text out."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

import jinja2

from .models import Article, Brief, Claim, Conflict, GroundedFact

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
    """One line of the brief: a claim, how it is backed, and the citation numbers behind it."""

    claim: Claim
    citations: list[int]
    backing: str


@dataclass(frozen=True)
class Dispute:
    """A conflict as shown: each side's value with the citations of its quotes."""

    conflict: Conflict
    sides: list[tuple[str, list[int], int]]  # value, citation numbers, independent sources


@dataclass(frozen=True)
class BriefView:
    """What the templates show, computed once from a Brief."""

    title: str
    confirmed: list[Bullet]
    single_source: list[Bullet]
    flagged: list[Bullet]
    disputes: list[Dispute]
    citations: list[Citation]
    brief: Brief

    def article(self, article_id: str) -> Article:
        return next(a for a in self.brief.articles if a.id == article_id)


def backing(claim: Claim) -> str:
    """How many sources state a claim, and how many of them are independent."""
    sources = len(claim.article_ids)
    if sources == 1:
        return "single source"
    if claim.independent >= sources:
        return f"{sources} sources"
    if claim.independent <= 1:
        return f"{sources} sources, 1 independent: copies of one story"
    return f"{sources} sources, {claim.independent} independent"


class _Citations:
    def __init__(self, brief: Brief) -> None:
        self.articles = {a.id: a for a in brief.articles}
        self.facts = {f.id: f for f in brief.facts}
        self.numbers: dict[str, int] = {}
        self.items: list[Citation] = []

    def cite(self, fact_id: str) -> int:
        if fact_id not in self.numbers:
            fact = self.facts[fact_id]
            self.items.append(Citation(len(self.items) + 1, fact, self.articles[fact.article_id]))
            self.numbers[fact_id] = len(self.items)
        return self.numbers[fact_id]

    def per_source(self, fact_ids: list[str]) -> list[int]:
        """One quote per article: the first of its facts."""
        first: dict[str, str] = {}
        for fact_id in fact_ids:
            first.setdefault(self.facts[fact_id].article_id, fact_id)
        return [self.cite(fact_id) for fact_id in first.values()]


def build_view(brief: Brief, title: str | None = None) -> BriefView:
    """Number citations in reading order: confirmed claims, disputes, single-source, flagged."""
    citations = _Citations(brief)
    claims = sorted(brief.claims, key=lambda c: (-c.independent, -len(c.article_ids)))
    confirmed = [c for c in claims if c.independent >= 2 and not c.unsupported]
    single = [c for c in claims if c.independent < 2 and not c.unsupported]
    flagged = [c for c in claims if c.unsupported]
    confirmed_bullets = [Bullet(c, citations.per_source(c.fact_ids), backing(c)) for c in confirmed]
    group_of = {a: i for i, group in enumerate(brief.copies) for a in group}
    disputes = [
        Dispute(
            conflict,
            [(s.value, citations.per_source(s.fact_ids), len({group_of.get(a, a) for a in s.article_ids}))
             for s in conflict.sides],
        )
        for conflict in brief.conflicts
    ]  # fmt: skip
    return BriefView(
        title=title or _default_title(brief),
        confirmed=confirmed_bullets,
        single_source=[Bullet(c, citations.per_source(c.fact_ids), backing(c)) for c in single],
        flagged=[Bullet(c, citations.per_source(c.fact_ids), backing(c)) for c in flagged],
        disputes=disputes,
        citations=citations.items,
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
