"""Web input: HTML pages, links (replayed from a cassette), fetch limits, JSONL batches."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import httpx
import pytest

from briefing.errors import InputError
from briefing.inputs.sources import load_articles, read_article
from briefing.inputs.webpage import MAX_BYTES, fetch

from .conftest import ROOT, recorder, recording

WEB = ROOT / "examples" / "web"
PAGE_URL = "http://127.0.0.1:8765/gazette-page.html"  # where `make cassettes` serves examples/web


def test_an_html_page_gives_its_story_and_metadata_without_site_chrome() -> None:
    article = read_article(WEB / "gazette-page.html")
    assert (article.title, article.outlet, article.author) == (
        "Talks fail to end Estermouth dock strike", "Estermouth Gazette", "Ellen Marsh",
    )  # fmt: skip
    assert str(article.published) == "2025-11-07" and article.published_from == "page metadata"
    for chrome in ("cookies", "Home", "Trending", "Rovers", "Lottery", "All rights reserved", "newsletter",
                   "analytics", "By Ellen Marsh"):  # fmt: skip
        assert chrome not in article.text
    assert article.sentence_text(article.sentences[0]).startswith("Talks between the Harbour")


@pytest.fixture(scope="module")
def page_server() -> Iterator[None]:
    """Only when recording: serve examples/web on loopback so the cassette holds a real HTTP exchange."""
    if not recording():
        yield
        return
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(WEB))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 8765), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield
    server.shutdown()


@pytest.mark.model
def test_a_link_is_fetched_and_read_as_a_page(request: pytest.FixtureRequest, page_server: None) -> None:
    with recorder(request, "fetch_page.yaml").use_cassette("fetch_page.yaml"):
        (article,) = load_articles([PAGE_URL]).articles
    assert article.path == PAGE_URL and article.outlet == "Estermouth Gazette"
    assert article.text == read_article(WEB / "gazette-page.html").text


@pytest.mark.model
def test_a_jsonl_batch_reads_paths_texts_and_links_and_reports_bad_lines(request: pytest.FixtureRequest,
                                                                         page_server: None) -> None:  # fmt: skip
    with recorder(request, "fetch_batch.yaml").use_cassette("fetch_batch.yaml"):
        result = load_articles([WEB / "batch.jsonl"])
    assert [a.title for a in result.articles] == ["Talks fail to end Estermouth dock strike", "A quiet harbour"]
    assert result.articles[1].outlet == "Harbour Business Review" and str(result.articles[1].published) == "2025-11-07"
    reasons = " | ".join(result.skipped)
    assert "line 3: same text as" in reasons  # the link is the same page as line 1
    assert "line 4: give exactly one of url, path or text" in reasons and "line 5: not JSON" in reasons


def _client(handler: object) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True, max_redirects=5)  # type: ignore[arg-type]


def _page(body: bytes = b"<html><body><p>Story.</p></body></html>", **headers: str) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"content-type": "text/html; charset=utf-8", **headers})


def _raise_timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("slow", request=request)


@pytest.mark.parametrize(
    ("handler", "message"),
    [
        (lambda r: httpx.Response(200, content=b"%PDF", headers={"content-type": "application/pdf"}), "not a web page"),
        (lambda r: _page(**{"content-length": str(MAX_BYTES + 1)}), "byte limit"),
        (lambda r: _page(b"x" * (MAX_BYTES + 10)), "byte limit"),
        (lambda r: httpx.Response(302, headers={"location": str(r.url)}), "more than 5 redirects"),
        (lambda r: httpx.Response(404), "HTTP 404"),
        (_raise_timeout, "no answer within"),
    ],
    ids=["pdf", "declared-too-big", "streamed-too-big", "redirect-loop", "not-found", "timeout"],
)
def test_fetch_refuses_what_is_not_a_page_with_one_clear_reason(handler: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        fetch("https://news.example/story", _client(handler))


def test_fetch_follows_a_redirect_and_reports_the_final_address() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://news.example/new"})
        return _page()

    html, final = fetch("https://news.example/old", _client(handler))
    assert "Story." in html and final == "https://news.example/new"


def test_a_bad_link_is_skipped_and_the_rest_go_on() -> None:
    def refuse(url: str) -> tuple[str, str]:
        raise InputError(f"{url}: HTTP 500")

    result = load_articles(["https://news.example/broken", WEB / "gazette-page.html"], fetch_page=refuse)
    assert len(result.articles) == 1 and result.skipped == ["https://news.example/broken: HTTP 500"]


def test_page_paths_are_kept(tmp_path: Path) -> None:
    page = tmp_path / "story.htm"
    page.write_text("<html><body><article><p>A story in a page. It has two sentences.</p></article></body></html>")
    assert read_article(page).sentence_text(read_article(page).sentences[0]) == "A story in a page."
