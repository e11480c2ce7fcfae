"""Names, aliases and roles from evidence text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.text.entities import (
    _ROLE_APPOSITIVE,
    _ROLE_BEFORE,
    _may_end_in_a_role,
    actors,
    alias_table,
    clause_at,
    display_names,
    fold_name,
    mentions,
)
from briefing.text.lexicon import ROLE_HEADS


@pytest.mark.parametrize(
    ("text", "name", "role", "former"),
    [
        ("former US President Donald Trump has rejected requests", "Donald Trump", "president", True),
        ("a call between President Nicolas Maduro and others", "Nicolas Maduro", "president", False),
        ("from harbour leader Lena Voss during a call", "Lena Voss", "generic", False),
        ("her ally, Vice President Tomás Brandt, to oversee", "Tomás Brandt", "vice president", False),
        ("Marcus Hale, chief executive of the port authority, said", "Marcus Hale", "chief executive", False),
        ("Port authority chairman Marcus Hale told the station", "Marcus Hale", "chair", False),
        ("Dana Okafor, the union's general secretary, said", "Dana Okafor", "general secretary", False),
        ("Colombia's president, Gustavo Petro, proposed", "Gustavo Petro", "president", False),
        ("talks between Donald Trump and Nicolás Maduro", "Donald Trump", None, False),
    ],
    ids=["former-title", "title", "generic", "vice", "appositive-after", "title-with-org", "possessive-after",
         "appositive-before", "no-role"],
)  # fmt: skip
def test_mentions_and_roles(text: str, name: str, role: str | None, former: bool) -> None:
    mention = next(m for m in mentions(text) if m.name == name)
    assert (mention.role, mention.former) == (role, former)


def test_names_fold_accents_case_and_titles() -> None:
    assert fold_name("President Nicolás Maduro") == fold_name("nicolas MADURO") == "nicolas maduro"


def test_a_bare_surname_joins_the_one_full_name_that_ends_with_it() -> None:
    table = alias_table(
        ["Nicolás Maduro", "Nicolas Maduro", "Maduro", "Donald Trump", "Trump", "Smith", "Ann Smith", "Bob Smith"]
    )
    assert table["maduro"] == "nicolas maduro" and table["trump"] == "donald trump"
    assert table["smith"] == "smith"  # two Smiths: no guess
    assert display_names(["Nicolas Maduro", "Nicolás Maduro"])["nicolas maduro"] == "Nicolás Maduro"


def test_clauses_and_actors_tell_a_demand_from_an_offer() -> None:
    text = "The union wants a 9 percent pay rise, while the Estermouth Port Authority has offered 4 percent."
    demand, offer = clause_at(text, text.index("9")), clause_at(text, text.index("4 percent"))
    assert actors(demand) == {"union"} and "authority" in actors(offer) and "union" not in actors(offer)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The talks ended and eventually Carrow answered the call.", []),  # "ally" inside "eventually"
        ("The figurehead Marcus Hale opened the session.", [("Marcus Hale", None)]),  # "head" inside "figurehead"
        ("The strike was officially Tuesday's only story.", []),  # "official" inside "officially"
        ("The port's head Marcus Hale opened the session.", [("Marcus Hale", "generic")]),
        ("Port authority chairman Marcus Hale spoke.", [("Marcus Hale", "chair")]),
        ("Union leader Okafor spoke first.", [("Okafor", "generic")]),
    ],
    ids=["ally-in-eventually", "head-in-figurehead", "official-in-officially", "head", "chairman", "leader"],
)
def test_a_role_is_a_whole_word_before_the_name(text: str, found: list[tuple[str, str | None]]) -> None:
    assert [(m.name, m.role) for m in mentions(text)] == found


# What stands before a name: mostly a role head (in any case, or with a letter that case-insensitive matching takes
# for an ASCII one: "\u017f" for "s") with or without a comma and whitespace after it, after and before other text.
_HEAD = st.sampled_from([*ROLE_HEADS, "\u017fpokesman", "chairman"]).flatmap(
    lambda head: st.sampled_from([head, head.upper(), head.title()])
)
_OTHER = st.text(alphabet=st.sampled_from([*"former The,. \t\nx'\u2019-"]), max_size=12)
_SPACE = st.text(alphabet=st.sampled_from([*" \t\n\u00a0"]), max_size=3)
_BEFORE_A_NAME = st.tuples(_OTHER, _HEAD, st.sampled_from(["", ",", " ,"]), _SPACE | _OTHER).map("".join)


@given(_BEFORE_A_NAME)
def test_the_quick_test_before_the_role_patterns_rules_out_no_window_they_match(window: str) -> None:
    if _ROLE_BEFORE.search(window) or _ROLE_APPOSITIVE.search(window):
        assert _may_end_in_a_role(window)
