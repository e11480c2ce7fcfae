"""Shared fixtures: the example corpus, cassette settings, and where model calls go (replay or the real model)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import vcr
import yaml

from briefing.model.config import EMBEDDED_MODEL, ModelConfig
from briefing.model.server import embedded_server
from briefing.models import Article, GroundedFact, MatchStatus, RawFact

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "strike"
CASSETTES = ROOT / "cassettes"
# In replay the host is never contacted: vcrpy answers from the cassette (host and port are not matched,
# because the embedded server listens on a free port that changes every run).
REPLAY_URL = "http://127.0.0.1:9/v1"
SCRUBBED_RESPONSE_HEADERS = ("set-cookie", "openai-organization", "openai-project", "authorization", "x-request-id")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SCRUBBED_RESPONSE_HEADERS:
            del headers[name]
    return response


VCR_SETTINGS: dict[str, Any] = {
    # The body is matched: a changed prompt or schema finds no recorded answer and fails loudly.
    "match_on": ["method", "path", "body"],
    "filter_headers": ["authorization", "cookie", "openai-organization", "openai-project", "api-key", "x-api-key"],
    "before_record_response": _scrub_response,
    "decode_compressed_response": True,
}


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    return VCR_SETTINGS


@pytest.fixture(scope="session")
def vcr_cassette_dir() -> str:
    return str(CASSETTES)


def recording() -> bool:
    """True when `make cassettes` runs the suite against the real embedded model."""
    return os.environ.get("BRIEF_RECORD") == "1"


@pytest.fixture(scope="session")
def model_config() -> Iterator[ModelConfig]:
    """The embedded model when recording; otherwise a config whose calls only a cassette can answer."""
    if recording():
        with embedded_server(print) as config:
            yield config
        return
    yield ModelConfig(model=EMBEDDED_MODEL, base_url=REPLAY_URL, api_key="test-key-not-secret")


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / "expected.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture(scope="session", autouse=True)
def _fresh_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # A cache left by an earlier run would answer instead of the cassettes and hide a stale recording.
    previous = os.environ.get("BRIEF_CACHE_DIR")
    os.environ["BRIEF_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("BRIEF_CACHE_DIR", None)
    else:
        os.environ["BRIEF_CACHE_DIR"] = previous


@pytest.fixture(autouse=True)
def _no_model_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own key or endpoint must never leak into a test or a cassette.
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "BRIEF_MODEL"):
        monkeypatch.delenv(name, raising=False)


def recorder(request: pytest.FixtureRequest, cassette: str) -> vcr.VCR:
    """vcrpy with the suite's settings and pytest-recording's --record-mode (rewrite = record afresh)."""
    mode = request.config.getoption("--record-mode") or "none"
    if mode == "rewrite":
        (CASSETTES / cassette).unlink(missing_ok=True)
        mode = "once"
    return vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode=mode, **VCR_SETTINGS)


def build_examples(out: Path, base_url: str, model: str, *options: str) -> int:
    """`brief build` on the example corpus, with any further options (inside a cassette, the model answers come
    from it)."""
    from briefing.cli import main

    args = ["build", str(EXAMPLES / "articles"), "-o", str(out), "-q", "--base-url", base_url, "--model", model]
    return main([*args, *options])


def build_examples_in_cassette(
    request: pytest.FixtureRequest, model_config: ModelConfig, out: Path, cassette: str, *options: str
) -> tuple[int, list[bytes]]:
    """build_examples replaying (or recording) the named cassette: the exit code and the bodies of its requests."""
    assert model_config.base_url is not None
    with recorder(request, cassette).use_cassette(cassette) as played:
        code = build_examples(out, model_config.base_url, model_config.model, *options)
    return code, [r.body or b"" for r in played.requests]


@pytest.fixture(scope="session")
def example_build(
    request: pytest.FixtureRequest, model_config: ModelConfig, tmp_path_factory: pytest.TempPathFactory
) -> tuple[int, Path]:
    """The example corpus built once per session, replaying (or recording) cassettes/example_build.yaml."""
    out = tmp_path_factory.mktemp("example-build")
    return build_examples_in_cassette(request, model_config, out, "example_build.yaml")[0], out


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/golden/ from the current renders")


def sentence_facts(article: Article) -> list[GroundedFact]:
    """Facts as a faithful model would give them: every sentence stated and quoted exactly."""
    facts = []
    for number, sentence in enumerate(article.sentences, start=1):
        text = article.sentence_text(sentence)
        raw = RawFact(statement=text, kind="event", actors=[], evidence=[sentence.id], quote=text)
        facts.append(GroundedFact(id=f"{article.id}#F{number}", article_id=article.id, fact=raw,
                                  start=sentence.start, end=sentence.end, quote=text, sentence_ids=[sentence.id],
                                  match=MatchStatus.EXACT, support=1.0))  # fmt: skip
    return facts
