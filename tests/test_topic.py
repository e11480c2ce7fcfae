"""Off-topic filter: other stories embedded in a page are left out and counted; asides in the story stay."""

from __future__ import annotations

from briefing.facts.topic import off_topic_paragraphs, split_off_topic, topic_terms
from briefing.inputs.sources import parse_article
from briefing.models import RejectionReason

from .conftest import sentence_facts

STORY = [
    "Dock workers at the Port of Estermouth went on strike on Monday over pay.",
    "The union wants a 9 per cent pay rise for dock workers at the port.",
    "Pickets gathered at the main gate from six in the morning.",  # an aside, no topic word
    "Talks about the strike and the pay dispute at the port are due on Thursday.",
]
OTHER = [
    "Rovers snatched a late equaliser in the derby on Saturday afternoon.",
    "The lottery jackpot rolled over again after nobody matched all six numbers.",
]


def test_a_run_of_another_story_is_left_out_but_an_aside_stays() -> None:
    page = parse_article("\n".join(STORY + OTHER) + "\n", "page.txt")
    second = parse_article("\n".join(STORY[:2]) + "\n", "second.txt")
    facts = sentence_facts(page) + sentence_facts(second)
    terms = topic_terms(facts)
    assert {"port", "dock", "pay", "workers"} <= set(terms)
    assert off_topic_paragraphs(page, terms) == {5, 6}
    kept, rejected = split_off_topic([page, second], facts, terms)
    assert [r.fact.statement for r in rejected] == OTHER
    assert all(r.reason == RejectionReason.OFF_TOPIC for r in rejected)
    assert "Pickets gathered at the main gate from six in the morning." in [f.fact.statement for f in kept]


def test_a_given_topic_wins_over_the_inferred_one() -> None:
    page = parse_article("\n".join(OTHER + STORY) + "\n", "page.txt")
    terms = topic_terms(sentence_facts(page), "the derby and the lottery")
    assert terms == ["derby", "lottery"]
    assert off_topic_paragraphs(page, terms) == {3, 4, 5, 6}


def test_an_article_wholly_off_the_topic_is_not_emptied() -> None:
    page = parse_article("\n".join(OTHER) + "\n", "page.txt")
    assert off_topic_paragraphs(page, ["strike"]) == set()
