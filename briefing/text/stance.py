"""A fact's stance, read on its sentence's dependency parse: the writer's commentary or a report, negated or not,
hedged or not, attributed to someone or not. Pure; the word classes are lexicon.py's (closed classes of lemmas).

Two articles that both say "the gap appears vast" corroborate no event; "the pier isn't closed" and "the pier is
closed" are not one fact; nor are "the board could sell" and "the board sold". Each question is read on the
predicate that governs the stretch of text a fact quotes, not anywhere in its sentence: in "Ruiz, who did not
attend, said the pier will close" the "not" belongs to the relative clause, and the sentence is not negated.

How a stretch finds its predicate: its heads (tokens whose head lies outside it) climb to the verb of their clause,
so a list item ("the pension plan" in "The union did not accept the pay offer, the pension plan or the rota")
is governed by the verb it is the object of. From there the reading goes on up through to-clauses ("refused to
sell", "is likely to sell"), and through a clause under an impersonal frame ("It is not true that ..."), whose
negation and modality are the clause's too.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum

from .clauses import (
    SUBJECTS,
    clause_head,
    dependents,
    is_actor,
    is_figure,
    is_predicate,
    quoted,
    subject_of,
)
from .lexicon import (
    BELIEF_VERBS,
    CONDITION_MARKERS,
    COPULAS,
    DEMONSTRATIVES,
    HEARSAY_ADVERBS,
    INTERPRETIVE_VERBS,
    NON_SPEAKERS,
    REPORTING_VERBS,
    STATE_ADJECTIVES,
    WRITER_ADVERBS,
)
from .modality import COMPLEMENTS, modal, negated
from .syntax import ParsedSentence

# Edges along which a clause is the content of the verb above it ("said [that the pier will close]"); a verb
# reached through "conj" is a second action of the same subject, not a report of the first.
_CONTENT_EDGES = frozenset({"ccomp", "xcomp", "parataxis", "dobj", "pcomp"})
_NOT_HEADS = frozenset({"cc", "punct", "mark", "preconj"})  # joints of a stretch, not what it states


class Commentary(StrEnum):
    """Why a stretch is the writer's own reading rather than a reported fact."""

    SPECULATION = "speculation"  # a modal or hedge on its predicate: what could or might happen
    CONDITION = "a condition"  # its predicate hangs on an if/unless/inverted clause and is no past event
    READING = "the writer's reading"  # an evaluative or interpretive predicate whose subject is no actor


@dataclass(frozen=True)
class Stance:
    """What the parse says about a stretch of a sentence.

    Attributes:
        commentary: why it is the writer's own reading, speculation or a condition; None when it is reported.
        negated: its governing predicate is negated (not/n't/never, a negative subject or object, or a verb of
            denial or refusal).
        modal: the modal or hedge on that predicate ("could", "likely", "expected", "appears"), or None.
        attributed: someone is said to have said or held it (a reporting verb with a speaker over it, "according
            to", "reportedly", or quotation marks around it).
    """

    commentary: Commentary | None
    negated: bool
    modal: str | None
    attributed: bool


REPORTED = Stance(commentary=None, negated=False, modal=None, attributed=False)


def read_stance(parse: ParsedSentence, start: int, end: int) -> Stance:
    """The stance of the stretch [start, end) of a parsed sentence (article offsets), read on its predicate."""
    stretch = [i for i in parse.within(start, end) if parse.tokens[i].pos != "PUNCT"]
    heads = [i for i in parse.top(stretch) if parse.tokens[i].dep not in _NOT_HEADS]
    if not heads:
        return REPORTED
    top = min((clause_head(parse, i) for i in heads), key=lambda i: len(list(parse.ancestors(i))))
    reports = _reported(parse, top, set(stretch))
    predicate = reports[-1]
    chain = _chain(parse, predicate)
    speech = quoted(parse)
    attributed = _attributed(parse, predicate, chain, speech)
    # A report that is itself denied or negated ("Ruiz denied the pier would close", "She did not confirm ...")
    # negates what it reports.
    denied = negated(parse, chain) or any(negated(parse, [verb]) for verb in reports[:-1])
    hedge = modal(parse, chain)
    commentary = None if attributed else _commentary(parse, stretch, chain, hedge, speech)
    return Stance(commentary=commentary, negated=denied, modal=hedge, attributed=attributed)


# --- the predicate -------------------------------------------------------------------------------------------


