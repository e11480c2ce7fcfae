"""Grounded facts -> claims: the same fact in several articles joined, repeats in one article folded. Pure.

Two facts join when they say the same thing in nearly the same words, rest on copies of one sentence, or give
the same figure about the same actors in similar words, and never when their figures or a person's post clash.
Facts are compared only with claims that share a blocking key (a figure or a rare word), so the work grows with
the facts, not with their pairs, and the result does not depend on the order the facts come in (they are put in
a canonical order first).

Then the links decided by same-fact matching (pairing + judge) join claims of different articles in different
words, strongest first, unless the join would put two different facts of one article into one claim or join
a pair a guard vetoed. Every join keeps its basis in `Claim.joins`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..facts.features import FactFeatures, read_features
from ..models import Claim, GroundedFact, JoinBasis, JoinRule
from ..text.entities import actors, clause_at
from ..text.lexicon import CONTEXT_OPENERS
from ..text.normalize import content_words, normalize
from ..text.values import Value, ValueKind, by_kind, clashing_kind

SAME_STATEMENT = 88.0  # token_sort_ratio: the same words, in nearly any order
SAME_QUOTE = 95.0  # ratio of normalized quotes: one sentence copied (wire stories)
SAME_FIGURE_WORDS = 55.0  # token_set_ratio for two facts that give the same figure about the same actors
COMMON_KEY = 50  # a blocking key shared by more claims than this says nothing about any of them


@dataclass
class _Features:
    fact: GroundedFact
    statement: str
    sorted_statement: str  # its words in order: fuzz.ratio on these is token_sort_ratio, computed once
    quote: str
    keys: frozenset[str]  # blocking keys: its figures ("count::31") and the statement's content words
    roles: tuple[tuple[str, str], ...] = ()  # (surname, post) for each person the quote gives a post
    # The figures by exact value (with their clauses' actors) and all values by kind and unit: each fact is
    # compared with tens of candidate claims, so what those comparisons look up is grouped once.
    exact: dict[tuple[str, str, float, float], list[frozenset[str]]] = field(default_factory=dict)
    by_kind: dict[tuple[ValueKind, str], list[Value]] = field(default_factory=dict)


@dataclass
class _Clusters:
    """The claims being built: their facts, and their first facts' features in columns, which _best reads
    for every candidate of every fact."""

    heads: list[_Features] = field(default_factory=list)
    members: list[list[GroundedFact]] = field(default_factory=list)
    member_ids: list[set[str]] = field(default_factory=list)  # for vetoed-partner checks by set intersection
    sorted_statements: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    # Heads by exact figure: all of them, those whose clause names no actor for it, and those naming each actor.
    with_figure: dict[tuple[str, str, float, float], set[int]] = field(default_factory=lambda: defaultdict(set))
    unnamed: dict[tuple[str, str, float, float], set[int]] = field(default_factory=lambda: defaultdict(set))
    naming: dict[tuple[tuple[str, str, float, float], str], set[int]] = field(default_factory=lambda: defaultdict(set))
    at_span: dict[tuple[str, int, int], list[int]] = field(default_factory=dict)  # first fact's span -> clusters

    def add(self, features: _Features) -> int:
        fact = features.fact
        self.heads.append(features)
        self.members.append([fact])
        self.member_ids.append({fact.id})
        self.sorted_statements.append(features.sorted_statement)
        self.quotes.append(features.quote)
        self.articles.append(fact.article_id)
        for value, named in features.exact.items():
            self.with_figure[value].add(len(self.heads) - 1)
            for actors_named in named:
                if not actors_named:
                    self.unnamed[value].add(len(self.heads) - 1)
                for actor in actors_named:
                    self.naming[(value, actor)].add(len(self.heads) - 1)
        self.at_span.setdefault((fact.article_id, fact.start, fact.end), []).append(len(self.heads) - 1)
        return len(self.heads) - 1


def merge_facts(
    facts: list[GroundedFact],
    features: Mapping[str, FactFeatures] | None = None,
    links: Sequence[JoinBasis] = (),
    vetoed: Collection[frozenset[str]] = (),
    keep_apart: Collection[frozenset[str]] = (),
) -> list[Claim]:
    """Join facts into claims; the same facts (and links) in any order give the same claims.

    `features` are what the build read in each fact once (features.read_features: its dates resolved against
    the publication date of the text it stands in, so that "yesterday" in one article and "November 3" in
    another are the same date); read here, without publication dates, when not given. `links` are same-fact
    joins decided elsewhere (strongest first); `vetoed` holds the pairs of fact IDs no chain of links may put in
    one claim (the matching's guards and the judge's doubts); `keep_apart` the pairs an editor separated, which
    no rule or link joins.
    """
    read = features if features is not None else read_features(facts, {})
    # Neither a rule nor a link joins a pair an editor separated or the guards vetoed: "Ruiz declined the offer"
    # and "Okoro declined the offer" are nearly the same words about two people.
    apart = _partners([*vetoed, *keep_apart])
    ordered = sorted(facts, key=_order)
    clusters = _Clusters()
    index: dict[str, dict[int, None]] = defaultdict(dict)  # key -> clusters holding it (a dict: ordered, O(1) in)
    joins: list[list[JoinBasis]] = []
    for fact in ordered:
        mine = _features(fact, read[fact.id])
        candidates = sorted(set().union(*(index[key] for key in mine.keys if len(index[key]) <= COMMON_KEY)))
        if fact.id in apart:
            candidates = [c for c in candidates if apart[fact.id].isdisjoint(clusters.member_ids[c])]
        best = _best(mine, candidates, clusters)
        if best is None:
            target = clusters.add(mine)
            joins.append([])
        else:
            target, rule, score = best
            clusters.members[target].append(fact)
            clusters.member_ids[target].add(fact.id)
            head = clusters.heads[target].fact.id
            joins[target].append(JoinBasis(facts=[head, fact.id], rule=rule, score=round(score, 1)))
        for key in mine.keys:
            index[key][target] = None
    groups = _apply_links(clusters.members, joins, links, apart)
    return [_claim(number, members, basis) for number, (members, basis) in enumerate(groups, start=1)]


def _partners(vetoed: Collection[frozenset[str]]) -> dict[str, set[str]]:
    """Each fact's vetoed partners, so a check costs one set intersection, not a loop over pairs."""
    partners: dict[str, set[str]] = defaultdict(set)
    for pair in vetoed:
        left, right = sorted(pair)
        partners[left].add(right)
        partners[right].add(left)
    return partners


