"""Claims and conflicts -> one page: sections, ranked items, numbered citations (each claim assessed by assess.py).
Pure.

Only reported facts make the main sections: what its text shows is none (a question, advice to the reader, a line
about the page, a box for readers) goes to the review page, labelled; opinion has a section after the facts and
is cut first. A statement is shown only when whole and supported, else its verified quote, else nothing (review
page). Ranking: reported facts before opinion, then independent sources, sources, kind and how early articles
state a claim. Cutting to fit drops the lowest-ranked items into overflow for the review page, never lost.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..models import (
    Brief,
    Change,
    Citation,
    CitedSide,
    Claim,
    Conflict,
    EditAction,
    FactKind,
    GroundedFact,
    Item,
    Page,
    RejectionReason,
    Section,
)
from ..text.entities import mentions
from ..text.normalize import words
from . import change_items
from .assess import LEADING_PRONOUNS, Assessment, assess, backing, ranked_claims

BOTTOM_LINE = 3
# A line cites at most this many articles' quotes (its backing note counts them all): a claim that 300 articles
# state would otherwise fill the page with citation numbers. The review page and brief.json have every quote.
MAX_CITED_ARTICLES = 5
POSITION_KINDS = {FactKind.DEMAND, FactKind.POSITION, FactKind.STATEMENT}
# A corroborated claim's section, by the kind its first fact was given (a model's kind with an endpoint; with the
# sentences as written, the parse's: someone's statement or an event); events, decisions and background otherwise.
_SECTION_OF_KIND = {**dict.fromkeys(POSITION_KINDS, "positions"), FactKind.NUMBER: "numbers"}
SECTION_TITLES = {
    "bottom_line": "Bottom line",
    "happened": "What happened",
    "timeline": "Timeline",
    "positions": "Who said what",
    "numbers": "Numbers",
    "disputed": "Disputed",
    "single": "Single-source claims",
    "unconfirmed": "Not confirmed: details the evidence does not state",
    "opinion": "Analysis and opinion",
}


# --- the page --------------------------------------------------------------------------------------------------


def droppable_count(brief: Brief) -> int:
    """How many items compose() can cut (everything but the bottom line): the change list's lines included."""
    return len(_plan(brief).droppable)


def compose(brief: Brief, title: str | None = None, keep: int | None = None) -> Page:
    """The page with the `keep` best droppable items (all when None); the rest go to overflow, and after them
    the claims that are no reported fact or cannot be shown, each labelled."""
    plan = _plan(brief)
    kept, cut = (plan.droppable, []) if keep is None else (plan.droppable[:keep], plan.droppable[keep:])
    numbers = _Numbers(brief, plan.assessed)
    sections = []
    if brief.changes is not None:  # first: what an editor briefed before needs most
        order = {id(change): n for n, change in enumerate(brief.changes.changes)}  # shown in the list's own order
        listed = sorted((e for e in kept if e.change is not None), key=lambda e: order[id(e.change)])
        since = [numbers.entry(e) for e in listed]
        caption = change_items.caption(brief.changes, len(since))
        sections.append(Section(change_items.SECTION_KEY, change_items.SECTION_TITLE, since, caption))
    sections.append(Section("bottom_line", SECTION_TITLES["bottom_line"], [numbers.claim(c) for c in plan.bottom]))
    for key in ("disputed", "happened", "positions", "numbers", "timeline", "single", "unconfirmed", "opinion"):
        entries = [e for e in kept if e.section == key]
        if key == "timeline":
            entries.sort(key=lambda e: e.day or "")
        if entries:
            sections.append(Section(key, SECTION_TITLES[key], [numbers.entry(e) for e in entries]))
    overflow = [numbers.entry(e) for e in cut] + [numbers.entry(e) for e in plan.aside]
    return Page(title or _default_title(brief), _summary(brief, plan.assessed), sections, overflow, numbers.items,
                brief.articles)  # fmt: skip


