"""Raw fact -> grounded fact (a verified span of its article) or a rejection with a reason. Pure.

One outcome type, GroundingOutcome, from ground_fact, whose steps are functions of their own: the cited
sentences (cited_sentences), the quote located in or next to them (locate_quote), the spans to try
(span_candidates), widened to a pronoun's antecedent (with_antecedent), and the first span that states the
statement, else the best sentence of the article (first_supported, best_sentence; evidence.support scores).
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import NamedTuple, TypeAlias

from rapidfuzz import fuzz

from ..models import Article, GroundedFact, MatchStatus, RawFact, Rejection, RejectionReason, Sentence
from ..text.injection import INSTRUCTION
from ..text.lexicon import LEADING_CONJUNCTIONS, RELATIVE_PRONOUNS
from ..text.normalize import normalize, words
from .evidence import Support, states, support

# partial_ratio (0-100) a quote must reach against its sentence to count as found; below it, the model's
# "quote" is a paraphrase and the sentence itself becomes the evidence.
FUZZY_THRESHOLD = 90.0
FUZZY_MIN_CHARS = 12  # shorter quotes align with almost anything
QUOTE_TRIM = "\"'\u201c\u201d\u2018\u2019 .\u2026"
CLOSE_REACH = 3  # characters between a quote's end and the closing mark of its quotation (".", ",", "!")
NARROW_MIN_WORDS = 4  # a narrower quote than this loses who or what the fact is about
# The parts of a sentence between ", " and ";" (not "1,400"): the units an atomic quote is made of.
_PART = re.compile(r"[^,;]+(?:,(?! )[^,;]*)*")
_RELATIVE = re.compile(rf"\s*(?:{'|'.join(RELATIVE_PRONOUNS)})\b", re.IGNORECASE)
_LEADING_CONJUNCTION = re.compile(rf"\s*(?:(?:{'|'.join(LEADING_CONJUNCTIONS)})\s+)?")
_NAME = re.compile("\\b[A-Z][\\w'\u2019-]+")


class Span(NamedTuple):
    """A stretch of an article's text offered as a fact's evidence, and how it was found."""

    start: int
    end: int
    status: MatchStatus


# What grounding makes of one raw fact: a grounded fact (a verified span of its article) or a rejection saying why.
GroundingOutcome: TypeAlias = GroundedFact | Rejection


class SentenceIndex:
    """An article's sentences by ID and by position, made once for all its facts: grounding one fact looks its
    sentences up five times, and scanning them all each time was a tenth of grounding a corpus."""

    def __init__(self, article: Article) -> None:
        self.sentences = article.sentences
        self._by_id = {s.id: s for s in reversed(self.sentences)}  # of two with one ID the first, as Article.sentence
        self._starts = [s.start for s in self.sentences]
        self._ends = [s.end for s in self.sentences]
        # Bisecting needs the sentences in text order, none empty or overlapping (as sources.py numbers them);
        # other lists of sentences are scanned.
        self._in_order = all(s.start < s.end for s in self.sentences) and all(
            before.end <= after.start for before, after in itertools.pairwise(self.sentences)
        )

    def sentence(self, sentence_id: str) -> Sentence | None:
        """The sentence with this ID, or None."""
        return self._by_id.get(sentence_id)

    def overlapping(self, start: int, end: int) -> list[Sentence]:
        """The sentences sharing a char with text[start:end], in their order."""
        if not self._in_order:
            return [s for s in self.sentences if s.start < end and s.end > start]
        return self.sentences[bisect_right(self._ends, start) : bisect_left(self._starts, end)]

    def position_at(self, offset: int) -> int:
        """The position of the sentence holding the offset."""
        if self._in_order:
            position = bisect_right(self._starts, offset) - 1
            if position >= 0 and offset < self._ends[position]:
                return position
        return next(i for i, s in enumerate(self.sentences) if s.start <= offset < s.end)


def ground_facts(article: Article, facts: Iterable[RawFact]) -> tuple[list[GroundedFact], list[Rejection]]:
    """Ground every raw fact of one article; each one ends up grounded or rejected, never dropped."""
    grounded: list[GroundedFact] = []
    rejected: list[Rejection] = []
    index = SentenceIndex(article)
    for number, fact in enumerate(facts, start=1):
        outcome = ground_fact(article, fact, f"{article.id}#F{number}", index)
        if isinstance(outcome, GroundedFact):
            grounded.append(outcome)
        else:
            rejected.append(outcome)
    return grounded, rejected


def ground_fact(article: Article, fact: RawFact, fact_id: str, index: SentenceIndex | None = None) -> GroundingOutcome:
    """Offer the cited sentences (or the quote found near them) as evidence, widened to a pronoun's antecedent;
    the first that states the statement grounds it, else the article's sentence that states it best does.
    `index` is the article's SentenceIndex, when the caller grounds several of its facts."""
    if index is None:
        index = SentenceIndex(article)
    cited = cited_sentences(index, fact)
    if not cited:
        detail = f"cites no sentence of the article ({', '.join(fact.evidence)})"
        return _rejection(article, fact, RejectionReason.NO_EVIDENCE, detail)
    candidates = with_antecedent(index, span_candidates(article, index, fact.quote, cited))
    # The model's IDs are off at times: then the sentence that states it is the evidence.
    chosen = first_supported(article, fact.statement, candidates) or best_sentence(article, fact.statement)
    if chosen is not None:
        span, found = chosen
        return _outcome_on(article, index, fact, fact_id, span, found, cited)
    gap = support(fact.statement, article.text[candidates[-1].start : candidates[-1].end])
    detail = f"no sentence states it: {', '.join(gap.missing[:8])} not in the evidence (support {gap.score:.2f})"
    return _rejection(article, fact, RejectionReason.UNSUPPORTED, detail)


