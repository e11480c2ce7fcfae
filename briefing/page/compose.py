"""Claims and conflicts -> one page: sections, ranked items, numbered citations. Pure.

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

from ..models import Brief, Change, Citation, Claim, Conflict, FactKind, GroundedFact, Item, Page, Section
from ..text.entities import mentions
from ..text.normalize import words
from ..text.reading import CLOSING_QUOTES, OPENING_QUOTES, analysis, cut_off, garbled, not_a_fact, outside_quotes
from . import change_items

BOTTOM_LINE = 3
# A line cites at most this many articles' quotes (its backing note counts them all): a claim that 300 articles
# state would otherwise fill the page with citation numbers. The review page and brief.json have every quote.
MAX_CITED_ARTICLES = 5
KIND_WEIGHT = {
    FactKind.EVENT: 3, FactKind.NUMBER: 3, FactKind.DEMAND: 2, FactKind.POSITION: 2, FactKind.STATEMENT: 2,
    FactKind.BACKGROUND: 1, FactKind.OPINION: 0,
}  # fmt: skip
POSITION_KINDS = {FactKind.DEMAND, FactKind.POSITION, FactKind.STATEMENT}
SECTION_TITLES = {
    "bottom_line": "Bottom line",
    "happened": "What happened",
    "timeline": "Timeline",
    "positions": "Positions and demands",
    "disputed": "Disputed",
    "single": "Single-source claims",
    "unconfirmed": "Not confirmed: details the evidence does not state",
    "opinion": "Analysis and opinion",
}


def backing(claim: Claim) -> str:
    """How many sources state a claim, how many of them are independent, and whether they disagree on a detail."""
    sources = len(claim.article_ids)
    if sources == 1:
        return "single source"
    disputed = f"; they disagree on a detail ({', '.join(claim.disputes)})" if claim.disputes else ""
    if claim.independent >= sources:
        return f"{sources} sources{disputed}"
    if claim.independent <= 1:
        return f"{sources} sources, 1 independent: copies of one story{disputed}"
    return f"{sources} sources, {claim.independent} independent{disputed}"


# --- what compose decides about each claim ---------------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """What compose decided about one claim, and why (the review page shows the why).

    Attributes:
        aside: why the claim is no reported fact (it never reaches the page's sections), or None.
        garbled: why the model's statement is not fit to show, or None.
        text: what the page shows: the statement, or the verified quote; None when neither can stand.
        note: what the review page says about it.
        repeats: the claim whose quotes already hold all of this one's (one fact repeated in one article).
        opinion: why the claim is analysis or opinion (its own section, after the reported facts), or None.
    """

    aside: str | None = None
    garbled: str | None = None
    text: str | None = None
    note: str = ""
    repeats: str | None = None
    opinion: str | None = None  # why it is the writer's analysis or an opinion, not a reported fact

    @property
    def on_page(self) -> bool:
        """True when the claim may take a line of the page."""
        return self.aside is None and self.text is not None and self.repeats is None


def assess(brief: Brief) -> dict[str, Assessment]:
    """Each claim's assessment: reported fact or not, what text it shows, whether it repeats another claim."""
    facts = {f.id: f for f in brief.facts}
    evidence = _evidence(brief)
    assessed = {c.id: _with_opinion(c, _assess(c, facts, evidence), facts) for c in brief.claims}
    shown: dict[tuple[str, int, int], list[tuple[str, frozenset[tuple[str, int, int]]]]] = {}
    span_of = {fact_id: (f.article_id, f.start, f.end) for fact_id, f in facts.items()}
    for claim in _ranked(brief, assessed):
        spans = frozenset(map(span_of.__getitem__, claim.fact_ids))
        first = min(spans)
        earlier = next((owner for owner, held in shown.get(first, []) if spans <= held), None)
        if earlier is not None:
            note = f"the same quote as {earlier}: one fact counts once"
            assessed[claim.id] = Assessment(assessed[claim.id].aside, assessed[claim.id].garbled, None, note, earlier)
            continue
        for span in spans:
            shown.setdefault(span, []).append((claim.id, spans))
    return assessed


def _with_opinion(claim: Claim, assessment: Assessment, facts: dict[str, GroundedFact]) -> Assessment:
    """The model's kind says opinion, or the quote reads as the writer's own analysis (the embedded model calls
    nearly everything a statement, so the words decide where they can)."""
    head = facts[claim.fact_ids[0]]
    why = "an opinion" if claim.kind == FactKind.OPINION else head.commentary or analysis(head.quote)
    if why is None:
        return assessment
    note = assessment.note or f"analysis, not a reported fact: {why}"
    return replace(assessment, opinion=why, note=note)


def garbled_statements(brief: Brief) -> dict[str, str]:
    """Claims whose model statement is garbled (one fact repeated in an article counts once): id -> why."""
    assessed = assess(brief).items()
    return {claim_id: a.garbled for claim_id, a in assessed if a.garbled is not None and a.repeats is None}


_Evidence = tuple[str, tuple[int, int]]  # the sentences a quote stands in, and the quote's span in them
_SPEAKERLESS = "someone's quoted words without who said them"


def _assess(claim: Claim, facts: dict[str, GroundedFact], evidence: dict[str, _Evidence]) -> Assessment:
    members = [facts[i] for i in claim.fact_ids]
    head = members[0]
    # The page shows the head's statement or quote: when that is no reported fact, neither is the line (a careless
    # join can put a metadata line and an unrelated fact in one claim).
    aside = not_a_fact(*evidence[head.id])
    if aside is not None:
        return Assessment(aside, None, claim.statement, "")  # never on the page: how it reads is moot
    text, (start, end) = evidence[head.id]
    # A quote cut from inside quotation marks ("you must leave the country now") reads as the writer's own words.
    marks = OPENING_QUOTES + CLOSING_QUOTES + '"'
    inside_speech = not outside_quotes(text)[start:end].strip() and not any(m in head.quote for m in marks)
    unattributed = _SPEAKERLESS if inside_speech else None
    copied = unattributed and set(words(claim.statement)) <= set(words(head.quote))
    flaw = garbled(claim.statement, head.quote) or (unattributed if copied else None)
    if flaw is None and not claim.unsupported:
        return Assessment(aside, None, claim.statement, "")
    why = f"the model's statement was garbled ({flaw})" if flaw else "the model's statement adds details"
    quote_flaw = cut_off(head.quote) or unattributed
    if quote_flaw is None:
        return Assessment(aside, flaw, head.quote, f"shown as quoted: {why}")
    also = "so is its quote" if quote_flaw == flaw else f"its quote cannot stand alone ({quote_flaw})"
    return Assessment(aside, flaw, None, f"left off: {why}; {also}")


def _evidence(brief: Brief) -> dict[str, _Evidence]:
    """For each claim's first fact (the one the page shows), the text of the sentences its quote stands in and the
    quote's span in that text."""
    heads = {claim.fact_ids[0] for claim in brief.claims}
    articles = {a.id: a for a in brief.articles}
    sentences = {(a.id, s.id): s for a in brief.articles for s in a.sentences}
    found: dict[str, _Evidence] = {}
    for fact in (f for f in brief.facts if f.id in heads):
        held = [s for i in fact.sentence_ids if (s := sentences.get((fact.article_id, i))) is not None]
        start = min((s.start for s in held), default=fact.start)
        end = max((s.end for s in held), default=fact.end)
        text = articles[fact.article_id].text[start:end]
        found[fact.id] = text, (max(0, fact.start - start), min(end, fact.end) - start)
    return found


def _tier(claim: Claim, assessment: Assessment) -> int:
    """Reported facts first, then opinion, then what is no reported fact or cannot be shown. Repeats are found on
    the ranking (see assess), so the tier does not look at them."""
    if assessment.aside is not None or assessment.text is None:
        return 2
    return 1 if assessment.opinion else 0


def ranked_claims(brief: Brief, assessed: Mapping[str, Assessment] | None = None) -> list[Claim]:
    """Claims best first: reported facts before opinion, then independent sources, sources, kind, and the
    earliest sentence that states them. `assessed` is assess(brief), when the caller has it."""
    return _ranked(brief, assessed if assessed is not None else assess(brief))


def _ranked(brief: Brief, assessed: Mapping[str, Assessment]) -> list[Claim]:
    facts = {f.id: f for f in brief.facts}
    order = {a.id: a for a in brief.articles}

    def position(claim: Claim) -> float:
        fact = facts[claim.fact_ids[0]]
        sentences = order[fact.article_id].sentences
        index = next((i for i, s in enumerate(sentences) if s.id == fact.sentence_ids[0]), len(sentences))
        return index / max(1, len(sentences))

    def key(claim: Claim) -> tuple[int, int, int, int, float, str]:
        tier, sources = _tier(claim, assessed[claim.id]), len(claim.article_ids)
        return tier, -claim.independent, -sources, -KIND_WEIGHT[claim.kind], position(claim), claim.id

    return sorted(brief.claims, key=key)


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
    for key in ("disputed", "happened", "positions", "timeline", "single", "unconfirmed", "opinion"):
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
    summary = (
        f"{len(brief.articles)} articles, {len(brief.claims)} claims from {len(brief.facts)} quoted facts, "
        f"{len(brief.conflicts)} disputed, {len(brief.rejections)} facts rejected by grounding"
    )
    if asides := sum(a.aside is not None for a in counted):
        summary += f", {asides} questions, asides or page lines left off"
    if garbled := sum(a.garbled is not None for a in counted):
        summary += f", {garbled} garbled statements shown as quoted or left off"
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
_CUT_ORDER = {"disputed": 0, "happened": 1, "positions": 1, "timeline": 2, "single": 3, "unconfirmed": 4, "opinion": 5}


def _cut_rank(entry: _Entry) -> int:
    return change_items.CUT_RANK[entry.change.kind] if entry.change is not None else _CUT_ORDER[entry.section]


def _plan(brief: Brief) -> _Plan:
    assessed = assess(brief)
    claims = _ranked(brief, assessed)
    shown = [c for c in claims if assessed[c.id].on_page]
    reported = [c for c in shown if not assessed[c.id].opinion]
    # A claim whose sources disagree on a detail of it (a figure, a date, a deadline) is no bottom line: its line
    # would carry one side's detail as if all its sources gave it.
    confirmed = [c for c in reported if c.independent >= 2 and not c.unsupported and not c.disputes]
    bottom = (confirmed or [c for c in reported if not c.unsupported])[:BOTTOM_LINE]
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
            section = "positions" if claim.kind in POSITION_KINDS else "happened"
        entries.append(_Entry(section, claim=claim))
    # The first change of each kind is kept before everything else can be: the editor sees every kind of change
    # (a fact no longer stated included) on the page, and the review page has the rest.
    first_of_kind = {entry.change.kind: n for n, entry in reversed(list(enumerate(entries))) if entry.change}
    leads = set(first_of_kind.values())
    ranked = sorted(enumerate(entries), key=lambda pair: (-1 if pair[0] in leads else _cut_rank(pair[1]), pair[0]))
    aside = [_Entry("aside", claim=c) for c in claims if not assessed[c.id].on_page]
    return _Plan(bottom, [entry for _, entry in ranked], aside, assessed)


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
        label, kind = self.changed.get(claim.id, ("", ""))
        return Item(claim.id, assessment.text or claim.statement, numbers, note, date=day, uncited=more, change=label,
                    change_kind=kind)  # fmt: skip

    def entry(self, entry: _Entry) -> Item:
        if entry.change is not None:
            return change_items.item(entry.change, self.cite, self.previous)
        if entry.conflict is not None:
            sides = [(side.value, *self.cite(side.fact_ids)) for side in entry.conflict.sides]
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
