"""The review page in real headless Chromium: citations lead to their quotes; article markup never runs."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.inputs.sources import parse_article
from briefing.model.config import ModelConfig
from briefing.models import AppliedEdit, ArticleReport, Brief, Edit, EditAction, FactAddress
from briefing.outputs import write_outputs
from briefing.page.fit import fit_one_page
from briefing.pipeline import assemble

from .conftest import sentence_facts

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


def _active_text(page: Any) -> str:
    return str(page.eval_on_selector_all("mark.active", "marks => marks.map(m => m.textContent).join('')"))


def test_clicking_a_citation_highlights_its_quote(browser: Any, example_build: tuple[int, Path]) -> None:
    out = example_build[1]
    brief = Brief.model_validate_json((out / "brief.json").read_text(encoding="utf-8"))
    citations = fit_one_page(brief)[0].citations
    page = browser.new_page()
    page.goto((out / "brief.html").as_uri())
    for citation in citations[:: max(1, len(citations) // 6)]:
        page.click(f'#brief a.cite[data-q="{citation.number}"] >> nth=0')
        assert _active_text(page) == citation.fact.quote
        assert page.evaluate("document.activeElement.id") == f"q{citation.number}"
    page.close()


def test_citations_work_from_the_keyboard(browser: Any, example_build: tuple[int, Path]) -> None:
    page = browser.new_page()
    page.goto((example_build[1] / "brief.html").as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.q")
    assert focused == "1"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "q1" and _active_text(page)
    page.close()


HOSTILE = (
    "Officials met in the city on Friday. Protesters wrote <script>window.__xss = 1</script> on a banner.\n"
    'A photo caption read <img src=x onerror="window.__xss = 2"> in the report.\n'
)


def _hostile_brief() -> Brief:
    article = parse_article(HOSTILE, "hostile.txt")
    facts = sentence_facts(article)
    report = ArticleReport(article_id=article.id, extracted=len(facts), grounded=len(facts))
    brief = assemble([article], facts, [], [report], ModelConfig(model="m", base_url=None, api_key="k"))
    # an edits.yaml is text from outside too: its quotes reach the page's data for the editing buttons
    hostile = Edit(action=EditAction.PIN, facts=[FactAddress(article="hostile.txt",
                                                             quote='</script><img src=x onerror="window.__xss = 3">')])
    return brief.model_copy(update={"edits": [AppliedEdit(edit=hostile, applied=False, basis="no longer applies")]})


def test_markup_in_an_article_shows_as_text_and_never_runs(browser: Any, tmp_path: Path) -> None:
    write_outputs(_hostile_brief(), tmp_path)
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.goto((tmp_path / "brief.html").as_uri())
    assert page.evaluate("window.__xss") is None and dialogs == []
    # the page's own script only (and its data for the editing buttons, which no browser runs)
    assert page.locator("img").count() == 0 and page.locator('script:not([type="application/json"])').count() == 1
    assert page.locator("script").count() == 2
    body = page.inner_text("body")
    assert "<script>window.__xss = 1</script>" in body and '<img src=x onerror="window.__xss = 2">' in body
    page.close()


def test_markup_in_an_article_is_text_in_the_pdf_and_markdown(tmp_path: Path) -> None:
    from pypdf import PdfReader

    write_outputs(_hostile_brief(), tmp_path)
    text = " ".join(PdfReader(tmp_path / "brief.pdf").pages[0].extract_text().split())
    assert "<script>window.__xss = 1</script>" in text
    markdown = (tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and "&lt;script&gt;window.\\_\\_xss = 1&lt;/script&gt;" in markdown
