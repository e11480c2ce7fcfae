"""Caches that belong to one build: what several stages ask of the same quote is computed once per build, and
nothing outlives it (no process-wide cache holds a caller's article text after their build returns).

`with build_caches():` opens a build's caches; a function decorated `@per_build` remembers its results inside
it and simply computes outside it. Context variables, so concurrent builds (threads, asyncio tasks) each see
their own. Pure: a cache hit returns what the call would have returned.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Hashable, Iterator
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# Entries one function may keep in one build: a 5,000-article corpus has ~100,000 quotes (the stage benchmark);
# past the limit a function's table is emptied and refilled, so memory stays bounded on any corpus.
MAX_ENTRIES = 2**17

_MISSING = object()  # what a table gives for arguments it has no result for (a result may be None)
_CACHES: ContextVar[dict[Callable[..., object], dict[Hashable, object]] | None] = ContextVar("caches", default=None)


@contextlib.contextmanager
def build_caches() -> Iterator[None]:
    """The caches of one build, dropped when the block ends (nested blocks share the outer one)."""
    if _CACHES.get() is not None:
        yield
        return
    token = _CACHES.set({})
    try:
        yield
    finally:
        _CACHES.reset(token)


def per_build(function: Callable[P, R]) -> Callable[P, R]:
    """Remember the function's results (by its hashable positional arguments) within the current build."""

    @functools.wraps(function)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        caches = _CACHES.get()
        if caches is None or kwargs:
            return function(*args, **kwargs)
        table = caches.get(remembered)
        if table is None:
            table = caches[remembered] = {}
        # get() with a marker rather than try/except KeyError: a miss raises no exception (~0.2 us, a hit's cost).
        value = table.get(args, _MISSING)
        if value is _MISSING:
            if len(table) >= MAX_ENTRIES:
                table.clear()
            value = table[args] = function(*args, **kwargs)
        return value  # type: ignore[return-value]

    return remembered
