"""Coordinations in a parsed sentence: which words are each item's, and which join them. Pure.

Two kinds are parts of a sentence (clauses.py splits at them): coordinated clauses ("the board declined the offer
and presented a plan") and lists in object or complement position ("demanded a pay rise, the reinstatement of
two stewards and an end to night shifts"). Coordinated subjects and the objects of "between" are one thing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..text.lexicon import CONDITIONAL_MARKS, SYMMETRIC_PREPOSITIONS
from .clausetree import SEPARATORS, SUBJECTS, VERBS, WH_WORDS, ClauseTree

# Positions where a coordination is a list of things done, asked for or given (not a subject, not a name part).
LIST_POSITIONS = frozenset({"dobj", "attr", "oprd", "dative", "pobj", "appos", "npadvmod"})


@dataclass(frozen=True)
class Items:
    """A coordination's items, each (its own words, its head), and the words that join them (", and")."""

    items: list[tuple[frozenset[int], int]]
    joints: frozenset[int]


def clause_conjuncts(tree: ClauseTree, verb: int, scope: frozenset[int]) -> Items | None:
    """Coordinated clauses headed at `verb` ("declined X and presented Y"), or None: one clause, or a
    coordination that is not two facts."""
    conjuncts = [verb, *_conj_chain(tree, verb, lambda c: tree.tokens[c].pos in VERBS)]
    if len(conjuncts) < 2 or tree.dep[verb] == "conj":
        return None
    for conjunct in conjuncts[1:]:
        if any(tree.text(m).lower() in CONDITIONAL_MARKS for m in tree.kids(conjunct, ["mark"])):
            return None  # "..., but only if X": the condition is not a second fact
        if any(tree.tokens[i].tag in WH_WORDS and _clause_of(tree, i) == conjunct for i in tree.subtree(conjunct)):
            return None  # ", the details of which remain secret": a relative clause the parser coordinated
    return _regions(tree, conjuncts, scope)


def _clause_of(tree: ClauseTree, index: int) -> int:
    return next((a for a in tree.ancestors(index) if tree.tokens[a].pos in VERBS), index)


def is_list_head(tree: ClauseTree, noun: int) -> bool:
    """Can a list start at this noun: in object or complement position, not inside a subject, not the object of
    "between"?"""
    if tree.dep[noun] not in LIST_POSITIONS or tree.dep[noun] == "appos":
        return False
    if tree.dep[noun] == "pobj" and tree.text(tree.head[noun]).lower() in SYMMETRIC_PREPOSITIONS:
        return False  # "a call between X and Y" is one call
    for above in (noun, *tree.ancestors(noun)):  # a list inside a subject is who, not what is done
        if tree.dep[above] in SUBJECTS:
            return False
        if tree.tokens[above].pos in VERBS:
            return True
    return True


def list_items(tree: ClauseTree, noun: int, scope: frozenset[int] | None = None) -> Items:
    """A list's items, the first at `noun`: its conjuncts, and an apposition the parser made of the second
    item when that apposition is itself coordinated ("a pay rise, the reinstatement of X, and an end to Y")."""
    scope = tree.scope if scope is None else scope

    # An item is a noun phrase, or a clause with its own subject ("and Ruiz closing the port"); a bare verb
    # coordinated with a noun is the parser's mistake.
    def nominal(c: int) -> bool:
        return tree.tokens[c].pos not in VERBS or bool(tree.kids(c, SUBJECTS))

    heads = [noun, *_conj_chain(tree, noun, nominal)]
    if len(heads) == 1:
        listed = [a for a in _appositions_below(tree, noun) if tree.kids(a, ["conj"])]
        if listed:
            heads = [noun, listed[0], *_conj_chain(tree, listed[0], nominal)]
    return _regions(tree, heads, scope)


def _appositions_below(tree: ClauseTree, noun: int) -> list[int]:
    """Appositions hanging off the noun, or off a word of its prepositional phrases (the parser hangs a list's
    second item on the last noun before its comma: "immunity for himself and his family, repeal of ...")."""
    found, stack = [], [noun]
    while stack:
        index = stack.pop()
        for child in tree.children[index]:
            if tree.dep[child] == "appos":
                found.append(child)
            elif tree.dep[child] in ("prep", "pobj", "conj") and tree.tokens[child].pos not in VERBS:
                stack.append(child)
    return sorted(found)


def _conj_chain(tree: ClauseTree, index: int, accept: Callable[[int], bool]) -> list[int]:
    found, stack = [], [index]
    while stack:
        for child in tree.kids(stack.pop(), ["conj"]):
            if accept(child):
                found.append(child)
                stack.append(child)
    return sorted(found)


def _regions(tree: ClauseTree, heads: list[int], scope: frozenset[int]) -> Items:
    """Each item's own words: its subtree less the later items' and the words that join them ("and", "as well
    as"), which no item's reading keeps."""
    joints: set[int] = set()
    for item in heads:
        for child in tree.kids(item, ["cc", "preconj"]):
            if any(later > child for later in heads if later != item):
                joints |= tree.subtree(child)
    listed = frozenset(i for item in heads for i in tree.subtree(item))
    for item in heads[1:]:  # the comma between two items, not one closing a parenthesis ("X, they said, but Y")
        before = min(tree.subtree(item)) - 1
        while before in joints:
            before -= 1
        if before in scope and tree.text(before) in SEPARATORS and before - 1 in listed:
            joints.add(before)
    regions = []
    for item in (h for h in heads if h in scope):
        region = set(tree.subtree(item))
        for other in heads:
            if other != item and other in region:
                region -= tree.subtree(other)
        regions.append((frozenset((region - joints) & scope), item))
    return Items(regions, frozenset(joints))