def cited_sentences(index: SentenceIndex, fact: RawFact) -> list[Sentence]:
    """The article's sentences the fact cites, in text order (unknown IDs and repeats left out)."""
    cited = (s for i in dict.fromkeys(fact.evidence) if (s := index.sentence(i)))
    return sorted(cited, key=lambda s: s.start)


def span_candidates(article: Article, index: SentenceIndex, quote: str, cited: list[Sentence]) -> list[Span]:
    """The evidence to try, narrowest first: a quote found at or next to the cited sentences, then the whole
    sentences it stands in; without a quote found, each cited sentence, then their run."""
    located = locate_quote(article, quote, cited) or locate_quote(article, quote, _near(article, cited))
    if located:
        covering = index.overlapping(located.start, located.end)
        return [located, Span(covering[0].start, covering[-1].end, located.status)]
    # The model's own facts carry no quote: their cited sentences are the evidence, as they were meant to be.
    status = MatchStatus.SENTENCE if quote.strip() else MatchStatus.CITED
    candidates = [Span(s.start, s.end, status) for s in cited]
    if len(cited) > 1:
        candidates.append(Span(cited[0].start, cited[-1].end, status))
    return candidates


def with_antecedent(index: SentenceIndex, candidates: list[Span]) -> list[Span]:
    """The candidates and, last, the widest one taken back to the sentence before it in its paragraph.

    Statements name who a pronoun in the cited sentence refers to ("He issued..."): the sentence before, shown as
    part of the evidence, may supply the name."""
    widest = candidates[-1]
    first = index.position_at(widest.start)
    sentences = index.sentences
    if first > 0 and sentences[first - 1].paragraph == sentences[first].paragraph:
        return [*candidates, Span(sentences[first - 1].start, widest.end, widest.status)]
    return candidates


def first_supported(article: Article, statement: str, candidates: list[Span]) -> tuple[Span, Support] | None:
    """The first candidate whose text states the statement (evidence.support), with its support."""
    for span in candidates:
        if (found := support(statement, article.text[span.start : span.end])).ok:
            return span, found
    return None


def best_sentence(article: Article, statement: str) -> tuple[Span, Support] | None:
    """The sentence of the article that states the statement best (the earliest of equals), with its support."""
    scored = [(support(statement, article.sentence_text(s)), s) for s in article.sentences]
    passing = [(found.score, -s.start, s, found) for found, s in scored if found.ok]
    if not passing:
        return None
    _, _, sentence, found = max(passing, key=lambda item: item[:2])
    return Span(sentence.start, sentence.end, MatchStatus.SENTENCE), found


def _outcome_on(
    article: Article,
    index: SentenceIndex,
    fact: RawFact,
    fact_id: str,
    span: Span,
    found: Support,
    cited: list[Sentence],
) -> GroundingOutcome:
    """The fact grounded on the span, cut to the words that state it; or rejected, when those words are an
    instruction aimed at a model rather than something the article reports."""
    start, end = narrow(article.text, span.start, span.end, fact.statement)
    end = close_quotation(article.text, start, end)
    touched = index.overlapping(start, end)
    if any(INSTRUCTION.search(article.sentence_text(s)) for s in touched):
        detail = "its evidence is an instruction aimed at a model, not something the article reports"
        return _rejection(article, fact, RejectionReason.INSTRUCTION, detail)
    ids = [s.id for s in touched]
    return GroundedFact(
        id=fact_id,
        article_id=article.id,
        fact=fact,
        start=start,
        end=end,
        quote=article.text[start:end],
        sentence_ids=ids,
        match=span.status,
        support=round(found.score, 3),
        realigned=not set(ids) & {s.id for s in cited},
    )


def _rejection(article: Article, fact: RawFact, reason: RejectionReason, detail: str) -> Rejection:
    return Rejection(article_id=article.id, fact=fact, reason=reason, detail=detail)


