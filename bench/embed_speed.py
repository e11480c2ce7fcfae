"""Sentence-embedding speed: model load time and milliseconds per statement at several batch sizes.

Usage: python bench/embed_speed.py [TEXT_FILES...] [-n 256] [--threads T] [--runs 3]
Without files, N statements of 15-25 words are generated from a seeded word list (the same every run);
with .txt files, their sentences are used (the first N). Prints a Markdown table; each figure is the median of runs.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import time
from pathlib import Path

from briefing.model.embed import Embedder

VOCABULARY = (
    "the minister said on tuesday that workers at the northern port would return after talks over pay and "
    "night shifts broke down while ships waited offshore and the operator promised a new offer by friday "
    "police closed the bridge after heavy rain flooded the harbour and three people were taken to hospital "
    "officials estimated damage at four million euros and the council voted to delay the budget until march"
)


def generated(count: int, seed: int = 7) -> list[str]:
    """`count` statements of 15-25 words, the same for the same seed."""
    rng, words = random.Random(seed), VOCABULARY.split()
    return [" ".join(rng.choices(words, k=rng.randint(15, 25))).capitalize() + "." for _ in range(count)]


def sentences(paths: list[Path], count: int) -> list[str]:
    """The first `count` sentences of the files (a plain split on end punctuation is enough for timing)."""
    found: list[str] = []
    for path in paths:
        text = " ".join(path.read_text(encoding="utf-8").split())
        found.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 3)
    return found[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help=".txt files to take sentences from")
    parser.add_argument("-n", type=int, default=256, help="statements to embed (default 256)")
    parser.add_argument("--threads", type=int, default=None, help="onnxruntime intra-op threads (default min(2, cpus))")
    parser.add_argument("--runs", type=int, default=3, help="runs per batch size; the median is shown")
    parser.add_argument("--batch-sizes", default="1,8,16,32")
    args = parser.parse_args()
    print(f"load average (1, 5, 15 min): {' '.join(f'{v:.2f}' for v in os.getloadavg())}; cpus: {os.cpu_count()}")

    texts = sentences(args.files, args.n) if args.files else generated(args.n)
    words = statistics.mean(len(t.split()) for t in texts)
    started = time.perf_counter()
    embedder = Embedder.load(threads=args.threads)
    load = time.perf_counter() - started
    embedder.embed(texts[:8])  # warm-up: the first run allocates onnxruntime's buffers

    print(f"\n{len(texts)} statements, {words:.1f} words on average; {embedder.threads} thread(s); {embedder.model_id}")
    print()
    print("| batch size | ms per text (median) | texts per s | runs (s) |")
    print("| ---: | ---: | ---: | --- |")
    for size in (int(s) for s in args.batch_sizes.split(",")):
        embedder.batch_size = size
        runs = []
        for _ in range(args.runs):
            begun = time.perf_counter()
            embedder.embed(texts)
            runs.append(time.perf_counter() - begun)
        median = statistics.median(runs)
        print(f"| {size} | {1000 * median / len(texts):.2f} | {len(texts) / median:.0f} | "
              f"{', '.join(f'{r:.2f}' for r in runs)} |")  # fmt: skip
    print(f"\nload (hash check, tokenizer, onnxruntime session): {load * 1000:.0f} ms")


if __name__ == "__main__":
    main()
