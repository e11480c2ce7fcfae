"""A build against a person's claims.yaml. Pure.

claims.yaml says which sentences of different articles state one fact (gold pairs), which only look alike, and
where the articles disagree. `evaluate_claims` scores the brief's claims and conflicts on it, and says for each
missed gold pair the furthest stage of matching it reached (from what brief.json records), and which
multi-article claims hold members carrying different gold facts (a chain of joins that glued two facts).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import combinations, permutations, product
from pathlib import PurePath
from typing import Any

from ..models import (
    MAX_KEPT_APART,
    ApartRule,
    Article,
    Brief,
    Conflict,
    ConflictSide,
    Guard,
    JoinBasis,
    KeptApart,
)
from ..text.normalize import normalize
from .expected import Check

Side = list[tuple[str, str]]  # (article key, phrase) pairs of one claims.yaml entry


class Loss(StrEnum):
    """Where a missed gold pair was lost, in pipeline order: a later stage is further along."""

    PHRASE_NOT_FOUND = "phrase not found"  # the truth file's phrase is not in its article (a typo, another edition)
    UNCOVERED = "no fact covers a phrase"  # extraction or grounding stated no fact there
    COMMENTARY = "commentary"  # a covering fact is the writer's reading, left out of matching
    NEVER_PROPOSED = "never proposed"  # no record of the pair: candidates never put it forward
    NOT_RECORDED = "not recorded"  # no record, but kept_apart was full: it may have been kept apart unlisted
    VETOED = "vetoed"  # a guard forbade it
    JUDGED_APART = "judged apart"  # the judge said "related" or "contradicts"
    BELOW_THRESHOLD = "below the threshold"  # no verdict, or "yes" in one order only, and the quotes not close enough
    REFUSED = "refused by the claim"  # the pair passed, but a claim it would join refused it
    JOINED_ELSEWHERE = "joined elsewhere"  # both facts joined claims of other articles, not the same one


RANK = {loss: n for n, loss in enumerate(Loss)}
KEPT_APART_LOSS = {ApartRule.VETOED: Loss.VETOED, ApartRule.JUDGED: Loss.JUDGED_APART,
                   ApartRule.BELOW_STRICT: Loss.BELOW_THRESHOLD, ApartRule.ONE_YES: Loss.BELOW_THRESHOLD,
                   ApartRule.REFUSED: Loss.REFUSED}  # fmt: skip


@dataclass(frozen=True)
class Miss:
    """Why one gold pair is not in one claim: the stage, the guard when one vetoed it, and words for people."""

    stage: Loss
    detail: str
    guard: Guard | None = None

    @property
    def heading(self) -> str:
        """The summary row this miss counts in ("vetoed by subject")."""
        return f"{self.stage.value} by {self.guard.value}" if self.guard else self.stage.value


@dataclass(frozen=True)
class ClaimsResult:
    """The claims.yaml checks, one line for each pair, conflict and mixed claim, and every missed pair's stage."""

    checks: list[Check]
    lines: list[str]
    misses: list[Miss] = field(default_factory=list)

    def stages(self) -> list[tuple[str, int]]:
        """Missed pairs counted by stage, in pipeline order (vetoes by guard), each stage that lost one."""
        counts = Counter(miss.heading for miss in sorted(self.misses, key=lambda m: (RANK[m.stage], m.heading)))
        return list(counts.items())


