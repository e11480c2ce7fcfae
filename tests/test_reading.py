"""Reported facts against the writer's analysis, read in the words (English lists in lexicon.py)."""

from __future__ import annotations

import pytest

from briefing.text.reading import analysis


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("This move signals a harder line from the harbour board.", "the writer's reading of events"),
        ("This situation remains a sore point between the two ports.", "the writer's reading of events"),
        # Whether a noun phrase names an actor is the parse's question (stance.py): in the words, it reads as
        # reported.
        ("The situation remains a sore point between the two ports.", None),
        ("If the talks fail, the strike might spread to Carrow.", "a condition, not an event"),
        ("The board could sell the berths before spring.", "speculation: could"),
        ("Officials argue that the closure is a pretext for a sale.", None),
        ("The mayor said this move signals a harder line.", None),
        ("Governor Ruiz closed the Orrin bridge on Monday.", None),
        ("This underscores how much trade the port is losing.", "the writer's reading of events"),
        ("This meeting, which took place on March 3, underscores the board's weakness.", None),
    ],
    ids=["signals", "remains", "noun-phrase-left-to-the-parse", "condition", "speculation", "attributed", "said",
         "event", "at-a-time", "dated"],
)
def test_analysis_is_told_from_reported_facts(text: str, why: str | None) -> None:
    assert analysis(text) == why
