"""Sources: reading files and folders, front matter, boilerplate blocks, sentences with exact offsets."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from briefing import sources
from briefing.errors import InputError
from briefing.models import BlockKind
from briefing.sources import load_articles, parse_article, read_article

from .conftest import EXAMPLES


def test_every_sentence_offset_gives_back_its_exact_text() -> None:
    for article in load_articles([EXAMPLES / "articles"]).articles:
        for sentence in article.sentences:
            text = article.sentence_text(sentence)
            assert text == text.strip() and text
            assert article.text.find(text, sentence.start) == sentence.start


def test_abbreviations_and_decimals_do_not_split_sentences() -> None:
    article = parse_article("The U.S. envoy met Dr. Smith at 9.30 a.m. on Dec. 1 in Caracas. Then he left.\n", "x.txt")
    texts = [article.sentence_text(s) for s in article.sentences]
    assert texts == ["The U.S. envoy met Dr. Smith at 9.30 a.m. on Dec. 1 in Caracas.", "Then he left."]


def test_front_matter_gives_title_outlet_and_date_and_is_never_numbered() -> None:
    raw = "---\ntitle: A title\noutlet: The Paper\npublished: 2025-11-04\n---\nBody sentence one. Body two.\n"
    article = parse_article(raw, "a.md")
    assert (article.title, article.outlet, str(article.published)) == ("A title", "The Paper", "2025-11-04")
    assert article.sentence_text(article.sentences[0]) == "Body sentence one."
    assert all(s.start >= raw.index("Body") for s in article.sentences)


def test_article_ids_are_stable_and_distinct() -> None:
    first = [a.id for a in load_articles([EXAMPLES / "articles"]).articles]
    again = [a.id for a in load_articles([EXAMPLES / "articles"]).articles]
    assert first == again and len(set(first)) == len(first)


def test_boilerplate_is_kept_in_blocks_but_never_in_sentences() -> None:
    article = read_article(EXAMPLES / "articles" / "02-coastline-wire.txt")
    dropped = [article.text[b.start : b.end] for b in article.blocks if b.kind == BlockKind.BOILERPLATE]
    assert "Trending now" in dropped and "Lottery jackpot rolls over to 12 million" in dropped
    numbered = " ".join(article.sentence_text(s) for s in article.sentences)
    assert "Lottery" not in numbered and "Advertisement" not in numbered


def test_folder_scan_skips_readme_and_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("About these files. Not an article.\n")
    (tmp_path / ".draft.txt").write_text("A hidden draft. Not an article.\n")
    (tmp_path / "story.txt").write_text("The only article. It has two sentences.\n")
    assert [Path(a.path).name for a in load_articles([tmp_path]).articles] == ["story.txt"]


def test_the_same_text_twice_is_read_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Same story. Same words.\n")
    result = load_articles([tmp_path])
    assert len(result.articles) == 1 and "same text as" in result.skipped[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x7fELF\x02\x01\x00\x00binary", "binary file"),
        ("Caf\u00e9 au lait. Tr\u00e8s bon.".encode("latin-1"), "not UTF-8 text"),
        (b"   \n\n  ", "no article text"),
        (b"", "no article text"),
    ],
    ids=["nul-bytes", "latin-1", "whitespace-only", "empty"],
)
def test_unreadable_files_give_one_clear_reason(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_article(path)


def test_missing_path_and_empty_folder_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        load_articles([tmp_path / "missing.txt"])
    with pytest.raises(InputError, match=r"folder holds no article"):
        load_articles([tmp_path])


def test_one_bad_file_in_a_folder_does_not_sink_the_rest(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A real article. With facts.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01")
    result = load_articles([tmp_path])
    assert len(result.articles) == 1 and "binary file" in result.skipped[0]


def test_utf16_with_a_byte_order_mark_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Caf\u00e9 owners met on Monday. They agreed.\n".encode("utf-16"))
    assert read_article(path).sentence_text(read_article(path).sentences[0]) == "Caf\u00e9 owners met on Monday."


def test_a_huge_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"A sentence of a very long file. " * 650_000)  # about 20 MB
    with pytest.raises(InputError, match=r"20\.8 MB, over the 5 MB limit"):
        read_article(path)


def test_an_all_boilerplate_page_is_one_clear_reason(tmp_path: Path) -> None:
    path = tmp_path / "chrome.txt"
    path.write_text("Home | News | Sport\nSubscribe to our newsletter\nShare this article\n#news #world #today\n")
    with pytest.raises(InputError, match="no article text left once boilerplate is removed"):
        read_article(path)


@pytest.mark.parametrize("threads", [1, 2], ids=["fork", "forkserver-once-threads-run"])
def test_many_files_read_by_worker_processes_give_what_one_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    for number in range(12):
        body = f"Story {number} says {number * 100} dock workers walked out on Monday. The port was shut."
        (tmp_path / f"story{number:02}.txt").write_text(body + "\n")
    (tmp_path / "story99.txt").write_bytes(b"\xff\xfe\x00broken")
    monkeypatch.setattr(sources, "PARALLEL_FROM_FILES", 10**6)
    alone = load_articles([tmp_path])
    pools: list[int] = []

    class CountedPool(ProcessPoolExecutor):
        def __init__(self, workers: int, **options: Any) -> None:
            pools.append(workers)
            super().__init__(workers, **options)

    monkeypatch.setattr(sources, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(sources, "PARALLEL_FROM_FILES", 4)
    monkeypatch.setattr(sources.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(sources.threading, "active_count", lambda: threads)
    pooled = load_articles([tmp_path])
    assert pools == [2]
    assert pooled == alone
    assert len(pooled.articles) == 12 and len(pooled.skipped) == 1
