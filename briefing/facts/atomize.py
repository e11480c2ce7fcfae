"""A grounded fact that states several things -> one fact for each, each with the words that state it. Pure.

With the embedded model every body sentence is a fact, and real sentences pack several: a list of demands, two
clauses joined by "and", a date in a relative clause of a commentary sentence, a lead that says who did what
according to whom. Matched whole, such a sentence can join only one claim and drags the others' look-alikes
into it. So the code splits it into atomic parts on its dependency parse (clauses.py): each part keeps its own
words as its quote (a contiguous stretch of the article) and reads, as its statement, the sentence less the other
parts' words ("Ruiz demanded the reinstatement of two stewards.").
"""

from __future__ import annotations

from ..models import Article, FactKind, GroundedFact, MatchStatus, RawFact, Rejection, RejectionReason
from ..text.injection import INSTRUCTION
from ..text.syntax import Parses
from ..text.values import dateline_length
from .evidence import support
from .parts import PartKind, atomic_parts
from .partspans import reading_text

COPY_SUPPORT = 0.8  # the model's statement holds this share of the quote's words: it copied the sentence


def atomize(article: Article, fact: GroundedFact, parses: Parses) -> list[GroundedFact]:
    """The fact itself when it states one thing, else one fact per atomic part of its sentence."""
    if len(fact.sentence_ids) != 1 or support(fact.quote, fact.fact.statement).score < COPY_SUPPORT:
        return [fact]  # a quote across sentences, or the model already stated one thing of the sentence
    parsed = parses.get((article.id, fact.sentence_ids[0]))
    parts = atomic_parts(parsed, fact.start, fact.end) if parsed is not None else []
    if len(parts) < 2 or parsed is None:
        return [fact]
    atomic: list[GroundedFact] = []
    # Who says it is no fact of its own: the other parts' readings keep it ("Four officials told the paper ...").
    # Nor is a dateline ("LARKHOLT, Mar 3 (Tidewater News) -"), which a parse may read as a clause of its own.
    dateline_end = fact.start + dateline_length(fact.quote)
    stated = [
        part for part in parts
        if part.kind != PartKind.ATTRIBUTION and parsed.tokens[part.span[1] - 1].end > dateline_end
    ]
    if len(stated) < 2:
        return [fact]
    for number, part in enumerate(stated, start=1):
        start, end = parsed.tokens[part.span[0]].start, parsed.tokens[part.span[1] - 1].end
        quote = article.text[start:end]
        statement = reading_text(article.text, parsed, part.reading)
        atomic.append(fact.model_copy(update={
            "id": f"{fact.id}.{number}",
            "fact": fact.fact.model_copy(update={"statement": statement[:1].upper() + statement[1:], "quote": quote}),
            "start": start,
            "end": end,
            "quote": quote,
            "split_from": fact.id,
            "part": part.kind.value,
        }))  # fmt: skip
    return atomic


SKIPPED = "a sentence the model stated no fact of, stated verbatim by the code"
AS_WRITTEN = "the sentence as written: this build's facts are the articles' sentences, not model statements"


def skipped_sentences(
    article: Article, grounded: list[GroundedFact], rejected: list[Rejection], why: str = SKIPPED
) -> list[GroundedFact]:
    """Each body sentence no grounded fact rests on as a verbatim fact, `why` recorded on it (`added`).

    The small model skips sentences now and then (a seed's lead sentence, which three articles report); the
    brief then loses a fact its source states. A verbatim sentence needs no model to be true to its source;
    whether it is a reported fact or the writer's analysis is read later (stance.py, reading.py), as for any fact. A
    sentence that instructs a model (injection.INSTRUCTION, grounding's test too), or that a fact was rejected as such,
    is never added; a sentence the model cited for an invention it was refused is added as it stands. A build
    whose facts are the sentences (Statements.SENTENCES) calls it with nothing grounded: every body sentence.
    """
    covered = {(f.start, f.end) for f in grounded}
    cited = {i for r in rejected if r.reason == RejectionReason.INSTRUCTION for i in r.fact.evidence}
    added: list[GroundedFact] = []
    for number, sentence in enumerate(article.sentences, start=1):
        if sentence.id in cited or any(start < sentence.end and sentence.start < end for start, end in covered):
            continue
        text = article.sentence_text(sentence)
        if INSTRUCTION.search(text):
            continue
        raw = RawFact(statement=text, kind=FactKind.STATEMENT, actors=[], evidence=[sentence.id], quote=text)
        added.append(GroundedFact(id=f"{article.id}#S{number}", article_id=article.id, fact=raw, start=sentence.start,
                                  end=sentence.end, quote=text, sentence_ids=[sentence.id], match=MatchStatus.EXACT,
                                  support=1.0, added=why))  # fmt: skip
    return added
