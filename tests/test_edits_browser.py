"""The editor's loop in a browser (Chromium, as the review page's other tests): corrections made on the review page,
downloaded as edits.yaml, applied by the next build."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from briefing.cli import main
from briefing.models import Brief, EditAction

from .fake_openai import FakeOpenAI
from .test_review_page import browser  # noqa: F401  (the module's Chromium)

TRAMS = """---
title: Kell line to close
published: 2026-03-02
---
The Ostby transit board voted on Tuesday to close the Kell tram line for repairs.
Repairs on the Kell line will cost 4 million euros, the board said.
Commuters crowded the last trams on Tuesday night.
"""
WIRE = """---
title: Board shuts tram line
published: 2026-03-02
---
The Ostby transit board on Tuesday voted to shut the Kell tram line for repairs.
The repairs will cost 4 million euros, officials said.
Shop owners near the line fear that the closure will cost them a season of trade.
"""


def _build(fake: FakeOpenAI, folder: Path, out: Path, *extra: str) -> int:
    return main(["build", str(folder), "-o", str(out), "--base-url", fake.url, "--model", "fake", "--no-cache", "-q",
                 *extra])  # fmt: skip


def _articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "trams.md").write_text(TRAMS, encoding="utf-8")
    (folder / "wire.md").write_text(WIRE, encoding="utf-8")
    return folder


def _brief(out: Path) -> Brief:
    return Brief.model_validate_json((out / "brief.json").read_text(encoding="utf-8"))


def test_keep_apart_and_commentary_made_on_the_review_page_are_applied_by_the_next_build(
    browser: Any,  # noqa: F811
    tmp_path: Path,
) -> None:
    folder, out = _articles(tmp_path), tmp_path / "out"
    with FakeOpenAI() as fake:  # states every sentence, says "yes" to every pair: joins to undo
        assert _build(fake, folder, out) == 0
        first = _brief(out)
        page = browser.new_page(accept_downloads=True)
        page.goto((out / "brief.html").as_uri())
        page.fill("#edit-by", "R. Okafor")
        page.fill("#edit-why", "two different facts")
        joins = page.locator("details.join", has=page.locator("li.join-pair")).first
        joins.locator("summary").click()  # the joins are folded until opened, as an editor opens them
        pair = joins.locator("li.join-pair").first
        left, right = pair.get_attribute("data-left"), pair.get_attribute("data-right")
        pair.locator('button[data-action="keep_apart"]').click()
        line = page.locator("#brief li.claim").filter(has_text="Commuters crowded").first
        line.locator('button[data-action="commentary"]').click()
        assert page.text_content("#edits-count") == "0 applied in this build, 2 new"
        with page.expect_download() as download:
            page.click("#edits-download")
        download.value.save_as(out / "edits.yaml")
        page.close()
        saved = yaml.safe_load((out / "edits.yaml").read_text(encoding="utf-8"))
        assert [e["action"] for e in saved["edits"]] == ["keep_apart", "commentary"]
        assert saved["edits"][0]["by"] == "R. Okafor" and saved["edits"][0]["why"] == "two different facts"
        # the next build into the same folder reads OUT/edits.yaml
        assert _build(fake, folder, out) == 0
    second = _brief(out)
    claim_of = {f: c.id for c in second.claims for f in c.fact_ids}
    assert left is not None and right is not None
    assert claim_of[left] != claim_of[right]  # apart now
    assert [(d.edit.action, d.applied) for d in second.edits] == [(EditAction.KEEP_APART, True),
                                                                 (EditAction.COMMENTARY, True)]  # fmt: skip
    first_claims = {f: c.id for c in first.claims for f in c.fact_ids}
    assert first_claims[left] == first_claims[right]  # joined before the edit
    markdown = (out / "brief.md").read_text(encoding="utf-8")
    analysis = markdown.split("## Analysis and opinion", 1)[1].split("\n## ", 1)[0]
    assert "Commuters crowded the last trams on Tuesday night." in analysis
    assert "2 editor corrections applied" in markdown
    # the review page shows them as applied, and its next download keeps them
    page = browser.new_page(accept_downloads=True)
    page.goto((out / "brief.html").as_uri())
    assert page.text_content("#edits-count") == "2 applied in this build, 0 new"
    assert "editor: " in page.text_content("#brief")
    page.close()


def test_the_buttons_work_from_the_keyboard(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    folder, out = _articles(tmp_path), tmp_path / "out"
    with FakeOpenAI() as fake:
        assert _build(fake, folder, out) == 0
    page = browser.new_page()
    page.goto((out / "brief.html").as_uri())
    page.focus('#brief li.claim button[data-action="pin"] >> nth=0')
    page.keyboard.press("Enter")
    assert page.text_content("#edits-count") == "0 applied in this build, 1 new"
    page.close()