def _summary(brief: Brief, assessed: dict[str, Assessment]) -> str:
    counted = [a for a in assessed.values() if a.repeats is None]
    # A fact about another story was not refused by grounding: it is counted apart.
    off_topic = sum(r.reason == RejectionReason.OFF_TOPIC for r in brief.rejections)
    summary = (
        f"{len(brief.articles)} articles, {len(brief.claims)} claims from {len(brief.facts)} quoted facts, "
        f"{len(brief.conflicts)} disputed, {len(brief.rejections) - off_topic} facts rejected by grounding"
    )
    if off_topic:
        summary += f", {off_topic} about another story"
    if asides := sum(a.aside is not None for a in counted):
        summary += f", {asides} questions, asides or page lines left off"
    if garbled := sum(a.garbled is not None for a in counted):
        summary += f", {garbled} garbled statements shown as quoted or left off"
    if applied := sum(d.applied for d in brief.edits):
        summary += f", {applied} editor corrections applied"
    if stale := sum(not d.applied for d in brief.edits):
        summary += f", {stale} editor corrections not applied (the review page says why)"
    return summary


@dataclass(frozen=True)
class _Entry:
    section: str
    claim: Claim | None = None
    conflict: Conflict | None = None
    day: str | None = None
    change: Change | None = None


@dataclass(frozen=True)
class _Plan:
    bottom: list[Claim]
    droppable: list[_Entry]  # best first
    aside: list[_Entry]  # never on the page: the review page lists them, labelled
    assessed: dict[str, Assessment]


# Cut last: disputes, then corroborated claims, the timeline, single-source and unconfirmed claims; opinion first.
_CUT_ORDER = {"disputed": 0, "happened": 1, "positions": 1, "numbers": 1, "timeline": 2, "single": 3, "unconfirmed": 4,
              "opinion": 5}  # fmt: skip


def _cut_rank(entry: _Entry) -> int:
    return change_items.CUT_RANK[entry.change.kind] if entry.change is not None else _CUT_ORDER[entry.section]


