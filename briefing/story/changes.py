"""A previous brief against this one: what is new, better sourced, revised, disputed, settled or no longer stated.
Pure.

Claims are followed through their facts. A fact of an article read both times (the same text, so the same
article ID) at the same characters is the same fact. The facts of the claims that leaves unfollowed, old and
new, are pooled as one corpus and joined by merge's rules and the same-fact matching's links (following.py runs
the matcher on that pool and hands its decisions in), so a reworded claim is recognised whichever article
states it now. Figures, dates, posts and outcomes that the cross-check's rules find incompatible between a fact
of the previous brief and a new claim are revisions, with both values and both quotes, not a claim dropped and
a claim new.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..checks.crosscheck import crosscheck
from ..facts.features import read_features
from ..matching.merge import merge_facts
from ..models import (
    ArticleRef,
    Brief,
    Change,
    ChangeKind,
    ChangeQuote,
    Changes,
    Claim,
    Conflict,
    ConflictKind,
    GroundedFact,
    JoinBasis,
    JoinRule,
    MatchingReport,
    Recognition,
)
from ..page.assess import Assessment, assess, ranked_claims
from .pool import PREVIOUS, dates_of, identity_links, renamed, renamed_article, unfollowed_pool

# A revision restates the old claim with another value: below this token_set_ratio of the two quotes, a new claim
# that only names the same person with another post (or a figure in a like clause) is no revision of it.
REVISION_WORDS = 50.0
KIND_ORDER = list(ChangeKind)


def compare(
    previous: Brief,
    brief: Brief,
    links: Sequence[JoinBasis] = (),
    vetoed: Collection[frozenset[str]] = (),
    matching: MatchingReport | None = None,
) -> Changes:
    """The change list of `brief` since `previous`.

    `links` and `vetoed` are the same-fact matching's decisions on unfollowed_pool(previous, brief) (following.py
    makes them; fact IDs of the previous brief carry the PREVIOUS prefix); without them only merge's rules join
    reworded claims. `matching` is that matcher's report, kept with the changes.
    """
    follow = _follow(previous, brief, links, vetoed)
    news, olds = _Claims(brief), _Claims(previous)
    revisions = _revisions(previous, brief, follow, news)
    conflicts = _conflict_changes(previous, brief, follow, revisions, olds, news)
    changes = [_revised(r, follow, news, olds) for r in revisions]
    changes += conflicts
    changes += _claim_changes(previous, brief, follow, revisions, olds, news)
    changes.sort(key=lambda change: KIND_ORDER.index(change.kind))  # stable: each kind keeps its own order
    before, now = {a.id for a in previous.articles}, {a.id for a in brief.articles}
    removed = sorted((a for a in previous.articles if a.id not in now), key=lambda a: a.id)
    added = sorted((a for a in brief.articles if a.id not in before), key=lambda a: a.id)
    updated = {old.id: new.id for old in removed for new in added if _file_name(old.path) == _file_name(new.path)}
    return Changes(
        previous_articles=[
            ArticleRef(id=a.id, label=a.label, path=a.path, outlet=a.outlet, published=a.published)
            for a in previous.articles
        ],
        articles_added=[a.id for a in added],
        articles_removed=[a.id for a in removed],
        updated=updated,
        changes=changes,
        recognised=follow.recognised,
        matching=matching,
    )


# --- following claims ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Follow:
    """Which facts and claims of the previous brief carry over to which of this one, and the basis of each."""

    facts: dict[str, set[str]]  # previous fact ID -> this brief's fact IDs
    claims: dict[str, dict[str, list[JoinBasis]]]  # this brief's claim ID -> previous claim ID -> basis
    followed: set[str]  # previous claims carried over
    recognised: list[Recognition]  # pairs of claims linked in the pool, not by identity


def _follow(previous: Brief, brief: Brief, links: Sequence[JoinBasis], vetoed: Collection[frozenset[str]]) -> _Follow:
    old_claim = {f: c.id for c in previous.claims for f in c.fact_ids}
    new_claim = {f: c.id for c in brief.claims for f in c.fact_ids}
    identity = identity_links(previous, brief)
    pairs = [(o, n, JoinBasis(facts=[PREVIOUS + o, n], rule=JoinRule.SAME_SPAN)) for o, n in identity]
    pool = unfollowed_pool(previous, brief)
    if pool.facts:
        features = read_features(pool.facts, pool.published)
        # A previous fact and a new one that state one fact with another figure, date, post or deadline: the new
        # brief revises the old (a revision below), it does not carry the same claim on.
        carried = [link for link in links if not (link.disputes and _crosses(link))]
        for claim in merge_facts(pool.facts, features, carried, vetoed):
            olds = [f.removeprefix(PREVIOUS) for f in claim.fact_ids if f.startswith(PREVIOUS)]
            fresh = [f for f in claim.fact_ids if not f.startswith(PREVIOUS)]
            # The join that crossed from a previous fact to a new one says how the claim was recognised.
            crossing = [j for j in claim.joins if sum(f.startswith(PREVIOUS) for f in j.facts) == 1]
            pairs += [(o, n, basis) for o in olds for n in fresh for basis in crossing[:1]]
    facts: dict[str, set[str]] = defaultdict(set)
    claims: dict[str, dict[str, list[JoinBasis]]] = defaultdict(dict)
    recognised: list[Recognition] = []
    old_quote = {f.id: f.quote for f in previous.facts}
    new_quote = {f.id: f.quote for f in brief.facts}
    for old, new, basis in pairs:
        facts[old].add(new)
        if old not in old_claim or new not in new_claim:
            continue
        bases = claims[new_claim[new]].setdefault(old_claim[old], [])
        if bases:
            continue  # one basis a pair of claims is enough to say how it was recognised
        bases.append(basis)
        if basis.rule != JoinRule.SAME_SPAN:
            recognised.append(Recognition(
                previous_claim_id=old_claim[old], claim_id=new_claim[new], previous_quote=old_quote[old],
                quote=new_quote[new], basis=basis,
            ))  # fmt: skip
    return _Follow(dict(facts), dict(claims), {old for held in claims.values() for old in held}, recognised)


def _crosses(link: JoinBasis) -> bool:
    """The link joins a previous brief's fact and a new one."""
    return sum(f.startswith(PREVIOUS) for f in link.facts) == 1


