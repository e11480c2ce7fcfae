"""Lines kept and dropped by the cleaner for each article, and whether any dropped line reached a brief.

Usage: python bench/boilerplate_report.py ARTICLES... [--brief OUT_DIR]
With --brief, every dropped line is searched for in OUT_DIR/brief.md and brief.pdf's text.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from briefing.inputs.sources import load_articles
from briefing.models import BlockKind
from briefing.text.normalize import normalize


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="+")
    parser.add_argument("--brief", type=Path)
    args = parser.parse_args()
    outputs = ""
    if args.brief:
        from pypdf import PdfReader

        pdf = " ".join(page.extract_text() for page in PdfReader(args.brief / "brief.pdf").pages)
        outputs = " ".join(
            normalize((args.brief / "brief.md").read_text(encoding="utf-8").replace("\\", "") + " " + pdf).text.split()
        )
    leaks = 0
    for article in load_articles(args.articles).articles:
        kinds = Counter(b.kind for b in article.blocks)
        dropped = [b for b in article.blocks if b.kind == BlockKind.BOILERPLATE]
        reasons = Counter(b.reason for b in dropped)
        kept = f"{kinds[BlockKind.BODY]} body lines kept, {kinds[BlockKind.HEADING]} headings kept (never numbered)"
        print(f"{Path(article.path).name}: {kept}, {len(dropped)} lines dropped: {dict(reasons)}")
        for block in dropped:
            line = " ".join(normalize(article.text[block.start : block.end]).text.split())
            if args.brief and line in outputs:
                leaks += 1
                print(f"  LEAKED: {line[:80]}")
    if args.brief:
        print(f"dropped lines found in {args.brief}/brief.md or brief.pdf: {leaks}")


if __name__ == "__main__":
    main()
