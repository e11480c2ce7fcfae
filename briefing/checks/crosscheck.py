"""Claims -> corroboration, conflicts and support flags, deterministically and with the quotes behind each. Pure.

- Corroboration: how many independent sources state a claim; copies of one story (the same wire origin in
  the dateline, or two or more identical sentences) count once.
- Conflicts: the same attribute given incompatible values by different articles: figures whose intervals do
  not meet, dates that do not overlap (checks/figures.py), different offices for one person ("former
  president" vs "president"), opposite outcomes ("accepted" vs "rejected"), different deadlines for one fact
  (deadlines.py).
- Support: names, numbers and dates in a claim's statement must appear in its evidence, or they are listed as
  unsupported details and the claim is never shown as confirmed.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import NamedTuple

from ..facts.features import FactFeatures, read_features
from ..memo import per_build
from ..models import Article, Claim, Conflict, ConflictKind, ConflictSide, GroundedFact
from ..text.entities import Mention, alias_table, mentions
from ..text.lexicon import IGNORED_CAPS, NEGATION_REACH, NEGATIONS, OUTCOME_OPPOSITES, phrase_at
from ..text.normalize import content_words, is_number, normalize, words
from ..text.values import Value
from .deadlines import deadline_conflicts
from .figures import CONTEXT_OVERLAP, number_conflicts, value_labels

COPIED_SENTENCES = 2  # articles sharing this many identical sentences are copies of one story


@dataclass(frozen=True)
class CrossCheck:
    """What the cross-check adds to a brief."""

    claims: list[Claim]
    conflicts: list[Conflict]
    aliases: dict[str, str]
    copies: list[list[str]]


class _Reading(NamedTuple):
    """What the cross-check reads in one quote: the fact's features (read once per build) and the capitalised
    words beside them, which several checks ask for. A tuple: there is one for every fact, built ~3x faster."""

    names: tuple[Mention, ...]
    capitalised: tuple[frozenset[str], str]
    quantities: tuple[Value, ...]
    dates: tuple[Value, ...]


def crosscheck(
    articles: list[Article],
    facts: list[GroundedFact],
    claims: list[Claim],
    judged: Sequence[Conflict] = (),
    *,
    features: Mapping[str, FactFeatures] | None = None,
) -> CrossCheck:
    """Annotate claims with independent-source counts, dates and unsupported details; find conflicts.

    `judged` are contradictions the model found between two quotes; one a rule already reports is not repeated.
    `features` are what the build read in each fact once (features.read_features); read here when not given.
    """
    if features is None:
        # Dates are read against the publication date of the text each quote stands in (its snippet's on a
        # digest page), never a year guessed from other articles.
        by_id = {a.id: a for a in articles}
        features = read_features(facts, {f.id: by_id[f.article_id].date_at(f.start) for f in facts})
    readings = _readings(facts, features)
    names = [m.name for f in facts for m in readings[f.id].names]
    names += [m.name for f in facts for actor in f.fact.actors for m in mentions(actor)]
    names += [a for f in facts for a in f.fact.actors if a[:1].isupper() and len(a.split()) <= 4]
    aliases = {k: v for k, v in alias_table(names).items() if k != v or " " in k}
    groups = copy_groups(articles)
    group_of = {article_id: index for index, group in enumerate(groups) for article_id in group}
    fact_by_id = {f.id: f for f in facts}
    annotated = []
    for claim in claims:
        members = [fact_by_id[i] for i in claim.fact_ids]
        quotes = {m.quote: readings[m.id].capitalised for m in members}
        claim_dates = sorted(set(value_labels(v for m in members for v in readings[m.id].dates)))
        annotated.append(claim.model_copy(update={
            "independent": len({group_of.get(a, a) for a in claim.article_ids}),
            "unsupported": _unsupported(claim.statement, quotes, aliases),
            "dates": claim_dates,
        }))  # fmt: skip
    in_order = sorted(facts, key=attrgetter("id"))  # figures and roles are read in fact-ID order
    conflicts = (
        number_conflicts(in_order, features) + _role_conflicts(in_order, readings, aliases) + _outcome_conflicts(facts)
    )
    conflicts += deadline_conflicts(claims, fact_by_id)
    covered = [{i for side in c.sides for i in side.fact_ids} for c in conflicts]
    on_facts = {f.id for f in facts}
    conflicts += [
        c for c in judged
        if {i for side in c.sides for i in side.fact_ids} <= on_facts
        and not any({i for side in c.sides for i in side.fact_ids} <= ids for ids in covered)
    ]  # fmt: skip
    numbered = [c.model_copy(update={"id": f"X{n}"}) for n, c in enumerate(conflicts, start=1)]
    annotated = _with_disputes(annotated, numbered)
    return CrossCheck(annotated, numbered, aliases, [g for g in groups if len(g) > 1])


def _with_disputes(claims: list[Claim], conflicts: Sequence[Conflict]) -> list[Claim]:
    """Each claim with the conflicts that split its own members: two of its sides each hold one of them. A
    person's office given differently (a role conflict) is about who someone is, not about the claim's fact."""
    sides_of: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for conflict in conflicts:
        if conflict.kind == ConflictKind.ROLE:
            continue
        for number, side in enumerate(conflict.sides):
            for fact_id in side.fact_ids:
                sides_of[fact_id].append((conflict.id, number))
    updated = []
    for claim in claims:
        seen: dict[str, set[int]] = defaultdict(set)
        for fact_id in claim.fact_ids:
            for conflict_id, number in sides_of.get(fact_id, ()):
                seen[conflict_id].add(number)
        disputes = [conflict_id for conflict_id, sides in seen.items() if len(sides) > 1]
        updated.append(claim.model_copy(update={"disputes": disputes}) if disputes else claim)
    return updated


def copy_groups(articles: list[Article]) -> list[list[str]]:
    """Articles grouped by story: same dateline origin, or COPIED_SENTENCES identical sentences."""
    parent = {a.id: a.id for a in articles}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(left: str, right: str) -> None:
        parent[max(root(left), root(right))] = min(root(left), root(right))

    by_origin: dict[str, list[str]] = defaultdict(list)
    by_sentence: dict[str, set[str]] = defaultdict(set)
    sentences_of: dict[str, set[str]] = defaultdict(set)
    for article in articles:
        if article.origin:
            by_origin[normalize(article.origin).text].append(article.id)
        for sentence in article.sentences:
            key = " ".join(words(article.sentence_text(sentence)))
            by_sentence[key].add(article.id)
            sentences_of[article.id].add(key)
    for same_origin in by_origin.values():
        for other in same_origin[1:]:
            join(same_origin[0], other)
    # Articles sharing COPIED_SENTENCES identical sentences share one set of that many: group articles by each
    # such set of their shared sentences. Linear in the articles, where counting per pair of articles is
    # quadratic when one sentence (a slipped-through credit line) is in all of them.
    holders_of: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for article_id, held in sentences_of.items():
        shared = sorted(key for key in held if len(by_sentence[key]) > 1)
        for combination in itertools.combinations(shared, COPIED_SENTENCES):
            holders_of[combination].append(article_id)
    for holders in holders_of.values():
        for other in holders[1:]:
            join(holders[0], other)
    groups: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        groups[root(article.id)].append(article.id)
    return sorted(sorted(group) for group in groups.values())


def _readings(facts: list[GroundedFact], features: Mapping[str, FactFeatures]) -> dict[str, _Reading]:
    """Each fact's reading (its capitalised words read once per build for a quote and its names: see _capitalised)."""
    return {
        f.id: _Reading(found.mentions, _capitalised(f.quote, found.mentions), found.quantities, found.dates)
        for f in facts
        for found in (features[f.id],)
    }