def _reported(parse: ParsedSentence, predicate: int, stretch: set[int]) -> list[int]:
    """Where the stretch holds a whole report ("Ruiz refused the offer, the sources said"; "Officials said the pier
    would close"), the reporting verbs down to the reported clause's verb, which is last: what the stretch states is
    the report's content, the saying is its attribution (still found: the content clause hangs from a reporting verb
    with a speaker). Otherwise just the predicate."""
    path = [predicate]
    while _reports(parse, path[-1]):
        content = [c for c in dependents(parse, path[-1], ("ccomp", "parataxis")) if c in stretch]
        if not content or parse.tokens[content[0]].pos not in ("VERB", "AUX"):
            break
        path.append(clause_head(parse, content[0]))
    return path


def _chain(parse: ParsedSentence, predicate: int) -> list[int]:
    """The predicate and the verbs above it whose polarity and modality it shares: the verb a to-clause completes
    ("refused [to sell]", "is likely [to sell]") and an impersonal frame over a that-clause ("It is clear [that
    ...]")."""
    chain = [predicate]
    node = predicate
    while True:
        token = parse.tokens[node]
        if token.head == node:
            return chain
        if token.dep == "xcomp" or (token.dep == "ccomp" and _impersonal(parse, token.head)):
            node = clause_head(parse, token.head)
            chain.append(node)
            continue
        return chain


def _impersonal(parse: ParsedSentence, index: int) -> bool:
    """The verb's subject is a dummy "it" ("It is likely that ...", "It appears that ...")."""
    return any(parse.tokens[s].lemma == "it" for s in dependents(parse, index, SUBJECTS))


# --- attribution ------------------------------------------------------------------------------------------


def _speaker(parse: ParsedSentence, verb: int) -> bool:
    """The reporting verb has someone who says: a subject other than "it"/"this" (an actor, for a verb that also
    interprets: "Ruiz suggested" reports, "This suggests" reads), a "by" agent, or it is passive ("is said")."""
    token = parse.tokens[verb]
    if dependents(parse, verb, ("agent", "auxpass")):
        return token.lemma in REPORTING_VERBS  # "is said to", "was announced"; "is expected to" only hedges
    subjects = dependents(parse, verb, ("nsubj",))
    if not subjects and token.dep in ("advcl", "conj", "xcomp") and token.tag in ("VBG", "VB", "VBD", "VBZ", "VBP"):
        subjects = dependents(parse, token.head, ("nsubj",))  # "Ruiz left, saying ...": her words
    if not subjects:
        return False
    subject = parse.tokens[subjects[0]]
    if subject.lemma in NON_SPEAKERS or not _names_someone(parse, verb, subjects[0]):
        return False
    return token.lemma not in INTERPRETIVE_VERBS or is_actor(parse, subjects[0])


def _names_someone(parse: ParsedSentence, verb: int, subject: int) -> bool:
    """The subject can stand for a speaker: a noun, a name, a personal pronoun ("she", "they"), a count of people
    ("three said", "two of the officials said", "some of the dockers said"), or a relative pronoun standing for
    its noun ("officials who said"). A bare quantifier or indefinite pronoun names nobody: "Few expected the sale",
    "Nobody believes the figures" are the writer's generalisation, not a report of what someone said."""
    token = parse.tokens[subject]
    if token.tag in ("WP", "WDT"):
        return parse.tokens[verb].dep == "relcl"
    of_whom = [o for p in dependents(parse, subject, ("prep",)) if parse.tokens[p].lemma == "of"
               for o in dependents(parse, p, ("pobj",))]  # fmt: skip
    if any(parse.tokens[o].pos in ("NOUN", "PROPN") or parse.tokens[o].tag == "PRP" for o in of_whom):
        return True
    # Only a quantifier ("Few", "Many", "Some") or an indefinite pronoun ("nobody", "anyone") names nobody: any other
    # word may be a speaker the parser mis-tagged ("Port harbour master ... said", "master" read as a verb).
    return not (token.pos in ("ADJ", "DET") or (token.pos == "PRON" and token.tag != "PRP"))


def _generalisation(parse: ParsedSentence, verb: int) -> bool:
    """A verb of saying or believing whose subject names nobody ("Few expected ...", "Hardly anyone believes ...")."""
    subjects = dependents(parse, verb, ("nsubj",))
    lemma = parse.tokens[verb].lemma
    return (
        bool(subjects)
        and (lemma in REPORTING_VERBS or lemma in BELIEF_VERBS)
        and parse.tokens[subjects[0]].lemma not in NON_SPEAKERS
        and not _names_someone(parse, verb, subjects[0])
    )


def _reports(parse: ParsedSentence, verb: int) -> bool:
    token = parse.tokens[verb]
    return (token.lemma in REPORTING_VERBS or token.lemma in BELIEF_VERBS) and _speaker(parse, verb)


