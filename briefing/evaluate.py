"""A build against its corpus's expected.yaml: planted conflicts, single-source labels, leaks. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from .entities import ROLE_HEADS
from .models import Brief, Claim, Conflict
from .textnorm import normalize


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
