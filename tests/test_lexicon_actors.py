"""The word lists of "who" (names, offices, actors, subjects), each entry decided by a sentence of our own: a port,
its unions, its council and an invented country, Norvia (capital Brask, people Norvish), with invented people.

Each case is a minimal pair (tests/lexicon_cases.py): the sentence holds the entry, the contrast swaps it for
another word, and the probe (a real function of the package that reads the list) answers differently on the two.
The probes:
- named: the people entities.mentions finds, each with the office the text gives it (ROLE_HEADS, HONORIFICS,
  NOT_NAMES, NAME_PARTICLES);
- clause_actors: who entities.actors says a clause is about (NOT_NAMES, COLLECTIVE, CALENDAR);
- figure_actors: the actors of the clause entities.clause_at gives a figure (CLAUSE_AFTER_COMMA, CLAUSE_OPENERS);
- subject_is_actor, subject_role, subject_anchor: clauses.is_actor and phrases.read_phrase on a sentence's subject
  (ACTOR_NOUNS, ROLE_HEADS, HONORIFICS);
- quote_subjects: features.subjects, the names a quote's subject holds (SUBJECT_FILLER, SUBJECT_PRONOUNS,
  UNNAMED_SUBJECTS, SUBJECT_PREAMBLE_OPENERS);
- stems: the words features.fact_features compares when no parse is at hand (GENERIC_WORDS);
- doer, heads, pronoun_doer, passes_words_on: doers.subject_actors, actors.who_is_who's heads of state,
  doers.fact_actors and doers.speaker_only on a story of our own (GOVERNMENT_BODIES, GOVERNMENT_HEADS,
  LEADER_WORDS, RECEIVING_VERBS, PERSONAL_PRONOUNS, PLAIN_SAYING).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest

from briefing.facts.features import fact_features, subjects
from briefing.inputs.sources import parse_article
from briefing.model.parse import Parser, parse_articles
from briefing.models import Article, FactKind, GroundedFact, MatchStatus, RawFact
from briefing.text.actors import Who, who_is_who
from briefing.text.clauses import is_actor, subject_of
from briefing.text.doers import fact_actors, speaker_only, subject_actors
from briefing.text.entities import actors, clause_at, mentions
from briefing.text.lexicon import ACTOR_NOUNS, ROLE_HEADS
from briefing.text.phrases import read_phrase
from briefing.text.places import CountryRecord, build_gazetteer
from briefing.text.syntax import ParsedSentence, Parses

from .lexicon_cases import Case, decides

# --- probes -------------------------------------------------------------------------------------------------------

NORVIA = build_gazetteer(
    [CountryRecord("Norvia", ("Republic of Norvia",), "Brask", "Norvish", ("NV", "NVA"), True, 9_000)]
)
FIGURE = "4 percent"  # the figure whose clause figure_actors reads


@functools.cache  # spaCy's model loads once for the module
def _parser() -> Parser:
    return Parser.load()


@functools.cache
def _sentence(text: str) -> ParsedSentence:
    [parsed] = _parser().parse([text], [0])
    return parsed


@functools.cache
def _story(text: str) -> tuple[Article, Parses, Who]:
    article = parse_article(text + "\n", "story.txt")
    parses = parse_articles([article], _parser())
    return article, parses, who_is_who(parses, NORVIA)


def _fact(article_id: str, sentence_id: str, start: int, quote: str) -> GroundedFact:
    raw = RawFact(statement=quote, kind=FactKind.EVENT, actors=[], evidence=[sentence_id])
    return GroundedFact(id=f"{article_id}#F1", article_id=article_id, fact=raw, start=start, end=start + len(quote),
                        quote=quote, sentence_ids=[sentence_id], match=MatchStatus.EXACT, support=1.0)  # fmt: skip


def _last_fact(text: str) -> tuple[GroundedFact, Parses, Who]:
    """The story's last sentence as a grounded fact, with the story's parses and who is who in it."""
    article, parses, who = _story(text)
    sentence = article.sentences[-1]
    return _fact(article.id, sentence.id, sentence.start, article.sentence_text(sentence)), parses, who


def _subject(parse: ParsedSentence) -> int:
    subject = subject_of(parse, parse.roots()[:1])
    assert subject is not None, "the sentence has a subject"
    return subject


def named(text: str) -> tuple[tuple[str, str | None, bool], ...]:
    """The names entities.mentions finds: (key, role, former)."""
    return tuple((m.key, m.role, m.former) for m in mentions(text))


def clause_actors(text: str) -> tuple[str, ...]:
    """Who entities.actors says the text is about."""
    return tuple(sorted(actors(text)))


def figure_actors(text: str) -> tuple[str, ...]:
    """The actors of the clause that holds the figure FIGURE."""
    return tuple(sorted(actors(clause_at(text, text.index(FIGURE)))))


def subject_is_actor(text: str) -> bool:
    """clauses.is_actor on the subject of the sentence's main verb."""
    parse = _sentence(text)
    return is_actor(parse, _subject(parse))


def subject_role(text: str) -> str | None:
    """The office phrases.read_phrase reads in the sentence's subject."""
    parse = _sentence(text)
    return read_phrase(parse, _subject(parse)).role


def subject_anchor(text: str) -> tuple[str, ...]:
    """The words phrases.read_phrase leaves before the subject's title (whose office it is)."""
    parse = _sentence(text)
    return tuple(parse.tokens[i].text.lower() for i in read_phrase(parse, _subject(parse)).anchor)


