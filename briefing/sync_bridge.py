"""Running a coroutine to its end from blocking code, leaving the caller's event loop as it was."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_blocking(work: Coroutine[Any, Any, T]) -> T:
    """The coroutine's result, waited for: on a loop of its own, or, when called from inside a running event loop
    (a notebook cell, an async web handler), on a helper thread's loop while this thread waits."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _run(work)
    with ThreadPoolExecutor(1, thread_name_prefix="briefing") as helper:
        return helper.submit(_run, work).result()


def _run(work: Coroutine[Any, Any, T]) -> T:
    # A loop of its own that is never made the thread's current loop: a caller's asyncio.set_event_loop() stays
    # as it was (asyncio.run would reset it). Ctrl-C cancels the work, so its clean-up (the embedded server) runs.
    with asyncio.Runner(loop_factory=asyncio.new_event_loop) as runner:
        return runner.run(work)
