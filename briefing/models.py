"""Every data type that crosses a stage boundary. `schemas/` is generated from these models."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Caps bound what a small model can emit: without them it may loop until its context fills.
MAX_FACTS_PER_CHUNK = 16  # atomic facts: a sentence may state several
MAX_EVIDENCE_IDS = 2
MAX_ACTORS = 4
MAX_STATEMENT_CHARS = 400
MAX_QUOTE_CHARS = 500
LABEL_MAX_CHARS = 90
RuleT = TypeVar("RuleT", bound=StrEnum)
MAX_KEPT_APART = 1000  # MatchingReport.kept_apart lists the closest pairs only: a review, not a dump


class StrictModel(BaseModel):
    """Base model: unknown fields are an error, never silently kept."""

    model_config = ConfigDict(extra="forbid")


class BlockKind(StrEnum):
    BODY = "body"
    HEADING = "heading"  # a heading or headline (a question standing as one included): never a statement
    BOILERPLATE = "boilerplate"
    METADATA = "metadata"  # a line about the page itself (updated, published, reading time)
    ASIDE = "aside"  # addressed to the reader: tips, expert boxes, FAQ questions and answers, advice
    QUARANTINED = "quarantined"  # addresses a model ("ignore previous instructions"): set apart whole


class Block(StrictModel):
    """A line or paragraph of the source text and what the cleaner decided it is.

    Attributes:
        start, end: char offsets into `Article.text`.
        kind: body text is split into sentences; no other kind is ever numbered, so it never reaches a model.
        reason: why a block is not body text (shown to editors so they can check what was set apart).
    """

    start: int
    end: int
    kind: BlockKind
    reason: str | None = None


class Sentence(StrictModel):
    """A numbered sentence of body text; `Article.text[start:end]` is its exact text."""

    id: str = Field(pattern=r"^S[0-9]+$")
    start: int
    end: int
    paragraph: int
    language: str | None = Field(
        default=None, description="ISO 639-1, only where the sentence reads as another language than its article's"
    )


class Dateline(StrictModel):
    """A dateline opening a paragraph ("Dec 1 (Reuters) -"): the text from it to the next dateline is dated by it.

    Attributes:
        start: char offset in `Article.text` of the paragraph it opens.
        text: the dateline as written, up to the agency ("Dec 1 (Reuters)").
        origin: the agency it credits.
        published: its day; None when it names no year and the page states no date to read it against
            (then relative dates in its text stay unresolved: never a guessed year).
        basis: how the day was read, for editors ("names its year", "read against the page's date 2025-12-02").
    """

    start: int
    text: str
    origin: str
    published: date | None = None
    basis: str


class Article(StrictModel):
    """One source article: its text as read (newlines normalized), its blocks and its numbered sentences.

    Attributes:
        published_from: where the publication date was found (front matter, a line of the text, a dateline).
        origin: the agency a dateline credits ("Dec 1 (Reuters) -"): copies of one wire story share it. None on a
            digest page whose snippets credit different agencies.
        datelines: the datelines that open paragraphs, in text order; on a digest page each snippet has its own.
    """

    id: str
    path: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    published_from: str | None = None
    origin: str | None = None
    text: str
    blocks: list[Block]
    sentences: list[Sentence]
    content_hash: str
    datelines: list[Dateline] = Field(default_factory=list)
    language: str | None = Field(default=None, description="ISO 639-1 code of the article's language")
    language_from: str | None = Field(
        default=None, description="where the language came from: the front matter, or the detector and its confidence"
    )

    @property
    def label(self) -> str:
        """The title, or for an untitled article its first sentence, shortened: how people recognise it."""
        if self.title:
            return self.title
        first = self.sentence_text(self.sentences[0]) if self.sentences else self.path
        return first if len(first) <= LABEL_MAX_CHARS else first[:LABEL_MAX_CHARS].rsplit(" ", 1)[0] + "\u2026"

    def sentence(self, sentence_id: str) -> Sentence | None:
        """The sentence with this ID, or None."""
        return next((s for s in self.sentences if s.id == sentence_id), None)

    def sentence_text(self, sentence: Sentence) -> str:
        """The exact text of one sentence."""
        return self.text[sentence.start : sentence.end]

    def date_at(self, offset: int) -> date | None:
        """The date the text at `offset` was published: that of the last dateline before it, else the article's.
        Relative dates ("on Wednesday") are read against this, and only this: None leaves them unresolved."""
        dateline = next((d for d in reversed(self.datelines) if d.start <= offset), None)
        return dateline.published if dateline else self.published

    def date_of(self, sentence: Sentence) -> date | None:
        """The publication date of the text a sentence stands in (its snippet's, on a digest page)."""
        return self.date_at(sentence.start)


class FactKind(StrEnum):
    EVENT = "event"
    STATEMENT = "statement"
    DEMAND = "demand"
    POSITION = "position"
    NUMBER = "number"
    BACKGROUND = "background"
    OPINION = "opinion"


class ModelFact(StrictModel):
    """A fact as the model writes it: a statement and the IDs of the sentences that state it, nothing more.

    The model writes no quote and no list of names: the cited sentences are the quote (grounding cuts them to
    the words that state the fact) and the names are read from them, so no token is spent copying what the
    article already holds. `statement` comes first: the model writes it, then cites evidence.
    """

    statement: str = Field(min_length=1, max_length=MAX_STATEMENT_CHARS, description="One fact in one sentence.")
    kind: FactKind
    evidence: list[str] = Field(
        min_length=1, max_length=MAX_EVIDENCE_IDS, description="IDs of the sentences that state the fact."
    )


class RawFact(ModelFact):
    """A fact as extraction hands it to grounding: the model's fields, and a quote and names when the source of
    the facts gives them (a model of another build, a test); empty for the model's own facts."""

    actors: list[str] = Field(default_factory=list, max_length=MAX_ACTORS, description="People or bodies named.")
    quote: str = Field(default="", max_length=MAX_QUOTE_CHARS, description="Words copied from the cited sentence.")


class Extraction(StrictModel):
    """The model's whole answer for one chunk of an article."""

    facts: list[ModelFact] = Field(max_length=MAX_FACTS_PER_CHUNK)


class MatchStatus(StrEnum):
    """How a grounded fact's evidence was found in its article."""

    EXACT = "exact"  # the model's quote occurs verbatim
    NORMALIZED = "normalized"  # it occurs once spacing, quotes, dashes, case and accents are folded
    FUZZY = "fuzzy"  # it aligns with a source span above the fuzzy threshold
    SENTENCE = "sentence"  # the quote could not be placed; the cited (or best-covering) sentence is the evidence
    CITED = "cited"  # no quote was written (the model cites sentence IDs only): the cited sentences, cut to the
    # words that state the fact, are the evidence


class FactLine(StrictModel):
    """A fact's line for the page: article.text[start:end], inside its quote, and what was cut from the quote."""

    start: int
    end: int
    cuts: list[str] = Field(default_factory=list, max_length=8)
    source: str | None = Field(
        default=None, description="the attribution cut from the line's opening, shown beside the line as its source"
    )


class GroundedFact(StrictModel):
    """A fact whose evidence is a verified span of its article.

    Attributes:
        quote: always `article.text[start:end]`, verbatim from the source, whatever the model wrote.
        match: how the model's own quote was located.
        support: share of the statement's content words found in the quote (0..1).
        realigned: the evidence is not the sentence the model cited (its IDs are off at times).
        split_from: set when the code split a multi-clause sentence the model stated whole (see atomize.py).
    """

    id: str
    article_id: str
    fact: RawFact
    start: int
    end: int
    quote: str
    sentence_ids: list[str]
    match: MatchStatus
    support: float
    realigned: bool = False
    split_from: str | None = Field(
        default=None, description="the model's fact this one was split from: it stated a multi-clause sentence whole"
    )
    part: str | None = Field(
        default=None,
        description="for a fact split from its sentence, how it was cut out: main, clause, item, relative, adverbial, "
        "participle, example, condition, dated (an event with its date) or attribution (who says it; such a part "
        "corroborates nothing)",
    )
    added: str | None = Field(
        default=None, description="why the code added this fact: a sentence the model stated no fact of"
    )
    commentary: str | None = Field(
        default=None,
        description="why the quote reads as the writer's own reading (analysis, speculation, a condition) rather "
        "than a reported fact; such a fact joins no claim of another article",
    )
    doers: list[str] | None = Field(
        default=None,
        description="who the quote's grammatical subject names (actor keys, as the parse resolves them): who did "
        "what it says; empty when it names nobody (\"the turmoil\", \"officials\"); None when no parse read it",
    )
    line: FactLine | None = Field(
        default=None,
        description="the quote less the framing the parse can see (a lead-in, a dateline, a trailing comment): what "
        "the page shows of it, with each cut named",
    )


class RejectionReason(StrEnum):
    """Why a fact was refused: it cites no sentence, no sentence states it, it is about another story, or its
    evidence is an instruction aimed at a model."""

    NO_EVIDENCE = "no_evidence"
    UNSUPPORTED = "unsupported"
    OFF_TOPIC = "off_topic"
    INSTRUCTION = "instruction"


class Rejection(StrictModel):
    """A fact the grounding stage refused, with the reason an editor can read."""

    article_id: str
    fact: RawFact
    reason: RejectionReason
    detail: str


class Verdict(StrEnum):
    """The model's answer on two quotes proposed as one fact."""

    SAME = "same"  # they state the same fact
    RELATED = "related"  # same story, different facts: never joined
    CONTRADICTS = "contradicts"  # they disagree on one fact: a conflict, labelled as judged by the model


class JoinRule(StrEnum):
    """Why two facts were joined into one claim."""

    SAME_SPAN = "same_span"  # one article's sentence, stated twice by the model
    SAME_STATEMENT = "same_statement"  # nearly the same words (token_sort_ratio)
    SAME_QUOTE = "same_quote"  # copies of one sentence
    SAME_FIGURE = "same_figure"  # the same figure or date about compatible actors in similar words
    SIMILAR = "similar"  # embeddings above the strict threshold, every guard passed (no judge needed)
    JUDGED = "judged"  # embeddings proposed it, every guard passed, the model judged it the same fact
    EDITOR = "editor"  # an editor joined the two facts (edits.yaml)


class ApartRule(StrEnum):
    """Why a proposed pair was kept apart (MatchingReport.kept_apart), or why two facts that state one fact could
    not share a claim (a dispute between two claims)."""

    VETOED = "vetoed"  # a guard forbade the join
    BELOW_STRICT = "below_strict"  # no verdict, under the strict similarity
    JUDGED = "judged"  # the model judged them apart
    REFUSED = "refused"  # the pair passed, but a claim it would join refused it
    # (its head judged another fact, a member's guard vetoed, or the claim holds another fact of that article)
    ONE_YES = "one_yes"  # "yes" in one order only, the quotes not close enough (briefs of before 2026-12)


class Guard(StrEnum):
    """The deterministic check that vetoed a pair (JoinBasis.veto): what the code, not the model, found."""

    SHARED_WORDS = "shared_words"  # too few content words in common beyond the story's common ones
    SUBJECT = "subject"  # the subjects name different actors, aliases resolved
    NEGATION = "negation"  # one side negated or denied, the other not
    MODALITY = "modality"  # one side hedged or hypothetical (could, may, if), the other stated as fact
    COMMENTARY = "commentary"  # one side is the writer's own reading, not a reported fact
    FIGURES = "figures"  # figures of different kinds (a head count against a sum of money)


class PairBasis(StrictModel, Generic[RuleT]):
    """The evidence for a decision on two facts, so an editor can see why two quotes count as one claim (and undo
    it) or why they were kept apart.

    Attributes:
        facts: the two facts.
        rule: the rule that decided.
        similarity: cosine of the two quotes' sentence embeddings (None when no embedder ran).
        score: the lexical score of a rule join (0..100), when a rule decided.
        guards: each guard's result in words ("subjects shared: ruiz", "figures compatible").
        verdict: the model's verdict, for a judged pair.
        answers: what the model answered in each order of the quotes, which the verdict is drawn from.
    """

    facts: list[str] = Field(min_length=2, max_length=2)
    rule: RuleT
    similarity: float | None = None
    score: float | None = None
    guards: list[str] = Field(default_factory=list)
    verdict: Verdict | None = None
    answers: list[str] = Field(
        default_factory=list, description="the judge's answers with the quotes in each order (A, B then B, A)"
    )
    veto: Guard | None = Field(default=None, description="the guard that kept the pair apart, if one did")
    disputes: list[str] = Field(
        default_factory=list,
        description="what the two quotes give differently though they state one fact (a figure, a date, an office, a "
        "deadline): the claim carries that dispute",
    )
    refused_by: str | None = Field(
        default=None, description="for a refused pair: the claim member (fact ID) whose check refused it"
    )


class JoinBasis(PairBasis[JoinRule]):
    """Why two facts were joined into one claim."""


class KeptApart(PairBasis[ApartRule]):
    """Why a proposed pair was kept apart, or why two facts that state one fact could not share a claim."""


class WrittenLine(StrictModel):
    """A neutral line a model wrote for a claim from its quotes, and whether the page shows it."""

    text: str = Field(description="the line as the model wrote it")
    shown: bool = Field(description="True when every name, number, date and content word of it is in the quotes")
    refused: str | None = Field(default=None, description="why it is not shown (a word not in the quotes ...)")


class Claim(StrictModel):
    """One statement with every grounded fact, across articles, that states it.

    Attributes:
        independent: sources once copies of one story (same wire origin, the same sentences) count once.
        unsupported: names, numbers or dates in the statement that none of its evidence contains; such a
            claim is never shown as confirmed.
        dates: the dates its evidence states, resolved against publication dates (ISO, or an interval).
    """

    id: str
    statement: str
    kind: FactKind
    fact_ids: list[str]
    article_ids: list[str]
    independent: int = 0
    unsupported: list[str] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)
    joins: list[JoinBasis] = Field(default_factory=list)
    disputes: list[str] = Field(
        default_factory=list,
        description="conflicts whose sides split this claim's own quotes (a figure, date or deadline they give "
        "differently): the sources agree on the fact, not on that detail",
    )
    written: WrittenLine | None = Field(
        default=None,
        description="a line a model wrote from the claim's quotes (with an endpoint): the page shows it only when "
        "the code finds all it says in them, else the clause of the member that states the claim most plainly",
    )

    @property
    def single_source(self) -> bool:
        """True when one independent source backs the claim (copies of one wire story count once)."""
        return self.independent <= 1


