"""A build against a person's claims.yaml. Pure.

claims.yaml says which sentences of different articles state one fact (gold pairs), which only look alike, and
where the articles disagree. `evaluate_claims` scores the brief's claims and conflicts on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, permutations
from pathlib import PurePath
from typing import Any

from .evaluate import Check
from .models import Article, Brief, Conflict, ConflictSide
from .textnorm import normalize

Side = list[tuple[str, str]]  # (article key, phrase) pairs of one claims.yaml entry


@dataclass(frozen=True)
class ClaimsResult:
    """The claims.yaml checks, and one line for each pair and conflict saying how it scored and why."""

    checks: list[Check]
    lines: list[str]


def evaluate_claims(brief: Brief, truth: dict[str, Any], min_pairs: int | None = None) -> ClaimsResult:
    """Score the brief's merging against claims.yaml; article keys not in the build are left out of the counts.

    A gold pair is joined when one claim holds facts of both articles covering both phrases; `min_pairs` of them
    must be (default: all). Raises ValueError when `truth` does not have the claims.yaml shape.
    """
    if not isinstance(truth, dict):
        raise ValueError("expected a mapping with claims, distinct and conflicts lists")
    build = _Build(brief)
    gold = [(str(c.get("id", f"claims[{n}]")), pair) for n, c in enumerate(_entries(truth, "claims"))
            for pair in combinations(build.present(_side(c.get("in"), f"claims[{n}].in")), 2)]  # fmt: skip
    distinct = [(f"look-alike {n + 1} ({d.get('why', '')})", (a, b)) for n, d in enumerate(_entries(truth, "distinct"))
                for a in build.present(_side(d.get("a"), f"distinct[{n}].a"))
                for b in build.present(_side(d.get("b"), f"distinct[{n}].b"))]  # fmt: skip
    conflicts = [(str(c.get("id", f"conflicts[{n}]")), sides) for n, c in enumerate(_entries(truth, "conflicts"))
                 if len(sides := [s for s in _sides(c.get("sides"), n, build) if s]) >= 2]  # fmt: skip
    pairs = [(label, a, b, *build.joined(a, b)) for label, (a, b) in gold]
    looks = [(label, a, b, *build.joined(a, b)) for label, (a, b) in distinct]
    found = [(label, sides, build.find_conflict(sides)) for label, sides in conflicts]
    joined = sum(1 for *_, ok, _ in pairs if ok)
    needed = len(pairs) if min_pairs is None else min_pairs
    missed = ", ".join(f"{label} {a[0]}-{b[0]}" for label, a, b, ok, _ in pairs if not ok) or "none"
    wrong = [f"{label} {a[0]}-{b[0]}" for label, a, b, ok, _ in looks if ok]
    lost = [label for label, _, conflict in found if conflict is None]
    checks = [
        Check("gold article pairs joined", joined >= needed, joined, len(pairs),
              (f"at least {needed} needed; " if min_pairs is not None else "") + f"missed: {missed}"),
        Check("look-alike pairs joined", not wrong, len(wrong), 0, "; ".join(wrong) or "none"),
        Check("conflicts found", not lost, len(found) - len(lost), len(found), f"missed: {', '.join(lost) or 'none'}"),
    ]  # fmt: skip
    lines = [f"pair {label} {a[0]}-{b[0]}: {'' if ok else 'MISSED, '}{why}" for label, a, b, ok, why in pairs]
    lines += [f"{label} {a[0]}-{b[0]}: {'JOINED, ' + why if ok else 'kept apart'}" for label, a, b, ok, why in looks]
    lines += [build.conflict_line(label, sides, conflict) for label, sides, conflict in found]
    if build.missing:
        lines.append(f"not in this build (left out of the counts): {', '.join(sorted(build.missing))}")
    return ClaimsResult(checks, lines + [f"error: {error}" for error in build.errors])


class _Build:
    """The brief seen from a truth file: article keys resolved, phrases located and matched to facts."""

    def __init__(self, brief: Brief) -> None:
        self.brief = brief
        self.missing: dict[str, None] = {}  # article keys with no article, in order
        self.errors: dict[str, None] = {}  # phrases not found, each once
        self.claims_of: dict[str, set[str]] = {}
        for claim in brief.claims:
            for fact_id in claim.fact_ids:
                self.claims_of.setdefault(fact_id, set()).add(claim.id)

    def article(self, key: str) -> Article | None:
        """The article whose file name is the key followed by `_` or `.`, or whose stem is the key."""
        for article in self.brief.articles:
            name = PurePath(article.path).name
            if name.startswith((key + "_", key + ".")) or PurePath(name).stem == key:
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
        article, spans = self.article(key), self.spans(key, phrase)
        facts = [fact for fact in self.brief.facts if article is not None and fact.article_id == article.id]
        return {fact.id for fact in facts for start, end in spans
                if 2 * (min(end, fact.end) - max(start, fact.start)) >= end - start}  # fmt: skip

    def joined(self, a: tuple[str, str], b: tuple[str, str]) -> tuple[bool, str]:
        """Whether one claim holds facts covering both phrases, and if not, why not."""
        if unplaced := [key for key, phrase in (a, b) if not self.spans(key, phrase)]:
            return False, " and ".join(f"{key}'s phrase not found" for key in unplaced)
        facts = [self.covering(*a), self.covering(*b)]
        if uncovered := [key for (key, _), ids in zip((a, b), facts, strict=True) if not ids]:
            return False, " and ".join(f"no fact covers {key}'s phrase" for key in uncovered)
        claims = [sorted({c for fact_id in ids for c in self.claims_of.get(fact_id, ())}) for ids in facts]
        if shared := sorted(set(claims[0]) & set(claims[1])):
            return True, f"joined in {', '.join(shared)}"
        return False, "covered but in different claims (" + " vs ".join(", ".join(c) or "none" for c in claims) + ")"

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