# --- revisions -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Revision:
    """A claim of the previous brief stated now with another value: the conflict between the two and its sides."""

    old: Claim
    new: Claim
    conflict: Conflict
    before: str
    after: str
    old_facts: list[str]  # the previous claim's facts that give the earlier value (previous brief's IDs)
    new_facts: list[str]


def _revisions(previous: Brief, brief: Brief, follow: _Follow, news: _Claims) -> list[_Revision]:
    """Pairs of a previous claim and an unfollowed new claim whose values the cross-check's rules find
    incompatible, each claim in one pair at most (the closest in words first)."""
    # New facts carried over from no previous fact: those of the claims nothing carried over to, and those a carried
    # claim took in that give one of its values otherwise (a claim now holds "12 ferries" and "19 ferries": the
    # new figure revises the old one, and the claim carries the dispute).
    carried_on = set().union(*follow.facts.values()) if follow.facts else set()
    unfollowed = [c for c in brief.claims if c.id not in follow.claims or not carried_on.issuperset(c.fact_ids)]
    fresh_ids = {f for c in unfollowed for f in c.fact_ids if c.id not in follow.claims or f not in carried_on}
    if not fresh_ids:
        return []
    facts = [renamed(f) for f in previous.facts] + [f for f in brief.facts if f.id in fresh_ids]
    articles = [renamed_article(a) for a in previous.articles] + list(brief.articles)
    published = {**dates_of(previous, PREVIOUS), **dates_of(brief, "")}
    conflicts = crosscheck(articles, facts, [], features=read_features(facts, published)).conflicts
    by_id = {f.id: f for f in facts}
    old_claim = {PREVIOUS + f: c for c in previous.claims for f in c.fact_ids}
    new_claim = {f: c for c in unfollowed for f in c.fact_ids}
    candidates: list[tuple[float, str, str, _Revision]] = []
    for conflict in conflicts:
        for earlier in conflict.sides:
            for later in conflict.sides:
                if earlier is later:
                    continue
                for o in (f for f in earlier.fact_ids if f in old_claim):
                    for n in (f for f in later.fact_ids if f in new_claim):
                        score = fuzz.token_set_ratio(by_id[o].quote, by_id[n].quote)
                        if score < REVISION_WORDS:
                            continue
                        old, new = old_claim[o], new_claim[n]
                        revision = _Revision(
                            old, new, conflict, earlier.value, later.value,
                            [f.removeprefix(PREVIOUS) for f in earlier.fact_ids if old_claim.get(f) is old],
                            [f for f in later.fact_ids if new_claim.get(f) is new],
                        )  # fmt: skip
                        candidates.append((score, old.id, new.id, revision))
    chosen: list[_Revision] = []
    used: set[str] = set()
    for _, old_id, new_id, revision in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if PREVIOUS + old_id in used or new_id in used:
            continue
        used.update((PREVIOUS + old_id, new_id))
        chosen.append(revision)
    return sorted(chosen, key=lambda r: (news.rank.get(r.new.id, len(news.rank)), r.new.id))