def unsupported_details(statement: str, quotes: list[str], aliases: dict[str, str]) -> list[str]:
    """Numbers and names in the statement that no quote contains (names matched through aliases).

    Each quote is read on its own: joined, the last name of one and the first of the next would read as one.
    """
    return _unsupported(statement, {q: _capitalised(q, mentions(q)) for q in quotes}, aliases)


def _unsupported(statement: str, quotes: dict[str, tuple[frozenset[str], str]], aliases: dict[str, str]) -> list[str]:
    """unsupported_details, given each quote's capitalised words (see _capitalised)."""
    missing = [w for w in content_words(statement) if is_number(w)]
    if missing:  # the quotes' words are gathered only for a statement that gives numbers
        present = set(itertools.chain.from_iterable(words(quote) for quote in quotes))
        missing = [w for w in missing if w not in present]
    evidence_names = {aliases.get(k, k) for capitalised in quotes.values() for k in _name_keys(capitalised, aliases)}
    folded: list[str] = []  # the quotes' folded texts, read when a name is not among the evidence's names
    # In the order the statement names them (a set's order would change from one process to the next).
    said = normalize(statement).text
    names = _name_keys(_capitalised(statement, mentions(statement)), aliases)
    for key in sorted(names, key=lambda name: (said.find(name), name)):
        canonical = aliases.get(key, key)
        if canonical in evidence_names:
            continue
        folded = folded or [normalize(quote).text for quote in quotes]
        if any(key in text or _surname_in(canonical, text) for text in folded):
            continue
        missing.append(key)
    return list(dict.fromkeys(missing))


def _name_keys(capitalised: tuple[frozenset[str], str], aliases: dict[str, str]) -> frozenset[str]:
    keys, first = capitalised
    # The first word is capitalised anyway: it counts as a name only when the corpus knows it as one.
    return keys | {first} if first in aliases and first not in IGNORED_CAPS else keys