class ConflictKind(StrEnum):
    NUMBER = "number"
    DATE = "date"
    ROLE = "role"
    OUTCOME = "outcome"
    DEADLINE = "deadline"  # one fact (a joined claim) given different time frames: "within a week" vs "immediately"
    JUDGED = "judged"  # the model read the two quotes as contradicting each other; no rule found it


class ConflictSide(StrictModel):
    """One side of a disagreement: the value, and every fact and verbatim quote that gives it."""

    value: str
    fact_ids: list[str]
    article_ids: list[str]
    quotes: list[str]


class Conflict(StrictModel):
    """Sources that give incompatible values for the same subject and attribute."""

    id: str
    kind: ConflictKind
    subject: str
    attribute: str
    sides: list[ConflictSide] = Field(min_length=2)
    basis: JoinBasis | KeptApart | None = Field(
        default=None, description="for a judged conflict: the pair and the verdict"
    )


class ArticleReport(StrictModel):
    """What happened to one article: requests, tokens and the fate of its facts."""

    article_id: str
    chunks: int = 0
    requests: int = 0
    cached_chunks: int = 0
    retries: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    prompt_seconds: float = Field(default=0.0, description="the server's time reading prompts (llama-server says)")
    generation_seconds: float = Field(default=0.0, description="the server's time generating answers")
    extracted: int = 0
    grounded: int = 0
    rejected: int = 0
    added: int = Field(
        default=0, description="sentences stated verbatim by the code: all of them by sentences, else the model's skips"
    )
    off_topic: int = 0
    error: str | None = None


