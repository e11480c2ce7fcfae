"""Who did it: the grammatical subject of the predicate a fact's words hang from, resolved to actors
(actors.resolve), and whether the subjects of two facts may be the same actor(s). Pure.

Same-fact matching keeps two quotes apart when their doers differ ("Ruiz rejected the union's offer" / "The
union rejected Ruiz's offer"); it must not when the articles name one doer two ways ("Norvia refused" / "President
Varga refused", "Mr Hale" / "Marcus Hale"). Resolve each fact once (subject_actors), compare per pair
(compatible): a comparison is a few set lookups.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import Enum

from ..models import GroundedFact
from .actors import GOVERNMENT, Resolution, Who, resolve
from .lexicon import ATTRIBUTION_VERBS, CONDITION_MARKERS, PERSONAL_PRONOUNS, PLAIN_SAYING, RECEIVING_VERBS
from .places import fold_word
from .syntax import ParsedSentence, Parses

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_PASSIVE = frozenset({"nsubjpass", "csubjpass"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
_SAYING = frozenset(verb for verb in ATTRIBUTION_VERBS if " " not in verb)  # "said", "confirmed", "told", ...


def subject_resolution(
    parse: ParsedSentence, start: int, end: int, who: Who, article: str | None = None
) -> Resolution | None:
    """The actors of the grammatical subject of the predicate that governs text[start:end], with the reasons.

    From the span's governing token, up to the first predicate that has a subject: a span inside a list, an
    object or an infinitive ("to step down") takes its clause's subject. Decided so, each for a reason:
    - a passive with "by X" has X as its doer ("the offer was rejected by Ruiz" is Ruiz's act, as is "Ruiz
      rejected the offer");
    - a passive without one names no doer (None): "Varga was given a deadline" says who received it, and the
      giver may be the subject of the other quote;
    - except a passive that raises its subject from an infinitive ("Varga is said to have asked ..."): the
      subject is the infinitive's;
    - a verb of receiving ("Varga received a deadline") names no doer either (lexicon.RECEIVING_VERBS);
    - a relative pronoun stands for the noun its clause describes ("the talks, which ended ...");
    - an expletive ("there was no reply") names nobody;
    - a span that holds a report and what it reports ("The Gazette said Varga refused", "Okafor confirmed that
      the talks ended") is about both: its doers are the reported clause's and the reporter's, so that "Varga
      refused" and "The Gazette said Varga refused" share Varga, and "Okafor confirmed that the talks ended" and
      "Okafor confirmed the talks" share Okafor;
    - a condition's subject ("... if the union lifted the blockade") is not the fact's: the clause the
      condition qualifies states it.
    """
    inside = [i for i in parse.within(start, end) if parse.tokens[i].pos != "PUNCT"]
    if not inside:
        return None
    governor = _governor(parse, inside)
    reported = _reported(parse, governor)
    heads = [_subject(parse, reported)] + ([_subject(parse, governor)] if reported != governor else [])
    found = [r for head in heads if head is not None and (r := resolve(parse, head, who, article)) is not None]
    if not found:
        return None
    return Resolution(frozenset().union(*(r.keys for r in found)), tuple(itertools.chain(*(r.reasons for r in found))))


def speaker_only(fact: GroundedFact, parses: Parses, who: Who) -> bool:
    """The fact passes on what someone said and only the speaker is named: what was said names nobody ("Okafor said
    members would stay out"). A speaker says many things: that two such facts share the speaker is no sign they
    state one thing. A verb that is itself the news ("Trump confirmed the call took place", "denied", "announced")
    makes the speaker the doer, as any subject: only the verbs that pass words on count (lexicon.PLAIN_SAYING)."""
    for sentence in fact.sentence_ids:
        parse = parses.get((fact.article_id, sentence))
        if parse is None or not parse.tokens or not parse.tokens[0].start <= fact.start < parse.tokens[-1].end:
            continue
        inside = [i for i in parse.within(fact.start, fact.end) if parse.tokens[i].pos != "PUNCT"]
        if not inside:
            return False
        governor = _governor(parse, inside)
        reported = _reported(parse, governor)
        if reported == governor or parse.tokens[governor].lemma not in PLAIN_SAYING:
            return False
        head = _subject(parse, reported)
        return head is None or resolve(parse, head, who, fact.article_id) is None
    return False


def _reported(parse: ParsedSentence, node: int) -> int:
    """From a verb of saying with a clause as its object (lexicon.ATTRIBUTION_VERBS), down to that clause."""
    tokens = parse.tokens
    while tokens[node].text.lower() in _SAYING:
        clause = next((c for c in parse.children(node) if tokens[c].dep == "ccomp"), None)
        if clause is None:
            return node
        node = clause
    return node


def _subject(parse: ParsedSentence, node: int) -> int | None:
    """The token heading the doer's phrase for the predicate governing `node` (see subject_resolution)."""
    tokens = parse.tokens
    while True:
        children = parse.children(node)
        agents = [o for c in children if tokens[c].dep == "agent" for o in parse.children(c) if tokens[o].dep == "pobj"]
        subjects = [c for c in children if tokens[c].dep in _SUBJECTS]
        if agents:
            return agents[0]
        marks = {fold_word(tokens[c].text) for c in children if tokens[c].dep == "mark"}
        if subjects and not marks & CONDITION_MARKERS:
            subject = subjects[0]
            raised = any(tokens[c].dep == "xcomp" for c in children)
            if tokens[subject].dep == "expl" or (tokens[subject].dep in _PASSIVE and not raised):
                return None
            if tokens[node].lemma in RECEIVING_VERBS:
                return None
            if fold_word(tokens[subject].text) in _RELATIVE and tokens[node].dep == "relcl":
                return tokens[node].head
            return subject
        if (controller := _object_control(parse, node)) is not None:
            return controller
        if tokens[node].head == node:
            return None
        node = tokens[node].head


def _object_control(parse: ParsedSentence, node: int) -> int | None:
    """The object that is the understood subject of an infinitive or gerund with none of its own: "offered Ruiz a
    week to leave", "accused the board of hiding ..." (Ruiz leaves; the board hides). A verb whose own subject
    does it ("promised Ruiz to leave") is the rarer case, read wrongly here."""
    tokens = parse.tokens
    verb = tokens[node].head
    if tokens[node].dep == "pcomp" and tokens[verb].dep == "prep":
        verb = tokens[verb].head
    elif tokens[node].dep != "xcomp":
        return None
    return next((c for c in parse.children(verb) if tokens[c].dep == "dobj" and c != node), None)


def subject_actors(
    parse: ParsedSentence, start: int, end: int, who: Who, article: str | None = None
) -> frozenset[str] | None:
    """The actor keys of the grammatical subject governing text[start:end] (see subject_resolution), or None."""
    found = subject_resolution(parse, start, end, who, article)
    return None if found is None else found.keys


def fact_actors(fact: GroundedFact, parses: Parses, who: Who) -> frozenset[str] | None:
    """The actor keys of a grounded fact's subject (subject_actors of its quote, in the first of its sentences
    that holds the quote's start), or None when the sentence has no parse or its subject names nobody. A subject
    "he" or "she" is the one person the sentence before names as its subject (see antecedent)."""
    for sentence in fact.sentence_ids:
        parse = parses.get((fact.article_id, sentence))
        if parse is not None and parse.tokens and parse.tokens[0].start <= fact.start < parse.tokens[-1].end:
            found = subject_actors(parse, fact.start, fact.end, who, fact.article_id)
            if found is None and _personal_subject(parse, fact.start, fact.end):
                return antecedent(fact.article_id, sentence, parses, who)
            return found
    return None


def _personal_subject(parse: ParsedSentence, start: int, end: int) -> bool:
    """The subject governing the span is "he" or "she"."""
    inside = [i for i in parse.within(start, end) if parse.tokens[i].pos != "PUNCT"]
    subject = _subject(parse, _reported(parse, _governor(parse, inside))) if inside else None
    return subject is not None and fold_word(parse.tokens[subject].text) in PERSONAL_PRONOUNS


def antecedent(article: str, sentence: str, parses: Parses, who: Who) -> frozenset[str] | None:
    """Who "he" or "she" opening a sentence's clause is: the subject of the sentence before, when it names one
    person (resolved as any subject; one that is itself "he" or "she" passes on its own antecedent), looking back
    at most ANTECEDENT_REACH sentences. News prose names its actor, then goes on with "he" ("Ruiz met the board. She
    asked for ..."); where the sentences before name nobody, or several, the pronoun stays unresolved (None)."""
    earlier, looked = int(sentence.removeprefix("S")) - 1, 0
    while earlier >= 1 and looked < ANTECEDENT_REACH:
        parse = parses.get((article, f"S{earlier}"))
        earlier -= 1
        if parse is None or not parse.tokens:
            continue
        start, end = parse.tokens[0].start, parse.tokens[-1].end
        found = subject_actors(parse, start, end, who, article)
        if found is not None:
            return found if len(found) == 1 and GOVERNMENT not in found else None
        if not _personal_subject(parse, start, end):
            looked += 1  # a sentence whose subject names nobody ("The repairs will take a year.") is passed over
        # a sentence whose subject is "he" or "she" too stands for the same person: look on, at no cost
    return None


ANTECEDENT_REACH = 2  # sentences looked back for the person "he" or "she" stands for


def _governor(parse: ParsedSentence, inside: list[int]) -> int:
    """The token that governs a span: the lowest common ancestor of its heads (the highest head when the span
    crosses two parse trees)."""
    tops = parse.top(inside)
    chains = [[top, *parse.ancestors(top)] for top in tops]
    common = set(chains[0]).intersection(*chains[1:])
    found = next((n for n in chains[0] if n in common), None)
    return found if found is not None else min(tops, key=lambda t: len(list(parse.ancestors(t))))


class Link(Enum):
    """Why two subjects may, or may not, be one actor."""

    UNNAMED = "not both named"
    SAME = "the same actor"
    LEADER = "leader of the country"
    GOVERNMENT = "a government not named, and a country or its leader"
    DIFFERENT = "different actors"


@dataclass(frozen=True)
class ActorMatch:
    """Whether two subjects may be the same actor(s), and the basis (the pair of keys that decided it)."""

    compatible: bool
    link: Link
    left: str = ""
    right: str = ""
    source: str | None = None  # the article whose text ties the two

    @property
    def reason(self) -> str:
        """The basis in words, as a join's record shows it."""
        if self.link is Link.UNNAMED:
            return "subjects: not both named"
        if self.link is Link.SAME:
            return f"subjects shared: {self.left}"
        if self.link is Link.DIFFERENT:
            return f"subjects differ: {self.left} / {self.right}"
        where = f", per {self.source}" if self.source else ""
        return f"{self.left} ~ {self.right}: {self.link.value}{where}"


def compatible(left: frozenset[str] | None, right: frozenset[str] | None, who: Who) -> ActorMatch:
    """Whether two subjects' actors (subject_actors of two facts) may be the same: a key in common, a head of
    state or government and the country the articles tie them to, or a government left unnamed and a country or
    its leader. A body and its leader otherwise stay apart, as do two people or two countries."""
    if left is None or right is None:
        return ActorMatch(True, Link.UNNAMED)
    if shared := left & right:
        return ActorMatch(True, Link.SAME, ", ".join(sorted(shared)))
    for one, other in itertools.chain(itertools.product(sorted(left), sorted(right)),
                                      itertools.product(sorted(right), sorted(left))):  # fmt: skip
        if (source := who.leads(one, other)) is not None:
            return ActorMatch(True, Link.LEADER, one, other, source)
        if one == GOVERNMENT and (other in who.places.labels or other in who.heads):
            return ActorMatch(True, Link.GOVERNMENT, one, other)
    return ActorMatch(False, Link.DIFFERENT, ", ".join(sorted(left)), ", ".join(sorted(right)))
