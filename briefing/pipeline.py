"""The one place that runs the stages in order: sources -> extract -> ground -> match -> merge -> cross-check
(outputs.py fits the page and writes the files)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypeAlias

from . import editing
from .assembly import assemble, published_dates
from .errors import ExtractionError, NoUsableArticlesError
from .facts.atomize import AS_WRITTEN, SKIPPED, atomize, skipped_sentences
from .facts.features import FactFeatures, read_features
from .facts.framing import fact_lines
from .facts.ground import ground_facts
from .inputs.language import read_languages
from .inputs.sources import load_articles
from .matching.run import match_facts
from .memo import build_caches
from .model.cache import AnswerCache
from .model.calls import RetryPolicy, Usage, make_client
from .model.config import ModelChoice, ModelConfig, describe_endpoint
from .model.embed import EmbeddingCache, embedder_loader
from .model.extract import ArticleExtraction, Extractor, chunk_sentences
from .model.gazetteer import load_gazetteer
from .model.judge import open_judge
from .model.parse import parse_articles
from .model.server import embedded_server
from .models import (
    Article,
    ArticleReport,
    Brief,
    Edit,
    Edits,
    FactKind,
    FactLine,
    GroundedFact,
    Rejection,
    Statements,
)
from .story.following import follow
from .sync_bridge import run_blocking
from .text.actors import who_is_who
from .written_lines import write_lines


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


# What a build reads: paths (files, folders, .jsonl batches) and http(s) links, read as `brief build` reads
# them; or articles the caller has loaded already (sources.parse_article, sources.load_articles).
ArticleSources: TypeAlias = Sequence[str | Path] | Sequence[Article]


def build_brief(
    sources: ArticleSources,
    *,
    model: ModelChoice,
    topic: str | None = None,
    judge: bool = True,
    statements: Statements | None = None,
    keep_apart: Sequence[tuple[str, str]] = (),
    since: Brief | None = None,
    concurrency: int | None = None,
    cache: Path | None = None,
    retry: RetryPolicy | None = None,
    reporter: Reporter | None = None,
    written_lines: bool | None = None,
    edits: Edits | None = None,
) -> Brief:
    """Build a brief: the blocking call; every option is abuild_brief's.

    From inside a running event loop (a notebook cell, an async web handler) `await abuild_brief(...)` instead;
    called there anyway, the build runs its own event loop on a helper thread while the caller's thread waits.
    The caller's event loop, current or running, is left as it was.
    """
    build = abuild_brief(
        sources, model=model, topic=topic, judge=judge, statements=statements, keep_apart=keep_apart, since=since,
        concurrency=concurrency, cache=cache, retry=retry, reporter=reporter, written_lines=written_lines,
        edits=edits,
    )  # fmt: skip
    return run_blocking(build)


async def abuild_brief(
    sources: ArticleSources,
    *,
    model: ModelChoice,
    topic: str | None = None,
    judge: bool = True,
    statements: Statements | None = None,
    keep_apart: Sequence[tuple[str, str]] = (),
    since: Brief | None = None,
    concurrency: int | None = None,
    cache: Path | None = None,
    retry: RetryPolicy | None = None,
    reporter: Reporter | None = None,
    written_lines: bool | None = None,
    edits: Edits | None = None,
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
        statements: who states the facts: `Statements.MODEL` (one request a chunk of sentences) or
            `Statements.SENTENCES` (each body sentence as written, split at clauses by the code; no request).
            Default: the sentences with the embedded model, whose statements copy the cited sentence anyway
            (README, "Facts from the sentences"), the model with an endpoint.
        keep_apart: pairs of fact IDs never put in one claim (an editor's undo of a join); kept in the brief as
            keep-apart edits, so the next build's review page carries them.
        since: a previous brief (`read_brief` reads one's brief.json): the brief then carries the change list
            since it (`Brief.changes`), and a cache makes the articles read before cost no request.
        concurrency: model requests in flight at once (default 4 for an endpoint, 1 for the embedded model).
        cache: a folder that keeps model answers and embeddings, so a re-run asks nothing it has asked before
            (`brief build` uses the user cache folder); None keeps nothing.
        retry: bounds on retries of failed requests and invalid answers.
        reporter: told what the build is doing (progress, skipped inputs); default: nothing is told.
        written_lines: ask the model for a neutral line of at most 20 words for each claim the page may show,
            shown only where the code finds all it says in the claim's quotes (`Claim.written`). Default: with an
            endpoint, not with the embedded model (README, "Lines on the page").
        edits: an editor's corrections (`read_edits` reads an edits.yaml): applied after matching, before the
            page; `Brief.edits` says what each did, or why it no longer applies. A build `since` a brief applies
            that brief's edits too.

    Raises InputError when no source can be read (before any model starts), ModelUnavailableError when the
    embedded model cannot start, NoUsableArticlesError when the model fails on every article. An article the
    model fails on is listed in the brief's reports, not raised. Reading the sources, starting the embedded
    model and the deterministic stages run on the event loop's thread; model requests are awaited.
    """
    reporter = reporter or SilentReporter()
    with build_caches():
        articles = _articles(sources, reporter)  # bad input fails before any model starts
        articles = read_languages(articles)  # each article's language, and its sentences' in another one
    with build_caches(), model_endpoint(model, reporter) as config:
        # A CPU model answers one request at a time; a remote endpoint serves several.
        parallel = concurrency or (1 if config.embedded else DEFAULT_REMOTE_CONCURRENCY)
        stated_by = statements or default_statements(config)
        lines = written_lines if written_lines is not None else not config.embedded
        options = BuildOptions(retry or RetryPolicy(), topic, cache, parallel, judge, stated_by, keep_apart, since,
                               lines, _edits(since, edits))  # fmt: skip
        return await _build(articles, config, reporter, options)


