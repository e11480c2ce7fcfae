"""What a clause's place in its parse says about it, for parts.py: under a modal or a condition, a relative clause
that adds a fact, an act a preposition presupposes, a phrase after a comma, an example, whose act a participle is.
Pure.
"""

from __future__ import annotations

from ..text.lexicon import CONDITIONAL_MARKS, EXAMPLE_PREPOSITIONS, PRESUPPOSING_PREPOSITIONS
from .clausetree import AUXILIARIES, SEPARATORS, SUBJECTS, VERBS, ClauseTree


def under_modal(tree: ClauseTree, verb: int) -> bool:
    """A verb under a modal ("would stay", "could sell"): a clause hanging from it is as unsure as it is."""
    return any(tree.tokens[a].tag == "MD" for a in tree.kids(verb, AUXILIARIES))


def hedged(tree: ClauseTree, verb: int) -> bool:
    """A clause under a modal or a condition ("might", "if ..."): what hangs on it is as uncertain."""
    if any(tree.tokens[a].tag == "MD" for a in tree.kids(verb, AUXILIARIES)):
        return True
    return any(
        tree.text(m).lower() in CONDITIONAL_MARKS
        for c in tree.kids(verb, ["advcl"])
        for m in tree.kids(c, ["mark"])
    )


def carries_fact(tree: ClauseTree, index: int) -> bool:
    """A relative clause set off by a comma adds a fact; one that restricts its noun does only when it holds a
    date or a figure ("the talks that ended on 4 May", "the strike that has closed the port since Monday")."""
    first = min(tree.subtree(index))
    if first - 1 in tree.scope and tree.text(first - 1) in SEPARATORS | {"("}:
        return True
    tokens = tree.tokens
    return any(tokens[i].tag == "CD" or tokens[i].entity == "DATE" for i in tree.subtree(index))


def presupposed_act(tree: ClauseTree, index: int) -> int | None:
    """The gerund of "after / since / upon + -ing" on a verb, whose act the sentence says took place, or None."""
    head = tree.head[index]
    # after its verb only: a fronted one ("After rejecting the offer, the crews ...") would read before its subject
    if tree.text(index).lower() not in PRESUPPOSING_PREPOSITIONS or index < head:
        return None
    if tree.tokens[head].pos not in VERBS:
        return None
    gerunds = [c for c in tree.kids(index, ["pcomp"]) if tree.tokens[c].tag == "VBG" and not tree.kids(c, SUBJECTS)]
    return gerunds[0] if gerunds else None


def after_comma(tree: ClauseTree, index: int) -> bool:
    first = min(tree.subtree(index))
    return first - 1 in tree.scope and tree.text(first - 1) in SEPARATORS


def is_example(tree: ClauseTree, index: int) -> bool:
    words = tree.text(index).lower()
    if index - 1 in tree.scope:
        words = f"{tree.text(index - 1).lower()} {words}"
    return any(words.endswith(marker) for marker in EXAMPLE_PREPOSITIONS)


def subject_of_clause(tree: ClauseTree, verb: int, scope: frozenset[int]) -> frozenset[int]:
    """The subject of the nearest clause up from `verb` that has one: who a participle's action is by."""
    for clause in (verb, *tree.ancestors(verb)):
        subjects = tree.kids(clause, SUBJECTS)
        if subjects:
            return frozenset(i for s in subjects for i in tree.subtree(s) if i in scope)
    return frozenset()
