"""The library as a caller meets it: the public names, the model choice, outputs on demand, and a build that leaves
the caller's process (garbage collector, event loop) as it found it."""

from __future__ import annotations

import asyncio
import gc
import inspect
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import briefing
from briefing import (
    Brief,
    EmbeddedModel,
    ModelConfig,
    RetryPolicy,
    abuild_brief,
    build_brief,
    configured_model,
    parse_article,
    write_outputs,
)

from .fake_openai import FakeOpenAI

FAST = RetryPolicy(transport_attempts=2, backoff_initial=0.01, backoff_max=0.02, reasks=0)
# A story of our own: two outlets on one ferry strike.
STORIES = {
    "gazette.txt": "Ferry crews on the Orrin line stopped work on Monday. The union asked for a 6 percent rise.\n",
    "courier.txt": "Crews of the Orrin ferries walked out on Monday. Their union wants a 6 percent pay rise.\n",
}


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    for name, text in STORIES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [tmp_path / name for name in STORIES]


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def endpoint(fake: FakeOpenAI) -> ModelConfig:
    return ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10.0)


def test_every_public_name_is_importable_and_documented() -> None:
    assert sorted(briefing.__all__) == sorted(briefing._HOMES)
    for name in briefing.__all__:
        value = getattr(briefing, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert (value.__doc__ or "").strip(), f"briefing.{name} has no docstring"
    assert "OutputFormat" in dir(briefing)
    with pytest.raises(AttributeError):
        _ = briefing.no_such_name  # type: ignore[attr-defined]


def test_importing_the_package_loads_no_stage() -> None:
    """`import briefing` (and so the `brief` command's start) stays light until a name is used."""
    code = "import sys, briefing; print(sorted(m for m in sys.modules if m.startswith('briefing.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


@pytest.mark.parametrize(
    ("flags", "env", "expected"),
    [
        ({}, {}, EmbeddedModel()),
        ({}, {"BRIEF_LLAMA_SERVER": "/opt/llama-server"}, EmbeddedModel(llama_server=Path("/opt/llama-server"))),
        ({"base_url": "http://h/v1"}, {}, ModelConfig(model="gpt-4o-mini", base_url="http://h/v1", api_key="x")),
        ({"model": "m"}, {"OPENAI_API_KEY": "k"}, ModelConfig(model="m", base_url=None, api_key="k")),
    ],
    ids=["nothing-embedded", "embedded-server-path", "endpoint", "openai-key"],
)
def test_configured_model_chooses_as_the_cli_does(
    flags: dict[str, str], env: dict[str, str], expected: ModelConfig | EmbeddedModel
) -> None:
    chosen = configured_model(env=env, **flags)
    if isinstance(expected, ModelConfig):
        assert isinstance(chosen, ModelConfig)
        assert (chosen.model, chosen.base_url) == (expected.model, expected.base_url)
    else:
        assert chosen == expected


def test_paths_and_articles_build_the_same_brief(fake: FakeOpenAI, articles: list[Path]) -> None:
    from_paths = build_brief(articles, model=endpoint(fake), retry=FAST)
    loaded = [parse_article(path.read_text(encoding="utf-8"), str(path)) for path in articles]
    from_articles = build_brief(loaded, model=endpoint(fake), retry=FAST)
    assert [c.statement for c in from_paths.claims] == [c.statement for c in from_articles.claims]
    assert any(len(c.article_ids) == 2 for c in from_paths.claims)


def test_sources_are_a_list_of_one_kind(fake: FakeOpenAI, articles: list[Path]) -> None:
    with pytest.raises(TypeError, match="not one path"):
        build_brief(str(articles[0]), model=endpoint(fake))  # type: ignore[arg-type]
    mixed = [articles[0], parse_article(STORIES["courier.txt"], "courier.txt")]
    with pytest.raises(TypeError, match="not a mix"):
        build_brief(mixed, model=endpoint(fake))  # type: ignore[arg-type]


@pytest.fixture
def unusual_gc() -> Iterator[tuple[bool, int, tuple[int, int, int]]]:
    """A caller that set the collector up its own way: thresholds of its own, some objects frozen by itself."""
    thresholds = gc.get_threshold()
    gc.set_threshold(1234, 11, 12)
    gc.freeze()
    try:
        yield gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)


def collector() -> tuple[bool, int, tuple[int, int, int]]:
    return gc.isenabled(), gc.get_freeze_count(), gc.get_threshold()


