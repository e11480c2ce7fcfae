"""A line someone wrote for a claim (a model, later an editor) -> why it may not be shown, or None. Pure.

A written line is shown in place of the sources' own clause only when everything it says is in the claim's
quotes: every name and number (crosscheck.unsupported_details, names matched through their aliases), every
capitalised word such as a month or a place, and every other content word at least by its Snowball stem
("voted" ~ "votes"). A word the quotes do not hold, however harmless it looks, refuses the line: the page then
shows the clause, and the review page both, with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import snowballstemmer

from ..text.entities import alias_table, mentions
from ..text.lexicon import DEMONSTRATIVES, SUBJECT_PRONOUNS
from ..text.normalize import content_words, is_number, words
from ..text.reading import cut_off, outside_quotes
from .crosscheck import unsupported_details

MAX_WRITTEN_WORDS = 20


def refusal(line: str, quotes: Sequence[str], clause: str | None = None) -> str | None:
    """Why `line` may not stand for a claim whose quotes are `quotes` in place of its own `clause`; None when it
    may. Beyond its words: it must hold the figures and dates two or more quotes share (what they agree on), and
    be shorter than the clause it would replace (a copied sentence gains the page nothing)."""
    count = len(line.split())
    if count > MAX_WRITTEN_WORDS:
        return f"{count} words, over {MAX_WRITTEN_WORDS}"
    if clause is not None and count >= len(clause.split()):
        return "no shorter than the sources' own line"
    if any(word in DEMONSTRATIVES | SUBJECT_PRONOUNS for word in words(line)[:1]):
        return "leans on a sentence before it"  # "This call took place ...", "He sought ...": which? who?
    if outside_quotes(line).rstrip().endswith("?"):
        return "a question"
    flaw = cut_off(line)
    if flaw is not None:
        return flaw
    names = [m.name for quote in quotes for m in mentions(quote)]
    aliases = {k: v for k, v in alias_table(names).items() if k != v or " " in k}
    missing = unsupported_details(line, list(quotes), aliases)
    held = {word for quote in quotes for word in content_words(quote)}
    stem = snowballstemmer.stemmer("english").stemWord
    stems = {stem(word) for word in held if not is_number(word)}
    for word in content_words(line):
        if word in held or is_number(word):
            continue  # a figure not held is unsupported_details' to name
        if stem(word) not in stems:  # "votes" ~ "voted", "cost" ~ "costing"
            missing.append(word)
    if missing:
        return "not in its quotes: " + ", ".join(dict.fromkeys(missing))
    figures = [{w for w in content_words(quote) if is_number(w)} for quote in quotes]
    shared = sorted({w for found in figures for w in found if sum(w in f for f in figures) >= 2})
    left_out = [w for w in shared if w not in content_words(line)]
    if left_out:
        return "leaves out what its quotes share: " + ", ".join(left_out)
    return None
