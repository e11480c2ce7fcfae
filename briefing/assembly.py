"""The deterministic back half of a build: leave out other stories, merge facts into claims with matching's
links, cross-check them into a Brief. Pure but for reading the installed version; pipeline.py runs it after
matching (and tests run it on facts of their own)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from importlib.metadata import PackageNotFoundError, version

from .checks.crosscheck import crosscheck
from .facts.features import FactFeatures, read_features
from .facts.topic import split_off_topic, topic_terms
from .matching.merge import merge_facts
from .matching.run import Matching
from .memo import build_caches
from .model.config import ModelConfig, describe_endpoint
from .models import Article, ArticleReport, Brief, GroundedFact, ModelInfo, Rejection, Statements


def package_version() -> str:
    """The installed version of briefing."""
    try:
        return version("briefing")
    except PackageNotFoundError:
        return "0+unknown"



def published_dates(articles: Sequence[Article], facts: Sequence[GroundedFact]) -> dict[str, date | None]:
    """Each fact's base date: the publication date of the text its quote stands in (a digest page's snippet has
    its own), which "yesterday" and "on Monday" are read against."""
    by_id = {a.id: a for a in articles}
    return {f.id: by_id[f.article_id].date_at(f.start) for f in facts}


def assemble(
    articles: list[Article],
    facts: list[GroundedFact],
    rejections: list[Rejection],
    reports: list[ArticleReport],
    config: ModelConfig,
    topic: str | None = None,
    matching: Matching | None = None,
    features: Mapping[str, FactFeatures] | None = None,
    statements: Statements = Statements.MODEL,
) -> Brief:
    """The deterministic back half: leave out other stories, merge facts into claims (with the same-fact links
    of `matching`), cross-check them. `features` are the facts' (read_features), read here when not given."""
    with build_caches():
        if features is None:
            features = read_features(facts, published_dates(articles, facts))
        matched = matching or Matching()
        return _assemble(articles, facts, rejections, reports, config, topic, matched, features, statements)


def _assemble(
    articles: list[Article],
    facts: list[GroundedFact],
    rejections: list[Rejection],
    reports: list[ArticleReport],
    config: ModelConfig,
    topic: str | None,
    matching: Matching,
    features: Mapping[str, FactFeatures],
    statements: Statements,
) -> Brief:
    dated = articles
    terms = topic_terms(facts, topic)
    facts, off_topic = split_off_topic(dated, facts, terms)
    counts = Counter(r.article_id for r in off_topic)
    reports = [r.model_copy(update={"off_topic": counts[r.article_id]}) for r in reports]
    rejections = rejections + off_topic
    claims = merge_facts(facts, features, matching.links, matching.vetoed, matching.keep_apart)
    checked = crosscheck(dated, facts, claims, matching.conflicts, features=features)
    return Brief(
        version=package_version(),
        model=ModelInfo(
            name=config.model, endpoint=describe_endpoint(config), embedded=config.embedded, statements=statements
        ),
        articles=dated,
        facts=facts,
        rejections=rejections,
        claims=checked.claims,
        reports=reports,
        conflicts=checked.conflicts,
        aliases=checked.aliases,
        copies=checked.copies,
        topic=terms,
        matching=matching.report,
    )
