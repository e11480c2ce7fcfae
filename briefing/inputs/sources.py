"""Files, folders, links and JSONL batches -> Articles: clean text, blocks, numbered sentences with offsets."""

from __future__ import annotations

import hashlib
import json
import multiprocessing as mp
import os
import re
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml
from syntok import segmenter

from ..errors import InputError
from ..models import Article, Block, BlockKind, Dateline, Sentence
from ..text.normalize import MONTH_PATTERN
from ..text.values import dates
from .cleaning import classify, sentence_reason
from .language import language_code
from .webpage import extract_html, fetch

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
HTML_SUFFIXES = (".html", ".htm")
PARALLEL_FROM_FILES = 64  # fewer files are read in this process
MAX_READ_WORKERS = 8
MAX_FILE_BYTES = 5_000_000  # a long news article is well under 1 MB; more is a wrong file, refused with the limit
# Folder scans skip project files that sit beside articles; a file named on the command line is always read.
SKIPPED_IN_FOLDERS = re.compile(r"^(readme|license|licence|changelog|contributing)(\..*)?$", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
# "CARACAS, Dec 1 (Reuters) -" or, on a digest of snippets, "Dec 1 (Reuters) -": a place at times, a month and
# day (a year at times), the agency, a dash. The month is spelled out so that "Chapter 5 (draft) -" is none.
_MONTH_NAME = rf"(?=[A-Z])(?i:{MONTH_PATTERN})\.?"  # capitalised, as a dateline writes it
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Za-z .'-]{{1,40}},\s+)?(?P<day>{_MONTH_NAME}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)"
    r"\s+\((?P<origin>[^()]{2,40})\)\s*[-\u2013\u2014]"
)


@dataclass
class LoadResult:
    """Articles read, and one line for each file that was skipped (the rest of the brief goes on)."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def load_articles(inputs: Iterable[str | Path], fetch_page: Callable[[str], tuple[str, str]] = fetch) -> LoadResult:
    """Read every article named: files, folders, links and JSONL batches. A missing path is an InputError;
    a file, link or JSONL line that cannot be read is skipped with its reason, and the rest go on."""
    result = LoadResult()
    seen: dict[str, str] = {}
    sources = _expand(inputs)
    files = _read_files_in_parallel([s for s in sources if isinstance(s, Path) and s.suffix.lower() != ".jsonl"])
    for source in sources:
        try:
            outcome = files.get(source) if isinstance(source, Path) else None
            articles = outcome if outcome is not None else _read_source(source, fetch_page)
        except InputError as error:
            result.skipped.append(str(error))
            continue
        for name, article in articles:
            if isinstance(article, InputError):
                result.skipped.append(str(article))
            elif article.content_hash in seen:
                result.skipped.append(f"{name}: same text as {seen[article.content_hash]}, read once")
            else:
                seen[article.content_hash] = name
                result.articles.append(article)
    if not result.articles:
        reasons = "; ".join(result.skipped) or "nothing to read"
        raise InputError(f"no usable article: {reasons}")
    return result


def _read_files_in_parallel(paths: list[Path]) -> dict[Path, list[tuple[str, Article | InputError]]]:
    """Many files are read and split into sentences by a pool of processes (sentence splitting is the slow
    part of reading); a few are left to the caller, as starting processes would cost more than it saves."""
    workers = min(os.cpu_count() or 1, MAX_READ_WORKERS)
    if len(paths) < PARALLEL_FROM_FILES or workers < 2:
        return {}
    # fork starts a worker in milliseconds but is unsafe once threads run; forkserver and spawn are safe, slower.
    methods = mp.get_all_start_methods()
    safe = "forkserver" if "forkserver" in methods else "spawn"
    method = "fork" if threading.active_count() == 1 and "fork" in methods else safe
    with ProcessPoolExecutor(workers, mp_context=mp.get_context(method)) as pool:
        outcomes = pool.map(_read_file, paths, chunksize=max(1, len(paths) // (workers * 4)))
        return dict(zip(paths, outcomes, strict=True))


def _read_file(path: Path) -> list[tuple[str, Article | InputError]]:
    try:
        return [(str(path), read_article(path))]
    except InputError as error:
        return [(str(path), error)]


def is_link(value: str | Path) -> bool:
    """True for http(s) links given on the command line or in a JSONL batch."""
    return str(value).startswith(("http://", "https://"))


def _expand(inputs: Iterable[str | Path]) -> list[str | Path]:
    sources: list[str | Path] = []
    for raw in inputs:
        if is_link(raw):
            sources.append(str(raw))
            continue
        path = Path(raw)
        if path.is_dir():
            found = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in ARTICLE_SUFFIXES
                and not SKIPPED_IN_FOLDERS.match(p.name)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            if not found:
                raise InputError(f"{path}: folder holds no article ({', '.join(ARTICLE_SUFFIXES)})")
            sources.extend(found)
        elif path.is_file():
            sources.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return sources


def _read_source(
    source: str | Path, fetch_page: Callable[[str], tuple[str, str]]
) -> list[tuple[str, Article | InputError]]:
    if isinstance(source, str):
        html, final_url = fetch_page(source)
        return [(source, parse_page(html, final_url))]
    if source.suffix.lower() == ".jsonl":
        return _read_batch(source, fetch_page)
    return [(str(source), read_article(source))]


def read_article(path: Path) -> Article:
    """Read one UTF-8 file (.txt, .md, .html) into an Article; unreadable or empty text is an InputError."""
    raw = _decode(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        return parse_page(raw, str(path))
    return parse_article(raw, path=str(path))


def _decode(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"{path}: {size / 1e6:.1f} MB, over the {MAX_FILE_BYTES // 1_000_000} MB limit for one article"
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from error
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as error:
            raise InputError(f"{path}: broken UTF-16 text at byte {error.start}") from error
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (NUL bytes), not article text")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); save it as UTF-8"
        ) from error
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def parse_page(html: str, source: str) -> Article:
    """An Article from an HTML page: its main text, with the page's title, outlet, author and date."""
    page = extract_html(html, source)
    meta: dict[str, object] = {"title": page.title, "outlet": page.outlet, "author": page.author}
    if page.published:
        meta["published"] = page.published
    return parse_article(page.text, source, meta, "page metadata")