class MatchingReport(StrictModel):
    """How same-fact matching ran: the embedder, the pairs proposed, vetoed and judged, and the judge's cost."""

    embedder: str | None = Field(default=None, description="None: no embedder, only the lexical rules joined")
    judge: bool = False
    proposed: int = 0
    vetoed: int = 0
    judged: int = 0
    judge_failed: int = 0
    joined: int = 0
    contradictions: int = 0
    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    prompt_read: int = Field(
        default=0, description="of the prompt tokens, those the server read (the rest came from its prompt cache)"
    )
    completion_tokens: int = 0
    prompt_seconds: float = Field(default=0.0, description="the server's time reading the judge's prompts")
    generation_seconds: float = Field(default=0.0, description="the server's time generating the judge's answers")
    analysis: int = Field(default=0, description="facts left out of matching as the writer's analysis")
    embed_seconds: float = 0.0
    judge_seconds: float = 0.0
    note: str | None = None
    kept_apart: list[KeptApart] = Field(
        default_factory=list,
        description="proposed pairs not joined, each with why (a guard, the judge's answers); the closest "
        f"{MAX_KEPT_APART:,}",
    )
    outcomes: dict[str, int] = Field(
        default_factory=dict,
        description="how many proposed pairs ended each way: joined, vetoed, judged apart, refused by a claim, ...",
    )