def _edits(since: Brief | None, edits: Edits | None) -> list[Edit]:
    """The corrections a build applies: those the brief it follows applied or tried (a story's later days keep an
    editor's decisions), then the given ones; each once."""
    inherited = [done.edit for done in since.edits] if since is not None else []
    given = edits.edits if edits is not None else []
    unique = {edit.model_dump_json(): edit for edit in [*inherited, *given]}
    return list(unique.values())


def default_statements(config: ModelConfig) -> Statements:
    """Who states the facts when the caller does not say: the sentences with the embedded model, the model with
    an endpoint. The embedded 1.5B model's statements copy the cited sentence (on the seeds 67 of 73 are within
    a few characters of it) and a fact a sentence takes it ~3 s of generation on 2 cores, longer on a busy
    machine; the code splits sentences at clauses anyway, so its time goes to judging same-fact pairs instead."""
    return Statements.SENTENCES if config.embedded else Statements.MODEL


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


@dataclass(frozen=True)
class BuildOptions:
    """A build's options once resolved (abuild_brief's, with its defaults applied)."""

    retry: RetryPolicy
    topic: str | None
    cache: Path | None
    concurrency: int
    judge: bool
    statements: Statements
    keep_apart: Sequence[tuple[str, str]]
    since: Brief | None
    written_lines: bool = False
    edits: Sequence[Edit] = ()