def close_quotation(text: str, start: int, end: int) -> int:
    """The end moved past the closing mark (and the full stop) of a quotation the span opens but does not close:
    a quote ending 'the bridge was “closed' reads as cut off; 'the bridge was “closed.”' does not."""
    if text.count("\u201c", start, end) <= text.count("\u201d", start, end):
        return end
    closing = text.find("\u201d", end, end + CLOSE_REACH)
    return closing + 1 if closing >= 0 else end


def narrow(text: str, start: int, end: int, statement: str) -> tuple[int, int]:
    """The shortest run of the span's comma-separated parts that still supports the statement.

    A sentence often states several facts ("She asked for a pay rise, shorter shifts, and ..."); an atomic
    fact's evidence is the part that states it, so that matching and the review page see that part alone.
    The run is verbatim text of the span; a leading conjunction is left out so it starts at its subject.
    """
    span = text[start:end]
    if ", " not in span and ";" not in span:
        return start, end  # one part: only "; " and ", " end one (a part runs on over the comma of "1,400")
    parts = [(start + m.start(), start + m.end()) for m in _PART.finditer(span)]
    if len(parts) < 2:
        return start, end
    # Names the statement gives and the span holds stay in the quote: "Dana Okafor, general secretary of the
    # union, warned ..." narrowed to "general secretary of the union, warned ..." would lose who warned.
    span_names = set(_NAME.findall(text, start, end))
    kept_names = {name for name in _NAME.findall(statement)[1:] if name in span_names}
    # A run's names are its parts' (no name runs over the "," or ";" between two): read once a part, they make
    # the run's test of names a union, tried before the costlier reading of its words.
    part_names = [set(_NAME.findall(text[part_start:part_end])) for part_start, part_end in parts]
    best = (start, end)
    for first in range(len(parts)):
        run_names: set[str] = set()
        for last in range(first, len(parts)):
            run_start, run_end = parts[first][0], parts[last][1]
            if run_end - run_start >= best[1] - best[0]:
                break
            run_names |= part_names[last]
            run = text[run_start:run_end]
            if kept_names <= run_names and len(words(run)) >= NARROW_MIN_WORDS and states(statement, run):
                best = (run_start, run_end)
                break
    first = next(index for index, part in enumerate(parts) if part[0] == best[0])
    if first > 0 and _RELATIVE.match(text, best[0], best[1]):
        best = (parts[first - 1][0], best[1])  # "which took place ..." keeps what it describes: "This exchange, which"
    lead = _LEADING_CONJUNCTION.match(text, best[0], best[1])
    return (lead.end() if lead else best[0]), best[1]


def _near(article: Article, cited: list[Sentence]) -> list[Sentence]:
    positions = [article.sentences.index(s) for s in cited]
    return article.sentences[max(0, min(positions) - 1) : max(positions) + 2]


def locate_quote(article: Article, quote: str, sentences: list[Sentence]) -> Span | None:
    """Find the quote within runs of the given sentences: exact, then normalized, then fuzzy."""
    quote = quote.strip().strip(QUOTE_TRIM)
    if not quote or not sentences:
        return None
    regions = _regions(sentences)
    for region_start, region_end in regions:
        found = article.text.find(quote, region_start, region_end)
        if found >= 0:
            return Span(found, found + len(quote), MatchStatus.EXACT)
    wanted = normalize(quote).text
    for region_start, region_end in regions:
        region = normalize(article.text[region_start:region_end])
        found = region.text.find(wanted)
        if found >= 0:
            start, end = region.source_span(found, found + len(wanted))
            return Span(region_start + start, region_start + end, MatchStatus.NORMALIZED)
    if len(wanted) < FUZZY_MIN_CHARS:
        return None
    best: tuple[float, int, int] | None = None
    for region_start, region_end in regions:
        region = normalize(article.text[region_start:region_end])
        alignment = fuzz.partial_ratio_alignment(wanted, region.text, score_cutoff=FUZZY_THRESHOLD)
        if alignment is None or alignment.dest_end <= alignment.dest_start:
            continue
        start, end = region.source_span(alignment.dest_start, alignment.dest_end)
        if best is None or alignment.score > best[0]:
            best = (alignment.score, region_start + start, region_start + end)
    if best is None:
        return None
    start, end = _snap_to_words(article.text, best[1], best[2])
    return Span(start, end, MatchStatus.FUZZY)


def _regions(sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Contiguous spans of sentences of one paragraph, so a match never runs across boilerplate."""
    regions: list[tuple[int, int, int]] = []
    for sentence in sorted(sentences, key=lambda s: s.start):
        if regions and regions[-1][2] == sentence.paragraph:
            regions[-1] = (regions[-1][0], sentence.end, sentence.paragraph)
        else:
            regions.append((sentence.start, sentence.end, sentence.paragraph))
    return [(start, end) for start, end, _ in regions]


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    # A fuzzy alignment can start or stop mid-word; an editor should see whole words.
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end
