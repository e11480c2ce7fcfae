"""Which words of a parsed sentence state which fact: its atomic parts, read from the dependency parse. Pure.

A sentence often packs several facts: a list of demands, two coordinated clauses, a relative clause that carries a
date, an adverbial clause with a subject of its own, a lead that says who did what according to whom. Each part
found here has a READING (the sentence's own words, in order, that state the part in context: the sentence less
the words of the other parts, e.g. "Ruiz demanded the reinstatement of two stewards") and a SPAN (a contiguous
run of words that belong to it, for the quote). Labels are spaCy's English ones (ClearNLP style).

A part is cut out of the sentence in one of two ways, applied recursively:
- detached: a clause hanging off a word (relative, adverbial, participial, an "including" phrase). The rest of
  the sentence loses it; its own reading is the clause plus the words it needs to say something: a relative
  clause's antecedent, a participle's subject, an "including" phrase's noun, and any attribution above it.
  Two adjuncts are detached too (adjuncts.py): a condition someone is reported to set ("Ruiz said she would sign
  if the club dropped the fine": a term she asks for), read with the clause it conditions, which keeps its own
  part ("Ruiz said she would sign"); and a date in an event's subject ("a call ... on 4 May lasted an hour"),
  whose part is the subject with its date, the clause's part reading the subject without it.
- alternatives: a coordination (clauses, or list items in object position). Each item's reading keeps the frame
  around the list and drops the other items; coordinated clauses share the first one's subject.
Never split: coordinated subjects or names, an apposition that names someone, items too short to state anything,
anything inside quotation marks, the writer's own condition ("If prices rise, the club could sell": it asserts
nothing), a date said of someone ("Ruiz, on Monday, said": it dates what they did).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..text.lexicon import CONDITIONAL_MARKS
from ..text.normalize import content_words
from ..text.syntax import ParsedSentence
from .adjuncts import (
    condition_words,
    conditioned,
    conditioned_clause,
    conjunction,
    dated_event,
    dated_words,
    is_condition,
    reported_by,
    reports,
)
from .clausecues import (
    after_comma,
    carries_fact,
    hedged,
    is_example,
    presupposed_act,
    subject_of_clause,
    under_modal,
)
from .clausetree import AUXILIARIES, NOUNS, SUBJECTS, VERBS, WH_WORDS, ClauseTree, TangledParse
from .coordination import Items, clause_conjuncts, is_list_head, list_items
from .partspans import spans, tidy

OWN_MIN_WORDS = 3  # a part's own words, fewer than this state nothing alone ("a pardon", "step down")
OWN_MIN_CONTENT = 2  # ... and as many content words ("the offer" is one; "declined the offer" two)
READING_MIN_WORDS = 4  # what is left of the sentence for the main clause once a clause is cut out of it ...
READING_MIN_CONTENT = 3  # ... and its content words: "The call came", "This comes at a time" say nothing
CONDITIONED_MIN_CONTENT = 1  # the clause a condition is cut from still says what is done: "he would resign" does

COMPLEMENTS = frozenset({"dobj", "dative", "prep", "npadvmod", "attr"})
BARE_FORMS = frozenset({"VB", "VBN", "VBG"})  # a conjunct in one of these borrows the first one's auxiliaries


class PartKind(StrEnum):
    """How a part was cut out of its sentence."""

    MAIN = "main"  # the sentence, once the other parts are cut out
    CLAUSE = "clause"  # one of coordinated clauses: "... and presented a plan"
    ITEM = "item"  # one item of a list in object or complement position
    RELATIVE = "relative"  # ", which took place on 4 May,": a relative clause whose pronoun is its subject
    ADVERBIAL = "adverbial"  # "after the mayor closed the bridge": an adverbial clause with its own subject
    PARTICIPLE = "participle"  # ", citing safety rules": a second predicate of the subject
    EXAMPLE = "example"  # ", including a pay rise": an instance of the noun before it
    ATTRIBUTION = "attribution"  # "Four officials told the paper on Monday": who says it, naming or counting them
    CONDITION = "condition"  # "she would sign if the club dropped the fine": a term someone is reported to set
    DATED = "dated"  # "a call between the two leaders on 4 May": an event's subject with its date


@dataclass(frozen=True)
class Part:
    """One atomic part of a sentence, as token indices of its ParsedSentence.

    Attributes:
        head: the token that heads it (its verb, or its list item's noun).
        reading: the tokens of its reading in context, in order, tidied (no dangling commas or "and").
        span: [first, last) token indices of its own contiguous words, for its quote.
    """

    kind: PartKind
    head: int
    reading: tuple[int, ...]
    span: tuple[int, int]


def atomic_parts(sentence: ParsedSentence, start: int, end: int) -> list[Part]:
    """The parts of the sentence's stretch [start, end) (article offsets) that each state one fact; one part
    (the whole stretch) when it states one thing."""
    indices = sentence.within(start, end)
    whole = [Part(PartKind.MAIN, indices[0], tuple(indices), (indices[0], indices[-1] + 1))] if indices else []
    if len(indices) < 2 * OWN_MIN_WORDS:
        return whole
    try:
        tree = ClauseTree(sentence, indices)
    except TangledParse:
        return whole
    found: dict[frozenset[int], _Unit] = {}
    for unit in _Splitter(tree, verbal=tree.tokens[tree.root].pos in VERBS).split(
        _Unit(PartKind.MAIN, tree.root, tree.scope, frozenset())
    ):
        found.setdefault(unit.reading, unit)
    units = list(found.values())
    if len(units) < 2:
        return whole
    runs = spans(tree, [u.head for u in units], [u.scope | u.context for u in units], [u.attribution for u in units])
    if runs is None:
        return whole
    parts = [Part(u.kind, u.head, tidy(tree, u.reading), run) for u, run in zip(units, runs, strict=True)]
    return sorted(parts, key=lambda part: part.span)  # in the order the sentence says them


@dataclass(frozen=True)
class _Unit:
    """A stretch being split: the tokens it may cut (`scope`) and the words it keeps for context."""

    kind: PartKind
    head: int
    scope: frozenset[int]
    context: frozenset[int]
    attribution: bool = False  # a part that says who says it: its words are all its own
    # Words another part states that this one reads too, left to that part when words are given out for quotes: a
    # condition reads the clause it conditions, a clause reads its subject cut out with its date.
    borrowed: frozenset[int] = frozenset()
    lends: frozenset[int] = frozenset()  # words of its own the rest of the sentence reads (a dated subject)

    @property
    def reading(self) -> frozenset[int]:
        return self.scope | self.context | self.borrowed


class _Splitter:
    def __init__(self, tree: ClauseTree, verbal: bool) -> None:
        self.tree = tree
        # A parse with no verb at its root read the sentence as one noun phrase ("The new stadium, built by X,
        # opened in May"): only clauses with a subject of their own are trusted there.
        self.verbal = verbal

    def split(self, unit: _Unit) -> list[_Unit]:
        """The unit's parts: its detached clauses first, then its coordinations, each part split again."""
        tree = self.tree
        parts: list[_Unit] = []
        scope, borrowed = unit.scope, unit.borrowed
        for inner in self._detached(unit):
            scope = scope - inner.scope - {i for i in tree.subtree(inner.head) if i in scope}
            borrowed |= inner.lends
            parts.extend(self.split(inner))
        rest = _Unit(unit.kind, unit.head, scope, unit.context, borrowed=borrowed)
        attribution = self._attribution(rest)
        if attribution is not None:
            parts.append(attribution)
        variants = self._coordination(rest) if self.verbal else None
        if variants is None:
            return [rest, *parts]
        return [part for variant in variants for part in self.split(variant)] + parts

    # --- detached clauses ------------------------------------------------------------------------------------

    def _detached(self, unit: _Unit) -> list[_Unit]:
        """The clauses to cut out of the unit, outermost first (those inside them are cut when they are split)."""
        tree, found = self.tree, []
        cut: frozenset[int] = frozenset()
        lent: frozenset[int] = frozenset()
        stack = [c for c in reversed(tree.children[unit.head]) if c in unit.scope]
        while stack:
            index = stack.pop()
            inner = self._detachable(index, unit.scope - cut, unit.context)
            # what the unit keeps must still say something; a condition's test is of the clause it conditions
            if inner is not None and (
                inner.kind == PartKind.CONDITION
                or self._long_enough(unit.reading - cut - tree.subtree(index) - inner.scope | lent | inner.lends)
            ):
                found.append(inner)
                cut |= tree.subtree(index) | inner.scope
                lent |= inner.lends
                continue
            stack.extend(c for c in reversed(tree.children[index]) if c in unit.scope)
        return found

    def _detachable(self, index: int, scope: frozenset[int], around: frozenset[int]) -> _Unit | None:
        """The clause or phrase at `index` as a part of its own, or None; `around` is what the unit it is cut from
        reads around it (the attribution a clause cut out of a condition still reads)."""
        tree = self.tree
        if not self._whole(tree.subtree(index)):
            return None
        if is_condition(tree, index):
            return self._condition(index, scope, reported_by(tree, index, scope | around))
        dep, head = tree.dep[index], tree.head[index]
        own = tree.subtree(index) & scope
        link: set[int] = set()
        context: frozenset[int] = frozenset()
        lends: frozenset[int] = frozenset()
        if dep == "relcl":
            pronoun = [c for c in tree.kids(index, SUBJECTS) if tree.tokens[c].tag in ("WDT", "WP")]
            where = [c for c in tree.kids(index, ["advmod"]) if tree.tokens[c].tag == "WRB"]
            if pronoun and tree.tokens[head].pos in NOUNS and carries_fact(self.tree, index):
                kind, link = PartKind.RELATIVE, set(pronoun)
                context = frozenset(tree.subtree(head) & scope - tree.subtree(index))
            elif where and tree.kids(index, SUBJECTS):
                kind, link = PartKind.ADVERBIAL, set(where)
            else:
                return None
        elif dep in ("advcl", "parataxis") and tree.kids(index, SUBJECTS) and tree.tokens[index].tag != "VB":
            # not "for X to leave": an infinitive is what is asked or meant, not a fact of its own
            marks = tree.kids(index, ["mark"])
            first = min(own)
            if any(tree.text(m).lower() in CONDITIONAL_MARKS for m in marks) or tree.tokens[first].tag == "MD":
                return None  # "if X", "Should X be": the writer's condition asserts nothing (see _condition)
            if dep == "advcl" and under_modal(self.tree, head):
                return None  # "would stay out until the port improved its offer": it has not, and may never
            wh = [c for c in tree.kids(index, ["advmod"]) if tree.tokens[c].tag == "WRB" and c == first]
            kind = PartKind.ADVERBIAL if dep == "advcl" else PartKind.CLAUSE
            link = set(marks) | set(wh)
        elif not self.verbal:
            return None
        elif dep == "advcl" and tree.tokens[index].tag == "VBG" and index > head and after_comma(self.tree, index):
            if hedged(self.tree, head):
                return None  # "X might resign, leading to Y": the participle shares the hedge
            kind, context = PartKind.PARTICIPLE, subject_of_clause(self.tree, head, scope)
        elif dep == "prep" and (gerund := presupposed_act(self.tree, index)) is not None:
            if hedged(self.tree, head):
                return None  # "would return after settling the debt": not done yet
            # "stopped work after rejecting the offer": the subject rejected it, a second act of its own
            kind, link, context = PartKind.PARTICIPLE, {index}, subject_of_clause(self.tree, head, scope)
            own = tree.subtree(gerund) & scope
        elif dep == "acl" and tree.tokens[index].tag in ("VBN", "VBG") and tree.tokens[head].pos in NOUNS:
            if not after_comma(self.tree, index):
                return None  # "a case pending against him": it says which case
            # ", reportedly brokered by X,": a reduced relative clause, said of its noun
            kind, context = PartKind.RELATIVE, frozenset(tree.subtree(head) & scope - tree.subtree(index))
        elif dep in ("prep", "npadvmod") and (event := dated_event(tree, index)) is not None:
            # the subject with its date is the part ("The vote, on 4 May,"); the clause reads the subject without it
            own, kind = dated_words(tree, event, index, scope), PartKind.DATED
            lends = tree.subtree(event) & scope - tree.subtree(index)
        elif dep == "prep" and is_example(self.tree, index):
            items = [item for p in tree.kids(index, ["pobj"])[:1] for item in list_items(tree, p).items]
            if not items or not all(self._stands_alone(region) for region, _ in items):
                return None
            kind, context = PartKind.EXAMPLE, frozenset(tree.subtree(head) & scope - tree.subtree(index))
        else:
            return None
        own = frozenset(own - link)
        if not self._stands_alone(own):
            return None
        return _Unit(kind, index, own, context | reported_by(tree, index, scope | around), lends=lends)

    def _condition(self, index: int, scope: frozenset[int], frame: frozenset[int]) -> _Unit | None:
        """A condition in reported words ("Ruiz said she would sign if the club paid her wages"): a term someone
        sets, a part that reads with the clause it conditions. The writer's own condition asserts nothing: None."""
        tree, clause = self.tree, conditioned_clause(self.tree, index)
        if not frame or clause is None or tree.dep[clause] != "ccomp":
            return None  # not what someone said they would do: "The club will be sold if X, according to Y"
        own = condition_words(tree, index, clause, scope)
        words = conditioned(tree, index, clause, scope) - frame
        if not self._stands_alone(own - conjunction(tree, index)) or not self._states(words):
            return None
        return _Unit(PartKind.CONDITION, index, own, frame, borrowed=words)

    # --- attribution -----------------------------------------------------------------------------------------

    def _attribution(self, unit: _Unit) -> _Unit | None:
        """ "Four officials told the paper on Monday that X": the attribution is a part of its own when it names or
        counts its source and says more than "X said" (to whom, when). X's parts keep it in their readings."""
        tree, verb = self.tree, unit.head
        reported = [c for c in tree.kids(verb, ["ccomp"]) if c in unit.scope]
        if not reported or tree.tokens[verb].pos not in VERBS:
            return None
        words = frozenset(i for i in unit.scope - tree.subtree(reported[0]) if not tree.is_punct(i))
        source = [i for s in tree.kids(verb, SUBJECTS) for i in tree.subtree(s)]
        complements = [c for c in tree.kids(verb, COMPLEMENTS) if not reports(tree, c)]
        told = [i for c in complements for i in tree.subtree(c)]
        # A source is counted ("four officials") or an organisation ("the Gazette", "told the Gazette"); a person
        # who tells another something ("Ruiz told Lind that ...") is the story, not its source.
        names = any(tree.tokens[i].entity == "ORG" or tree.tokens[i].entity == "CARDINAL" for i in source) or any(
            tree.tokens[i].entity == "ORG" for i in told
        )
        if not names or not told or not self._stands_alone(words) or len(words) < READING_MIN_WORDS:
            return None
        return _Unit(PartKind.ATTRIBUTION, verb, words, frozenset(), attribution=True)

    # --- coordinations ---------------------------------------------------------------------------------------

    def _coordination(self, unit: _Unit) -> list[_Unit] | None:
        """The unit once per item of its outermost coordination of clauses or list items, or None."""
        tree = self.tree
        for index in sorted(unit.scope, key=lambda i: (tree.depth(i), i)):
            if index in unit.context or any(index in block for block in tree.quotes):
                continue
            items = clause_conjuncts(tree, index, unit.scope) if tree.tokens[index].pos in VERBS else None
            kind = PartKind.CLAUSE
            if items is None and tree.tokens[index].pos in NOUNS and is_list_head(tree, index):
                items, kind = list_items(tree, index, unit.scope), PartKind.ITEM
                if all(tree.tokens[h].pos == "PROPN" for _, h in items.items):
                    items = None  # names ("Ruiz, Lind and Okoro"): who, not what
            if items is None or len(items.items) < 2:
                continue
            variants = self._variants(unit, index, items, kind)
            if variants is not None:
                return variants
        return None

    def _variants(self, unit: _Unit, index: int, listed: Items, kind: PartKind) -> list[_Unit] | None:
        items, joints = listed.items, listed.joints
        everything = frozenset().union(*(region for region, _ in items))
        shared = self._shared(index, items, unit.scope) if kind == PartKind.CLAUSE else {}
        variants = []
        borrowed = frozenset().union(*shared.values())  # the first clause's words that others read too
        for region, head in items:
            lent = shared.get(head, frozenset())
            own = region - borrowed if head == index else region
            if not self._stands_alone(own) or not self._whole(region):
                return None
            scope = (unit.scope - everything - joints) | region | lent
            # coordinated conditions are each a condition ("if the club paid X and dropped Y"), and the items of an
            # example each an example ("including a ban on night shifts and a new crane")
            inherited = unit.kind if unit.kind in (PartKind.CONDITION, PartKind.EXAMPLE) else kind
            variants.append(_Unit(inherited, head, scope, unit.context, borrowed=unit.borrowed))
        return variants

    def _shared(
        self, first: int, items: list[tuple[frozenset[int], int]], scope: frozenset[int]
    ) -> dict[int, frozenset[int]]:
        """What the first of coordinated clauses lends each later one: its subject where the later has none, its
        auxiliaries where the later is a bare form ("will chair ... and appoint"), and the words before its subject
        or after the last clause, which frame them all ("On Monday, the board met and ...")."""
        tree = self.tree
        subjects = tree.kids(first, SUBJECTS)
        subject = frozenset(i for s in subjects for i in tree.subtree(s))
        auxiliaries = frozenset(i for a in tree.kids(first, AUXILIARIES) for i in tree.subtree(a))
        opening = min(subject) if subject else first
        last = max(max(region) for region, head in items if head != first)
        frame = frozenset(
            i
            for c in tree.children[first]
            if (c < opening or c > last)
            and c not in subject
            and tree.dep[c] not in ("cc", "conj")
            and tree.tokens[c].tag not in WH_WORDS
            for i in tree.subtree(c)
        )
        mark = frozenset(i for m in tree.kids(first, ["mark"]) for i in tree.subtree(m))
        lent: dict[int, frozenset[int]] = {}
        for _, head in items[1:]:
            # "if X and Y" lends "if"; "that X and that Y" has a "that" of its own
            borrowed = frame - mark if tree.kids(head, ["mark"]) else frame | mark
            if not tree.kids(head, SUBJECTS):
                borrowed |= subject
                if tree.tokens[head].tag in BARE_FORMS and not tree.kids(head, AUXILIARIES):
                    borrowed |= auxiliaries
            lent[head] = borrowed
        return {head: words & scope for head, words in lent.items()}

    # --- shared tests ----------------------------------------------------------------------------------------

    def _stands_alone(self, indices: Iterable[int]) -> bool:
        return self._enough(indices, OWN_MIN_WORDS, OWN_MIN_CONTENT)

    def _states(self, indices: Iterable[int]) -> bool:
        """A clause that still says what is done once its condition is cut: "he would resign", not "she would"."""
        return self._enough(indices, OWN_MIN_WORDS, CONDITIONED_MIN_CONTENT)

    def _long_enough(self, indices: Iterable[int]) -> bool:
        return self._enough(indices, READING_MIN_WORDS, READING_MIN_CONTENT)

    def _enough(self, indices: Iterable[int], least: int, content: int) -> bool:
        words = [i for i in indices if not self.tree.is_punct(i)]
        text = " ".join(self.tree.text(i) for i in sorted(words))
        return len(words) >= least and len(content_words(text)) >= content

    def _whole(self, indices: frozenset[int]) -> bool:
        """No quotation cut in two: someone's words in quotation marks are one statement."""
        return all(block <= indices or not block & indices for block in self.tree.quotes)
