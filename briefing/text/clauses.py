"""Questions about a sentence's clauses, read on its dependency parse: which verb heads the clause a word is in,
what its subject is, whether a noun phrase names an actor, which words are quoted speech. Pure; the classes of
actor nouns are lexicon.py's.
"""

from __future__ import annotations

from collections.abc import Iterable

from .lexicon import ACTOR_NOUNS, COLLECTIVE, ROLE_HEADS, UNNAMED_SUBJECTS
from .syntax import ParsedSentence, Token

# Entity types of the parse's named-entity recogniser that name actors (a person, an organisation, a country or
# city standing for its government, a nationality or party): such a subject is somebody, not an abstraction.
ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Entity types that make a sentence checkable: an evaluation that states a date or a figure ("Turnout was 40
# percent", "The meeting, held on 3 March, signals ...") reports it.
FIGURE_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL"})


SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_ACTORS = ACTOR_NOUNS | COLLECTIVE | UNNAMED_SUBJECTS | {role for role in ROLE_HEADS if " " not in role}
_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they", "who", "whom"})
_RELATIVES = frozenset({"which", "who", "that", "whom"})
_QUOTE_OPEN, _QUOTE_CLOSE, _QUOTE_EITHER = "\u201c\u00ab", "\u201d\u00bb", '"'


def dependents(parse: ParsedSentence, index: int, deps: Iterable[str]) -> list[int]:
    """A token's dependents with one of the given labels, in text order."""
    wanted = frozenset(deps)
    return [c for c in parse.children(index) if parse.tokens[c].dep in wanted]


def is_predicate(token: Token) -> bool:
    """A verb that heads a clause (an auxiliary only when it is the clause's linking verb)."""
    return token.pos in ("VERB", "AUX") and token.dep not in ("aux", "auxpass")


def clause_head(parse: ParsedSentence, index: int) -> int:
    """The verb of the clause a token belongs to (the sentence's root, in a sentence with no verb)."""
    for node in (index, *parse.ancestors(index)):
        if is_predicate(parse.tokens[node]):
            return node
    roots = parse.roots()
    return index if index in roots else roots[0]


def subject_of(parse: ParsedSentence, verbs: list[int]) -> int | None:
    """The subject of the last of the verbs that has one (a conjoined verb without one shares its first verb's);
    a relative pronoun stands for the noun its clause describes."""
    for node in reversed(verbs):
        found = dependents(parse, node, SUBJECTS)
        if not found and parse.tokens[node].dep == "conj":
            found = dependents(parse, parse.tokens[node].head, SUBJECTS)
        if found:
            subject = found[0]
            break
    else:
        return None
    token = parse.tokens[subject]
    if token.lemma in _RELATIVES and token.tag in ("WDT", "WP") and parse.tokens[token.head].dep == "relcl":
        return parse.tokens[token.head].head
    return subject


def is_actor(parse: ParsedSentence, index: int) -> bool:
    """A noun phrase's head names someone: a named person, body or place, a noun for people, a personal pronoun,
    or a capitalised bare singular noun (a name the tagger took for a common noun at the start of a sentence:
    English puts a determiner before a singular common noun)."""
    token = parse.tokens[index]
    if token.entity in ACTOR_ENTITIES or token.pos == "PROPN" or token.lemma in _ACTORS:
        return True
    if token.pos == "PRON":
        return token.lemma in _PERSONAL
    bare = not dependents(parse, index, ("det", "poss", "compound", "amod", "nummod"))
    return token.tag == "NN" and token.text[:1].isupper() and bare


def is_figure(parse: ParsedSentence, index: int) -> bool:
    """The token is part of a date or a figure ("one" alone is as often a determiner as a count, so it is none)."""
    token = parse.tokens[index]
    if token.entity not in FIGURE_ENTITIES:
        return False
    return not (token.entity == "CARDINAL" and token.lemma == "one")


def quoted(parse: ParsedSentence) -> frozenset[int]:
    """Tokens inside quotation marks: someone's words. A closing mark with no opening one means the sentence began
    inside a quotation."""
    inside, found = False, set[int]()
    for index, token in enumerate(parse.tokens):
        mark = token.text
        if mark == _QUOTE_EITHER:
            mark = _QUOTE_CLOSE[0] if inside else _QUOTE_OPEN[0]
        if mark in _QUOTE_OPEN:
            inside = True
        elif mark in _QUOTE_CLOSE:
            if not inside:
                found.update(range(index))
            inside = False
        elif inside:
            found.add(index)
    return frozenset(found)