def quote_subjects(text: str) -> tuple[str, ...] | None:
    """The names features.subjects reads in a quote's subject (None: it names nobody)."""
    found = subjects(text)
    return None if found is None else tuple(sorted(found))


def stems(text: str) -> tuple[str, ...]:
    """The word stems a fact is compared on when its sentence has no parse."""
    return tuple(sorted(fact_features(_fact("port", "S1", 0, text), None).stems))


def doer(text: str) -> tuple[str, ...] | None:
    """The actors of the subject of the story's last sentence (doers.subject_actors), or None: nobody."""
    fact, parses, who = _last_fact(text)
    parse = parses[fact.article_id, fact.sentence_ids[0]]
    found = subject_actors(parse, fact.start, fact.end, who, fact.article_id)
    return None if found is None else tuple(sorted(found))


def heads(text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Who the story makes a country's head of state or government: (person, countries)."""
    return tuple(sorted((person, tuple(sorted(led))) for person, led in _story(text)[2].heads.items()))


def pronoun_doer(text: str) -> tuple[str, ...] | None:
    """The actors of the last sentence's subject, a pronoun resolved to the person before (doers.fact_actors)."""
    found = fact_actors(*_last_fact(text))
    return None if found is None else tuple(sorted(found))


def passes_words_on(text: str) -> bool:
    """doers.speaker_only: the sentence only passes someone's words on, and names no one but the speaker."""
    return speaker_only(*_last_fact(text))


# --- the cases, by probe ------------------------------------------------------------------------------------------


def _cases(name: str, rows: list[tuple[str, str, str]]) -> list[Case]:
    return [Case(name, entry, sentence, contrast) for entry, sentence, contrast in rows]


NAMED: list[Case] = [
    *_cases("ROLE_HEADS", [
        ("vice president", "Vice President Mara Ilves opened the new ferry terminal.",
         "President Mara Ilves opened the new ferry terminal."),
        ("vice-president", "Vice-President Mara Ilves opened the new ferry terminal.",
         "President Mara Ilves opened the new ferry terminal."),
        ("president-elect", "President-elect Mara Ilves will tour the docks on her first day.",
         "President Mara Ilves will tour the docks on her first day."),
        ("prime minister", "Prime Minister Mara Ilves flew to the islands.",
         "Minister Mara Ilves flew to the islands."),
        ("chief executive", "Mara Ilves, chief executive of the ferry operator, declined to comment.",
         "Mara Ilves, founder of the ferry operator, declined to comment."),
        ("ceo", "Ferry operator CEO Mara Ilves declined to comment.",
         "Ferry operator founder Mara Ilves declined to comment."),
        ("general secretary", "Mara Ilves, the union's general secretary, led the picket.",
         "Mara Ilves, the union's treasurer, led the picket."),
        ("secretary general", "Mara Ilves, secretary general of the harbour league, led the talks.",
         "Mara Ilves, treasurer of the harbour league, led the talks."),
        ("secretary-general", "Secretary-General Mara Ilves led the talks.",
         "Treasurer Mara Ilves led the talks."),
        ("harbour master", "Tomas Hale, the harbour master, closed the outer basin.",
         "Tomas Hale, the harbour pilot, closed the outer basin."),
        ("harbor master", "Tomas Hale, the harbor master, closed the outer basin.",
         "Tomas Hale, the harbor pilot, closed the outer basin."),
        ("president", "President Mara Ilves opened the new ferry terminal.",
         "Captain Mara Ilves opened the new ferry terminal."),
        ("chairman", "Ferry operator chairman Tomas Hale resigned.",
         "Ferry operator founder Tomas Hale resigned."),
        ("chairwoman", "Mara Ilves, chairwoman of the works committee, visited the pier.",
         "Mara Ilves, a member of the works committee, visited the pier."),
        ("chairperson", "Mara Ilves, chairperson of the works committee, visited the pier.",
         "Mara Ilves, a member of the works committee, visited the pier."),
        ("chair", "Mara Ilves, chair of the works committee, visited the pier.",
         "Mara Ilves, a member of the works committee, visited the pier."),
        ("minister", "Transport Minister Mara Ilves defended the harbour levy.",
         "Transport Adviser Mara Ilves defended the harbour levy."),
        ("mayor", "Mayor Tomas Hale opened the inquiry into the crane collapse.",
         "Alderman Tomas Hale opened the inquiry into the crane collapse."),
        ("governor", "Governor Mara Ilves signed the port bill.", "Judge Mara Ilves signed the port bill."),
        ("senator", "Senator Mara Ilves backed the port bill.", "Judge Mara Ilves backed the port bill."),
        ("director", "Port director Mara Ilves toured the terminal.",
         "Port engineer Mara Ilves toured the terminal."),
        ("spokesperson", "Mara Ilves, a spokesperson for the port, confirmed the closure.",
         "Mara Ilves, a pilot for the port, confirmed the closure."),
        ("spokesman", "Tomas Hale, a spokesman for the port, confirmed the closure.",
         "Tomas Hale, a pilot for the port, confirmed the closure."),
        ("spokeswoman", "Mara Ilves, a spokeswoman for the port, confirmed the closure.",
         "Mara Ilves, a pilot for the port, confirmed the closure."),
        ("leader", "Union leader Mara Ilves called off the strike.",
         "Union veteran Mara Ilves called off the strike."),
        ("head", "Mara Ilves, head of the port authority, called off the auction.",
         "Mara Ilves, founder of the port authority, called off the auction."),
        ("official", "Mara Ilves, a senior port official, called off the auction.",
         "Mara Ilves, a senior port pilot, called off the auction."),
        ("ally", "Mara Ilves, a close ally of the council, called off the auction.",
         "Mara Ilves, a close friend of the council, called off the auction."),
        ("envoy", "Special envoy Mara Ilves arrived at the islands on the morning ferry.",
         "Special guest Mara Ilves arrived at the islands on the morning ferry."),
    ]),
    *_cases("HONORIFICS", [
        ("mr", "The new ferry was named by Mr Tomas Hale on the quay.",
         "The new ferry was named by Uncle Tomas Hale on the quay."),
        ("mrs", "The new ferry was named by Mrs Ada Brenner on the quay.",
         "The new ferry was named by Aunt Ada Brenner on the quay."),
        ("ms", "The new ferry was named by Ms Ada Brenner on the quay.",
         "The new ferry was named by Nurse Ada Brenner on the quay."),
        ("dr", "The crane collapse was examined by Dr Ada Brenner.",
         "The crane collapse was examined by Nurse Ada Brenner."),
        ("sir", "The new ferry was named by Sir Tomas Hale on the quay.",
         "The new ferry was named by Brother Tomas Hale on the quay."),
        ("dame", "The new ferry was named by Dame Ada Brenner on the quay.",
         "The new ferry was named by Sister Ada Brenner on the quay."),
        ("lord", "The new ferry was named by Lord Tomas Hale on the quay.",
         "The new ferry was named by Father Tomas Hale on the quay."),
        ("lady", "The new ferry was named by Lady Ada Brenner on the quay.",
         "The new ferry was named by Mother Ada Brenner on the quay."),
        ("prof", "The crane collapse was examined by Prof Ada Brenner.",
         "The crane collapse was examined by Coach Ada Brenner."),
    ]),
    *_cases("NOT_NAMES", [
        ("a", "A Dunmore Freight crane collapsed on the quay.", "One Dunmore Freight crane collapsed on the quay."),
        ("an", "An Orlen Shipping crane collapsed on the quay.", "One Orlen Shipping crane collapsed on the quay."),
        ("union", "Union Steward Mara Ilves walked out of the talks.",
         "Guild Steward Mara Ilves walked out of the talks."),
        ("workers", "Workers Mara Ilves and Tomas Hale told the inquiry the crane was unsafe.",
         "Welders Mara Ilves and Tomas Hale told the inquiry the crane was unsafe."),
        ("officials", "Officials Mara Ilves and Tomas Hale signed the lease.",
         "Trustees Mara Ilves and Tomas Hale signed the lease."),
        ("analysts", "Analysts Mara Ilves and Tomas Hale expect the port to recover.",
         "Economists Mara Ilves and Tomas Hale expect the port to recover."),
    ]),
    *_cases("NAME_PARTICLES", [
        ("de", "The lease was signed by Carla de Souza and the council.",
         "The lease was signed by Carla and Souza and the council."),
        ("da", "The lease was signed by Lucas da Silva and the council.",
         "The lease was signed by Lucas and Silva and the council."),
        ("del", "The lease was signed by Ana del Campo and the council.",
         "The lease was signed by Ana and Campo and the council."),
        ("van", "The lease was signed by Pieter van Dijk and the council.",
         "The lease was signed by Pieter and Dijk and the council."),
        ("von", "The lease was signed by Greta von Hallen and the council.",
         "The lease was signed by Greta and Hallen and the council."),
        ("bin", "The lease was signed by Khalid bin Rashed and the council.",
         "The lease was signed by Khalid and Rashed and the council."),
        ("al", "The lease was signed by Omar al Kadri and the council.",
         "The lease was signed by Omar and Kadri and the council."),
    ]),
]  # fmt: skip

# A second sentence after this one: its first word is capitalised, yet not the text's first (which actors skips).
_PIER = "The ferry pier closed. "

CLAUSE_ACTORS: list[Case] = [
    *_cases("NOT_NAMES", [
        ("the", "Ferries stopped. The crew went home.", "Ferries stopped. Hale's crew went home."),
        ("in", _PIER + "In the evening the crew went home.", _PIER + "Throughout the evening the crew went home."),
        ("on", _PIER + "On the quay the crew waited.", _PIER + "Along the quay the crew waited."),
        ("at", _PIER + "At the gate the crew waited.", _PIER + "Beyond the gate the crew waited."),
        ("but", _PIER + "But the crew stayed.", _PIER + "Still the crew stayed."),
        ("and", _PIER + "And the crew stayed.", _PIER + "Still the crew stayed."),
        ("however", _PIER + "However, the crew stayed.", _PIER + "Still, the crew stayed."),
        ("while", _PIER + "While the crew stayed, the pilots left.",
         _PIER + "Whilst the crew stayed, the pilots left."),
        ("this", _PIER + "This crew stayed.", _PIER + "Hale's crew stayed."),
        ("that", _PIER + "That crew stayed.", _PIER + "Hale's crew stayed."),
        ("these", _PIER + "These crews stayed.", _PIER + "Hale's crews stayed."),
        ("those", _PIER + "Those crews stayed.", _PIER + "Hale's crews stayed."),
        ("it", _PIER + "It reopened at dawn.", _PIER + "Hale reopened at dawn."),
        ("he", _PIER + "He went home.", _PIER + "Hale went home."),
        ("she", _PIER + "She went home.", _PIER + "Ilves went home."),
        ("they", _PIER + "They went home.", _PIER + "Hale went home."),
        ("his", _PIER + "His crew went home.", _PIER + "Hale's crew went home."),
        ("her", _PIER + "Her crew went home.", _PIER + "Ilves's crew went home."),
        ("their", _PIER + "Their crews went home.", _PIER + "Hale's crews went home."),
        ("as", _PIER + "As the tide turned, the crew went home.", _PIER + "Once the tide turned, the crew went home."),
        ("after", _PIER + "After the vote the crew went home.", _PIER + "Following the vote the crew went home."),
        ("before", _PIER + "Before the vote the crew went home.", _PIER + "Pending the vote the crew went home."),
        ("since", _PIER + "Since the vote the crew has stayed home.",
         _PIER + "Despite the vote the crew has stayed home."),
        ("during", _PIER + "During the vote the crew stayed outside.",
         _PIER + "Throughout the vote the crew stayed outside."),
        ("with", _PIER + "With the gate shut, the crew went home.",
         _PIER + "Without the gate shut, the crew went home."),
        ("for", _PIER + "For the crew, the closure came as a relief.",
         _PIER + "To the crew, the closure came as a relief."),
        ("by", _PIER + "By nightfall the crew had gone home.", _PIER + "Towards nightfall the crew had gone home."),
        ("yet", _PIER + "Yet the crew stayed.", _PIER + "Still the crew stayed."),
        ("so", _PIER + "So the crew went home.", _PIER + "Thus the crew went home."),
        ("if", _PIER + "If it reopens, the crew will return.", _PIER + "Once it reopens, the crew will return."),
        ("when", _PIER + "When it reopens, the crew will return.", _PIER + "Once it reopens, the crew will return."),
        ("both", _PIER + "Both crews went home.", _PIER + "Hale's crews went home."),
        ("some", _PIER + "Some crews went home.", _PIER + "Hale's crews went home."),
        ("about", _PIER + "About forty crews went home.", _PIER + "Nearly forty crews went home."),
        ("around", _PIER + "Around forty crews went home.", _PIER + "Nearly forty crews went home."),
        ("additionally", _PIER + "Additionally, the crew went home.", _PIER + "Meanwhile, the crew went home."),
        ("conversely", _PIER + "Conversely, the pilots stayed.", _PIER + "Meanwhile, the pilots stayed."),
        ("domestically", _PIER + "Domestically, the closure hurt exporters.",
         _PIER + "Abroad, the closure hurt exporters."),
        ("sources", _PIER + "Sources blamed the crane.", _PIER + "Hale blamed the crane."),
        ("observers", _PIER + "Observers blamed the crane.", _PIER + "Hale blamed the crane."),
    ]),
    *_cases("COLLECTIVE", [
        ("union", "Talks stalled because the union wants 9 percent.",
         "Talks stalled because the crew wants 9 percent."),
        ("authority", "Talks stalled because the authority offered 4 percent.",
         "Talks stalled because the operator offered 4 percent."),
        ("government", "Talks stalled because the government offered 4 percent.",
         "Talks stalled because the fund offered 4 percent."),
        ("company", "Talks stalled because the company offered 4 percent.",
         "Talks stalled because the operator offered 4 percent."),
        ("workers", "Talks stalled because the workers rejected 4 percent.",
         "Talks stalled because the drivers rejected 4 percent."),
        ("management", "Talks stalled because management offered 4 percent.",
         "Talks stalled because nobody offered 4 percent."),
        ("council", "Talks stalled because the council offered 4 percent.",
         "Talks stalled because the fund offered 4 percent."),
        ("police", "The pier closed after the police found a crack.",
         "The pier closed after the divers found a crack."),
        ("ministry", "Talks stalled because the ministry offered 4 percent.",
         "Talks stalled because the fund offered 4 percent."),
        ("party", "The levy passed because the party backed it.", "The levy passed because the press backed it."),
        ("court", "The pier closed after the court upheld the ban.", "The pier closed after the vote upheld the ban."),
        ("opposition", "The levy failed because the opposition voted against it.",
         "The levy failed because the pilots voted against it."),
        ("administration", "Talks stalled because the administration offered 4 percent.",
         "Talks stalled because the fund offered 4 percent."),
        ("army", "The pier reopened after the army cleared the wreck.",
         "The pier reopened after the divers cleared the wreck."),
        ("regime", "The port closed because the regime banned the ferries.",
         "The port closed because the storm halted the ferries."),
        ("employers", "Talks stalled because the employers offered 4 percent.",
         "Talks stalled because the owners offered 4 percent."),
        ("board", "Talks stalled because the board offered 4 percent.",
         "Talks stalled because the fund offered 4 percent."),
        ("agency", "Talks stalled because the agency offered 4 percent.",
         "Talks stalled because the fund offered 4 percent."),
        ("chamber", "The levy passed because the chamber backed it.",
         "The levy passed because the press backed it."),
        ("analysts", "Shares rose because the analysts expect 4 percent growth.",
         "Shares rose because the forecasts expect 4 percent growth."),
        ("investors", "Shares rose because the investors expect 4 percent growth.",
         "Shares rose because the forecasts expect 4 percent growth."),
        ("officials", "The pier closed after the officials found a crack.",
         "The pier closed after the divers found a crack."),
    ]),
    *_cases("CALENDAR", [
        *(
            (month, f"The new ferry sails from {month.capitalize()}.", "The new ferry sails from Dunmore.")
            for month in ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                          "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
                          "friday", "saturday", "sunday")
        ),
        *(
            (short, f"The new ferry sails from {short.capitalize()} 3.", "The new ferry sails from Berth 3.")
            for short in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
        ),
    ]),
]  # fmt: skip

