"""An editor's corrections (edits.yaml) -> what the build does with each. Pure.

Edits address facts by article and quote (models.FactAddress), never by a build's IDs, so an edit made on one
build's review page applies to a re-run, to a build with an article added and to a `--since` build: the same
sentence of the same article has the same address even when the article's other sentences change.

Two steps, around matching: `plan` finds each edit's facts among the grounded facts (the pairs to keep apart go to
matching, the pairs to join become links ahead of every other); `outcome` reads the merged claims for what each
edit did (a join the guards of other facts still forbid, a fact no longer in the articles), and checks a
headline like a written line: every name, number and word of it must be in its claim's quotes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .checks.written import refusal
from .models import (
    PAIR_ACTIONS,
    AppliedEdit,
    Article,
    Brief,
    Claim,
    Edit,
    EditAction,
    FactAddress,
    GroundedFact,
    JoinBasis,
    JoinRule,
    article_key,
)


def address_of(fact: GroundedFact, article: Article) -> FactAddress:
    return FactAddress(article=article_key(article.path), quote=fact.quote)


@dataclass(frozen=True)
class Plan:
    """The edits with the facts each found (None: one of its facts is not in this build), the pairs matching keeps
    apart and the editor's links merge applies first."""

    found: list[tuple[Edit, list[str | None]]]
    keep_apart: frozenset[frozenset[str]] = frozenset()
    links: list[JoinBasis] = field(default_factory=list)


def plan(edits: Sequence[Edit], articles: Sequence[Article], facts: Sequence[GroundedFact]) -> Plan:
    """Each edit's facts in this build, and what matching must do for the pair edits."""
    by_article: dict[str, list[GroundedFact]] = {}
    keys = {a.id: article_key(a.path) for a in articles}
    for fact in facts:
        by_article.setdefault(keys.get(fact.article_id, ""), []).append(fact)
    found: list[tuple[Edit, list[str | None]]] = []
    apart: set[frozenset[str]] = set()
    links: list[JoinBasis] = []
    for edit in edits:
        ids = [_find(address, by_article.get(address.article, [])) for address in edit.facts]
        found.append((edit, ids))
        resolved = [i for i in ids if i is not None]
        if len(resolved) != len(ids) or edit.action not in PAIR_ACTIONS or resolved[0] == resolved[1]:
            continue
        if edit.action == EditAction.KEEP_APART:
            apart.add(frozenset(resolved))
        else:
            links.append(JoinBasis(facts=resolved, rule=JoinRule.EDITOR, guards=[_who(edit)]))
    return Plan(found, frozenset(apart), links)


def _find(address: FactAddress, facts: Sequence[GroundedFact]) -> str | None:
    """The fact whose quote is the address's; else the one whose quote holds it or is held by it (the build cut
    its sentence differently), the shortest such."""
    quote = " ".join(address.quote.split())
    for fact in facts:
        if " ".join(fact.quote.split()) == quote:
            return fact.id
    near = [f for f in facts if quote in " ".join(f.quote.split()) or " ".join(f.quote.split()) in quote]
    return min(near, key=lambda f: len(f.quote)).id if near else None


def outcome(brief: Brief, planned: Plan) -> list[AppliedEdit]:
    """What each edit did in the merged brief, or why it no longer applies."""
    claim_of = {fact_id: claim for claim in brief.claims for fact_id in claim.fact_ids}
    facts = {f.id: f for f in brief.facts}
    done: list[AppliedEdit] = []
    for edit, found in planned.found:
        ids = [i for i in found if i is not None]
        if len(ids) < len(found):
            gone = "; ".join(f"{a.article}: \u201c{_short(a.quote)}\u201d"
                             for a, i in zip(edit.facts, found, strict=True) if i is None)  # fmt: skip
            done.append(AppliedEdit(edit=edit, applied=False, fact_ids=ids,
                                    basis=f"no longer applies: no such fact in this build ({gone})"))  # fmt: skip
            continue
        claims = [claim_of[i] for i in ids if i in claim_of]
        if len(claims) < len(ids):
            done.append(AppliedEdit(edit=edit, applied=False, fact_ids=ids,
                                    basis="no longer applies: its fact is in no claim (another story, or rejected)"))
            continue
        done.append(_applied(edit, ids, claims, facts))
    return done


def _applied(edit: Edit, ids: list[str], claims: list[Claim], facts: dict[str, GroundedFact]) -> AppliedEdit:
    who = _who(edit)
    if edit.action == EditAction.KEEP_APART:
        apart = claims[0].id != claims[1].id
        basis = f"{ids[0]} and {ids[1]} kept apart ({who})" if apart else "not applied: both facts are one quote"
        return AppliedEdit(edit=edit, applied=apart, basis=basis, fact_ids=ids)
    if edit.action == EditAction.JOIN:
        together = claims[0].id == claims[1].id
        basis = (f"{ids[0]} and {ids[1]} joined in {claims[0].id} ({who})" if together else
                 "not applied: the two claims hold facts a guard or an editor keeps apart")  # fmt: skip
        return AppliedEdit(edit=edit, applied=together, basis=basis, fact_ids=ids,
                           claim_id=claims[0].id if together else None)  # fmt: skip
    claim = claims[0]
    if edit.action == EditAction.HEADLINE:
        assert edit.text is not None  # Edit's validator: a headline has its text
        why = refusal(edit.text, [facts[i].quote for i in claim.fact_ids])
        if why is not None:
            return AppliedEdit(edit=edit, applied=False, fact_ids=ids, claim_id=claim.id,
                               basis=f"refused: {why}")  # fmt: skip
    what = {EditAction.NOT_A_FACT: "left off the page: not a fact", EditAction.COMMENTARY: "moved to Analysis",
            EditAction.PIN: "pinned to the Bottom line", EditAction.HEADLINE: "its line in the editor's words"}
    return AppliedEdit(edit=edit, applied=True, basis=f"{claim.id} {what[edit.action]} ({who})", fact_ids=ids,
                       claim_id=claim.id)  # fmt: skip


def _who(edit: Edit) -> str:
    by = edit.by.strip() or "an editor"
    return f"{by}: {edit.why.strip()}" if edit.why.strip() else by


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def from_ids(
    pairs: Sequence[tuple[str, str]], articles: Sequence[Article], facts: Sequence[GroundedFact]
) -> list[Edit]:
    """`--keep-apart FACT,FACT` (this build's IDs) as keep-apart edits, so they go the same way as edits.yaml's
    and are kept: an ID not in this build is left out here and reported by the caller."""
    by_id = {f.id: f for f in facts}
    articles_by_id = {a.id: a for a in articles}
    edits = []
    for left, right in pairs:
        if left in by_id and right in by_id:
            addresses = [address_of(by_id[i], articles_by_id[by_id[i].article_id]) for i in (left, right)]
            edits.append(Edit(action=EditAction.KEEP_APART, facts=addresses, by="--keep-apart"))
    return edits