@per_build  # copies of a story quote the same words: read once
def _capitalised(text: str, found: tuple[Mention, ...]) -> tuple[frozenset[str], str]:
    """Keys of the names found in a text and of its capitalised words after the first; its first word, folded."""
    keys = {m.key for m in found}
    for mention in reversed(found):  # words of a full name are not names of their own
        text = text[: mention.start] + " " * (mention.end - mention.start) + text[mention.end :]
    tokens = text.split()
    keys |= {normalize(w).text for w in tokens[1:] if w[:1].isupper() and w.strip(".,;:'\"").isalpha()}
    stripped = {k.strip(".,;:'\"") for k in keys}
    first = normalize(tokens[0]).text.strip(".,;:'\"") if tokens else ""
    return frozenset(stripped.difference(IGNORED_CAPS, ("",))), first


def _surname_in(canonical: str, evidence: str) -> bool:
    return " " in canonical and canonical.split()[-1] in evidence.split()


def _role_conflicts(
    facts: list[GroundedFact], readings: dict[str, _Reading], aliases: dict[str, str]
) -> list[Conflict]:
    roles: dict[str, dict[str, list[tuple[GroundedFact, str]]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:  # in ID order
        for mention in readings[fact.id].names:
            if mention.role and mention.role != "generic":
                role = f"former {mention.role}" if mention.former else mention.role
                roles[aliases.get(mention.key, mention.key)][role].append((fact, mention.name))
    conflicts = []
    for _, by_role in sorted(roles.items()):
        articles_by_role = {role: {f.article_id for f, _ in items} for role, items in by_role.items()}
        if len(by_role) < 2 or len(set().union(*articles_by_role.values())) < 2:
            continue
        sides = [
            ConflictSide(
                value=role,
                fact_ids=list(dict.fromkeys(f.id for f, _ in items)),
                article_ids=list(dict.fromkeys(f.article_id for f, _ in items)),
                quotes=list(dict.fromkeys(f.quote for f, _ in items)),
            )
            for role, items in sorted(by_role.items())
        ]
        name = by_role[sorted(by_role)[0]][0][1]
        conflicts.append(Conflict(id="", kind=ConflictKind.ROLE, subject=name, attribute="role", sides=sides))
    return conflicts


_OUTCOME_OPENERS = frozenset(phrase.split()[0] for pair in OUTCOME_OPPOSITES for phrase in pair)


def _outcome_conflicts(facts: list[GroundedFact]) -> list[Conflict]:
    """Facts of different articles stating opposite outcomes (OUTCOME_OPPOSITES) in otherwise similar words.

    Outcomes are read on word tokens, an entry of several words as a run of them: "passed" is not in
    "surpassed", nor "won" in "wondered"; and a negation just before one ("was not approved") turns it round.
    """
    conflicts = []
    tokens = {f.id: words(f.quote) for f in facts}
    # Only facts holding an outcome's first word can state it: found by word, not by asking every fact; and only
    # those words are indexed (in fact order, as the facts come).
    holding: dict[str, list[GroundedFact]] = defaultdict(list)
    for fact in facts:
        for word in _OUTCOME_OPENERS.intersection(tokens[fact.id]):
            holding[word].append(fact)
    for positive, negative in OUTCOME_OPPOSITES:
        yes = [f for f in holding.get(positive.split()[0], []) if _states(tokens[f.id], positive)]
        no = [f for f in holding.get(negative.split()[0], []) if _states(tokens[f.id], negative)]
        outcome = {*positive.split(), *negative.split()}
        for a in yes:
            for b in no:
                if a.article_id == b.article_id:
                    continue
                ctx_a = set(content_words(a.quote)) - outcome
                ctx_b = set(content_words(b.quote)) - outcome
                if len(ctx_a & ctx_b) / (min(len(ctx_a), len(ctx_b)) or 1) >= CONTEXT_OVERLAP:
                    sides = [
                        ConflictSide(value=word, fact_ids=[f.id], article_ids=[f.article_id], quotes=[f.quote])
                        for word, f in ((positive, a), (negative, b))
                    ]
                    subject = " ".join(sorted(ctx_a & ctx_b)[:4])
                    conflicts.append(
                        Conflict(id="", kind=ConflictKind.OUTCOME, subject=subject, attribute="outcome", sides=sides)
                    )
    return conflicts


def _states(tokens: Sequence[str], outcome: str) -> bool:
    """The tokens state the outcome: its words in a run, with no negation in the NEGATION_REACH tokens before."""
    return any(not NEGATIONS.intersection(tokens[max(0, i - NEGATION_REACH) : i]) for i in phrase_at(tokens, outcome))
