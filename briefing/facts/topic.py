"""The brief's topic and the facts that have nothing to do with it (other news embedded in a page). Pure.

The topic is given (`--topic`) or inferred: the words the articles' facts share most widely across articles.
Relevance is judged by paragraph, with context: a paragraph that meets none of the topic's words is off-topic
only when it stands in a run of two or more such paragraphs, or at the very start or end of its article (where
pages put other stories). A lone aside between paragraphs of the story ("Pickets gathered at the gate.") stays.
Facts resting only on off-topic paragraphs are left out as rejections that say so, and counted per article.
"""

from __future__ import annotations

from collections import Counter

from ..models import Article, GroundedFact, Rejection, RejectionReason
from ..text.normalize import content_words, is_number

TOPIC_TERMS = 25  # enough that a paragraph of the story meets one, few enough that another story does not


def _terms_of(text: str) -> list[str]:
    return [w.removesuffix("'s") for w in content_words(text) if not is_number(w) and len(w) > 2]


def topic_terms(facts: list[GroundedFact], topic: str | None = None) -> list[str]:
    """The topic's words: those of `topic`, else the words most widely shared across the articles' facts."""
    if topic:
        return list(dict.fromkeys(_terms_of(topic)))
    spread: Counter[str] = Counter()
    frequency: Counter[str] = Counter()
    by_article: dict[str, set[str]] = {}
    for fact in facts:
        terms = _terms_of(fact.quote)
        by_article.setdefault(fact.article_id, set()).update(terms)
        frequency.update(terms)
    for seen in by_article.values():
        spread.update(seen)
    # A word of the topic recurs: across articles when there are several, across facts when there is one.
    shared = [w for w in frequency if (spread[w] >= 2 if len(by_article) > 1 else frequency[w] >= 2)]
    return sorted(shared, key=lambda w: (-spread[w], -frequency[w], w))[:TOPIC_TERMS]


def off_topic_paragraphs(article: Article, terms: list[str]) -> set[int]:
    """Paragraph numbers of the article that are another story by the rule in the module docstring."""
    wanted = set(terms)
    paragraphs = sorted({s.paragraph for s in article.sentences})
    text = {p: " ".join(article.sentence_text(s) for s in article.sentences if s.paragraph == p) for p in paragraphs}
    misses = [p for p in paragraphs if not wanted & set(_terms_of(text[p]))]
    off: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        if paragraph not in misses:
            continue
        neighbours = paragraphs[max(0, index - 1) : index] + paragraphs[index + 1 : index + 2]
        at_edge = index in (0, len(paragraphs) - 1)
        if at_edge or any(n in misses for n in neighbours):
            off.add(paragraph)
    return off if len(off) < len(paragraphs) else set()  # an article wholly off the topic: the topic is wrong


def split_off_topic(
    articles: list[Article], facts: list[GroundedFact], terms: list[str]
) -> tuple[list[GroundedFact], list[Rejection]]:
    """Facts on the topic, and rejections for those whose every cited paragraph is off it."""
    off = {a.id: off_topic_paragraphs(a, terms) for a in articles}
    paragraph_of = {(a.id, s.id): s.paragraph for a in articles for s in a.sentences}
    kept: list[GroundedFact] = []
    rejected: list[Rejection] = []
    for fact in facts:
        paragraphs = {paragraph_of[(fact.article_id, sid)] for sid in fact.sentence_ids}
        if not terms or not paragraphs <= off.get(fact.article_id, set()):
            kept.append(fact)
            continue
        detail = f"its paragraph is about something else: no word of the topic ({', '.join(terms[:8])}, ...)"
        rejected.append(Rejection(article_id=fact.article_id, fact=fact.fact, reason=RejectionReason.OFF_TOPIC,
                                  detail=detail))  # fmt: skip
    return kept, rejected
