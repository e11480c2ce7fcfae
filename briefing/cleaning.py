"""Split raw article text into blocks and say which are body text, headings or web boilerplate.

Rules are generic web-page conventions, not tuned to one site: site prompts (bookmarks, newsletters,
cookies, sharing), bylines, hashtag lines, text cut off mid-sentence (teasers), and runs of headlines.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

from .models import Block, BlockKind

_SITE_PROMPTS: list[tuple[str, re.Pattern[str]]] = [
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
_BYLINE = re.compile(r"^\(?(by|post(ed)? by|written by|author|reporting by)\s*:?\s*\S", re.IGNORECASE)
_HASHTAG = re.compile(r"#\w+")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")

HEADLINE_MAX_WORDS = 16  # a line without end punctuation this short reads as a heading
HEADLINE_RUN = 3  # this many headings in a row are a list of other stories or a menu
TEASER_PAIRS = 3  # this many headline + one-sentence pairs in a row are a block of teasers


def split_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of the text's paragraphs: lines, or blank-line paragraphs when the file is hard-wrapped."""
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    if not lines:
        return []
    lengths = sorted(end - start for start, end in lines)
    hard_wrapped = lengths[int(0.9 * (len(lengths) - 1))] <= 100 and "\n\n" in text
    if not hard_wrapped:
        return [_strip_span(text, s, e) for s, e in lines]
    return [_strip_span(text, m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    return start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))


def classify_line(line: str) -> tuple[BlockKind, str | None]:
    """Classify one block on its own text alone."""
    tokens = line.split()
    for name, pattern in _SITE_PROMPTS:
        if pattern.search(line) and len(tokens) <= 30:
            return BlockKind.BOILERPLATE, name
    hashtags = _HASHTAG.findall(line)
    if len(hashtags) >= 2 and (line.startswith("#") or len(hashtags) * 2 >= len(tokens)):
        return BlockKind.BOILERPLATE, "hashtags"
    if _BYLINE.match(line) and len(tokens) <= 10:
        return BlockKind.BOILERPLATE, "byline"
    if _MD_HEADING.match(line):
        return BlockKind.HEADING, None
    if _TERMINAL.search(line):
        return BlockKind.BODY, None
    if len(tokens) <= HEADLINE_MAX_WORDS:
        return BlockKind.HEADING, None
    return BlockKind.BOILERPLATE, "text cut off mid-sentence (teaser)"


def classify(text: str) -> list[Block]:
    """Blocks of the text, each classified, with context rules for headline lists and teasers."""
    blocks = []
    for start, end in split_blocks(text):
        kind, reason = classify_line(text[start:end])
        blocks.append(Block(start=start, end=end, kind=kind, reason=reason))
    _mark_teaser_headlines(blocks)
    _mark_runs(blocks, text)
    _mark_trailing_headings(blocks)
    return blocks


def _mark_teaser_headlines(blocks: list[Block]) -> None:
    for heading, following in itertools.pairwise(blocks):
        if heading.kind == BlockKind.HEADING and following.reason == "text cut off mid-sentence (teaser)":
            heading.kind, heading.reason = BlockKind.BOILERPLATE, "headline of a teaser"


def _mark_runs(blocks: list[Block], text: str) -> None:
    for run in _runs(blocks, lambda b: b.kind == BlockKind.HEADING):
        if len(run) >= HEADLINE_RUN:
            for block in run:
                block.kind, block.reason = BlockKind.BOILERPLATE, "run of headlines"
    index = 0
    while index < len(blocks):
        pairs = 0
        while _is_teaser_pair(blocks, index + 2 * pairs, text):
            pairs += 1
        if pairs >= TEASER_PAIRS:
            for block in blocks[index : index + 2 * pairs]:
                block.kind, block.reason = BlockKind.BOILERPLATE, "list of headlines with teasers"
            index += 2 * pairs
        else:
            index += 1


def _is_teaser_pair(blocks: list[Block], index: int, text: str) -> bool:
    if index + 1 >= len(blocks):
        return False
    heading, teaser = blocks[index], blocks[index + 1]
    one_sentence = len(_SENTENCE_END.findall(text[teaser.start : teaser.end])) == 0
    return heading.kind == BlockKind.HEADING and teaser.kind == BlockKind.BODY and one_sentence


def _mark_trailing_headings(blocks: list[Block]) -> None:
    # Headings after the last body paragraph introduce nothing of this article.
    for block in reversed(blocks):
        if block.kind == BlockKind.BODY:
            break
        if block.kind == BlockKind.HEADING:
            block.kind, block.reason = BlockKind.BOILERPLATE, "headline after the article's end"


def _runs(blocks: list[Block], keep: Callable[[Block], bool]) -> Iterator[list[Block]]:
    run: list[Block] = []
    for block in blocks:
        if keep(block):
            run.append(block)
            continue
        if run:
            yield run
        run = []
    if run:
        yield run
