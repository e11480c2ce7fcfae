"""Time and peak memory of each deterministic stage on synthetic corpora; fitted growth exponents.

Usage: python bench/stages.py [--sizes 10 100 1000 5000] [--repeat 3] [--memory-up-to 5000] [--embed-up-to 1000]
                              [--gc-default | --gc-off]
       python bench/stages.py --single N --dump DIR   (one run; each stage's output written to DIR)
"match" is same-fact matching without a judge (features, nearest neighbours, guards, decisions); the one-off
embedding of every fact's quote it needs is timed apart ("embed", not in the total), with the real embedder up
to --embed-up-to articles and seeded random unit vectors above (said in the output), since 100,000 quotes take
minutes to embed on 2 cores.
Runs under the garbage-collector setting `brief build` uses (cli.batch_collector); --gc-default measures the
interpreter's defaults instead (what a library caller's process has), --gc-off no cyclic collection at all.
The corpus (bench/synthetic.py) is written to files; "sources" reads them as `brief build` does (worker processes
from 64 files on). Every run starts with empty caches. Prints Markdown tables: the median of --repeat runs for
time (one run above 1,000 articles), and the tracemalloc peak of one more run per stage for memory.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import all_raw_facts, as_brief, corpus

from briefing.checks.crosscheck import crosscheck
from briefing.cli import batch_collector
from briefing.facts.atomize import atomize
from briefing.facts.features import read_features
from briefing.facts.ground import ground_facts
from briefing.inputs import sources
from briefing.matching.candidates import propose
from briefing.matching.guards import Profile, common_stems
from briefing.matching.joining import ClaimBuilder, Joined
from briefing.matching.merge import merge_facts
from briefing.matching.run import rule_groups
from briefing.memo import build_caches
from briefing.model.embed import Embedder
from briefing.model.gazetteer import load_gazetteer
from briefing.model.parse import parse_articles
from briefing.page.layout import compose
from briefing.page.render import render_markdown, render_review_html
from briefing.text.actors import who_is_who

PARALLEL_FROM_FILES = sources.PARALLEL_FROM_FILES
STAGES = [
    "sources", "parse", "ground", "features", "match", "merge", "crosscheck", "compose", "render md", "render html"
]  # fmt: skip
EMBED_UP_TO = 1000


def run_once(n: int, measure_memory: bool, dump: Path | None = None) -> dict[str, tuple[float, float]]:
    """Each stage's (seconds, peak MiB) for one corpus of n articles; called once per process (run_fresh), so
    every cache starts empty, as in a fresh `brief build`. With dump, each stage's output is also written there
    (one file a stage), so two commits' outputs can be compared with `diff -r`."""
    # A dump's corpus sits in a fixed folder: the articles' paths are part of the outputs compared.
    folder = Path(tempfile.gettempdir(), "brief-bench-dump") if dump else Path(tempfile.mkdtemp(prefix="brief-bench-"))
    folder.mkdir(exist_ok=True)
    for number, text in enumerate(corpus(n)):
        (folder / f"story{number:05}.txt").write_text(text, encoding="utf-8")
    # tracemalloc sees this process only: memory runs read the files here, time runs as `brief build` does.
    sources.PARALLEL_FROM_FILES = 10**9 if measure_memory else PARALLEL_FROM_FILES
    results: dict[str, tuple[float, float]] = {}

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

    caches = build_caches()  # one build's caches, as `brief build` has
    caches.__enter__()
    articles = stage("sources", lambda: sources.load_articles([folder]).articles)
    shutil.rmtree(folder)
    raw = all_raw_facts(articles)
    parses = stage("parse", lambda: parse_articles(articles))
    pairs = stage("ground", lambda: [
        [part for fact in ground_facts(a, f)[0] for part in atomize(a, fact, parses)]
        for a, f in zip(articles, raw, strict=True)
    ])  # fmt: skip
    facts = [g for grounded in pairs for g in grounded]
    published = {a.id: a.published for a in articles}
    started = time.perf_counter()
    if n <= EMBED_UP_TO:
        vectors = Embedder.load().embed([f.quote for f in facts])
    else:
        vectors = numpy.random.default_rng(5).standard_normal((len(facts), 384)).astype(numpy.float32)
        vectors /= numpy.linalg.norm(vectors, axis=1, keepdims=True)
    results["_embed"] = (time.perf_counter() - started, float(n <= EMBED_UP_TO))

    # What matching, merge and cross-check read in each fact, read once (as the pipeline does); timed apart.
    gazetteer = load_gazetteer()  # a file read once a build, like the embedder's load: not a stage of its own
    features = stage("features", lambda: read_features(facts, published, parses, who_is_who(parses, gazetteer)))
    decided = stage("match", lambda: match_without_judge(facts, vectors, features))
    claims = stage("merge", lambda: merge_facts(facts, features, decided.links, decided.vetoed))
    checked = stage("crosscheck", lambda: crosscheck(articles, facts, claims, features=features))
    brief = as_brief(articles, facts, checked)
    page = stage("compose", lambda: compose(brief, keep=40))
    markdown = stage("render md", lambda: render_markdown(page, brief))
    html = stage("render html", lambda: render_review_html(page, brief))
    caches.__exit__(None, None, None)
    if dump is not None:
        write_dump(dump, {
            "ground": [f.model_dump(mode="json") for f in facts], "features": features, "match": decided,
            "merge": claims, "crosscheck": checked, "compose": page, "render md": markdown, "render html": html,
        })  # fmt: skip
    results["_counts"] = (float(len(facts)), float(len(checked.conflicts)))
    return results


