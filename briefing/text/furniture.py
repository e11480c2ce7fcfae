"""Page furniture: the text around a story that is not the story. Lines cleaning sets apart (site prompts, lines
about the page, boxes for readers, FAQs, advice, bylines), and the sentence-level reading of the same (a question,
advice to the reader, a line about the page, a box for readers: not_a_fact). The one home of these patterns; the
word lists they read are lexicon.py's. Pure.
"""

from __future__ import annotations

import re

from .lexicon import (
    IMPERATIVE_OPENERS,
    PAGE_METADATA,
    PAGE_METADATA_OPENERS,
    READER_LABEL_WORDS,
    READER_LABELS,
    SECOND_PERSON,
    phrase_at,
    starts_with_any,
)
from .normalize import MONTH_PATTERN, WEEKDAY_PATTERN, words
from .reading import TRAILING, outside_quotes

SENTENCE_AFTER_COMMA = 4  # words of letters after a page line's comma that make it a sentence
_LABEL = re.compile(r"^\s*([^:\n]{1,40}):(?:\s|$)")
_JOINED = re.compile(r"(?<=\w)-(?=\w)")  # the hyphen of a compound word

SITE_PROMPTS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        ("bookmark prompt", r"\bbookmark"),
        ("subscription prompt", r"\b(subscribe|subscription|newsletter|sign up|signup|get notified)\b"),
        ("subscription prompt", r"\bjoin [0-9.,]+k?\+? (people|readers|subscribers)"),
        ("spam promise", r"\b(don'?t|do not|never) (worry )?(we )?(don'?t )?spam\b"),
        ("cookie notice", r"\bcookies?\b.*\b(accept|consent|use|policy|settings)\b"),
        ("share prompt", r"^(share|share this|share on|tweet|email this|print this)\b"),
        ("follow prompt", r"^follow us\b"),
        ("player prompt", r"^(listen|watch) (live|now|again)\W*$"),
        ("comment prompt", r"\b(leave a comment|comments? \(\d+\)|view comments|join the conversation)\b"),
        ("ad-blocker notice", r"\bad ?-?blocker\b"),
        ("advertisement", r"^(advertisement|sponsored( content)?|ad)\W*$"),
        ("read-more link", r"^(read more|read also|also read|see also|related( articles| stories)?|more from)\b"),
        (
            "headline list header",
            r"^(trending( now)?|most read|most popular|top stories|latest news|you may also like|recommended)\W*$",
        ),
        ("copyright line", r"(^©|\ball rights reserved\b|^copyright\b)"),
        ("navigation", r"^(home|menu|skip to (main )?content|log ?in|sign in|search)(\s*[|/>»·]\s*\w+.*)?$"),
    ]
]
MONTH = rf"{MONTH_PATTERN}\b\.?"
WEEKDAY = rf"{WEEKDAY_PATTERN}\b"
# Lines about the page itself: they may date the article, but state nothing about the story.
METADATA_LINES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        (
            "page metadata: updated or published",
            r"^(?:last\s+)?(?:updated|modified|edited|published|posted|first\s+published|originally\s+published)\b"
            rf"(?:\s+(?:on|at))?\s*:?\s*(?:\d|{MONTH}|{WEEKDAY}|yesterday\b|today\b|an?\s+(?:minute|hour|day)s?\s+ago)",
        ),
        (
            "page metadata: reading time",
            r"^(?:\d+\s*-?\s*min(?:ute)?s?\.?\s+read\b|(?:estimated\s+)?read(?:ing)?\s+time\b)",
        ),
        (
            "page metadata: a date alone",
            rf"^(?:{WEEKDAY},?\s+)?"
            rf"(?:\d{{1,2}}\s+{MONTH}|{MONTH}\s+\d{{1,2}}|\d{{4}}-\d\d-\d\d)(?:,?\s+\d{{4}})?"
            r"(?:[,\s|\u00b7-]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)?\s*$",
        ),
    ]
]  # fmt: skip
PAGE_SUBJECT = r"(?:this|the)\s+(?:information|article|page|post|content|piece|blog\s+post|web\s*page)"
# "The information was last updated on 14 March 2025": a sentence about the page, even inside a paragraph.
PAGE_SENTENCE = re.compile(
    rf"^{PAGE_SUBJECT}\s+(?:was|has\s+been|is)\s+(?:last\s+(?:updated|modified|edited|reviewed)"
    rf"|(?:first\s+|originally\s+)?(?:published|posted|updated)\s+(?:on|at)\s+(?:\d|{MONTH}))"
    r"|^this\s+(?:article|story|post|piece)\s+(?:was|is)\s+(?:first\s+|originally\s+)?(?:published|posted)\b",
    re.IGNORECASE,
)
# Labelled boxes addressed to the reader. "Why it matters" or "In brief" boxes restate the news and stay.
BOX = re.compile(
    r"^(?:#{1,6}\s*)?[*_]*(?P<label>pro\s+tips?|quick\s+tips?|top\s+tips?|tips?|expert\s+(?:insights?|tips?|take|view)"
    r"|editor['\u2019]?s?\s+note|note\s+to\s+readers|key\s+takeaways?|takeaways|did\s+you\s+know"
    r"|faqs?|frequently\s+asked\s+questions(?:\s+\(faqs?\))?|people\s+also\s+ask|disclaimer)[*_]*"
    r"\s*(?P<rest>[:?\-\u2013\u2014].*|)$",
    re.IGNORECASE,
)
FAQ = re.compile(r"^(?:faqs?|frequently asked|people also ask)", re.IGNORECASE)
TAKEAWAYS = re.compile(r"^(?:key\s+)?takeaways?", re.IGNORECASE)
BULLET = re.compile(r"^(?:[-*\u2022\u2013\u25aa]|\d{1,2}[.)])\s+\S")
ADVICE = re.compile(
    r"^(?:you\s+(?:should|must|need\s+to|may\s+want\s+to|might\s+want\s+to|will\s+want\s+to|ought\s+to)"
    r"|you['\u2019]ll\s+(?:want|need)\s+to|make\s+sure|be\s+sure\s+to|remember\s+to|keep\s+in\s+mind"
    r"|(?:don['\u2019]t|do\s+not)\s+forget"
    r"|if\s+you(?:['\u2019]re|\s+are|\s+want|\s+plan|\s+need|\s+have|\s+own|\s+live)\b)",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^\(?(by|post(ed)? by|written by|author|reporting by)\s*:?\s*\S", re.IGNORECASE)


def not_a_fact(text: str, span: tuple[int, int] | None = None) -> str | None:
    """Why a sentence, or the quote at `span` inside it, is no reported fact; None when nothing says so.

    Read in the words: a question (the writer's, not one quoted: it ends in "?" outside quotation marks), the
    writer speaking to the reader ("you" outside quotation marks; "Make sure ..."), a line about the page ("last
    updated", "min read"), or a box for readers ("Pro Tip: ...").
    """
    start, end = span or (0, len(text))
    writer = outside_quotes(text)
    if writer.rstrip(TRAILING).endswith("?") or writer[start:end].rstrip(TRAILING).endswith("?"):
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
