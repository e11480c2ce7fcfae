"""Compose: sections and ranking on plain data; the fitting loop keeps the PDF to one A4 page."""

from __future__ import annotations

import io
import random

from pypdf import PdfReader

from briefing.compose import compose, droppable_count, ranked_claims
from briefing.llm import ModelConfig
from briefing.models import ArticleReport, Brief
from briefing.pipeline import FONT_BASE_PT, FONT_FLOOR_PT, assemble, fit_one_page
from briefing.render import render_markdown
from briefing.sources import parse_article

from .conftest import sentence_facts


def brief_of(texts: dict[str, list[str]]) -> Brief:
    """A cross-checked Brief whose facts are every sentence of the given articles (name -> sentences)."""
    articles, facts = [], []
    for name, sentences in texts.items():
        article = parse_article("---\npublished: 2025-11-04\n---\n" + "\n".join(sentences) + "\n", f"{name}.txt")
        articles.append(article)
        facts.extend(sentence_facts(article))
    reports = [ArticleReport(article_id=a.id) for a in articles]
    return assemble(articles, facts, [], reports, ModelConfig(model="m", base_url=None, api_key="k"))


SMALL = brief_of({
    "a": ["The port strike began yesterday.", "About 1,400 dock workers walked out.", "The mayor urged calm."],
    "b": ["The port strike began on Monday.", "Some 1,200 dock workers walked out.", "A ferry was delayed."],
})  # fmt: skip


def test_bottom_line_takes_the_best_corroborated_claims() -> None:
    ranked = ranked_claims(SMALL)
    assert ranked[0].independent == 2 and "strike began" in ranked[0].statement
    page = compose(SMALL)
    assert page.sections[0].key == "bottom_line"
    assert [i.text for i in page.sections[0].items] == ["The port strike began yesterday."]


def test_sections_hold_disputes_timeline_and_single_sources() -> None:
    sections = {s.key: s for s in compose(SMALL).sections}
    assert set(sections) == {"bottom_line", "disputed", "timeline", "single"}
    (dispute,) = sections["disputed"].items
    assert [value for value, *_ in dispute.sides] == ["Some 1,200", "About 1,400"]
    assert [i.date for i in sections["timeline"].items] == ["2025-11-03"]


def test_cutting_keeps_the_best_items_and_moves_the_rest_to_overflow() -> None:
    total = droppable_count(SMALL)
    page = compose(SMALL, keep=1)
    kept = [i for s in page.sections[1:] for i in s.items]
    assert len(kept) == 1 and kept[0].sides  # the dispute ranks first
    assert len(page.overflow) == total - 1
    assert [c.number for c in page.on_page()] == list(range(1, len(page.on_page()) + 1))


def _sentence(seed: int, words: int) -> str:
    """A sentence of made-up words, different enough from every other that no two merge."""
    rng = random.Random(seed)
    made_up = ["".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(words)]
    return " ".join(made_up).capitalize() + "."


def test_a_long_brief_is_cut_to_one_a4_page() -> None:
    long = brief_of({f"s{n}": [_sentence(n * 10 + k, 12) for k in range(3)] for n in range(40)})
    page, pdf, font = fit_one_page(long)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert len(page.overflow) > 0 and font == FONT_BASE_PT


def test_type_shrinks_only_when_the_fewest_items_do_not_fit() -> None:
    wordy = brief_of({f"w{n}": [_sentence(1000 + n, 55)] for n in range(30)})
    _page, pdf, font = fit_one_page(wordy)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert FONT_FLOOR_PT <= font < FONT_BASE_PT


def test_a_claim_from_many_articles_cites_five_and_counts_the_rest() -> None:
    figures = [1000] * 6 + [2000] * 2
    many = brief_of({
        f"outlet{n}": [f"Story {n} opens here.", "The port strike began yesterday.", f"About {f:,} workers struck."]
        for n, f in enumerate(figures)
    })  # fmt: skip
    page = compose(many)
    lines = [i for s in page.sections for i in s.items if i.text == "The port strike began yesterday."]
    assert lines and all(len(i.citations) == 5 and i.uncited == 3 for i in lines)  # bottom line and timeline
    assert lines[0].note.startswith("8 sources")
    assert "+3 more" in render_markdown(page, many)
    conflicts, capped = {c.id: c for c in many.conflicts}, False
    for dispute in [i for s in page.sections for i in s.items if i.sides]:
        for (_, numbers, more), side in zip(dispute.sides, conflicts[dispute.key].sides, strict=True):
            assert len(numbers) <= 5 and len(numbers) + more == len(side.article_ids)
            capped = capped or more > 0
    assert capped  # the side of six articles cites five
