"""Different time frames for one joined fact are a dispute; a length of time or one frame is not."""

from __future__ import annotations

import pytest

from briefing.checks.deadlines import deadline_conflicts, time_frame
from briefing.models import Claim, ConflictKind

from .test_merge import grounded


@pytest.mark.parametrize(
    ("quote", "frame"),
    [
        ("The mayor told the crews to clear the quay within two weeks.", ("within two weeks", 20160)),
        ("Crews must clear the quay in 48 hours.", ("in 48 hours", 2880)),
        ("The board ordered the crews to leave immediately.", ("immediately", 0)),
        ("Ships were told to sail at once.", ("at once", 0)),
        ("The ruling takes effect in the next three days.", ("in the next three days", 4320)),
        ("The talks ended in two days of argument.", None),  # a length of time, not a deadline
        ("The strike ended in March.", None),
        ("Leave immediately, or within a week at the latest.", None),  # two frames: which is the deadline?
        ("CREWS MUST LEAVE IMMEDIATELY.", ("IMMEDIATELY", 0)),
        ("Crews must leave\twithin\ttwo\tWeeks.", ("within\ttwo\tWeeks", 20160)),
        # Case-insensitive patterns take these non-ASCII letters for ASCII ones ("\u0131" for "i", "\u212a" for
        # "k"): the quick tests run before the patterns must not rule such quotes out.
        ("Crews must leave \u0131mmediately.", ("\u0131mmediately", 0)),
        ("Crews must leave within two wee\u212as.", ("within two wee\u212as", 20160)),
    ],
)
def test_time_frame(quote: str, frame: tuple[str, int] | None) -> None:
    assert time_frame(quote) == frame


def _claim(*fact_ids: str) -> Claim:
    return Claim(id="C1", statement="s", kind="demand", fact_ids=list(fact_ids),
                 article_ids=list(dict.fromkeys(i.split("#")[0] for i in fact_ids)))  # fmt: skip


def test_one_demand_with_two_deadlines_is_a_dispute_with_both_quotes() -> None:
    week = grounded("a#F1", "a", "The mayor gave the crews an order to clear the quay within one week.")
    now = grounded("b#F1", "b", "The crews were ordered by the mayor to clear the quay immediately.")
    facts = {f.id: f for f in (week, now)}
    [conflict] = deadline_conflicts([_claim("a#F1", "b#F1")], facts)
    assert conflict.kind == ConflictKind.DEADLINE and conflict.attribute == "deadline"
    assert [(s.value, s.quotes) for s in conflict.sides] == [
        ("immediately", [now.quote]),
        ("within one week", [week.quote]),
    ]
    assert "quay" in conflict.subject


def test_the_same_frame_or_facts_not_joined_are_no_dispute() -> None:
    week = grounded("a#F1", "a", "The crews must clear the quay within one week.")
    seven = grounded("b#F1", "b", "The crews must clear the quay within 7 days.")
    now = grounded("c#F1", "c", "Ferries will stop immediately.")
    facts = {f.id: f for f in (week, seven, now)}
    assert deadline_conflicts([_claim("a#F1", "b#F1")], facts) == []
    assert deadline_conflicts([_claim("a#F1"), _claim("c#F1")], facts) == []
