"""briefing: cited, cross-checked one-page briefs from news articles.

    from briefing import build_brief, configured_model, write_outputs

    brief = build_brief(["articles/"], model=configured_model())
    write_outputs(brief, "out/", formats=["md", "json"])

`abuild_brief` is the same build for callers inside an event loop; `since=read_brief("out/")` adds the change
list since an earlier brief (`changes_since` compares two briefs already built); `edits=read_edits("edits.yaml")`
applies an editor's corrections. The model is a `ModelConfig` (an
OpenAI-compatible endpoint) or `EmbeddedModel()` (a small model run on this CPU); `configured_model()` picks one
from flags and the environment as `brief build` does. A build changes nothing in the caller's process (no
garbage-collector setting, no cache that outlives it).

The names below are imported on first use, so `import briefing` and the `brief` command start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import BriefingError, InputError, ModelUnavailableError, NoUsableArticlesError, PreviousBriefError
    from .inputs.edits import read_edits
    from .inputs.sources import load_articles, parse_article
    from .model.calls import RetryPolicy, Usage
    from .model.config import EmbeddedModel, ModelChoice, ModelConfig, configured_model
    from .models import (
        Article,
        ArticleReport,
        Brief,
        ChangeKind,
        Changes,
        Claim,
        Conflict,
        Edit,
        EditAction,
        Edits,
        FactAddress,
        GroundedFact,
        MatchStatus,
        Rejection,
        RejectionReason,
        Statements,
    )
    from .outputs import OutputFormat, write_outputs
    from .pipeline import Reporter, SilentReporter, abuild_brief, build_brief
    from .story.following import achanges_since, changes_since, read_brief

# Each public name and the module that defines it.
_HOMES = {
    "build_brief": "pipeline", "abuild_brief": "pipeline", "write_outputs": "outputs", "OutputFormat": "outputs",
    "Reporter": "pipeline", "SilentReporter": "pipeline",
    "read_brief": "story.following", "changes_since": "story.following", "achanges_since": "story.following",
    "configured_model": "model.config", "ModelChoice": "model.config", "ModelConfig": "model.config",
    "EmbeddedModel": "model.config", "RetryPolicy": "model.calls", "Usage": "model.calls",
    "load_articles": "inputs.sources", "parse_article": "inputs.sources", "read_edits": "inputs.edits",
    "Edits": "models", "Edit": "models", "EditAction": "models", "FactAddress": "models",
    "Brief": "models", "Article": "models", "GroundedFact": "models", "Rejection": "models", "Claim": "models",
    "Conflict": "models", "Changes": "models", "ChangeKind": "models", "ArticleReport": "models",
    "MatchStatus": "models", "RejectionReason": "models", "Statements": "models",
    "BriefingError": "errors", "InputError": "errors", "ModelUnavailableError": "errors",
    "NoUsableArticlesError": "errors", "PreviousBriefError": "errors",
}  # fmt: skip

__all__ = [
    "Article",
    "ArticleReport",
    "Brief",
    "BriefingError",
    "ChangeKind",
    "Changes",
    "Claim",
    "Conflict",
    "Edit",
    "EditAction",
    "Edits",
    "EmbeddedModel",
    "FactAddress",
    "GroundedFact",
    "InputError",
    "MatchStatus",
    "ModelChoice",
    "ModelConfig",
    "ModelUnavailableError",
    "NoUsableArticlesError",
    "OutputFormat",
    "PreviousBriefError",
    "Rejection",
    "RejectionReason",
    "Reporter",
    "RetryPolicy",
    "SilentReporter",
    "Statements",
    "Usage",
    "abuild_brief",
    "achanges_since",
    "build_brief",
    "changes_since",
    "configured_model",
    "load_articles",
    "parse_article",
    "read_brief",
    "read_edits",
    "write_outputs",
]


if not TYPE_CHECKING:  # hidden from type checkers, so a misspelt name is still an error in a caller's code

    def __getattr__(name: str) -> Any:
        """A public name, imported from its module the first time it is asked for (PEP 562)."""
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{home}", __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
