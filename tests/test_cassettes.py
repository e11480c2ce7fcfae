"""Cassettes hold no secrets: no keys, no auth or cookie headers, no organisation or project IDs."""

from __future__ import annotations

import re

import pytest

from .conftest import CASSETTES

SECRETS = re.compile(
    r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+\S+"
    r"|^\s*(?:authorization|set-cookie|cookie|openai-organization|openai-project|x-api-key|api-key)\s*:",
    re.IGNORECASE | re.MULTILINE,
)


def test_there_are_cassettes() -> None:
    assert sorted(CASSETTES.glob("*.yaml")), "no cassettes recorded: run `make cassettes`"


@pytest.mark.parametrize("path", sorted(CASSETTES.glob("*.yaml")), ids=lambda p: p.name)
def test_cassette_holds_no_secret(path: object) -> None:
    from pathlib import Path

    text = Path(str(path)).read_text(encoding="utf-8")
    assert SECRETS.findall(text) == []


def test_the_scanner_catches_what_it_should() -> None:
    sample = "headers:\n  Authorization: [Bearer sk-abcdefghijklmnopqrstuv]\n  Set-Cookie: [x=y]\n  cookie: [a]\n"
    assert len(SECRETS.findall(sample)) >= 4
    assert SECRETS.findall("body: '<div class=cookie-banner>We use cookies</div>'") == []