def _plan(brief: Brief) -> _Plan:
    assessed = assess(brief)
    claims = ranked_claims(brief, assessed)
    shown = [c for c in claims if assessed[c.id].on_page]
    reported = [c for c in shown if not assessed[c.id].opinion]
    # A claim whose sources disagree on a detail of it (a figure, a date, a deadline) is no bottom line: its line
    # would carry one side's detail as if all its sources gave it.
    confirmed = [c for c in reported if c.independent >= 2 and not c.unsupported and not c.disputes]
    # An editor's pins lead, in the order pinned; the best confirmed claims fill the rest.
    pins = [d.claim_id for d in brief.edits if d.applied and d.edit.action == EditAction.PIN]
    pinned = [c for claim_id in dict.fromkeys(pins) for c in shown if c.id == claim_id and c in reported]
    best = [c for c in (confirmed or [c for c in reported if not c.unsupported]) if c not in pinned]
    bottom = pinned + best[: max(0, BOTTOM_LINE - len(pinned))]
    changes = brief.changes.changes if brief.changes is not None else []
    entries = [_Entry(change_items.SECTION_KEY, change=change) for change in changes]
    entries += [_Entry("disputed", conflict=conflict) for conflict in brief.conflicts]
    for claim in shown:
        if assessed[claim.id].opinion:
            entries.append(_Entry("opinion", claim=claim))  # never dated on the timeline: it is no event
            continue
        if claim.dates and not claim.unsupported:
            entries.append(_Entry("timeline", claim=claim, day=claim.dates[0]))
        if claim in bottom:
            continue
        if claim.unsupported:
            section = "unconfirmed"
        elif claim.independent < 2:
            if claim.dates:
                continue  # already on the timeline, labelled single-source: once is enough on one page
            section = "single"
        else:
            section = _SECTION_OF_KIND.get(claim.kind, "happened")
        entries.append(_Entry(section, claim=claim))
    # The first change of each kind is kept before everything else can be: the editor sees every kind of change
    # (a fact no longer stated included) on the page, and the review page has the rest.
    first_of_kind = {entry.change.kind: n for n, entry in reversed(list(enumerate(entries))) if entry.change}
    leads = set(first_of_kind.values())
    order: dict[int, float] = {n: float(n) for n in range(len(entries))}
    # A few single-source facts an editor needs (an article's lead, a figure, someone's quoted words) rank among
    # the corroborated lines, after the first CORROBORATED_FIRST of them: the one-page limit decides how many stay.
    corroborated = [n for n, e in enumerate(entries) if e.section in ("happened", "positions", "numbers")]
    after = corroborated[CORROBORATED_FIRST - 1] if len(corroborated) >= CORROBORATED_FIRST else len(entries)
    facts = {f.id: f for f in brief.facts}
    lead_sentences = {a.id: {s.id for s in a.sentences[:LEAD_SENTENCES]} for a in brief.articles}
    # Other single-source claims are on the review page only: with no second source, a line must be checkable.
    single_claims = {n: e.claim for n, e in enumerate(entries) if e.section == "single" and e.claim}
    singles = {n: facts[claim.fact_ids[0]] for n, claim in single_claims.items()}
    unchecked = {n for n, fact in singles.items() if not _checkable(fact)}
    for n in unchecked:
        held = assessed[single_claims[n].id]
        assessed[single_claims[n].id] = replace(held, note=" · ".join(filter(None, (_UNCHECKED, held.note))))
    worth = (n for n, fact in singles.items() if n not in unchecked and _worth_a_line(fact, lead_sentences))
    promoted = list(itertools.islice(worth, SINGLE_SOURCE_LINES))
    for rank, n in enumerate(promoted):
        order[n] = after + (rank + 1) / (SINGLE_SOURCE_LINES + 1)

    chosen = set(promoted)

    def cut_key(pair: tuple[int, _Entry]) -> tuple[int, float]:
        n, entry = pair
        if n in leads:
            return -1, order[n]
        return (_CUT_ORDER["happened"] if n in chosen else _cut_rank(entry)), order[n]

    ranked = sorted(((n, e) for n, e in enumerate(entries) if n not in unchecked), key=cut_key)
    aside = [entries[n] for n in sorted(unchecked)]
    aside += [_Entry("aside", claim=c) for c in claims if not assessed[c.id].on_page]
    return _Plan(bottom, [entry for _, entry in ranked], aside, assessed)


CORROBORATED_FIRST = 8  # corroborated lines that rank before any single-source one
SINGLE_SOURCE_LINES = 3  # single-source lines that may rank among the corroborated ones
LEAD_SENTENCES = 2  # an article's first sentences: its lead, what it chose to report first


_UNCHECKED = "review page only: one source, and its line names no one who did it, no figure or date, no quoted words"


def _checkable(fact: GroundedFact) -> bool:
    """A single-source line the page may show: with no second source it must be checkable (its subject names who
    did it, or it holds a figure, a date or someone's words in quotation marks) and stand alone. A line whose doer
    is no one ("The turmoil has escalated dramatically", "This talk drew attention") is the writer's framing more
    often than a fact."""
    if any(word in LEADING_PRONOUNS for word in words(fact.quote)[:1]):
        return False  # "This conversation has drawn attention ...": it leans on a sentence the page does not show
    return fact.doers is None or bool(fact.doers) or _detailed(fact)  # None: no parse read it (a test's fact)


def _detailed(fact: GroundedFact) -> bool:
    return any(c.isdigit() for c in fact.quote) or "\u201c" in fact.quote or '"' in fact.quote


def _worth_a_line(fact: GroundedFact, lead_sentences: Mapping[str, set[str]]) -> bool:
    """A checkable single-source fact an editor needs: its article's lead, or a figure or a date, or someone's
    words in quotation marks."""
    return not lead_sentences.get(fact.article_id, set()).isdisjoint(fact.sentence_ids) or _detailed(fact)


