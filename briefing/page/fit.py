"""The page fitted to one A4 sheet: the lowest-ranked items dropped first, then the type shrunk to a floor. Pure:
the PDF is laid out in memory (WeasyPrint), never written."""

from __future__ import annotations

from ..errors import BriefingError
from ..models import Brief, Page
from .layout import compose, droppable_count
from .render import render_pdf, render_print_html

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
