"""Where each part of a split sentence stands in it, and how its reading reads. Pure.

A part's SPAN is a contiguous run of its own words (the quote it is grounded to); its READING is its tokens in
order, less the commas and conjunctions that the cuts left dangling.
"""

from __future__ import annotations

from ..text.lexicon import PLAIN_SAYING
from ..text.syntax import ParsedSentence
from .clausetree import CLOSING_QUOTES, FINAL, OPENING_QUOTES, SEPARATORS, ClauseTree


def spans(
    tree: ClauseTree, heads: list[int], readings: list[frozenset[int]], whole: list[bool]
) -> list[tuple[int, int]] | None:
    """Each part's run of words [first, last) as token indices, or None when some part has no words of its own.
    `readings` are the words each part reads less those it borrows from another part's statement (a condition
    reads the clause it conditions): borrowed words are the other part's alone.

    A run grows from the part's head over its own words (those no other part reads, or all its words where
    `whole`, as an attribution's), words no part reads (a joint, a relative pronoun), commas, and shared words
    below its head or, leftward up to a comma, above it ("He sought" before a list's first item, a shared subject).
    The outermost part runs first; no run covers another part's words or another run."""
    count: dict[int, int] = {}
    for reading in readings:
        for i in reading:
            count[i] = count.get(i, 0) + 1
    owner = {i: n for n, reading in enumerate(readings) for i in reading if whole[n] or count[i] == 1}
    ordered = sorted(tree.scope)
    claimed: set[int] = set()
    found: dict[int, tuple[int, int]] = {}
    for number in sorted(range(len(heads)), key=lambda n: (tree.depth(heads[n]), heads[n])):
        below = tree.subtree(heads[number])

        def allowed(i: int, above: bool, number: int = number, below: frozenset[int] = below) -> bool:
            if i in claimed:
                return False
            mine = owner.get(i, number) == number
            if i not in count or (tree.is_punct(i) and (mine or tree.text(i) in SEPARATORS | FINAL)):
                return True
            return mine and (i in owner or (i in readings[number] and (i in below or above)))

        own = [p for p, i in enumerate(ordered) if owner.get(i) == number and i not in claimed]
        if not own:
            return None
        anchor = heads[number]
        # "X have voted to join the strike [that ...], the union said": the run starts at what was said, so that a
        # part cut into it leaves the quote the words said, not the attribution after the cut.
        said = [c for c in tree.kids(anchor, ["ccomp"]) if owner.get(c) == number]
        if said and tree.tokens[anchor].lemma in PLAIN_SAYING:
            anchor = said[0]
        at = ordered.index(anchor)
        # A head other parts read too (a list's verb): the run starts at the part's highest word of its own.
        first = (
            at if owner.get(anchor) == number else min(own, key=lambda p: (tree.depth(ordered[p]), abs(p - at)))
        )
        last, above = first, True
        while first > 0 and allowed(ordered[first - 1], above):
            first -= 1
            above = above and not tree.is_punct(ordered[first])
        while last + 1 < len(ordered) and allowed(ordered[last + 1], False):
            last += 1
        while first <= last and _loose(tree, ordered[first], count, leading=True):
            first += 1
        while last >= first and _loose(tree, ordered[last], count, leading=False):
            last -= 1
        if first > last:
            return None
        claimed.update(ordered[first : last + 1])
        found[number] = (ordered[first], ordered[last] + 1)
    return [found[n] for n in range(len(heads))]


def _loose(tree: ClauseTree, index: int, count: dict[int, int], leading: bool) -> bool:
    """A word a quote should not open or close on: a joint, a comma, a relative pronoun no reading keeps."""
    text = tree.text(index)
    if text == '"' or text in (OPENING_QUOTES if leading else CLOSING_QUOTES):
        return False
    if not leading and text in FINAL:
        return False
    return index not in count or tree.is_punct(index) or tree.dep[index] in ("cc", "preconj")


def tidy(tree: ClauseTree, reading: frozenset[int]) -> tuple[int, ...]:
    """The reading without what its cuts left dangling: a comma or "and" at either end or before another comma or
    the full stop, both commas round a stretch that was cut out ("The vote[, which ...,] failed"), and a comma that
    opened a cut stretch ("He sought X[, Y]."). A comma after a cut opens what follows and stays ("..., according
    to X"), as do two commas round a kept stretch ("X, the sources said, offered")."""
    tokens = sorted(reading)
    while True:
        drop = _dangling(tree, tokens)
        if not drop:
            return tuple(tokens)
        tokens = [t for t in tokens if t not in drop]


def _dangling(tree: ClauseTree, tokens: list[int]) -> set[int]:
    for p, index in enumerate(tokens):
        separator = tree.text(index) in SEPARATORS
        if not separator and tree.dep[index] not in ("cc", "preconj"):
            continue
        following = tokens[p + 1] if p + 1 < len(tokens) else None
        if separator and following is not None and following != index + 1 and tree.text(following) in SEPARATORS:
            # two commas round what was cut: both go when they hung on one word (", which ...,"), else the first
            return {index, following} if tree.head[index] == tree.head[following] else {index}
        if p == 0 or following is None or tree.text(following) in SEPARATORS | FINAL:
            return {index}
        if not separator:
            continue
        if following != index + 1 and not any(_pair(tree, tokens, p, q) for q in range(p)):
            return {index}
        if tokens[p - 1] != index - 1 and _between_subject_and_verb(tree, tokens[p - 1], following):
            return {index}  # "The vote[, which ...], failed": the comma that closed the cut goes with it
    return set()


def _between_subject_and_verb(tree: ClauseTree, before: int, after: int) -> bool:
    """The word before ends the subject of the word after: no comma stands between them."""
    for node in (before, *tree.ancestors(before)):
        if tree.dep[node] in _SUBJECT_DEPS and tree.head[node] == after:
            return True
        if node == after:
            return False
    return False


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


def _pair(tree: ClauseTree, tokens: list[int], p: int, q: int) -> bool:
    """A separator at q that, with the one at p, encloses a stretch kept whole after a cut ("X, the sources said,
    offered")."""
    if tree.text(tokens[q]) not in SEPARATORS or tokens[q - 1] == tokens[q] - 1:
        return False
    between = tokens[q + 1 : p]
    return bool(between) and between == list(range(tokens[q] + 1, tokens[p]))


def reading_text(text: str, sentence: ParsedSentence, reading: tuple[int, ...]) -> str:
    """A reading's words as the article writes them, each after the space that stood before it."""
    tokens = sentence.tokens
    pieces = []
    for position, index in enumerate(reading):
        token = tokens[index]
        if position:
            space = text[tokens[index - 1].end : token.start] if index > 0 else " "
            pieces.append(" " if space.strip() == "" and space else "")
        pieces.append(token.text)
    return "".join(pieces)