def _attributed(parse: ParsedSentence, predicate: int, chain: list[int], speech: frozenset[int]) -> bool:
    """Someone is said to have said or held the stretch: it is quoted, its predicate reports with a speaker, a
    reporting verb with a speaker governs its clause, or "according to" / "reportedly" is on it or its sentence."""
    if predicate in speech or any(_reports(parse, node) for node in chain):
        return True
    path = [predicate, *parse.ancestors(predicate)]
    for step, (below, above) in enumerate(itertools.pairwise(path)):
        edge = parse.tokens[below].dep
        if edge == "prep" and step > 0 and parse.tokens[path[step - 1]].dep == "pcomp":
            edge = "pcomp"  # "accused the board [of hiding the losses]": the charge is the accuser's
        if edge in _CONTENT_EDGES and _reports(parse, above):
            return True
    for node in path:
        for child in parse.children(node):
            token = parse.tokens[child]
            if token.lemma in HEARSAY_ADVERBS or (token.dep == "parataxis" and _reports(parse, child)):
                return True
    return _according_to(parse, set(path))


def _according_to(parse: ParsedSentence, path: set[int]) -> bool:
    """An "according to X" on the stretch's predicate or above it, or opening or closing the sentence (which then
    scopes over all of it)."""
    words = [i for i, t in enumerate(parse.tokens) if t.pos != "PUNCT"]
    for index, token in enumerate(parse.tokens):
        if token.text.lower() != "according":
            continue
        span = parse.subtree(index)
        if token.head in path or span[0] == words[0] or span[-1] == words[-1]:
            return True
    return False


# --- commentary -------------------------------------------------------------------------------------------


def _commentary(
    parse: ParsedSentence, stretch: list[int], chain: list[int], hedge: str | None, speech: frozenset[int]
) -> Commentary | None:
    """Why an unattributed stretch is the writer's own: its main clause is (a hedge on its predicate, a condition
    on a clause that states no past event, or an evaluation or interpretation whose subject is no actor and which
    states no date or figure), and so is every other main clause of the stretch ("The gap is wide, yet talks may
    resume"): a stretch that also reports something is reported."""
    inside = set(stretch) - speech
    reason = _clause_commentary(parse, chain, hedge, inside)
    for clause in _coordinated(parse, chain[-1], inside):
        if reason is not None:
            reason = reason if _clause_commentary(parse, [clause], modal(parse, [clause]), inside) else None
    return reason


def _coordinated(parse: ParsedSentence, verb: int, inside: set[int]) -> list[int]:
    """Main clauses joined to the verb's with their own subject ("..., yet this call may serve ...")."""
    found = []
    for clause in dependents(parse, verb, ("conj",)):
        if clause in inside and is_predicate(parse.tokens[clause]) and dependents(parse, clause, SUBJECTS):
            found.extend([clause, *_coordinated(parse, clause, inside)])
    return found


def _clause_commentary(
    parse: ParsedSentence, chain: list[int], modal: str | None, inside: set[int]
) -> Commentary | None:
    if modal is not None:
        return Commentary.SPECULATION
    top = chain[-1]
    if _reading(parse, chain, inside) or any(_generalisation(parse, verb) for verb in chain):
        return Commentary.READING
    if _writer_adverb(parse, top) or _open_question(parse, top):
        return Commentary.READING
    if _conditional(parse, top) and not _realis(parse, top):
        return Commentary.CONDITION
    return None


def _reading(parse: ParsedSentence, chain: list[int], inside: set[int]) -> bool:
    """The writer's reading: a subject that is no actor (nor "there is"), with an evaluating or interpreting
    predicate or, for a demonstrative subject, any verb in the simple present; and no date or figure in the
    clause."""
    top = chain[-1]
    subject = subject_of(parse, chain)
    if subject is None or is_actor(parse, subject) or parse.tokens[subject].lemma == "there":
        return False
    evaluates = any(_evaluates(parse, node) for node in _downward(parse, top))
    if not (evaluates or (_demonstrative(parse, subject) and _present_simple(parse, top))):
        return False
    own = set(parse.subtree(top)).difference(*(parse.subtree(c) for c in _coordinated(parse, top, inside)))
    figures = [i for i in own & inside if is_figure(parse, i)]
    if not evaluates:
        return not figures  # the weaker sign (a tense) yields to any date or figure in the clause
    return not any(_checkable(parse, top, i) for i in figures)


def _writer_adverb(parse: ParsedSentence, verb: int) -> bool:
    """The clause opens with an adverb that judges the whole of it, set off by a comma ("Arguably, the firm hired too
    fast", "Predictably, the talks stalled"): the writer's comment on what follows."""
    first = parse.subtree(verb)[0]
    token = parse.tokens[first]
    return (
        token.lemma in WRITER_ADVERBS
        and token.dep == "advmod"
        and token.head == verb
        and first + 1 < len(parse.tokens)
        and parse.tokens[first + 1].text == ","
    )