class Statements(StrEnum):
    """Who states the facts of a build."""

    MODEL = "model"  # the model states each fact of a chunk of sentences and cites them
    SENTENCES = "sentences"  # each body sentence as written, split at clause boundaries by the code; no model call


class ModelInfo(StrictModel):
    """Which model answered, and whether it stated the facts or only judged same-fact pairs; `endpoint` never
    carries credentials."""

    name: str
    endpoint: str
    embedded: bool
    statements: Statements = Statements.MODEL


class ChangeKind(StrEnum):
    """What happened to a claim or a dispute between a previous brief and this one."""

    REVISED = "revised"  # a figure, date or post stated differently now: both values, both quotes
    NEW_CONFLICT = "new_conflict"  # sources disagree where the previous brief showed no such dispute
    RESOLVED_CONFLICT = "resolved_conflict"  # a dispute of the previous brief that no longer stands
    NEW = "new"  # a claim no source of the previous brief stated
    MORE_SOURCES = "more_sources"  # stated by more independent sources than before
    DROPPED = "dropped"  # a claim of the previous brief that no source states any more


class ChangeQuote(StrictModel):
    """A verbatim quote a change rests on.

    Attributes:
        article_id, fact_id: the IDs in the brief the quote comes from (this one, or the previous one).
        value: for a revision or a dispute, the value this quote gives.
        same_as: for a quote of the previous brief, the same fact in the same words in this brief (its article
            read again, or its new version), else None: the quote stands only in the previous brief.
    """

    quote: str
    article_id: str
    fact_id: str
    value: str | None = None
    same_as: str | None = None