class _Numbers:
    """Citation numbers in reading order; one quote per article for each claim or side."""

    def __init__(self, brief: Brief, assessed: dict[str, Assessment]) -> None:
        self.facts = {f.id: f for f in brief.facts}
        self.article_of = {fact_id: fact.article_id for fact_id, fact in self.facts.items()}
        self.articles = {a.id: a for a in brief.articles}
        self.assessed = assessed
        self.seen: dict[str, int] = {}
        self.items: list[Citation] = []
        claim_of = {fact_id: claim.id for claim in brief.claims for fact_id in claim.fact_ids}
        self.changed = change_items.labels(brief.changes, claim_of)
        self.previous = {a.id: a for a in brief.changes.previous_articles} if brief.changes is not None else {}

    def cite(self, fact_ids: list[str]) -> tuple[list[int], int]:
        """Citation numbers for the first quote of each of the first MAX_CITED_ARTICLES articles, and how many
        more articles there are."""
        # A side of a figure conflict can hold thousands of quotes: the articles are listed in one pass (in order
        # of their first quote), and the quotes read again only until the cited articles' first ones are found.
        articles = dict.fromkeys(map(self.article_of.__getitem__, fact_ids))
        wanted = set(itertools.islice(articles, MAX_CITED_ARTICLES))
        first: dict[str, str] = {}
        for fact_id in fact_ids:
            article = self.article_of[fact_id]
            if article in wanted and article not in first:
                first[article] = fact_id
                if len(first) == len(wanted):
                    break
        cited = list(first.values())
        for fact_id in cited:
            if fact_id not in self.seen:
                fact = self.facts[fact_id]
                self.items.append(Citation(len(self.items) + 1, fact, self.articles[fact.article_id]))
                self.seen[fact_id] = len(self.items)
        return [self.seen[fact_id] for fact_id in cited], len(articles) - len(cited)

    def claim(self, claim: Claim, day: str | None = None) -> Item:
        assessment = self.assessed[claim.id]
        note = backing(claim)
        if claim.dates and day is None:
            note += " · dated " + ", ".join(claim.dates)
        if claim.unsupported:
            note += " · unsupported: " + ", ".join(claim.unsupported)
        if assessment.aside is not None:
            note += f" · not a reported fact: {assessment.aside}"
        if assessment.note:
            note += f" · {assessment.note}"
        numbers, more = self.cite(claim.fact_ids)
        label, kind = self.changed.get(claim.id, ("", None))
        return Item(claim.id, assessment.text or claim.statement, numbers, note, date=day, uncited=more, change=label,
                    cut=assessment.cut, alternative=assessment.alternative,
                    change_kind=kind)  # fmt: skip

    def entry(self, entry: _Entry) -> Item:
        if entry.change is not None:
            return change_items.item(entry.change, self.cite, self.previous)
        if entry.conflict is not None:
            sides = [CitedSide(side.value, *self.cite(side.fact_ids)) for side in entry.conflict.sides]
            text = f"{entry.conflict.subject} ({entry.conflict.attribute})"
            return Item(entry.conflict.id, text, [n for _, numbers, _ in sides for n in numbers], sides=sides)
        assert entry.claim is not None
        return self.claim(entry.claim, entry.day)


def _default_title(brief: Brief) -> str:
    # The names most facts are about: those a fact lists, else those its quote mentions (the model's own facts
    # list none; the quote is the source's words).
    actors = Counter(  # counted in one chain: a name once per fact, in the facts' order (ties keep it)
        itertools.chain.from_iterable(
            dict.fromkeys(fact.fact.actors or [m.name for m in mentions(fact.quote)]) for fact in brief.facts
        )
    )
    top = [name for name, _ in actors.most_common(3)]
    return f"Brief: {', '.join(top)}" if top else "Brief"