FIGURE_ACTORS: list[Case] = [
    *_cases("CLAUSE_AFTER_COMMA", [
        ("although", "The union took 4 percent, although the council wanted a freeze.",
         "The union took 4 percent, as the council wanted a freeze."),
        ("and", "The union asked for 9 percent, and the council offered 4 percent.",
         "The union asked for 9 percent, so the council offered 4 percent."),
    ]),
    *_cases("CLAUSE_OPENERS", [
        ("while", "The union asked for 9 percent while the council offered 4 percent.",
         "The union asked for 9 percent when the council offered 4 percent."),
        ("whereas", "The union asked for 9 percent whereas the council offered 4 percent.",
         "The union asked for 9 percent as the council offered 4 percent."),
        ("after", "The union accepted 4 percent after the council raised its offer.",
         "The union accepted 4 percent before the council raised its offer."),
        ("but", "The union asked for 9 percent but the council offered 4 percent.",
         "The union asked for 9 percent and the council offered 4 percent."),
    ]),
]  # fmt: skip

# The subject of each sentence is an actor only through the entry; the contrast's subject is a thing.
_ACTOR_NOUN_SENTENCES = {
    "people": "Local people criticised the new harbour levy.",
    "person": "One person criticised the new harbour levy.",
    "family": "One family criticised the new harbour levy.",
    "staff": "The staff criticised the new harbour levy.",
    "crew": "The crew criticised the new harbour levy.",
    "military": "The military criticised the new harbour levy.",
    "force": "The force criticised the new harbour levy.",
    "troop": "The troop criticised the new harbour levy.",
    "source": "One source criticised the new harbour levy.",
    "leadership": "The leadership criticised the new harbour levy.",
}
# Every actor noun but the two the parser always tags as organisations (their reason is in UNDECIDED below).
_ACTOR_NOUNS = sorted(ACTOR_NOUNS - {"congress", "senate"})


