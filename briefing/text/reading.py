"""What a text is, read in its words: the writer's own analysis or not, whole or cut off, quoted speech or the
writer's words. Pure; the word lists are lexicon.py's; what is page furniture (a question, advice to the reader, a
line about the page) is furniture.py's.

compose uses it to keep non-facts off the page and analysis in its own section; same-fact matching uses it to
leave analysis out of its proposals (two outlets' commentary agreeing is not corroboration of an event). Where
a sentence's parse is at hand, stance.read_stance decides what is commentary.
"""

from __future__ import annotations

import re

from .lexicon import (
    ANALYSIS_OPENERS,
    ANALYSIS_VERBS,
    ATTRIBUTION_VERBS,
    DANGLING_ENDINGS,
    DANGLING_PREPOSITIONS,
    SPECULATION,
    phrase_at,
    starts_with_any,
)
from .normalize import is_number, words

FRAGMENT_WORDS = 4  # a statement of fewer words is a fragment ("Faces pressure"), not a whole fact


OPENING_QUOTES, CLOSING_QUOTES = "\u201c\u00ab", "\u201d\u00bb"
TRAILING = " \t\n)]'\u2019"  # after a sentence's last mark (quotation marks are blanked before this is used)
_CUT_OFF_ENDINGS = ("...", "\u2026", ",", ";", ":", "-", "\u2013", "\u2014", "(")
_INITIAL = re.compile(r"^[^\W\d_]\.?$")


def outside_quotes(text: str) -> str:
    """The text with quoted speech blanked out (same length): what the writer says, not the people quoted.

    A closing mark with no opening one means the text began inside a quotation (one sentence of a longer quote);
    an opening mark never closed runs to the end. A straight quote opens at the start or after a space or bracket.
    """
    out = list(text)
    inside = False
    for index, char in enumerate(text):
        if char == '"':
            char = OPENING_QUOTES[0] if index == 0 or text[index - 1] in " \t\n([" else CLOSING_QUOTES[0]
        if char in OPENING_QUOTES:
            inside = True
        elif char in CLOSING_QUOTES:
            if not inside:
                out[:index] = " " * index
            inside = False
        elif not inside:
            continue
        out[index] = " "
    return "".join(out)


def cut_off(text: str) -> str | None:
    """Why a text cannot stand as a whole statement (it ends inside a quotation, on "the" or "a", or is a fragment
    of a few words); None when it can."""
    opened = sum(text.count(mark) for mark in OPENING_QUOTES)
    closed = sum(text.count(mark) for mark in CLOSING_QUOTES)
    if opened > closed:
        return "ends inside a quotation"
    if opened < closed or text.count('"') % 2:
        return "unbalanced quotation marks"
    if text.rstrip().endswith(_CUT_OFF_ENDINGS):
        return "cut off"
    tokens = words(text)
    if len(tokens) < FRAGMENT_WORDS:
        return "a fragment"
    stopped = text.rstrip(TRAILING).endswith((".", "!", "?"))
    if tokens[-1] in DANGLING_ENDINGS or (tokens[-1] in DANGLING_PREPOSITIONS and not stopped):
        return f"ends on \u201c{tokens[-1]}\u201d"
    return None


def respelled(statement: str, quote: str) -> str | None:
    """A word of the quote the statement splits ("U. S." for "U.S.", "Rodr \u00edguez"), or None.

    Only runs that hold an initial or a non-ASCII letter count: "in to" for "into" is a spelling, not garbling.
    """
    mine = statement.split()
    if statement.isascii() and not any(_INITIAL.match(piece) for piece in mine):
        return None
    theirs = {token.strip(",;:!?") for token in quote.split()}
    for size in (2, 3, 4):
        for index in range(len(mine) - size + 1):
            run = mine[index : index + size]
            joined = "".join(run).strip(",;:!?")
            suspicious = any(_INITIAL.match(piece) for piece in run) or not joined.isascii()
            if suspicious and joined in theirs and " ".join(run) not in quote:
                return f"respells \u201c{joined}\u201d as \u201c{' '.join(run)}\u201d"
    return None


def garbled(statement: str, quote: str) -> str | None:
    """Why the model's statement is not fit to show (a question, cut off, a fragment, a respelled word of its
    quote); None when it is."""
    if outside_quotes(statement).rstrip(TRAILING).endswith("?"):
        return "a question"
    return cut_off(statement) or respelled(statement, quote)


def analysis(text: str) -> str | None:
    """Why a text reads as the writer's analysis rather than a reported fact; None when it reads as reported.

    A rough reading in the words, for callers that have only text (compose's sections). The decision for a fact
    is stance.read_stance, which reads the same questions on the sentence's dependency parse, on the predicate
    that governs the fact's words: use it wherever a parse exists.

    Reported: someone is said to have said, done or decided something ("officials said", "They argue that ...",
    "Ruiz confirmed"). Analysis: the writer's own reading of events with nobody it is attributed to: a pronoun or
    demonstrative subject with an interpreting verb ("This move signals a harder line", "This remains a sore
    point"), speculation ("the board could sell"), or a condition ("If the talks fail ..."). A text that states
    a figure or a date reports something checkable and is not called analysis. English only (lexicon.py).
    """
    tokens = words(outside_quotes(text))
    if any(phrase_at(tokens, verb) for verb in ATTRIBUTION_VERBS) or any(is_number(t) for t in tokens):
        return None  # attributed to someone, or stating a figure or date ("This meeting, which took place on
        # March 3, underscores ...") : something a source reports, whatever the writer adds to it
    if tokens[:1] == ["if"]:
        return "a condition, not an event"
    if SPECULATION.intersection(tokens):
        return "speculation: " + next(t for t in tokens if t in SPECULATION)
    if starts_with_any(tokens, ANALYSIS_OPENERS) and any(phrase_at(tokens, verb) for verb in ANALYSIS_VERBS):
        return "the writer's reading of events"
    return None
