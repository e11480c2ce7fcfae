"""What `brief build` tells a person when it is done: facts, claims, model use, and where the time went."""

from __future__ import annotations

from typing import Any

from .models import ArticleReport, Brief, ChangeKind, Statements


def summary_lines(brief: Brief, written_in: float) -> list[str]:
    """The closing lines of a build, in the order they are printed; `written_in`: seconds writing the outputs."""
    lines: list[str] = []
    total = {
        name: sum(getattr(r, name) for r in brief.reports)
        for name in ArticleReport.model_fields
        if name not in ("article_id", "error")
    }
    stated = (
        f"{total['added']} sentences as written"
        if brief.model.statements == Statements.SENTENCES
        else f"{total['extracted']} facts extracted, {total['grounded']} grounded, {total['rejected']} rejected, "
        f"{total['added']} skipped sentences added verbatim"
    )
    lines.append(
        f"{len(brief.articles)} articles: {stated}, {total['off_topic']} about other stories; "
        f"{len(brief.claims)} claims, {len(brief.conflicts)} disputed"
    )
    if brief.model.statements == Statements.SENTENCES:
        lines.append("model use: no extraction request (the facts are the sentences); the judge's below")
    else:
        lines.append(
            f"model use: {total['requests']} requests ({total['retries']} retries), {total['cached_chunks']} chunks "
            f"from the cache, {total['prompt_tokens']} prompt + {total['completion_tokens']} completion tokens"
        )
    if brief.matching is not None and brief.matching.embedder:
        m = brief.matching
        per_pair = f", {m.judge_seconds / m.judged:.1f} s a judged pair" if m.judged and m.requests else ""
        lines.append(
            f"same-fact matching: {m.proposed} pairs proposed, {m.vetoed} vetoed by a guard, {m.judged} judged "
            f"({m.requests} requests, {m.cached} from the cache, {m.judge_failed} failed; {m.prompt_tokens} prompt "
            f"tokens of which {m.prompt_read} read by the server, {m.completion_tokens} completion{per_pair}), "
            f"{m.joined} joined"
        )
    if brief.changes is not None or total["cached_chunks"]:
        lines.append(requests_by_article(brief))
    if brief.changes is not None:
        counts = ", ".join(f"{len(found)} {kind.value.replace('_', ' ')}" for kind in ChangeKind
                           if (found := brief.changes.of(kind)))  # fmt: skip
        lines.append(f"since the previous brief: {counts or 'nothing changed'}")
    if brief.edits:
        stale = [d for d in brief.edits if not d.applied]
        lines.append(f"editor corrections: {len(brief.edits) - len(stale)} applied, {len(stale)} not"
                     + "".join(f"; {d.edit.action.value}: {d.basis}" for d in stale[:3]))  # fmt: skip
    lines.append(time_summary(brief, total, written_in))
    return lines


def requests_by_article(brief: Brief) -> str:
    """Which articles' text went to the model (and in how many requests), and which came whole from the cache."""
    labels = {a.id: a.label for a in brief.articles}
    asked = [f"{labels[r.article_id][:40]} ({r.requests})" for r in brief.reports if r.requests]
    cached = [labels[r.article_id][:40] for r in brief.reports if not r.requests and not r.error]
    line = f"requests by article: {'; '.join(asked) or 'none'}"
    line += f"; from the cache, no request: {len(cached)} article(s)" + (f" ({'; '.join(cached)})" if cached else "")
    if brief.matching is not None and brief.matching.requests:
        line += f"; the judge: {brief.matching.requests} requests"
    if brief.changes is not None and brief.changes.matching is not None and brief.changes.matching.requests:
        line += f"; following the previous brief, the judge: {brief.changes.matching.requests} requests"
    return line


def time_summary(brief: Brief, total: dict[str, Any], written_in: float) -> str:
    """Where the build's time went: extraction and the judge (with the server's own prompt/generation split,
    when it reports one), the deterministic stages, and writing the outputs."""
    timings = brief.timings
    extract = timings.get("extract", 0.0)
    match = timings.get("match", 0.0)
    lines = timings.get("written lines", 0.0)
    rest = sum(timings.values()) - extract - match - lines

    def split(prompt: float, generation: float) -> str:
        return f" (the server: {prompt:.0f} s reading prompts, {generation:.0f} s generating)" if generation else ""

    judge = ""
    if brief.matching is not None and brief.matching.judged:
        judge = split(brief.matching.prompt_seconds, brief.matching.generation_seconds)
    return (
        f"time: {sum(timings.values()) + written_in:.0f} s; extraction {extract:.0f} s"
        f"{split(total['prompt_seconds'], total['generation_seconds'])}, same-fact matching {match:.0f} s{judge}, "
        + (f"written lines {lines:.0f} s ({_written(brief)}), " if "written lines" in timings else "")
        + f"other stages {rest:.1f} s, writing the outputs {written_in:.1f} s"
    )


def _written(brief: Brief) -> str:
    written = [c.written for c in brief.claims if c.written is not None]
    return f"{sum(w.shown for w in written)} of {len(written)} shown"
