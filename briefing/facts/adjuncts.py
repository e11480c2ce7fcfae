"""Words around a clause that parts.py reads on a sentence's mended parse: the attribution above it, and two
adjuncts that state a fact of their own, a condition someone is reported to set and the date an event noun
carries. Pure.

A part cut out of reported speech keeps the attribution ("..., the sources said") so that it stays reported.
"Ruiz said she would sign if the club dropped the fine" states a term Ruiz asks for, and "a call between the two
leaders on 4 May lasted an hour" states when the call was, apart from how long it lasted: parts.py cuts each out
of its sentence as a part.
"""

from __future__ import annotations

from ..text.clauses import is_actor
from ..text.lexicon import BELIEF_VERBS, CONDITIONAL_MARKS, REPORTING_PREPOSITIONS, REPORTING_VERBS
from .clausetree import SEPARATORS, SUBJECTS, VERBS, ClauseTree

ATTRIBUTION_MAX_WORDS = 6  # "the sources said", "Sources close to the talks said": longer is a clause of content

CLAUSAL = frozenset({"ccomp", "advcl"})
# Where the parser hangs a conditional conjunction it reads as a word of its own ("provided", "providing"): a
# preposition, a participle, or a complement of the verb before it.
CONJUNCTION_DEPS = frozenset({"prep", "advcl", "ccomp"})
SPANS_OF_TIME = frozenset({"NNS", "NNPS"})  # "four months", "recent weeks": how long, not when


def reported_by(tree: ClauseTree, index: int, scope: frozenset[int]) -> frozenset[int]:
    """The attribution above a clause ("Sources said that ...", "..., according to two officials"), of the words in
    `scope`: a part cut out of reported speech stays reported."""
    kept: set[int] = set()
    below = index
    for clause in tree.ancestors(index):
        frame = {i for i in tree.subtree(clause) - tree.subtree(below) if i in scope}
        words = [i for i in frame if not tree.is_punct(i)]
        if tree.dep[below] == "ccomp" and tree.kids(clause, SUBJECTS) and len(words) <= ATTRIBUTION_MAX_WORDS:
            kept |= frame
        for child in tree.kids(clause, ["prep"]):
            if reports(tree, child):
                opening = min(tree.subtree(child)) - 1
                kept |= tree.subtree(child) & scope | ({opening} & scope if tree.text(opening) in SEPARATORS else set())
        below = clause
    return frozenset(kept - tree.subtree(index))


def reports(tree: ClauseTree, index: int) -> bool:
    """The preposition opens an attribution ("according to")."""
    words = tree.text(index).lower()
    following = [c for c in tree.children[index] if c == index + 1]
    if following:
        words = f"{words} {tree.text(following[0]).lower()}"
    return words in REPORTING_PREPOSITIONS


def is_condition(tree: ClauseTree, index: int) -> bool:
    """The token heads a conditional clause with a subject of its own: "if / unless the club pays", or "provided he
    keeps X", whose conjunction the parser reads as a verb with the clause its complement."""
    if tree.dep[index] == "advcl" and tree.kids(index, SUBJECTS):
        return any(tree.text(m).lower() in CONDITIONAL_MARKS for m in tree.kids(index, ["mark"]))
    if tree.dep[index] in CONJUNCTION_DEPS and tree.text(index).lower() in CONDITIONAL_MARKS:
        return any(tree.kids(c, SUBJECTS) for c in tree.kids(index, CLAUSAL))
    return False


def conjunction(tree: ClauseTree, index: int) -> frozenset[int]:
    """The words that make a conditional clause one ("if", "provided"): they say nothing of what is asked."""
    marks = set(tree.kids(index, ["mark"]))
    if tree.text(index).lower() in CONDITIONAL_MARKS:
        marks.add(index)
    return frozenset(marks)


def condition_words(tree: ClauseTree, index: int, clause: int, scope: frozenset[int]) -> frozenset[int]:
    """A condition's own words, with the comma that closes it before the clause it conditions ("if X, she would
    sign")."""
    own = tree.subtree(index) & scope
    closing = max(own) + 1
    if closing < clause and closing in scope and tree.text(closing) in SEPARATORS:
        own |= {closing}
    return own


