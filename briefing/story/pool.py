"""Two briefs' facts as one corpus: the previous brief's IDs renamed with PREVIOUS (an article read both times has one
ID in both briefs), facts of an article read both times followed by position, the rest pooled. Pure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..models import Article, Brief, Claim, GroundedFact

# The previous brief's article and fact IDs in a pool: an article read both times has one ID in both briefs.
PREVIOUS = "previous/"


@dataclass(frozen=True)
class Pool:
    """The facts of the claims identity leaves unfollowed, the previous brief's renamed with PREVIOUS, as one
    corpus; and the date each fact's relative dates are read against."""

    facts: list[GroundedFact]
    published: dict[str, date | None]


def identity_links(previous: Brief, brief: Brief) -> list[tuple[str, str]]:
    """(previous fact ID, fact ID) for every fact of an article read both times, at the same characters."""
    at: dict[tuple[str, int, int], list[str]] = defaultdict(list)
    for fact in brief.facts:
        at[(fact.article_id, fact.start, fact.end)].append(fact.id)
    return [(old.id, new) for old in previous.facts for new in at.get((old.article_id, old.start, old.end), [])]


def unfollowed_pool(previous: Brief, brief: Brief) -> Pool:
    """The pool the same-fact matcher links old and new facts in: the facts of every claim, of either brief, that
    no fact of an article read both times carries over."""
    links = identity_links(previous, brief)
    old = _unfollowed(previous.claims, {o for o, _ in links})
    new = _unfollowed(brief.claims, {n for _, n in links})
    return _pool(previous, brief, old, new)


def _unfollowed(claims: Iterable[Claim], linked: set[str]) -> list[Claim]:
    return [claim for claim in claims if linked.isdisjoint(claim.fact_ids)]


def _pool(previous: Brief, brief: Brief, old: Iterable[Claim], new: Iterable[Claim]) -> Pool:
    old_ids = {f for claim in old for f in claim.fact_ids}
    new_ids = {f for claim in new for f in claim.fact_ids}
    facts = [renamed(f) for f in previous.facts if f.id in old_ids] + [f for f in brief.facts if f.id in new_ids]
    return Pool(facts, {**dates_of(previous, PREVIOUS), **dates_of(brief, "")})


def renamed(fact: GroundedFact) -> GroundedFact:
    return fact.model_copy(update={"id": PREVIOUS + fact.id, "article_id": PREVIOUS + fact.article_id})


def dates_of(brief: Brief, prefix: str) -> dict[str, date | None]:
    by_id = {a.id: a for a in brief.articles}
    return {prefix + f.id: by_id[f.article_id].date_at(f.start) for f in brief.facts if f.article_id in by_id}


def renamed_article(article: Article) -> Article:
    return article.model_copy(update={"id": PREVIOUS + article.id})
