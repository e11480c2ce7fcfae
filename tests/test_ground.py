"""Grounding: quotes located exactly, normalized or fuzzily; unsupported statements rejected with a reason."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.facts.evidence import states
from briefing.facts.ground import SentenceIndex, ground_fact, ground_facts, locate_quote, support
from briefing.inputs.sources import parse_article
from briefing.models import Article, GroundedFact, MatchStatus, RawFact, Rejection, RejectionReason, Sentence

TEXT = (
    "Headline of the story\n"
    "The U.S. envoy met President Nicolás Maduro in Caracas on Friday. The meeting lasted under 15 minutes.\n"
    "He demanded a \u201cfull amnesty\u201d for 100 officials \u2014 a request the envoy refused.\n"
    "Subscribe to our newsletter for more news.\n"
    "Observers said the talks had failed. Oil prices rose by 2 per cent.\n"
)


@pytest.fixture(scope="module")
def article() -> Article:
    return parse_article(TEXT, "story.txt")


def fact(statement: str, evidence: list[str], quote: str) -> RawFact:
    return RawFact(statement=statement, kind="event", actors=[], evidence=evidence, quote=quote)


@pytest.mark.parametrize(
    ("statement", "evidence", "quote", "status", "sentence_ids"),
    [
        (
            "The meeting lasted under 15 minutes.",
            ["S2"],
            "The meeting lasted under 15 minutes",
            MatchStatus.EXACT,
            ["S2"],
        ),
        (
            "The U.S. envoy met Nicolas Maduro in Caracas.",
            ["S1"],
            "The U. S. envoy met President Nicolas Maduro",
            MatchStatus.NORMALIZED,
            ["S1"],
        ),
        (
            "Maduro demanded a full amnesty for 100 officials.",
            ["S3"],
            'He demanded a "full amnesty" for 100 officials - a request',
            MatchStatus.NORMALIZED,
            ["S3"],
        ),
        (
            "Observers said the talks had failed.",
            ["S4"],
            "Observers sayd the talks had faild",
            MatchStatus.FUZZY,
            ["S4"],
        ),
        ("Oil prices rose by 2 per cent.", ["S5"], "Prices of oil went up", MatchStatus.SENTENCE, ["S5"]),
        ("Oil prices rose by 2 per cent.", ["S4"], "Oil prices rose by 2 per cent", MatchStatus.EXACT, ["S5"]),
    ],
    ids=[
        "exact",
        "normalized-initials-accents",
        "normalized-quotes-dashes",
        "fuzzy",
        "paraphrased-quote",
        "off-by-one-id",
    ],
)
def test_grounding_cases(
    article: Article, statement: str, evidence: list[str], quote: str, status: MatchStatus, sentence_ids: list[str]
) -> None:
    outcome = ground_fact(article, fact(statement, evidence, quote), "f1")
    assert isinstance(outcome, GroundedFact), outcome
    assert (outcome.match, outcome.sentence_ids) == (status, sentence_ids)
    assert article.text[outcome.start : outcome.end] == outcome.quote
    assert outcome.support >= 0.8


def test_a_quote_too_narrow_for_its_statement_widens_to_its_sentence(article: Article) -> None:
    outcome = ground_fact(article, fact("The meeting lasted under 15 minutes.", ["S2"], "under 15 minutes"), "f")
    assert isinstance(outcome, GroundedFact) and outcome.match == MatchStatus.EXACT
    assert outcome.quote == "The meeting lasted under 15 minutes."


def test_a_pronoun_sentence_takes_the_sentence_before_for_the_name() -> None:
    article = parse_article("Trump rejected the demands on Friday. He gave Maduro one week to leave.\n", "p.txt")
    outcome = ground_fact(
        article, fact("President Trump gave Maduro one week.", ["S2"], "He gave Maduro one week"), "f"
    )
    assert isinstance(outcome, GroundedFact) and outcome.sentence_ids == ["S1", "S2"]


def test_a_wrong_number_is_rejected_even_with_a_matching_quote(article: Article) -> None:
    outcome = ground_fact(article, fact("The meeting lasted 20 minutes.", ["S2"], "The meeting lasted"), "f")
    assert isinstance(outcome, Rejection) and outcome.reason == RejectionReason.UNSUPPORTED
    assert "20" in outcome.detail


def test_a_claim_no_sentence_states_is_rejected_with_its_missing_words(article: Article) -> None:
    outcome = ground_fact(article, fact("The envoy resigned in protest.", ["S1"], "The U.S. envoy met"), "f")
    assert isinstance(outcome, Rejection)
    assert "resigned" in outcome.detail and "protest" in outcome.detail


def test_boilerplate_is_never_evidence(article: Article) -> None:
    outcome = ground_fact(
        article, fact("Readers can subscribe to a newsletter.", ["S3"], "Subscribe to our newsletter"), "f"
    )
    assert isinstance(outcome, Rejection)


def test_an_unknown_sentence_id_is_no_evidence(article: Article) -> None:
    outcome = ground_fact(article, fact("The meeting lasted under 15 minutes.", ["S99"], "lasted"), "f")
    assert isinstance(outcome, Rejection) and outcome.reason == RejectionReason.NO_EVIDENCE


def test_every_fact_is_grounded_or_rejected(article: Article) -> None:
    facts = [fact("The meeting lasted under 15 minutes.", ["S2"], "x"), fact("Aliens landed.", ["S1"], "y")]
    grounded, rejected = ground_facts(article, facts)
    assert len(grounded) + len(rejected) == 2


def test_support_counts_numbers_strictly() -> None:
    assert not support("A reward of $60 million.", "a $50 million reward").ok
    assert support("A reward of $50 million.", "a $50 million reward").ok


# Statements and evidence from a few words, numbers and near spellings ("Okafor's" ~ "Okafor"), so that every share
# of support turns up, above and below the threshold.
_SUPPORT_VOCABULARY = ["union", "unions", "Okafor", "Okafor's", "met", "the", "in", "Carrow", "Carow", "pickets", "100",
                       "1,400", "15", "officials", "oficials", "talks", "failed"]  # fmt: skip
_SUPPORT_WORDS = st.lists(st.sampled_from(_SUPPORT_VOCABULARY), max_size=12).map(" ".join)


@given(_SUPPORT_WORDS, _SUPPORT_WORDS)
def test_states_is_support_decided_sooner(statement: str, evidence: str) -> None:
    assert states(statement, evidence) == support(statement, evidence).ok


WORDS = st.text(alphabet="abcdefghij ,.\u2019\u201c\u201d\u2014", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(before=st.lists(WORDS, min_size=1, max_size=6), planted=WORDS, after=st.lists(WORDS, max_size=6))
def test_planted_quotes_are_found_at_their_exact_span(before: list[str], planted: str, after: list[str]) -> None:
    """Property: a quote copied from anywhere in a sentence is located, and text[start:end] equals it."""
    sentence = "Zq " + " ".join(before) + " " + planted + " " + " ".join(after) + " end."
    article = parse_article(sentence + "\n", "p.txt")
    if len(article.sentences) != 1:
        return  # the generator made a sentence break; the property is about one sentence
    quote = planted.strip()
    located = locate_quote(article, quote, article.sentences)
    if not quote.strip("\"'\u201c\u201d\u2018\u2019 .\u2026"):
        assert located is None
        return
    assert located is not None
    start, end, status = located
    assert status == MatchStatus.EXACT
    assert article.text[start:end] == quote.strip().strip("\"'\u201c\u201d\u2018\u2019 .\u2026")


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("Observers said the talk had failed", "Observers said the talks had failed"),
        ("Oil prices rose by 2 percent", "Oil prices rose by 2 per cent"),
    ],
    ids=["dropped-letter", "percent-spelling"],
)
def test_fuzzy_spans_cover_the_planted_text(article: Article, quote: str, expected: str) -> None:
    """Planted-span oracle: a slightly wrong quote aligns to the words it was copied from."""
    located = locate_quote(article, quote, article.sentences)
    assert located is not None and located[2] == MatchStatus.FUZZY
    assert article.text[located[0] : located[1]].startswith(expected[:20])
    assert expected in article.text[located[0] : located[1] + 2]


def test_a_quote_ending_inside_a_quotation_takes_its_closing_mark() -> None:
    from briefing.facts.ground import close_quotation

    text = "The mayor said the bridge was \u201cclosed.\u201d Ferries ran all night."
    end = text.index("closed") + len("closed")
    assert text[: close_quotation(text, 0, end)] == "The mayor said the bridge was \u201cclosed.\u201d"
    assert close_quotation(text, 0, 8) == 8  # no quotation opened: unchanged


def test_narrowing_keeps_the_name_the_statement_gives() -> None:
    text = "Ilse Varga, head of the ferry workers' guild, warned that crews at Tollmouth could walk out too.\n"
    article = parse_article(text, "guild.txt")
    statement = "Ilse Varga, head of the ferry workers' guild, warned that crews at Tollmouth could walk out too."
    outcome = ground_fact(article, fact(statement, ["S1"], ""), "f")
    assert isinstance(outcome, GroundedFact) and outcome.match == MatchStatus.CITED
    assert outcome.quote.startswith("Ilse Varga,")


@pytest.mark.parametrize(
    ("text", "statement", "quote"),
    [
        ("The mayor thanked the volunteers for the night of work, as well as the ferry crews who carried sandbags "
         "to the harbour wall.", "The ferry crews carried sandbags to the harbour wall.",
         "the ferry crews who carried sandbags to the harbour wall."),
        ("Storm water flooded the old market, and the ferry crews carried sandbags to the harbour wall all night.",
         "The ferry crews carried sandbags to the harbour wall all night.",
         "the ferry crews carried sandbags to the harbour wall all night."),
    ],
    ids=["as-well-as", "and"],
)  # fmt: skip
def test_a_narrowed_quote_opens_at_its_subject_not_at_the_joining_word(text: str, statement: str, quote: str) -> None:
    article = parse_article(text + "\n", "storm.txt")
    outcome = ground_fact(article, fact(statement, ["S1"], ""), "f")
    assert isinstance(outcome, GroundedFact) and outcome.quote == quote


# Sentences as sources.py numbers them (in text order, apart, not empty) and now and then out of order, overlapping
# or empty, with repeated IDs: the index bisects the first kind and scans the others.
_SENTENCES = st.lists(
    st.builds(
        lambda gap, length, number: (gap, length, f"S{number}"),
        st.sampled_from([0, 0, 1, 1, 2, 4, -3]),
        st.integers(0, 9),
        st.integers(1, 5),
    ),
    max_size=8,
)


@given(_SENTENCES, st.integers(-2, 60), st.integers(-2, 25), st.integers(1, 6))
def test_the_sentence_index_answers_as_a_scan_of_the_sentences(
    layout: list[tuple[int, int, str]], start: int, length: int, number: int
) -> None:
    sentences, at = [], 0
    for gap, size, sentence_id in layout:
        at = max(0, at + gap)
        sentences.append(Sentence(id=sentence_id, start=at, end=at + size, paragraph=1))
        at += size
    index = SentenceIndex(parse_article(TEXT, "story.txt").model_copy(update={"sentences": sentences}))
    end = start + length
    assert index.overlapping(start, end) == [s for s in sentences if s.start < end and s.end > start]
    holding = [i for i, s in enumerate(sentences) if s.start <= start < s.end]
    if holding:
        assert index.position_at(start) == holding[0]
    assert index.sentence(f"S{number}") is next((s for s in sentences if s.id == f"S{number}"), None)
