"""Token overhead of the prompts on the example corpus: request tokens against the article's own tokens.

Usage: python bench/tokens.py   (needs `make local`: the embedded model's tokenizer counts the article text)
Reads the recorded requests and their usage from cassettes/example_build.yaml.
"""

from __future__ import annotations

import json
import re
import statistics
import urllib.request
from pathlib import Path

import yaml

from briefing.model.server import embedded_server

CASSETTE = Path(__file__).resolve().parents[1] / "cassettes" / "example_build.yaml"


def tokens(base_url: str, text: str) -> int:
    request = urllib.request.Request(
        base_url.removesuffix("/v1") + "/tokenize",
        data=json.dumps({"content": text}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return len(json.loads(response.read())["tokens"])


def main() -> None:
    interactions = yaml.safe_load(CASSETTE.read_text(encoding="utf-8"))["interactions"]
    rows = []
    with embedded_server(lambda _: None) as config:
        assert config.base_url is not None
        for interaction in interactions:
            body = json.loads(interaction["request"]["body"])
            usage = json.loads(interaction["response"]["body"]["string"])["usage"]
            user = body["messages"][-1]["content"]
            article = "\n".join(re.findall(r"^\[S\d+\] (.+)$", user, re.MULTILINE))
            rows.append((usage["prompt_tokens"], tokens(config.base_url, article)))
    prompt, article = sum(r[0] for r in rows), sum(r[1] for r in rows)
    overhead = [p - a for p, a in rows]
    print(f"{len(rows)} requests: {prompt} prompt tokens for {article} article tokens (ratio {prompt / article:.2f})")
    print(f"fixed part per request (prompt - article): median {statistics.median(overhead):.0f}, max {max(overhead)}")
    within = all(p <= 1.3 * a + 700 for p, a in rows)
    print(f"every request within 1.3 x article + 700: {within}")


if __name__ == "__main__":
    main()