def evaluate_claims(brief: Brief, truth: dict[str, Any], min_pairs: int | None = None) -> ClaimsResult:
    """Score the brief's merging against claims.yaml; article keys not in the build are left out of the counts.

    A gold pair is joined when one claim holds facts of both articles covering both phrases; `min_pairs` of them
    must be (default: all). Raises ValueError when `truth` does not have the claims.yaml shape.
    """
    if not isinstance(truth, dict):
        raise ValueError("expected a mapping with claims, distinct and conflicts lists")
    build = _Build(brief)
    facts = [(str(c.get("id", f"claims[{n}]")), build.present(_side(c.get("in"), f"claims[{n}].in")))
             for n, c in enumerate(_entries(truth, "claims"))]  # fmt: skip
    gold = [(label, pair) for label, side in facts for pair in combinations(side, 2)]
    distinct = [(f"look-alike {n + 1} ({d.get('why', '')})", (a, b)) for n, d in enumerate(_entries(truth, "distinct"))
                for a in build.present(_side(d.get("a"), f"distinct[{n}].a"))
                for b in build.present(_side(d.get("b"), f"distinct[{n}].b"))]  # fmt: skip
    conflicts = [(str(c.get("id", f"conflicts[{n}]")), sides) for n, c in enumerate(_entries(truth, "conflicts"))
                 if len(sides := [s for s in _sides(c.get("sides"), n, build) if s]) >= 2]  # fmt: skip
    pairs = [(label, a, b, *build.joined(a, b)) for label, (a, b) in gold]
    looks = [(label, a, b, *build.joined(a, b)) for label, (a, b) in distinct]
    found = [(label, sides, build.find_conflict(sides)) for label, sides in conflicts]
    mixed = build.mixed_claims(facts)
    joined = sum(1 for *_, miss in pairs if miss is None)
    needed = len(pairs) if min_pairs is None else min_pairs
    missed = ", ".join(f"{label} {a[0]}-{b[0]}" for label, a, b, _, miss in pairs if miss) or "none"
    wrong = [f"{label} {a[0]}-{b[0]}" for label, a, b, _, miss in looks if miss is None]
    lost = [label for label, _, conflict in found if conflict is None]
    checks = [
        Check("gold article pairs joined", joined >= needed, joined, len(pairs),
              (f"at least {needed} needed; " if min_pairs is not None else "") + f"missed: {missed}"),
        Check("look-alike pairs joined", not wrong, len(wrong), 0, "; ".join(wrong) or "none"),
        Check("conflicts found", not lost, len(found) - len(lost), len(found), f"missed: {', '.join(lost) or 'none'}"),
        Check("multi-article claims mixing gold facts", not mixed, len(mixed), 0,
              ", ".join(claim for claim, _ in mixed) or "none"),
    ]  # fmt: skip
    lines = [f"pair {label} {a[0]}-{b[0]}: {_outcome(where, miss)}" for label, a, b, where, miss in pairs]
    lines += [
        f"{label} {a[0]}-{b[0]}: {'kept apart' if miss else 'JOINED, ' + where}" for label, a, b, where, miss in looks
    ]
    lines += [build.conflict_line(label, sides, conflict) for label, sides, conflict in found]
    lines += [line for _, line in mixed]
    if build.missing:
        lines.append(f"not in this build (left out of the counts): {', '.join(sorted(build.missing))}")
    misses = [miss for *_, miss in pairs if miss is not None]
    return ClaimsResult(checks, lines + [f"error: {error}" for error in build.errors], misses)


