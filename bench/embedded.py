"""The embedded model end to end on real articles: wall time, tokens, tokens per second, server peak memory,
where the time went (extraction, same-fact matching and its judge), and, where the articles' folder holds a
claims.yaml ground truth, `brief eval --claims` on the result.

Usage: python bench/embedded.py ARTICLES... [--out DIR] [--no-judge] [--statements model|sentences] [--busy]
(default ../shared/seeds; needs `make local`). The default statements are `brief build`'s with the embedded
model (the sentences); --statements model has the model state every fact, as it did before 2026-12-03.
--busy keeps one other process spinning on a core for the whole run (`python3 -c 'while True: pass'`).
The server's peak memory is its VmHWM, read from /proc while the build runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def _peak_rss(stop: threading.Event, peak: list[int]) -> None:
    while not stop.is_set():
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            if "\nName:\tllama-server" in "\n" + text:
                value = next((int(line.split()[1]) for line in text.splitlines() if line.startswith("VmHWM")), 0)
                peak[0] = max(peak[0], value)
        stop.wait(0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "articles", nargs="*", default=[str(Path(__file__).resolve().parents[1].parent / "shared" / "seeds")]
    )
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="brief-bench-")))
    parser.add_argument("--no-judge", action="store_true", help="build without the same-fact judge")
    parser.add_argument("--statements", choices=["model", "sentences"], help="who states the facts (brief build's)")
    parser.add_argument("--busy", action="store_true", help="one competing process spinning on a core")
    args = parser.parse_args()
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if args.busy else None
    stop, peak = threading.Event(), [0]
    watcher = threading.Thread(target=_peak_rss, args=(stop, peak), daemon=True)
    watcher.start()
    started = time.perf_counter()
    command = [sys.executable, "-m", "briefing.cli", "build", *args.articles, "-o", str(args.out), "--no-cache", "-q"]
    command += ["--no-judge"] * args.no_judge + (["--statements", args.statements] if args.statements else [])
    try:
        code = subprocess.run(command, check=False).returncode
    finally:
        if spinner is not None:
            spinner.kill()
    wall = time.perf_counter() - started
    stop.set()
    watcher.join()
    brief = json.loads((args.out / "brief.json").read_text(encoding="utf-8"))
    reports = brief["reports"]
    prompt = sum(r["prompt_tokens"] for r in reports)
    completion = sum(r["completion_tokens"] for r in reports)
    condition = "one busy competing process" if args.busy else "no competing process started by the bench"
    print(f"{condition}; facts stated by: {brief['model'].get('statements', 'model')}")
    print(f"exit {code}; wall {wall:.0f} s; {sum(r['requests'] for r in reports)} requests; "
          f"{prompt} prompt + {completion} completion tokens ({completion / wall:.1f} completion tok/s over the "
          f"whole run); llama-server peak memory {peak[0] / 1e6:.2f} GB")  # fmt: skip
    for report in reports:
        print(f"  {report['article_id']}: {report['extracted']} extracted, {report['grounded']} grounded, "
              f"{report['rejected']} rejected, {report['added']} sentences stated verbatim, "
              f"{report['off_topic']} off-topic")  # fmt: skip
    timings, matching = brief.get("timings", {}), brief.get("matching") or {}
    if timings:
        extract = timings["extract"]
        build = sum(timings.values())
        ratio = f" = {build / extract:.2f} x extraction" if extract >= 1 else ""
        print(f"time: extraction {extract:.0f} s; whole build {build:.0f} s{ratio} "
              f"(" + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in timings.items()) + ")")
    if matching.get("embedder"):
        print(f"same-fact matching: {len(brief['facts'])} facts embedded in {matching['embed_seconds']:.1f} s "
              f"({matching['embed_seconds'] * 1000 / max(1, len(brief['facts'])):.1f} ms a fact, model load included); "
              f"{matching['proposed']} pairs proposed, {matching['vetoed']} vetoed, {matching['judged']} judged in "
              f"{matching['judge_seconds']:.0f} s = {matching['judge_seconds'] / max(1, matching['judged']):.1f} s a "
              f"judged pair ({matching['requests']} requests, {matching['prompt_tokens']} prompt tokens of which "
              f"{matching.get('prompt_read', 0)} read by the server, {matching['completion_tokens']} completion "
              f"tokens; the server {matching['prompt_seconds']:.0f} s reading, {matching['generation_seconds']:.0f} s "
              f"generating), {matching['joined']} joined; outcomes {matching.get('outcomes', {})}")  # fmt: skip
    claims = [Path(a) / "claims.yaml" for a in args.articles if (Path(a) / "claims.yaml").is_file()]
    if claims:
        print(f"\n$ brief eval OUT --claims {claims[0]}", flush=True)
        subprocess.run([sys.executable, "-m", "briefing.cli", "eval", str(args.out), "--claims", str(claims[0])],
                       check=False, env={**os.environ, "COLUMNS": "160"})  # fmt: skip


if __name__ == "__main__":
    main()
