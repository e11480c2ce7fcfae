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
from ..text.injection import injection_reason
from ..text.normalize import MONTH_PATTERN, WEEKDAY_PATTERN

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
_MONTH = rf"{MONTH_PATTERN}\b\.?"
_WEEKDAY = rf"{WEEKDAY_PATTERN}\b"
# Lines about the page itself: they may date the article, but state nothing about the story.
_METADATA_LINES: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in [
        (
            "page metadata: updated or published",
            r"^(?:last\s+)?(?:updated|modified|edited|published|posted|first\s+published|originally\s+published)\b"
            rf"(?:\s+(?:on|at))?\s*:?\s*(?:\d|{_MONTH}|{_WEEKDAY}|yesterday\b|today\b|an?\s+(?:minute|hour|day)s?\s+ago)",
        ),
        (
            "page metadata: reading time",
            r"^(?:\d+\s*-?\s*min(?:ute)?s?\.?\s+read\b|(?:estimated\s+)?read(?:ing)?\s+time\b)",
        ),
        (
            "page metadata: a date alone",
            rf"^(?:{_WEEKDAY},?\s+)?"
            rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}|\d{{4}}-\d\d-\d\d)(?:,?\s+\d{{4}})?"
            r"(?:[,\s|\u00b7-]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)?\s*$",
        ),
    ]
]  # fmt: skip
_PAGE_SUBJECT = r"(?:this|the)\s+(?:information|article|page|post|content|piece|blog\s+post|web\s*page)"
# "The information was last updated on 14 March 2025": a sentence about the page, even inside a paragraph.
_PAGE_SENTENCE = re.compile(
    rf"^{_PAGE_SUBJECT}\s+(?:was|has\s+been|is)\s+(?:last\s+(?:updated|modified|edited|reviewed)"
    rf"|(?:first\s+|originally\s+)?(?:published|posted|updated)\s+(?:on|at)\s+(?:\d|{_MONTH}))"
    r"|^this\s+(?:article|story|post|piece)\s+(?:was|is)\s+(?:first\s+|originally\s+)?(?:published|posted)\b",
    re.IGNORECASE,
)
# Labelled boxes addressed to the reader. "Why it matters" or "In brief" boxes restate the news and stay.
_BOX = re.compile(
    r"^(?:#{1,6}\s*)?[*_]*(?P<label>pro\s+tips?|quick\s+tips?|top\s+tips?|tips?|expert\s+(?:insights?|tips?|take|view)"
    r"|editor['\u2019]?s?\s+note|note\s+to\s+readers|key\s+takeaways?|takeaways|did\s+you\s+know"
    r"|faqs?|frequently\s+asked\s+questions(?:\s+\(faqs?\))?|people\s+also\s+ask|disclaimer)[*_]*"
    r"\s*(?P<rest>[:?\-\u2013\u2014].*|)$",
    re.IGNORECASE,
)
_FAQ = re.compile(r"^(?:faqs?|frequently asked|people also ask)", re.IGNORECASE)
_TAKEAWAYS = re.compile(r"^(?:key\s+)?takeaways?", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*\u2022\u2013\u25aa]|\d{1,2}[.)])\s+\S")
_ADVICE = re.compile(
    r"^(?:you\s+(?:should|must|need\s+to|may\s+want\s+to|might\s+want\s+to|will\s+want\s+to|ought\s+to)"
    r"|you['\u2019]ll\s+(?:want|need)\s+to|make\s+sure|be\s+sure\s+to|remember\s+to|keep\s+in\s+mind"
    r"|(?:don['\u2019]t|do\s+not)\s+forget"
    r"|if\s+you(?:['\u2019]re|\s+are|\s+want|\s+plan|\s+need|\s+have|\s+own|\s+live)\b)",
    re.IGNORECASE,
)
QUESTION_MAX_WORDS = 30  # a one-sentence question line this short stands as a headline, not as a statement
METADATA_MAX_WORDS = 25  # a line about the page is short; a longer one is a paragraph that mentions a date
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
    injection = injection_reason(line)
    if injection:
        return BlockKind.QUARANTINED, injection
    if len(tokens) <= 30:  # a site's prompt is short; a paragraph mentioning a newsletter is news
        for name, pattern in _SITE_PROMPTS:
            if pattern.search(line):
                return BlockKind.BOILERPLATE, name
    hashtags = _HASHTAG.findall(line)
    if len(hashtags) >= 2 and (line.startswith("#") or len(hashtags) * 2 >= len(tokens)):
        return BlockKind.BOILERPLATE, "hashtags"
    if _BYLINE.match(line) and len(tokens) <= 10:
        return BlockKind.BOILERPLATE, "byline"
    metadata = _metadata_reason(line, tokens)
    if metadata:
        return BlockKind.METADATA, metadata
    box = _BOX.match(line)
    if box:
        return BlockKind.ASIDE, f"reader box: {' '.join(box['label'].split())}"
    if _ADVICE.match(line):
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
    if _PAGE_SENTENCE.match(sentence.strip()):
        return BlockKind.METADATA, "page metadata: a sentence about the page"
    return None


def _metadata_reason(line: str, tokens: list[str]) -> str | None:
    if len(tokens) > METADATA_MAX_WORDS:
        return None
    stripped = line.lstrip("#*_ ").strip()
    reason = next((name for name, pattern in _METADATA_LINES if pattern.match(stripped)), None)
    if reason is None and len(_SENTENCE_END.findall(line)) == 0 and _PAGE_SENTENCE.match(stripped):
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
        header = _BOX.match(text[blocks[index].start : blocks[index].end])
        index += 1
        if header is None or header["rest"].strip(" :?-\u2013\u2014"):
            continue
        label = " ".join(header["label"].split())
        if _FAQ.match(label):
            index = _mark_faq(blocks, text, index, label)
        elif _TAKEAWAYS.match(label):
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
    while index < len(blocks) and _BULLET.match(text[blocks[index].start : blocks[index].end]):
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
