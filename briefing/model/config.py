"""Which model a build uses, from flags and the environment (the OpenAI SDK's conventions). The calls and their
retries are calls.py; the embedded model's server is server.py."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
EMBEDDED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
# The embedded model's GGUF, joined from its PyPI parts (model/server.py), must hash to this, or it is not used.
EMBEDDED_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
NO_KEY = "not-needed"  # OpenAI-compatible local servers take any key, but the SDK insists on one


@dataclass(frozen=True)
class ModelConfig:
    """An OpenAI-compatible endpoint requests go to. `api_key` is never printed: it is left out of repr.

    Attributes:
        model: the model name the endpoint serves.
        base_url: the endpoint (e.g. "http://localhost:11434/v1"); None is OpenAI's API.
        api_key: sent as the bearer token; local servers take any value.
        embedded: True for the embedded model's own server (set by the build that starts it).
        timeout: seconds one request may take.
    """

    model: str
    base_url: str | None
    api_key: str = field(repr=False)
    embedded: bool = False
    timeout: float = 300.0


@dataclass(frozen=True)
class EmbeddedModel:
    """The embedded model: Qwen2.5-Coder-1.5B on this CPU, served by a llama-server that a build starts on a free
    loopback port and always stops (needs `make local`).

    Attributes:
        llama_server: the llama-server binary; None looks beside this Python (where `make local` puts it), then on
            PATH.
        timeout: seconds one request may take (a CPU answers slowly).
    """

    llama_server: Path | None = None
    timeout: float = 600.0


# Which model a build asks: an OpenAI-compatible endpoint, or the embedded model started for the build.
ModelChoice: TypeAlias = ModelConfig | EmbeddedModel


def configured_model(
    *, model: str | None = None, base_url: str | None = None, env: Mapping[str, str] = os.environ
) -> ModelChoice:
    """The model `brief build` would use: `base_url` / OPENAI_BASE_URL (with OPENAI_API_KEY if set), else
    OPENAI_API_KEY alone for OpenAI's API, else the embedded model. `model` / BRIEF_MODEL names a remote model
    (default gpt-4o-mini); BRIEF_LLAMA_SERVER names the embedded model's server. Arguments win over `env`."""
    config = resolve_config(model, base_url, env)
    if config is not None:
        return config
    server = env.get("BRIEF_LLAMA_SERVER")
    return EmbeddedModel(llama_server=Path(server) if server else None)


def resolve_config(model: str | None, base_url: str | None, env: Mapping[str, str]) -> ModelConfig | None:
    """Flags win over the environment; None means nothing is configured, so the embedded model is used."""
    base_url = base_url or env.get("OPENAI_BASE_URL") or None
    api_key = env.get("OPENAI_API_KEY") or None
    model = model or env.get("BRIEF_MODEL") or None
    if base_url is None and api_key is None:
        return None
    return ModelConfig(model=model or DEFAULT_REMOTE_MODEL, base_url=base_url, api_key=api_key or NO_KEY)


def cache_identity(config: ModelConfig) -> str:
    """What a cached answer is keyed by besides the prompt: the endpoint, except for the embedded model, whose
    server listens on a new free port every run (its weights are pinned by sha256 instead)."""
    return f"embedded:{EMBEDDED_SHA256}" if config.embedded else describe_endpoint(config)


def describe_endpoint(config: ModelConfig) -> str:
    """The endpoint as shown to users and stored in outputs: scheme, host and path, never credentials."""
    from urllib.parse import urlsplit

    if config.base_url is None:
        return "https://api.openai.com/v1"
    parts = urlsplit(config.base_url)
    return f"{parts.scheme}://{parts.hostname}{f':{parts.port}' if parts.port else ''}{parts.path}"