async def _build(articles: Sequence[Article], config: ModelConfig, reporter: Reporter, options: BuildOptions) -> Brief:
    """Run every stage on loaded articles; an article the model fails on is reported, not fatal. With `since`,
    the brief carries the change list since that previous brief."""
    retry, topic, cache, concurrency = options.retry, options.topic, options.cache, options.concurrency
    judge, statements, keep_apart, since = options.judge, options.statements, options.keep_apart, options.since
    answers = AnswerCache(cache / "extractions") if cache is not None else None
    clock = time.perf_counter()
    outcomes: list[ArticleExtraction | ExtractionError]
    if statements == Statements.SENTENCES:
        reporter.message("Facts: each article sentence as written (the model only judges same-fact pairs)")
        outcomes = [ArticleExtraction(report=ArticleReport(article_id=a.id)) for a in articles]
    else:
        reporter.start(sum(len(chunk_sentences(a)) for a in articles))
        outcomes = await _extract_all(articles, config, reporter, retry, answers, concurrency)
        reporter.finish()
    timings = {"extract": time.perf_counter() - clock}
    parses = parse_articles(articles)  # which words state which fact: atomize splits sentences on it
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
        # source states even where the small model skipped it. Stated by the sentences, that is every one.
        skipped = skipped_sentences(
            article, grounded, rejected, AS_WRITTEN if statements == Statements.SENTENCES else SKIPPED
        )
        reports.append(
            outcome.report.model_copy(
                update={"grounded": len(grounded), "rejected": len(rejected), "added": len(skipped)}
            )
        )
        grounded += skipped
        facts.extend(part for fact in grounded for part in atomize(article, fact, parses))
        rejections.extend(rejected)
    if all(r.error for r in reports):
        raise NoUsableArticlesError("no article could be processed: " + "; ".join(str(r.error) for r in reports))
    timings["ground"] = time.perf_counter() - clock - timings["extract"]
    # Matching reads every grounded fact; links to facts the topic filter then leaves out are simply not used.
    judge_config = config if judge else None
    who = who_is_who(parses, load_gazetteer())
    features = read_features(facts, published_dates(articles, facts), parses, who)
    # What the parse calls the writer's own reading is kept with the fact (brief.json, the review page): it joins
    # no claim of another article, and the page shows it as analysis.
    # Who its subject names goes with it too: a single-source line is worth the page only when it says who did it.
    facts = [f.model_copy(update={"commentary": features[f.id].commentary, "doers": _doers(features[f.id])})
             for f in facts]  # fmt: skip
    # A fact the code stated (a sentence as written) has no kind from a model: the parse says whether someone is
    # said to say it (a statement) or the writer tells it (an event), so the page's sections mean something.
    facts = [f.model_copy(update={"fact": f.fact.model_copy(update={"kind": _read_kind(features[f.id])})})
             if f.added is not None else f for f in facts]  # fmt: skip
    # What the page shows of each quote: the quote less the framing the parse can see, each cut named.
    lines = fact_lines(facts, {a.id: a.text for a in articles}, parses)
    facts = [f.model_copy(update={"line": FactLine(start=lines[f.id].start, end=lines[f.id].end,
                                                   cuts=list(lines[f.id].cuts), source=lines[f.id].source)})
             if f.id in lines else f for f in facts]  # fmt: skip
    vectors = EmbeddingCache(cache / "embeddings") if cache is not None else None
    # An editor's undo: these pairs never share a claim, whatever matched them.
    # An editor's corrections: pairs kept apart go to matching, joins become links ahead of every other.
    planned = editing.plan([*options.edits, *editing.from_ids(keep_apart, articles, facts)], articles, facts)
    separated = frozenset(frozenset(pair) for pair in keep_apart) | planned.keep_apart
    async with open_judge(judge_config, retry, answers, concurrency) as judging:
        matching = await match_facts(facts, features, embedder_loader(vectors), judging, reporter,
                                     keep_apart=separated, who=who)  # fmt: skip
    timings["match"] = time.perf_counter() - clock - sum(timings.values())
    if planned.links:  # the editor's joins first; a guard's veto of the very pair yields to them
        joined = {frozenset(link.facts) for link in planned.links}
        matching = replace(matching, links=[*planned.links, *matching.links], vetoed=matching.vetoed - joined)
    brief = assemble(list(articles), facts, rejections, reports, config, topic, matching, features, statements)
    if planned.found:
        brief = brief.model_copy(update={"edits": editing.outcome(brief, planned)})
    timings["merge and cross-check"] = time.perf_counter() - clock - sum(timings.values())
    if options.written_lines:
        brief = await write_lines(brief, config, retry, answers, concurrency, reporter.message)
        timings["written lines"] = time.perf_counter() - clock - sum(timings.values())
    if since is not None:
        changes = await follow(since, brief, judge_config, reporter, retry, answers, concurrency, vectors)
        brief = brief.model_copy(update={"changes": changes})
        timings["changes since the previous brief"] = time.perf_counter() - clock - sum(timings.values())
    return brief.model_copy(update={"timings": {stage: round(seconds, 3) for stage, seconds in timings.items()}})


def _doers(features: FactFeatures) -> list[str]:
    return sorted(features.subjects or ())


def _read_kind(features: FactFeatures) -> FactKind:
    """The kind of a fact the code stated, from the parse: someone's statement, or an event the writer tells."""
    return FactKind.STATEMENT if features.attributed else FactKind.EVENT


async def _extract_all(
    articles: Sequence[Article],
    config: ModelConfig,
    reporter: Reporter,
    policy: RetryPolicy,
    cache: AnswerCache | None,
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
