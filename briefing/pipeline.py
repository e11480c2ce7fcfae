"""The one place that runs the stages in order: sources -> extract -> ground -> merge -> render."""

from __future__ import annotations

import asyncio
import contextlib
import os
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal, Protocol, TypeAlias

from .atomize import atomize, skipped_sentences
from .blocking import run_blocking
from .cache import ExtractionCache
from .compose import compose, droppable_count
from .crosscheck import crosscheck
from .embed import EmbeddingCache
from .errors import BriefingError, ExtractionError, NoUsableArticlesError
from .extract import ArticleExtraction, Extractor, chunk_sentences
from .features import FactFeatures, read_features
from .following import follow
from .ground import ground_facts
from .llm import ModelChoice, ModelConfig, RetryPolicy, Usage, describe_endpoint, embedded_server, make_client
from .matching import Matching, match_facts
from .memo import build_caches
from .merge import merge_facts
from .models import Article, ArticleReport, Brief, GroundedFact, ModelInfo, Page, Rejection
from .render import render_json, render_markdown, render_pdf, render_print_html, render_review_html
from .sources import load_articles
from .topic import split_off_topic, topic_terms


class Reporter(Protocol):
    """Where a build tells a person what it is doing (the CLI shows it on stderr; see SilentReporter)."""

    def message(self, text: str) -> None:
        """One line: the model in use, an input skipped, an article failed, matching's progress."""

    def start(self, total_chunks: int) -> None:
        """Extraction begins: this many chunks will be sent to the model (or found in the cache)."""

    def advance(self, label: str, usage: Usage | None = None) -> None:
        """One chunk of the article `label` is done; `usage` is what it cost, None when it came from the cache."""

    def finish(self) -> None:
        """Extraction is over (the deterministic stages and matching follow)."""


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


# What a build reads: paths (files, folders, .jsonl batches) and http(s) links, read as `brief build` reads
# them; or articles the caller has loaded already (sources.parse_article, sources.load_articles).
ArticleSources: TypeAlias = Sequence[str | Path] | Sequence[Article]


def build_brief(
    sources: ArticleSources,
    *,
    model: ModelChoice,
    topic: str | None = None,
    judge: bool = True,
    keep_apart: Sequence[tuple[str, str]] = (),
    since: Brief | None = None,
    concurrency: int | None = None,
    cache: Path | None = None,
    retry: RetryPolicy | None = None,
    reporter: Reporter | None = None,
) -> Brief:
    """Build a brief: the blocking call; every option is abuild_brief's.

    From inside a running event loop (a notebook cell, an async web handler) `await abuild_brief(...)` instead;
    called there anyway, the build runs its own event loop on a helper thread while the caller's thread waits.
    The caller's event loop, current or running, is left as it was.
    """
    build = abuild_brief(
        sources, model=model, topic=topic, judge=judge, keep_apart=keep_apart, since=since,
        concurrency=concurrency, cache=cache, retry=retry, reporter=reporter,
    )
    return run_blocking(build)


async def abuild_brief(
    sources: ArticleSources,
    *,
    model: ModelChoice,
    topic: str | None = None,
    judge: bool = True,
    keep_apart: Sequence[tuple[str, str]] = (),
    since: Brief | None = None,
    concurrency: int | None = None,
    cache: Path | None = None,
    retry: RetryPolicy | None = None,
    reporter: Reporter | None = None,
) -> Brief:
    """Build a brief from articles about one event; the coroutine for callers already inside an event loop.

    Args:
        sources: paths (files .txt .md .html, folders of them, .jsonl batches) and http(s) links, read as
            `brief build` reads them, with unreadable ones skipped and told to `reporter`; or Articles loaded
            already (`parse_article`, `load_articles`). Not a mix of both.
        model: a configured endpoint (`ModelConfig`) or the embedded model (`EmbeddedModel()`), which is
            started for this build and stopped after it; `configured_model()` chooses as `brief build` does.
        topic: what the brief is about; facts of other stories are left out (default: inferred).
        judge: ask the model to confirm same-fact pairs; False joins only pairs above a strict similarity.
        keep_apart: pairs of fact IDs never put in one claim (an editor's undo of a join).
        since: a previous brief (`read_brief` reads one's brief.json): the brief then carries the change list
            since it (`Brief.changes`), and a cache makes the articles read before cost no request.
        concurrency: model requests in flight at once (default 4 for an endpoint, 1 for the embedded model).
        cache: a folder that keeps model answers and embeddings, so a re-run asks nothing it has asked before
            (`brief build` uses the user cache folder); None keeps nothing.
        retry: bounds on retries of failed requests and invalid answers.
        reporter: told what the build is doing (progress, skipped inputs); default: nothing is told.

    Raises InputError when no source can be read (before any model starts), ModelUnavailableError when the
    embedded model cannot start, NoUsableArticlesError when the model fails on every article. An article the
    model fails on is listed in the brief's reports, not raised. Reading the sources, starting the embedded
    model and the deterministic stages run on the event loop's thread; model requests are awaited.
    """
    reporter = reporter or SilentReporter()
    with build_caches():
        articles = _articles(sources, reporter)  # bad input fails before any model starts
    with build_caches(), model_endpoint(model, reporter) as config:
        # A CPU model answers one request at a time; a remote endpoint serves several.
        parallel = concurrency or (1 if config.embedded else DEFAULT_REMOTE_CONCURRENCY)
        return await _build(
            articles, config, reporter, retry or RetryPolicy(), topic, cache, parallel, judge, keep_apart, since
        )


