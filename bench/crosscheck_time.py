"""Time the deterministic back half (merge + cross-check) on a finished build.

Usage: python bench/crosscheck_time.py OUT_DIR [--repeat N]
Reads OUT_DIR/brief.json (articles and grounded facts), re-runs merge and cross-check N times, prints the
median and what the cross-check found. No model is called.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from briefing.assembly import published_dates
from briefing.checks.crosscheck import crosscheck
from briefing.facts.features import read_features
from briefing.matching.merge import merge_facts
from briefing.models import Brief


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    brief = Brief.model_validate_json((args.out / "brief.json").read_text(encoding="utf-8"))
    timings = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        features = read_features(brief.facts, published_dates(brief.articles, brief.facts))  # as the pipeline does
        result = crosscheck(brief.articles, brief.facts, merge_facts(brief.facts, features), features=features)
        timings.append(time.perf_counter() - started)
    print(f"{len(brief.articles)} articles, {len(brief.facts)} facts -> {len(result.claims)} claims")
    print(f"merge + cross-check: median {statistics.median(timings) * 1000:.1f} ms over {args.repeat} runs "
          f"(first run {timings[0] * 1000:.1f} ms)")  # fmt: skip
    print(f"copies of one story: {result.copies or 'none'}")
    print(f"claims from more than one independent source: {sum(c.independent > 1 for c in result.claims)}")
    print(f"claims with unsupported details: {sum(bool(c.unsupported) for c in result.claims)}")
    for conflict in result.conflicts:
        sides = " vs ".join(f"{s.value!r} ({', '.join(s.article_ids)})" for s in conflict.sides)
        print(f"conflict [{conflict.kind.value}] {conflict.subject}: {sides}")


if __name__ == "__main__":
    main()
