"""Command line: options -> pipeline -> files; errors -> one line on stderr and a documented exit code."""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from .errors import BriefingError, InputError, PreviousBriefError

if TYPE_CHECKING:
    from .model.calls import Usage
    from .models import Brief

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="brief", description="Turn news articles about one event into a cited, cross-checked brief."
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--debug", action="store_true", help="show tracebacks (also BRIEF_DEBUG=1)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build a brief from article files or folders")
    build.add_argument(
        "articles", nargs="+", metavar="ARTICLES", help="files (.txt .md .html .jsonl), folders, or http(s) links"
    )
    build.add_argument("-o", "--out", required=True, type=Path, help="output folder (created if missing)")
    build.add_argument("--model", help="model name (default: $BRIEF_MODEL, else gpt-4o-mini on a remote endpoint)")
    build.add_argument("--base-url", help="OpenAI-compatible endpoint (default: $OPENAI_BASE_URL)")
    build.add_argument("--title", help="the brief's heading (default: its most cited actors)")
    build.add_argument("--topic", help="what the brief is about; other stories' facts are left out (default: inferred)")
    build.add_argument("--timeout", type=float, help="seconds one model request may take (default 300; embedded 600)")
    build.add_argument("--no-cache", action="store_true", help="ask the model again even for unchanged chunks")
    build.add_argument(
        "--since",
        type=Path,
        metavar="PREVIOUS/brief.json",
        help="an earlier build's brief.json (or its folder): add what changed since it to every output",
    )
    build.add_argument(
        "--keep-apart",
        action="append",
        default=[],
        metavar="FACT,FACT",
        help="never put these two facts (IDs from brief.json or the review page) in one claim; repeatable; kept in "
        "brief.json as a keep-apart edit",
    )
    build.add_argument(
        "--edits",
        type=Path,
        metavar="EDITS.yaml",
        help="an editor's corrections (keep apart, join, not a fact, commentary, pin, headline; the review page "
        "downloads them; schemas/edits.schema.json); default: OUT/edits.yaml when it exists",
    )
    build.add_argument(
        "--no-judge",
        action="store_true",
        help="no model call to confirm same-fact pairs: only pairs above a strict similarity join",
    )
    build.add_argument(
        "--statements",
        choices=["model", "sentences"],
        help="who states the facts: the model, one request a chunk, or each sentence as written, split at clauses "
        "by the code, no request (default: sentences with the embedded model, model with an endpoint)",
    )
    build.add_argument(
        "--written-lines",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="ask the model for a neutral line of at most 20 words for each claim the page may show, shown only "
        "when the code finds every name, number, date and word of it in the claim's quotes (default: with an "
        "endpoint, not with the embedded model)",
    )
    build.add_argument(
        "--concurrency", type=int, metavar="N", help="model requests in flight (default: 4 remote, 1 embedded)"
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")

    evaluate = commands.add_parser(
        "eval", help="compare a build with its corpus's expected.yaml, a claims.yaml or an expected-changes.yaml"
    )
    evaluate.add_argument("out", type=Path, metavar="OUT", help="a folder written by `brief build`")
    evaluate.add_argument("--expected", type=Path, help="the corpus's expected.yaml")
    evaluate.add_argument("--claims", type=Path, help="a person's claims.yaml: facts several articles state")
    evaluate.add_argument(
        "--changes",
        type=Path,
        metavar="EXPECTED",
        help="expected-changes.yaml: the change list of a build with --since must match it exactly (else exit 1)",
    )
    evaluate.add_argument("--strict", action="store_true", help="exit 1 when any check fails")
    evaluate.add_argument(
        "--min-pairs", type=int, metavar="N", help="with --claims: gold pairs that must be joined (default: all)"
    )
    evaluate.set_defaults(usage_error=evaluate.error)

    schemas = commands.add_parser("schemas", help="write the JSON Schemas of the data models")
    schemas.add_argument("--out", type=Path, default=Path("schemas"), help="folder (default: schemas/)")
    schemas.add_argument("--check", action="store_true", help="exit 1 if the files differ from the models")
    return parser


class ConsoleReporter:
    """Progress and messages on stderr with rich, so stdout stays clean."""

    def __init__(self, quiet: bool) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.quiet = quiet
        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("Extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("chunks"),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=self.console,
            disable=quiet,
        )
        self.task: Any = None
        self.total, self.done, self.started = 0, 0, time.monotonic()

    def message(self, text: str) -> None:
        if not self.quiet:
            self.console.print(text, markup=False, highlight=False, soft_wrap=True)

    def start(self, total_chunks: int) -> None:
        self.total, self.done, self.started = total_chunks, 0, time.monotonic()
        if self.console.is_terminal:
            self.progress.start()
            self.task = self.progress.add_task("", total=total_chunks)
        else:
            self.message(f"Extracting {total_chunks} chunks")

    def advance(self, label: str, usage: Usage | None = None) -> None:
        self.done += 1
        if self.console.is_terminal:
            self.progress.update(self.task, advance=1, description=label[:50])
            return
        # Redirected to a log: one line a chunk, so a long run is never silent.
        elapsed = time.monotonic() - self.started
        if usage is None:
            cost = "from the cache"
        else:
            rate = usage.completion_tokens / usage.generation_seconds if usage.generation_seconds else None
            cost = f"{usage.completion_tokens} tokens" + (f" at {rate:.1f} tok/s" if rate else "")
        self.message(f"  chunk {self.done}/{self.total} done ({label[:40]}): {cost}; {elapsed:.0f} s elapsed")

    def finish(self) -> None:
        if self.console.is_terminal:
            self.progress.stop()


# `brief build` is a process of its own that keeps many objects for the whole build (articles, facts, features,
# claims); with the interpreter's default thresholds (700, 10, 10) the cyclic collector rescans them over and
# over. Young collections 70 times rarer, full ones 10 times rarer: bench/stages.py at 1,000 articles, three
# interleaved rounds on 2 shared cores, median 10.6 s against 12.9 s with the defaults (11.9 s with the gc.freeze
# between stages the library used to do); 13.9 s against 15.2 s in a busier repeat; peak RSS the same, 527 MiB.
GC_THRESHOLDS = (50_000, 20, 100)


@contextlib.contextmanager
def batch_collector() -> Iterator[None]:
    """The garbage collector's setting for one `brief build` (bench/stages.py runs under it too), restored on
    every way out: errors, Ctrl-C. The library itself never touches the collector."""
    saved = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _fact_pair(text: str) -> tuple[str, str]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise InputError(f"--keep-apart {text!r}: give two fact IDs separated by a comma, e.g. a1b2#F3,c4d5#F1")
    return parts[0], parts[1]


def _build(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from . import build_brief, configured_model, write_outputs  # the library's public API, as any caller uses it
    from .inputs.edits import EDITS_FILE, read_edits
    from .model.cache import cache_dir
    from .models import Statements
    from .summary import summary_lines

    if args.out.exists() and not args.out.is_dir():
        raise InputError(f"{args.out}: exists and is not a folder")
    previous = _previous_brief(args.since) if args.since is not None else None
    keep_apart = [_fact_pair(text) for text in args.keep_apart]
    edits_file = args.edits if args.edits is not None else args.out / EDITS_FILE
    if args.edits is not None and not edits_file.is_file():
        raise InputError(f"--edits {edits_file}: no such file")
    edits = read_edits(edits_file) if edits_file.is_file() else None  # a bad file stops here: nothing written
    reporter = ConsoleReporter(args.quiet)
    model = configured_model(model=args.model, base_url=args.base_url, env=os.environ)
    if args.timeout is not None:
        model = replace(model, timeout=args.timeout)
    with batch_collector():
        brief = build_brief(
            args.articles,
            model=model,
            topic=args.topic,
            judge=not args.no_judge,
            statements=Statements(args.statements) if args.statements else None,
            keep_apart=keep_apart,
            since=previous,
            concurrency=args.concurrency,
            cache=None if args.no_cache else cache_dir(),
            reporter=reporter,
            written_lines=args.written_lines,
            edits=edits,
        )
        writing = time.monotonic()
        written = write_outputs(brief, args.out, title=args.title)
        written_in = time.monotonic() - writing
    failed = [r for r in brief.reports if r.error]
    for line in summary_lines(brief, written_in):
        reporter.message(line)
    reporter.message(f"wrote {', '.join(str(p) for p in written)}")
    if failed:
        reporter.message(f"partial brief: {len(failed)} article(s) failed, listed in brief.md and brief.json")
        return 4
    return EXIT_OK


def _previous_brief(path: Path) -> Brief:
    """The --since brief, read before anything else runs: a bad one stops the build with OUT/ untouched."""
    from .story.following import read_brief

    try:
        return read_brief(path)
    except PreviousBriefError as error:
        raise PreviousBriefError(f"--since {error}") from error


def _eval(args: argparse.Namespace) -> int:
    import yaml
    from pydantic import ValidationError
    from rich.console import Console
    from rich.table import Table

    from .evaluation.claims import evaluate_claims
    from .evaluation.expected import Check, evaluate, evaluate_changes
    from .models import Brief

    if args.expected is None and args.claims is None and args.changes is None:
        args.usage_error("give --expected, --claims, --changes or several")
    if args.min_pairs is not None and (args.claims is None or args.min_pairs < 0):
        args.usage_error("--min-pairs needs --claims and a count >= 0")
    try:
        brief = Brief.model_validate_json((args.out / "brief.json").read_text(encoding="utf-8"))
        markdown = (args.out / "brief.md").read_text(encoding="utf-8") if args.expected else ""
        expected: Any = yaml.safe_load(args.expected.read_text(encoding="utf-8")) if args.expected else None
        truth: Any = yaml.safe_load(args.claims.read_text(encoding="utf-8")) if args.claims else None
        changed: Any = yaml.safe_load(args.changes.read_text(encoding="utf-8")) if args.changes else None
    except (OSError, ValidationError, yaml.YAMLError) as error:
        raise InputError(f"cannot evaluate {args.out}: {str(error).splitlines()[0]}") from error
    try:
        claims = evaluate_claims(brief, truth, args.min_pairs) if args.claims else None
    except ValueError as error:
        raise InputError(f"cannot evaluate {args.out}: {args.claims}: {error}") from error
    try:
        changes = evaluate_changes(brief, changed) if args.changes else None
    except ValueError as error:
        raise InputError(f"cannot evaluate {args.out}: {args.changes}: {error}") from error
    tables: list[tuple[Path, list[Check]]] = []
    if args.expected:
        tables.append((args.expected, evaluate(brief, markdown, expected)))
    if claims is not None:
        tables.append((args.claims, claims.checks))
    if changes is not None:
        tables.append((args.changes, changes))
    console = Console(width=160)
    for against, checks in tables:
        table = Table("check", "result", "found", "wanted", "detail", title=f"{args.out} vs {against}")
        for check in checks:
            table.add_row(
                check.name, "pass" if check.passed else "FAIL", str(check.found), str(check.expected), check.detail
            )
        console.print(table)
    if claims is not None and claims.misses:
        losses = Table("where the pair was lost", "pairs", title=f"missed gold pairs by stage ({len(claims.misses)})")
        for stage, count in claims.stages():
            losses.add_row(stage, str(count))
        console.print(losses)
    for line in claims.lines if claims is not None else []:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    # The change list has no partial score: it matches the expected changes exactly or it does not.
    if changes is not None and not all(c.passed for c in changes):
        return 1
    return 1 if args.strict and not all(c.passed for _, checks in tables for c in checks) else EXIT_OK


def _schemas(args: argparse.Namespace) -> int:
    from .models import SCHEMA_MODELS

    stale = []
    for name, model in SCHEMA_MODELS.items():
        path = args.out / f"{name}.schema.json"
        text = json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if stale:
        print(f"brief: schemas differ from the models: {', '.join(stale)} (run `brief schemas`)", file=sys.stderr)
        return 1
    return EXIT_OK


def _terminate(signum: int, frame: FrameType | None) -> None:
    # Turn SIGTERM into an exception so context managers (the embedded server) clean up.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `brief` command; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    debug = args.debug or os.environ.get("BRIEF_DEBUG") == "1"
    if args.version:
        from .assembly import package_version

        print(f"brief {package_version()}")
        return EXIT_OK
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return {"build": _build, "eval": _eval, "schemas": _schemas}[args.command](args)
    except BriefingError as error:
        if debug:
            raise
        print(f"brief: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("brief: interrupted; nothing was written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:
        if debug:
            raise
        print(
            f"brief: internal error: {error.__class__.__name__}: {error} (BRIEF_DEBUG=1 shows the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> None:
    """Console-script wrapper: exit with main()'s code."""
    sys.exit(main())


if __name__ == "__main__":
    run()
