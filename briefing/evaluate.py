"""A build against its ground truth. Pure.

`evaluate`: a corpus's expected.yaml (planted conflicts, single-source labels, leaks). `evaluate_claims`: a
person's claims.yaml (which sentences of different articles state one fact, which only look alike, where the
articles disagree), scored on the brief's claims and conflicts. `evaluate_changes`: a build with --since against
the changes a person expects (expected-changes.yaml).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations, permutations
from pathlib import PurePath
from typing import Any

from .lexicon import ROLE_HEADS
from .models import Article, Brief, Change, ChangeKind, Claim, Conflict, ConflictSide
from .textnorm import normalize

Side = list[tuple[str, str]]  # (article key, phrase) pairs of one claims.yaml entry


@dataclass(frozen=True)
class Check:
    """One line of the evaluation table."""

    name: str
    passed: bool
    found: int
    expected: int
    detail: str


def evaluate(brief: Brief, markdown: str, expected: dict[str, Any]) -> list[Check]:
    """Compare a build with the ground truth; every check says what it found and what it wanted."""
    sources = _source_ids(brief, expected)
    conflicts = expected.get("conflicts", [])
    matched = {c["id"]: _find_conflict(brief.conflicts, c, sources) for c in conflicts}
    found = [key for key, conflict in matched.items() if conflict is not None]
    planted_ids = {conflict.id for conflict in matched.values() if conflict is not None}
    extra = [c for c in brief.conflicts if c.id not in planted_ids]
    singles = [
        (item, _find_claim(brief, item["words"], sources.get(item["source"])))
        for item in expected.get("single_source", [])
    ]
    labelled = [item["id"] for item, claim in singles if claim is not None and claim.single_source]
    missing = [item["id"] for item, claim in singles if claim is None]
    leaks = [line for line in expected.get("must_not_show", []) if _leaked(line, markdown)]
    shown = [item["id"] for item in expected.get("must_show", []) if _find_claim(brief, item["words"], None)]
    return [
        Check("planted conflicts reported with both sides' quotes", len(found) == len(conflicts), len(found),
              len(conflicts), ", ".join(sorted(set(matched) - set(found))) or "all found"),
        Check("conflicts reported that are not planted", not extra, len(extra), 0,
              "; ".join(f"{c.subject}: {' vs '.join(s.value for s in c.sides)}" for c in extra) or "none"),
        Check("single-source claims labelled single-source", len(labelled) == len(singles), len(labelled),
              len(singles), ("not extracted: " + ", ".join(missing)) if missing else "all labelled"),
        Check("boilerplate or unrelated lines in the brief", not leaks, len(leaks), 0, "; ".join(leaks) or "none"),
        Check("expected facts shown", len(shown) == len(expected.get("must_show", [])), len(shown),
              len(expected.get("must_show", [])), ", ".join(i["id"] for i in expected.get("must_show", []) if i["id"] not in shown) or "all shown"),  # noqa: E501
    ]  # fmt: skip


def _source_ids(brief: Brief, expected: dict[str, Any]) -> dict[str, str]:
    by_file = {PurePath(a.path).name: a.id for a in brief.articles}
    return {key: by_file[spec["file"]] for key, spec in expected.get("articles", {}).items() if spec["file"] in by_file}


def _value_matches(wanted: str, value: str) -> bool:
    wanted, value = normalize(wanted).text, normalize(value).text
    role = ROLE_HEADS.get(wanted)
    return wanted in value or (role is not None and role == value.removeprefix("former "))


def _find_conflict(conflicts: list[Conflict], planted: dict[str, Any], sources: dict[str, str]) -> Conflict | None:
    for conflict in conflicts:
        sides_ok = all(
            any(_value_matches(str(side["value"]), s.value) and s.quotes and
                {sources[k] for k in side["sources"] if k in sources} & set(s.article_ids) for s in conflict.sides)
            for side in planted["sides"]
        )  # fmt: skip
        if sides_ok:
            return conflict
    return None


def _find_claim(brief: Brief, words: list[str], article_id: str | None) -> Claim | None:
    facts = {f.id: f for f in brief.facts}
    for claim in brief.claims:
        if article_id is not None and article_id not in claim.article_ids:
            continue
        text = normalize(claim.statement + " " + " ".join(facts[i].quote for i in claim.fact_ids)).text
        if all(normalize(str(w)).text in text for w in words):
            return claim
    return None


def _leaked(line: str, markdown: str) -> bool:
    # Compared after folding, so an escaped or re-spaced copy of the line is found too.
    folded = " ".join(normalize(markdown.replace("\\", "")).text.split())
    return " ".join(normalize(line).text.split()) in folded


# --- claims.yaml ----------------------------------------------------------------------------------------------


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


# --- expected changes (brief build --since) ---------------------------------------------------------------------

CHANGE_KINDS = {kind.value: kind for kind in ChangeKind}


def evaluate_changes(brief: Brief, expected: dict[str, Any]) -> list[Check]:
    """Compare a build's change list with an expected-changes file, kind by kind and exactly: every expected
    change is found, and each change found is one expected change (one to one). Raises ValueError when `expected`
    does not have the expected-changes shape or the brief was not built with --since."""
    if brief.changes is None:
        raise ValueError("the brief has no change list: build it with --since PREVIOUS/brief.json")
    if not isinstance(expected, dict) or not isinstance(expected.get("changes", {}), dict):
        raise ValueError("expected a mapping with articles and changes (a mapping of kind to a list)")
    keys = _article_keys(brief, expected.get("articles") or {})
    checks = []
    for field, ids in (("added", brief.changes.articles_added), ("removed", brief.changes.articles_removed)):
        wanted = {keys.get(i, i) for i in ids}
        listed = set(expected.get(field) or [])
        checks.append(Check(f"articles {field}", wanted == listed, len(wanted & listed), len(listed),
                            _difference(wanted, listed)))  # fmt: skip
    for name, entries in (expected.get("changes") or {}).items():
        if name not in CHANGE_KINDS or not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ValueError(f"changes.{name}: expected one of {', '.join(CHANGE_KINDS)} with a list of mappings")
    for kind in ChangeKind:
        entries = (expected.get("changes") or {}).get(kind.value) or []
        found = brief.changes.of(kind)
        pairs = _one_to_one(entries, found, lambda entry, change: _change_matches(entry, change, keys))
        missing = [str(e.get("id", n)) for n, e in enumerate(entries) if n not in pairs]
        extra = [found[i].text for i in range(len(found)) if i not in pairs.values()]
        detail = "; ".join(part for part in (
            f"missing: {', '.join(missing)}" if missing else "", f"unexpected: {' | '.join(extra)}" if extra else "",
        ) if part) or "as expected"  # fmt: skip
        checks.append(Check(f"{kind.value.replace('_', ' ')} changes", not missing and not extra, len(pairs),
                            len(entries), detail))  # fmt: skip
    return checks


def _article_keys(brief: Brief, articles: dict[str, Any]) -> dict[str, str]:
    """Article ID (of either brief) -> its key in the expected file, by the end of its path."""
    assert brief.changes is not None
    paths = [(a.id, a.path) for a in brief.articles] + [(a.id, a.path) for a in brief.changes.previous_articles]
    keys: dict[str, str] = {}
    for key, suffix in articles.items():
        wanted = posixpath.normpath(str(suffix).replace("\\", "/"))
        for article_id, path in paths:
            normal = posixpath.normpath(path.replace("\\", "/"))
            if normal == wanted or normal.endswith("/" + wanted):
                keys[article_id] = str(key)
    return keys


def _change_matches(entry: dict[str, Any], change: Change, keys: dict[str, str]) -> bool:
    quotes = change.quotes + change.previous_quotes
    text = normalize(" ".join([change.text, *(q.quote for q in quotes)])).text
    if not all(normalize(str(word)).text in text for word in entry.get("words") or []):
        return False
    sources = {keys.get(q.article_id, q.article_id) for q in quotes}
    if not {str(s) for s in entry.get("sources") or []} <= sources:
        return False
    for field, value in (("before", change.before), ("after", change.after)):
        if field in entry and (value is None or not _value_matches(str(entry[field]), value)):
            return False
    if "values" in entry and not all(any(_value_matches(str(w), v) for v in change.values) for w in entry["values"]):
        return False
    independent = entry.get("independent")
    return independent is None or list(independent) == [change.independent_before, change.independent_now]


def _one_to_one(
    entries: list[dict[str, Any]], found: list[Change], fits: Callable[[dict[str, Any], Change], bool]
) -> dict[int, int]:
    """The most entry -> change pairs where the entry fits the change, each used once (augmenting paths)."""
    options = [[i for i, change in enumerate(found) if fits(entry, change)] for entry in entries]
    owner: dict[int, int] = {}  # change -> entry

    def place(entry: int, seen: set[int]) -> bool:
        for change in options[entry]:
            if change not in seen:
                seen.add(change)
                if change not in owner or place(owner[change], seen):
                    owner[change] = entry
                    return True
        return False

    for entry in range(len(entries)):
        place(entry, set())
    return {entry: change for change, entry in owner.items()}


def _difference(found: set[str], wanted: set[str]) -> str:
    parts = [f"not expected: {', '.join(sorted(found - wanted))}" if found - wanted else "",
             f"missing: {', '.join(sorted(wanted - found))}" if wanted - found else ""]  # fmt: skip
    return "; ".join(p for p in parts if p) or "as expected"