@dataclass
class _Group:
    """A claim being joined along links: its facts, joins, articles, and every fact a member may not meet."""

    facts: list[GroundedFact]
    joins: list[JoinBasis]
    ids: set[str]
    articles: set[str]
    apart: set[str]


def _apply_links(
    members: list[list[GroundedFact]],
    joins: list[list[JoinBasis]],
    links: Sequence[JoinBasis],
    apart: Mapping[str, set[str]],
) -> list[tuple[list[GroundedFact], list[JoinBasis]]]:
    """Join whole claims along the links, in order; the claims come back in their first fact's order.

    Union by size: the smaller claim's facts move into the larger, so a corpus where thousands of facts chain
    into one claim costs n log n moves, not n squared."""
    groups: dict[int, _Group] = {}
    owner: dict[str, int] = {}
    for index, (group, basis) in enumerate(zip(members, joins, strict=True)):
        ids = {f.id for f in group}
        partners = set().union(*(apart.get(i, set()) for i in ids))
        groups[index] = _Group(list(group), list(basis), ids, {f.article_id for f in group}, partners)
        owner.update(dict.fromkeys(ids, index))
    for link in links:
        left, right = (owner.get(fact_id) for fact_id in link.facts)
        if left is None or right is None or left == right:
            continue
        a, b = groups[left], groups[right]
        if not a.articles.isdisjoint(b.articles):
            continue  # one claim never holds two different facts of one article
        if not a.apart.isdisjoint(b.ids) or not b.apart.isdisjoint(a.ids):
            continue
        big, small = (left, right) if len(a.facts) >= len(b.facts) else (right, left)
        into, moved = groups[big], groups.pop(small)
        into.facts += moved.facts
        into.joins = (a.joins + b.joins) + [link]
        into.ids |= moved.ids
        into.articles |= moved.articles
        into.apart |= moved.apart
        owner.update(dict.fromkeys(moved.ids, big))
    ordered = sorted(groups.values(), key=lambda g: min(_order(f) for f in g.facts))
    return [(sorted(g.facts, key=_order), g.joins) for g in ordered]


def _order(fact: GroundedFact) -> tuple[str, int, int, str]:
    return fact.article_id, fact.start, fact.end, fact.id


def _features(fact: GroundedFact, read: FactFeatures) -> _Features:
    # Two facts without a figure key in common share no figure.
    keys = {f"{v.kind}:{v.unit}:{v.low:g}" for v in read.values} | set(content_words(fact.fact.statement))
    statement = normalize(fact.fact.statement).text
    sorted_statement = " ".join(sorted(statement.split()))
    exact: dict[tuple[str, str, float, float], list[frozenset[str]]] = defaultdict(list)
    for value in read.values:
        exact[(value.kind, value.unit, value.low, value.high)].append(actors(clause_at(fact.quote, value.start)))
    return _Features(fact, statement, sorted_statement, normalize(fact.quote).text, frozenset(keys), read.roles,
                     dict(exact), by_kind(read.values))  # fmt: skip


