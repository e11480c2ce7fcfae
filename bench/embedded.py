"""The embedded model end to end on real articles: wall time, tokens, tokens per second, server peak memory.

Usage: python bench/embedded.py ARTICLES... [--out DIR]   (default ../shared/seeds; needs `make local`)
The server's peak memory is its VmHWM, read from /proc while the build runs.
"""

from __future__ import annotations

import argparse
import json
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
    args = parser.parse_args()
    stop, peak = threading.Event(), [0]
    watcher = threading.Thread(target=_peak_rss, args=(stop, peak), daemon=True)
    watcher.start()
    started = time.perf_counter()
    command = [sys.executable, "-m", "briefing.cli", "build", *args.articles, "-o", str(args.out), "--no-cache", "-q"]
    code = subprocess.run(command, check=False).returncode
    wall = time.perf_counter() - started
    stop.set()
    watcher.join()
    brief = json.loads((args.out / "brief.json").read_text(encoding="utf-8"))
    reports = brief["reports"]
    prompt = sum(r["prompt_tokens"] for r in reports)
    completion = sum(r["completion_tokens"] for r in reports)
    print(f"exit {code}; wall {wall:.0f} s; {sum(r['requests'] for r in reports)} requests; "
          f"{prompt} prompt + {completion} completion tokens ({completion / wall:.1f} completion tok/s over the "
          f"whole run); llama-server peak memory {peak[0] / 1e6:.2f} GB")  # fmt: skip
    for report in reports:
        print(f"  {report['article_id']}: {report['extracted']} extracted, {report['grounded']} grounded, "
              f"{report['rejected']} rejected, {report['off_topic']} off-topic")  # fmt: skip


if __name__ == "__main__":
    main()
