"""What matching reads in a fact once its sentence is parsed: the words that say what is said of the subject (not
who the subject is, not the scene), a part's words read in its sentence, and who "he" or "she" is. Our own story."""

from __future__ import annotations

import pytest

from briefing.facts.atomize import AS_WRITTEN, atomize, skipped_sentences
from briefing.facts.features import FactFeatures, read_features
from briefing.inputs.sources import parse_article
from briefing.model.gazetteer import load_gazetteer
from briefing.model.parse import Parser, parse_articles
from briefing.models import GroundedFact
from briefing.text.actors import who_is_who

TEXT = (
    "Marcus Hale, chief executive of the port authority, called the strike reckless.\n\n"
    "In a surprising turn, the harbour board sold the old ferry terminal.\n\n"
    "Port authority chairman Lewis Grant reportedly closed the north gate.\n\n"
    "Dana Okafor demanded higher pay for dockers, the reinstatement of two stewards and an end to night shifts.\n\n"
    "BRANSCOMBE, Jan 12 (Harbour Wire) - Talks to end the ferry strike broke up on Tuesday.\n"
)


@pytest.fixture(scope="module")
def read() -> dict[str, tuple[GroundedFact, FactFeatures]]:
    article = parse_article(TEXT, "port.txt")
    parses = parse_articles([article], Parser.load())
    facts = [part for fact in skipped_sentences(article, [], [], AS_WRITTEN) for part in atomize(article, fact, parses)]
    features = read_features(facts, {}, parses, who_is_who(parses, load_gazetteer()))
    return {f.quote: (f, features[f.id]) for f in facts}


def stems(read: dict[str, tuple[GroundedFact, FactFeatures]], start: str) -> frozenset[str]:
    return next(features.stems for quote, (_, features) in read.items() if quote.startswith(start))


def test_an_office_and_what_it_is_an_office_of_are_who_not_what(
    read: dict[str, tuple[GroundedFact, FactFeatures]],
) -> None:
    assert stems(read, "Marcus Hale") == {"call", "strike", "reckless"}
    assert stems(read, "Port authority chairman") == {"close", "north", "gate"}  # "reportedly" is how, not what


def test_a_scene_setting_opening_says_nothing_of_the_fact(read: dict[str, tuple[GroundedFact, FactFeatures]]) -> None:
    scene = stems(read, "In a surprising turn")
    assert {"board", "sell", "ferry", "terminal"} <= scene and not {"surprising", "turn"} & scene


def test_a_list_item_is_read_with_its_verb_and_its_subject(read: dict[str, tuple[GroundedFact, FactFeatures]]) -> None:
    item = next((fact, features) for quote, (fact, features) in read.items() if quote.startswith("the reinstatement"))
    fact, features = item
    assert fact.part == "item" and fact.fact.statement == "Dana Okafor demanded the reinstatement of two stewards."
    assert {"demand", "reinstatement", "steward"} <= features.stems and not {"pay", "night"} & features.stems
    assert features.subjects == {"dana okafor"}


def test_two_things_one_speaker_said_need_words_in_common_beyond_the_speaker() -> None:
    from briefing.matching.guards import Profile, check
    from briefing.models import Guard

    text = (
        "Dana Okafor said members would stay out until the board improved its offer.\n\n"
        "Dana Okafor said members deserve a wage they can live on.\n\n"
        "Mayor Tom Reyes confirmed that the ferry had sailed.\n\n"
        "Mayor Tom Reyes confirmed the sailing on Friday.\n"
    )
    articles = [parse_article(part + "\n", f"a{n}.txt") for n, part in enumerate(text.split("\n\n"))]
    parses = parse_articles(articles, Parser.load())
    facts = [f for a in articles for f in skipped_sentences(a, [], [], AS_WRITTEN)]
    read = read_features(facts, {}, parses, who_is_who(parses, load_gazetteer()))
    profiles = [Profile.of(f, read[f.id], frozenset()) for f in facts]
    assert read[facts[0].id].speaker_only and read[facts[1].id].speaker_only
    assert check(profiles[0], profiles[1]).veto == Guard.SHARED_WORDS  # only "members" in common
    # A verb that is the news itself makes its speaker the doer: Reyes confirmed, and that is the fact.
    assert not read[facts[2].id].speaker_only
    assert check(profiles[2], profiles[3]).veto is None


def test_a_dateline_says_who_filed_the_text_not_what_it_reports(
    read: dict[str, tuple[GroundedFact, FactFeatures]],
) -> None:
    _, features = next(value for quote, value in read.items() if "ferry strike" in quote)
    assert features.stems == {"talk", "end", "ferry", "strike", "break", "tuesday"}  # no "branscombe", "jan", "wire"
    assert not any("Harbour Wire" in m.name for m in features.mentions)
