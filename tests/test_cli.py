"""The CLI: one clear line and a documented exit code for bad input, never a traceback."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from briefing.cli import main


def run_brief(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing.cli", *args], capture_output=True, text=True, timeout=60)


def test_missing_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = run_brief("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"brief: error: {tmp_path / 'nope.txt'}: no such file or folder"]
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_bad_input_fails_before_any_model_starts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["build", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "folder holds no article" in err and "Model:" not in err


def test_output_path_that_is_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("One article. Two sentences.\n")
    (tmp_path / "out").write_text("keep me")
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out")]) == 2
    assert (tmp_path / "out").read_text() == "keep me"


def test_unreachable_endpoint_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("One article. Two sentences.\n")
    code = main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--base-url", "http://127.0.0.1:9/v1"])
    err = capsys.readouterr().err
    assert code == 3 and "no article could be processed" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["build", "eval", "schemas"])
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = run_brief(command, "--help")
    assert result.returncode == 0 and "usage: brief" in result.stdout
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"brief {command}" in readme


def test_brief_build_sets_the_collector_for_the_build_and_restores_it_on_every_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing
    from briefing.cli import GC_THRESHOLDS

    from .fake_openai import FakeOpenAI

    (tmp_path / "a.txt").write_text("The ferry strike began on Monday. Crews want a 6 percent rise.\n")
    (tmp_path / "empty").mkdir()
    before = (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold())
    during: list[tuple[int, int, int]] = []

    def record(body: dict[str, Any]) -> tuple[str]:
        during.append(gc.get_threshold())  # the server thread sees the process's setting while the build runs
        return ("ok",)

    with FakeOpenAI([record]) as fake:
        built = main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--base-url", fake.url, "-q"])
    assert (built, during) == (0, [GC_THRESHOLDS])
    assert (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()) == before
    assert main(["build", str(tmp_path / "empty"), "-o", str(tmp_path / "out2")]) == 2  # raised inside the build
    assert (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()) == before
    unreachable = ["--base-url", "http://127.0.0.1:9/v1"]
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out3"), *unreachable]) == 3
    assert (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()) == before

    def interrupted(*args: object, **options: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C (or SIGTERM, which the CLI turns into it) in the middle of the build

    monkeypatch.setattr(briefing, "build_brief", interrupted)
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out4")]) == 130
    assert (gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()) == before


@pytest.mark.parametrize(
    ("previous", "message"),
    [
        (None, "no such file (give the brief.json of an earlier build)"),
        ("{}", "not a brief.json this version of brief can read (version: Field required)"),
        ("[1, 2", "not a brief.json this version of brief can read (the file: Invalid JSON"),
    ],
    ids=["missing", "not-a-brief", "not-json"],
)
def test_a_bad_since_brief_is_one_line_exit_2_and_out_is_untouched(
    tmp_path: Path, previous: str | None, message: str
) -> None:
    (tmp_path / "a.txt").write_text("One article. Two sentences.\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.md").write_text("yesterday's brief")
    since = tmp_path / "old" / "brief.json"
    if previous is not None:
        since.parent.mkdir()
        since.write_text(previous)
    result = run_brief("build", str(tmp_path / "a.txt"), "-o", str(out), "--since", str(since))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"brief: error: --since {since}: {message}"), lines
    assert "Traceback" not in result.stderr and "Model:" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["brief.md"] and (out / "brief.md").read_text() == "yesterday's brief"