class _Build:
    """The brief seen from a truth file: article keys resolved, phrases located and matched to facts, and what
    matching recorded about each pair of facts."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.missing: dict[str, None] = {}  # article keys with no article, in order
        self.errors: dict[str, None] = {}  # phrases not found, each once
        self.keys: dict[str, str] = {}  # article ID -> its key in the truth file
        self.facts = {fact.id: fact for fact in brief.facts}
        self.claims_of: dict[str, set[str]] = {}
        self.multi: set[str] = {claim.id for claim in brief.claims if len(set(claim.article_ids)) >= 2}
        self.joins: dict[frozenset[str], list[tuple[str, JoinBasis]]] = {}
        for claim in brief.claims:
            for fact_id in claim.fact_ids:
                self.claims_of.setdefault(fact_id, set()).add(claim.id)
            for basis in claim.joins:
                self.joins.setdefault(frozenset(basis.facts), []).append((claim.id, basis))
        kept = brief.matching.kept_apart if brief.matching else []
        self.kept: dict[frozenset[str], list[KeptApart]] = {}
        for record in kept:
            self.kept.setdefault(frozenset(record.facts), []).append(record)
        # A full list dropped records past the cap: a pair with none may have been kept apart all the same.
        self.unproposed = Loss.NOT_RECORDED if len(kept) >= MAX_KEPT_APART else Loss.NEVER_PROPOSED
        self._covering: dict[tuple[str, str], set[str]] = {}

    def article(self, key: str) -> Article | None:
        """The article whose file name is the key followed by `_` or `.`, or whose stem is the key."""
        for article in self.brief.articles:
            name = PurePath(article.path).name
            if name.startswith((key + "_", key + ".")) or PurePath(name).stem == key:
                self.keys.setdefault(article.id, key)
                return article
        self.missing[key] = None
        return None

    def present(self, side: Side) -> Side:
        return [(key, phrase) for key, phrase in side if self.article(key) is not None]

    def spans(self, key: str, phrase: str) -> list[tuple[int, int]]:
        """Every place the phrase occurs in the key's article once both are folded, as original-text spans."""
        article, wanted = self.article(key), normalize(phrase).text
        if article is None or not wanted:
            return []
        text = normalize(article.text)
        spans, at = [], text.text.find(wanted)
        while at >= 0:
            spans.append(text.source_span(at, at + len(wanted)))
            at = text.text.find(wanted, at + 1)
        if not spans:
            self.errors[f"{key}: phrase not found in {PurePath(article.path).name}: {phrase!r}"] = None
        return spans

    def covering(self, key: str, phrase: str) -> set[str]:
        """IDs of the key's article's facts whose span overlaps at least half of one place of the phrase."""
        if (key, phrase) not in self._covering:
            article, spans = self.article(key), self.spans(key, phrase)
            facts = [fact for fact in self.brief.facts if article is not None and fact.article_id == article.id]
            self._covering[key, phrase] = {
                fact.id for fact in facts for start, end in spans
                if 2 * (min(end, fact.end) - max(start, fact.start)) >= end - start
            }  # fmt: skip
        return self._covering[key, phrase]

    def ref(self, fact_id: str) -> str:
        """A fact's ID as people read it here: its article's key and its number ("002#F12.1")."""
        fact = self.facts.get(fact_id)
        key = self.keys.get(fact.article_id, fact.article_id) if fact else None
        return f"{key}#{fact_id.split('#', 1)[1]}" if key and "#" in fact_id else fact_id

    def joined(self, a: tuple[str, str], b: tuple[str, str]) -> tuple[str, Miss | None]:
        """Where the two phrases' facts are (the claim that joins them, or the claims each is in), and for a
        pair no claim joins, the furthest stage of matching any pair of their covering facts reached."""
        if unplaced := [key for key, phrase in (a, b) if not self.spans(key, phrase)]:
            return "", Miss(Loss.PHRASE_NOT_FOUND, " and ".join(f"{key}'s phrase not found" for key in unplaced))
        facts = [self.covering(*a), self.covering(*b)]
        if uncovered := [key for (key, _), ids in zip((a, b), facts, strict=True) if not ids]:
            return "", Miss(Loss.UNCOVERED, " and ".join(f"no fact covers {key}'s phrase" for key in uncovered))
        claims = [sorted({c for fact_id in ids for c in self.claims_of.get(fact_id, ())}) for ids in facts]
        if shared := sorted(set(claims[0]) & set(claims[1])):
            return f"joined in {', '.join(shared)}", None
        where = "in claims " + " vs ".join(", ".join(c) or "none" for c in claims)
        misses = [(self.pair_miss(left, right), left, right) for left, right in product(*map(sorted, facts))]
        miss, left, right = max(misses, key=lambda found: RANK[found[0].stage])  # the first of the furthest
        return f"{self.ref(left)} / {self.ref(right)} {where}", miss

    def pair_miss(self, left: str, right: str) -> Miss:
        """The furthest stage the pair of facts reached, from kept_apart, the claims' joins and where they sit."""
        pair = frozenset((left, right))
        recorded = [self.kept_miss(basis) for basis in self.kept.get(pair, [])]
        recorded += [Miss(Loss.JOINED_ELSEWHERE, f"joined elsewhere (joined by {basis.rule.value} in {claim}, "
                          "yet apart now)") for claim, basis in self.joins.get(pair, [])]  # fmt: skip
        if recorded:
            return max(recorded, key=lambda miss: RANK[miss.stage])
        if noted := [f"{self.ref(i)}: {self.facts[i].commentary}" for i in (left, right) if self.facts[i].commentary]:
            return Miss(Loss.COMMENTARY, f"commentary ({'; '.join(noted)})")
        if all(self.claims_of.get(i, set()) & self.multi for i in (left, right)):
            return Miss(Loss.JOINED_ELSEWHERE, Loss.JOINED_ELSEWHERE.value)
        if self.unproposed is Loss.NOT_RECORDED:
            return Miss(Loss.NOT_RECORDED, f"not recorded (kept_apart holds its cap of {MAX_KEPT_APART:,} pairs)")
        return Miss(Loss.NEVER_PROPOSED, Loss.NEVER_PROPOSED.value)

    def kept_miss(self, basis: KeptApart) -> Miss:
        """The stage one kept_apart record tells of, in words."""
        stage = KEPT_APART_LOSS[basis.rule]
        measures = [f"similarity {basis.similarity:.2f}"] if basis.similarity is not None else []
        measures += [f"answers {' / '.join(basis.answers)}"] if basis.answers else []
        if stage is Loss.VETOED:
            # Every guard's result is listed: which of them is the veto's is the veto field's to say, not the words'.
            words = f" ({'; '.join(basis.guards)})" if basis.guards else ""
            named = f" by {basis.veto.value}" if basis.veto else ""
            return Miss(stage, f"vetoed{named}{words}", basis.veto)
        if stage is Loss.JUDGED_APART:
            verdict = basis.verdict.value if basis.verdict else "no verdict"
            return Miss(stage, f"judged apart: {verdict} ({'; '.join(measures) or 'no answers recorded'})")
        if stage is Loss.BELOW_THRESHOLD:
            how = ": 'yes' in one order only" if basis.rule is ApartRule.ONE_YES else ""
            return Miss(stage, f"below the threshold{how} ({'; '.join(measures) or 'no measures recorded'})")
        notes = [f"its member {self.ref(basis.refused_by)} refused it"] if basis.refused_by else []
        notes += basis.guards
        holder = "".join(f" {c}" for c in sorted(self.claims_of.get(basis.refused_by or "", ())))
        return Miss(stage, f"refused by the claim{holder}" + (f" ({'; '.join(notes)})" if notes else ""))

    def mixed_claims(self, facts: list[tuple[str, Side]]) -> list[tuple[str, str]]:
        """Multi-article claims where two members of different articles each carry a gold fact and share none,
        as (claim ID, a line showing each member's gold facts)."""
        carried: dict[str, set[str]] = {}
        for label, side in facts:
            for key, phrase in side:
                for fact_id in self.covering(key, phrase):
                    carried.setdefault(fact_id, set()).add(label)
        mixed = []
        for claim in self.brief.claims:
            if claim.id not in self.multi:
                continue
            members = sorted((self.ref(i), self.facts[i].article_id, carried.get(i, set()))
                             for i in claim.fact_ids if i in self.facts)  # fmt: skip
            if any(a != b and x and y and not x & y for (_, a, x), (_, b, y) in combinations(members, 2)):
                held = "; ".join(f"{ref} -> {', '.join(sorted(gold)) or 'none'}" for ref, _, gold in members)
                mixed.append((claim.id, f'MIXED claim {claim.id} "{claim.statement[:80]}": {held}'))
        return mixed

    def side_covers(self, side: ConflictSide, truth_side: Side) -> bool:
        """A conflict side's facts cover one of the truth side's phrases, or its quotes contain one."""
        for key, phrase in truth_side:
            article, wanted = self.article(key), normalize(phrase).text
            quoted = (
                article is not None
                and article.id in side.article_ids
                and any(wanted in normalize(quote).text for quote in side.quotes)
            )
            if quoted or self.covering(key, phrase) & set(side.fact_ids):
                return True
        return False

    def find_conflict(self, sides: list[Side]) -> Conflict | None:
        """The first brief conflict with one side covering one truth side and another side another."""
        for conflict in self.brief.conflicts:
            covers = [{i for i, truth in enumerate(sides) if self.side_covers(s, truth)} for s in conflict.sides]
            if any(i != j for x, y in permutations(covers, 2) for i in x for j in y):
                return conflict
        return None

    def conflict_line(self, label: str, sides: list[Side], conflict: Conflict | None) -> str:
        if conflict is not None:
            return f"conflict {label}: found as {conflict.id} ({conflict.subject}: {conflict.attribute})"
        covered = "; ".join(f"{key}'s phrase {'covered' if self.covering(key, phrase) else 'not covered'} by a fact"
                            for side in sides for key, phrase in side)  # fmt: skip
        return f"conflict {label}: MISSED, no brief conflict has both sides ({covered})"


def _outcome(where: str, miss: Miss | None) -> str:
    if miss is None:
        return where
    return f"MISSED, {miss.detail}" + (f"; {where}" if where else "")


def _entries(truth: dict[str, Any], name: str) -> list[dict[str, Any]]:
    entries = truth.get(name) or []
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise ValueError(f"{name}: expected a list of mappings")
    return entries


def _sides(value: object, n: int, build: _Build) -> list[Side]:
    if not isinstance(value, list):
        raise ValueError(f"conflicts[{n}].sides: expected a list")
    return [build.present(_side(side, f"conflicts[{n}].sides[{k}]")) for k, side in enumerate(value)]


def _side(value: object, where: str) -> Side:
    if not isinstance(value, dict) or not value:
        raise ValueError(f"{where}: expected a mapping of article key to phrase")
    return [(str(key), str(phrase)) for key, phrase in value.items()]
