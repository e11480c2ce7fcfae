"""A sentence's parse as the clause splitter reads it: restricted to a stretch, with the small parser's predictable
mistakes mended. Pure.

spaCy's small English model makes a few attachment mistakes often enough to split sentences into nonsense: it
roots a sentence inside the quotation it ends with, hangs a closing quotation mark on the main verb, hangs the
clause after a parenthetical "the officials said" on "said", and hangs the last items of a list on the verb. The
mends here undo those, each on syntax alone (never on the words of a sentence), so that clauses.py can trust a
subtree to be a phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property

from ..text.lexicon import CONDITIONAL_MARKS
from ..text.syntax import ParsedSentence

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
AUXILIARIES = frozenset({"aux", "auxpass", "neg"})
WH_WORDS = frozenset({"WDT", "WP", "WP$", "WRB"})  # "which", "who", "whose", "how": they belong to their clause
VERBS = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
SEPARATORS = frozenset({",", ";", ":", "-", "\u2013", "\u2014"})
FINAL = frozenset({".", "!", "?"})
OPENING_QUOTES = frozenset({"\u201c", "\u00ab"})
CLOSING_QUOTES = frozenset({"\u201d", "\u00bb"})


class ClauseTree:
    """The parse of a stretch of a sentence, its heads mended where the small parser is predictably wrong.

    Attributes:
        scope: the stretch's token indices; a token whose head lies outside it is a root.
        quotes: the tokens of each quotation, marks included.
        head, dep: each token's head and label, as mended.
    """

    def __init__(self, sentence: ParsedSentence, indices: list[int]) -> None:
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.scope = frozenset(indices)
        self.quotes = quotations(sentence, indices)
        self.head = {i: sentence.tokens[i].head if sentence.tokens[i].head in self.scope else i for i in indices}
        self.dep = {i: sentence.tokens[i].dep if self.head[i] != i else "ROOT" for i in indices}
        self._mend()
        self.children: dict[int, list[int]] = {i: [] for i in indices}
        for i in indices:
            if self.head[i] != i:
                self.children[self.head[i]].append(i)

    @cached_property
    def root(self) -> int:
        """The stretch's one root (others are hung on it)."""
        roots = [i for i in sorted(self.scope) if self.head[i] == i]
        return roots[0]

    def subtree(self, index: int) -> frozenset[int]:
        """The token and everything below it."""
        found, stack = {index}, [index]
        while stack:
            for child in self.children[stack.pop()]:
                found.add(child)
                stack.append(child)
        return frozenset(found)

    def ancestors(self, index: int) -> Iterator[int]:
        """A token's head, its head's head, ... up to the root."""
        while self.head[index] != index:
            index = self.head[index]
            yield index

    def depth(self, index: int) -> int:
        """How many heads up to the root."""
        return sum(1 for _ in self.ancestors(index))

    def kids(self, index: int, deps: Iterable[str]) -> list[int]:
        """The token's dependents with one of these labels."""
        wanted = set(deps)
        return [c for c in self.children[index] if self.dep[c] in wanted]

    def text(self, index: int) -> str:
        """The token as written."""
        return self.tokens[index].text

    def is_punct(self, index: int) -> bool:
        """A punctuation mark."""
        return self.tokens[index].pos == "PUNCT" or self.dep[index] == "punct"

    def _mend(self) -> None:
        """The small parser's habits that would make parts of nonsense, undone (see the module's docstring)."""
        self._quote_outward()
        self._one_root()
        self._mend_attachments()
        if self._has_cycle():  # a parse the mends could not keep a tree: leave the sentence whole
            raise TangledParse

    def _mend_attachments(self) -> None:
        """Conjuncts and participles the parser hung on the wrong word."""
        for verb in sorted(self.scope):
            # "X refused the plan, the officials said, but offered Y": the parser hangs "offered" (and its "but")
            # on "said"; it continues the reported clause.
            reported = [c for c, h in self.head.items() if h == verb and c < verb and self.dep[c] == "ccomp"]
            conjuncts = [c for c, h in self.head.items() if h == verb and c > verb and self.dep[c] == "conj"]
            if reported and conjuncts:
                for c, h in list(self.head.items()):
                    if h == verb and (c in conjuncts or (self.dep[c] == "cc" and verb < c < min(conjuncts))):
                        self.head[c] = reported[0]
            self._parallel(verb)
            self._raise_item(verb)
            self._open_condition(verb)
            self._same_mark(verb)
            self._out_of_aside(verb)
            # "X walked out on Monday; their union wants Y": a semicolon joins two sentences, where the parser
            # reads the first as what the second's verb says.
            if self.dep[verb] == "ccomp" and self.head[verb] > verb:
                between = range(max(self._subtree_now(verb)) + 1, self.head[verb])
                if any(self.tokens[i].text == ";" and self.head[i] == self.head[verb] for i in between):
                    self.dep[verb] = "parataxis"
            # "X said the bridge had closed, citing Y": a participle after a comma is said of the sentence's
            # subject, not of the reported clause the parser hangs it on.
            above = self.head[verb]
            participle = self.dep[verb] == "advcl" and self.tokens[verb].tag == "VBG"
            if participle and self.dep[above] == "ccomp" and above < verb and self.head[above] < verb:
                self.head[verb] = self.head[above]

    def _quote_outward(self) -> None:
        """A sentence the parser rooted inside a quotation ("X confirmed it, stating: “... was ...”") is rooted
        outside it again, the quotation hung on the verb that introduces it; a quotation's marks and the comma
        inside it hang on its words (the parser hangs a closing mark on the sentence's verb)."""
        for block in self.quotes:
            outside = [i for i in sorted(self.scope - block) if self.head[i] in block]
            if not outside or not any(self.head[i] == i for i in block):
                self._marks_inward(block)
                self._to_speaker(block)
                continue
            new_root = max(outside, key=lambda i: len(self._subtree_now(i)))
            self.head[new_root], self.dep[new_root] = new_root, "ROOT"
            before = [i for i in sorted(self.scope - block) if i < min(block) and self.tokens[i].pos in VERBS]
            anchor = before[-1] if before else new_root
            for i in outside:
                if i != new_root:
                    self.head[i] = anchor
            for i in block:
                if self.head[i] not in block or self.head[i] == i:
                    self.head[i], self.dep[i] = anchor, "ccomp"
            if self._has_cycle():  # a parse too tangled to mend: leave it as it was
                raise TangledParse

    def _parallel(self, conj: int) -> None:
        """Coordinated verbs share a form, coordinated nouns a role: "he would sign if the club paid its debts and
        kept X" coordinates "kept" with "paid", not with "sign"; "asked for X, as well as Y" coordinates Y with X,
        not with "asked". The parser hangs such a conjunct too high; it is hung on the nearest word before it
        that matches."""
        head, tokens = self.head[conj], self.tokens
        if self.dep[conj] != "conj" or head == conj or head > conj:
            return
        if tokens[conj].pos in VERBS and tokens[head].pos in VERBS and tokens[conj].tag != tokens[head].tag:
            match = [v for v in range(head + 1, conj) if v in self.scope and tokens[v].tag == tokens[conj].tag
                     and tokens[v].pos in VERBS and self._below(v, head)]  # fmt: skip
        elif tokens[conj].pos in NOUNS and tokens[head].pos in VERBS:
            match = [n for n in range(head + 1, conj) if n in self.scope and tokens[n].pos in NOUNS
                     and self.dep[n] in ("dobj", "pobj", "attr") and self._below(n, head)]  # fmt: skip
        else:
            return
        if match:
            chosen = min(match, key=lambda i: (self._depth_now(i), -i))  # the verb's own argument, else the nearest
            for c, h in list(self.head.items()):
                if h == head and chosen < c < conj and self.dep[c] in ("cc", "preconj"):
                    self.head[c] = chosen
            self.head[conj] = chosen

    def _open_condition(self, word: int) -> None:
        """ "willing to step down provided he kept his pension": the parser reads "provided" as a word of its own
        and hangs the clause that follows it on the sentence's verb; that clause is what the conjunction opens."""
        if self.text(word).lower() not in CONDITIONAL_MARKS or any(
            h == word for i, h in self.head.items() if i != word
        ):
            return
        subjects = [s for s in self.scope if self.dep[s] in SUBJECTS and min(self._subtree_now(s)) == word + 1]
        clause = self.head[subjects[0]] if subjects else word
        if clause > word and self.tokens[clause].pos in VERBS and word not in self._subtree_now(clause):
            self.head[clause], self.dep[clause] = word, "ccomp"

    def _out_of_aside(self, verb: int) -> None:
        """ "If the talks fail, the union said, the strike will spread": the parser hangs the clause before a
        parenthetical attribution on its verb; it belongs to the sentence's verb, the aside says who says so."""
        head = self.head[verb]
        if self.dep[verb] != "parataxis" or head <= verb:
            return
        subjects = [c for c, h in self.head.items() if h == verb and self.dep[c] in SUBJECTS]
        opening = min(self._subtree_now(subjects[0])) - 1 if len(subjects) == 1 else -1
        if opening not in self.scope or self.text(opening) not in SEPARATORS:
            return
        for c, h in list(self.head.items()):
            if h == verb and c < opening and not self.is_punct(c):
                self.head[c] = head

    def _same_mark(self, conj: int) -> None:
        """ "said that she would sign if the club paid and that she would stay": a clause opened by "that" is
        coordinated with the clause above opened by "that", not with the "if" clause the parser hangs it on."""
        head = self.head[conj]
        if self.dep[conj] != "conj" or head == conj or self.tokens[conj].pos not in VERBS:
            return
        marks = self._marks(conj)
        if not marks or marks & self._marks(head):
            return
        for above in self._chain(head)[1:]:
            if self.tokens[above].pos in VERBS and marks & self._marks(above):
                for c, h in list(self.head.items()):
                    if h == head and head < c < conj and self.dep[c] in ("cc", "preconj"):
                        self.head[c] = above
                self.head[conj] = above
                return

    def _marks(self, verb: int) -> set[str]:
        return {self.text(m).lower() for m, h in self.head.items() if h == verb and self.dep[m] == "mark"}

    def _raise_item(self, conj: int) -> None:
        """ "a deal with a buyer and a lease of the terminal": an item with a phrase of its own ("of the
        terminal") coordinated with a bare object of a preposition ("a buyer") is an item of the list one level
        up ("a deal with ..."), where the parser seldom hangs it."""
        if self.dep[conj] != "conj" or self.tokens[conj].pos not in NOUNS:
            return
        head = self.head[conj]
        preposition = self.head[head]
        noun = self.head[preposition]
        if self.dep[head] != "pobj" or self.dep[preposition] != "prep" or self.tokens[noun].pos not in NOUNS:
            return
        has_phrase = {h for i, h in self.head.items() if self.dep[i] == "prep" and i != h}
        if conj in has_phrase and head not in has_phrase:
            for c, h in list(self.head.items()):
                if h == head and head < c < conj and self.dep[c] in ("cc", "preconj", "punct"):
                    self.head[c] = noun
            self.head[conj] = noun

    def _chain(self, index: int) -> list[int]:
        """The token and its heads up to a root, as the mends have left them (cut short at a cycle)."""
        chain = [index]
        while self.head[chain[-1]] != chain[-1] and len(chain) <= len(self.scope):
            chain.append(self.head[chain[-1]])
        return chain

    def _depth_now(self, index: int) -> int:
        return len(self._chain(index)) - 1

    def _below(self, index: int, top: int, avoiding: frozenset[int] = frozenset()) -> bool:
        chain = self._chain(index)
        return top in chain and not avoiding & set(chain[: chain.index(top)])

    def _marks_inward(self, block: frozenset[int]) -> None:
        words = [i for i in block if self.head[i] not in block and not self.is_punct(i)]
        if len(words) == 1:
            for i in block:
                if self.head[i] not in block and self.is_punct(i):
                    self.head[i] = words[0]

    def _to_speaker(self, block: frozenset[int]) -> None:
        """A quotation right after a verb that has no object of its own ("..., stating to reporters, “...”") is
        what that verb says; the parser hangs it on the sentence's main verb."""
        tops = [i for i in block if self.head[i] not in block]
        opening = min(block)
        if not tops or len({self.head[i] for i in tops}) != 1 or self.head[tops[0]] > opening:
            return
        main = self.head[tops[0]]
        speakers = [
            u
            for u in range(main + 1, opening)
            if u in self.scope and self.tokens[u].pos in VERBS and self._below(u, main, avoiding=block)
            and max(self._subtree_now(u)) >= opening - 2
            and not any(self.head[c] == u and self.dep[c] in ("ccomp", "dobj", "xcomp") for c in self.scope)
        ]  # fmt: skip
        if speakers:
            for i in tops + [opening - 1] * (self.tokens[opening - 1].text in SEPARATORS):
                self.head[i] = speakers[-1]

    def _one_root(self) -> None:
        roots = [i for i in sorted(self.scope) if self.head[i] == i]
        main = max(roots, key=lambda i: len(self._subtree_now(i)))
        for other in roots:
            if other != main:
                self.head[other], self.dep[other] = main, "parataxis"

    def _subtree_now(self, index: int) -> set[int]:
        found, frontier = {index}, [index]
        while frontier:
            current = frontier.pop()
            for i, h in self.head.items():
                if h == current and i != current and i not in found:
                    found.add(i)
                    frontier.append(i)
        return found

    def _has_cycle(self) -> bool:
        for start in self.scope:
            seen, index = {start}, start
            while self.head[index] != index:
                index = self.head[index]
                if index in seen:
                    return True
                seen.add(index)
        return False


class TangledParse(Exception):
    """A parse whose quotation could not be mended into a tree."""


def quotations(sentence: ParsedSentence, indices: list[int]) -> list[frozenset[int]]:
    """The tokens of each quotation (marks included); an unclosed one runs to the end."""
    blocks: list[frozenset[int]] = []
    opened: int | None = None
    for i in indices:
        mark = sentence.tokens[i].text
        if opened is None and (mark in OPENING_QUOTES or mark == '"'):
            opened = i
        elif opened is not None and (mark in CLOSING_QUOTES or mark == '"'):
            blocks.append(frozenset(j for j in indices if opened <= j <= i))
            opened = None
    if opened is not None:
        blocks.append(frozenset(j for j in indices if j >= opened))
    return blocks
