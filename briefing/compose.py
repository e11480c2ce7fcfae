"""Claims and conflicts -> one page: sections, ranked items, numbered citations. Pure.

Ranking: independent corroboration first, then how many sources, then importance (what a claim is, and
how early its articles state it). Cutting to fit drops the lowest-ranked items; what is cut is kept as
overflow for the review page, never lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Brief, Citation, Claim, Conflict, FactKind, Item, Page, Section

BOTTOM_LINE = 3
# A line cites at most this many articles' quotes (its backing note counts them all): a claim that 300 articles
# state would otherwise fill the page with citation numbers. The review page and brief.json have every quote.
MAX_CITED_ARTICLES = 5
KIND_WEIGHT = {
    FactKind.EVENT: 3, FactKind.NUMBER: 3, FactKind.DEMAND: 2, FactKind.POSITION: 2, FactKind.STATEMENT: 2,
    FactKind.BACKGROUND: 1, FactKind.OPINION: 0,
}  # fmt: skip
POSITION_KINDS = {FactKind.DEMAND, FactKind.POSITION, FactKind.STATEMENT, FactKind.OPINION}
SECTION_TITLES = {
    "bottom_line": "Bottom line",
    "happened": "What happened",
    "timeline": "Timeline",
    "positions": "Positions and demands",
    "disputed": "Disputed",
    "single": "Single-source claims",
    "unconfirmed": "Not confirmed: details the evidence does not state",
}


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


def ranked_claims(brief: Brief) -> list[Claim]:
    """Claims best first: independent sources, sources, kind, then the earliest sentence that states them."""
    facts = {f.id: f for f in brief.facts}
    order = {a.id: a for a in brief.articles}

    def position(claim: Claim) -> float:
        fact = facts[claim.fact_ids[0]]
        sentences = order[fact.article_id].sentences
        index = next((i for i, s in enumerate(sentences) if s.id == fact.sentence_ids[0]), len(sentences))
        return index / max(1, len(sentences))

    return sorted(
        brief.claims,
        key=lambda c: (-c.independent, -len(c.article_ids), -KIND_WEIGHT[c.kind], position(c), c.id),
    )


def droppable_count(brief: Brief) -> int:
    """How many items compose() can cut (everything but the bottom line)."""
    return len(_plan(brief)[1])


def compose(brief: Brief, title: str | None = None, keep: int | None = None) -> Page:
    """The page with the `keep` best droppable items (all when None); the rest go to overflow."""
    bottom, droppable = _plan(brief)
    kept, cut = (droppable, []) if keep is None else (droppable[:keep], droppable[keep:])
    numbers = _Numbers(brief)
    sections = [Section("bottom_line", SECTION_TITLES["bottom_line"], [numbers.claim(c) for c in bottom])]
    for key in ("disputed", "happened", "positions", "timeline", "single", "unconfirmed"):
        entries = [e for e in kept if e.section == key]
        if key == "timeline":
            entries.sort(key=lambda e: e.day or "")
        if entries:
            sections.append(Section(key, SECTION_TITLES[key], [numbers.entry(e) for e in entries]))
    overflow = [numbers.entry(e) for e in cut]
    summary = (
        f"{len(brief.articles)} articles, {len(brief.claims)} claims from {len(brief.facts)} quoted facts, "
        f"{len(brief.conflicts)} disputed, {len(brief.rejections)} facts rejected by grounding"
    )
    return Page(title or _default_title(brief), summary, sections, overflow, numbers.items, brief.articles)


@dataclass(frozen=True)
class _Entry:
    section: str
    claim: Claim | None = None
    conflict: Conflict | None = None
    day: str | None = None


# Cut last: disputes, then corroborated claims, the timeline, single-source and unconfirmed claims.
_CUT_ORDER = {"disputed": 0, "happened": 1, "positions": 1, "timeline": 2, "single": 3, "unconfirmed": 4}


def _plan(brief: Brief) -> tuple[list[Claim], list[_Entry]]:
    claims = ranked_claims(brief)
    confirmed = [c for c in claims if c.independent >= 2 and not c.unsupported]
    bottom = (confirmed or [c for c in claims if not c.unsupported])[:BOTTOM_LINE]
    entries = [_Entry("disputed", conflict=conflict) for conflict in brief.conflicts]
    for claim in claims:
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
    ranked = sorted(enumerate(entries), key=lambda pair: (_CUT_ORDER[pair[1].section], pair[0]))
    return bottom, [entry for _, entry in ranked]


class _Numbers:
    """Citation numbers in reading order; one quote per article for each claim or side."""

    def __init__(self, brief: Brief) -> None:
        self.facts = {f.id: f for f in brief.facts}
        self.articles = {a.id: a for a in brief.articles}
        self.seen: dict[str, int] = {}
        self.items: list[Citation] = []

    def cite(self, fact_ids: list[str]) -> tuple[list[int], int]:
        """Citation numbers for the first quote of each of the first MAX_CITED_ARTICLES articles, and how many
        more articles there are."""
        first: dict[str, str] = {}
        for fact_id in fact_ids:
            first.setdefault(self.facts[fact_id].article_id, fact_id)
        cited = list(first.values())[:MAX_CITED_ARTICLES]
        for fact_id in cited:
            if fact_id not in self.seen:
                fact = self.facts[fact_id]
                self.items.append(Citation(len(self.items) + 1, fact, self.articles[fact.article_id]))
                self.seen[fact_id] = len(self.items)
        return [self.seen[fact_id] for fact_id in cited], len(first) - len(cited)

    def claim(self, claim: Claim, day: str | None = None) -> Item:
        note = backing(claim)
        if claim.dates and day is None:
            note += " · dated " + ", ".join(claim.dates)
        if claim.unsupported:
            note += " · unsupported: " + ", ".join(claim.unsupported)
        numbers, more = self.cite(claim.fact_ids)
        return Item(claim.id, claim.statement, numbers, note, date=day, uncited=more)

    def entry(self, entry: _Entry) -> Item:
        if entry.conflict is not None:
            sides = [(side.value, *self.cite(side.fact_ids)) for side in entry.conflict.sides]
            text = f"{entry.conflict.subject} ({entry.conflict.attribute})"
            return Item(entry.conflict.id, text, [n for _, numbers, _ in sides for n in numbers], sides=sides)
        assert entry.claim is not None
        return self.claim(entry.claim, entry.day)


def _default_title(brief: Brief) -> str:
    from collections import Counter

    actors = Counter(actor for fact in brief.facts for actor in dict.fromkeys(fact.fact.actors))
    top = [name for name, _ in actors.most_common(3)]
    return f"Brief: {', '.join(top)}" if top else "Brief"
