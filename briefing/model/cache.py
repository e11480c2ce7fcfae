"""Where the caches live, and the model's answers (extractions, judgements) on disk, keyed by everything that shapes
them: a re-run asks nothing."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import platformdirs

from ..files import write_atomic


def cache_dir() -> Path:
    """The user's cache folder for briefing (BRIEF_CACHE_DIR overrides it): model answers, vectors, the assembled
    embedded model and its server's log."""
    return Path(os.environ.get("BRIEF_CACHE_DIR") or platformdirs.user_cache_dir("briefing"))


def cache_key(
    model: str, endpoint: str, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int
) -> str:
    """sha256 over the model, the endpoint, the rendered prompt (template and chunk), the schema and the budget."""
    material = json.dumps([model, endpoint, messages, schema, max_tokens], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class AnswerCache:
    """The model's answers, extraction's and the judge's alike, one JSON file per key (kept in the cache's
    `extractions/` folder, its name since before the judge). A missing or corrupt entry is a miss, never an
    error; writes are atomic."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str, field: str = "facts") -> dict[str, Any] | None:
        """The stored answer, or None when it is missing, damaged, or lacks `field` (a list)."""
        path = self.directory / f"{key}.json"
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) and isinstance(value.get(field), list) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomic(self.directory / f"{key}.json", json.dumps(value))
        except OSError:
            pass  # a cache that cannot be written only costs a later re-run its speed