def conditioned_clause(tree: ClauseTree, index: int) -> int | None:
    """The clause a condition hangs on: the nearest clause up from it with a subject of its own ("she was ready to
    sign" for "if the club paid")."""
    return next((clause for clause in tree.ancestors(index) if tree.kids(clause, SUBJECTS)), None)


def conditioned(tree: ClauseTree, index: int, clause: int, scope: frozenset[int]) -> frozenset[int]:
    """The words of the clause a condition hangs on, less the condition, a clause coordinated after it ("..., and
    the club will pay"), and the punctuation the parser hung on the clause inside the condition."""
    condition = tree.subtree(index)
    words = set(tree.subtree(clause) - condition)
    for child in tree.kids(clause, ["conj", "cc"]):
        if child > index and index not in tree.subtree(child):
            words -= tree.subtree(child)
    inside = range(min(condition), max(condition) + 1)
    return frozenset(i for i in words & scope if not (i in inside and tree.is_punct(i)))


def dated_event(tree: ClauseTree, phrase: int) -> int | None:
    """The subject a phrase of date dates (a prepositional phrase, or a bare noun phrase: "the sale last year"),
    when that subject is an event ("a call ... on 4 May lasted", "The vote, on 4 May, ended"), or None.

    The phrase hangs inside the subject's noun phrase, or on its verb right after the subject (the parser hangs a
    date between commas there). A subject that names someone ("Ruiz, on Monday, said") is not an event: the date
    is when they acted, and stays with the predicate; so is one that speaks ("The airline on Monday said ...",
    whatever its noun), and one in a condition ("if the vote on 4 May fails": no vote yet).
    """
    if not _is_date(tree, phrase):
        return None
    subject = None
    for above in tree.ancestors(phrase):
        if tree.tokens[above].pos in VERBS:
            subject = _before_verb(tree, phrase, above)
            break
        if tree.dep[above] in SUBJECTS:
            subject = above
            break
    if subject is None or tree.tokens[subject].pos != "NOUN" or is_actor(tree.sentence, subject):
        return None
    verb = tree.head[subject]
    if tree.tokens[verb].lemma in REPORTING_VERBS | BELIEF_VERBS or is_condition(tree, verb):
        return None
    return subject


def dated_words(tree: ClauseTree, event: int, phrase: int, scope: frozenset[int]) -> frozenset[int]:
    """The words of a dated event: its subject with the phrase of date, the commas between, and the comma that
    closes the date's aside ("The vote, on 4 May, ended": "The vote, on 4 May,")."""
    dated = set(tree.subtree(event) | tree.subtree(phrase)) & scope
    dated |= {i for i in range(min(dated), max(dated) + 1) if i in scope and tree.is_punct(i)}
    opening, closing = min(tree.subtree(phrase)) - 1, max(dated) + 1
    if opening in dated and closing in scope and {tree.text(opening), tree.text(closing)} <= SEPARATORS:
        dated.add(closing)
    return frozenset(dated)


def _before_verb(tree: ClauseTree, phrase: int, verb: int) -> int | None:
    """The verb's subject when the phrase hangs on the verb and stands right after the subject."""
    if tree.head[phrase] != verb or phrase > verb:
        return None
    subjects = tree.kids(verb, SUBJECTS)
    if len(subjects) != 1:
        return None
    gap = range(max(tree.subtree(subjects[0])) + 1, min(tree.subtree(phrase)))
    return subjects[0] if all(tree.is_punct(i) for i in gap) else None


def _is_date(tree: ClauseTree, phrase: int) -> bool:
    """The phrase (or its object) is a date the parser's entity recogniser found, a day or a point in time, not a
    span of time ("on 4 May", "in March 2019", "last year", not "over four months")."""
    dep = tree.dep[phrase]
    objects = tree.kids(phrase, ["pobj"]) if dep == "prep" else [phrase] if dep == "npadvmod" else []
    words = [i for o in objects for i in tree.subtree(o) if not tree.is_punct(i)]
    return (
        bool(objects)
        and all(tree.tokens[i].entity == "DATE" for i in words)
        and not any(tree.tokens[o].tag in SPANS_OF_TIME for o in objects)
    )
