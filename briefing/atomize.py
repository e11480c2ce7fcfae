"""A grounded fact that states several things -> one fact for each, each with the words that state it. Pure.

The embedded model copies whole sentences as facts (measured on the seeds: one fact a sentence, statements of
30-50 words), while real articles pack several facts into one sentence ("She gave the board a deadline of one week,
after which ..., followed by the mayor's statement that the bridge was closed"). Matched whole, such
a sentence can only join one claim, and its look-alike neighbours drag unrelated facts together. So the code
splits what the model did not: at clause boundaries of the verified quote, into parts long enough to state
something, each part's statement taken from the matching stretch of the model's statement (which names who
"he" is) when that stretch is supported by the part, else the part's own words.
"""

from __future__ import annotations

import itertools
import re

from rapidfuzz import fuzz

from .evidence import support
from .lexicon import SCENE_OPENERS
from .models import Article, FactKind, GroundedFact, MatchStatus, RawFact, Rejection, RejectionReason
from .reading import INSTRUCTION
from .textnorm import normalize, words

# Where a sentence's clauses meet: ";" or ", " before a word that opens a new clause ("while", "but", "and he",
# "and Ruiz"). Not before "which", "who", a participle ("accusing him of ...") or a list item (", and the
# cessation of ..."): such a part names nobody, or states nothing, without the clause before it.
_BOUNDARY = re.compile(
    r";\s+|,\s+(?=(?i:while|but|whereas|although|after which|highlighted by|as well as)\b)"
    r"|,\s+(?=(?:and\s+)?(?:he|she|they|it)\s)|,\s+(?=and\s+[A-Z])"
    # "... asked for a second meeting after Ruiz closed the bridge ...": a clause with a named subject of its own
    r"|\s(?=(?:after|before|while|when|as)\s+[A-Z])"
)
# A part that opens with one of these and is short is scene-setting, not a fact: it joins the part after it.
_OPENING = re.compile(rf"^(?:{'|'.join(SCENE_OPENERS)})\b", re.IGNORECASE)
# Someone's words in quotation marks are one statement: never cut inside them.
_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")
PART_MIN_WORDS = 6  # fewer words than this state no fact of their own ("This exchange", "repeal of sanctions")
COPY_SUPPORT = 0.8  # the model's statement holds this share of the quote's words: it copied the sentence
STATEMENT_ALIGNMENT = 80.0  # partial_ratio a stretch of the statement needs to stand for a part


def atomize(article: Article, fact: GroundedFact) -> list[GroundedFact]:
    """The fact itself, or one fact per clause when the model stated a multi-clause sentence whole."""
    parts = clause_parts(article.text, fact.start, fact.end)
    if len(parts) < 2 or support(fact.quote, fact.fact.statement).score < COPY_SUPPORT:
        return [fact]  # one clause, or the model already stated one thing of the sentence
    atomic: list[GroundedFact] = []
    for number, (start, end) in enumerate(parts, start=1):
        quote = article.text[start:end]
        statement = _statement_for(quote, fact.fact.statement)
        atomic.append(fact.model_copy(update={
            "id": f"{fact.id}.{number}",
            "fact": fact.fact.model_copy(update={"statement": statement, "quote": quote}),
            "start": start,
            "end": end,
            "quote": quote,
            "split_from": fact.id,
        }))  # fmt: skip
    return atomic


def clause_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the clauses of text[start:end] that are long enough to state a fact, trimmed of their joints."""
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text[start:end])]
    joints = [m.end() for m in _BOUNDARY.finditer(text[start:end]) if not any(a < m.start() < b for a, b in quoted)]
    cuts = [start] + [start + j for j in joints if start + j < end] + [end]
    spans = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
    merged: list[tuple[int, int]] = []
    carry: int | None = None  # the start of a short opening part waiting for the part after it
    for part_start, part_end in spans:
        part = text[part_start:part_end]
        begin = carry if carry is not None else part_start
        carry = None
        if len(words(part)) < PART_MIN_WORDS:
            if _OPENING.match(part.strip()) or not merged:
                carry = begin
                continue
            merged[-1] = (merged[-1][0], part_end)
            continue
        merged.append((begin, part_end))
    if carry is not None:
        if merged:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((carry, end))
    return [_trim(text, a, b) for a, b in merged]


_LEAD = re.compile(r"\s*(?:(?:and|but|while|whereas|which)\s+)?", re.IGNORECASE)  # a part's leading joiner


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;":
        end -= 1
    lead = _LEAD.match(text[start:end])
    return start + (lead.end() if lead else 0), end


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen to whole words, and back over a name that stands for the quote's pronoun ("Lena Ruiz" for "She")."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    while (before := re.search(r"([A-Z][\w.'\u2019-]*)\s+$", text[:start])) is not None:
        start = before.start(1)
    return start, end


def _statement_for(quote: str, statement: str) -> str:
    """The stretch of the model's statement that says what the quote says, or the quote itself."""
    wanted, within = normalize(quote).text, normalize(statement)
    alignment = fuzz.partial_ratio_alignment(wanted, within.text, score_cutoff=STATEMENT_ALIGNMENT)
    if alignment is not None and alignment.dest_end > alignment.dest_start:
        begin, finish = within.source_span(alignment.dest_start, alignment.dest_end)
        begin, finish = _whole_words(statement, begin, finish)
        stretch = re.sub(r"[\s,;]+(?:and|or|but)?[\s,;]*$", "", statement[begin:finish]).strip(" ,;")
        if len(words(stretch)) >= PART_MIN_WORDS and support(stretch, quote).ok:
            return stretch[:1].upper() + stretch[1:]
    return quote[:1].upper() + quote[1:]


SKIPPED = "a sentence the model stated no fact of, stated verbatim by the code"
AS_WRITTEN = "the sentence as written: this build's facts are the articles' sentences, not model statements"


def skipped_sentences(
    article: Article, grounded: list[GroundedFact], rejected: list[Rejection], why: str = SKIPPED
) -> list[GroundedFact]:
    """Each body sentence no grounded fact rests on as a verbatim fact, `why` recorded on it (`added`).

    The small model skips sentences now and then (a seed's lead sentence, which three articles report); the
    brief then loses a fact its source states. A verbatim sentence needs no model to be true to its source;
    whether it is a reported fact or the writer's analysis is read later (reading.py), as for any fact. A
    sentence that instructs a model (reading.INSTRUCTION, grounding's test too), or that a fact was rejected as such,
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
