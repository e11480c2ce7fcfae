"""A fact's line for the page: its quote less the framing the parse can see, each cut named. Pure.

A published sentence wraps what it reports in the writer's framing: a connective or lead-in ("However,", "In a
significant diplomatic development,"), a wire dateline ("WASHINGTON, Dec 1 (Wire) -"), a trailing comment
(", underscoring the pressure on the regime", ", which signals a harder line"). The line keeps the clause that
reports, verbatim (a run of the quote's own characters), so an editor still reads the source's words; the review
page shows what was cut. What is never cut: a lead-in that holds a date, a figure or a name ("On 21 November,
...", "In a call with Okoro, ..."), a condition ("If the talks fail, ..."), anything inside quotation marks, and
anything whose cut would leave the clause without its subject or verb.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..models import GroundedFact
from ..text.clauses import SUBJECTS, clause_head, dependents, is_figure, quoted
from ..text.lexicon import CONDITION_MARKERS, INTERPRETIVE_VERBS, REPORTING_VERBS
from ..text.syntax import ParsedSentence, Parses
from ..text.values import dateline_length

# Dependents of a clause's verb that open a sentence as framing: adverbs ("However"), prepositional phrases ("In a
# surprising turn"), adverbial clauses ("While the board stays silent"), a leading conjunction ("And").
LEAD_INS = frozenset({"advmod", "prep", "advcl", "npadvmod", "cc", "intj"})
# Dependents that close a sentence as the writer's comment: a participle or relative clause after a comma whose verb
# interprets (", underscoring ...", ", which signals ...").
TRAILERS = frozenset({"advcl", "xcomp", "relcl", "conj", "acl"})
MIN_LINE_WORDS = 4  # a line shorter than this once cut says too little: the quote stands whole
MIN_WRAPPER_WORDS = 5  # an attribution this long before "that" wraps the line ("Sources close to the talks told X")


@dataclass(frozen=True)
class Line:
    """The line's characters in the article ([start, end), inside the quote) and each cut, in words."""

    start: int
    end: int
    cuts: tuple[str, ...]
    source: str | None = None  # the attribution cut from the line's opening ("Sources close to the talks told X")


def line_of(parse: ParsedSentence, text: str, start: int, end: int) -> Line | None:
    """The line of the quote text[start:end] (article offsets) on its sentence's parse; None when nothing is cut."""
    cuts: list[str] = []
    quote = text[start:end]
    lead = dateline_length(quote)
    if lead:
        cuts.append(f"a dateline (\u201c{quote[:lead].strip()}\u201d)")
        start += lead
    stretch = [i for i in parse.within(start, end) if parse.tokens[i].pos != "PUNCT"]
    if not stretch:
        return None
    wrapper = _attribution_wrapper(parse, stretch)
    source = None
    if wrapper is not None:
        # "Sources close to the talks revealed to the Herald that X": the line is X; who says it is its source note
        source = text[start : parse.tokens[wrapper].start].strip()
        cuts.append(f"an attribution (\u201c{source} that\u201d), kept as the line's source")
        start = _next_word(text, parse.tokens[wrapper].end, end)
        stretch = [i for i in stretch if i > wrapper]
    heads = parse.top(stretch)
    head = min((clause_head(parse, i) for i in heads), key=lambda i: len(list(parse.ancestors(i))))
    if head not in stretch or not dependents(parse, head, SUBJECTS):
        return Line(start, end, tuple(cuts), source) if cuts else None
    speech = quoted(parse)
    subject = min(i for s in dependents(parse, head, SUBJECTS) for i in parse.subtree(s))
    new_start = start
    for child in parse.children(head):
        span = parse.subtree(child)
        if span[-1] >= subject or parse.tokens[span[0]].start < new_start:
            continue
        if parse.tokens[child].dep not in LEAD_INS or not _framing(parse, child, span, speech):
            break
        if any(parse.tokens[i].pos == "PROPN" for i in span):
            break  # a lead-in that names someone says who ("In a call with Okoro, ..."): content, not framing
        comma = span[-1] + 1
        if parse.tokens[child].dep != "cc" and (comma >= len(parse.tokens) or parse.tokens[comma].text != ","):
            break
        cut_end = parse.tokens[comma].end if parse.tokens[child].dep != "cc" else parse.tokens[span[-1]].end
        cuts.append(f"a lead-in (\u201c{text[new_start:cut_end].strip()}\u201d)")
        new_start = _next_word(text, cut_end, end)
    new_end = end
    words = [i for i in parse.within(new_start, end) if parse.tokens[i].pos != "PUNCT"]
    for comma in reversed([i for i in parse.within(new_start, end) if parse.tokens[i].text == ","]):
        after = [i for i in words if i > comma and parse.tokens[i].end <= new_end]
        trailer = _trailer(parse, after, speech)
        if trailer is None:
            break
        cuts.append(f"a trailing comment (\u201c{text[parse.tokens[comma].end:new_end].strip()}\u201d)")
        new_end = parse.tokens[comma].start
    if not cuts:
        return None
    if len(text[new_start:new_end].split()) < MIN_LINE_WORDS:
        return None
    return Line(new_start, new_end, tuple(cuts), source)


