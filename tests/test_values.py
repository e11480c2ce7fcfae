"""Figures and dates in text as intervals; relative dates against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.text.normalize import CaselessPattern
from briefing.text.values import (
    _DATE,
    _FUTURE,
    _QUANTITY,
    ValueKind,
    dates,
    quantities,
    read_dates,
)

# ASCII text made of the words and signs of figures and dates in any case, and of anything else ASCII.
_FIGURE_WORDS = ["About", "OVER", "at least", "Up To", "1,400", "9.5", "31", "2025", "$", "US$", "Million", "bn",
                 "K", "per cent", "Percent", "%", "Two", "fifty", "Hours", "-", "week", "Workers", "ships", "May", ",",
                 "November", "Nov.", "3rd", "21", "On", "monday", "Last", "WEEK", "ago", "a", "Tomorrow", "Will",
                 "due to", "Next", "Evening", "some", "days", "November 21", "on Friday", "21 NOV",
                 "3 weeks ago"]  # fmt: skip
_ASCII_FIGURES = st.lists(
    st.sampled_from(_FIGURE_WORDS) | st.text(alphabet=st.characters(max_codepoint=127), max_size=6), max_size=12
).map(" ".join)


@pytest.mark.parametrize(
    ("text", "kind", "low", "high", "unit"),
    [
        ("About 1,400 dock workers walked out.", ValueKind.COUNT, 1330, 1470, "workers"),
        ("restrictions on over 100 Venezuelan officials", ValueKind.COUNT, 100, float("inf"), "officials"),
        ("a $50 million reward", ValueKind.MONEY, 50e6, 50e6, "USD"),
        ("costing about £4 million a day", ValueKind.MONEY, 3.8e6, 4.2e6, "GBP"),
        ("a 9 percent pay rise", ValueKind.PERCENT, 9, 9, ""),
        ("a rise of 9 per cent", ValueKind.PERCENT, 9, 9, ""),
        ("a call lasting under 15 minutes", ValueKind.DURATION, 0, 15, ""),
        ("within one week", ValueKind.DURATION, 10080, 10080, ""),
        ("a seven-day deadline", ValueKind.DURATION, 10080, 10080, ""),
        ("Moreover 300 lorries queued", ValueKind.COUNT, 300, 300, "lorries"),  # "over" inside a word qualifies nothing
    ],
    ids=["approx-count", "lower-bound", "dollars", "approx-pounds", "percent", "per-cent", "upper-bound-minutes",
         "word-week", "seven-day", "word-boundary"],
)  # fmt: skip
def test_quantities(text: str, kind: ValueKind, low: float, high: float, unit: str) -> None:
    (value,) = quantities(text)
    assert (value.kind, value.low, value.high, value.unit) == (kind, pytest.approx(low), high, unit)
    assert text[value.start : value.end] == value.text


def test_one_week_equals_seven_days_and_intervals_compare() -> None:
    (week,) = quantities("one week")
    (days,) = quantities("a seven-day deadline")
    (about,), (some,) = quantities("about 1,400 workers"), quantities("some 1,200 workers")
    assert week.overlaps(days) and not about.overlaps(some)


def test_a_count_after_a_month_name_is_still_a_count() -> None:
    (count,) = quantities("In May 2,000 porters joined")
    assert (count.low, count.unit) == (2000, "porters")


@pytest.mark.parametrize(
    "text",
    ["Since assuming office in 2013, Maduro", "one of the largest", "in the third day", "an A380 landed",
     "the crews walked out on March 9", "Feb 2 (Valley Post) - Ferries stopped", "from 14 June, 2024, the toll"],
    ids=["year", "one-of", "ordinal", "model-name", "month-day", "dateline", "day-month-year"],
)
def test_not_figures(text: str) -> None:
    assert quantities(text) == []


PUB = date(2025, 11, 4)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("walked off the job yesterday", PUB, "2025-11-03"),
        ("went on strike on Monday", PUB, "2025-11-03"),
        ("by Tuesday morning 31 ships waited", PUB, "2025-11-04"),
        ("talks are due to start on Thursday", date(2025, 11, 5), "2025-11-06"),
        ("both sides will meet tomorrow", date(2025, 11, 5), "2025-11-06"),
        ("scheduled for November 6", PUB, "2025-11-06"),
        ("last updated on 14 March 2025, at 09:12", None, "2025-03-14"),
        ("Dec 1 (Reuters)", date(2025, 12, 2), "2025-12-01"),
        ("about 10 days ago", PUB, "2025-10-23..2025-10-27"),
        ("last month", PUB, "2025-10-01..2025-10-31"),
        ("next week", PUB, "2025-11-10..2025-11-16"),
        ("on Monday", None, None),
        ("the deal signed on December 30", date(2026, 1, 2), "2025-12-30"),
        ("talks resume on January 3", date(2025, 12, 29), "2026-01-03"),
        ("the leap-day vote of 29 February", date(2028, 3, 2), "2028-02-29"),
    ],
    ids=["yesterday", "past-weekday", "same-weekday", "future-weekday", "tomorrow", "month-day", "absolute",
         "dateline", "days-ago-vague", "last-month", "next-week", "relative-needs-publication",
         "month-day-last-year", "month-day-next-year", "leap-day"],
)  # fmt: skip
def test_dates(text: str, published: date | None, expected: str | None) -> None:
    found = dates(text, published)
    assert ([v.label() for v in found] or [None]) == [expected]


@pytest.mark.parametrize(
    ("text", "published", "label", "basis"),
    [
        ("confirmed on Wednesday", None, None, "'on Wednesday' unresolved: no publication date to read it against"),
        ("a call about 10 days ago", None, None,
         "'about 10 days ago' unresolved: no publication date to read it against"),
        ("held on November 21", None, None, "'November 21' unresolved: no publication date to read it against"),
        ("held on 21 November 2025", None, "2025-11-21", "'21 November 2025' names its year"),
        ("confirmed on Wednesday", date(2025, 12, 1), "2025-11-26",
         "'on Wednesday' read against the publication date 2025-12-01"),
    ],
    ids=["weekday-no-base", "days-ago-no-base", "month-day-no-base", "names-year", "weekday-with-base"],
)  # fmt: skip
def test_every_date_phrase_is_read_with_its_basis_or_marked_unresolved(
    text: str, published: date | None, label: str | None, basis: str
) -> None:
    (reading,) = read_dates(text, published)
    assert text[reading.start : reading.end] == reading.phrase
    assert (reading.value.label() if reading.value else None) == label and reading.resolved == (label is not None)
    assert reading.basis == basis


def test_an_undated_text_resolves_no_date() -> None:
    assert dates("held on November 21 and on Monday", None) == []
    assert [v.label() for v in dates("held on November 21", PUB)] == ["2025-11-21"]


def test_a_dateline_dates_the_text_and_states_no_event() -> None:
    quote = "ESTERMOUTH, Nov 4 (Coastline Wire) - Dock workers went on strike on Monday."
    assert [v.label() for v in dates(quote, date(2025, 11, 4))] == ["2025-11-03"]


@pytest.mark.parametrize("pattern", [_QUANTITY, _DATE, _FUTURE], ids=["quantity", "date", "future"])
@given(text=_ASCII_FIGURES)
def test_ascii_text_lowered_is_read_as_the_case_insensitive_pattern_reads_it(
    pattern: CaselessPattern, text: str
) -> None:
    # values.py's patterns read ASCII text lowered, case-sensitively (normalize.CaselessPattern).
    lowered = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
    folded = [(m.span(), {k: v and v.lower() for k, v in m.groupdict().items()})
              for m in pattern.folding.finditer(text)]  # fmt: skip
    assert lowered == folded


def test_a_caseless_pattern_spelling_a_capital_letter_is_refused() -> None:
    # Its lowered copy would never match "Nov" in lowered text, where the case-insensitive pattern does.
    with pytest.raises(ValueError, match="no capital letter"):
        CaselessPattern(r"\bNov\b")
    assert CaselessPattern(r"(?P<month>nov)").search("NOV") is not None
