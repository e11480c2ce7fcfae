"""A build against its ground truth. Pure.

`evaluate`: a corpus's expected.yaml (planted conflicts, single-source labels, leaks). `evaluate_changes`: a
build with --since against the changes a person expects (expected-changes.yaml). A person's claims.yaml is
evaluate_claims.py's.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from ..models import Brief, Change, ChangeKind, Claim, Conflict
from ..text.lexicon import ROLE_HEADS
from ..text.normalize import normalize


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
