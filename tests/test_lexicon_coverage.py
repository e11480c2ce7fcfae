"""Every entry of every word list in lexicon.py is decided by a sentence of our own (tests/lexicon_cases.py): the
tables of tests/test_lexicon_*.py hold a case for it, whose sentence holds the entry's words and whose contrast
does not. A list entry added without a case fails here."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from briefing.text import lexicon
from briefing.text.normalize import words

from .lexicon_cases import Case

TABLES = sorted(p.stem for p in Path(__file__).parent.glob("test_lexicon_*.py") if p.stem != Path(__file__).stem)


def all_cases() -> list[Case]:
    cases: list[Case] = []
    for module in TABLES:
        cases.extend(importlib.import_module(f"tests.{module}").CASES)
    return cases


def undecided() -> dict[str, str]:
    found: dict[str, str] = {}
    for module in TABLES:
        found.update(getattr(importlib.import_module(f"tests.{module}"), "UNDECIDED", {}))
    return found


def entries() -> list[tuple[str, str]]:
    """(list name, entry) for every word entry of every list, set, tuple or dict (its keys) in lexicon.py."""
    found = []
    for name in dir(lexicon):
        value = getattr(lexicon, name)
        if not name.isupper() or not isinstance(value, dict | frozenset | set | tuple | list):
            continue
        found += [(name, entry) for entry in value if isinstance(entry, str) and words(entry)]
    return sorted(set(found))


def holds(text: str, entry: str) -> bool:
    """The entry's tokens as a run of the text's tokens."""
    tokens, run = words(text), words(entry)
    return any(tokens[i : i + len(run)] == run for i in range(len(tokens) - len(run) + 1))


def test_every_entry_has_a_case_of_our_own_writing_or_a_stated_reason() -> None:
    covered = {(c.name, c.entry) for c in all_cases() if holds(c.sentence, c.entry) and not holds(c.contrast, c.entry)}
    stated = {tuple(key.split(":", 1)) for key in undecided()}
    missing = [f"{name}:{entry}" for name, entry in entries() if (name, entry) not in covered | stated]
    assert not missing, f"{len(missing)} word-list entries decided by no sentence of ours: {missing[:40]}"


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.id)
def test_a_case_names_a_real_entry(case: Case) -> None:
    assert (case.name, case.entry) in set(entries()), f"{case.id} is no entry of lexicon.{case.name}"
    assert case.sentence != case.contrast


def test_every_stated_reason_names_a_real_entry_that_no_case_decides() -> None:
    real = set(entries())
    decided = {(c.name, c.entry) for c in all_cases()}
    for key in undecided():
        name, entry = key.split(":", 1)
        assert (name, entry) in real, f"{key}: no such entry (removed? drop its reason)"
        assert (name, entry) not in decided or "WRONG" in undecided()[key], f"{key} has a case: drop its reason"
