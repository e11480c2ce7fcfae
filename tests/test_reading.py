"""Reported facts against the writer's analysis, read in the words (English lists in lexicon.py)."""

from __future__ import annotations

import pytest

from briefing.reading import analysis


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("This development has immediate implications for the harbour towns.", "the writer's reading of events"),
        ("The situation continues to be a flashpoint between the two ports.", "the writer's reading of events"),
        ("If the talks fail, the strike might spread to Carrow.", "a condition, not an event"),
        ("The board could sell the berths before spring.", "speculation: could"),
        ("Officials argue that the closure is a pretext for a sale.", None),
        ("The mayor said this development has implications for everyone.", None),
        ("Governor Ruiz closed the Orrin bridge on Monday.", None),
        ("This comes at a time when the port is losing trade.", "the writer's reading of events"),
        ("This meeting, which took place on March 3, underscores the board's weakness.", None),
    ],
    ids=["implications", "continues-to-be", "condition", "speculation", "attributed", "said", "event", "at-a-time",
         "dated"],
)
def test_analysis_is_told_from_reported_facts(text: str, why: str | None) -> None:
    assert analysis(text) == why
