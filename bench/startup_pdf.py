"""`brief --help` start-up time; PDF time: one render of a composed page, and fitting a brief to one page.

Usage: python bench/startup_pdf.py [--runs 7] [--sizes 10 100] [--briefs OUT/brief.json ...]
Start-up runs the installed `brief` script in a fresh process each time (the interpreter's own start included).
PDF figures use synthetic briefs (bench/synthetic.py) of the given numbers of articles, and finished builds'
brief.json files (real articles); medians of --runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_brief

from briefing.models import Brief
from briefing.page.fit import FONT_BASE_PT, fit_one_page
from briefing.page.layout import compose
from briefing.page.render import render_pdf, render_print_html


def median_seconds(work: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--briefs", type=Path, nargs="*", default=[], help="brief.json files of finished builds")
    args = parser.parse_args()
    script = Path(sys.executable).with_name("brief")
    help_command = [str(script), "--help"]
    startup = median_seconds(lambda: subprocess.run(help_command, check=True, capture_output=True), args.runs)
    print(f"- `brief --help`: {startup:.3f} s median of {args.runs} runs (target <= 0.3 s)")
    briefs = [(f"{n} synthetic articles", synthetic_brief(n)) for n in args.sizes]
    briefs += [(str(path), Brief.model_validate_json(path.read_text(encoding="utf-8"))) for path in args.briefs]
    for label, brief in briefs:
        page = compose(brief, keep=20)
        html = render_print_html(page, FONT_BASE_PT)
        one = median_seconds(lambda html=html: render_pdf(html), args.runs)  # type: ignore[misc]
        fit_runs = max(1, args.runs // 2)
        fit = median_seconds(lambda brief=brief: fit_one_page(brief), fit_runs)  # type: ignore[misc]
        fitted_page, _, font = fit_one_page(brief)
        items = sum(len(section.items) for section in fitted_page.sections)
        print(
            f"- {label} ({len(brief.articles)} articles, {len(brief.claims)} claims): one PDF render of a 20-item "
            f"page {one:.3f} s (median of {args.runs}); fitting the brief to one page {fit:.3f} s "
            f"(median of {fit_runs}): {items} items at {font} pt"
        )


if __name__ == "__main__":
    main()