def _actor_noun(noun: str) -> Case:
    sentence = _ACTOR_NOUN_SENTENCES.get(noun, f"The {noun} criticised the new harbour levy.")
    thing = "press" if noun == "people" else "report"
    return Case("ACTOR_NOUNS", noun, sentence, " ".join(thing if w == noun else w for w in sentence.split()))


SUBJECT_IS_ACTOR: list[Case] = [_actor_noun(noun) for noun in _ACTOR_NOUNS]

SUBJECT_ROLE: list[Case] = _cases("ROLE_HEADS", [
    ("chief executive officer", "The ferry operator's chief executive officer resigned on Friday.",
     "The ferry operator's chief operating officer resigned on Friday."),
])

SUBJECT_ANCHOR: list[Case] = _cases("HONORIFICS", [
    ("former", "The former mayor of Dunmore cut the ribbon.", "The popular mayor of Dunmore cut the ribbon."),
])

QUOTE_SUBJECTS: list[Case] = [
    *_cases("SUBJECT_FILLER", [
        ("the", "Mara Ilves of the Dunmore Council signed a lease.",
         "Mara Ilves of our Dunmore Council signed a lease."),
        ("a", "Mara Ilves, a Dunmore Port pilot, refused the order.",
         "Mara Ilves, our Dunmore Port pilot, refused the order."),
        ("an", "Mara Ilves, an Orlen Shipping pilot, refused the order.",
         "Mara Ilves, our Orlen Shipping pilot, refused the order."),
        ("former", "Mara Ilves and former Mayor Tomas Hale signed the lease.",
         "Mara Ilves and retired Mayor Tomas Hale signed the lease."),
        ("his", "Tomas Hale and his Harbour Party allies walked out.",
         "Tomas Hale and some Harbour Party allies walked out."),
        ("her", "Mara Ilves and her Harbour Party allies walked out.",
         "Mara Ilves and several Harbour Party allies walked out."),
        ("their", "Ilves, Hale and their Dunmore Freight partners sued the port.",
         "Ilves, Hale and two Dunmore Freight partners sued the port."),
        ("its", "Dunmore Freight and its Orlen Shipping unit sued the port.",
         "Dunmore Freight and one Orlen Shipping unit sued the port."),
        ("of", "Mara Ilves of Dunmore Freight signed the lease.", "Mara Ilves at Dunmore Freight signed the lease."),
        ("and", "Mara Ilves and Tomas Hale will sign the lease.", "Mara Ilves or Tomas Hale will sign the lease."),
        ("both", "Both Mara Ilves and Tomas Hale signed the lease.",
         "Only Mara Ilves and Tomas Hale signed the lease."),
    ]),
    *_cases("SUBJECT_PRONOUNS", [
        ("he", "He told the Dunmore Council the pier was unsafe.",
         "Hale told the Dunmore Council the pier was unsafe."),
        ("she", "She told the Dunmore Council the pier was unsafe.",
         "Ilves told the Dunmore Council the pier was unsafe."),
        ("they", "They rejected the Dunmore Freight offer.", "Hale rejected the Dunmore Freight offer."),
        ("it", "It rejected the Dunmore Freight offer.", "Hale rejected the Dunmore Freight offer."),
        ("this", "This angered the Dunmore Council.", "Hale angered the Dunmore Council."),
        ("these", "These Dunmore Freight terms suit the council.", "Hale's Dunmore Freight terms suit the council."),
        ("those", "Those terms suit the Dunmore Council.", "Hale's terms suit the Dunmore Council."),
        ("that", "That offer suits the Dunmore Council.", "Hale's offer suits the Dunmore Council."),
        ("we", "We rejected the Dunmore Freight offer, the stewards said.",
         "Hale rejected the Dunmore Freight offer, the stewards said."),
        ("i", "I, Ilves said, will not sign the lease.", "Hale, Ilves said, will not sign the lease."),
        ("there", "There came no reply from the Dunmore Council.", "Then came no reply from the Dunmore Council."),
        ("such", "Such delays anger Dunmore traders.", "Hale's delays anger Dunmore traders."),
        ("who", "Who ordered the closure of Dunmore Pier?", "Hale ordered the closure of Dunmore Pier?"),
    ]),
    *_cases("UNNAMED_SUBJECTS", [
        ("sources", "Sources at Dunmore Port expect delays.", "Engineers at Dunmore Port expect delays."),
        ("officials", "Officials at Dunmore Port expect delays.", "Engineers at Dunmore Port expect delays."),
        ("observers", "Observers at Dunmore Port expect delays.", "Engineers at Dunmore Port expect delays."),
        ("analysts", "Analysts at Dunmore Freight expect delays.", "Engineers at Dunmore Freight expect delays."),
        ("reports", "Reports from Dunmore Port suggest delays.", "Pilots from Dunmore Port suggest delays."),
        ("critics", "Critics in Dunmore expect delays.", "Rivals in Dunmore expect delays."),
        ("experts", "Experts at Dunmore Port expect delays.", "Engineers at Dunmore Port expect delays."),
        ("residents", "Residents near Dunmore Port expect delays.", "Pilots near Dunmore Port expect delays."),
        ("many", "Many in Dunmore expect delays.", "Pilots in Dunmore expect delays."),
    ]),
    *_cases("SUBJECT_PREAMBLE_OPENERS", [
        ("in", "In Dunmore, Mara Ilves walked out of the talks.",
         "Outside Dunmore, Mara Ilves walked out of the talks."),
        ("during", "During the talks, Mara Ilves walked out.", "Throughout the talks, Mara Ilves walked out."),
        ("after", "After the vote, Mara Ilves walked out.", "Before the vote, Mara Ilves walked out."),
        ("since", "Since the vote, Mara Ilves has refused to talk.", "Until the vote, Mara Ilves had refused to talk."),
        ("however", "However, Mara Ilves walked out.", "Still, Mara Ilves walked out."),
        ("additionally", "Additionally, Mara Ilves walked out.", "Separately, Mara Ilves walked out."),
        ("while", "While the talks went on, Mara Ilves walked out.",
         "Whilst the talks went on, Mara Ilves walked out."),
        ("as", "As the talks stalled, Mara Ilves walked out.", "Once the talks stalled, Mara Ilves walked out."),
        ("on", "On Friday, Mara Ilves walked out.", "By Friday, Mara Ilves walked out."),
        ("at", "At the pier, Mara Ilves spoke to the crews.", "Near the pier, Mara Ilves spoke to the crews."),
        ("following", "Following the vote, Mara Ilves walked out.", "Before the vote, Mara Ilves walked out."),
        ("despite", "Despite the vote, Mara Ilves walked out.", "Before the vote, Mara Ilves walked out."),
        ("amid", "Amid the strike, Mara Ilves kept the pier open.",
         "Throughout the strike, Mara Ilves kept the pier open."),
        ("with", "With the pier shut, Mara Ilves sent the crews home.",
         "Without the pier shut, Mara Ilves sent the crews home."),
        ("meanwhile", "Meanwhile, Mara Ilves walked out.", "Separately, Mara Ilves walked out."),
        ("domestically", "Domestically, Mara Ilves faces a revolt.", "Abroad, Mara Ilves faces a revolt."),
        ("yet", "Yet, Mara Ilves walked out.", "Still, Mara Ilves walked out."),
        ("but", "But in the end, Mara Ilves walked out.", "Still in the end, Mara Ilves walked out."),
        ("and", "And in the end, Mara Ilves walked out.", "Even in the end, Mara Ilves walked out."),
        ("so", "So, Mara Ilves walked out.", "Thus, Mara Ilves walked out."),
        ("now", "Now, Mara Ilves has walked out.", "Again, Mara Ilves has walked out."),
        ("according", "According to the stewards, Mara Ilves walked out.",
         "Contrary to the stewards, Mara Ilves walked out."),
        ("earlier", "Earlier, Mara Ilves walked out.", "Previously, Mara Ilves walked out."),
        ("later", "Later, Mara Ilves walked out.", "Afterwards, Mara Ilves walked out."),
        ("also", "Also, Mara Ilves walked out.", "Separately, Mara Ilves walked out."),
    ]),
]  # fmt: skip

