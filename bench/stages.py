"""Time and peak memory of each deterministic stage on synthetic corpora; fitted growth exponent.

Usage: python bench/stages.py [--sizes 10 100 1000 5000] [--repeat 3]
Prints a Markdown table (median of --repeat runs for time; tracemalloc peak of one run for memory).
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import all_raw_facts, corpus, parse

from briefing.compose import compose
from briefing.crosscheck import crosscheck
from briefing.ground import ground_facts
from briefing.llm import ModelConfig
from briefing.merge import merge_facts
from briefing.models import ArticleReport, Brief, ModelInfo
from briefing.render import render_markdown, render_review_html

STAGES = ["sources", "ground", "merge", "crosscheck", "compose", "render md", "render html"]


def run_once(n: int, measure_memory: bool) -> dict[str, tuple[float, float]]:
    """Each stage's (seconds, peak MiB) for one corpus of n articles."""
    _clear_caches()
    texts = corpus(n)
    results: dict[str, tuple[float, float]] = {}
    state: dict[str, Any] = {}

    def stage(name: str, work: Callable[[], Any]) -> Any:
        if measure_memory:
            tracemalloc.start()
        started = time.perf_counter()
        value = work()
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20 if measure_memory else 0.0
        if measure_memory:
            tracemalloc.stop()
        results[name] = (elapsed, peak)
        return value

    articles = stage("sources", lambda: parse(texts))
    raw = all_raw_facts(articles)
    pairs = stage("ground", lambda: [ground_facts(a, f) for a, f in zip(articles, raw, strict=True)])
    facts = [g for grounded, _ in pairs for g in grounded]
    published = {a.id: a.published for a in articles}
    claims = stage("merge", lambda: merge_facts(facts, published))
    checked = stage("crosscheck", lambda: crosscheck(articles, facts, claims))
    config = ModelConfig(model="bench", base_url=None, api_key="x")
    brief = Brief(version="bench", model=ModelInfo(name=config.model, endpoint="-", embedded=False),
                  articles=articles, facts=facts, rejections=[], claims=checked.claims,
                  reports=[ArticleReport(article_id=a.id) for a in articles], conflicts=checked.conflicts,
                  aliases=checked.aliases, copies=checked.copies)  # fmt: skip
    page = stage("compose", lambda: compose(brief, keep=40))
    stage("render md", lambda: render_markdown(page, brief))
    stage("render html", lambda: render_review_html(page, brief))
    state["facts"] = len(facts)
    state["claims"] = len(checked.claims)
    state["conflicts"] = len(checked.conflicts)
    results["_counts"] = (float(len(facts)), float(len(checked.conflicts)))
    return results


def _clear_caches() -> None:
    """Every run starts cold, as a fresh `brief build` does: the package's lru_caches are emptied."""
    for name, module in list(sys.modules.items()):
        if name == "briefing" or name.startswith("briefing."):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) on log(n)."""
    xs, ys = [math.log(n) for n in sizes], [math.log(max(s, 1e-6)) for s in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-up-to", type=int, default=1000, help="largest size measured with tracemalloc")
    args = parser.parse_args()
    times: dict[int, dict[str, float]] = {}
    memory: dict[int, dict[str, float]] = {}
    counts: dict[int, tuple[float, float]] = {}
    for n in args.sizes:
        runs = [run_once(n, measure_memory=False) for _ in range(args.repeat if n <= 1000 else 1)]
        times[n] = {s: statistics.median(r[s][0] for r in runs) for s in STAGES}
        counts[n] = runs[0]["_counts"]
        if n <= args.memory_up_to:
            memory[n] = {s: v[1] for s, v in run_once(n, measure_memory=True).items() if s in STAGES}
        print(f"n={n}: " + ", ".join(f"{s} {times[n][s]:.2f}s" for s in STAGES), file=sys.stderr)
    print("| stage | " + " | ".join(f"{n} articles" for n in args.sizes) + " | growth exponent |")
    print("|---|" + "---|" * (len(args.sizes) + 1))
    for stage_name in [*STAGES, "total"]:
        row = [sum(times[n].values()) if stage_name == "total" else times[n][stage_name] for n in args.sizes]
        mem = "" if stage_name == "total" else " / ".join(f"{memory[n][stage_name]:.0f}" for n in memory)
        cells = " | ".join(f"{t:.3f} s" for t in row)
        print(f"| {stage_name} | {cells} | {exponent(args.sizes, row):.2f} |" + (f" peak MiB {mem}" if mem else ""))
    print()
    print("facts / conflicts: " + ", ".join(f"{n}: {int(c[0])} / {int(c[1])}" for n, c in counts.items()))


if __name__ == "__main__":
    main()