class Change(StrictModel):
    """One entry of the change list, with the quotes on both sides and how old and new were linked.

    Attributes:
        text: what the page shows: the claim's statement (or its verified quote), or a dispute's subject.
        claim_id, conflict_id: in this brief; previous_claim_id, previous_conflict_id: in the previous one.
        before, after: a revision's old and new value.
        values: a dispute's values, one a side.
        quotes: this brief's quotes; previous_quotes: the previous brief's.
        basis: how a claim of the previous brief was recognised in this one (a join's rule and evidence).
    """

    kind: ChangeKind
    text: str
    claim_id: str | None = None
    previous_claim_id: str | None = None
    conflict_id: str | None = None
    previous_conflict_id: str | None = None
    attribute: str | None = None
    before: str | None = None
    after: str | None = None
    values: list[str] = Field(default_factory=list)
    quotes: list[ChangeQuote] = Field(default_factory=list)
    previous_quotes: list[ChangeQuote] = Field(default_factory=list)
    independent_before: int | None = None
    independent_now: int | None = None
    sources_before: int | None = None
    sources_now: int | None = None
    basis: list[JoinBasis] = Field(default_factory=list)
    note: str = ""


class Recognition(StrictModel):
    """A claim of the previous brief found again in other words or another article (not the same sentence of an
    article read again): the two quotes and the join that linked them (fact IDs of the previous brief carry the
    prefix "previous/")."""

    previous_claim_id: str
    claim_id: str
    previous_quote: str
    quote: str
    basis: JoinBasis