STEMS: list[Case] = _cases("GENERIC_WORDS", [
    ("day", "The dockers struck for a third day.", "The dockers struck for a third shift."),
    ("days", "The dockers struck for three days.", "The dockers struck for three shifts."),
    ("week", "The ferry stayed in port for a week.", "The ferry stayed in port for a refit."),
    ("weeks", "The ferry stayed in port for two weeks.", "The ferry stayed in port for two refits."),
    ("month", "The crane stood idle for a month.", "The crane stood idle for a season."),
    ("months", "The crane stood idle for two months.", "The crane stood idle for two seasons."),
    ("year", "The pier has lost money every year.", "The pier has lost money every season."),
    ("years", "The pier has lost money for years.", "The pier has lost money for decades."),
    ("time", "The crane failed a second time.", "The crane failed a second test."),
    ("times", "The crane failed three times.", "The crane failed three tests."),
    ("today", "The ferry sails today.", "The ferry sails south."),
    ("tomorrow", "The ferry sails tomorrow.", "The ferry sails south."),
    ("yesterday", "The ferry sailed yesterday.", "The ferry sailed south."),
    ("morning", "The ferry sails in the morning.", "The ferry sails in the fog."),
    ("evening", "The ferry sails in the evening.", "The ferry sails in the fog."),
    ("night", "The ferry sails at night.", "The ferry sails at speed."),
    ("people", "The ferry carried 300 people.", "The ferry carried 300 cars."),
    ("part", "The crane is part of the deal.", "The crane is key to the deal."),
    ("way", "The union found a way to end the strike.", "The union found a plan to end the strike."),
    ("number", "The number of ferries fell.", "The fleet of ferries fell."),
    ("first", "The first ferry sailed at dawn.", "The cargo ferry sailed at dawn."),
    ("last", "The last ferry sailed at dawn.", "The cargo ferry sailed at dawn."),
    ("new", "The new ferry sailed at dawn.", "The cargo ferry sailed at dawn."),
])  # fmt: skip

