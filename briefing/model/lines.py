"""A claim's quotes -> one neutral line a model writes for the page (at most MAX_LINE_WORDS words). The third
module that talks to a model; a failed call never fails the brief (the claim keeps its own clause), and what it
writes is shown only when checks/written.py finds every name, number, date and content word of it in the quotes.

The rules and worked examples open every request unchanged, as the judge's do, so a server reads them once.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import yaml
from pydantic import Field

from ..errors import first_line
from ..models import StrictModel
from .cache import AnswerCache, cache_key
from .calls import CallReport, ModelCaller, RetryPolicy, make_client, one_line, structured_call
from .config import ModelConfig, cache_identity

MAX_LINE_WORDS = 20
LINE_MAX_TOKENS = 64  # twenty words and the JSON around them; the cap stops a runaway answer
MAX_LINE_CHARS = 200
QUOTES_PER_LINE = 5  # the quotes a line is written from: one a source, as the page cites them


class LineAnswer(StrictModel):
    """The whole answer: one sentence, its length capped by the schema as well as by the prompt."""

    line: str = Field(max_length=MAX_LINE_CHARS, description="one neutral sentence of at most 20 words")


class LineWriter(ModelCaller):
    """Asks the model for a claim's line, at most `concurrency` calls at once, each answer cached."""

    def _prepare(self) -> None:
        prompts = resources.files("briefing.prompts")
        self.rules = prompts.joinpath("lines.j2").read_text("utf-8").strip()
        self.examples = yaml.safe_load(prompts.joinpath("lines_examples.yaml").read_text("utf-8"))
        self.report = CallReport()

    def messages(self, quotes: Sequence[str]) -> list[dict[str, str]]:
        """Rules, the worked examples as earlier turns, then the claim's quotes."""
        turns = [{"role": "system", "content": self.rules}]
        for example in self.examples:
            turns.append({"role": "user", "content": _quotes_text(example["quotes"])})
            turns.append({"role": "assistant", "content": json.dumps({"line": example["line"]})})
        turns.append({"role": "user", "content": _quotes_text(quotes)})
        return turns

    async def write_all(
        self, requests: Sequence[tuple[str, Sequence[str]]], done: Callable[[], None] = lambda: None
    ) -> dict[str, str | None]:
        """Each claim's line by its ID (None where every attempt failed); `done` is called as each one ends."""

        async def one(claim_id: str, quotes: Sequence[str]) -> tuple[str, str | None]:
            line = await self.write(claim_id, quotes)
            done()
            return claim_id, line

        return dict(await asyncio.gather(*(one(claim_id, quotes) for claim_id, quotes in requests)))

    async def write(self, claim_id: str, quotes: Sequence[str]) -> str | None:
        messages = self.messages(quotes[:QUOTES_PER_LINE])
        key = cache_key(self.config.model, cache_identity(self.config), messages,
                        LineAnswer.model_json_schema(), LINE_MAX_TOKENS)  # fmt: skip
        cached = self.cache.get(key, field="line") if self.cache else None
        if cached is not None and isinstance(cached["line"][0], str):
            self.report.cached += 1
            return str(cached["line"][0])
        try:
            async with self.slots:
                answer, _usage = await structured_call(
                    self.client, self.config, self.policy, messages, LineAnswer, LINE_MAX_TOKENS
                )
        except Exception as error:  # one failed line is reported, never fatal: the claim keeps its clause
            self.report.failed += 1
            self.report.failures.append(f"{claim_id}: {first_line(error)}")
            return None
        line = " ".join(str(answer.line).split())
        if self.cache:
            self.cache.put(key, {"line": [line]})
        return line

    def _request_sent(self, *args: Any, **kwargs: Any) -> None:
        self.report.requests += 1


def _quotes_text(quotes: Sequence[str]) -> str:
    return "\n".join(f'{n}. "{one_line(quote)}"' for n, quote in enumerate(quotes, start=1))


@asynccontextmanager
async def open_line_writer(
    config: ModelConfig, policy: RetryPolicy, cache: AnswerCache | None, concurrency: int = 1
) -> AsyncIterator[LineWriter]:
    """A line writer on `config`'s endpoint for the block's length (its client closed after)."""
    client, openai_client = make_client(config)
    try:
        yield LineWriter(client, config, policy, cache, concurrency)
    finally:
        await openai_client.close()
