"""What the page decides about each claim, and why: a reported fact or not, the text it shows (the statement, else
the verified quote, else nothing), whether it repeats another claim, whether it is analysis; and the claims ranked
best first. Pure; layout.py lays the page out from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..models import PAIR_ACTIONS, AppliedEdit, Brief, Claim, EditAction, FactKind, GroundedFact
from ..text.furniture import not_a_fact
from ..text.lexicon import ATTRIBUTION_VERBS, DEMONSTRATIVES, SUBJECT_PRONOUNS, phrase_at
from ..text.normalize import words
from ..text.reading import CLOSING_QUOTES, OPENING_QUOTES, analysis, cut_off, garbled, outside_quotes

KIND_WEIGHT = {
    FactKind.EVENT: 3, FactKind.NUMBER: 3, FactKind.DEMAND: 2, FactKind.POSITION: 2, FactKind.STATEMENT: 2,
    FactKind.BACKGROUND: 1, FactKind.OPINION: 0,
}  # fmt: skip


def backing(claim: Claim) -> str:
    """How many sources state a claim, how many of them are independent, and whether they disagree on a detail."""
    sources = len(claim.article_ids)
    if sources == 1:
        return "1 source"
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
        cut: what its line cut from the head's quote (a lead-in, a dateline, a trailing comment), or "".
    """

    aside: str | None = None
    garbled: str | None = None
    text: str | None = None
    note: str = ""
    repeats: str | None = None
    opinion: str | None = None  # why it is the writer's analysis or an opinion, not a reported fact
    cut: str = ""  # what the line cut from its quote (the review page shows it; the page shows the line)
    alternative: str = ""  # a claim with a written line: the line not shown (the review page shows both)

    @property
    def on_page(self) -> bool:
        """True when the claim may take a line of the page."""
        return self.aside is None and self.text is not None and self.repeats is None


def assess(brief: Brief) -> dict[str, Assessment]:
    """Each claim's assessment: reported fact or not, what text it shows, whether it repeats another claim."""
    facts = {f.id: f for f in brief.facts}
    texts = {a.id: a.text for a in brief.articles}
    spoken_claims = [spoken(c, facts, texts) for c in brief.claims]
    evidence = _evidence(brief, spoken_claims)
    edited = editor_decisions(brief)
    assessed = {
        c.id: _with_editor(edited.get(c.id, {}), _with_written(c, _with_line(
            _with_opinion(c, _assess(c, facts, evidence), facts), facts[c.fact_ids[0]], texts)))
        for c in spoken_claims
    }  # fmt: skip
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


# Parts whose reading states no fact of its own: a dated subject ("The call, on 4 May"), who says it ("Four
# officials told the paper"), an example read with the noun it exemplifies ("Full amnesty, including the end of the
# case"). A claim speaks through a member that states a whole clause when it has one.
_FRAGMENTS = frozenset({"dated", "attribution", "example"})
# A line opening with one of these leans on a sentence before it ("This exchange took place ...", "He said ...").
LEADING_PRONOUNS = DEMONSTRATIVES | SUBJECT_PRONOUNS


def spoken(claim: Claim, facts: Mapping[str, GroundedFact], texts: Mapping[str, str]) -> Claim:
    """The claim as the page reads it: spoken by the member that states it most plainly (its first fact moved
    first). Plain: a whole clause (no fragment of its sentence, nothing garbled) not leaning on a sentence before it;
    of those, a reported one before the writer's comment, one holding the figures and dates its members share, then
    the shortest line once framing is cut; the first on a tie. With no plain member the first fact speaks."""
    members = [facts[i] for i in claim.fact_ids]
    plain = [m for m in members if _plain(m)]
    if len(members) < 2 or not plain:
        return claim
    figures = [frozenset(t for t in words(m.quote) if any(c.isdigit() for c in t)) for m in members]
    shared = frozenset(t for t in frozenset().union(*figures) if sum(t in f for f in figures) >= 2)

    def rank(fact: GroundedFact) -> tuple[bool, int, int]:
        statement = fact.fact.statement
        shown = statement
        if fact.line is not None and statement == fact.quote and fact.article_id in texts:
            shown = texts[fact.article_id][fact.line.start : fact.line.end]  # the line once its framing is cut
        return fact.commentary is not None, -len(shared.intersection(words(statement))), len(words(shown))

    best = min(plain, key=rank)
    if best is members[0]:
        return claim
    order = [best.id, *(i for i in claim.fact_ids if i != best.id)]
    return claim.model_copy(update={"fact_ids": order, "statement": best.fact.statement})


def _plain(fact: GroundedFact) -> bool:
    """A whole clause of its own: no fragment of its sentence, not garbled, not leaning on a sentence before it."""
    statement = fact.fact.statement
    leans = any(word in LEADING_PRONOUNS for word in words(statement)[:1])
    return fact.part not in _FRAGMENTS and garbled(statement, fact.quote) is None and not leans


def _with_opinion(claim: Claim, assessment: Assessment, facts: dict[str, GroundedFact]) -> Assessment:
    """The model's kind says opinion, or the quote reads as the writer's own analysis (the embedded model calls
    nearly everything a statement, so the words decide where they can)."""
    head = facts[claim.fact_ids[0]]
    why = "an opinion" if claim.kind == FactKind.OPINION else head.commentary or analysis(head.quote)
    if why is None:
        return assessment
    note = assessment.note or f"analysis, not a reported fact: {why}"
    return replace(assessment, opinion=why, note=note)