def _open_question(parse: ParsedSentence, verb: int) -> bool:
    """A linking verb whose complement is a "whether" clause ("The question now is whether the minister can
    survive"): an open question, not an event."""
    if parse.tokens[verb].lemma not in COPULAS:
        return False
    clauses = dependents(parse, verb, ("ccomp", "advcl", "attr"))
    return any(parse.tokens[m].lemma == "whether" for c in clauses for m in dependents(parse, c, ("mark",)))


def _checkable(parse: ParsedSentence, top: int, figure: int) -> bool:
    """A date or figure makes an evaluation checkable when the linking verb states it ("Turnout was 40 percent",
    "The strike is the first since 1998") or an event clause inside it does ("The vote, held on 3 March, signals
    ..."); not a time frame of the reading itself ("marks the end of a century"), nor of an open question
    ("unclear whether the trust will meet before May"), nor background inside the judging noun phrase."""
    head = clause_head(parse, figure)
    if head == top:  # stated by the linking verb itself, not a count in its subject ("the two bids are vast")
        subject = subject_of(parse, [top])
        return parse.tokens[top].lemma in COPULAS and (subject is None or figure not in parse.subtree(subject))
    if any(parse.tokens[m].lemma in ("if", "whether") for m in dependents(parse, head, ("mark",))):
        return False
    if parse.tokens[top].lemma in COPULAS and any(figure in parse.subtree(c) for c in _complements(parse, top)):
        return False  # background to the judging noun ("a turnaround for a club that was bankrupt in 2019")
    return parse.tokens[head].tag in ("VBD", "VBN")


def _demonstrative(parse: ParsedSentence, subject: int) -> bool:
    """The subject points back at what the text just said: "This", "These talks"."""
    if parse.tokens[subject].lemma in DEMONSTRATIVES:
        return True
    return any(parse.tokens[d].lemma in DEMONSTRATIVES for d in dependents(parse, subject, ("det",)))


def _present_simple(parse: ParsedSentence, verb: int) -> bool:
    """A verb in the simple present ("leaves", "comes"): how the writer comments on what was just reported; an
    event is told in the past or the perfect."""
    return parse.tokens[verb].tag in ("VBZ", "VBP") and not dependents(parse, verb, ("aux", "auxpass"))


def _conditional(parse: ParsedSentence, verb: int) -> bool:
    """An adverbial clause on the verb opens with "if"/"unless" or with an inverted auxiliary ("Should the talks
    fail, ...", "Were the buyers to walk away, ...", "Had the board known, ...")."""
    for clause in dependents(parse, verb, ("advcl",)):
        if any(parse.tokens[m].lemma in CONDITION_MARKERS for m in dependents(parse, clause, ("mark",))):
            return True
        first = parse.subtree(clause)[0]
        subjects = dependents(parse, clause, ("nsubj", "nsubjpass"))
        if parse.tokens[first].pos == "AUX" and subjects and first < subjects[0]:
            return True
    return False


def _realis(parse: ParsedSentence, verb: int) -> bool:
    """The verb states something that happened: past tense, or a perfect ("has offered"), or a past passive."""
    token = parse.tokens[verb]
    if token.tag == "VBD":
        return True
    auxiliaries = [parse.tokens[a] for a in dependents(parse, verb, ("aux", "auxpass"))]
    return token.tag == "VBN" and any(a.lemma == "have" or a.tag == "VBD" for a in auxiliaries)


def _downward(parse: ParsedSentence, verb: int) -> list[int]:
    """The verb and the to-clauses it opens ("continues [to be] a sore point")."""
    found = [verb]
    for clause in dependents(parse, verb, ("xcomp",)):
        found.extend(_downward(parse, clause))
    return found


def _evaluates(parse: ParsedSentence, verb: int) -> bool:
    """An interpretive verb, or a linking verb with a judging complement (an adjective that is no checkable state,
    or a noun that names no actor)."""
    token = parse.tokens[verb]
    if token.lemma in INTERPRETIVE_VERBS:
        return True
    if token.lemma not in COPULAS:
        return False
    for complement in _complements(parse, verb):
        word = parse.tokens[complement]
        if word.pos == "ADJ" and word.lemma not in STATE_ADJECTIVES and word.tag != "VBN":
            return True
        if word.pos == "NOUN" and not is_actor(parse, complement):
            return True
    return False


def _complements(parse: ParsedSentence, verb: int) -> list[int]:
    """A linking verb's complements: its adjective or noun ("remains tense", "is a sore point"), or an adjective
    behind an adverb's preposition ("is far from certain")."""
    found = dependents(parse, verb, COMPLEMENTS)
    for adverb in dependents(parse, verb, ("advmod",)):
        for preposition in dependents(parse, adverb, ("prep",)):
            found += [o for o in parse.children(preposition) if parse.tokens[o].pos == "ADJ"]
    return found
