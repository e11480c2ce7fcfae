"""The one atomic writer: a reader sees the old file or the new one, never half of one, and no litter."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing import files
from briefing.errors import first_line
from briefing.files import write_atomic


def test_text_and_bytes_replace_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "brief.md"
    target.write_text("yesterday's brief", encoding="utf-8")
    assert write_atomic(target, "Ferries idle: 12 → 19") == target
    assert target.read_text(encoding="utf-8") == "Ferries idle: 12 → 19"
    write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01" and [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "brief.json"
    target.write_text("{}", encoding="utf-8")

    def refuse(source: str, destination: Path) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, '{"claims": []}')
    assert target.read_text(encoding="utf-8") == "{}" and [p.name for p in tmp_path.iterdir()] == ["brief.json"]


def test_an_error_is_reported_by_its_first_line() -> None:
    assert first_line(ValueError("schema broken\nat line 3")) == "schema broken"
    assert first_line(TimeoutError()) == "TimeoutError"


def test_a_new_file_gets_the_umask_mode_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    previous = os.umask(0o027)  # a test may set the process's umask; the library only reads it
    try:
        fresh = write_atomic(tmp_path / "brief.md", "new")
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o640  # 0666 less the umask, not mkstemp's private 0600
        kept = tmp_path / "brief.json"
        kept.write_text("{}", encoding="utf-8")
        kept.chmod(0o604)
        write_atomic(kept, "{}")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    finally:
        os.umask(previous)
