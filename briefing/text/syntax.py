"""A sentence's dependency parse as plain data, and the questions the stages ask of it. Pure.

The parse itself comes from parse.py (spaCy's English pipeline, loaded once a build); everything here reads the
tokens it produced: which token heads a stretch of text, a token's children and subtree, the predicate that
governs a phrase. Offsets are the article's, so a fact's span [start, end) selects its tokens directly.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Token:
    """One token of a parsed sentence.

    Attributes:
        start, end: its characters in the article's text.
        text: the token as written.
        lemma: its dictionary form, lower case ("refused" -> "refuse").
        pos: universal part of speech (VERB, AUX, NOUN, PROPN, PRON, ADJ, ...).
        tag: the fine-grained Penn tag (VBD, MD, NNP, ...).
        dep: its dependency label (nsubj, dobj, conj, neg, aux, relcl, ccomp, ...).
        head: the index of its head in the sentence's tokens (itself for a root).
        entity: the named-entity type it is part of (PERSON, GPE, ORG, NORP, DATE, ...), or "".
    """

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    entity: str = ""


@dataclass(frozen=True)
class ParsedSentence:
    """The tokens of one numbered sentence, with their dependency tree."""

    tokens: tuple[Token, ...]
    _children: tuple[tuple[int, ...], ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        children: list[list[int]] = [[] for _ in self.tokens]
        for index, token in enumerate(self.tokens):
            if token.head != index:
                children[token.head].append(index)
        object.__setattr__(self, "_children", tuple(tuple(c) for c in children))

    def children(self, index: int) -> tuple[int, ...]:
        """The indices of a token's dependents, in text order."""
        return self._children[index]

    def subtree(self, index: int) -> list[int]:
        """The token and everything below it, in text order."""
        found, stack = [], [index]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(self._children[node])
        return sorted(found)

    def roots(self) -> list[int]:
        """Tokens that are their own head (a parse of one sentence may have several)."""
        return [i for i, t in enumerate(self.tokens) if t.head == i]

    def ancestors(self, index: int) -> Iterator[int]:
        """A token's head, its head's head, ... up to a root."""
        while self.tokens[index].head != index:
            index = self.tokens[index].head
            yield index

    def within(self, start: int, end: int) -> list[int]:
        """The tokens whose characters lie inside [start, end)."""
        return [i for i, t in enumerate(self.tokens) if t.start >= start and t.end <= end]

    def top(self, indices: list[int]) -> list[int]:
        """Of the given tokens, those whose head is not among them: the heads of the stretch they make."""
        chosen = set(indices)
        return [i for i in indices if self.tokens[i].head == i or self.tokens[i].head not in chosen]


# Parses of a build's sentences, by (article ID, sentence ID).
Parses = Mapping[tuple[str, str], ParsedSentence]
