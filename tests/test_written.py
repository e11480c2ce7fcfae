"""A written line (a model's, later an editor's) is shown only when all it says is in its claim's quotes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from briefing.checks.written import refusal
from briefing.inputs.sources import parse_article
from briefing.model.calls import RetryPolicy
from briefing.model.config import ModelConfig
from briefing.models import Brief
from briefing.page.layout import compose
from briefing.page.render import render_review_html
from briefing.pipeline import build_brief
from briefing.summary import time_summary

from .fake_openai import FakeOpenAI

QUOTES = [
    "In a move that stunned commuters, the Ostby transit board on Tuesday voted to shut the Kell tram line for "
    "repairs costing 4 million euros.",
    "The Kell line will close for 4 million euros of repairs after a board vote on Tuesday, officials said.",
]
CLAUSE = "The Ostby transit board on Tuesday voted to shut the Kell tram line for repairs costing 4 million euros."


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("The Ostby board voted on Tuesday to close the Kell tram line for 4 million euros of repairs.", None),
        ("The transit board voted to shut the Kell line; repairs cost 4 million euros.", None),  # "cost" ~ "costing"
        ("The Ostby board voted on Wednesday to shut the Kell line for 4 million euros.", "wednesday"),  # a date
        ("The board voted to shut the Kell line for 5 million euros.", "5"),  # a figure
        ("Mayor Ruiz shut the Kell line after 4 million euros of repairs.", "ruiz"),  # a name
        ("The board shockingly voted to shut the Kell line for 4 million euros.", "shockingly"),  # a word
        ("The board voted to shut the Kell tram line.", "leaves out what its quotes share: 4"),
        ("Did the board vote to shut the Kell line for 4 million euros?", "a question"),
        ("The board voted to shut the Kell line for 4 million euros and the", "ends on"),
        (CLAUSE, "no shorter than the sources' own line"),
        ("This board voted on Tuesday to shut the Kell line for 4 million euros.", "leans on a sentence before it"),
        ("It voted on Tuesday to shut the Kell line for 4 million euros.", "leans on a sentence before it"),
        ("The Ostby transit board on Tuesday voted to shut the Kell tram line and the Varn line for repairs costing "
         "4 million euros.", "over 20"),
    ],
)
def test_a_written_line_is_refused_for_anything_its_quotes_do_not_hold(line: str, why: str | None) -> None:
    found = refusal(line, QUOTES, CLAUSE)
    assert (found is None) if why is None else (found is not None and why in found), found


def test_a_name_written_short_is_the_name_its_quotes_give_in_full() -> None:
    quotes = ["Harbour master Ines Varga said the pier would reopen in May.", "Ines Varga expects a May reopening."]
    assert refusal("Varga said the pier would reopen in May.", quotes) is None


# --- in a build: a line a model writes is shown only when checked -------------------------------------------------

FAST = RetryPolicy(transport_attempts=1, backoff_initial=0.01, backoff_max=0.05, reasks=0)
TRAMS = parse_article(
    "In a move that stunned commuters, the Ostby transit board on Tuesday voted to shut the Kell tram line for "
    "repairs.\nWork crews will start on the Kell line on 3 March, the board said.\n", "trams.txt")  # fmt: skip
WIRE = parse_article(
    "The Ostby transit board voted on Tuesday to close the Kell tram line for repairs, officials said.\n"
    "Commuters crowded the last trams on Tuesday night.\n", "wire.txt")  # fmt: skip


def _writer(body: dict[str, Any]) -> tuple[Any, ...]:
    """A model that writes a line for the tram claim and invents a place for the crews' one."""
    if '"line"' not in json.dumps(body.get("response_format", {})):
        return ("ok",)
    asked = body["messages"][-1]["content"]
    if "stunned" in asked or "officials said" in asked:
        line = "The Ostby transit board voted on Tuesday to close the Kell tram line."
        return ("content", json.dumps({"line": line}))
    return ("content", json.dumps({"line": "Work crews will start in Varn on 3 March."}))


def _build(script: list[Any], written_lines: bool | None = None) -> Brief:
    with FakeOpenAI(script) as fake:
        config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10)
        return build_brief([TRAMS, WIRE], model=config, retry=FAST, written_lines=written_lines)


def test_a_written_line_is_shown_when_its_quotes_hold_it_and_refused_with_the_reason_when_not() -> None:
    brief = _build([_writer] * 40)
    tram = next(c for c in brief.claims if len(c.article_ids) == 2 and "Kell tram line" in c.statement)
    assert tram.written is not None and tram.written.shown and tram.written.refused is None
    crews = next(c for c in brief.claims if "crews" in c.statement)
    assert crews.written is not None and not crews.written.shown and "varn" in (crews.written.refused or "")
    page = compose(brief)
    items = {i.key: i for s in page.sections for i in s.items}
    assert items[tram.id].text == "The Ostby transit board voted on Tuesday to close the Kell tram line."
    # the review page has the sources' own line too: the plainest member, its lead-in cut
    assert items[tram.id].alternative.endswith("own line: The Ostby transit board on Tuesday voted to shut the Kell "
                                               "tram line for repairs.")  # fmt: skip
    assert items[crews.id].text.startswith("Work crews will start on the Kell line on 3 March")
    assert "not shown (not in its quotes: varn)" in items[crews.id].alternative
    review = render_review_html(page, brief)  # the review page shows both, escaped like the rest
    assert "a written line, not shown (not in its quotes: varn): Work crews will start in Varn on 3 March." in review
    shown = sum(c.written.shown for c in brief.claims if c.written)
    asked = sum(c.written is not None for c in brief.claims)
    timing = time_summary(brief, {"prompt_seconds": 0.0, "generation_seconds": 0.0}, 0.1)
    assert f"written lines 0 s ({shown} of {asked} shown)" in timing  # the CLI's last lines say what it cost


def test_a_failed_line_call_leaves_the_claims_own_line_and_says_so() -> None:
    failing = [(lambda body: ("status", 400) if '"line"' in json.dumps(body.get("response_format", {}))
                else ("ok",))] * 40  # fmt: skip
    brief = _build(failing)
    written = [c.written for c in brief.claims if c.written is not None]
    assert written and all(not w.shown and w.refused == "the model's call failed" for w in written)
    assert all(i.text for s in compose(brief).sections for i in s.items)


def test_no_line_is_asked_for_when_turned_off() -> None:
    brief = _build([], written_lines=False)
    assert all(c.written is None for c in brief.claims)
