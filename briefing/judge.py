"""Candidate pairs -> the model's verdict: same fact, related, or contradicting. The second module that talks to
a model; a failed call never fails the brief (the pair falls back to the strict similarity rule).

The prompt carries worked examples of an unrelated story: with rules alone the embedded model called nearly
every pair "same" (shared/research/small-model-judge.md), with four examples it joined no look-alike pair.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
from pydantic import Field
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from .cache import ExtractionCache, cache_key
from .llm import ModelConfig, RetryPolicy, cache_identity, is_transport_error
from .models import MAX_QUOTE_CHARS, StrictModel, Verdict

JUDGE_MAX_TOKENS = 24  # {"verdict": "contradicts"} is about ten tokens; the cap stops a runaway answer


class JudgeAnswer(StrictModel):
    """The whole answer: one word of an enum, so the grammar leaves the model nothing else to write."""

    verdict: Verdict = Field(description="same, related or contradicts")


@dataclass(frozen=True)
class PairToJudge:
    """Two verified quotes, by the IDs of their facts."""

    left_id: str
    right_id: str
    left: str
    right: str


@dataclass
class JudgeReport:
    """What judging cost: requests, cache hits, failures and tokens."""

    requests: int = 0
    cached: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    failures: list[str] = field(default_factory=list)


class Judge:
    """Asks the model about pairs, at most `concurrency` at once, each answer cached like an extraction."""

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
        loader = jinja2.FunctionLoader(lambda name: prompts.joinpath(name).read_text("utf-8"))
        # Plain text for a model: autoescape would change the quotes it compares.
        self.templates = jinja2.Environment(loader=loader, autoescape=False, undefined=jinja2.StrictUndefined)
        self.report = JudgeReport()

    def messages(self, pair: PairToJudge) -> list[dict[str, str]]:
        """Rules and worked examples in the system message (the same every call: the server reuses it), the pair
        in the user message. Quotes are folded to one line and their double quotes made single."""
        system = self.templates.get_template("judge.j2").render()
        user = self.templates.get_template("judge_pair.j2").render(left=_inline(pair.left), right=_inline(pair.right))
        return [{"role": "system", "content": system}, {"role": "user", "content": user.strip()}]

    async def judge_all(
        self, pairs: Sequence[PairToJudge], on_pair: Callable[[], None] = lambda: None
    ) -> list[Verdict | None]:
        """A verdict for each pair, in order; None where the model could not answer within the retry bounds."""

        async def one(pair: PairToJudge) -> Verdict | None:
            verdict = await self.judge(pair)
            on_pair()
            return verdict

        return list(await asyncio.gather(*(one(pair) for pair in pairs)))

    async def judge(self, pair: PairToJudge) -> Verdict | None:
        """One pair's verdict (from the cache when it was asked before); None when every attempt failed."""
        messages = self.messages(pair)
        key = cache_key(self.config.model, cache_identity(self.config), messages,
                        JudgeAnswer.model_json_schema(), JUDGE_MAX_TOKENS)  # fmt: skip
        cached = self.cache.get(key, field="verdict") if self.cache else None
        if cached is not None:
            try:
                answer = JudgeAnswer.model_validate({"verdict": cached["verdict"][0]})
            except (ValueError, IndexError):
                pass  # damaged: ask again
            else:
                self.report.cached += 1
                return answer.verdict
        try:
            async with self.slots:
                answer = await self._ask(messages)
        except Exception as error:  # any failure of one judgement is reported, never fatal
            self.report.failed += 1
            self.report.failures.append(f"{pair.left_id} / {pair.right_id}: {_first_line(error)}")
            return None
        if self.cache:
            self.cache.put(key, {"verdict": [answer.verdict.value]})
        return answer.verdict

    async def _ask(self, messages: list[dict[str, str]]) -> JudgeAnswer:
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.policy.transport_attempts),
            wait=self.policy.wait,
            retry=retry_if_exception(is_transport_error),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                self.report.requests += 1
                answer, completion = await self.client.chat.completions.create_with_completion(
                    model=self.config.model,
                    messages=messages,
                    response_model=JudgeAnswer,
                    max_retries=self.policy.reasks,
                    max_tokens=JUDGE_MAX_TOKENS,
                    temperature=0,
                    seed=0,
                )
                usage = getattr(completion, "usage", None)
                if usage is not None:
                    self.report.prompt_tokens += usage.prompt_tokens or 0
                    self.report.completion_tokens += usage.completion_tokens or 0
                return answer  # type: ignore[no-any-return]
        raise AssertionError("unreachable: tenacity re-raises the last error")


def _inline(quote: str) -> str:
    return " ".join(quote.replace('"', "'").replace("\u201c", "'").replace("\u201d", "'").split())[:MAX_QUOTE_CHARS]


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:300] if text else error.__class__.__name__
