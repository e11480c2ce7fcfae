"""Caches belong to one build: inside it a repeated question is answered once, after it nothing is kept."""

from __future__ import annotations

import asyncio
import sys

from briefing import memo
from briefing.inputs.sources import parse_article
from briefing.memo import build_caches, per_build
from briefing.model.config import ModelConfig
from briefing.models import Brief
from briefing.pipeline import build_brief

from .fake_openai import FakeOpenAI

calls: list[str] = []


@per_build
def shout(text: str) -> str:
    calls.append(text)
    return text.upper()


def test_inside_a_build_a_result_is_computed_once_and_forgotten_after() -> None:
    calls.clear()
    with build_caches():
        assert shout("a") == shout("a") == "A"
        with build_caches():  # a nested block shares the build's caches
            shout("a")
    assert calls == ["a"]
    shout("a")  # outside a build: computed, not kept
    assert calls == ["a", "a"]


def test_concurrent_builds_do_not_share_caches() -> None:
    calls.clear()

    async def build() -> None:
        with build_caches():
            shout("b")
            await asyncio.sleep(0)
            shout("b")

    async def both() -> None:
        await asyncio.gather(build(), build())

    asyncio.run(both())
    assert calls == ["b", "b"]


# Caches of configuration, not of article text: the prompt and template environments (one each, bounded).
CONFIGURATION_CACHES = {"briefing.model.extract._templates", "briefing.page.render._environment"}


def test_a_build_leaves_no_cache_of_article_text_in_the_process() -> None:
    article = parse_article("Quillon harbour reopened after the storm. Ships queued outside.\n", "storm.txt")
    with FakeOpenAI() as fake:
        brief = build_brief([article], model=ModelConfig(model="fake", base_url=fake.url, api_key="t"))
    assert isinstance(brief, Brief) and brief.facts
    assert memo._CACHES.get() is None
    holding = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("briefing"):
            continue
        for attribute, value in vars(module).items():
            info = getattr(value, "cache_info", None)
            if callable(info) and info().currsize and f"{name}.{attribute}" not in CONFIGURATION_CACHES:
                holding.append(f"{name}.{attribute}")
    assert holding == []


def _module_containers() -> dict[str, int]:
    """The size of every dict, list, set and bytearray a briefing module holds at its top level."""
    return {
        f"{name}.{attribute}": len(value)
        for name, module in list(sys.modules.items()) if name.startswith("briefing")
        for attribute, value in vars(module).items() if isinstance(value, dict | list | set | bytearray)
    }  # fmt: skip


def test_no_module_level_table_fills_up_with_what_a_build_read() -> None:
    """Nothing process-wide is written by a build: a second build of other articles leaves every module-level
    table of the package as the first left it (the first imports whatever the stages need)."""
    stories = [
        ("Quillon harbour reopened after the storm on Monday. Ships queued outside.\n", "gazette.txt"),
        ("The harbour at Quillon opened again on Monday after the storm. Ships waited offshore.\n", "courier.txt"),
    ]
    later = [
        ("Ferry crews in Orrin stopped work on Tuesday. The union wants 6 percent.\n", "wire.txt"),
        ("Orrin ferry crews walked out on Tuesday. Their union asks for a 6 percent rise.\n", "radio.txt"),
    ]
    with FakeOpenAI() as fake:
        config = ModelConfig(model="fake", base_url=fake.url, api_key="t")
        build_brief([parse_article(*s) for s in stories], model=config)
        before = _module_containers()
        brief = build_brief([parse_article(*s) for s in later], model=config)
    assert brief.claims and _module_containers() == before
