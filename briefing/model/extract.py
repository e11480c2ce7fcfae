"""Article -> raw facts. The only module that talks to a model."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import jinja2
from pydantic import Field, create_model

from ..errors import ExtractionError, first_line
from ..models import (
    MAX_EVIDENCE_IDS,
    MAX_FACTS_PER_CHUNK,
    Article,
    ArticleReport,
    Extraction,
    ModelFact,
    RawFact,
    Sentence,
)
from .cache import cache_key
from .calls import ModelCaller, Usage, is_transport_error, structured_call
from .config import cache_identity

CHUNK_MAX_SENTENCES = 12  # the 1.5B model stops at its list cap: small windows are what give coverage
CHUNK_MAX_TOKENS = 900  # estimated prompt tokens of the sentences in one chunk
TOKENS_PER_FACT = 70  # room in max_tokens for one fact of the answer (a statement of <= 25 words, a kind, IDs)
MAX_COMPLETION_TOKENS = 2000
MIN_FACTS_PER_SENTENCE = 0.5


@dataclass
class ArticleExtraction:
    """The raw facts of one article and the accounting of how they were obtained."""

    facts: list[RawFact] = field(default_factory=list)
    report: ArticleReport | None = None


def estimate_tokens(text: str) -> int:
    """A cheap token estimate (about four characters a token for English)."""
    return len(text) // 4 + 1


def chunk_sentences(
    article: Article, max_sentences: int = CHUNK_MAX_SENTENCES, max_tokens: int = CHUNK_MAX_TOKENS
) -> list[list[Sentence]]:
    """Group sentences into chunks on paragraph boundaries; an oversized paragraph is split between sentences."""
    chunks: list[list[Sentence]] = []
    current: list[Sentence] = []
    for paragraph in _paragraphs(article.sentences):
        if current and not _fits(article, current + paragraph, max_sentences, max_tokens):
            chunks.append(current)
            current = []
        for sentence in paragraph:
            if current and not _fits(article, [*current, sentence], max_sentences, max_tokens):
                chunks.append(current)
                current = []
            current.append(sentence)
    if current:
        chunks.append(current)
    return chunks


def _paragraphs(sentences: list[Sentence]) -> list[list[Sentence]]:
    groups: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        groups.setdefault(sentence.paragraph, []).append(sentence)
    return list(groups.values())


def _fits(article: Article, sentences: list[Sentence], max_sentences: int, max_tokens: int) -> bool:
    tokens = sum(estimate_tokens(article.sentence_text(s)) for s in sentences)
    return len(sentences) <= max_sentences and tokens <= max_tokens


@cache
def _templates() -> jinja2.Environment:
    loader = jinja2.FunctionLoader(lambda name: resources.files("briefing.prompts").joinpath(name).read_text("utf-8"))
    # Prompts are plain text for a model, not HTML: autoescape would corrupt quotes the model must copy.
    return jinja2.Environment(
        loader=loader, autoescape=False, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )


def build_messages(article: Article, chunk: list[Sentence]) -> list[dict[str, str]]:
    """The chat messages for one chunk: rules in the system message, numbered sentences in the user message."""
    env = _templates()
    system = env.get_template("system.j2").render(max_facts=fact_cap(chunk))
    user = env.get_template("extract.j2").render(
        title=article.title,
        outlet=article.outlet,
        published=article.published.isoformat() if article.published else None,
        first_id=chunk[0].id,
        last_id=chunk[-1].id,
        sentences=[{"id": s.id, "text": " ".join(article.sentence_text(s).split())} for s in chunk],
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def fact_cap(chunk: list[Sentence]) -> int:
    """How many facts one chunk may give: atomic facts mean some sentences give two or three."""
    return min(MAX_FACTS_PER_CHUNK, len(chunk) + len(chunk) // 2 + 2)


def chunk_schema(chunk: list[Sentence]) -> type[Extraction]:
    """A response model whose evidence IDs are an enum of this chunk's sentence IDs and whose lists are capped."""
    ids = tuple(s.id for s in chunk)
    fact_model = create_model(
        "Fact",
        __base__=ModelFact,
        evidence=(list[Literal[ids]], Field(min_length=1, max_length=MAX_EVIDENCE_IDS)),  # type: ignore[valid-type]
    )
    cap = fact_cap(chunk)
    # A small model may stop after a fact or two; a floor keeps it reading on (it answers in sentence order),
    # and whatever it writes to reach the floor still has to pass grounding.
    floor = min(cap, math.ceil(len(chunk) * MIN_FACTS_PER_SENTENCE))
    facts = (list[fact_model], Field(min_length=floor, max_length=cap))  # type: ignore[valid-type]
    return create_model("Facts", __base__=Extraction, facts=facts)