def _read_batch(path: Path, fetch_page: Callable[[str], tuple[str, str]]) -> list[tuple[str, Article | InputError]]:
    """A JSONL batch: one article a line, given by `url`, `path` (relative to the file) or `text`."""
    articles: list[tuple[str, Article | InputError]] = []
    for number, line in enumerate(_decode(path).splitlines(), start=1):
        if not line.strip():
            continue
        name = f"{path} line {number}"
        try:
            articles.append((name, _batch_line(line, name, path.parent, fetch_page)))
        except InputError as error:
            articles.append((name, error))
    return articles


def _batch_line(line: str, name: str, folder: Path, fetch_page: Callable[[str], tuple[str, str]]) -> Article:
    try:
        entry = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}: not JSON ({error.msg})") from error
    if not isinstance(entry, dict):
        raise InputError(f"{name}: expected an object with url, path or text")
    given = [key for key in ("url", "path", "text") if entry.get(key)]
    if len(given) != 1:
        raise InputError(f"{name}: give exactly one of url, path or text")
    meta = {key: entry[key] for key in ("title", "outlet", "published", "author") if entry.get(key)}
    if given[0] == "url":
        html, final_url = fetch_page(str(entry["url"]))
        article = parse_page(html, final_url)
    elif given[0] == "path":
        article = read_article(folder / str(entry["path"]))
    else:
        return parse_article(str(entry["text"]), name, meta, "batch file")
    article = article.model_copy(update={k: v for k, v in meta.items() if k != "published"})
    return _redated(article, _as_date(meta["published"], name)) if "published" in meta else article


def _redated(article: Article, published: date | None) -> Article:
    """The article with a publication date given from outside; its year-less datelines are read against it."""
    found = [(d.start, m) for d in article.datelines if (m := _DATELINE.match(article.text[d.start :]))]
    datelines = [_dateline(start, match, published) for start, match in found]
    return article.model_copy(update={"published": published, "datelines": datelines})


def parse_article(raw: str, path: str, meta: dict[str, object] | None = None, meta_from: str = "") -> Article:
    """Build an Article from decoded text: front matter (or given metadata), blocks, sentences, title and ID."""
    front, body_offset = _front_matter(raw, path)
    meta = {**(meta or {}), **front}
    meta_from = "front matter" if front.get("published") or front.get("date") else meta_from
    text = raw
    blocks = [
        b.model_copy(update={"start": b.start + body_offset, "end": b.end + body_offset})
        for b in classify(text[body_offset:])
    ]
    blocks, sentences = number_sentences(text, blocks)
    if not sentences:
        raise InputError(f"{path}: no article text left once boilerplate is removed")
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    published = _as_date(meta.get("published") or meta.get("date"), path)
    published_from = meta_from if published else None
    found = _dateline_matches(text, blocks)
    if published is None:
        published, published_from = _date_in_text(text, blocks, found, sentences[0].start)
    datelines = [_dateline(start, match, published) for start, match in found]
    origins = {d.origin for d in datelines}
    return Article(
        id=f"{_slug(_stem(path))}-{content_hash[:6]}",
        path=path,
        title=str(meta["title"]) if meta.get("title") else _heading_title(text, blocks),
        outlet=str(meta["outlet"]) if meta.get("outlet") else None,
        author=str(meta["author"]) if meta.get("author") else None,
        published=published,
        published_from=published_from,
        origin=origins.pop() if len(origins) == 1 else None,
        text=text,
        blocks=blocks,
        sentences=sentences,
        content_hash=content_hash,
        datelines=datelines,
        language=(language := language_code(meta.get("language") or meta.get("lang"))),
        language_from="front matter" if language else None,
    )


def _stem(path: str) -> str:
    if is_link(path):
        return path.rstrip("/").rsplit("/", 1)[-1].split("?")[0].rsplit(".", 1)[0] or "page"
    return Path(path).stem