def _best(fact: _Features, candidates: list[int], clusters: _Clusters) -> tuple[int, JoinRule, float] | None:
    """The cluster whose first fact matches best (the earliest on a tie); None when none does.

    A match is the same span of one article (100), nearly the same words in the statement or the same quote
    (the token_sort_ratio, at least SAME_STATEMENT), or, across articles, the same figure about compatible
    actors in similar words (half the token_set_ratio). rapidfuzz scores all candidates in one call.
    """
    scores: dict[int, float] = {}
    rules: dict[int, JoinRule] = {}
    statements = [clusters.sorted_statements[c] for c in candidates]
    for _, score, position in process.extract(fact.sorted_statement, statements, scorer=fuzz.ratio,
                                              score_cutoff=SAME_STATEMENT, limit=None):  # fmt: skip
        scores[candidates[position]] = score
        rules[candidates[position]] = JoinRule.SAME_STATEMENT
    quotes = [clusters.quotes[c] for c in candidates]
    for _, _, position in process.extract(fact.quote, quotes, scorer=fuzz.ratio, score_cutoff=SAME_QUOTE, limit=None):
        if scores.get(candidates[position], 0.0) <= SAME_STATEMENT:
            scores[candidates[position]] = SAME_STATEMENT
            rules[candidates[position]] = JoinRule.SAME_QUOTE
    for same_span in clusters.at_span.get((fact.fact.article_id, fact.fact.start, fact.fact.end), []):
        if same_span in candidates:
            scores[same_span] = 100.0
            rules[same_span] = JoinRule.SAME_SPAN
    # Within one article only repeats fold; different facts stay apart.
    same_figure = [c for c in sorted(_same_figure(fact, clusters, set(candidates)))
                   if c not in scores and clusters.articles[c] != fact.fact.article_id]  # fmt: skip
    statements = [clusters.heads[c].statement for c in same_figure]
    for _, overlap, position in process.extract(fact.statement, statements, scorer=fuzz.token_set_ratio,
                                                score_cutoff=SAME_FIGURE_WORDS, limit=None):  # fmt: skip
        scores[same_figure[position]] = overlap / 2
        rules[same_figure[position]] = JoinRule.SAME_FIGURE
    # The best that does not clash (the earliest on a tie): clashes are checked best first, only until one holds.
    for best in sorted(scores, key=lambda c: (-scores[c], c)):
        if not _incompatible(fact, clusters.heads[best]):
            return best, rules[best], scores[best]
    return None


def _incompatible(left: _Features, right: _Features) -> bool:
    """Two quotes that cannot both be true of one thing however alike their words: figures of one kind with no
    common value ("31 ships" and, a day later, "44 ships"), or one person given different posts. They are the
    cross-check's conflict (following a story, a revision), never one claim."""
    if left.by_kind and right.by_kind and clashing_kind(left.by_kind, right.by_kind) is not None:
        return True  # figure_clash, on values grouped once a fact
    return bool(left.roles and right.roles) and any(
        name == other and post != theirs for name, post in left.roles for other, theirs in right.roles
    )


def _same_figure(fact: _Features, clusters: _Clusters, among: set[int]) -> set[int]:
    """The clusters among the given ones whose first fact gives one of the fact's exact figures about the same
    actors as far as the clauses tell: one of the two clauses names none, or both name one in common. Set
    intersections with the clusters' indexes, each as long as the smaller set: a corpus where few figures recur
    gives a figure hundreds of clusters, most about others, and a fact only tens of candidates.
    """
    found: set[int] = set()
    for value, named in fact.exact.items():
        if not all(named):  # a clause of the fact names no actor: any cluster with the figure
            found |= among & clusters.with_figure.get(value, set())
            continue
        found |= among & clusters.unnamed.get(value, set())
        for actor in set().union(*named):
            found |= among & clusters.naming.get((value, actor), set())
    return found


def _claim(number: int, members: list[GroundedFact], joins: list[JoinBasis]) -> Claim:
    # The head's statement is the claim's line: one that names its subject reads alone, "They argue ..." does not.
    members = sorted(members, key=lambda m: _leans_on_context(m.fact.statement))
    head = members[0]
    return Claim(
        id=f"C{number}",
        statement=head.fact.statement,
        kind=head.fact.kind,
        fact_ids=[m.id for m in members],
        article_ids=list(dict.fromkeys(m.article_id for m in members)),
        joins=joins,
    )


def _leans_on_context(statement: str) -> bool:
    """The statement opens with a pronoun or "this"/"that" whose referent is in the text before it."""
    first = statement.split(maxsplit=1)[:1]
    return bool(first) and first[0].lower().strip("\"'\u201c\u2018(") in CONTEXT_OPENERS