def _revised(revision: _Revision, follow: _Follow, news: _Claims, olds: _Claims) -> Change:
    old_facts, new_facts = olds.facts, news.facts
    earlier = [_quote(old_facts[f], revision.before, _same(follow, old_facts[f], news)) for f in revision.old_facts]
    later = [_quote(new_facts[f], revision.after) for f in revision.new_facts]
    still = [q for q in earlier if q.same_as is not None]
    note = "the earlier value is still stated by an article read again" if still else ""
    return Change(
        kind=ChangeKind.REVISED,
        text=news.text(revision.new),
        claim_id=revision.new.id,
        previous_claim_id=revision.old.id,
        attribute=_attribute(revision.conflict),
        before=revision.before,
        after=revision.after,
        quotes=later,
        previous_quotes=earlier,
        independent_before=revision.old.independent,
        independent_now=revision.new.independent,
        sources_before=len(revision.old.article_ids),
        sources_now=len(revision.new.article_ids),
        note=note,
    )


# --- claims ----------------------------------------------------------------------------------------------------


class _Claims:
    """One brief's claims as the change list reads them: what the page shows of each, in rank order."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.facts = {f.id: f for f in brief.facts}
        self.assessed: Mapping[str, Assessment] = assess(brief)
        ranked = ranked_claims(brief, self.assessed)
        self.rank = {c.id: n for n, c in enumerate(ranked)}
        self.ranked = [c for c in ranked if self.assessed[c.id].on_page]

    def text(self, claim: Claim) -> str:
        return self.assessed[claim.id].text or claim.statement


def _claim_changes(
    previous: Brief, brief: Brief, follow: _Follow, revisions: list[_Revision], olds: _Claims, news: _Claims
) -> list[Change]:
    """New claims, claims with more independent sources, and previous claims no source states any more; only
    claims the page may show (a question, a line about the page or a repeat is no change an editor needs)."""
    revised_new = {r.new.id for r in revisions}
    revised_old = {r.old.id for r in revisions}
    previous_claims = {c.id: c for c in previous.claims}
    changes: list[Change] = []
    for claim in news.ranked:
        if claim.id in revised_new:
            continue
        earlier = follow.claims.get(claim.id)
        quotes = [_quote(news.facts[f]) for f in claim.fact_ids]
        if earlier is None:
            changes.append(Change(kind=ChangeKind.NEW, text=news.text(claim), claim_id=claim.id, quotes=quotes,
                                  independent_now=claim.independent, sources_now=len(claim.article_ids)))  # fmt: skip
            continue
        best = max((previous_claims[c] for c in earlier), key=lambda c: (c.independent, len(c.article_ids), c.id))
        if claim.independent > best.independent:
            stated = {a for c in earlier for a in previous_claims[c].article_ids}
            added = [q for q in quotes if q.article_id not in stated]
            changes.append(Change(
                kind=ChangeKind.MORE_SOURCES, text=news.text(claim), claim_id=claim.id, previous_claim_id=best.id,
                quotes=added, independent_before=best.independent, independent_now=claim.independent,
                sources_before=len(best.article_ids), sources_now=len(claim.article_ids),
                basis=[b for c in sorted(earlier) for b in earlier[c]],
            ))  # fmt: skip
    for claim in olds.ranked:
        if claim.id in follow.followed or claim.id in revised_old:
            continue
        changes.append(Change(
            kind=ChangeKind.DROPPED, text=olds.text(claim), previous_claim_id=claim.id,
            previous_quotes=[_quote(olds.facts[f]) for f in claim.fact_ids],
            independent_before=claim.independent, sources_before=len(claim.article_ids),
        ))  # fmt: skip
    return changes


def _quote(fact: GroundedFact, value: str | None = None, same_as: str | None = None) -> ChangeQuote:
    return ChangeQuote(quote=fact.quote, article_id=fact.article_id, fact_id=fact.id, value=value, same_as=same_as)


def _same(follow: _Follow, old: GroundedFact, news: _Claims) -> str | None:
    """The fact of this brief that is this one in the same words (its article read again, or its new version), if
    any: a citation of it shows the very quote."""
    same = [f for f in follow.facts.get(old.id, set()) if news.facts[f].quote == old.quote]
    return min(same) if same else None


# --- disputes --------------------------------------------------------------------------------------------------


def _conflict_changes(
    previous: Brief, brief: Brief, follow: _Follow, revisions: list[_Revision], olds: _Claims, news: _Claims
) -> list[Change]:
    """Disputes this brief shows that the previous one did not (unless they are a revision's two values), and
    disputes of the previous brief that no longer stand."""
    carried = {c.id: [set().union(*(follow.facts.get(f, set()) for f in s.fact_ids)) for s in c.sides]
               for c in previous.conflicts}  # fmt: skip

    def same(old: Conflict, new: Conflict) -> bool:
        if old.kind != new.kind:
            return False
        hits = [{k for k, side in enumerate(new.sides) if mapped & set(side.fact_ids)} for mapped in carried[old.id]]
        return any(k != m for i, a in enumerate(hits) for j, b in enumerate(hits) if i != j for k in a for m in b)

    def revision_of(new: Conflict) -> bool:
        for revision in revisions:
            kept = set().union(*(follow.facts.get(f, set()) for f in revision.old_facts))
            sides = [set(side.fact_ids) for side in new.sides]
            with_new = [k for k, side in enumerate(sides) if side & set(revision.new_facts)]
            if any(k != m for k in with_new for m, side in enumerate(sides) if side & kept):
                return True
        return False

    changes: list[Change] = []
    for new in brief.conflicts:
        if any(same(old, new) for old in previous.conflicts) or revision_of(new):
            continue
        quotes = [_quote(news.facts[f], side.value) for side in new.sides for f in side.fact_ids]
        changes.append(Change(kind=ChangeKind.NEW_CONFLICT, text=new.subject, conflict_id=new.id,
                              attribute=new.attribute, values=[s.value for s in new.sides], quotes=quotes))  # fmt: skip
    for old in previous.conflicts:
        if any(same(old, new) for new in brief.conflicts):
            continue
        gone = [side.value for side, mapped in zip(old.sides, carried[old.id], strict=True) if not mapped]
        quotes = [_quote(olds.facts[f], s.value, _same(follow, olds.facts[f], news))
                  for s in old.sides for f in s.fact_ids]  # fmt: skip
        note = ("no source states " + " or ".join(f"“{v}”" for v in gone) + " any more") if gone else ""
        changes.append(Change(kind=ChangeKind.RESOLVED_CONFLICT, text=old.subject, previous_conflict_id=old.id,
                              attribute=old.attribute, values=[s.value for s in old.sides], previous_quotes=quotes,
                              note=note or "the sources no longer disagree"))  # fmt: skip
    return changes


def _attribute(conflict: Conflict) -> str:
    """What a revision changed, in words: "count of ships", "post of Marcus Hale", "date (talks)"."""
    if conflict.kind == ConflictKind.ROLE:
        return f"post of {conflict.subject}"
    if conflict.subject in conflict.attribute:
        return conflict.attribute
    return f"{conflict.attribute} ({conflict.subject})"


def _file_name(path: str) -> str:
    # Article paths are as given (a link, a folder's file); no pathlib in a pure stage.
    return re.split(r"[\\/]", path.rstrip("/\\"))[-1]