class ArticleRef(StrictModel):
    """An article of the previous brief, as its quotes are attributed."""

    id: str
    label: str
    path: str
    outlet: str | None = None
    published: date | None = None


class Changes(StrictModel):
    """What changed since a previous brief (`brief build --since`): the change list and what it was built from.

    Attributes:
        previous_articles: every article the previous brief read (its quotes name them).
        articles_added: this brief's articles the previous one did not read: only their text went to the model.
        articles_removed: the previous brief's articles not read this time.
        updated: a previous article's ID -> its new version's (same file name, changed text).
        recognised: claims of the previous brief found again in other words or other articles, and how.
        matching: how the previous brief's facts were matched to this one's (pairs proposed, judged).
    """

    previous_articles: list[ArticleRef]
    articles_added: list[str] = Field(default_factory=list)
    articles_removed: list[str] = Field(default_factory=list)
    updated: dict[str, str] = Field(default_factory=dict)
    changes: list[Change] = Field(default_factory=list)
    recognised: list[Recognition] = Field(default_factory=list)
    matching: MatchingReport | None = None

    def of(self, kind: ChangeKind) -> list[Change]:
        """The changes of one kind, in order."""
        return [change for change in self.changes if change.kind == kind]


class EditAction(StrEnum):
    """An editor's decision about facts or a claim (edits.yaml; README, "An editor's corrections")."""

    KEEP_APART = "keep_apart"  # two facts never share a claim
    JOIN = "join"  # two facts the matcher left apart are one claim
    NOT_A_FACT = "not_a_fact"  # the claim holding the fact leaves the page, kept in brief.json as rejected
    COMMENTARY = "commentary"  # the claim holding the fact moves to Analysis
    PIN = "pin"  # the claim holding the fact leads the page (Bottom line)
    HEADLINE = "headline"  # the editor's own wording for the claim's line, checked against its quotes


PAIR_ACTIONS = frozenset({EditAction.KEEP_APART, EditAction.JOIN})


class FactAddress(StrictModel):
    """A fact by what does not change from one build to the next: its article (file name or link) and its quote,
    the source's own words. The same sentence of the same article keeps its address when other sentences change."""

    article: str = Field(min_length=1, description="the article's file name (or its link) as the build read it")
    quote: str = Field(min_length=1, description="the fact's quote, verbatim from the article")


def article_key(path: str) -> str:
    """How an edit names an article: a link as it is, a file by its name (the folder it was read from may move)."""
    return path if path.startswith(("http://", "https://")) else path.replace("\\", "/").rsplit("/", 1)[-1]


class Edit(StrictModel):
    """One editor's decision: what, on which fact(s), who made it, when and why."""

    action: EditAction
    facts: list[FactAddress] = Field(min_length=1, max_length=2, description="two for keep_apart and join, else one")
    text: str | None = Field(default=None, description="headline only: the editor's wording for the line")
    by: str = Field(default="", description="who made it (free text)")
    at: str = Field(default="", description="when (ISO 8601, as the review page writes it)")
    why: str = Field(default="", description="the editor's reason")

    @model_validator(mode="after")
    def _shape(self) -> Edit:
        wanted = 2 if self.action in PAIR_ACTIONS else 1
        if len(self.facts) != wanted:
            raise ValueError(f"{self.action.value} takes {wanted} fact(s), got {len(self.facts)}")
        if (self.action == EditAction.HEADLINE) != bool(self.text and self.text.strip()):
            raise ValueError("a headline needs its text; no other edit takes one")
        return self


EDITS_VERSION = 1