def as_plain(value: Any) -> Any:
    """A pydantic record as its JSON data, anything else as its repr."""
    return value.model_dump(mode="json") if hasattr(value, "model_dump") else repr(value)


def write_dump(folder: Path, outputs: dict[str, Any]) -> None:
    """Each stage's output as text: JSON where it is pydantic data or plain lists, else its repr (dataclasses and
    their fields print in a fixed order, so equal outputs write equal files)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, value in outputs.items():
        if isinstance(value, str):
            text = value
        elif hasattr(value, "model_dump_json"):
            text = value.model_dump_json(indent=1)
        elif isinstance(value, list):
            text = json.dumps(value, indent=1, sort_keys=True, default=as_plain)
        elif isinstance(value, dict):
            text = "\n".join(f"{key}: {item!r}" for key, item in sorted(value.items()))
        else:
            text = repr(value)
        (folder / f"{name.replace(' ', '_')}.txt").write_text(text, encoding="utf-8")


def match_without_judge(facts: list[Any], vectors: Any, features: dict[str, Any]) -> Joined:
    """Same-fact matching as a build with --no-judge runs it: proposals, guards, merge's rule groups, the claim
    builder (only pairs above the strict similarity join)."""
    proposals = propose(facts, vectors, features)
    common = common_stems(list(features.values()))
    profiles = [Profile.of(f, features[f.id], common) for f in facts]
    groups, guarded = rule_groups(facts, features, profiles)
    builder = ClaimBuilder(facts, proposals, profiles, vectors, judging=False, groups=groups, apart=guarded)
    builder.advance()
    return builder.result()


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(time) on log(n)."""
    xs, ys = [math.log(n) for n in sizes], [math.log(max(s, 1e-6)) for s in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def print_tables(sizes: list[int], times: dict[int, dict[str, float]], memory: dict[int, dict[str, float]]) -> None:
    """Markdown: seconds per stage with two growth exponents (from two sizes on), then peak memory per stage."""
    if len(sizes) < 2:
        print(f"| stage | {sizes[0]} articles |\n|---|---|")
        for stage_name in [*STAGES, "total"]:
            seconds = sum(times[sizes[0]].values()) if stage_name == "total" else times[sizes[0]][stage_name]
            print(f"| {stage_name} | {seconds:.3f} s |")
        return
    big, bigger = sizes[-2], sizes[-1]
    # The exponent n log n has between the two largest sizes: growth at or under it meets "no worse than n log n".
    n_log_n = 1 + math.log(math.log(bigger) / math.log(big)) / math.log(bigger / big)
    print(f"| stage | {' | '.join(f'{n} articles' for n in sizes)} | exponent, all sizes | exponent, {big}->{bigger} |")
    print("|---|" + "---|" * (len(sizes) + 2))
    for stage_name in [*STAGES, "total"]:
        row = [sum(times[n].values()) if stage_name == "total" else times[n][stage_name] for n in sizes]
        cells = " | ".join(f"{t:.3f} s" for t in row)
        last = exponent([big, bigger], row[-2:])
        print(f"| {stage_name} | {cells} | {exponent(sizes, row):.2f} | {last:.2f} |")
    print(f"\nn log n between {big} and {bigger} articles is an exponent of {n_log_n:.2f}.")
    if memory:
        measured = sorted(memory)
        print(f"\n| peak MiB (tracemalloc) | {' | '.join(f'{n} articles' for n in measured)} |")
        print("|---|" + "---|" * len(measured))
        for stage_name in STAGES:
            print(f"| {stage_name} | {' | '.join(f'{memory[n][stage_name]:.1f}' for n in measured)} |")


def run_fresh(n: int, measure_memory: bool, flags: list[str]) -> dict[str, tuple[float, float]]:
    """run_once in a new Python process: each measurement starts as `brief build` does, with nothing left over
    from an earlier one (a second corpus in one process ran up to 40% slower)."""
    command = [sys.executable, __file__, "--single", str(n), *flags] + ["--memory"] * measure_memory
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return {name: (pair[0], pair[1]) for name, pair in json.loads(output).items()}


def main() -> None:
    global EMBED_UP_TO
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-up-to", type=int, default=1000, help="largest size measured with tracemalloc")
    parser.add_argument("--embed-up-to", type=int, default=EMBED_UP_TO, help="largest size embedded for real")
    collector = parser.add_mutually_exclusive_group()
    collector.add_argument("--gc-default", action="store_true", help="the interpreter's own collector setting")
    collector.add_argument("--gc-off", action="store_true", help="no cyclic garbage collection at all (diagnosis)")
    parser.add_argument("--single", type=int, help=argparse.SUPPRESS)  # one run, in this process, as JSON
    parser.add_argument("--memory", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help="with --single: write each stage's output to this folder")
    args = parser.parse_args()
    if args.single:
        EMBED_UP_TO = args.embed_up_to
        if args.gc_off:
            gc.disable()
        setting = contextlib.nullcontext() if args.gc_default or args.gc_off else batch_collector()
        with setting:
            print(json.dumps(run_once(args.single, measure_memory=args.memory, dump=args.dump)))
        return
    flags = ["--gc-default"] * args.gc_default + ["--gc-off"] * args.gc_off + ["--embed-up-to", str(args.embed_up_to)]
    times: dict[int, dict[str, float]] = {}
    memory: dict[int, dict[str, float]] = {}
    counts: dict[int, tuple[float, float]] = {}
    embeds: dict[int, tuple[float, bool]] = {}
    for n in args.sizes:
        runs = [run_fresh(n, False, flags) for _ in range(args.repeat if n <= 1000 else 1)]
        times[n] = {s: statistics.median(r[s][0] for r in runs) for s in STAGES}
        counts[n] = runs[0]["_counts"]
        embeds[n] = (statistics.median(r["_embed"][0] for r in runs), runs[0]["_embed"][1] > 0)
        if n <= args.memory_up_to:
            memory[n] = {s: v[1] for s, v in run_fresh(n, True, flags).items() if s in STAGES}
        print(f"n={n}: " + ", ".join(f"{s} {times[n][s]:.2f}s" for s in STAGES), file=sys.stderr)
    print_tables(args.sizes, times, memory)
    print()
    print("facts / conflicts: " + ", ".join(f"{n}: {int(c[0])} / {int(c[1])}" for n, c in counts.items()))
    print("embedding every fact's quote, one-off, not in the totals: " + ", ".join(
        f"{n}: {s:.1f} s ({s * 1000 / counts[n][0]:.1f} ms a fact, model load included)" if real
        else f"{n}: random unit vectors (not embedded)" for n, (s, real) in embeds.items()))


if __name__ == "__main__":
    main()
