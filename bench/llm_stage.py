"""The LLM stage against a loopback OpenAI-compatible server that answers every request after a fixed delay.

Usage: python bench/llm_stage.py [--articles 20] [--delay 1.0] [--concurrency 1 5 20]
Prints wall time as a ratio to one call, requests per article, and a second run served from the cache.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from briefing.inputs.sources import parse_article  # noqa: E402
from briefing.model.config import ModelConfig  # noqa: E402
from briefing.models import Article  # noqa: E402
from briefing.pipeline import build_brief  # noqa: E402
from tests.fake_openai import FakeOpenAI  # noqa: E402


def articles(count: int) -> list[Article]:
    """Short distinct articles of one chunk each."""
    return [
        parse_article(f"Story {n} begins at berth {n}. Crane {n} stood idle for {n + 2} hours.\n", f"story{n}.txt")
        for n in range(count)
    ]


def timed_build(
    fake: FakeOpenAI, corpus: list[Article], concurrency: int, cache: Path | None
) -> tuple[float, int]:
    """Seconds for the LLM stage (extraction, grounding, merge, cross-check) and the requests the server saw."""
    config = ModelConfig(model="bench", base_url=fake.url, api_key="bench", timeout=60)
    before = len(fake.bodies)
    started = time.perf_counter()
    build_brief(corpus, model=config, concurrency=concurrency, cache=cache)
    return time.perf_counter() - started, len(fake.bodies) - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = articles(args.articles)
    with FakeOpenAI([("hang", args.delay)] * 100_000) as fake:
        timed_build(fake, corpus[:1], 1, None)  # warm-up: imports and first connection
        one = statistics.median(timed_build(fake, corpus[:1], 1, None)[0] for _ in range(args.repeat))
        print(f"one call: {one:.2f} s (server delay {args.delay:.1f} s)")
        print("| concurrency | wall (median) | wall / one call | requests per article |")
        print("|---|---|---|---|")
        for concurrency in args.concurrency:
            runs = [timed_build(fake, corpus, concurrency, None) for _ in range(args.repeat)]
            wall = statistics.median(r[0] for r in runs)
            print(f"| {concurrency} | {wall:.2f} s | {wall / one:.2f} | {runs[0][1] / len(corpus):.2f} |")
        with tempfile.TemporaryDirectory() as folder:
            cache = Path(folder)
            first = timed_build(fake, corpus, max(args.concurrency), cache)
            second = timed_build(fake, corpus, max(args.concurrency), cache)
    print(f"from the cache: first run {first[0]:.2f} s / {first[1]} requests, "
          f"second run {second[0]:.2f} s / {second[1]} requests")  # fmt: skip


if __name__ == "__main__":
    main()