_VARGA = "Norvish President Ilse Varga opened the new ferry terminal. "

DOER: list[Case] = [
    *_cases("GOVERNMENT_BODIES", [
        ("government", "The Norvish government rejected the harbour levy.",
         "The Norvish federation rejected the harbour levy."),
        ("administration", "The administration in Brask rejected the harbour levy.",
         "The delegation in Brask rejected the harbour levy."),
        ("regime", "The Norvish regime rejected the harbour levy.", "The Norvish press rejected the harbour levy."),
        ("leadership", "The Norvish leadership rejected the harbour levy.",
         "The Norvish press rejected the harbour levy."),
        ("cabinet", "The Norvish cabinet rejected the harbour levy.", "The Norvish press rejected the harbour levy."),
        ("authorities", "The Norvish authorities rejected the harbour levy.",
         "The Norvish press rejected the harbour levy."),
    ]),
    *_cases("LEADER_WORDS", [
        ("leader", _VARGA + "The Norvish leader rejected the harbour levy.",
         _VARGA + "The Norvish envoy rejected the harbour levy."),
        ("head", _VARGA + "The Norvish head of state rejected the harbour levy.",
         _VARGA + "The Norvish chief of state rejected the harbour levy."),
    ]),
    *_cases("RECEIVING_VERBS", [
        ("receive", "The union could receive a final offer on Thursday.",
         "The union could make a final offer on Thursday."),
        ("get", "The union will get a final offer on Thursday.", "The union will make a final offer on Thursday."),
        ("face", "The union could face a heavy fine.", "The union could seek a heavy fine."),
        ("suffer", "The union could suffer heavy losses.", "The union could cause heavy losses."),
        ("undergo", "The union will undergo an audit.", "The union will order an audit."),
        ("endure", "The union must endure a long lockout.", "The union must end a long lockout."),
    ]),
]  # fmt: skip

