"""The word lists of stance and reading (lexicon.py): how a sentence is said — attributed, hedged, negated, the
writer's commentary — each entry decided by a minimal pair of our own sentences (tests/lexicon_cases.py).

Probes: reading.analysis (text only), stance.read_stance on a parse (attributed, commentary, modal, negated),
and crosscheck's outcome reading (a negation before an outcome, opposite outcomes in two articles). A sentence
may name a part after "|": the stance is read on that part, as an atomic fact of the sentence would be. The
outcome pairs (OPPOSITE_PAIRS, outside CASES: their entries are pairs) hold two sentences, one per article.

Every case also passes a second test: with its entry taken out of its list, the probe's answer on the sentence
changes. That is what tells an entry that decides from one whose work another entry or rule already does
(those are in UNDECIDED, with why). Sentences are our own: invented ports, councils, unions and clubs.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from typing import Any

import pytest

from briefing.checks.crosscheck import _outcome_conflicts, _states
from briefing.facts.ground import ground_fact
from briefing.inputs.sources import parse_article
from briefing.model.parse import Parser
from briefing.models import GroundedFact, RawFact
from briefing.text import lexicon
from briefing.text.normalize import words
from briefing.text.reading import analysis
from briefing.text.stance import Commentary, Stance, read_stance
from briefing.text.syntax import ParsedSentence

from .lexicon_cases import Case

# --- probes ---------------------------------------------------------------------------------------------------


@functools.cache
def _parser() -> Parser:
    return Parser.load()


@functools.cache
def _parse(text: str) -> ParsedSentence:
    [parse] = _parser().parse([text], [0])
    return parse


def _stance(case: str) -> Stance:
    """The stance of a sentence, or of the part of it after "|"."""
    text, _, part = case.partition("|")
    start = text.index(part) if part else 0
    return read_stance(_parse(text), start, start + len(part or text))


def attributed(case: str) -> bool:
    return _stance(case).attributed


def commentary(case: str) -> Commentary | None:
    return _stance(case).commentary


def modal(case: str) -> str | None:
    return _stance(case).modal


def negated(case: str) -> bool:
    return _stance(case).negated


_OUTCOMES = sorted({phrase for pair in lexicon.OUTCOME_OPPOSITES for phrase in pair})


def stated_outcomes(text: str) -> list[str]:
    """The outcomes (OUTCOME_OPPOSITES' phrases) the text states, none turned round by a negation before it."""
    tokens = words(text)
    return [outcome for outcome in _OUTCOMES if _states(tokens, outcome)]


def _facts(name: str, sentence: str) -> list[GroundedFact]:
    source = parse_article(f"---\npublished: 2025-11-04\n---\n{sentence}\n", f"{name}.txt")
    grounded = []
    for number, parsed in enumerate(source.sentences, start=1):
        text = source.sentence_text(parsed)
        raw = RawFact(statement=text, kind="event", actors=[], evidence=[parsed.id], quote=text)
        fact = ground_fact(source, raw, f"{source.id}#F{number}")
        assert isinstance(fact, GroundedFact)
        grounded.append(fact)
    return grounded


def outcome_conflicts(text: str) -> list[list[str]]:
    """The opposite outcomes crosscheck finds when the text's first sentence is one article and its second another."""
    first, second = re.split(r"(?<=\.) ", text, maxsplit=1)
    facts = _facts("x", first) + _facts("y", second)
    return [[side.value for side in conflict.sides] for conflict in _outcome_conflicts(facts)]


# --- cases ----------------------------------------------------------------------------------------------------


def _cases(name: str, rows: list[tuple[str, str, str]]) -> list[Case]:
    return [Case(name, entry, sentence, contrast) for entry, sentence, contrast in rows]


# reading.analysis: an attribution verb makes a sentence reported, however speculative (contrast: speculation).
ATTRIBUTION = _cases("ATTRIBUTION_VERBS", [
    ("said", "The mayor said the pier could close.", "The mayor feared the pier could close."),
    ("says", "The mayor says the pier could close.", "The mayor fears the pier could close."),
    ("told", "The mayor told reporters the pier could close.", "The mayor assured reporters the pier could close."),
    ("tells", "The mayor tells reporters the pier could close.", "The mayor assures reporters the pier could close."),
    ("according to", "The pier could close, according to the mayor.",
     "The pier could close, in the view of the mayor."),
    ("reported", "The Dunmore Gazette reported that fares could rise.",
     "The Dunmore Gazette speculated that fares could rise."),
    ("reports", "The Dunmore Gazette reports that fares could rise.",
     "The Dunmore Gazette speculates that fares could rise."),
    ("confirmed", "The harbour master confirmed that the pier could close.",
     "The harbour master feared that the pier could close."),
    ("confirms", "The harbour master confirms that the pier could close.",
     "The harbour master fears that the pier could close."),
    ("argue", "Critics argue that the new ferry could sink in a storm.",
     "Critics fear that the new ferry could sink in a storm."),
    ("argues", "Mara Ilves argues that the club could go bankrupt.",
     "Mara Ilves fears that the club could go bankrupt."),
    ("argued", "Mara Ilves argued that the club could go bankrupt.",
     "Mara Ilves feared that the club could go bankrupt."),
    ("maintain", "The owners maintain that the sea wall could hold.", "The owners hope that the sea wall could hold."),
    ("maintains", "The club maintains that the stadium could reopen.", "The club hopes that the stadium could reopen."),
    ("maintained", "The club maintained that the stadium could reopen.",
     "The club hoped that the stadium could reopen."),
    ("assert", "Inspectors assert that the crane could fail.", "Inspectors suspect that the crane could fail."),
    ("asserts", "The inspector asserts that the crane could fail.",
     "The inspector suspects that the crane could fail."),
    ("asserted", "The inspector asserted that the crane could fail.",
     "The inspector suspected that the crane could fail."),
    ("accused", "The union accused the board of a plan that could close the pier.",
     "The union suspected the board of a plan that could close the pier."),
    ("accuses", "The union accuses the board of a plan that could close the pier.",
     "The union suspects the board of a plan that could close the pier."),
    ("claimed", "The Tarrow union claimed that the strike could spread.",
     "The Tarrow union feared that the strike could spread."),
    ("claims", "The Tarrow union claims that the strike could spread.",
     "The Tarrow union fears that the strike could spread."),
    ("warned", "The coastguard warned that the pier could collapse.",
     "The coastguard feared that the pier could collapse."),
    ("warns", "The coastguard warns that the pier could collapse.",
     "The coastguard fears that the pier could collapse."),
    ("revealed", "The audit revealed that the port could lose its licence.",
     "The audit found that the port could lose its licence."),
    ("stated", "The harbour board stated that the pier could close.",
     "The harbour board hinted that the pier could close."),
    ("announced", "The ferry firm announced that fares could rise.", "The ferry firm hinted that fares could rise."),
    ("denied", "The ferry firm denied that fares could rise.", "The ferry firm doubted that fares could rise."),
    ("insisted", "The mayor insisted that the pier could reopen.", "The mayor hoped that the pier could reopen."),
    ("noted", "The inspectors noted that the crane could fail.", "The inspectors feared that the crane could fail."),
    ("wrote", "The harbour master wrote that the channel could silt up.",
     "The harbour master feared that the channel could silt up."),
    ("urged", "The union urged a plan that could save the pier.", "The union backed a plan that could save the pier."),
    ("called for", "The union called for a plan that could save the pier.",
     "The union pushed for a plan that could save the pier."),
    ("allegedly", "The union allegedly backs a plan that could close the pier.",
     "The union quietly backs a plan that could close the pier."),
    ("reportedly", "The club reportedly backs a plan that could move the stadium.",
     "The club quietly backs a plan that could move the stadium."),
])  # fmt: skip

# reading.analysis: a pronoun or demonstrative opening, with an interpreting verb, is the writer's reading.
OPENERS = _cases("ANALYSIS_OPENERS", [
    ("this", "This signals a harder line from the harbour board.",
     "Hale signals a harder line from the harbour board."),
    ("these", "These delays signal a harder line from the board.", "Long delays signal a harder line from the board."),
    ("that", "That decision underscores the weakness of the board.",
     "Her decision underscores the weakness of the board."),
    ("those", "Those delays underscore the weakness of the board.",
     "Repeated delays underscore the weakness of the board."),
    ("it", "It shows how weak the Dunmore council has become.",
     "The audit shows how weak the Dunmore council has become."),
    ("such", "Such a delay reflects a deeper crisis at the port.",
     "A long delay reflects a deeper crisis at the port."),
])  # fmt: skip

ANALYSIS = _cases("ANALYSIS_VERBS", [
    ("signals", "This signals a harder line from the harbour board.",
     "This sets a harder line from the harbour board."),
    ("signal", "These delays signal a harder line from the board.", "These delays set a harder line from the board."),
    ("underscores", "This underscores the weakness of the board.", "This exposes the weakness of the board."),
    ("underscore", "These failures underscore the weakness of the board.",
     "These failures expose the weakness of the board."),
    ("underlines", "This underlines the cost of the strike.", "This raises the cost of the strike."),
    ("highlights", "This highlights the cost of the lockout.", "This raises the cost of the lockout."),
    ("illustrates", "This illustrates the gap between the two sides.", "This widens the gap between the two sides."),
    ("shows", "This shows the limits of the board's power.", "This tests the limits of the board's power."),
    ("demonstrates", "This demonstrates the limits of the mayor's power.",
     "This tests the limits of the mayor's power."),
    ("suggests", "This suggests a deeper rift on the board.", "This causes a deeper rift on the board."),
    ("reflects", "This reflects a deeper rift in the club.", "This causes a deeper rift in the club."),
    ("represents", "This represents a setback for the ferry firm.", "This brings a setback for the ferry firm."),
    ("means", "This means a longer wait for the islanders.", "This brings a longer wait for the islanders."),
    ("indicates", "This indicates a shift in the union's tactics.", "This forces a shift in the union's tactics."),
    ("implies", "This implies a shift in the council's tactics.", "This forces a shift in the council's tactics."),
    ("remains", "This remains a sore point for the dockers.", "This became a sore point for the dockers."),
    ("remain", "These questions remain a sore point for the dockers.",
     "These questions became a sore point for the dockers."),
    ("is a", "This is a blow to the dockers.", "This was a blow to the dockers."),
    # the plural subject's forms ("These delays reflect ..."), as "signal", "underscore" and "remain" above
    ("underline", "These delays underline the cost of the strike.", "These delays raise the cost of the strike."),
    ("highlight", "These delays highlight the cost of the lockout.", "These delays raise the cost of the lockout."),
    ("illustrate", "These talks illustrate the gap between the two sides.",
     "These talks widen the gap between the two sides."),
    ("show", "These votes show the limits of the board's power.", "These votes test the limits of the board's power."),
    ("demonstrate", "These votes demonstrate the limits of the mayor's power.",
     "These votes test the limits of the mayor's power."),
    ("suggest", "These figures suggest a deeper rift on the board.", "These figures cause a deeper rift on the board."),
    ("reflect", "These delays reflect a deeper rift in the club.", "These delays cause a deeper rift in the club."),
    ("represent", "These cuts represent a setback for the ferry firm.",
     "These cuts bring a setback for the ferry firm."),
    ("mean", "These cuts mean a longer wait for the islanders.", "These cuts bring a longer wait for the islanders."),
    ("indicate", "These moves indicate a shift in the union's tactics.",
     "These moves force a shift in the union's tactics."),
    ("imply", "These moves imply a shift in the council's tactics.",
     "These moves force a shift in the council's tactics."),
])  # fmt: skip

SPECULATIVE = _cases("SPECULATION", [
    ("might", "The board might sell the pier.", "The board will sell the pier."),
    ("could", "The ferry firm could raise fares in the spring.", "The ferry firm will raise fares in the spring."),
    ("may", "The strike may spread to the ferries.", "The strike will spread to the ferries."),
    ("potentially", "The closure potentially affects every ferry route.",
     "The closure directly affects every ferry route."),
    ("perhaps", "Perhaps the board will sell the pier.", "Soon the board will sell the pier."),
    ("likely", "The club will likely sell its stadium.", "The club will soon sell its stadium."),
    ("unlikely", "The board is unlikely to sell the pier.", "The board is keen to sell the pier."),
])  # fmt: skip

# stance: a reporting verb with a speaker attributes its clause (contrast: a verb that is no report).
REPORTING = _cases("REPORTING_VERBS", [
    ("say", "The dockers say that the pier has closed.", "The dockers learn that the pier has closed."),
    ("tell", "The harbour pilots tell reporters that the pier has closed.",
     "The harbour pilots show reporters that the pier has closed."),
    ("report", "Local papers report that the ferry has sunk.", "Local papers regret that the ferry has sunk."),
    ("claim", "The owners claim that the repairs are finished.", "The owners discover that the repairs are finished."),
    ("confirm", "Port officials confirm that the pier has closed.", "Port officials learn that the pier has closed."),
    ("announce", "The ferry firms announce that fares will rise.", "The ferry firms regret that fares will rise."),
    ("state", "The owners state that the lease has ended.", "The owners regret that the lease has ended."),
    ("add", "The owners add that the lease has ended.", "The owners forget that the lease has ended."),
    ("note", "The inspectors note that the crane has failed.", "The inspectors notice that the crane has failed."),
    ("write", "The harbour pilots write that the channel has silted up.",
     "The harbour pilots discover that the channel has silted up."),
    ("reveal", "The auditors reveal that the port has lost money.",
     "The auditors discover that the port has lost money."),
    ("disclose", "The owners disclose that the port has lost money.",
     "The owners discover that the port has lost money."),
    ("insist", "The dockers insist that the pier has closed.", "The dockers hear that the pier has closed."),
    ("argue", "The unions argue that the offer is too low.", "The unions feel that the offer is too low."),
    ("maintain", "The owners maintain that the pier is safe.", "The owners feel that the pier is safe."),
    ("assert", "The owners assert that the sea wall is sound.", "The owners feel that the sea wall is sound."),
    ("allege", "The dockers allege that the owners hid the losses.",
     "The dockers discover that the owners hid the losses."),
    ("accuse", "The inspectors accuse the owners of hiding the losses.",
     "The inspectors clear the owners of hiding the losses."),
    ("warn", "The coastguards warn that the pier has cracked.", "The coastguards notice that the pier has cracked."),
    ("declare", "The owners declare that the pier has closed.", "The owners regret that the pier has closed."),
    ("explain", "The owners explain that the lease has ended.", "The owners regret that the lease has ended."),
    ("acknowledge", "The owners acknowledge that the port has lost money.",
     "The owners discover that the port has lost money."),
    ("admit", "The owners admit that the port has lost money.", "The owners hear that the port has lost money."),
    ("deny", "The owners deny that the port has lost money.", "The owners hear that the port has lost money."),
    ("describe", "The survivors describe how the ferry sank.", "The survivors remember how the ferry sank."),
    ("urge", "The unions urge the owners to sell the pier.", "The unions help the owners to sell the pier."),
    ("testify", "The harbour pilots testify that the ferry had no lights.",
     "The harbour pilots remember that the ferry had no lights."),
    ("tweet", "The club owners tweet that the stadium has been sold.",
     "The club owners discover that the stadium has been sold."),
    ("post", "The club owners post that the stadium has been sold.",
     "The club owners hear that the stadium has been sold."),
    ("estimate", "The auditors estimate that the repairs will cost millions.",
     "The auditors calculate that the repairs will cost millions."),
    ("predict", "The forecasters predict that the storm will close the port.",
     "The forecasters regret that the storm will close the port."),
    ("concede", "The owners concede that the port has lost money.", "The owners regret that the port has lost money."),
    ("contend", "The unions contend that the offer is too low.", "The unions feel that the offer is too low."),
    ("suggest", "The unions suggest that the owners sell the pier.",
     "The unions demand that the owners sell the pier."),
    ("indicate", "The owners indicate that the pier will close.", "The owners hear that the pier will close."),
    ("signal", "The unions signal that the strike will spread.", "The unions hear that the strike will spread."),
    ("hint", "The owners hint that the pier will close.", "The owners hear that the pier will close."),
    ("imply", "The unions imply that the owners hid the losses.",
     "The unions discover that the owners hid the losses."),
])  # fmt: skip

BELIEF = _cases("BELIEF_VERBS", [
    ("believe", "Many islanders believe that the ferry will return.",
     "Many islanders know that the ferry will return."),
    ("think", "The dockers think that the strike will spread.", "The dockers know that the strike will spread."),
    ("expect", "The owners expect that the sale will go through.", "The owners know that the sale will go through."),
    ("fear", "Many residents fear that the pier will collapse.", "Many residents know that the pier will collapse."),
    ("hope", "The islanders hope that the ferry will return.", "The islanders know that the ferry will return."),
    ("doubt", "The unions doubt that the owners will pay.", "The unions know that the owners will pay."),
    ("suspect", "The auditors suspect that the owners hid the losses.",
     "The auditors discover that the owners hid the losses."),
    ("understand", "The unions understand that the pier will close.", "The unions hear that the pier will close."),
    ("presume", "Investigators presume that the ferry sank in the storm.",
     "Investigators know that the ferry sank in the storm."),
    ("foresee", "The dockers foresee that the strike will spread.", "The dockers know that the strike will spread."),
    ("anticipate", "The owners anticipate that the sale will go through.",
     "The owners know that the sale will go through."),
])  # fmt: skip

# commentary: an adverb judging the whole clause, before its comma (contrast: an adverb of time, which reports).
WRITER = _cases("WRITER_ADVERBS", [
    (adverb, f"{adverb.title()}, the ferry firm hired too many crews.", "Later, the ferry firm hired too many crews.")
    for adverb in ("arguably", "undoubtedly", "unquestionably", "surely", "clearly", "evidently", "obviously",
                   "ironically", "predictably", "understandably", "tellingly", "inevitably", "unsurprisingly",
                   "sadly", "fortunately", "unfortunately", "admittedly", "remarkably", "worryingly")
])  # fmt: skip

HEARSAY = _cases("HEARSAY_ADVERBS", [
    ("reportedly", "The harbour master reportedly resigned on Friday.",
     "The harbour master quietly resigned on Friday."),
    ("allegedly", "The mayor allegedly took a bribe from the ferry firm.",
     "The mayor once took a bribe from the ferry firm."),
    ("purportedly", "The club purportedly signed the striker on Monday.",
     "The club finally signed the striker on Monday."),
    ("reputedly", "The captain reputedly owns three trawlers.", "The captain still owns three trawlers."),
    ("supposedly", "The ferry firm supposedly owes the port a fortune.",
     "The ferry firm still owes the port a fortune."),
])  # fmt: skip

# stance: a pronoun that stands for no speaker leaves a reporting verb unattributed (contrast: a person).
NON_SPEAKING = _cases("NON_SPEAKERS", [
    ("it", "It confirms that the pier has closed.", "She confirms that the pier has closed."),
])  # fmt: skip

# stance: a demonstrative or "what" saying something is no one's words, but no generalisation of the writer's either
# (as "Something confirmed ..." is): reported.
NOT_GENERALISING = _cases("NON_SPEAKERS", [
    ("this", "This confirmed that the pier had closed.", "Something confirmed that the pier had closed."),
    ("that", "That confirmed the sale of the ferry.", "Something confirmed the sale of the ferry."),
    ("these", "These confirmed that the pier had closed.", "Something confirmed that the pier had closed."),
    ("those", "Those confirmed that the stadium had been sold.",
     "Something confirmed that the stadium had been sold."),
    ("what", "The union published what confirmed the closure.|what confirmed the closure",
     "The union published whatever confirmed the closure.|whatever confirmed the closure"),
])  # fmt: skip

# stance: an interpreting verb whose subject is no actor is the writer's reading (contrast: a verb of doing).
INTERPRETIVE = _cases("INTERPRETIVE_VERBS", [
    ("signal", "The delays signal a harder line from the harbour board.",
     "The delays follow a harder line from the harbour board."),
    ("underscore", "The delays underscore the weakness of the board.", "The delays worsen the weakness of the board."),
    ("underline", "The repeated delays underline the weakness of the board.",
     "The repeated delays worsen the weakness of the board."),
    ("highlight", "The closures highlight the cost of the strike.", "The closures raise the cost of the strike."),
    ("illustrate", "The closures illustrate the gap between the two sides.",
     "The closures widen the gap between the two sides."),
    ("show", "The closures show the limits of the board's power.",
     "The closures test the limits of the board's power."),
    ("demonstrate", "The closures demonstrate the limits of the mayor's power.",
     "The closures test the limits of the mayor's power."),
    ("suggest", "The delays suggest a deeper rift on the board.", "The delays cause a deeper rift on the board."),
    ("reflect", "The delays reflect a deeper rift in the club.", "The delays cause a deeper rift in the club."),
    ("represent", "The closures represent a setback for the ferry firm.",
     "The closures bring a setback for the ferry firm."),
    ("mean", "The closures mean a longer wait for the islanders.",
     "The closures bring a longer wait for the islanders."),
    ("indicate", "The delays indicate a shift in the union's tactics.",
     "The delays force a shift in the union's tactics."),
    ("imply", "The delays imply a shift in the council's tactics.",
     "The delays force a shift in the council's tactics."),
])  # fmt: skip

# stance: a linking verb with a judging complement and no actor as subject evaluates (contrast: no linking verb).
LINKING = _cases("COPULAS", [
    ("be", "The mood at the docks will be tense.", "The mood at the docks will get tense."),
    ("seem", "The results of the ballot seem far from certain.", "The results of the ballot feel far from certain."),
    ("appear", "The results of the vote appear far from certain.", "The results of the vote feel far from certain."),
    ("remain", "Relations between the port and the union remain tense.",
     "Relations between the port and the union turn tense."),
    ("become", "Relations with the ferry firm will become tense.", "Relations with the ferry firm will turn tense."),
    ("stay", "Relations with the club will stay tense.", "Relations with the club will turn tense."),
    ("look", "Relations with the ferry firm look tense.", "Relations with the ferry firm turn tense."),
    ("prove", "The repairs to the pier will prove costly.", "The repairs to the pier will get costly."),
    ("grow", "Tensions at the port grow worse.", "Tensions at the port get worse."),
    ("sound", "The new timetables sound unrealistic.", "The new timetables feel unrealistic."),
])  # fmt: skip

# stance: a state or a deal's terms is reported, not judged (contrast: an adjective that judges).
STATES = _cases("STATE_ADJECTIVES", [
    ("open", "The pier will remain open.", "The pier will remain busy."),
    ("closed", "The pier will remain closed.", "The pier will remain quiet."),
    ("shut", "The fish market will remain shut.", "The fish market will remain quiet."),
    ("empty", "The old warehouse will remain empty.", "The old warehouse will remain damp."),
    ("vacant", "The post of harbour master will remain vacant.",
     "The post of harbour master will remain unattractive."),
    ("dead", "The old oak on the quay is dead.", "The old oak on the quay is beautiful."),
    ("alive", "The seal found on the slipway is alive.", "The seal found on the slipway is adorable."),
    ("injured", "The seal found on the slipway remains injured.", "The seal found on the slipway remains adorable."),
    ("wounded", "The stag hit by the ferry bus remains wounded.", "The stag hit by the ferry bus remains magnificent."),
    ("unharmed", "The hull of the ferry is unharmed.", "The hull of the ferry is ugly."),
    ("intact", "The sea wall is intact.", "The sea wall is ugly."),
    ("unchanged", "The ferry fares will remain unchanged.", "The ferry fares will remain unfair."),
    ("operational", "The new crane is operational.", "The new crane is noisy."),
    ("available", "The old ferry is available for charter.", "The old ferry is ideal for charter."),
    ("unavailable", "The old ferry is unavailable for charter.", "The old ferry is unsuitable for charter."),
    ("absent", "The seal colony is absent from the bay.", "The seal colony is famous in the bay."),
    ("present", "Traces of asbestos are present in the old warehouse.",
     "Traces of asbestos are rampant in the old warehouse."),
    ("pregnant", "The rescued seal is pregnant.", "The rescued seal is adorable."),
    ("married", "The lighthouse keeper remains married.", "The lighthouse keeper remains cheerful."),
    ("subject", "The sale is subject to a vote of the members.", "The sale is vulnerable to a vote of the members."),
    ("conditional", "The grant is conditional on new jobs at the port.",
     "The grant is strict on new jobs at the port."),
    ("contingent", "The sale is contingent on a vote of the members.", "The sale is hostage to a vote of the members."),
    ("due", "The harbour rent is due.", "The harbour rent is steep."),
    ("eligible", "The old ferry is eligible for a refit grant.", "The old ferry is perfect for a refit grant."),
    ("entitled", "The port will remain entitled to the subsidy.", "The port will remain grateful for the subsidy."),
    ("liable", "The estate is liable for the debts.", "The estate is notorious for the debts."),
])  # fmt: skip

# stance: a demonstrative subject with a verb in the simple present comments on what was just said.
DEMONSTRATIVE = _cases("DEMONSTRATIVES", [
    ("this", "This leaves the island without a ferry.", "The storm leaves the island without a ferry."),
    ("these", "These delays leave the island without a ferry.", "The delays leave the island without a ferry."),
    ("that", "That decision leaves the island without a ferry.", "The decision leaves the island without a ferry."),
    ("those", "Those closures leave the island without a ferry.", "The closures leave the island without a ferry."),
])  # fmt: skip

CONDITIONS = _cases("CONDITION_MARKERS", [
    ("if", "If fares rise, the council will cut bus routes.", "As fares rise, the council will cut bus routes."),
    ("unless", "Unless the board pays, the dockers will stay out.", "Until the board pays, the dockers will stay out."),
])  # fmt: skip

# stance: a hedge on the predicate (contrast: none; "will" states a plan).
MODALS = _cases("HEDGE_MODALS", [
    ("could", "The board could sell the pier.", "The board will sell the pier."),
    ("might", "The club might move to a new stadium.", "The club will move to a new stadium."),
    ("may", "The vote may be delayed.", "The vote will be delayed."),
    ("would", "The sale would end public ownership of the port.", "The sale will end public ownership of the port."),
    ("should", "The council should close the pier.", "The council will close the pier."),
    ("can", "The ferry can carry cars again.", "The ferry will carry cars again."),
    ("must", "The owners must repair the sea wall.", "The owners will repair the sea wall."),
    # spaCy makes "ought" the verb, its to-clause an xcomp: modality.modal reads a modal verb with a to-clause
    ("ought", "The board ought to sell the pier.", "The board wants to sell the pier."),
])  # fmt: skip

ADVERBS = _cases("HEDGE_ADVERBS", [
    ("likely", "The board will likely sell the pier.", "The board will soon sell the pier."),
    ("unlikely", "The board will unlikely sell the pier.", "The board will soon sell the pier."),
    ("possibly", "The club will possibly sell its stadium.", "The club will soon sell its stadium."),
    ("probably", "Fares will probably rise in the spring.", "Fares will certainly rise in the spring."),
    ("perhaps", "Perhaps the board will sell the pier.", "Soon the board will sell the pier."),
    ("maybe", "Maybe the council will reopen the pier.", "Soon the council will reopen the pier."),
    ("potentially", "The strike will potentially spread to the ferries.",
     "The strike will quickly spread to the ferries."),
    ("presumably", "The board will presumably sell the pier.", "The board will soon sell the pier."),
    ("apparently", "The board apparently sold the pier.", "The board quietly sold the pier."),
    ("seemingly", "The ferry seemingly ran aground.", "The ferry quickly ran aground."),
    ("conceivably", "The strike will conceivably spread to the ferries.",
     "The strike will quickly spread to the ferries."),
])  # fmt: skip

ADJECTIVES = _cases("HEDGE_ADJECTIVES", [
    ("likely", "The sale of the pier is likely to go ahead.", "The sale of the pier is certain to go ahead."),
    ("unlikely", "The sale of the stadium is unlikely to go ahead.", "The sale of the stadium is certain to go ahead."),
    ("possible", "A sale of the pier is possible.", "A sale of the pier is certain."),
    ("probable", "A strike at the port is probable.", "A strike at the port is certain."),
    ("impossible", "A sale of the ferry is impossible.", "A sale of the ferry is certain."),
])  # fmt: skip

SEEMING = _cases("SEEMING_VERBS", [
    ("seem", "The berths seem to have been sold.", "The berths happen to have been sold."),
    ("appear", "The ferries appear to have run aground.", "The ferries happen to have run aground."),
])  # fmt: skip

# stance: a verb, determiner or pronoun that says no.
DENYING = _cases("NEGATING_VERBS", [
    ("deny", "The owners deny the report.", "The owners read the report."),
    ("refuse", "The dockers refuse to unload the ship.", "The dockers agree to unload the ship."),
    ("decline", "The owners decline to comment on the sale.", "The owners want to comment on the sale."),
    ("reject", "The unions reject the pay offer.", "The unions accept the pay offer."),
])  # fmt: skip

FAILING = _cases("FAILING_VERBS", [
    ("fail", "The talks fail to produce a deal.", "The talks help to produce a deal."),
    ("neglect", "The owners neglect to repair the pier.", "The owners plan to repair the pier."),
])  # fmt: skip

DETERMINERS = _cases("NEGATIVE_DETERMINERS", [
    ("no", "No ferry sailed on Monday.", "The ferry sailed on Monday."),
    ("neither", "Neither union signed the deal.", "Each union signed the deal."),
])  # fmt: skip

PRONOUNS = _cases("NEGATIVE_PRONOUNS", [
    ("nobody", "Nobody came to the meeting.", "Everybody came to the meeting."),
    ("nothing", "Nothing was agreed at the meeting.", "Something was agreed at the meeting."),
    ("none", "None of the ferries sailed.", "All of the ferries sailed."),
    ("neither", "Neither of the unions signed the deal.", "Each of the unions signed the deal."),
    ("noone", "Noone came to the harbour meeting.", "Someone came to the harbour meeting."),
])  # fmt: skip

# crosscheck: a negation just before an outcome turns it round (contrast: no negation, the outcome is stated).
NEGATING = _cases("NEGATIONS", [
    ("not", "The harbour plan was not approved by the council.", "The harbour plan was then approved by the council."),
    ("never", "The ferry operator never accepted the harbour plan.",
     "The ferry operator then accepted the harbour plan."),
    ("no", "No deal was agreed at the talks.", "A deal was agreed at the talks."),
    ("didn't", "The harbour plan didn't get approved by the council.",
     "The harbour plan did get approved by the council."),
    ("doesn't", "A plan like this doesn't get approved by the council.",
     "A plan like this does get approved by the council."),
    ("don't", "Plans like this don't get approved by the council.", "Plans like this do get approved by the council."),
    ("wasn't", "The harbour plan wasn't approved by the council.", "The harbour plan was approved by the council."),
    ("weren't", "The harbour plans weren't approved by the council.",
     "The harbour plans were approved by the council."),
    ("isn't", "The harbour plan isn't approved yet.", "The harbour plan is approved now."),
    ("aren't", "The new ferry fares aren't approved yet.", "The new ferry fares are approved now."),
    ("hasn't", "The council hasn't approved the harbour plan.", "The council has approved the harbour plan."),
    ("haven't", "The councillors haven't approved the harbour plan.",
     "The councillors have approved the harbour plan."),
    ("hadn't", "The council hadn't approved the harbour plan by Friday.",
     "The council had approved the harbour plan by Friday."),
    ("won't", "The harbour plan won't be approved this year.", "The harbour plan will be approved this year."),
    ("wouldn't", "The harbour plan wouldn't be approved in its present form.",
     "The harbour plan would be approved in its present form."),
    ("cannot", "The harbour plan cannot be approved in its present form.",
     "The harbour plan can be approved in its present form."),
    ("can't", "The marina plan can't be approved in its present form.",
     "The marina plan can be approved in its present form."),
    ("couldn't", "The marina plan couldn't be approved before the vote.",
     "The marina plan could be approved before the vote."),
])  # fmt: skip

# crosscheck: two articles stating opposite outcomes of one thing conflict. OUTCOME_OPPOSITES holds pairs, not words
# (test_lexicon_coverage counts no entry of it), so its table is its own, outside CASES: the pair, two sentences
# stating its two sides (one article each), and the same two sentences with outcomes that are no pair.
OPPOSITE_PAIRS: list[tuple[tuple[str, str], str, str]] = [
    (("accepted", "rejected"), "The dockers' union accepted the port's pay offer. "
     "The dockers' union rejected the port's pay offer.",
     "The dockers' union studied the port's pay offer. The dockers' union discussed the port's pay offer."),
    (("approved", "rejected"), "The harbour plan was approved by the council. "
     "The harbour plan was rejected by the council.",
     "The harbour plan was debated by the council. The harbour plan was shelved by the council."),
    (("confirmed", "denied"), "The harbour master confirmed the closure of the pier. "
     "The harbour master denied the closure of the pier.",
     "The harbour master explained the closure of the pier. The harbour master regretted the closure of the pier."),
    (("agreed", "refused"), "The Calder board agreed to sell the old pier. "
     "The Calder board refused to sell the old pier.",
     "The Calder board voted to sell the old pier. The Calder board hoped to sell the old pier."),
    (("won", "lost"), "The Tarrow union won the ballot on pay. The Tarrow union lost the ballot on pay.",
     "The Tarrow union held the ballot on pay. The Tarrow union called the ballot on pay."),
    (("passed", "failed"), "The council passed the harbour budget on Monday. "
     "The council failed the harbour budget on Monday.",
     "The council debated the harbour budget on Monday. The council amended the harbour budget on Monday."),
    (("admitted", "denied"), "The ferry firm admitted the safety breach at the quay. "
     "The ferry firm denied the safety breach at the quay.",
     "The ferry firm reported the safety breach at the quay. The ferry firm investigated the safety breach at the "
     "quay."),
    (("resigned", "refused to resign"), "Mayor Hale resigned after the council vote. "
     "Mayor Hale refused to resign after the council vote.",
     "Mayor Hale spoke after the council vote. Mayor Hale declined to speak after the council vote."),
]  # fmt: skip

# Entries no sentence can make decide, and why.
UNDECIDED: dict[str, str] = {
}

# --- which probe reads each table, and what it answers on the sentence ------------------------------------------

_READING = "the writer's reading of events"
TABLES: list[tuple[list[Case], Callable[[str], Any], Callable[[Case, Any], bool]]] = [
    (ATTRIBUTION, analysis, lambda c, a: a is None),
    (OPENERS, analysis, lambda c, a: a == _READING),
    (ANALYSIS, analysis, lambda c, a: a == _READING),
    (SPECULATIVE, analysis, lambda c, a: a == f"speculation: {c.entry}"),
    (REPORTING, attributed, lambda c, a: a is True),
    (BELIEF, attributed, lambda c, a: a is True),
    (HEARSAY, attributed, lambda c, a: a is True),
    (NON_SPEAKING, attributed, lambda c, a: a is False),
    (NOT_GENERALISING, commentary, lambda c, a: a is None),
    (INTERPRETIVE, commentary, lambda c, a: a is Commentary.READING),
    (LINKING, commentary, lambda c, a: a is Commentary.READING),
    (STATES, commentary, lambda c, a: a is None),
    (DEMONSTRATIVE, commentary, lambda c, a: a is Commentary.READING),
    (CONDITIONS, commentary, lambda c, a: a is Commentary.CONDITION),
    (WRITER, commentary, lambda c, a: a is Commentary.READING),
    (MODALS, modal, lambda c, a: a == c.entry),
    (ADVERBS, modal, lambda c, a: a == c.entry),
    (ADJECTIVES, modal, lambda c, a: a == c.entry),
    (SEEMING, modal, lambda c, a: a == c.entry),
    (DENYING, negated, lambda c, a: a is True),
    (FAILING, negated, lambda c, a: a is True),
    (DETERMINERS, negated, lambda c, a: a is True),
    (PRONOUNS, negated, lambda c, a: a is True),
    (NEGATING, stated_outcomes, lambda c, a: a == []),
]
CASES: list[Case] = [case for table, _, _ in TABLES for case in table]
_READ = {case.id: (probe, expected) for table, probe, expected in TABLES for case in table}


def _of(probe: Callable[[str], Any]) -> list[Case]:
    return [case for case in CASES if _READ[case.id][0] is probe]


def _check(probe: Callable[[str], Any], case: Case) -> None:
    answer = probe(case.sentence)
    assert answer != probe(case.contrast)
    assert _READ[case.id][1](case, answer), answer


# --- one test per probe: the sentence and its contrast are read differently, the sentence as expected -----------


@pytest.mark.parametrize("case", _of(analysis), ids=lambda c: c.id)
def test_analysis_reads_the_entry(case: Case) -> None:
    _check(analysis, case)


@pytest.mark.parametrize("case", _of(attributed), ids=lambda c: c.id)
def test_attribution_reads_the_entry(case: Case) -> None:
    _check(attributed, case)


@pytest.mark.parametrize("case", _of(commentary), ids=lambda c: c.id)
def test_commentary_reads_the_entry(case: Case) -> None:
    _check(commentary, case)


@pytest.mark.parametrize("case", _of(modal), ids=lambda c: c.id)
def test_modality_reads_the_entry(case: Case) -> None:
    _check(modal, case)


@pytest.mark.parametrize("case", _of(negated), ids=lambda c: c.id)
def test_negation_reads_the_entry(case: Case) -> None:
    _check(negated, case)


@pytest.mark.parametrize("case", _of(stated_outcomes), ids=lambda c: c.id)
def test_a_negation_before_an_outcome_turns_it_round(case: Case) -> None:
    _check(stated_outcomes, case)


# --- the entry itself decides: without it, its list reads the sentence otherwise ---------------------------------


def _without(name: str, entry: object) -> Any:
    entries = getattr(lexicon, name)
    kept = [e for e in entries if e != entry]
    assert len(kept) == len(entries) - 1, f"{entry!r} is no entry of {name}"
    return type(entries)(kept)


@pytest.fixture
def ablate(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, object], None]:
    """Takes a case's entry out of its list wherever the package reads the list (every module of briefing that
    imported it from lexicon)."""

    def take_out(name: str, entry: object) -> None:
        entries = getattr(lexicon, name)
        smaller = _without(name, entry)
        for module in list(sys.modules.values()):
            if module.__name__.startswith("briefing.") and getattr(module, name, None) is entries:
                monkeypatch.setattr(module, name, smaller)

    return take_out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_without_the_entry_the_sentence_reads_otherwise(case: Case, ablate: Callable[[str, object], None]) -> None:
    probe = _READ[case.id][0]
    before = probe(case.sentence)
    ablate(case.name, case.entry)
    assert probe(case.sentence) != before


@pytest.mark.parametrize(
    ("pair", "sentences", "contrast"), OPPOSITE_PAIRS, ids=[" / ".join(pair) for pair, _, _ in OPPOSITE_PAIRS]
)
def test_opposite_outcomes_in_two_articles_conflict(
    pair: tuple[str, str], sentences: str, contrast: str, ablate: Callable[[str, object], None]
) -> None:
    assert outcome_conflicts(sentences) == [list(pair)]
    assert outcome_conflicts(contrast) == []
    ablate("OUTCOME_OPPOSITES", pair)
    assert outcome_conflicts(sentences) == []


def test_a_negation_reaches_a_few_words_before_the_outcome() -> None:
    # NEGATION_REACH: "has not yet been approved" holds its "not" three tokens before the outcome.
    assert stated_outcomes("The harbour plan has not yet been approved.") == []
    assert stated_outcomes("The harbour plan has now been approved.") == ["approved"]
