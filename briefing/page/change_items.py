"""The change list as lines of the page: the "Since the last brief" section, and the label an item of another
section carries when its claim is new, revised or better sourced now. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..models import ArticleRef, Change, ChangeKind, ChangeQuote, Changes, CitedSide, EarlierQuote, Item

SECTION_KEY = "since"
SECTION_TITLE = "Since the last brief"
LABELS = {
    ChangeKind.REVISED: "revised",
    ChangeKind.NEW_CONFLICT: "new dispute",
    ChangeKind.RESOLVED_CONFLICT: "no longer disputed",
    ChangeKind.NEW: "new",
    ChangeKind.MORE_SOURCES: "more sources",
    ChangeKind.DROPPED: "no longer stated",
}
# What the fit to one page keeps longest, on compose's scale (0: with the disputes): revisions and disputes, then
# new and better-sourced claims, then claims no longer stated.
CUT_RANK = {
    ChangeKind.REVISED: 0, ChangeKind.NEW_CONFLICT: 0, ChangeKind.RESOLVED_CONFLICT: 0,
    ChangeKind.NEW: 1, ChangeKind.MORE_SOURCES: 1, ChangeKind.DROPPED: 2,
}  # fmt: skip
MAX_EARLIER = 3  # the previous brief's quotes shown on a line; brief.json and the review page have them all

# compose's citation numbering: fact IDs -> citation numbers, and how many more articles state it uncited
Cite = Callable[[list[str]], tuple[list[int], int]]


def labels(changes: Changes | None, claim_of: Mapping[str, str]) -> Mapping[str, tuple[str, ChangeKind | None]]:
    """This brief's claim ID -> what changed about it (label, kind): ("revised: 31 → 44", ChangeKind.REVISED), for
    its line in any section. A claim that still gives a revised figure (its article read again) is labelled with the new
    one. `claim_of` maps this brief's fact IDs to their claims."""
    if changes is None:
        return {}
    found = {c.claim_id: (_label(c), c.kind) for c in changes.changes if c.claim_id is not None}
    for change in changes.of(ChangeKind.REVISED):
        for quote in change.previous_quotes:
            if quote.same_as is not None and quote.same_as in claim_of:
                found.setdefault(claim_of[quote.same_as], (f"revised since: now {change.after}", change.kind))
    return found


def caption(changes: Changes, shown: int) -> str:
    """One line on what the change list compares and holds, and how much of it the page leaves off."""
    read = len(changes.previous_articles) - len(changes.articles_removed)
    counts = [f"{len(found)} {LABELS[kind]}" for kind in ChangeKind if (found := changes.of(kind))]
    line = (
        f"Compared with the previous brief of {len(changes.previous_articles)} articles: {read} read again unchanged, "
        f"{len(changes.articles_added)} new or updated, {len(changes.articles_removed)} no longer read. "
    )
    line += "; ".join(counts) if counts else "Nothing changed."
    if hidden := len(changes.changes) - shown:
        line += f" ({hidden} more on the review page)"
    return line


def item(change: Change, cite: Cite, previous: Mapping[str, ArticleRef]) -> Item:
    """The page's line for one change: this brief's quotes cited, the previous brief's quoted with their source
    (and cited too when the same fact is still in this brief)."""
    key = f"{SECTION_KEY}:{change.kind.value}:{change.claim_id or change.previous_claim_id}"
    if change.kind == ChangeKind.NEW_CONFLICT:
        sides = []
        for value in change.values:
            numbers, more = cite([q.fact_id for q in change.quotes if q.value == value])
            sides.append(CitedSide(value, numbers, more))
        return Item(f"{key}:{change.conflict_id}", f"{change.text} ({change.attribute})",
                    [n for _, numbers, _ in sides for n in numbers], sides=sides, change=_label(change),
                    change_kind=change.kind)  # fmt: skip
    numbers, more = cite([q.fact_id for q in change.quotes]) if change.quotes else ([], 0)
    earlier = []  # numbered after this brief's quotes: in reading order
    for quote in _each_value_first(_distinct(change.previous_quotes))[:MAX_EARLIER]:
        number = cite([quote.same_as])[0][0] if quote.same_as else None
        earlier.append(EarlierQuote(quote.quote, _where(previous.get(quote.article_id), quote.value), number))
    if change.kind == ChangeKind.RESOLVED_CONFLICT:
        text = f"{change.text} ({change.attribute}): " + " vs ".join(f"“{v}”" for v in change.values)
        return Item(f"{key}:{change.previous_conflict_id}", text, [], change.note, change=_label(change),
                    change_kind=change.kind, earlier=earlier)  # fmt: skip
    return Item(key, change.text, numbers, _note(change), uncited=more, change=_label(change),
                change_kind=change.kind, earlier=earlier)  # fmt: skip


def _distinct(quotes: list[ChangeQuote]) -> list[ChangeQuote]:
    """One quote for each wording: copies of one wire story say it once."""
    return _firsts(quotes, lambda q: q.quote)


def _each_value_first(quotes: list[ChangeQuote]) -> list[ChangeQuote]:
    """The first quote of each value (each side of a dispute), then the rest: a line that shows three shows both
    sides."""
    firsts = _firsts(quotes, lambda q: q.value)
    return firsts + [q for q in quotes if q not in firsts]


def _firsts(quotes: list[ChangeQuote], key: Callable[[ChangeQuote], str | None]) -> list[ChangeQuote]:
    """The first quote of each key, in order."""
    seen: dict[str | None, ChangeQuote] = {}
    for quote in quotes:
        seen.setdefault(key(quote), quote)
    return list(seen.values())


def _label(change: Change) -> str:
    if change.kind == ChangeKind.REVISED:
        return f"{LABELS[change.kind]}: {change.before} → {change.after}"
    return LABELS[change.kind]


def _note(change: Change) -> str:
    if change.kind == ChangeKind.MORE_SOURCES:
        return f"{_sources(change.independent_before, change.sources_before)} before, now " + _sources(
            change.independent_now, change.sources_now
        )
    if change.kind == ChangeKind.REVISED:
        note = f"{change.attribute}; now {_sources(change.independent_now, change.sources_now)}"
        return f"{note} · {change.note}" if change.note else note
    if change.kind == ChangeKind.DROPPED:
        return f"was {_sources(change.independent_before, change.sources_before)}"
    return _sources(change.independent_now, change.sources_now)


def _sources(independent: int | None, sources: int | None) -> str:
    """How many sources, and how many independent, as compose's backing says it."""
    sources, independent = sources or 0, independent or 0
    if sources <= 1:
        return "single source"
    if independent >= sources:
        return f"{sources} sources"
    return f"{sources} sources, {independent} independent"


def _where(article: ArticleRef | None, value: str | None) -> str:
    """Who stated a quote of the previous brief, and when (the value it gave, for a revision or a dispute)."""
    if article is None:
        return "the previous brief"
    where = article.outlet or article.label
    where += f", {article.published}" if article.published else ""
    return f"{value} — {where}" if value else where