def _articles(sources: ArticleSources, reporter: Reporter) -> list[Article]:
    if isinstance(sources, str | Path):
        raise TypeError(f"sources is a list of paths or Articles, not one path: give [{str(sources)!r}]")
    items = list(sources)
    articles = [item for item in items if isinstance(item, Article)]
    if articles and len(articles) < len(items):
        raise TypeError("sources are paths or Articles, not a mix of both")
    if articles:
        return articles
    loaded = load_articles([item for item in items if not isinstance(item, Article)])
    for line in loaded.skipped:
        reporter.message(f"skipped {line}")
    return loaded.articles


@contextlib.contextmanager
def model_endpoint(choice: ModelChoice, reporter: Reporter) -> Iterator[ModelConfig]:
    """The configured endpoint, or the embedded model started for the duration of the block."""
    if isinstance(choice, ModelConfig):
        reporter.message(f"Model: {choice.model} at {describe_endpoint(choice)}")
        yield choice
        return
    reporter.message(
        "Model: embedded Qwen2.5-Coder-1.5B on this CPU (slow; set OPENAI_BASE_URL/OPENAI_API_KEY "
        "or --base-url/--model to use another endpoint)"
    )
    server = {"BRIEF_LLAMA_SERVER": str(choice.llama_server)} if choice.llama_server else {}
    with embedded_server(reporter.message, server) as embedded:
        yield replace(embedded, timeout=choice.timeout)


async def _build(
    articles: Sequence[Article],
    config: ModelConfig,
    reporter: Reporter,
    retry: RetryPolicy,
    topic: str | None,
    cache: Path | None,
    concurrency: int,
    judge: bool,
    keep_apart: Sequence[tuple[str, str]],
    since: Brief | None,
) -> Brief:
    """Run every stage on loaded articles; an article the model fails on is reported, not fatal. With `since`,
    the brief carries the change list since that previous brief."""
    answers = ExtractionCache(cache / "extractions") if cache is not None else None
    clock = time.perf_counter()
    reporter.start(sum(len(chunk_sentences(a)) for a in articles))
    outcomes = await _extract_all(articles, config, reporter, retry, answers, concurrency)
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
    if all(r.error for r in reports):
        raise NoUsableArticlesError("no article could be processed: " + "; ".join(str(r.error) for r in reports))
    timings["ground"] = time.perf_counter() - clock - timings["extract"]
    # Matching reads every grounded fact; links to facts the topic filter then leaves out are simply not used.
    judge_config = config if judge else None
    features = read_features(facts, published_dates(articles, facts))
    vectors = EmbeddingCache(cache / "embeddings") if cache is not None else None
    matching = await match_facts(
        facts, features, judge_config, reporter, retry, answers, concurrency, vectors_cache=vectors
    )
    if keep_apart:  # an editor's undo: these pairs never share a claim, whatever matched them
        matching = replace(matching, keep_apart=frozenset(frozenset(pair) for pair in keep_apart))
    timings["match"] = time.perf_counter() - clock - sum(timings.values())
    brief = assemble(list(articles), facts, rejections, reports, config, topic, matching, features)
    timings["merge and cross-check"] = time.perf_counter() - clock - sum(timings.values())
    if since is not None:
        changes = await follow(since, brief, judge_config, reporter, retry, answers, concurrency, vectors)
        brief = brief.model_copy(update={"changes": changes})
        timings["changes since the previous brief"] = time.perf_counter() - clock - sum(timings.values())
    return brief.model_copy(update={"timings": {stage: round(seconds, 3) for stage, seconds in timings.items()}})


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
    checked = crosscheck(dated, facts, claims, matching.conflicts, features=features)
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


# The files write_outputs can make, in the order it writes them.
OutputFormat: TypeAlias = Literal["md", "html", "pdf", "json"]
FORMATS: tuple[OutputFormat, ...] = ("md", "html", "pdf", "json")


def write_outputs(
    brief: Brief, out_dir: str | Path, *, title: str | None = None, formats: Iterable[OutputFormat] = FORMATS
) -> list[Path]:
    """Write the brief's files into `out_dir` (created if missing) and return their paths.

    `formats` picks among brief.md, brief.html (the review page), brief.pdf (one A4 page) and brief.json; only
    those are rendered. The first three show the page that fits one A4 sheet, so they lay it out with WeasyPrint
    (imported then, not before); JSON alone needs no layout. Everything is rendered before anything is written,
    and each file is replaced atomically: a failure leaves earlier files intact. `title` heads the page.
    """
    wanted = set(formats)
    if unknown := wanted - set(FORMATS):
        raise ValueError(f"unknown output format(s) {sorted(unknown)}: choose from {', '.join(FORMATS)}")
    rendered: dict[str, str | bytes] = {}
    with build_caches():
        if wanted & {"md", "html", "pdf"}:
            page, pdf, _ = fit_one_page(brief, title)
            if "md" in wanted:
                rendered["brief.md"] = render_markdown(page, brief)
            if "html" in wanted:
                rendered["brief.html"] = render_review_html(page, brief)
            if "pdf" in wanted:
                rendered["brief.pdf"] = pdf
        if "json" in wanted:
            rendered["brief.json"] = render_json(brief)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [_write_atomic(out / name, content) for name, content in rendered.items()]


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
