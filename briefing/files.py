"""Writing a file so that no reader ever sees half of it, the one place the package does so: the content goes
to a temporary file beside the target, which then replaces it in one step (or is removed if anything fails)."""

from __future__ import annotations

import os
import stat
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
        # mkstemp makes the file private (0600); the output gets the mode a plain open() would give it: the old
        # file's, or the user's umask's, so a shared folder or a web server can read the brief.
        os.chmod(temporary, _mode_for(path))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: Path, content: str | bytes) -> Path:
    """Write `content` (text as UTF-8) to `path` atomically; the folder must exist. Returns `path`."""
    with atomic_file(path) as out:
        out.write(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _mode_for(path: Path) -> int:
    """The permission bits `path` keeps when replaced, or those a new file gets under the process's umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where Linux tells it (/proc/self/status); elsewhere set and
    put back at once (os.umask has no read-only form)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current
