"""Following a story from one brief to the next: read the previous brief, match its facts to this one's with the
matcher merge uses (embeddings, guards, the judge when there is one), and hand the decisions to changes.compare.

Not pure: it reads a file, embeds quotes and may ask the judge model. Only pairs of a previous fact and a new one
are judged, so a re-run asks the model nothing about what the previous brief already settled.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..errors import PreviousBriefError
from ..facts.features import read_features
from ..matching.run import Progress, match_facts
from ..memo import build_caches
from ..model.cache import AnswerCache
from ..model.calls import RetryPolicy
from ..model.config import ModelConfig
from ..model.embed import EmbeddingCache, embedder_loader
from ..model.judge import open_judge
from ..models import Brief, Changes, GroundedFact, MatchingReport
from ..sync_bridge import run_blocking
from .changes import compare
from .pool import PREVIOUS, unfollowed_pool


def read_brief(path: str | Path) -> Brief:
    """A brief.json written by `brief build` (or the folder that holds one), validated against the models;
    PreviousBriefError, one line, when it is missing or not a brief this version can read."""
    path = Path(path)
    if path.is_dir():
        path = path / "brief.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise PreviousBriefError(f"{path}: no such file (give the brief.json of an earlier build)") from error
    except (OSError, UnicodeDecodeError) as error:
        raise PreviousBriefError(f"{path}: cannot read ({getattr(error, 'strerror', None) or error})") from error
    try:
        return Brief.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the file"
        raise PreviousBriefError(
            f"{path}: not a brief.json this version of brief can read ({where}: {first['msg']})"
        ) from error


async def follow(
    previous: Brief,
    brief: Brief,
    judge_config: ModelConfig | None,
    progress: Progress,
    policy: RetryPolicy | None = None,
    cache: AnswerCache | None = None,
    concurrency: int = 1,
    vectors_cache: EmbeddingCache | None = None,
) -> Changes:
    """The change list of `brief` since `previous`. The facts identity leaves unfollowed are matched as one
    corpus; only pairs of a previous fact and a new one are proposed to the judge (`judge_config`; None: no
    judge, only the strict similarity). `cache` keeps the judge's answers, `vectors_cache` the embeddings."""
    pool = unfollowed_pool(previous, brief)
    old = sum(f.id.startswith(PREVIOUS) for f in pool.facts)
    if old == 0 or old == len(pool.facts):
        note = "every claim of one brief carries over to the other by its facts: nothing left to match"
        return compare(previous, brief, matching=MatchingReport(note=note))
    features = read_features(pool.facts, pool.published)
    async with open_judge(judge_config, policy or RetryPolicy(), cache, concurrency) as judging:
        matching = await match_facts(pool.facts, features, embedder_loader(vectors_cache), judging,
                                     _Prefixed(progress), pairs=_crossing)  # fmt: skip
    return compare(previous, brief, matching.links, matching.vetoed, matching.report)


def changes_since(
    previous: Brief, brief: Brief, *, judge_config: ModelConfig | None = None, cache: Path | None = None
) -> Changes:
    """The change list of `brief` since `previous` (read_brief reads one from its brief.json), matched as a build
    matches facts; the judge model is asked only when `judge_config` names one. `cache`: a folder for the judge's
    answers and the embeddings, as build_brief's. Inside a running event loop, await achanges_since()."""
    return run_blocking(achanges_since(previous, brief, judge_config=judge_config, cache=cache))


async def achanges_since(
    previous: Brief, brief: Brief, *, judge_config: ModelConfig | None = None, cache: Path | None = None
) -> Changes:
    """changes_since() for callers already inside an event loop (a notebook, a web service)."""
    answers = AnswerCache(cache / "extractions") if cache is not None else None
    vectors = EmbeddingCache(cache / "embeddings") if cache is not None else None
    with build_caches():
        return await follow(previous, brief, judge_config, _Quiet(), cache=answers, vectors_cache=vectors)


def _crossing(left: GroundedFact, right: GroundedFact) -> bool:
    """A pair of a previous brief's fact and a new one: pairs within one brief were that brief's to decide."""
    return left.id.startswith(PREVIOUS) != right.id.startswith(PREVIOUS)


class _Prefixed:
    """Matching's progress lines, said to be about the previous brief."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress

    def message(self, text: str) -> None:
        self.progress.message(f"Following the previous brief: {text.strip()}")


class _Quiet:
    def message(self, text: str) -> None:
        pass
