"""The dependency parse as plain data: offsets in the article's text, the tree's questions."""

from __future__ import annotations

import pytest

from briefing.inputs.sources import parse_article
from briefing.model.parse import Parser, parse_articles
from briefing.text.syntax import ParsedSentence, Token

TEXT = (
    "The harbour council voted on Tuesday to close the old ferry pier.\n\n"
    "Councillor Ada Brenner, who chairs the works committee, said the   repairs would cost too much."
)


@pytest.fixture(scope="module")
def parsed() -> dict[tuple[str, str], ParsedSentence]:
    article = parse_article(TEXT, "pier.txt")
    return dict(parse_articles([article], Parser.load()))


def test_every_token_is_cut_from_the_article_at_its_offsets(parsed: dict[tuple[str, str], ParsedSentence]) -> None:
    assert len(parsed) == 2
    for sentence in parsed.values():
        for token in sentence.tokens:
            assert TEXT[token.start : token.end] == token.text
            assert not token.text.isspace()  # a run of spaces is no token


def test_the_tree_answers_who_did_what(parsed: dict[tuple[str, str], ParsedSentence]) -> None:
    first = next(s for (_, sid), s in parsed.items() if sid == "S1")
    [root] = first.roots()
    assert first.tokens[root].lemma == "vote"
    subject = [i for i in first.children(root) if first.tokens[i].dep == "nsubj"]
    assert [first.tokens[i].text for i in first.subtree(subject[0])] == ["The", "harbour", "council"]
    assert root in list(first.ancestors(subject[0]))
    # The heads of a stretch: "to close the old ferry pier" hangs from one token.
    start = TEXT.index("to close")
    stretch = first.within(start, TEXT.index(".", start))
    assert [first.tokens[i].text for i in first.top(stretch)] == ["close"]


def test_a_token_whose_head_is_dropped_becomes_a_root() -> None:
    tokens = (
        Token(0, 3, "Ada", "ada", "PROPN", "NNP", "nsubj", 1),
        Token(4, 9, "voted", "vote", "VERB", "VBD", "ROOT", 1),
    )
    sentence = ParsedSentence(tokens)
    assert sentence.roots() == [1]
    assert sentence.children(1) == (0,)
    assert sentence.subtree(1) == [0, 1]