def _with_line(assessment: Assessment, head: GroundedFact, texts: Mapping[str, str]) -> Assessment:
    """Where the page would show the head's quote, its line instead: the quote less the framing the parse saw
    (facts/framing.py), capitalised and closed. A statement that is its verified quote with words before or after
    it (a model that copied its sentence whole, "In a surprising turn, ...", where grounding narrowed the quote to
    the clause that states it) shows the quote. The review page names each cut."""
    text = assessment.text
    if text is None or head.article_id not in texts:
        return assessment
    if text != head.quote and (head.part is not None or head.split_from is not None):
        # a part's statement is its reading in its sentence (its own words are a fragment): only an opening the
        # line cut from the part's quote ("In addition, ...") is cut from the reading too
        return _reading_without_lead_in(assessment, text, head, texts)
    if head.quote not in text:
        return assessment
    cuts = []
    if text != head.quote:
        before, _, after = text.partition(head.quote)
        if len(head.quote.split()) < MIN_QUOTE_WORDS or not (before.strip() or after.strip(" .")):
            return assessment
        outside = " \u2026 ".join(part.strip(" ,.") for part in (before, after) if part.strip(" ,."))
        cuts.append(f"the statement's words outside its quote (\u201c{outside}\u201d)")
    # who says it, cut with the words outside the quote, goes with the line as its source
    tokens = words(text.replace(head.quote, " "))
    source = outside if text != head.quote and any(phrase_at(tokens, v) for v in ATTRIBUTION_VERBS) else None
    line = head.quote
    if head.line is not None:
        line = texts[head.article_id][head.line.start : head.line.end].strip() or head.quote
        cuts += head.line.cuts
        source = head.line.source or source
    if not cuts:
        return assessment
    shown = line[:1].upper() + line[1:]
    if not shown.endswith((".", "!", "?", "\u201d", '"', "'", "\u2019")):
        shown += "."
    note = assessment.note
    if source:  # the line no longer opens with who says it: the note says it
        note = f"{note} · attributed in the quote: {source}" if note else f"attributed in the quote: {source}"
    return replace(assessment, text=shown, note=note, cut="; ".join(cuts))


def _own_line(text: str) -> str:
    """What the review page says beside a line someone wrote: the line the sources' own words gave."""
    return f"the sources\u2019 own line: {text}"


def _with_written(claim: Claim, assessment: Assessment) -> Assessment:
    """A line a model wrote for the claim takes the place of its clause when the code found all it says in the
    claim's quotes (checks/written.py); either way the review page shows the other one."""
    written, text = claim.written, assessment.text
    if written is None or text is None or assessment.aside is not None:
        return assessment
    if written.shown:
        return replace(assessment, text=written.text, alternative=_own_line(text))
    if not written.text:
        return replace(assessment, alternative=f"no written line: {written.refused}")
    return replace(assessment, alternative=f"a written line, not shown ({written.refused}): {written.text}")


def editor_decisions(brief: Brief) -> dict[str, dict[EditAction, AppliedEdit]]:
    """The editor's corrections applied to each claim, by claim ID and action (the last of one action wins)."""
    decisions: dict[str, dict[EditAction, AppliedEdit]] = {}
    for done in brief.edits:
        if done.applied and done.claim_id is not None and done.edit.action not in PAIR_ACTIONS:
            decisions.setdefault(done.claim_id, {})[done.edit.action] = done
    return decisions


def _with_editor(decisions: Mapping[EditAction, AppliedEdit], assessment: Assessment) -> Assessment:
    """What an editor decided about the claim, over what the code read: not a fact (off the page), the writer's
    commentary (Analysis), the line in the editor's words (checked against the quotes when the build applied it).
    The note says so, with who and why."""
    if not decisions:
        return assessment
    note = " · ".join(filter(None, [assessment.note, *(f"editor: {d.basis}" for d in decisions.values())]))
    assessment = replace(assessment, note=note)
    if EditAction.NOT_A_FACT in decisions:
        assessment = replace(assessment, aside="not a fact, an editor's decision")
    if EditAction.COMMENTARY in decisions:
        assessment = replace(assessment, opinion="commentary, an editor's decision")
    headline = decisions.get(EditAction.HEADLINE)
    if headline is not None and headline.edit.text and assessment.text is not None:
        assessment = replace(assessment, text=headline.edit.text.strip(), alternative=_own_line(assessment.text))
    return assessment


MIN_QUOTE_WORDS = 4  # a narrowed quote shorter than this is too little to stand for its statement


def _reading_without_lead_in(
    assessment: Assessment, text: str, head: GroundedFact, texts: Mapping[str, str]
) -> Assessment:
    """A part's reading less the lead-in or dateline its line cut from the part's quote, when the reading opens with
    the same words."""
    if head.line is None or head.line.source or head.line.start <= head.start:
        return assessment
    prefix = texts[head.article_id][head.start : head.line.start]
    rest = text[len(prefix) :].strip()
    if not text.startswith(prefix) or len(rest.split()) < MIN_QUOTE_WORDS:
        return assessment
    opening = [cut for cut in head.line.cuts if cut.startswith(("a lead-in", "a dateline"))]
    return replace(assessment, text=rest[:1].upper() + rest[1:], cut="; ".join(opening))


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


def _evidence(brief: Brief, claims: Sequence[Claim]) -> dict[str, _Evidence]:
    """For each claim's first fact (the one the page shows), the text of the sentences its quote stands in and the
    quote's span in that text."""
    heads = {claim.fact_ids[0] for claim in claims}
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
