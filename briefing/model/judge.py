"""Questions of the claim builder -> the model's answer: does quote B report a fact quote A also reports? The
second module that talks to a model; a failed call never fails the brief (that pair falls back to the strict
similarity rule).

Measured with the embedded 1.5B model (../shared/research/judge-models.md): asked "yes / no / conflict" with worked
examples as earlier chat turns it tells paraphrases from other facts of a story, but its answer depends on which
quote comes first (the two orders disagree on 28% of pairs). Each pair is asked once, in the order the claim
builder gives (the claim's established fact first): one judgement a pair, which never depends on the order the
articles come in, at half the cost of asking both orders. A "conflict" is believed only where the code finds what
the two quotes disagree on (joining.py). The rules and worked examples open every request unchanged, so the server
reads them once and only the pair's own tokens after.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from typing import Any

import yaml
from pydantic import Field

from ..errors import first_line
from ..models import StrictModel, Verdict
from .cache import AnswerCache, cache_key
from .calls import CallReport, ModelCaller, RetryPolicy, make_client, one_line, structured_call
from .config import ModelConfig, cache_identity

JUDGE_MAX_TOKENS = 16  # {"same_fact": "conflict"} is about ten tokens; the cap stops a runaway answer


class Answer(StrEnum):
    """The model's answer to "does quote B report a fact that quote A also reports?"."""

    YES = "yes"
    NO = "no"
    CONFLICT = "conflict"


class JudgeAnswer(StrictModel):
    """The whole answer: one word of an enum, so the grammar leaves the model nothing else to write."""

    same_fact: Answer = Field(description="yes, no or conflict")


VERDICTS = {Answer.YES: Verdict.SAME, Answer.NO: Verdict.RELATED, Answer.CONFLICT: Verdict.CONTRADICTS}


@dataclass(frozen=True)
class PairToJudge:
    """Two verified quotes (or parts read in their sentences), by the IDs of their facts, in the order asked."""

    left_id: str
    right_id: str
    left: str
    right: str


@dataclass
class JudgeReport(CallReport):
    """What judging cost: requests, cache hits, failures (CallReport) and tokens."""

    prompt_tokens: int = 0
    prompt_read: int = 0  # of those, read by the server (llama-server's prompt_n); the rest came from its cache
    completion_tokens: int = 0
    prompt_seconds: float = 0.0  # as the server reports them (llama-server); 0.0 from servers that do not
    generation_seconds: float = 0.0


class Judge(ModelCaller):
    """Asks the model about pairs, at most `concurrency` calls at once, each answer cached like an extraction."""

    def _prepare(self) -> None:
        prompts = resources.files("briefing.prompts")
        self.rules = prompts.joinpath("judge.j2").read_text("utf-8").strip()
        self.examples = yaml.safe_load(prompts.joinpath("judge_examples.yaml").read_text("utf-8"))
        self.report = JudgeReport()

    def messages(self, first: str, second: str) -> list[dict[str, str]]:
        """Rules, then the worked examples as earlier turns (the same every call: the server reuses them), then the
        pair. Quotes are folded to one line and their double quotes made single."""
        turns = [{"role": "system", "content": self.rules}]
        for example in self.examples:
            turns.append({"role": "user", "content": _pair_text(example["a"], example["b"])})
            turns.append({"role": "assistant", "content": json.dumps({"same_fact": example["answer"]})})
        turns.append({"role": "user", "content": _pair_text(first, second)})
        return turns

    async def answer_all(
        self, pairs: Sequence[PairToJudge | tuple[str, str, str, str]]
    ) -> list[tuple[Verdict | None, str]]:
        """The verdict on each pair (None where every attempt failed) and the model's word, in order."""

        async def one(pair: PairToJudge | tuple[str, str, str, str]) -> tuple[Verdict | None, str]:
            pair = pair if isinstance(pair, PairToJudge) else PairToJudge(*pair)
            answer = await self.ask(pair, pair.left, pair.right)
            return (None, "failed") if answer is None else (VERDICTS[answer], answer.value)

        return list(await asyncio.gather(*(one(pair) for pair in pairs)))

    async def ask(self, pair: PairToJudge, first: str, second: str) -> Answer | None:
        """One order's answer (from the cache when asked before); None when every attempt failed."""
        messages = self.messages(first, second)
        key = cache_key(self.config.model, cache_identity(self.config), messages,
                        JudgeAnswer.model_json_schema(), JUDGE_MAX_TOKENS)  # fmt: skip
        cached = self.cache.get(key, field="same_fact") if self.cache else None
        if cached is not None:
            try:
                answer = JudgeAnswer.model_validate({"same_fact": cached["same_fact"][0]})
            except (ValueError, IndexError):
                pass  # damaged: ask again
            else:
                self.report.cached += 1
                return answer.same_fact
        try:
            async with self.slots:
                answer = await self._call(messages)
        except Exception as error:  # any failure of one judgement is reported, never fatal
            self.report.failed += 1
            self.report.failures.append(f"{pair.left_id} / {pair.right_id}: {first_line(error)}")
            return None
        if self.cache:
            self.cache.put(key, {"same_fact": [answer.same_fact.value]})
        return answer.same_fact

    async def _call(self, messages: list[dict[str, str]]) -> JudgeAnswer:
        answer, usage = await structured_call(
            self.client, self.config, self.policy, messages, JudgeAnswer, JUDGE_MAX_TOKENS
        )
        self.report.prompt_tokens += usage.prompt_tokens
        self.report.prompt_read += usage.prompt_read
        self.report.completion_tokens += usage.completion_tokens
        self.report.prompt_seconds += usage.prompt_seconds
        self.report.generation_seconds += usage.generation_seconds
        return answer  # type: ignore[no-any-return]

    def _request_sent(self, *args: Any, **kwargs: Any) -> None:
        self.report.requests += 1


def _pair_text(first: str, second: str) -> str:
    return f'A: "{one_line(first)}"\nB: "{one_line(second)}"'


@asynccontextmanager
async def open_judge(
    config: ModelConfig | None, policy: RetryPolicy, cache: AnswerCache | None, concurrency: int = 1
) -> AsyncIterator[Judge | None]:
    """A judge on `config`'s endpoint for the block's length (its client closed after); None without a config."""
    if config is None:
        yield None
        return
    client, openai_client = make_client(config)
    try:
        yield Judge(client, config, policy, cache, concurrency)
    finally:
        await openai_client.close()
