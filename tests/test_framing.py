"""A fact's line: its quote less the framing the parse can see (facts/framing.py). Sentences of our own."""

from __future__ import annotations

import pytest

from briefing.facts.framing import line_of
from briefing.inputs.sources import parse_article
from briefing.model.parse import Parser, parse_articles


@pytest.fixture(scope="module")
def parser() -> Parser:
    return Parser.load()


def line(parser: Parser, text: str) -> tuple[str | None, tuple[str, ...]]:
    article = parse_article(text + "\n", "line.txt")
    sentence = article.sentences[0]
    parse = parse_articles([article], parser)[(article.id, sentence.id)]
    found = line_of(parse, article.text, sentence.start, sentence.end)
    return (article.text[found.start : found.end], found.cuts) if found else (None, ())


CUT = {
    "connective": ("However, the dockers rejected the offer on Monday.", "the dockers rejected the offer on Monday."),
    "lead-in phrase": ("In a significant development for the port, the harbour board has rejected the union's demands.",
                       "the harbour board has rejected the union's demands."),
    "concessive clause": ("While the board remains silent on the sale, the union has called a vote.",
                          "the union has called a vote."),
    "two lead-ins": ("Meanwhile, in a surprising turn, the ferry firm cut its fares.", "the ferry firm cut its fares."),
    "dateline": ("ESTERMOUTH, Nov 4 (Coastline Wire) - Dock workers went on strike on Monday.",
                 "Dock workers went on strike on Monday."),
    "trailing participle": ("The board closed the pier, underscoring the pressure on the club.",
                            "The board closed the pier"),
    "trailing relative": ("The mayor closed the pier, which signals a harder line from the council.",
                          "The mayor closed the pier"),
    "attribution wrapper": ("Sources close to the talks revealed to the Harbour Herald that the mayor delivered a "
                            "blunt message to the union.", "the mayor delivered a blunt message to the union."),
    "both ends": ("Additionally, the dockers rejected the offer, signalling a long strike.",
                  "the dockers rejected the offer"),
}  # fmt: skip

KEPT = {
    "a date": "On 21 November, the board sold the club to a local firm.",
    "a figure": "With 300 ships waiting, the port reopened its outer basin.",
    "a condition": "If the talks fail, the union will strike again.",
    "names for an unnamed subject": "In a call between Ada Ruiz and Tom Okoro, the harbour master got an ultimatum.",
    "names with a named subject": "In a call with Tom Okoro, Mayor Ada Ruiz rejected the offer.",
    "a trailing act, not a comment": "The ferry sank off the point, killing two of its crew.",
    "quoted words": "\u201cFrankly, we are done,\u201d the union leader said of the talks.",
    "too little left": "However, it stalled.",
    "nothing to cut": "The board sold the club to a local firm on Monday.",
    "a plain attribution": "Ruiz said that the pier would close.",
    "a pronoun leaning on its speaker": "The harbour board said on Friday that it would sell the pier.",
}  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CUT.values(), ids=CUT.keys())
def test_framing_the_parse_can_see_is_cut_and_named(parser: Parser, text: str, expected: str) -> None:
    shown, cuts = line(parser, text)
    assert shown == expected and cuts
    assert shown in text  # verbatim: a run of the quote's own characters


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT.keys())
def test_a_lead_in_or_trailer_that_reports_or_names_stays(parser: Parser, text: str) -> None:
    assert line(parser, text) == (None, ())


def test_an_attribution_wrapper_becomes_the_lines_source(parser: Parser) -> None:
    text = "Two officials told the Harbour Herald on Monday that the board had sold the club."
    article = parse_article(text + "\n", "line.txt")
    sentence = article.sentences[0]
    parse = parse_articles([article], parser)[(article.id, sentence.id)]
    found = line_of(parse, article.text, sentence.start, sentence.end)
    assert found is not None and found.source == "Two officials told the Harbour Herald on Monday"
    assert article.text[found.start : found.end] == "the board had sold the club."


def test_a_complementiser_the_parser_reads_as_an_object_still_opens_the_reported_clause() -> None:
    from briefing.text.syntax import ParsedSentence, Token

    # "Officials close to the talks told the Gazette that Ruiz sold the club ." with "that" parsed as the object
    # of "sold" (the parser does so at times before a quoted phrase)
    rows = [("Officials", "official", "NOUN", "NNS", "nsubj", 5), ("close", "close", "ADJ", "JJ", "amod", 0),
            ("to", "to", "ADP", "IN", "prep", 1), ("the", "the", "DET", "DT", "det", 4),
            ("talks", "talk", "NOUN", "NNS", "pobj", 2), ("told", "tell", "VERB", "VBD", "ROOT", 5),
            ("the", "the", "DET", "DT", "det", 7), ("Gazette", "gazette", "PROPN", "NNP", "dobj", 5),
            ("that", "that", "PRON", "DT", "dobj", 10), ("Ruiz", "ruiz", "PROPN", "NNP", "nsubj", 10),
            ("sold", "sell", "VERB", "VBD", "ccomp", 5), ("the", "the", "DET", "DT", "det", 12),
            ("club", "club", "NOUN", "NN", "dobj", 10), (".", ".", "PUNCT", ".", "punct", 5)]  # fmt: skip
    text, tokens = "", []
    for word, lemma, pos, tag, dep, head in rows:
        if text and word != ".":
            text += " "
        start = len(text)
        text += word
        tokens.append(Token(start, len(text), word, lemma, pos, tag, dep, head))
    parse = ParsedSentence(tuple(tokens))
    found = line_of(parse, text, 0, len(text))
    assert found is not None and text[found.start : found.end] == "Ruiz sold the club."
    assert found.source == "Officials close to the talks told the Gazette"