def assert_as_found(found: tuple[bool, int, tuple[int, int, int]]) -> None:
    enabled, frozen, thresholds = found
    now = collector()
    assert (now[0], now[2]) == (enabled, thresholds)
    # Frozen objects the caller lets go of are still freed, so the count may drop a little; a build that froze
    # what it made would raise it, one that unfroze (gc.unfreeze) the caller's objects would zero it.
    assert frozen // 2 < now[1] <= frozen, (now[1], frozen)


def test_a_build_from_plain_code_leaves_the_collector_and_event_loop_as_they_were(
    fake: FakeOpenAI, articles: list[Path], tmp_path: Path, unusual_gc: tuple[bool, int, tuple[int, int, int]]
) -> None:
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # the caller's current loop (asyncio.run would have unset it)
    try:
        brief = build_brief(articles, model=endpoint(fake), retry=FAST)
        write_outputs(brief, tmp_path / "out", formats=["json"])
        assert_as_found(unusual_gc)
        assert asyncio.get_event_loop_policy().get_event_loop() is loop and not loop.is_closed()
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def test_abuild_brief_runs_inside_the_callers_loop_and_leaves_it_running(
    fake: FakeOpenAI, articles: list[Path], unusual_gc: tuple[bool, int, tuple[int, int, int]]
) -> None:
    async def caller() -> tuple[Brief, int]:
        loop = asyncio.get_running_loop()
        ticks = 0

        async def ticker() -> None:  # the caller's other work goes on while the build awaits the model
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0)

        other = asyncio.create_task(ticker())
        brief = await abuild_brief(articles, model=endpoint(fake), retry=FAST)
        other.cancel()
        assert asyncio.get_running_loop() is loop and loop.is_running()
        return brief, ticks

    brief, ticks = asyncio.run(caller())
    assert brief.claims and ticks > 0
    assert_as_found(unusual_gc)


def test_build_brief_called_inside_a_running_loop_still_builds(fake: FakeOpenAI, articles: list[Path]) -> None:
    """A notebook cell calls the blocking function from inside its event loop."""

    async def cell() -> Brief:
        return build_brief(articles, model=endpoint(fake), retry=FAST)

    assert asyncio.run(cell()).claims


@pytest.fixture(scope="module")
def brief_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with FakeOpenAI() as server:
        brief = build_brief([parse_article(STORIES["gazette.txt"], "gazette.txt")], model=endpoint(server), retry=FAST)
    path = tmp_path_factory.mktemp("brief") / "brief.json"
    path.write_text(brief.model_dump_json(), encoding="utf-8")
    return path


WRITE_IN_A_FRESH_PROCESS = """
import json, sys
from pathlib import Path
from briefing import Brief, write_outputs
brief = Brief.model_validate_json(Path(sys.argv[1]).read_text(encoding="utf-8"))
written = write_outputs(brief, sys.argv[2], formats=json.loads(sys.argv[3]))
print(json.dumps({"written": sorted(p.name for p in written), "weasyprint": "weasyprint" in sys.modules}))
"""


@pytest.mark.parametrize(
    ("formats", "written", "weasyprint"),
    [
        (["json"], ["brief.json"], False),
        (["pdf"], ["brief.pdf"], True),
        (["md", "json"], ["brief.json", "brief.md"], True),  # the Markdown shows the page that fits one A4 sheet
    ],
    ids=["json-alone-no-weasyprint", "pdf", "md-lays-out-the-page"],
)
def test_write_outputs_renders_only_the_formats_asked_for(
    brief_json: Path, tmp_path: Path, formats: list[str], written: list[str], weasyprint: bool
) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-c", WRITE_IN_A_FRESH_PROCESS, str(brief_json), str(out), json.dumps(formats)]
    result = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert result == {"written": written, "weasyprint": weasyprint}
    assert sorted(p.name for p in out.iterdir()) == written


def test_an_unknown_format_is_refused_before_anything_is_written(brief_json: Path, tmp_path: Path) -> None:
    brief = Brief.model_validate_json(brief_json.read_text(encoding="utf-8"))
    with pytest.raises(ValueError, match="docx"):
        write_outputs(brief, tmp_path / "out", formats=["json", "docx"])  # type: ignore[list-item]
    assert not (tmp_path / "out").exists()


def test_changes_since_leaves_the_event_loop_as_it_was_and_runs_inside_one(brief_json: Path) -> None:
    from briefing import changes_since, read_brief

    brief = read_brief(brief_json)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        assert changes_since(brief, brief).changes == []  # the same brief twice: nothing changed
        assert asyncio.get_event_loop_policy().get_event_loop() is loop and not loop.is_closed()
    finally:
        asyncio.set_event_loop(None)
        loop.close()

    async def cell() -> int:
        return len(changes_since(brief, brief).changes)

    assert asyncio.run(cell()) == 0
