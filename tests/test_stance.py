"""A stretch's stance read on its sentence's parse: the writer's commentary or a report, negated or not, hedged or
not, attributed or not. Every sentence here is our own (a harbour, a council, a football club); a part of a
sentence is given after "|" and read on its own, as an atomic fact of that sentence would be."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.model.parse import Parser
from briefing.text.lexicon import INTERPRETIVE_VERBS, NEGATING_VERBS
from briefing.text.stance import Commentary, Stance, read_stance
from briefing.text.syntax import ParsedSentence

SPECULATION, CONDITION, READING = Commentary.SPECULATION, Commentary.CONDITION, Commentary.READING


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser.load()


def stance(parser: Parser, case: str) -> Stance:
    """The stance of a sentence, or of the part of it after "|"."""
    text, _, part = case.partition("|")
    [parse] = parser.parse([text], [0])
    start = text.index(part) if part else 0
    return read_stance(parse, start, start + len(part or text))


COMMENTARY = {
    # (a) speculation: a modal or hedge on the main predicate
    "could": ("The board could sell the club before the season ends.", SPECULATION),
    "probably": ("Fares will probably rise in the spring.", SPECULATION),
    "expected-to": ("The strike is expected to spread to the ferries.", SPECULATION),
    "appears-to": ("The berths appear to have been sold already.", SPECULATION),
    "relative-clause-part": ("The port reopened on Monday after the storm, which may return.|which may return",
                             SPECULATION),
    # (b) a condition of the writer's on a main clause that states no past event
    "should-inversion": ("Should the talks fail, the union will strike again.", CONDITION),
    "if": ("If prices rise, the council will cut two bus routes.", CONDITION),
    "unless": ("Unless the board pays, the dockers will stay out.", CONDITION),
    "condition-on-a-past-offer": ("The board offered the berths to Okoro only if he paid in cash.", None),
    # (c) the writer's reading: an evaluative or interpretive predicate whose subject is no actor
    "demonstrative-interprets": ("This decision signals a harder line from the harbour board.", READING),
    "remains-tense": ("The situation on the docks remains tense.", READING),
    "it-is-clear": ("It is increasingly clear that the council has lost control of the port.", READING),
    "clause-under-it-is-clear": ("It is clear that the council has lost control.|the council has lost control",
                                 READING),
    "appear-vast": ("Should the buyers walk away, the gap in price would appear vast.", SPECULATION),
    "count-in-subject": ("The differences between the two bids are vast.", READING),
    "far-from": ("The outcome is far from certain.", READING),
    "demonstrative-present": ("This leaves the island without a ferry.", READING),
    "clause-part": ("The union walked out on Monday, and the mood remains tense.|the mood remains tense", READING),
    # (d) reported: an event, a state, a figure, an actor, someone's words
    "dated-event": ("The vote took place on 4 May.", None),
    "abstract-subject-event": ("This campaign has included naval patrols off the harbour.", None),
    "collapsed": ("The talks collapsed on Friday.", None),
    "sold": ("The board sold the club to a local firm.", None),
    "checkable-state": ("The pier remains closed.", None),
    "terms-of-a-deal": ("The sale is subject to a vote of the members.", None),
    "figure-stated": ("Turnout was 40 percent.", None),
    "first-since": ("The strike is the first at the port since 1998.", None),
    "dated-event-inside": ("The meeting, which took place on 3 March, signals a shift.", None),
    "actor-subject": ("The union is furious about the offer.", None),
    "existential": ("There was no response from the board.", None),
    "said-could": ("Okoro said the board could sell the club.", None),
    "said-could-part": ("Ruiz said the board could sell the club.|the board could sell the club", None),
    "quoted": ("\u201cThe situation remains tense,\u201d the harbour master said.", None),
    "one-clause-reports": ("The union walked out on Monday, and the mood remains tense.", None),
    "will-is-a-plan": ("The board will vote on Monday.", None),
    # (e) a generalisation: saying or believing with a subject that names nobody is the writer's own
    "few-expected": ("Few expected the ferry strike to end this quickly.", READING),
    "nobody-believes": ("Nobody on the island believes the timetable.", READING),
    "hardly-anyone-thinks": ("Hardly anyone thinks the pier will reopen.", READING),
    "a-count-of-people-said": ("Two of the dockers said the pier would close.", None),
    "officials-who-said": ("Officials who said the pier would close were overruled.", None),
    # (f) background inside the judging noun phrase does not make the judgement checkable
    "background-date-in-the-judgement": ("It is a remarkable recovery for a club that was bankrupt in 2019.", READING),
    "date-of-the-judged-event": ("The vote, held on 3 March, was a shock.", None),
    # (g) an open question, and an adverb that judges the whole clause
    "open-question": ("The question now is whether the harbour board can survive the week.", READING),
    "writer-adverb": ("Predictably, the talks on the ferry contract stalled.", READING),
    "writer-adverb-attributed": ("Predictably, the talks stalled, the union said.", None),
    "adverb-inside-the-clause": ("The pier was clearly damaged by the storm.", None),
}  # fmt: skip


@pytest.mark.parametrize(("case", "expected"), COMMENTARY.values(), ids=COMMENTARY.keys())
def test_commentary_is_told_from_reported_facts(parser: Parser, case: str, expected: Commentary | None) -> None:
    assert stance(parser, case).commentary == expected


NEGATED = {
    "not": ("The union did not accept the offer.", True),
    "never": ("The board never replied.", True),
    "n't": ("The ferry isn't running.", True),
    "no-subject": ("No ferry sailed on Monday.", True),
    "neither": ("Neither union signed the deal.", True),
    "no-object": ("The board received no offer.", True),
    "nobody": ("Nobody came to the meeting.", True),
    "no-longer": ("The council is no longer a partner.", True),
    "failed-to": ("The talks failed to produce a deal.", True),
    "list-item-under-not": ("The union did not accept the pay offer, the pension plan or the rota.|the pension plan",
                            True),
    "to-clause-under-refusal": ("The board refused to sell the pier.|to sell the pier", True),
    "clause-denied": ("Ruiz denied that she had met the buyers.|she had met the buyers", True),
    "clause-under-it-is-not-true": ("It is not true that the board sold the pier.|the board sold the pier", True),
    "clause-after-a-subordinator": ("The port shut after the mayor refused to pay.|after the mayor refused to pay",
                                    True),
    "not-shared-across-or": ("The dockers did not vote or attend the meeting.|attend the meeting", True),
    "not-in-a-relative-clause": ("Ruiz, who did not attend, said the pier will close.", False),
    "not-in-a-relative-clause-part": ("Ruiz, who did not attend, said the pier will close.|the pier will close",
                                      False),
    "accepted": ("The union accepted the offer.", False),
    "failed-is-an-event": ("The talks failed on Friday.", False),
    "not-kept-to-its-clause": ("The dockers did not vote and the board left early.|the board left early", False),
    "other-main-clause": ("Ruiz did not attend, and the board sold the club.|the board sold the club", False),
}  # fmt: skip
# Each verb of denial or refusal, with the sentence that shows it negates.
DENIALS = {
    "deny": "Ruiz denied the report.",
    "refuse": "The board refused to sell the pier.",
    "decline": "She declined to comment.",
    "reject": "The union rejected the offer.",
}


@pytest.mark.parametrize(("case", "expected"), NEGATED.values(), ids=NEGATED.keys())
def test_negation_is_read_on_the_governing_predicate(parser: Parser, case: str, expected: bool) -> None:
    assert stance(parser, case).negated is expected


@pytest.mark.parametrize("verb", sorted(NEGATING_VERBS))
def test_every_verb_of_denial_negates(parser: Parser, verb: str) -> None:
    assert stance(parser, DENIALS[verb]).negated


MODAL = {
    "could": ("The board could sell the club.", "could"),
    "might": ("The board might sell the club.", "might"),
    "may": ("The vote may be delayed.", "may"),
    "would": ("The sale would end a century of public ownership.", "would"),
    "should": ("The council should act now.", "should"),
    "is-likely-to": ("The board is likely to sell the club.", "likely"),
    "is-likely-to-part": ("The board is likely to sell the club.|to sell the club", "likely"),
    "will-likely": ("The board will likely sell the club.", "likely"),
    "is-expected-to": ("The strike is expected to spread.", "expected"),
    "appears-to": ("The strike appears to have ended.", "appears"),
    "shared-by-a-conjoined-verb": ("The board could sell the berths and close the pier.|close the pier", "could"),
    "will": ("The board will vote on Monday.", None),
    "appeared-before": ("Ruiz appeared before the committee on Tuesday.", None),
    "sold": ("The board sold the club.", None),
    "modal-in-a-relative-clause": ("Ruiz, who might resign, sold the club.", None),
}  # fmt: skip


@pytest.mark.parametrize(("case", "expected"), MODAL.values(), ids=MODAL.keys())
def test_modality_is_read_on_the_governing_predicate(parser: Parser, case: str, expected: str | None) -> None:
    assert stance(parser, case).modal == expected


ATTRIBUTED = {
    "said": ("Officials said the pier will close.", True),
    "clause-under-said": ("Officials said the pier will close.|the pier will close", True),
    "said-after": ("The pier will close, officials said.", True),
    "according-to-first": ("According to two councillors, the pier will close.", True),
    "according-to-last": ("The pier will close, according to the harbour board.", True),
    "reportedly": ("The mayor reportedly resigned.", True),
    "allegedly": ("The mayor allegedly took a bribe.", True),
    "is-said-to": ("Ruiz is said to have resigned.", True),
    "announced": ("The sale was announced on Monday.", True),
    "confirmed-by": ("The report was confirmed by the harbour board.", True),
    "confirmed": ("Ruiz confirmed the sale.", True),
    "quoted": ("\u201cWe will not sell,\u201d Ruiz said.", True),
    "fear": ("Many residents fear the ferry will stop.", True),
    "three-of-them-said": ("The pier will close, three of the harbour pilots said.", True),
    "two-said": ("The pier will close, two said.", True),
    "few-expected-names-nobody": ("Few expected the pier to close.", False),
    # the parser reads "master" as a verb here: a subject mis-tagged is still someone, only a quantifier is not
    "mis-tagged-speaker": ("Port harbour master Ada Moss said that 300 ships would return to work.", True),
    "saying": ("Ruiz left the meeting, saying the offer was an insult.|the offer was an insult", True),
    "accused-of": ("Ruiz accused the board of hiding the losses.|hiding the losses", True),
    "suggested-by-an-actor": ("Ruiz suggested a second vote.", True),
    "closed": ("The pier closed on Monday.", False),
    "this-suggests": ("This suggests the board has lost control.", False),
    "it-shows": ("It shows how weak the board is.", False),
    "expected-hedges": ("The vote is expected to pass.", False),
    "second-action": ("Ruiz said the pier would close, and then she left the meeting.|she left the meeting", False),
    "said-in-a-relative-clause": ("Ruiz, who said she was tired, closed the pier.", False),
}  # fmt: skip


@pytest.mark.parametrize(("case", "expected"), ATTRIBUTED.values(), ids=ATTRIBUTED.keys())
def test_attribution_is_read_over_the_governing_predicate(parser: Parser, case: str, expected: bool) -> None:
    assert stance(parser, case).attributed is expected


# Each interpretive verb, with an abstract subject: the writer's reading.
INTERPRETING = {
    "signal": "This decision signals a harder line from the harbour board.",
    "underscore": "The delay underscores how little the board trusts the union.",
    "underline": "The walkout underlines the anger on the quay.",
    "highlight": "The closure highlights the cost of the old pier.",
    "illustrate": "The dispute illustrates a wider malaise in the port.",
    "show": "The delay shows how weak the board has become.",
    "demonstrate": "The vote demonstrates the union's strength on the docks.",
    "suggest": "This suggests the board has lost control.",
    "reflect": "The sale reflects a loss of faith in the harbour.",
    "represent": "The deal represents a turning point for the island.",
    "mean": "The closure means the island has no ferry.",
    "indicate": "The decision indicates a change of course at the club.",
    "imply": "The silence implies the bids were too low.",
}


@pytest.mark.parametrize("verb", sorted(INTERPRETIVE_VERBS))
def test_every_interpretive_verb_reads_with_an_abstract_subject(parser: Parser, verb: str) -> None:
    assert stance(parser, INTERPRETING[verb]).commentary == READING


def test_an_empty_stretch_is_reported(parser: Parser) -> None:
    [parse] = parser.parse(["The pier closed."], [0])
    assert read_stance(parse, 40, 50) == Stance(commentary=None, negated=False, modal=None, attributed=False)


PARAGRAPH = (
    "Ruiz, who did not attend, said the pier would close; the board, it seems, could sell the club if the "
    "council agrees, but \u201cnobody will buy it,\u201d according to Okoro."
)


@pytest.fixture(scope="module")
def paragraph(parser: Parser) -> ParsedSentence:
    [parse] = parser.parse([PARAGRAPH], [0])
    return parse


@settings(max_examples=200, deadline=None)
@given(bounds=st.tuples(st.integers(0, len(PARAGRAPH)), st.integers(0, len(PARAGRAPH))))
def test_any_stretch_has_a_stance(paragraph: ParsedSentence, bounds: tuple[int, int]) -> None:
    start, end = sorted(bounds)
    found = read_stance(paragraph, start, end)
    assert isinstance(found, Stance)
    assert found.commentary is None or not found.attributed  # attributed words are never the writer's


REPORTS = {
    # A whole report: what it states is the reported clause; a report that is itself negated negates it.
    "content-negated": ("The harbour board refused the offer, officials said.", True),
    "saying-denied": ("Ruiz denied that the pier would close.", True),
    "saying-not-confirmed": ("Ruiz did not confirm that the pier had closed.", True),
    "content-affirmed": ("The mayor confirmed the ferry had sailed on Sunday.", False),
}


@pytest.mark.parametrize(("case", "negated"), REPORTS.values(), ids=REPORTS.keys())
def test_a_report_is_read_on_what_it_reports(parser: Parser, case: str, negated: bool) -> None:
    read = stance(parser, case)
    assert read.negated is negated and read.attributed
