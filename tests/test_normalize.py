"""Normalization for matching: the ASCII fast paths agree with the general path, and offsets map back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.text import lexicon
from briefing.text import normalize as normalize_module
from briefing.text.normalize import _INITIALS_SPACE, _fold_chars, content_words, normalize, words

# Any ASCII, and a small alphabet that often makes "u. s.", runs of whitespace and quote marks.
ASCII_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=80) | st.text(
    alphabet=st.sampled_from(list("uUsS. \t\n\"'`-1,")), max_size=40
)


def general_path(text: str) -> tuple[str, list[int]]:
    """normalize() done a char at a time, as it is done for non-ASCII text."""
    joined, origin = _fold_chars(text)
    drop = {m.end(1) + 1 for m in _INITIALS_SPACE.finditer(joined)}
    kept = [i for i in range(len(joined)) if i not in drop]
    return "".join(joined[i] for i in kept), [origin[i] for i in kept]


@given(ASCII_TEXT)
def test_ascii_fast_paths_equal_the_general_path(text: str) -> None:
    folded = normalize.__wrapped__(text)
    origin = list(folded.origin) if folded.origin is not None else list(range(len(folded.text)))
    assert (folded.text, origin) == general_path(text)


@given(st.text(max_size=60))
def test_every_normalized_char_maps_back_into_the_source(text: str) -> None:
    folded = normalize(text)
    origin = folded.origin if folded.origin is not None else tuple(range(len(folded.text)))
    assert len(origin) == len(folded.text)
    assert all(0 <= i < len(text) for i in origin)
    assert list(origin) == sorted(origin)


def test_folds_case_quotes_dashes_accents_spacing_and_initials() -> None:
    assert normalize("  The \u201cU. S.\u201d  envoy \u2013 Nicol\u00e1s  ").text == "the 'u.s.' envoy - nicolas"
    assert normalize('He said "no"\tthen\n\nleft').text == "he said 'no' then left"
    assert normalize("The U. S. envoy").source_span(4, 8) == (4, 9)


def _entries(value: object) -> list[str]:
    """Every word or phrase of a lexicon list (keys of a table, both sides of a pair)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [entry for key in value for entry in _entries(key)]
    if isinstance(value, (tuple, list, set, frozenset)):
        return [entry for item in value for entry in _entries(item)]
    return []


WORD_LISTS = {name: value for name, value in vars(lexicon).items() if name.isupper() and _entries(value)}


@pytest.mark.parametrize("name", sorted(WORD_LISTS))
def test_lexicon_entries_are_written_as_word_tokens(name: str) -> None:
    """An entry matches a run of `words` tokens only when it is written as they are: lower case, folded, with
    "vice-president" as two tokens. (ROLE_HEADS also feeds a regex, which reads its hyphens as written.)"""
    for entry in _entries(WORD_LISTS[name]):
        tokens = " ".join(words(entry))
        assert tokens == entry or (name == "ROLE_HEADS" and tokens == entry.replace("-", " ")), entry


def test_stopwords_stay_importable_where_the_stages_look() -> None:
    assert normalize_module.STOPWORDS is lexicon.STOPWORDS
    assert content_words("The union said that it was on strike") == ["union", "strike"]


@pytest.mark.parametrize(
    ("text", "phrase", "at"),
    [("he refused to resign on monday", "refused to resign", [1]), ("she surpassed it", "passed", []),
     ("passed and passed", "passed", [0, 2]), ("refused to go", "refused to resign", [])],
    ids=["run-of-words", "not-inside-a-word", "every-place", "partial-run"],
)  # fmt: skip
def test_a_phrase_matches_a_run_of_tokens(text: str, phrase: str, at: list[int]) -> None:
    assert lexicon.phrase_at(words(text), phrase) == at