# libyaml's safe loader when PyYAML was built with it (its wheels are): same result, a tenth of the time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _front_matter(raw: str, path: str) -> tuple[dict[str, object], int]:
    match = _FRONT_MATTER.match(raw)
    if not match:
        return {}, 0
    try:
        meta = yaml.load(match.group(1), Loader=_YAML_LOADER)
    except yaml.YAMLError as error:
        raise InputError(f"{path}: front matter is not valid YAML ({error.__class__.__name__})") from error
    if not isinstance(meta, dict):
        raise InputError(f"{path}: front matter must be 'key: value' lines")
    return {str(k).lower(): v for k, v in meta.items()}, match.end()


_DatelineMatch = tuple[int, re.Match[str]]  # the offset of the paragraph it opens, the match


def _dateline_matches(text: str, blocks: list[Block]) -> list[_DatelineMatch]:
    """The datelines that open body paragraphs: one for a wire story, one a snippet on a digest page."""
    found = []
    for block in blocks:
        match = _DATELINE.match(text[block.start : block.end]) if block.kind == BlockKind.BODY else None
        if match:
            found.append((block.start, match))
    return found


def _date_in_text(
    text: str, blocks: list[Block], datelines: list[_DatelineMatch], first_sentence: int
) -> tuple[date | None, str | None]:
    """The page's own date: its one dateline, when it opens the text and names its year; else a line about the
    page ("last updated on 02 December 2025"). A digest's snippet datelines date their snippets, not the page."""
    if len(datelines) == 1 and datelines[0][0] == first_sentence:
        day = datelines[0][1]["day"]
        found = dates(day, None)
        if found:
            return date.fromordinal(int(found[0].low)), f"dateline '{day}'"
    for block in blocks:
        if block.kind != BlockKind.METADATA:
            continue
        line = text[block.start : block.end]
        found = dates(line, None)
        if found:
            return date.fromordinal(int(found[0].low)), f"text '{line[: found[0].end]}'"
    return None, None


def _dateline(start: int, match: re.Match[str], published: date | None) -> Dateline:
    """A dateline's day: as written when it names its year, else read against the page's date, else unknown."""
    day, origin = match["day"], match["origin"].strip()
    written = match.group().rstrip(" -\u2013\u2014")
    found = dates(day, published)
    basis = f"'{day}' read against the page's date {published}"
    if re.search(r"\d{4}", day):
        basis = f"'{day}' names its year"
    elif not found:
        basis = f"'{day}' names no year and the page states no date: unresolved"
    day_read = date.fromordinal(int(found[0].low)) if found else None
    return Dateline(start=start, text=written, origin=origin, published=day_read, basis=basis)


def _as_date(value: object, path: str) -> date | None:
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise InputError(f"{path}: published date {value!r} is not YYYY-MM-DD") from error


def number_sentences(text: str, blocks: list[Block]) -> tuple[list[Block], list[Sentence]]:
    """Number the sentences of body blocks; each `text[start:end]` is the exact sentence. A sentence about the
    page itself is set apart as a block of its own, never numbered; the rest of its paragraph keeps one number."""
    sentences: list[Sentence] = []
    kept: list[Block] = []
    paragraph = 0
    for block in blocks:
        if block.kind != BlockKind.BODY:
            kept.append(block)
            continue
        numbered = len(sentences)
        piece_start = block.start
        for start, end in _sentence_spans(text[block.start : block.end]):
            start, end = block.start + start, block.start + end
            reason = sentence_reason(text[start:end])
            if reason is None:
                sentence_id = f"S{len(sentences) + 1}"
                sentences.append(Sentence(id=sentence_id, start=start, end=end, paragraph=paragraph + 1))
                continue
            if sentences and sentences[-1].start >= piece_start:
                kept.append(block.model_copy(update={"start": piece_start, "end": sentences[-1].end}))
            kept.append(Block(start=start, end=end, kind=reason[0], reason=reason[1]))
            piece_start = block.end - len(text[end : block.end].lstrip())
        if piece_start == block.start:
            kept.append(block)
        elif piece_start < block.end:
            kept.append(block.model_copy(update={"start": piece_start}))
        paragraph += len(sentences) > numbered  # a paragraph all about the page is no paragraph of the story
    return kept, sentences


def _sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans in a paragraph. syntok keeps "U.S." and "Dec. 1" whole, as pysbd does, at a quarter of
    pysbd's cost (benchmarked: sentence splitting was the slowest part of reading 1,000 articles)."""
    spans = []
    for sentence_group in segmenter.analyze(paragraph):
        for tokens in sentence_group:
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


def _heading_title(text: str, blocks: list[Block]) -> str | None:
    """A heading before the first paragraph is the title; an article without one has none (never invented)."""
    for block in blocks:
        if block.kind == BlockKind.HEADING:
            return text[block.start : block.end].lstrip("# ").strip()
        if block.kind == BlockKind.BODY:
            break
    return None


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:40] or "article"
