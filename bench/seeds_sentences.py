"""Same-fact matching on real articles with a perfect extractor: the loopback test server states every numbered
sentence as a fact, quoted exactly, so what `brief eval --claims` reports is the matching alone.

Usage: python bench/seeds_sentences.py [ARTICLES_DIR]   (default ../shared/seeds; needs its claims.yaml)
Three builds: no judge (strict similarity only), a judge that answers "yes" to every pair (the careless case:
only the guards stand in its way), and one that answers "no" to every pair (rule joins only).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.cli import main as brief
from tests.fake_openai import FakeOpenAI


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared" / "seeds"))
    args = parser.parse_args()
    claims = Path(args.articles) / "claims.yaml"
    for label, verdict, flags in [("no judge", "yes", ["--no-judge"]), ("careless judge: 'yes' to every pair",
                                  "yes", []), ("judge: 'no' to every pair", "no", [])]:  # fmt: skip
        out = Path(tempfile.mkdtemp(prefix="brief-sentences-"))
        with FakeOpenAI(verdict=verdict) as fake:
            code = brief(["build", args.articles, "-o", str(out), "--base-url", fake.url, "--model", "every-sentence",
                          "--no-cache", "-q", *flags])  # fmt: skip
        print(f"\n### {label} (build exit {code})\n", flush=True)
        subprocess.run([sys.executable, "-m", "briefing.cli", "eval", str(out), "--claims", str(claims)], check=False,
                       env={**os.environ, "COLUMNS": "160"})  # fmt: skip


if __name__ == "__main__":
    main()
