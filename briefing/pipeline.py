"""The one place that runs the stages in order: sources -> extract -> ground -> merge -> render."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Protocol

from .atomize import atomize, skipped_sentences
from .cache import ExtractionCache
from .compose import compose, droppable_count
from .crosscheck import crosscheck
from .errors import BriefingError, ExtractionError, NoUsableArticlesError
from .extract import ArticleExtraction, Extractor, chunk_sentences
from .features import FactFeatures, read_features
from .following import follow
from .ground import ground_facts
from .llm import (
    ModelConfig,
    RetryPolicy,
    Usage,
    cache_dir,
    describe_endpoint,
    embedded_server,
    make_client,
    resolve_config,
)
from .matching import Matching, match_facts
from .memo import build_caches
from .merge import merge_facts
from .models import Article, ArticleReport, Brief, GroundedFact, ModelInfo, Page, Rejection
from .render import render_json, render_markdown, render_pdf, render_print_html, render_review_html
from .sources import load_articles
from .topic import split_off_topic, topic_terms


class Reporter(Protocol):
    """Where the pipeline tells a person what it is doing (the CLI shows it on stderr)."""

    def message(self, text: str) -> None: ...
    def start(self, total_chunks: int) -> None: ...
    def advance(self, label: str, usage: Usage | None = None) -> None: ...  # usage None: from the cache
    def finish(self) -> None: ...


class SilentReporter:
    """A Reporter that says nothing (library use, tests)."""

    def message(self, text: str) -> None:
        pass

    def start(self, total_chunks: int) -> None:
        pass

    def advance(self, label: str, usage: Usage | None = None) -> None:
        pass

    def finish(self) -> None:
        pass


def package_version() -> str:
    """The installed version of briefing."""
    try:
        return version("briefing")
    except PackageNotFoundError:
        return "0+unknown"


@contextlib.contextmanager
def model_endpoint(
    model: str | None, base_url: str | None, env: Mapping[str, str], reporter: Reporter
) -> Iterator[ModelConfig]:
    """The configured endpoint, or the embedded model started for the duration of the block."""
    config = resolve_config(model, base_url, env)
    if config is not None:
        reporter.message(f"Model: {config.model} at {describe_endpoint(config)}")
        yield config
        return
    reporter.message(
        "Model: embedded Qwen2.5-Coder-1.5B on this CPU (slow; set OPENAI_BASE_URL/OPENAI_API_KEY "
        "or --base-url/--model to use another endpoint)"
    )
    with embedded_server(reporter.message, env) as embedded:
        yield embedded


def run_build(
    paths: Sequence[str | Path],
    model: str | None,
    base_url: str | None,
    env: Mapping[str, str],
    reporter: Reporter | None = None,
    topic: str | None = None,
    use_cache: bool = True,
    timeout: float | None = None,
    concurrency: int | None = None,
    judge: bool = True,
    keep_apart: Sequence[tuple[str, str]] = (),
    since: Brief | None = None,
) -> Brief:
    """Read the articles (bad input fails before any model starts), then build on the configured model."""
    reporter = reporter or SilentReporter()
    with build_caches():
        loaded = load_articles(paths)
    for line in loaded.skipped:
        reporter.message(f"skipped {line}")
    cache = ExtractionCache(cache_dir() / "extractions") if use_cache else None
    try:
        settle()
        with model_endpoint(model, base_url, env, reporter) as config:
            if timeout is not None:
                config = replace(config, timeout=timeout)
            # A CPU model answers one request at a time; a remote endpoint serves several.
            parallel = concurrency or (1 if config.embedded else DEFAULT_REMOTE_CONCURRENCY)
            return build_brief(
                loaded.articles, config, reporter, topic=topic, cache=cache, concurrency=parallel, judge=judge,
                keep_apart=keep_apart, since=since,
            )
    except BaseException:
        release()  # no write_outputs() will follow to do it
        raise


def build_brief(
    articles: Sequence[Article],
    config: ModelConfig,
    reporter: Reporter | None = None,
    policy: RetryPolicy | None = None,
    topic: str | None = None,
    cache: ExtractionCache | None = None,
    concurrency: int = 1,
    judge: bool = True,
    keep_apart: Sequence[tuple[str, str]] = (),
    since: Brief | None = None,
) -> Brief:
    """Run every stage on loaded articles; an article the model fails on is reported, not fatal. With `since` (a
    previous brief, following.read_brief), the brief carries the change list since it (`Brief.changes`)."""
    with build_caches():
        return _build(articles, config, reporter, policy, topic, cache, concurrency, judge, keep_apart, since)


def _build(
    articles: Sequence[Article],
    config: ModelConfig,
    reporter: Reporter | None,
    policy: RetryPolicy | None,
    topic: str | None,
    cache: ExtractionCache | None,
    concurrency: int,
    judge: bool,
    keep_apart: Sequence[tuple[str, str]],
    since: Brief | None = None,
) -> Brief:
    reporter = reporter or SilentReporter()
    clock = time.perf_counter()
    reporter.start(sum(len(chunk_sentences(a)) for a in articles))
    outcomes = asyncio.run(_extract_all(articles, config, reporter, policy or RetryPolicy(), cache, concurrency))
    reporter.finish()
    timings = {"extract": time.perf_counter() - clock}
    facts: list[GroundedFact] = []
    rejections: list[Rejection] = []
    reports: list[ArticleReport] = []
    for article, outcome in zip(articles, outcomes, strict=True):
        if isinstance(outcome, ExtractionError):
            reporter.message(f"failed: {outcome}")
            reports.append(ArticleReport(article_id=article.id, error=str(outcome)))
            continue
        grounded, rejected = ground_facts(article, outcome.facts)
        assert outcome.report is not None
        # Sentences the model stated nothing of become verbatim facts (marked `added`): the brief keeps what the
        # source states even where the small model skipped it.
        skipped = skipped_sentences(article, grounded, rejected)
        reports.append(outcome.report.model_copy(
            update={"grounded": len(grounded), "rejected": len(rejected), "added": len(skipped)}
        ))
        grounded += skipped
        facts.extend(part for fact in grounded for part in atomize(article, fact))
        rejections.extend(rejected)
    settle()
    if all(r.error for r in reports):
        raise NoUsableArticlesError("no article could be processed: " + "; ".join(str(r.error) for r in reports))
    timings["ground"] = time.perf_counter() - clock - timings["extract"]
    # Matching reads every grounded fact; links to facts the topic filter then leaves out are simply not used.
    judge_config = config if judge else None
    features = read_features(facts, published_dates(articles, facts))
    matching = asyncio.run(
        match_facts(facts, features, judge_config, reporter, policy or RetryPolicy(), cache, concurrency)
    )
    if keep_apart:  # an editor's undo: these pairs never share a claim, whatever matched them
        matching = replace(matching, keep_apart=frozenset(frozenset(pair) for pair in keep_apart))
    timings["match"] = time.perf_counter() - clock - sum(timings.values())
    brief = assemble(list(articles), facts, rejections, reports, config, topic, matching, features)
    timings["merge and cross-check"] = time.perf_counter() - clock - sum(timings.values())
    if since is not None:
        changes = asyncio.run(follow(since, brief, judge_config, reporter, policy, cache, concurrency))
        brief = brief.model_copy(update={"changes": changes})
        timings["changes since the previous brief"] = time.perf_counter() - clock - sum(timings.values())
    return brief.model_copy(update={"timings": {stage: round(seconds, 3) for stage, seconds in timings.items()}})


def published_dates(articles: Sequence[Article], facts: Sequence[GroundedFact]) -> dict[str, date | None]:
    """Each fact's base date: the publication date of the text its quote stands in (a digest page's snippet has
    its own), which "yesterday" and "on Monday" are read against."""
    by_id = {a.id: a for a in articles}
    return {f.id: by_id[f.article_id].date_at(f.start) for f in facts}


def settle() -> None:
    """Called between stages: what the stages so far built lives until the brief is written, so the cyclic
    garbage collector stops rescanning it (gc.freeze; reference counting still frees it). Those rescans were
    18% of the deterministic stages' time on 1,000 articles (bench/stages.py, with gc on and off).
    write_outputs() (or a failed run_build) calls release()."""
    gc.freeze()


def release() -> None:
    """Undo settle(): the collector sees everything again (the end of a build, for long-running callers)."""
    gc.unfreeze()


def assemble(
    articles: list[Article],
    facts: list[GroundedFact],
    rejections: list[Rejection],
    reports: list[ArticleReport],
    config: ModelConfig,
    topic: str | None = None,
    matching: Matching | None = None,
    features: Mapping[str, FactFeatures] | None = None,
) -> Brief:
    """The deterministic back half: leave out other stories, merge facts into claims (with the same-fact links
    of `matching`), cross-check them. `features` are the facts' (read_features), read here when not given."""
    with build_caches():
        if features is None:
            features = read_features(facts, published_dates(articles, facts))
        return _assemble(articles, facts, rejections, reports, config, topic, matching or Matching(), features)