class Edits(StrictModel):
    """edits.yaml: an editor's corrections, applied by every build given them (`--edits`, or OUT/edits.yaml)."""

    version: int = Field(default=EDITS_VERSION, ge=EDITS_VERSION, le=EDITS_VERSION)
    edits: list[Edit] = Field(default_factory=list)


class AppliedEdit(StrictModel):
    """What a build did with one edit: applied (and to what), or why not."""

    edit: Edit
    applied: bool
    basis: str = Field(description="what it changed, or why it no longer applies (its fact is gone ...)")
    fact_ids: list[str] = Field(default_factory=list, description="the facts its addresses found in this build")
    claim_id: str | None = Field(default=None, description="the claim it acts on (a claim-level edit)")


class Brief(StrictModel):
    """Everything a build found: the evidence graph behind every rendered output."""

    version: str
    model: ModelInfo
    articles: list[Article]
    facts: list[GroundedFact]
    rejections: list[Rejection]
    claims: list[Claim]
    reports: list[ArticleReport]
    conflicts: list[Conflict] = Field(default_factory=list)
    aliases: dict[str, str] = Field(default_factory=dict, description="folded name -> the corpus's full name")
    copies: list[list[str]] = Field(default_factory=list, description="groups of articles that are one story")
    topic: list[str] = Field(default_factory=list, description="the words that define the brief's topic")
    matching: MatchingReport | None = None
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage of the build")
    changes: Changes | None = Field(default=None, description="what changed since a previous brief (--since)")
    edits: list[AppliedEdit] = Field(
        default_factory=list, description="an editor's corrections (edits.yaml, --keep-apart) and what each did"
    )


# --- the page every output shows (compose -> render); plain data, not part of brief.json --------------------


@dataclass(frozen=True)
class Citation:
    """One numbered quote: the fact behind it and its article."""

    number: int
    fact: GroundedFact
    article: Article


class CitedSide(NamedTuple):
    """One side of a dispute on the page: the value its sources give, their citation numbers, and how many more
    articles give it than are cited."""

    value: str
    numbers: list[int]
    more: int


class EarlierQuote(NamedTuple):
    """A previous brief's quote beside a changed line: where it stood, and its citation number when the same fact
    is still cited."""

    quote: str
    where: str
    number: int | None


@dataclass(frozen=True)
class Item:
    """One line of the page. A dispute has sides (value, citations, articles not cited); a claim has text,
    citations, and the number of articles that also state it but are not cited on the page.

    Since a previous brief (--since), `change` labels what changed ("new", "revised: 31 → 44" ...), `change_kind`
    is its kind, and `earlier` holds the previous brief's quotes: (quote, where it stood, its citation
    number when the same fact is still cited).
    """

    key: str
    text: str
    citations: list[int]
    note: str = ""
    date: str | None = None
    sides: list[CitedSide] = field(default_factory=list)
    uncited: int = 0
    change: str = ""
    change_kind: ChangeKind | None = None
    earlier: list[EarlierQuote] = field(default_factory=list)
    cut: str = ""  # what the line cut from its quote, for the review page
    alternative: str = ""  # the other line of a claim a model wrote one for (the review page shows both)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: list[Item]
    caption: str = ""


@dataclass(frozen=True)
class Page:
    """What every output shows. `overflow` holds the items cut to fit one page, ranked."""

    title: str
    summary: str
    sections: list[Section]
    overflow: list[Item]
    citations: list[Citation]
    articles: list[Article]

    def on_page(self) -> list[Citation]:
        """The citations the page itself shows (overflow items are numbered after them)."""
        numbers = {n for section in self.sections for item in section.items for n in item.citations}
        numbers |= {n for section in self.sections for item in section.items for *_, n in item.earlier if n}
        return [c for c in self.citations if c.number in numbers]


SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "article": Article,
    "raw_fact": RawFact,
    "extraction": Extraction,
    "grounded_fact": GroundedFact,
    "rejection": Rejection,
    "brief": Brief,
    "conflict": Conflict,
    "changes": Changes,
    "edits": Edits,
}
