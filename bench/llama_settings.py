"""llama-server settings for the embedded model, measured on real articles: each setting serves one extraction of
the articles (no cache, no judge, one request at a time, as `brief build` runs the embedded model), and the
server's own timings say how fast it read prompts and generated tokens.

Usage: python bench/llama_settings.py [ARTICLES...] [--settings NAME ...] [--busy]   (needs `make local`)
--busy keeps one other process spinning on a core for the whole run (a laptop always has something running).
Settings are tried in the order given, each on a fresh server; the first is the baseline of the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.model.cache import cache_dir
from briefing.model.config import EMBEDDED_MODEL
from briefing.model.server import (
    BASE_FLAGS,
    SPECULATION_FLAGS,
    _free_port,
    _stop,
    _wait_healthy,
    ensure_model,
    find_llama_server,
    server_command,
    usable_cores,
)


def ngram(size_n: int, size_m: int) -> list[str]:
    """Speculative drafts from the prompt: after a matching n-gram of `size_n` tokens, up to `size_m` drafted."""
    return ["--spec-type", "ngram-simple", "--spec-ngram-simple-size-n", str(size_n),
            "--spec-ngram-simple-size-m", str(size_m)]  # fmt: skip


# one generating thread (-t 1): a competing process takes a core without stalling the other thread at each barrier
SETTINGS: dict[str, list[str]] = {
    "default": [],  # llama-server's defaults: no speculation, as many threads as cores
    "shipped": SPECULATION_FLAGS,  # what `brief` starts (plus one thread fewer per core busy at start)
    "no-poll": ["--poll", "0"],
    "ngram-simple": ["--spec-type", "ngram-simple"],  # its defaults: n 12, m 48
    "ngram-n4-m16": ngram(4, 16),
    "ngram-n3-m8": ngram(3, 8),
    "ngram-n4-m32": ngram(4, 32),
    "ngram-n2-m16": ngram(2, 16),
    "ngram-n3-m8-no-poll": [*ngram(3, 8), "--poll", "0"],
    "ngram-mod": ["--spec-type", "ngram-mod"],
    "cache-reuse": ["--cache-reuse", "256"],
    "one-thread": ["-t", "1", "-tb", "2"],
    "one-thread-ngram": ["-t", "1", "-tb", "2", "--spec-type", "ngram-simple"],
    "one-thread-n3-m8": ["-t", "1", "-tb", "2", *ngram(3, 8)],
    # what `brief` starts when one core is busy: batches (prompts, drafted tokens) on the one free core too
    "one-thread-tb1-n3-m8": ["-t", "1", "-tb", "1", *ngram(3, 8)],
}
_TIMING = re.compile(r"(prompt eval|       eval) time =\s*([\d.]+) ms /\s*(\d+) tokens")
_DRAFT = re.compile(r"draft acceptance = ([\d.]+) \(\s*(\d+) accepted /\s*(\d+) generated\)")


def server_timings(log: str) -> dict[str, float]:
    """Totals of the server's per-request timings: prompt and generated tokens and the milliseconds they took."""
    totals = {"prompt_ms": 0.0, "prompt_tokens": 0.0, "eval_ms": 0.0, "eval_tokens": 0.0, "accepted": 0.0,
              "drafted": 0.0}  # fmt: skip
    for kind, ms, tokens in _TIMING.findall(log):
        prefix = "prompt" if kind == "prompt eval" else "eval"
        totals[f"{prefix}_ms"] += float(ms)
        totals[f"{prefix}_tokens"] += int(tokens)
    for _, accepted, drafted in _DRAFT.findall(log):
        totals["accepted"] += int(accepted)
        totals["drafted"] += int(drafted)
    return totals


def run(name: str, articles: list[str]) -> dict[str, float]:
    """One extraction of the articles on a fresh server started with the setting's flags."""
    port = _free_port()
    log_path = Path(tempfile.mkdtemp(prefix="llama-settings-")) / f"{name}.log"
    # Every setting starts from the base flags and as many generating threads as cores; a setting's own -t wins.
    flags = [*BASE_FLAGS, *SETTINGS[name]]
    command = server_command(find_llama_server(os.environ), ensure_model(cache_dir(), print), port, flags,
                             threads=usable_cores())  # fmt: skip
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    out = Path(tempfile.mkdtemp(prefix="brief-settings-"))
    try:
        _wait_healthy(server, port, log_path)
        started = time.perf_counter()
        # A long timeout: under load one request can take minutes, and a retry would count its tokens twice.
        build = [sys.executable, "-m", "briefing.cli", "build", *articles, "-o", str(out), "--no-cache", "-q",
                 "--no-judge", "--concurrency", "1", "--timeout", "3600", "--base-url", f"http://127.0.0.1:{port}/v1",
                 "--model", EMBEDDED_MODEL]  # fmt: skip
        code = subprocess.run(build, check=False, env={**os.environ, "OPENAI_API_KEY": "none"}).returncode
        wall = time.perf_counter() - started
    finally:
        _stop(server)
    result = server_timings(log_path.read_text(errors="replace"))
    brief = json.loads((out / "brief.json").read_text()) if (out / "brief.json").exists() else {}
    extracted = sum(r.get("extracted", 0) for r in brief.get("reports", []))
    grounded = sum(r.get("grounded", 0) for r in brief.get("reports", []))
    return {**result, "wall": wall, "exit": code, "extracted": extracted, "grounded": grounded}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "articles", nargs="*", default=[str(Path(__file__).resolve().parents[1].parent / "shared" / "seeds")]
    )
    parser.add_argument("--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS))
    parser.add_argument("--busy", action="store_true", help="one competing process spinning on a core")
    args = parser.parse_args()
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    try:
        results = {name: run(name, args.articles) for name in args.settings}
    finally:
        if spinner is not None:
            spinner.kill()
    base = results[args.settings[0]]["wall"]
    condition = "one busy competing process" if args.busy else "no competing process"
    print(f"{condition}; articles: {' '.join(args.articles)}")
    print("| setting | wall | vs first | prompt tok/s | generated | gen tok/s | drafts accepted | facts grounded |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        prompt_rate = r["prompt_tokens"] / (r["prompt_ms"] / 1000) if r["prompt_ms"] else 0.0
        gen_rate = r["eval_tokens"] / (r["eval_ms"] / 1000) if r["eval_ms"] else 0.0
        drafts = f"{r['accepted']:.0f}/{r['drafted']:.0f}" if r["drafted"] else "-"
        grounded = f"{r['grounded']:.0f}/{r['extracted']:.0f} (exit {r['exit']:.0f})"
        print(f"| {name} | {r['wall']:.0f} s | {r['wall'] / base:.2f} | {prompt_rate:.0f} | {r['eval_tokens']:.0f} | "
              f"{gen_rate:.1f} | {drafts} | {grounded} |")  # fmt: skip


if __name__ == "__main__":
    main()
