"""What a text is, read in its words: a reported fact or not (a question, advice to the reader, a line about the
page, the writer's own analysis), whole or cut off. Pure; the word lists are lexicon.py's.

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
    IMPERATIVE_OPENERS,
    PAGE_METADATA,
    PAGE_METADATA_OPENERS,
    READER_LABEL_WORDS,
    READER_LABELS,
    SECOND_PERSON,
    SPECULATION,
    phrase_at,
    starts_with_any,
)
from .normalize import is_number, words

FRAGMENT_WORDS = 4  # a statement of fewer words is a fragment ("Faces pressure"), not a whole fact
SENTENCE_AFTER_COMMA = 4  # words of letters after a page line's comma that make it a sentence


OPENING_QUOTES, CLOSING_QUOTES = "\u201c\u00ab", "\u201d\u00bb"
_TRAILING = " \t\n)]'\u2019"  # after a sentence's last mark (quotation marks are blanked before this is used)
_LABEL = re.compile(r"^\s*([^:\n]{1,40}):(?:\s|$)")
_CUT_OFF_ENDINGS = ("...", "\u2026", ",", ";", ":", "-", "\u2013", "\u2014", "(")
_INITIAL = re.compile(r"^[^\W\d_]\.?$")
_JOINED = re.compile(r"(?<=\w)-(?=\w)")  # the hyphen of a compound word


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


def not_a_fact(text: str, span: tuple[int, int] | None = None) -> str | None:
    """Why a sentence, or the quote at `span` inside it, is no reported fact; None when nothing says so.

    Read in the words: a question (the writer's, not one quoted: it ends in "?" outside quotation marks), the
    writer speaking to the reader ("you" outside quotation marks; "Make sure ..."), a line about the page ("last
    updated", "min read"), or a box for readers ("Pro Tip: ...").
    """
    start, end = span or (0, len(text))
    writer = outside_quotes(text)
    if writer.rstrip(_TRAILING).endswith("?") or writer[start:end].rstrip(_TRAILING).endswith("?"):
        return "a question"
    label = _LABEL.match(text)
    if label and len(label_words := words(label.group(1))) <= READER_LABEL_WORDS:
        if " ".join(label_words) in READER_LABELS:
            return "a box for readers"
        writer = " " * label.end() + writer[label.end() :]  # "Update: ..." is no imperative "Update"
    if SECOND_PERSON.intersection(words(writer[start:end])):
        return "advice to the reader"
    if starts_with_any(words(_JOINED.sub("", writer)), IMPERATIVE_OPENERS):  # "Check-in desks" is no "Check"
        return "advice to the reader"
    tokens = words(text)
    if any(phrase_at(tokens, p) for p in PAGE_METADATA):
        return "about the page, not the story"
    if starts_with_any(tokens, PAGE_METADATA_OPENERS) and not _goes_on(text):
        return "about the page, not the story"
    return None


def _goes_on(text: str) -> bool:
    """The line goes on into a sentence after its first comma (a fronted phrase, then the clause it belongs to):
    at least SENTENCE_AFTER_COMMA words of letters, where a page line has a time or a date ("..., 10:32 am GMT")."""
    _, comma, rest = text.partition(",")
    return bool(comma) and sum(token.isalpha() for token in words(rest)) >= SENTENCE_AFTER_COMMA


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
    stopped = text.rstrip(_TRAILING).endswith((".", "!", "?"))
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
    if outside_quotes(statement).rstrip(_TRAILING).endswith("?"):
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