def _attribution_wrapper(parse: ParsedSentence, stretch: list[int]) -> int | None:
    """The "that" after which the rest of the stretch is one reported clause, with a verb of saying before it and
    a subject of its own after it ("Sources close to the talks revealed to the Herald that the mayor ..."); None
    when the stretch opens otherwise."""
    for index in stretch:
        token = parse.tokens[index]
        # the parser sometimes reads the complementiser as its clause's object ("that/dobj" before its verb)
        complementiser = token.dep == "mark" or (token.dep == "dobj" and index < token.head)
        if token.lemma != "that" or not complementiser:
            continue
        clause = token.head
        rest = [i for i in stretch if i > index]
        own = {i for i in parse.subtree(clause) if parse.tokens[i].pos != "PUNCT"} - {index}
        said = any(parse.tokens[i].lemma in REPORTING_VERBS for i in stretch if i < index)
        subjects = dependents(parse, clause, SUBJECTS)
        # "Ruiz said that ..." is plain enough to keep; a pronoun after it ("... that it would sell") leans on it
        wrapper = sum(1 for i in stretch if i < index) >= MIN_WRAPPER_WORDS
        named = bool(subjects) and parse.tokens[subjects[0]].tag not in ("PRP", "EX")
        if said and wrapper and named and rest and set(rest) == own:
            return index
        return None
    return None


def _framing(parse: ParsedSentence, child: int, span: list[int], speech: frozenset[int]) -> bool:
    """A lead-in that frames rather than reports: no date or figure in it, no condition, no quoted words."""
    if any(i in speech or is_figure(parse, i) for i in span):
        return False
    marks = dependents(parse, child, ("mark",))
    return not any(parse.tokens[m].lemma in CONDITION_MARKERS for m in marks)


def _trailer(parse: ParsedSentence, after: list[int], speech: frozenset[int]) -> int | None:
    """The verb of a clause that makes up all of `after` and interprets (", underscoring ...", ", which signals
    ..."), stating no date or figure of its own; None when `after` is anything else."""
    if not after:
        return None
    tops = parse.top(after)
    if len(tops) != 1:
        return None
    verb = parse.tokens[tops[0]]
    if verb.dep not in TRAILERS or verb.lemma not in INTERPRETIVE_VERBS:
        return None
    if set(after) != {i for i in parse.subtree(tops[0]) if parse.tokens[i].pos != "PUNCT"}:
        return None
    if any(i in speech or is_figure(parse, i) for i in after):
        return None
    return tops[0]


def _next_word(text: str, after: int, end: int) -> int:
    """Where the line goes on after a cut: the next character that is not a space."""
    position = after
    while position < end and text[position].isspace():
        position += 1
    return position


def fact_lines(facts: Sequence[GroundedFact], texts: Mapping[str, str], parses: Parses) -> dict[str, Line]:
    """The line of every fact whose quote lies in one parsed sentence and has framing to cut, by fact ID."""
    found = {}
    for fact in facts:
        parse = parses.get((fact.article_id, fact.sentence_ids[0])) if fact.sentence_ids else None
        if parse is None or len(fact.sentence_ids) != 1:
            continue
        line = line_of(parse, texts[fact.article_id], fact.start, fact.end)
        if line is not None:
            found[fact.id] = line
    return found