HEADS: list[Case] = _cases("GOVERNMENT_HEADS", [
    ("president", "Norvish President Ilse Varga opened the new ferry terminal.",
     "Norvish Governor Ilse Varga opened the new ferry terminal."),
    ("prime minister", "Norvish Prime Minister Ilse Varga opened the new ferry terminal.",
     "Norvish Finance Minister Ilse Varga opened the new ferry terminal."),
    ("leader", "Norvish leader Ilse Varga opened the new ferry terminal.",
     "Norvish envoy Ilse Varga opened the new ferry terminal."),
    ("head", "Ilse Varga, the head of Norvia, opened the new ferry terminal.",
     "Ilse Varga, the envoy of Norvia, opened the new ferry terminal."),
])  # fmt: skip

PRONOUN_DOER: list[Case] = _cases("PERSONAL_PRONOUNS", [
    ("he", "Tomas Hale led the picket at the gates. He asked the board for a meeting.",
     "Tomas Hale led the picket at the gates. They asked the board for a meeting."),
    ("she", "Mara Ilves led the picket at the gates. She asked the board for a meeting.",
     "Mara Ilves led the picket at the gates. They asked the board for a meeting."),
])  # fmt: skip

# PLAIN_SAYING holds lemmas, and speaker_only only reaches what was said from a verb of saying as ATTRIBUTION_VERBS
# writes it ("said", "told", not "say"): a sentence that decides holds the inflected form, so these cases are not
# counted in CASES (whose sentences must hold the entry's own words); the entries are in UNDECIDED, with why.
INFLECTED: list[Case] = _cases("PLAIN_SAYING", [
    ("say", "Mara Ilves said members would stay out.", "Mara Ilves confirmed members would stay out."),
    ("tell", "Mara Ilves told reporters members would stay out.",
     "Mara Ilves warned reporters members would stay out."),
    ("state", "Mara Ilves stated that members would stay out.", "Mara Ilves insisted that members would stay out."),
    ("write", "Mara Ilves wrote that members would stay out.", "Mara Ilves insisted that members would stay out."),
    ("note", "Mara Ilves noted that members would stay out.", "Mara Ilves insisted that members would stay out."),
])  # fmt: skip

