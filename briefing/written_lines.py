"""The build's stage that asks a model for a neutral line for each claim the page may show (model/lines.py), and
records each line with whether the code found all it says in the claim's quotes (checks/written.py). It runs
after the cross-check, before the page is composed; the page shows a line only when it was found whole in its
quotes, else the claim's own clause, and the review page shows both.
"""

from __future__ import annotations

from collections.abc import Callable

from .checks.written import refusal
from .model.cache import AnswerCache
from .model.calls import RetryPolicy
from .model.config import ModelConfig
from .model.lines import QUOTES_PER_LINE, open_line_writer
from .models import Brief, Claim, GroundedFact, WrittenLine
from .page.assess import assess, ranked_claims, spoken

WRITTEN_LINES = 24  # more claims than one page holds lines for: the ones it may show, best first
PROGRESS_EVERY = 5


async def write_lines(
    brief: Brief,
    config: ModelConfig,
    policy: RetryPolicy,
    cache: AnswerCache | None,
    concurrency: int,
    message: Callable[[str], None],
) -> Brief:
    """The brief with a written line on each of the first WRITTEN_LINES claims the page may show."""
    assessed = assess(brief)
    chosen = [c for c in ranked_claims(brief, assessed) if assessed[c.id].on_page][:WRITTEN_LINES]
    if not chosen:
        return brief
    facts = {f.id: f for f in brief.facts}
    texts = {a.id: a.text for a in brief.articles}
    # the plainest member's words first: what the page would show without a written line
    sources = {c.id: _source_texts(spoken(c, facts, texts), facts) for c in chosen}
    clauses = {c.id: assessed[c.id].text for c in chosen}
    message(f"Lines: asking the model for {len(chosen)} neutral lines, each checked against its quotes")
    finished = 0

    def progress() -> None:  # the embedded model takes seconds a line: say how far it is
        nonlocal finished
        finished += 1
        if finished % PROGRESS_EVERY == 0 or finished == len(chosen):
            message(f"  wrote {finished} of {len(chosen)} lines")

    async with open_line_writer(config, policy, cache, concurrency) as writer:
        lines = await writer.write_all(list(sources.items()), progress)
    for failure in writer.report.failures:
        message(f"a line was not written: {failure}")
    written = {claim_id: _checked(line, sources[claim_id], clauses[claim_id]) for claim_id, line in lines.items()}
    claims = [c.model_copy(update={"written": written[c.id]}) if c.id in written else c for c in brief.claims]
    shown = sum(w.shown for w in written.values())
    message(f"Lines: {shown} of {len(written)} written lines shown; the review page says why each other one is not")
    return brief.model_copy(update={"claims": claims})


def _checked(line: str | None, sources: list[str], clause: str | None) -> WrittenLine:
    if line is None:
        return WrittenLine(text="", shown=False, refused="the model's call failed")
    why = refusal(line, sources, clause)
    return WrittenLine(text=line, shown=why is None, refused=why)


def _source_texts(claim: Claim, facts: dict[str, GroundedFact]) -> list[str]:
    """The words a claim's line is written from and checked against: for each of its first QUOTES_PER_LINE
    articles, its first fact's quote, or the code's reading of it in its sentence (the source's words around a
    part's quote, which alone may be a fragment). Never a model's statement. Unlike matching.run.reading, a
    condition's, an example's or a dated subject's part is read in its sentence here too: a line states a whole
    fact, where the judge compares just what the part says."""
    texts: dict[str, str] = {}
    for fact in (facts[i] for i in claim.fact_ids):
        if fact.article_id not in texts and len(texts) < QUOTES_PER_LINE:
            read_by_code = fact.added is not None or fact.split_from is not None
            texts[fact.article_id] = fact.fact.statement if read_by_code else fact.quote
    return list(texts.values())
