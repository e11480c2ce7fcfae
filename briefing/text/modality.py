"""Negation and modality on a predicate's chain of verbs (stance.py finds the chain): a "not", a negative subject or
object, a verb of denial or failure; a hedging modal, adverb or adjective, a verb of seeming, a passive verb of
belief. Pure; the word classes are lexicon.py's.
"""

from __future__ import annotations

from .clauses import SUBJECTS, dependents
from .lexicon import (
    BELIEF_VERBS,
    FAILING_VERBS,
    HEDGE_ADJECTIVES,
    HEDGE_ADVERBS,
    HEDGE_MODALS,
    NEGATING_VERBS,
    NEGATIVE_DETERMINERS,
    NEGATIVE_PRONOUNS,
    SEEMING_VERBS,
)
from .syntax import ParsedSentence

ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative", "oprd"})
COMPLEMENTS = frozenset({"acomp", "attr", "oprd"})


def negated(parse: ParsedSentence, chain: list[int]) -> bool:
    """A "not" on the chain's verbs (or on an adverb of theirs: "no longer"), a negative subject or object, a verb
    of denial or refusal, a failure to do the to-clause, a clause that is denied; a conjoined verb without its
    own subject shares its first verb's "not" across "or"/"nor" ("did not attend or vote")."""
    for position, node in enumerate(chain):
        token = parse.tokens[node]
        if has_not(parse, node) or negative_argument(parse, node) or token.lemma in NEGATING_VERBS:
            return True
        if token.lemma in FAILING_VERBS and (position > 0 or dependents(parse, node, ("xcomp",))):
            return True
    predicate = parse.tokens[chain[0]]
    if predicate.dep == "ccomp" and parse.tokens[predicate.head].lemma in NEGATING_VERBS:
        return True  # "Ruiz denied [that she had met the buyers]"
    if predicate.dep == "conj" and not dependents(parse, chain[0], SUBJECTS):
        either = any(parse.tokens[c].lemma in ("or", "nor") for c in dependents(parse, predicate.head, ("cc",)))
        either = either or any(parse.tokens[c].lemma in ("or", "nor") for c in dependents(parse, chain[0], ("cc",)))
        return either and has_not(parse, predicate.head)
    return False


def has_not(parse: ParsedSentence, node: int) -> bool:
    for child in parse.children(node):
        if parse.tokens[child].dep == "neg":
            return True
        if parse.tokens[child].dep == "advmod" and dependents(parse, child, ("neg",)):
            return True  # "is no longer", "not yet"
    return False


def negative_argument(parse: ParsedSentence, node: int) -> bool:
    for argument in dependents(parse, node, ARGUMENTS):
        token = parse.tokens[argument]
        if token.lemma in NEGATIVE_PRONOUNS:
            return True
        if any(parse.tokens[c].lemma in NEGATIVE_DETERMINERS for c in dependents(parse, argument, ("det", "preconj"))):
            return True
    return False


def modal(parse: ParsedSentence, chain: list[int]) -> str | None:
    """The first hedge on the chain: a modal auxiliary, a hedging adverb or adjective, a verb of seeming with a
    complement, a passive verb of belief with a to-clause; a conjoined verb without its own subject or auxiliary
    shares its first verb's modal ("could sell the berths and close the pier")."""
    nodes = list(chain)
    first = parse.tokens[chain[0]]
    if first.dep == "conj" and not dependents(parse, chain[0], (*SUBJECTS, "aux")):
        nodes.append(first.head)
    for node in nodes:
        token = parse.tokens[node]
        for child in parse.children(node):
            word = parse.tokens[child]
            if word.dep == "aux" and word.tag == "MD" and word.lemma in HEDGE_MODALS:
                return word.text.lower()
            if word.dep == "advmod" and word.lemma in HEDGE_ADVERBS:
                return word.text.lower()
            if word.dep in COMPLEMENTS and word.lemma in HEDGE_ADJECTIVES:
                return word.text.lower()
        if token.lemma in SEEMING_VERBS and dependents(parse, node, (*COMPLEMENTS, "xcomp", "ccomp")):
            return token.text.lower()
        if token.tag == "MD" and token.lemma in HEDGE_MODALS and dependents(parse, node, ("xcomp",)):
            return token.text.lower()  # a modal parsed as the verb of its to-clause: "The board ought to sell"
        if (
            token.lemma in BELIEF_VERBS
            and dependents(parse, node, ("auxpass",))
            and dependents(parse, node, ("xcomp",))
        ):
            return token.text.lower()
    return None
