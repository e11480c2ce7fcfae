"""Brief -> files: the page fitted to one A4 sheet (page/fit.py), then the outputs asked for, each written
atomically."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Literal, TypeAlias

from .files import write_atomic
from .memo import build_caches
from .models import Brief
from .page.fit import fit_one_page
from .page.render import render_json, render_markdown, render_review_html

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
