"""Day two of the example story, replayed: day one from cassettes/example_build.yaml, then `brief build --since`
day one's brief.json from cassettes/example_day_two.yaml. The change list must equal
examples/strike/day2/expected-changes.yaml exactly, and only the new articles' text may have gone to the model."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.cli import main
from briefing.evaluation.expected import evaluate_changes
from briefing.model.config import ModelConfig
from briefing.models import Brief

from .conftest import CASSETTES, EXAMPLES, ROOT, recorder

pytestmark = pytest.mark.model
DAY_TWO = EXAMPLES / "day2"
# What the editor reads on day two: three day-one articles again (the Harbour Business Review is no longer read,
# and Radio Estermouth's report has been corrected), and the day-two articles.
DAY_TWO_INPUTS = [
    EXAMPLES / "articles" / "01-estermouth-gazette.md",
    EXAMPLES / "articles" / "02-coastline-wire.txt",
    EXAMPLES / "articles" / "05-valley-courier.txt",
    DAY_TWO / "articles",
]


@pytest.fixture(scope="module")
def day_two_build(
    request: pytest.FixtureRequest,
    model_config: ModelConfig,
    example_build: tuple[int, Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[int, Path]:
    """Day two built once, after day one (whose answers are in the extraction cache by then)."""
    out = tmp_path_factory.mktemp("example-day-two")
    assert model_config.base_url is not None
    arguments = [
        "build", *map(str, DAY_TWO_INPUTS), "-o", str(out), "-q", "--base-url", model_config.base_url,
        "--model", model_config.model, "--since", str(example_build[1] / "brief.json"),
        # Recording runs the embedded model on a shared CPU: one request at a time, each given all the time it needs.
        "--concurrency", "1", "--timeout", "3600",
    ]  # fmt: skip
    with recorder(request, "example_day_two.yaml").use_cassette("example_day_two.yaml"):
        code = main(arguments)
    return code, out


@pytest.fixture(scope="module")
def day_two(day_two_build: tuple[int, Path]) -> Brief:
    assert day_two_build[0] == 0
    return Brief.model_validate_json((day_two_build[1] / "brief.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def day_one(example_build: tuple[int, Path]) -> Brief:
    return Brief.model_validate_json((example_build[1] / "brief.json").read_text(encoding="utf-8"))


def expected_changes() -> dict[str, Any]:
    return yaml.safe_load((DAY_TWO / "expected-changes.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_day_two_builds_every_article(day_two: Brief) -> None:
    assert [r.error for r in day_two.reports] == [None] * 6
    assert day_two.changes is not None and day_two.matching is not None and day_two.matching.judge_failed == 0


def test_the_change_list_is_exactly_the_expected_one(day_two: Brief) -> None:
    checks = evaluate_changes(day_two, expected_changes())
    assert [(c.name, c.detail) for c in checks if not c.passed] == []


def test_eval_command_checks_the_changes(day_two_build: tuple[int, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(day_two_build[1]), "--changes", str(DAY_TWO / "expected-changes.yaml")]) == 0
    assert "revised changes" in capsys.readouterr().out


def test_only_the_new_articles_text_went_to_the_model(day_one: Brief, day_two: Brief) -> None:
    assert day_two.changes is not None
    read_again = {a.id for a in day_one.articles} - set(day_two.changes.articles_removed)
    assert len(read_again) == 3
    reports = {r.article_id: r for r in day_two.reports}
    assert all(reports[a].requests == 0 and reports[a].cached_chunks == reports[a].chunks for a in read_again)
    assert all(reports[a].requests >= 1 for a in day_two.changes.articles_added)
    # The cassette holds every request day two made: extraction of the new articles' sentences only, and judge
    # calls on pairs of which one quote at least is new.
    requests = [json.loads(i["request"]["body"]) for i in _interactions()]
    new_text = {" ".join(a.sentence_text(s).split()) for a in day_two.articles if a.id in day_two.changes.articles_added
                for s in a.sentences}  # fmt: skip
    known = {_as_judged(f.quote) for f in day_one.facts}
    extracted = judged = 0
    for body in requests:
        content = body["messages"][-1]["content"]
        if content.startswith('1. "'):
            continue  # a claim's line, written from the page's quotes: day one's articles are on the page too
        pair = re.fullmatch(r'A: "(.*)"\nB: "(.*)"', content, re.DOTALL)
        if pair is not None:
            judged += 1
            assert not {pair[1], pair[2]} <= known, pair.groups()
            continue
        extracted += 1
        sentences = re.findall(r"^\[S\d+\] (.+)$", content, re.MULTILINE)
        assert sentences and set(sentences) <= new_text
    matching, following = day_two.matching, day_two.changes.matching
    assert matching is not None and following is not None
    assert extracted == sum(r.requests for r in day_two.reports)
    assert judged == matching.requests + following.requests


def test_the_one_page_pdf_carries_the_change_section(day_two_build: tuple[int, Path]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(day_two_build[1] / "brief.pdf")
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Since the last brief" in text and "revised: 31 → 44" in text.lower()


def test_markdown_and_review_page_mark_what_changed(day_two_build: tuple[int, Path], day_two: Brief) -> None:
    markdown = (day_two_build[1] / "brief.md").read_text(encoding="utf-8")
    since = markdown.split("## Since the last brief", 1)[1].split("\n## ", 1)[0]
    assert "*revised: 31 → 44*" in since and "*no longer stated*" in since and "before: “" in since
    html = (day_two_build[1] / "brief.html").read_text(encoding="utf-8")
    for kind in ("new", "revised", "dropped"):
        assert f'data-change="{kind}"' in html
    assert 'aria-label="quote' in html and "in the previous brief only" in html


def test_brief_json_with_changes_is_valid_against_the_committed_schema(day_two_build: tuple[int, Path]) -> None:
    import jsonschema

    schema = json.loads((ROOT / "schemas" / "brief.schema.json").read_text(encoding="utf-8"))
    document = json.loads((day_two_build[1] / "brief.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    assert document["changes"]["changes"]


def _as_judged(quote: str) -> str:
    """A quote as the judge's prompt holds it: one line, its double quotes made single."""
    return " ".join(quote.replace('"', "'").replace("\u201c", "'").replace("\u201d", "'").split())


def _interactions() -> list[dict[str, Any]]:
    cassette = yaml.safe_load((CASSETTES / "example_day_two.yaml").read_text(encoding="utf-8"))
    return list(cassette["interactions"])