# Requests instructor sends for the current call (first try and re-asks), counted through its hook. A context
# variable, because calls run concurrently: each asyncio task sees its own counter.
_SENT: ContextVar[list[int] | None] = ContextVar("sent", default=None)


def _count_request(*args: Any, **kwargs: Any) -> None:
    counter = _SENT.get()
    if counter is not None:
        counter[0] += 1


class Extractor(ModelCaller):
    """Sends the chunks of articles to the model, at most `concurrency` at once, with bounded retries."""

    def _request_sent(self, *args: Any, **kwargs: Any) -> None:
        _count_request(*args, **kwargs)

    async def extract(
        self, article: Article, on_chunk: Callable[[Usage | None], None] = lambda usage: None
    ) -> ArticleExtraction:
        """All raw facts of one article; raises ExtractionError naming the article when a chunk cannot be done."""
        report = ArticleReport(article_id=article.id)
        chunks = chunk_sentences(article)
        report.chunks = len(chunks)
        outcomes = await asyncio.gather(
            *(self._extract_chunk(article, chunk, report, on_chunk) for chunk in chunks), return_exceptions=True
        )
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        facts = [fact for outcome in outcomes if isinstance(outcome, list) for fact in outcome]
        report.extracted = len(facts)
        return ArticleExtraction(facts=facts, report=report)

    async def _extract_chunk(
        self, article: Article, chunk: list[Sentence], report: ArticleReport, on_chunk: Callable[[Usage | None], None]
    ) -> list[RawFact]:
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        try:
            answer, usage = await self._call(article, chunk, report)
        except IncompleteOutputException as error:
            # The answer hit max_tokens (the model can loop): retry on halves rather than drop the chunk.
            if len(chunk) == 1:
                raise ExtractionError(article.id, report.requests, f"answer truncated at {chunk[0].id}") from error
            middle = len(chunk) // 2
            halves = [chunk[:middle], chunk[middle:]]
            first, second = [await self._extract_chunk(article, half, report, lambda usage: None) for half in halves]
            on_chunk(None)
            return first + second
        except InstructorRetryException as error:
            last = str(getattr(error, "last_completion", None) or "")[:500] or None
            failures = getattr(error, "failed_attempts", None) or []
            cause = failures[-1].exception if failures else error.__cause__ or error
            schema_problem = not is_transport_error(error)
            reason = f"no answer fit the schema: {first_line(cause)}" if schema_problem else first_line(cause)
            raise ExtractionError(article.id, report.requests, reason, last) from error
        except Exception as error:
            if is_transport_error(error):
                raise ExtractionError(article.id, report.requests, first_line(error)) from error
            raise
        on_chunk(usage)
        return [RawFact.model_validate(fact.model_dump()) for fact in answer.facts]

    async def _call(
        self, article: Article, chunk: list[Sentence], report: ArticleReport
    ) -> tuple[Extraction, Usage | None]:
        """The chunk's answer, from the cache (Usage None) or the model."""
        schema = chunk_schema(chunk)
        messages = build_messages(article, chunk)
        max_tokens = min(MAX_COMPLETION_TOKENS, 200 + TOKENS_PER_FACT * fact_cap(chunk))
        key = cache_key(
            self.config.model, cache_identity(self.config), messages, schema.model_json_schema(), max_tokens
        )
        cached = self.cache.get(key) if self.cache else None
        if cached is not None:
            try:
                answer = schema.model_validate({"facts": cached["facts"]})
            except ValueError:
                pass  # an entry from another schema or a damaged file: ask again
            else:
                report.cached_chunks += 1
                return answer, None
        async with self.slots:
            answer, usage = await self._ask(messages, schema, max_tokens, report)
        if self.cache:
            self.cache.put(key, {"facts": [fact.model_dump(mode="json") for fact in answer.facts]})
        return answer, usage

    async def _ask(
        self, messages: list[dict[str, str]], schema: type[Extraction], max_tokens: int, report: ArticleReport
    ) -> tuple[Extraction, Usage]:
        counter = [0]
        token = _SENT.set(counter)
        try:
            answer, usage = await structured_call(self.client, self.config, self.policy, messages, schema, max_tokens)
            report.prompt_tokens += usage.prompt_tokens
            report.completion_tokens += usage.completion_tokens
            report.prompt_seconds = round(report.prompt_seconds + usage.prompt_seconds, 3)
            report.generation_seconds = round(report.generation_seconds + usage.generation_seconds, 3)
            return answer, usage
        finally:
            _SENT.reset(token)
            sent = max(counter[0], 1)
            report.requests += sent
            report.retries += sent - 1