def _assemble(
    articles: list[Article],
    facts: list[GroundedFact],
    rejections: list[Rejection],
    reports: list[ArticleReport],
    config: ModelConfig,
    topic: str | None,
    matching: Matching,
    features: Mapping[str, FactFeatures],
) -> Brief:
    dated = articles
    terms = topic_terms(facts, topic)
    facts, off_topic = split_off_topic(dated, facts, terms)
    counts = Counter(r.article_id for r in off_topic)
    reports = [r.model_copy(update={"off_topic": counts[r.article_id]}) for r in reports]
    rejections = rejections + off_topic
    claims = merge_facts(facts, features, matching.links, matching.vetoed, matching.keep_apart)
    settle()
    checked = crosscheck(dated, facts, claims, matching.conflicts, features=features)
    settle()
    return Brief(
        version=package_version(),
        model=ModelInfo(name=config.model, endpoint=describe_endpoint(config), embedded=config.embedded),
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


async def _extract_all(
    articles: Sequence[Article],
    config: ModelConfig,
    reporter: Reporter,
    policy: RetryPolicy,
    cache: ExtractionCache | None,
    concurrency: int,
) -> list[ArticleExtraction | ExtractionError]:
    """Every article's chunks, at most `concurrency` requests in flight; a failing article is returned, not raised."""
    client, openai_client = make_client(config)
    extractor = Extractor(client, config, policy, cache, concurrency)

    async def one(article: Article) -> ArticleExtraction | ExtractionError:
        try:
            return await extractor.extract(article, lambda usage: reporter.advance(article.label, usage))
        except ExtractionError as error:
            return error

    try:
        return list(await asyncio.gather(*(one(article) for article in articles)))
    finally:
        await openai_client.close()


DEFAULT_REMOTE_CONCURRENCY = 4
FONT_BASE_PT = 9.5
FONT_FLOOR_PT = 7.5
FONT_STEP_PT = 0.5
MIN_ITEMS = 8  # items kept before the type shrinks
# More items than this never fit: an item takes a line and its citation key another, and A4 at the 7.5 pt floor
# has about 85 lines. Trying every item of a large brief rendered a PDF of many pages at every type size.
MAX_PAGE_ITEMS = 80


def fit_one_page(brief: Brief, title: str | None = None) -> tuple[Page, bytes, float]:
    """The page that fits one A4 sheet: drop the lowest-ranked items first, then shrink the type to a floor."""
    total = min(droppable_count(brief), MAX_PAGE_ITEMS)
    floor_items = min(MIN_ITEMS, total)
    font = FONT_BASE_PT
    while font >= FONT_FLOOR_PT:
        fitted = _largest_fit(brief, title, font, floor_items, total)
        if fitted is not None:
            return (*fitted, font)
        font -= FONT_STEP_PT
    fitted = _largest_fit(brief, title, FONT_FLOOR_PT, 0, floor_items)
    if fitted is None:
        raise BriefingError("the brief does not fit one A4 page even without optional items")
    return (*fitted, FONT_FLOOR_PT)


def _largest_fit(brief: Brief, title: str | None, font: float, low: int, high: int) -> tuple[Page, bytes] | None:
    """The most items (between low and high) whose page prints on one sheet; None when even `low` overflow.

    `low` is tried first, so a type size the page cannot use is given up after one render (with a full search
    at every size, a 100-article synthetic brief took 76 s to fit; bench/startup_pdf.py).
    """

    def attempt(keep: int) -> tuple[Page, bytes] | None:
        page = compose(brief, title, keep)
        pdf, pages = render_pdf(render_print_html(page, font))
        return (page, pdf) if pages == 1 else None

    best = attempt(low)
    if best is None:
        return None
    low += 1
    while low <= high:
        keep = (low + high) // 2
        fitted = attempt(keep)
        if fitted is not None:
            best, low = fitted, keep + 1
        else:
            high = keep - 1
    return best


def write_outputs(brief: Brief, out_dir: Path, title: str | None = None) -> list[Path]:
    """Render every output, then write each atomically: a failed build leaves earlier files intact."""
    try:
        with build_caches():
            page, pdf, _ = fit_one_page(brief, title)
            rendered: dict[str, str | bytes] = {
                "brief.md": render_markdown(page, brief),
                "brief.html": render_review_html(page, brief),
                "brief.pdf": pdf,
                "brief.json": render_json(brief),
            }
    finally:
        release()
    out_dir.mkdir(parents=True, exist_ok=True)
    return [_write_atomic(out_dir / name, content) for name, content in rendered.items()]


def _write_atomic(path: Path, content: str | bytes) -> Path:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
