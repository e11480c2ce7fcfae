"""Split raw article text into blocks and say which are body text, headings or web boilerplate.

Rules are generic web-page conventions, not tuned to one site: site prompts (bookmarks, newsletters,
cookies, sharing), bylines, hashtag lines, text cut off mid-sentence (teasers), and runs of headlines; lines
about the page itself (updated, published, reading time); boxes addressed to the reader (tips, expert boxes,
FAQ, advice); questions standing as headlines; and text addressed to a model, which is quarantined whole.
Only body blocks are ever numbered, so nothing else can reach a model or be cited as evidence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

from ..models import Block, BlockKind
from ..text.furniture import ADVICE, BOX, BULLET, BYLINE, FAQ, METADATA_LINES, PAGE_SENTENCE, SITE_PROMPTS, TAKEAWAYS
from ..text.injection import injection_reason

QUESTION_MAX_WORDS = 30  # a one-sentence question line this short stands as a headline, not as a statement
METADATA_MAX_WORDS = 25  # a line about the page is short; a longer one is a paragraph that mentions a date
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
    injection = injection_reason(line)
    if injection:
        return BlockKind.QUARANTINED, injection
    if len(tokens) <= 30:  # a site's prompt is short; a paragraph mentioning a newsletter is news
        for name, pattern in SITE_PROMPTS:
            if pattern.search(line):
                return BlockKind.BOILERPLATE, name
    hashtags = _HASHTAG.findall(line)
    if len(hashtags) >= 2 and (line.startswith("#") or len(hashtags) * 2 >= len(tokens)):
        return BlockKind.BOILERPLATE, "hashtags"
    if BYLINE.match(line) and len(tokens) <= 10:
        return BlockKind.BOILERPLATE, "byline"
    metadata = _metadata_reason(line, tokens)
    if metadata:
        return BlockKind.METADATA, metadata
    box = BOX.match(line)
    if box:
        return BlockKind.ASIDE, f"reader box: {' '.join(box['label'].split())}"
    if ADVICE.match(line):
        return BlockKind.ASIDE, "advice to the reader"
    if _is_question(line, tokens):
        return BlockKind.HEADING, "a question, not a statement"
    if _MD_HEADING.match(line):
        return BlockKind.HEADING, None
    if _TERMINAL.search(line):
        return BlockKind.BODY, None
    if len(tokens) <= HEADLINE_MAX_WORDS:
        return BlockKind.HEADING, None
    return BlockKind.BOILERPLATE, "text cut off mid-sentence (teaser)"


def sentence_reason(sentence: str) -> tuple[BlockKind, str] | None:
    """A sentence inside a body paragraph that is no statement about the story: one about the page itself
    ("The information was last updated on ..."). The caller sets it apart as a block of its own."""
    if PAGE_SENTENCE.match(sentence.strip()):
        return BlockKind.METADATA, "page metadata: a sentence about the page"
    return None


def _metadata_reason(line: str, tokens: list[str]) -> str | None:
    if len(tokens) > METADATA_MAX_WORDS:
        return None
    stripped = line.lstrip("#*_ ").strip()
    reason = next((name for name, pattern in METADATA_LINES if pattern.match(stripped)), None)
    if reason is None and len(_SENTENCE_END.findall(line)) == 0 and PAGE_SENTENCE.match(stripped):
        reason = "page metadata: a sentence about the page"
    return reason


def _is_question(line: str, tokens: list[str]) -> bool:
    # One sentence ending in "?" in the writer's own voice (a quoted question ends with its quote mark).
    text = line.lstrip("#").strip()
    return text.endswith("?") and len(tokens) <= QUESTION_MAX_WORDS and len(_SENTENCE_END.findall(text)) == 0


def classify(text: str) -> list[Block]:
    """Blocks of the text, each classified, with context rules for reader boxes, headline lists and teasers."""
    blocks = []
    for start, end in split_blocks(text):
        kind, reason = classify_line(text[start:end])
        blocks.append(Block(start=start, end=end, kind=kind, reason=reason))
    _mark_boxes(blocks, text)
    _mark_teaser_headlines(blocks)
    _mark_runs(blocks, text)
    _mark_trailing_headings(blocks)
    return blocks


def _mark_boxes(blocks: list[Block], text: str) -> None:
    """A box label standing alone ("FAQ", "Key takeaways", "Pro Tip") heads what follows it: an FAQ's question
    lines and their answers, a list of takeaways, or the one paragraph of a tip."""
    index = 0
    while index < len(blocks):
        header = BOX.match(text[blocks[index].start : blocks[index].end])
        index += 1
        if header is None or header["rest"].strip(" :?-\u2013\u2014"):
            continue
        label = " ".join(header["label"].split())
        if FAQ.match(label):
            index = _mark_faq(blocks, text, index, label)
        elif TAKEAWAYS.match(label):
            index = _mark_list(blocks, text, index, f"reader box: {label}")
        elif index < len(blocks) and blocks[index].kind == BlockKind.BODY:
            _set(blocks[index], BlockKind.ASIDE, f"reader box: {label}")
            index += 1


def _mark_faq(blocks: list[Block], text: str, index: int, label: str) -> int:
    """Question and answer pairs after an FAQ label, while the next block is a question."""
    while index < len(blocks) and _ends_in_question(blocks[index], text):
        _set(blocks[index], BlockKind.ASIDE, f"reader box: {label} question")
        index += 1
        answer = blocks[index] if index < len(blocks) else None
        if answer and answer.kind in (BlockKind.BODY, BlockKind.ASIDE) and not _ends_in_question(answer, text):
            _set(answer, BlockKind.ASIDE, f"reader box: {label} answer")
            index += 1
    return index


def _ends_in_question(block: Block, text: str) -> bool:
    return text[block.start : block.end].rstrip(" *_").endswith("?")


def _mark_list(blocks: list[Block], text: str, index: int, reason: str) -> int:
    """The bullet items after a label; without bullets, the one paragraph after it."""
    start = index
    while index < len(blocks) and BULLET.match(text[blocks[index].start : blocks[index].end]):
        _set(blocks[index], BlockKind.ASIDE, reason)
        index += 1
    if index == start and index < len(blocks) and blocks[index].kind == BlockKind.BODY:
        _set(blocks[index], BlockKind.ASIDE, reason)
        index += 1
    return index


def _set(block: Block, kind: BlockKind, reason: str) -> None:
    # Quarantine outranks every other verdict: a model-addressed block stays set apart whatever box it sits in.
    if block.kind != BlockKind.QUARANTINED:
        block.kind, block.reason = kind, reason


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