CASES: list[Case] = [
    *NAMED, *CLAUSE_ACTORS, *FIGURE_ACTORS, *SUBJECT_IS_ACTOR, *SUBJECT_ROLE, *SUBJECT_ANCHOR, *QUOTE_SUBJECTS,
    *STEMS, *DOER, *HEADS, *PRONOUN_DOER,
]  # fmt: skip

_LEMMA = (
    "speaker_only compares the lemma of the verb of saying, but reaches what was said only from a verb written as "
    "ATTRIBUTION_VERBS lists it (said, says, told, stated, wrote, noted: inflected forms), so a sentence holding "
    "the bare word never decides; the inflected form does (see INFLECTED)"
)
UNDECIDED: dict[str, str] = {
    "ACTOR_NOUNS:congress": "the parser's recogniser tags 'congress' ORG in every sentence tried ('The congress "
    "criticised the new harbour levy.', 'A congress of dockers ...'), and an ORG is an actor without the list",
    "ACTOR_NOUNS:senate": "the parser's recogniser tags 'senate' ORG in every sentence tried ('The senate criticised "
    "the new harbour levy.', 'The island senate ...'), and an ORG is an actor without the list",
    "PLAIN_SAYING:say": _LEMMA,
    "PLAIN_SAYING:tell": _LEMMA,
    "PLAIN_SAYING:state": _LEMMA,
    "PLAIN_SAYING:write": _LEMMA,
    "PLAIN_SAYING:note": _LEMMA,
}


# --- the tests ----------------------------------------------------------------------------------------------------


def _differs(probe: Callable[[str], Any], case: Case) -> Any:
    on, off = decides(probe, case)
    assert on != off, f"{case.id}: {on!r} on both sides"
    return on


@pytest.mark.parametrize("case", NAMED, ids=lambda c: c.id)
def test_names_and_the_offices_beside_them(case: Case) -> None:
    found = _differs(named, case)
    if case.name == "ROLE_HEADS":
        assert ROLE_HEADS[case.entry] in {role for _, role, _ in found}
    elif case.name == "NAME_PARTICLES":
        assert any(f" {case.entry} " in key for key, _, _ in found)
    else:  # the word before the name is not part of it
        assert not any(key.split()[0] == case.entry for key, _, _ in found)


@pytest.mark.parametrize("case", CLAUSE_ACTORS, ids=lambda c: c.id)
def test_who_a_clause_is_about(case: Case) -> None:
    found = _differs(clause_actors, case)
    assert (case.entry in found) == (case.name == "COLLECTIVE")


@pytest.mark.parametrize("case", FIGURE_ACTORS, ids=lambda c: c.id)
def test_a_figure_belongs_to_its_own_clause(case: Case) -> None:
    assert len(_differs(figure_actors, case)) == 1


@pytest.mark.parametrize("case", SUBJECT_IS_ACTOR, ids=lambda c: c.id)
def test_a_noun_for_people_makes_its_subject_an_actor(case: Case) -> None:
    assert _differs(subject_is_actor, case) is True


@pytest.mark.parametrize("case", SUBJECT_ROLE, ids=lambda c: c.id)
def test_an_office_read_in_a_subject(case: Case) -> None:
    assert _differs(subject_role, case) == ROLE_HEADS[case.entry]


@pytest.mark.parametrize("case", SUBJECT_ANCHOR, ids=lambda c: c.id)
def test_a_title_word_is_not_whose_office(case: Case) -> None:
    assert case.entry not in _differs(subject_anchor, case)


@pytest.mark.parametrize("case", QUOTE_SUBJECTS, ids=lambda c: c.id)
def test_the_names_in_a_quote_s_subject(case: Case) -> None:
    found = _differs(quote_subjects, case)
    if case.name in ("SUBJECT_PRONOUNS", "UNNAMED_SUBJECTS"):
        assert found is None
    else:
        assert found is not None and case.entry not in found


@pytest.mark.parametrize("case", STEMS, ids=lambda c: c.id)
def test_generic_words_are_no_evidence_of_one_fact(case: Case) -> None:
    assert case.entry[:5] not in _differs(stems, case)


@pytest.mark.parametrize("case", DOER, ids=lambda c: c.id)
def test_who_did_it(case: Case) -> None:
    found = _differs(doer, case)
    expected = {"GOVERNMENT_BODIES": ("norvia",), "LEADER_WORDS": ("ilse varga",), "RECEIVING_VERBS": None}
    assert found == expected[case.name]


@pytest.mark.parametrize("case", HEADS, ids=lambda c: c.id)
def test_a_head_of_state_or_government_stands_for_the_country(case: Case) -> None:
    assert _differs(heads, case) == (("ilse varga", ("norvia",)),)


@pytest.mark.parametrize("case", PRONOUN_DOER, ids=lambda c: c.id)
def test_he_or_she_is_the_person_named_before(case: Case) -> None:
    assert _differs(pronoun_doer, case) is not None


@pytest.mark.parametrize("case", INFLECTED, ids=lambda c: c.id)
def test_a_verb_that_only_passes_words_on(case: Case) -> None:
    assert _differs(passes_words_on, case) is True
