"""Text planted for a model inside an article: text in an article is data, never instructions. Two readings, one
home: a block that addresses a model rather than a reader (cleaning sets it apart, naming the pattern that found
it), and a sentence that instructs a model, never evidence for a fact (grounding) nor added as one (atomize).
Pure.
"""

from __future__ import annotations

import re

from .normalize import caseless

# Text inside an article is data: a sentence that instructs a model is never evidence for a fact (grounding), nor
# added as one (atomize's skipped sentences).
INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instructions?|prompts?|rules)\b|\b(system prompt|you are now|as an ai)\b",
    re.IGNORECASE,
)
# A sentence's start outside quotation marks: a page giving orders to its reader-machine does it in its own
# voice, while news reports what people told others in quotes ("Do not cite me," he said) or as indirect speech.
_START = r"(?:^|(?<=[.!?:;])\s+)"
_MACHINE = r"(?:ai|llm|language\s+model|assistant|chatbot|summari[sz]er)"
# Each pattern with words one of which any text it matches holds, lowered: a pattern none of whose words the
# caseless text holds (normalize.caseless) cannot match and is not run (most news paragraphs hold none). Each set
# is read off its pattern's branches: every branch spells out one of the words (a verb, a marker's bracket,
# "instruction"); tests/test_cleaning.py checks that no text the patterns match is missed.
_INJECTION: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    (name, re.compile(pattern, re.IGNORECASE | re.MULTILINE), needs)
    for name, pattern, needs in [
        ("chat role marker", r"(?:^|(?<=[.!?])\s+)(?:system|assistant|developer)\s*:\s",
         ("system", "assistant", "developer")),
        ("chat role marker", r"<\|?(?:im_start|im_end|system|endoftext)\|?>|\[/?INST\]|<</?SYS>>", ("<", "[")),
        (
            "tells a model to ignore its instructions",
            r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
            r"(?:previous|prior|above|earlier|preceding|foregoing|original|system)\s+"
            r"(?:\w+\s+)?(?:instructions?|prompts?|rules|directions|directives|guidelines|context)\b",
            ("ignore", "disregard", "forget", "override", "bypass"),
        ),
        (
            "tells a model to ignore its instructions",
            r"\b(?:ignore|disregard|forget)\s+(?:your\s+(?:instructions|rules)|(?:all|any)\s+(?:other\s+)?instructions)\b",
            ("ignore", "disregard", "forget"),
        ),
        (
            "tells a model what it is",
            r"\byou\s+are\s+now\s+(?:an?\s+|the\s+|in\s+)?(?:[\w-]+\s+){0,2}?"
            rf"(?:{_MACHINE}|ai\s+model|bot|dan|developer\s+mode|jailbroken|unrestricted)\b",
            ("now",),
        ),
        (
            "tells a model what to report",
            _START + r"(?:please\s+)?(?:report|state|present|treat|describe)\s+(?:it\s+|this\s+)?as\s+(?:a\s+|the\s+)?"
            r"(?:(?:main|key|top|lead|only|most\s+important|confirmed|established|verified)\s+)?"
            r"(?:fact|headline|finding|news|claim|truth)\b",
            ("report", "state", "present", "treat", "describe"),
        ),
        (
            "tells a model what not to cite",
            _START + r"(?:please\s+)?(?:do\s+not|don['\u2019]t|never)\s+(?:cite|quote|mention|reveal|disclose|include)"
            r"\s+(?:any\s+|the\s+|this\s+|these\s+|your\s+)?"
            r"(?:sentences?|sources?|instructions?|evidence|prompt|ids?)\b",
            ("cite", "quote", "mention", "reveal", "disclose", "include"),
        ),
        ("speaks as or to an AI", r"\bas\s+an\s+ai(?:\s+language)?\s+(?:model|assistant)\b|\bas\s+an\s+ai,\s+you\b",
         ("model", "assistant", "ai,")),
        (
            "new instructions for a model",
            _START + r"(?:new|updated|additional|important|real|hidden|secret)\s+instructions?\s*:"
            rf"|\binstructions?\s+(?:for|to)\s+(?:the\s+|any\s+)?(?:{_MACHINE}|model)s?\b"
            r"|\b(?:reveal|print|repeat|output|override|ignore)\s+(?:your\s+|the\s+)?"
            r"(?:system\s+prompt|hidden\s+instructions)\b",
            ("instruction", "system"),
        ),
        (
            "addresses a model",
            rf"\b{_MACHINE}s?\s+(?:reading|processing|summari[sz]ing)\s+this\b"
            rf"|{_START}(?:attention|note\s+to|dear)\s+(?:all\s+)?{_MACHINE}s?\b"
            rf"|{_START}if\s+you\s+are\s+an?\s+{_MACHINE}\b",
            ("reading", "processing", "summari", "attention", "note", "dear", "you"),
        ),
    ]
]  # fmt: skip


def injection_reason(text: str) -> str | None:
    """Why a block addresses a model rather than a reader (quoted as reported speech, it is news), else None."""
    lowered = caseless(text)
    for name, pattern, needs in _INJECTION:
        if lowered is not None and not any(word in lowered for word in needs):
            continue  # it cannot match (see _INJECTION)
        for match in pattern.finditer(text):
            if not _inside_quotes(text, match.start()):
                return f"{name} ('{' '.join(match.group().split())[:60]}')"
    return None


def _inside_quotes(text: str, offset: int) -> bool:
    before = text[:offset]
    curly_open = before.count("\u201c") > before.count("\u201d")
    return curly_open or before.count('"') % 2 == 1
