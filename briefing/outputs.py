"""Brief -> files: the page fitted to one A4 sheet, then the outputs asked for, each written atomically."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal, TypeAlias

from .errors import BriefingError
from .files import write_atomic
from .memo import build_caches
from .models import Brief, Page
from .page.compose import compose, droppable_count
from .page.render import render_json, render_markdown, render_pdf, render_print_html, render_review_html

FONT_BASE_PT = 9.5
FONT_FLOOR_PT = 7.5
FONT_STEP_PT = 0.5
MIN_ITEMS = 8  # items kept before the type shrinks
# More items than this never fit: an item takes a line and its citation key another, and A4 at the 7.5 pt floor
# has about 85 lines. Trying every item of a large brief rendered a PDF of many pages at every type size.
MAX_PAGE_ITEMS = 80


def fit_one_page(brief: Brief, title: str | None = None) -> tuple[Page, bytes, float]:
    """The page that fits one A4 sheet: drop the lowest-ranked items first, then shrink the type to a floor."""
    total = min(droppable_count(brief), MAX_PAGE_ITEMS)
    floor_items = min(MIN_ITEMS, total)
    font = FONT_BASE_PT
    while font >= FONT_FLOOR_PT:
        fitted = _largest_fit(brief, title, font, floor_items, total)
        if fitted is not None:
            return (*fitted, font)
        font -= FONT_STEP_PT
    fitted = _largest_fit(brief, title, FONT_FLOOR_PT, 0, floor_items)
    if fitted is None:
        raise BriefingError("the brief does not fit one A4 page even without optional items")
    return (*fitted, FONT_FLOOR_PT)


def _largest_fit(brief: Brief, title: str | None, font: float, low: int, high: int) -> tuple[Page, bytes] | None:
    """The most items (between low and high) whose page prints on one sheet; None when even `low` overflow.

    `low` is tried first, so a type size the page cannot use is given up after one render (with a full search
    at every size, a 100-article synthetic brief took 76 s to fit; bench/startup_pdf.py).
    """

    def attempt(keep: int) -> tuple[Page, bytes] | None:
        page = compose(brief, title, keep)
        pdf, pages = render_pdf(render_print_html(page, font))
        return (page, pdf) if pages == 1 else None

    best = attempt(low)
    if best is None:
        return None
    low += 1
    while low <= high:
        keep = (low + high) // 2
        fitted = attempt(keep)
        if fitted is not None:
            best, low = fitted, keep + 1
        else:
            high = keep - 1
    return best


# The files write_outputs can make, in the order it writes them.
OutputFormat: TypeAlias = Literal["md", "html", "pdf", "json"]
FORMATS: tuple[OutputFormat, ...] = ("md", "html", "pdf", "json")


def write_outputs(
    brief: Brief, out_dir: str | Path, *, title: str | None = None, formats: Iterable[OutputFormat] = FORMATS
) -> list[Path]:
    """Write the brief's files into `out_dir` (created if missing) and return their paths.

    `formats` picks among brief.md, brief.html (the review page), brief.pdf (one A4 page) and brief.json; only
    those are rendered. The first three show the page that fits one A4 sheet, so they lay it out with WeasyPrint
    (imported then, not before); JSON alone needs no layout. Everything is rendered before anything is written,
    and each file is replaced atomically: a failure leaves earlier files intact. `title` heads the page.
    """
    wanted = set(formats)
    if unknown := wanted - set(FORMATS):
        raise ValueError(f"unknown output format(s) {sorted(unknown)}: choose from {', '.join(FORMATS)}")
    rendered: dict[str, str | bytes] = {}
    with build_caches():
        if wanted & {"md", "html", "pdf"}:
            page, pdf, _ = fit_one_page(brief, title)
            if "md" in wanted:
                rendered["brief.md"] = render_markdown(page, brief)
            if "html" in wanted:
                rendered["brief.html"] = render_review_html(page, brief)
            if "pdf" in wanted:
                rendered["brief.pdf"] = pdf
        if "json" in wanted:
            rendered["brief.json"] = render_json(brief)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [write_atomic(out / name, content) for name, content in rendered.items()]
