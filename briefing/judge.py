"""Candidate pairs -> the model's verdict: same fact, related, or contradicting. The second module that talks to
a model; a failed call never fails the brief (that pair falls back to the strict similarity rule).

Measured on the seeds' candidate pairs with the embedded 1.5B model (docs/benchmarks.md): asked for an enum
"same / related / contradicts" with examples in the system message, it answered "related" to nearly every pair,
gold ones included; asked "does B report a fact A also reports? yes / no / conflict" with worked examples as
earlier chat turns, it told them apart, but its answer depends on which quote comes first. So each pair is asked
in both orders: "same" needs a yes in one order and no conflict in the other, "contradicts" a conflict in both,
"related" no yes at all; a yes against a conflict decides nothing (the strict similarity rule applies).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any

import yaml
from pydantic import Field

from .cache import ExtractionCache, cache_key
from .llm import ModelConfig, RetryPolicy, cache_identity, structured_call
from .models import MAX_QUOTE_CHARS, StrictModel, Verdict

JUDGE_MAX_TOKENS = 16  # {"same_fact": "conflict"} is about ten tokens; the cap stops a runaway answer


class Answer(StrEnum):
    """The model's answer to "does quote B report a fact that quote A also reports?"."""

    YES = "yes"
    NO = "no"
    CONFLICT = "conflict"


class JudgeAnswer(StrictModel):
    """The whole answer: one word of an enum, so the grammar leaves the model nothing else to write."""

    same_fact: Answer = Field(description="yes, no or conflict")


@dataclass(frozen=True)
class PairToJudge:
    """Two verified quotes, by the IDs of their facts."""

    left_id: str
    right_id: str
    left: str
    right: str


@dataclass(frozen=True)
class Judgement:
    """The verdict and the answers it rests on (A then B, and B then A); None where a call failed."""

    verdict: Verdict | None
    answers: tuple[Answer | None, Answer | None]


def verdict_of(forward: Answer | None, backward: Answer | None) -> Verdict | None:
    """Both orders' answers -> one verdict; None when a call failed or the answers pull apart (yes / conflict)."""
    answers = {forward, backward}
    if None in answers:
        return None
    if answers == {Answer.CONFLICT}:
        return Verdict.CONTRADICTS
    if Answer.YES in answers:
        # "yes" one way and "conflict" the other: the model is unsure, so it neither joins nor keeps apart.
        return None if Answer.CONFLICT in answers else Verdict.SAME
    return Verdict.RELATED


@dataclass
class JudgeReport:
    """What judging cost: requests, cache hits, failures and tokens."""

    requests: int = 0
    cached: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    prompt_seconds: float = 0.0  # as the server reports them (llama-server); 0.0 from servers that do not
    generation_seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


class Judge:
    """Asks the model about pairs, at most `concurrency` calls at once, each answer cached like an extraction."""

    def __init__(
        self,
        client: Any,
        config: ModelConfig,
        policy: RetryPolicy | None = None,
        cache: ExtractionCache | None = None,
        concurrency: int = 1,
    ) -> None:
        self.client = client
        self.config = config
        self.policy = policy or RetryPolicy()
        self.cache = cache
        self.slots = asyncio.Semaphore(max(1, concurrency))
        prompts = resources.files("briefing.prompts")
        self.rules = prompts.joinpath("judge.j2").read_text("utf-8").strip()
        self.examples = yaml.safe_load(prompts.joinpath("judge_examples.yaml").read_text("utf-8"))
        self.report = JudgeReport()
        if hasattr(client, "on"):  # every request instructor sends, re-asks and transport retries included
            client.on("completion:kwargs", self._count_request)

    def messages(self, first: str, second: str) -> list[dict[str, str]]:
        """Rules, then the worked examples as earlier turns (the same every call: the server reuses them), then the
        pair. Quotes are folded to one line and their double quotes made single."""
        turns = [{"role": "system", "content": self.rules}]
        for example in self.examples:
            turns.append({"role": "user", "content": _pair_text(example["a"], example["b"])})
            turns.append({"role": "assistant", "content": json.dumps({"same_fact": example["answer"]})})
        turns.append({"role": "user", "content": _pair_text(first, second)})
        return turns

    async def judge_all(
        self, pairs: Sequence[PairToJudge], on_pair: Callable[[], None] = lambda: None
    ) -> list[Judgement]:
        """A judgement for each pair, in order."""

        async def one(pair: PairToJudge) -> Judgement:
            judgement = await self.judge(pair)
            on_pair()
            return judgement

        return list(await asyncio.gather(*(one(pair) for pair in pairs)))

    async def judge(self, pair: PairToJudge) -> Judgement:
        """Both orders' answers and the verdict drawn from them."""
        forward, backward = await asyncio.gather(
            self.ask(pair, pair.left, pair.right), self.ask(pair, pair.right, pair.left)
        )
        return Judgement(verdict_of(forward, backward), (forward, backward))

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
            self.report.failures.append(f"{pair.left_id} / {pair.right_id}: {_first_line(error)}")
            return None
        if self.cache:
            self.cache.put(key, {"same_fact": [answer.same_fact.value]})
        return answer.same_fact

    async def _call(self, messages: list[dict[str, str]]) -> JudgeAnswer:
        answer, usage = await structured_call(
            self.client, self.config, self.policy, messages, JudgeAnswer, JUDGE_MAX_TOKENS
        )
        self.report.prompt_tokens += usage.prompt_tokens
        self.report.completion_tokens += usage.completion_tokens
        self.report.prompt_seconds += usage.prompt_seconds
        self.report.generation_seconds += usage.generation_seconds
        return answer  # type: ignore[no-any-return]

    def _count_request(self, *args: Any, **kwargs: Any) -> None:
        self.report.requests += 1


def _pair_text(first: str, second: str) -> str:
    return f'A: "{_inline(first)}"\nB: "{_inline(second)}"'


def _inline(quote: str) -> str:
    return " ".join(quote.replace('"', "'").replace("\u201c", "'").replace("\u201d", "'").split())[:MAX_QUOTE_CHARS]


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else error.__class__.__name__
