"""The boilerplate cleaner: generic web conventions, each rule with an example."""

from __future__ import annotations

import pytest

from briefing.cleaning import classify, classify_line
from briefing.models import BlockKind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("You have not yet added any article to your bookmarks!", BlockKind.BOILERPLATE),
        ("Join 25k+ readers to get our morning newsletter.", BlockKind.BOILERPLATE),
        ("We use cookies to personalise content. Accept all?", BlockKind.BOILERPLATE),
        ("Share this story", BlockKind.BOILERPLATE),
        ("Posted by: A. Writer", BlockKind.BOILERPLATE),
        ("#News #World #Updates", BlockKind.BOILERPLATE),
        ("Advertisement", BlockKind.BOILERPLATE),
        (
            "A long teaser line that goes on and on about something else entirely until it is cut off mid wo",
            BlockKind.BOILERPLATE,
        ),
        ("The minister resigned on Tuesday after a vote of no confidence.", BlockKind.BODY),
        ("Background to the dispute", BlockKind.HEADING),
        ("## Background to the dispute", BlockKind.HEADING),
    ],
    ids=[
        "bookmark",
        "join",
        "cookie",
        "share",
        "byline",
        "hashtags",
        "advert",
        "teaser",
        "body",
        "heading",
        "md-heading",
    ],
)
def test_classify_line(line: str, kind: BlockKind) -> None:
    assert classify_line(line)[0] == kind


def test_a_run_of_headlines_is_boilerplate_but_a_single_heading_is_not() -> None:
    text = "\n".join(
        [
            "Inside the talks",
            "The two sides met for six hours. They agreed on nothing.",
            "Football club signs new striker",
            "Ten recipes for autumn evenings",
            "Stocks rally as markets open higher",
            "The last paragraph of the article ends here.",
        ]
    )
    kinds = [b.kind for b in classify(text)]
    assert kinds == [BlockKind.HEADING, BlockKind.BODY] + [BlockKind.BOILERPLATE] * 3 + [BlockKind.BODY]


def test_headlines_with_one_sentence_teasers_are_boilerplate() -> None:
    text = "\n".join(
        [
            "The article body has two sentences. This is the second.",
            "Bridge reopens after repairs",
            "Traffic is flowing again.",
            "Museum wins national award",
            "The prize was announced on Friday.",
            "Festival returns next summer",
            "Tickets go on sale in May.",
        ]
    )
    blocks = classify(text)
    assert blocks[0].kind == BlockKind.BODY
    assert {b.kind for b in blocks[1:]} == {BlockKind.BOILERPLATE}


def test_article_sections_with_real_paragraphs_are_kept() -> None:
    text = "\n".join(
        [
            "Opening paragraph of the article. It sets out the news.",
            "What happened next",
            "A paragraph with two sentences. Here is the second one.",
            "Why it matters",
            "Another full paragraph. It also has two sentences.",
            "The outlook",
            "A closing paragraph. It ends the article.",
        ]
    )
    assert BlockKind.BOILERPLATE not in {b.kind for b in classify(text)}


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = "This paragraph is wrapped at a narrow width\nso that it runs over two lines.\n\nA second one.\n"
    blocks = classify(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "This paragraph is wrapped at a narrow width\nso that it runs over two lines.",
        "A second one.",
    ]
