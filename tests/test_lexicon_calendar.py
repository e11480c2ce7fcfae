"""Months, their abbreviations and weekday abbreviations (lexicon.MONTHS, MONTH_ABBREVIATIONS,
WEEKDAY_ABBREVIATIONS): each decides a date of a sentence of ours, or a page line, against the same text with the
name misspelt. Sentences are our own."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.inputs.cleaning import classify_line
from briefing.models import BlockKind
from briefing.text.lexicon import MONTH_ABBREVIATIONS, MONTH_PRECEDERS, MONTHS, WEEKDAY_ABBREVIATIONS
from briefing.text.normalize import content_words
from briefing.text.values import read_dates

from .lexicon_cases import Case, decides

PUBLISHED = date(2025, 3, 12)
MISSPELT = {"may": "mayo", "march": "marsh", "june": "juno", "july": "jula", "august": "agust"}


def misspelt(name: str) -> str:
    return MISSPELT.get(name, name[:-1] + "x")


CASES: list[Case] = [
    *(Case("MONTHS", month, f"The pier reopened on 3 {month.title()} 2024.",
           f"The pier reopened on 3 {misspelt(month).title()} 2024.") for month in MONTHS),
    *(Case("MONTH_ABBREVIATIONS", short, f"The ferry sailed on {short.title()}. 3, 2024.",
           f"The ferry sailed on {misspelt(short).title()}. 3, 2024.") for short in MONTH_ABBREVIATIONS),
    *(Case("WEEKDAY_ABBREVIATIONS", short, f"Updated: {short.title()} 10:32 GMT",
           f"Updated: {misspelt(short).title()} 10:32 GMT") for short in WEEKDAY_ABBREVIATIONS),
    # "may" after one of these is the month, a content word; after another word ("at") it is read as the modal
    *(Case("MONTH_PRECEDERS", word, f"The pier reopened {word} May.", "The pier reopened at May.")
      for word in sorted(MONTH_PRECEDERS)),
]  # fmt: skip


def days(text: str) -> list[str]:
    return [r.value.label() for r in read_dates(text, PUBLISHED) if r.value is not None]


def is_page_line(text: str) -> bool:
    return classify_line(text)[0] == BlockKind.METADATA


@pytest.mark.parametrize("case", [c for c in CASES if c.name in ("MONTHS", "MONTH_ABBREVIATIONS")], ids=lambda c: c.id)
def test_a_month_or_its_abbreviation_dates_the_sentence(case: Case) -> None:
    mine, theirs = decides(days, case)
    assert len(mine) == 1 and theirs == []


@pytest.mark.parametrize("case", [c for c in CASES if c.name == "WEEKDAY_ABBREVIATIONS"], ids=lambda c: c.id)
def test_an_abbreviated_weekday_makes_an_update_line_a_page_line(case: Case) -> None:
    assert decides(is_page_line, case) == (True, False)


@pytest.mark.parametrize("case", [c for c in CASES if c.name == "MONTH_PRECEDERS"], ids=lambda c: c.id)
def test_may_after_a_word_that_takes_a_month_is_the_month(case: Case) -> None:
    assert decides(lambda text: "may" in content_words(text), case) == (True, False)


@pytest.mark.parametrize(
    ("text", "month"),
    [("The ferry sailed on May 4.", True), ("The ferry sailed on 4 May.", True),
     ("The ferry may sail on Friday.", False), ("Officials said the pier may close.", False)],
)  # fmt: skip
def test_may_before_or_after_a_day_is_the_month_and_the_modal_is_no_content_word(text: str, month: bool) -> None:
    assert ("may" in content_words(text)) is month
