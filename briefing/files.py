"""Writing a file so that no reader ever sees half of it, the one place the package does so: the content goes
to a temporary file beside the target, which then replaces it in one step (or is removed if anything fails)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write `path`'s new content into: it replaces `path` when the block ends, and is removed
    instead if the block raises (the old file, if any, is left as it was). The folder must exist."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write `content` (text as UTF-8) to `path` atomically; the folder must exist. Returns `path`."""
    with atomic_file(path) as out:
        out.write(content.encode("utf-8") if isinstance(content, str) else content)
    return path
