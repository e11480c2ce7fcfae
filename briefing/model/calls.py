"""Calls to an OpenAI-compatible endpoint: the client, the retry policy (transport retries with tenacity, schema
re-asks with instructor), and what each call cost."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Any

from ..models import MAX_QUOTE_CHARS
from .cache import AnswerCache
from .config import ModelConfig


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds on every kind of retry: transport errors (tenacity) and schema re-asks (instructor)."""

    transport_attempts: int = 4
    backoff_initial: float = 1.0
    backoff_max: float = 20.0
    reasks: int = 2
    retry_after_max: float = 60.0  # a server asking for a longer pause is not waited for

    def wait(self, retry_state: Any) -> float:
        """Seconds before the next attempt: the server's Retry-After if it sent one, else exponential + jitter."""
        error = retry_state.outcome.exception() if retry_state.outcome else None
        asked = retry_after(error) if error is not None else None
        if asked is not None:
            return min(asked, self.retry_after_max)
        ceiling = min(self.backoff_max, self.backoff_initial * 2 ** (retry_state.attempt_number - 1))
        return float(random.uniform(0, ceiling))


def retry_after(error: BaseException) -> float | None:
    """The Retry-After of a 429/503 answer behind this error (seconds or an HTTP date), if any."""
    seen: BaseException | None = error
    while seen is not None:
        response = getattr(seen, "response", None)
        header = response.headers.get("retry-after") if response is not None else None
        if header:
            try:
                return max(0.0, float(header))
            except ValueError:
                from email.utils import parsedate_to_datetime

                try:
                    return max(0.0, parsedate_to_datetime(header).timestamp() - time.time())
                except (TypeError, ValueError):
                    return None
        seen = seen.__cause__
    return None


def make_client(config: ModelConfig) -> tuple[Any, Any]:
    """An async instructor client in JSON-schema mode (grammar-enforced on llama-server; TOOLS mode fails there),
    and the OpenAI client under it (to be closed when done)."""
    import instructor
    from openai import AsyncOpenAI

    # The SDK's own retries are off: tenacity owns transport retries so they are bounded in one place.
    openai_client = AsyncOpenAI(base_url=config.base_url, api_key=config.api_key, timeout=config.timeout, max_retries=0)
    return instructor.from_openai(openai_client, mode=instructor.Mode.JSON_SCHEMA), openai_client


def is_transport_error(error: BaseException) -> bool:
    """Errors worth retrying as they are: connection, timeout, rate limit, 5xx (also when instructor wraps them)."""
    import openai

    retryable = (openai.APIConnectionError, openai.APITimeoutError, openai.RateLimitError, openai.InternalServerError)
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, retryable):
            return True
        seen = seen.__cause__
    return False


@dataclass(frozen=True)
class Usage:
    """What one answer cost: its tokens and, where the server says (llama-server's `timings`), the seconds it
    spent reading the prompt and generating the answer (0.0 when it does not say)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    prompt_seconds: float = 0.0
    generation_seconds: float = 0.0
    # Prompt tokens the server read (llama-server's `prompt_n`): those after the prefix its prompt cache already
    # held. A server that does not say is taken to have read them all.
    prompt_read: int = 0


def usage_of(completion: Any) -> Usage:
    """The Usage of a chat completion; llama-server's timings ride along as an extra field of the response."""
    usage = getattr(completion, "usage", None)
    extra = getattr(completion, "model_extra", None) or {}
    found = extra.get("timings")
    timings: dict[str, Any] = found if isinstance(found, dict) else {}
    prompt_tokens = (usage.prompt_tokens or 0) if usage is not None else 0
    read = timings.get("prompt_n")
    return Usage(
        prompt_tokens=prompt_tokens,
        completion_tokens=(usage.completion_tokens or 0) if usage is not None else 0,
        prompt_seconds=float(timings.get("prompt_ms") or 0.0) / 1000,
        generation_seconds=float(timings.get("predicted_ms") or 0.0) / 1000,
        prompt_read=int(read) if isinstance(read, int | float) else prompt_tokens,
    )


async def structured_call(
    client: Any,
    config: ModelConfig,
    policy: RetryPolicy,
    messages: list[dict[str, str]],
    response_model: Any,
    max_tokens: int,
) -> tuple[Any, Usage]:
    """One schema-constrained request (instructor) with bounded retries: transport errors by tenacity, invalid
    answers re-asked by instructor. Returns the answer and its Usage; raises what the last attempt raised."""
    from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.transport_attempts),
        wait=policy.wait,
        retry=retry_if_exception(is_transport_error),
        reraise=True,
    )
    async for attempt in retrying:
        with attempt:
            answer, completion = await client.chat.completions.create_with_completion(
                model=config.model,
                messages=messages,
                response_model=response_model,
                max_retries=policy.reasks,
                max_tokens=max_tokens,
                temperature=0,
                seed=0,
            )
            return answer, usage_of(completion)
    raise AssertionError("unreachable: tenacity re-raises the last error")


@dataclass
class CallReport:
    """What a stage's calls cost: requests sent (re-asks and retries included), answers from the cache, calls that
    failed and why."""

    requests: int = 0
    cached: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)


def one_line(quote: str) -> str:
    """A quote as a request quotes it: on one line, its double quotation marks made single (the request wraps it in
    double ones), at most MAX_QUOTE_CHARS long."""
    single = quote.replace('"', "'").replace("\u201c", "'").replace("\u201d", "'")
    return " ".join(single.split())[:MAX_QUOTE_CHARS]


class ModelCaller:
    """What a stage that asks the model holds (extract.Extractor, judge.Judge): the client, the endpoint's
    configuration, the retry policy, the answer cache, and how many calls may run at once (a semaphore made on
    first use, inside the event loop that uses it)."""

    def __init__(
        self,
        client: Any,
        config: ModelConfig,
        policy: RetryPolicy | None = None,
        cache: AnswerCache | None = None,
        concurrency: int = 1,
    ) -> None:
        self.client = client
        self.config = config
        self.policy = policy or RetryPolicy()
        self.cache = cache
        self.concurrency = max(1, concurrency)
        self._slots: asyncio.Semaphore | None = None
        self._prepare()
        if hasattr(client, "on"):  # every request instructor sends, re-asks and transport retries included
            client.on("completion:kwargs", self._request_sent)

    def _prepare(self) -> None:
        """What a subclass sets up before its first call (the judge's prompts and report)."""

    def _request_sent(self, *args: Any, **kwargs: Any) -> None:
        """Counts one request the client sent (instructor's hook); a subclass says where."""

    @property
    def slots(self) -> asyncio.Semaphore:
        """At most `concurrency` calls at once."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.concurrency)
        return self._slots
