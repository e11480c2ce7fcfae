"""Seeded synthetic corpora for the deterministic-stage benchmark: n articles of ~20 facts about one event,
with entities, figures and dates overlapping across articles the way coverage of one story does."""

from __future__ import annotations

import random

from briefing.checks.crosscheck import CrossCheck, crosscheck
from briefing.facts.features import read_features
from briefing.facts.ground import ground_facts
from briefing.inputs.sources import parse_article
from briefing.matching.merge import merge_facts
from briefing.models import Article, ArticleReport, Brief, GroundedFact, ModelInfo, RawFact

PEOPLE = [f"{first} {last}" for first in ("Dana", "Marcus", "Lewis", "Priya", "Tom", "Ana", "Ellen", "Omar")
          for last in ("Okafor", "Hale", "Grant", "Nandakumar", "Reyes", "Kovac", "Marsh", "Haddad")]  # fmt: skip
ROLES = ["chief executive", "chairman", "general secretary", "spokesperson", "harbour master", "mayor"]
PLACES = ["Estermouth", "Pellham", "Carrow", "Dunmere", "Halden", "Ashby"]
NOUNS = ["workers", "ships", "lorries", "containers", "pickets", "officials"]
VERBS = ["said", "warned", "confirmed", "announced", "reported", "insisted"]
TOPICS = ["pay", "pensions", "safety", "shifts", "automation", "contracts", "overtime", "training"]
TEMPLATES = [
    "{person}, {role} of the {place} port authority, {verb} that {count} {noun} were affected by the dispute.",
    "About {count} {noun} gathered at {place} on {weekday} as talks on {topic} stalled.",
    "The union wants a {pct} per cent rise in {topic}, {person} {verb} on {weekday}.",
    "{person} {verb} the strike over {topic} had cost {place} about {money} million pounds so far.",
    "Talks between the two sides on {topic} are scheduled for November {day} in {place}.",
    "Port {role} {person} {verb} that {count} {noun} would return to work once the {topic} deal was signed.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentence(rng: random.Random) -> str:
    """One sentence of the story, with values drawn from small pools so that articles agree and disagree."""
    return rng.choice(TEMPLATES).format(
        person=rng.choice(PEOPLE), role=rng.choice(ROLES), place=rng.choice(PLACES), verb=rng.choice(VERBS),
        count=rng.choice([120, 1200, 1400, 31, 45, 300]), noun=rng.choice(NOUNS), weekday=rng.choice(WEEKDAYS),
        topic=rng.choice(TOPICS), pct=rng.choice([4, 6, 9]), money=rng.choice([2, 4, 5]), day=rng.choice([5, 6, 7]),
    )  # fmt: skip


def article_text(rng: random.Random, number: int, facts: int = 20) -> str:
    """An article: front matter, then paragraphs of two sentences."""
    lines = [f"---\ntitle: Story {number}\noutlet: Outlet {number % 40}\npublished: 2025-11-0{4 + number % 3}\n---"]
    sentences = [sentence(rng) for _ in range(facts)]
    lines += [" ".join(sentences[i : i + 2]) for i in range(0, facts, 2)]
    return "\n".join(lines) + "\n"


def corpus(n: int, seed: int = 7) -> list[str]:
    """The raw texts of n articles."""
    rng = random.Random(seed)
    return [article_text(rng, number) for number in range(n)]


def parse(texts: list[str]) -> list[Article]:
    return [parse_article(text, f"story{number}.txt") for number, text in enumerate(texts)]


def raw_facts(article: Article, rng: random.Random) -> list[RawFact]:
    """What a model would return: each sentence as a fact, its quote exact, re-spaced or slightly misspelt."""
    facts = []
    for s in article.sentences:
        text = article.sentence_text(s)
        quote = rng.choice([text, text.replace(" ", "  ", 1), text[:-1].replace("the", "teh", 1)])
        facts.append(RawFact(statement=text, kind="event", actors=[], evidence=[s.id], quote=quote))
    return facts


def all_raw_facts(articles: list[Article], seed: int = 11) -> list[list[RawFact]]:
    rng = random.Random(seed)
    return [raw_facts(a, rng) for a in articles]


def as_brief(articles: list[Article], facts: list[GroundedFact], checked: CrossCheck) -> Brief:
    """The Brief the pipeline would assemble from these stage results (no model, no rejections)."""
    return Brief(version="bench", model=ModelInfo(name="synthetic", endpoint="-", embedded=False),
                 articles=articles, facts=facts, rejections=[], claims=checked.claims,
                 reports=[ArticleReport(article_id=a.id) for a in articles], conflicts=checked.conflicts,
                 aliases=checked.aliases, copies=checked.copies)  # fmt: skip


def synthetic_brief(n: int) -> Brief:
    """A brief of n synthetic articles, every deterministic stage run once, untimed."""
    articles = parse(corpus(n))
    facts = [g for a, raw in zip(articles, all_raw_facts(articles), strict=True) for g in ground_facts(a, raw)[0]]
    features = read_features(facts, {a.id: a.published for a in articles})
    claims = merge_facts(facts, features)
    return as_brief(articles, facts, crosscheck(articles, facts, claims, features=features))


__all__ = ["GroundedFact", "all_raw_facts", "as_brief", "corpus", "parse", "synthetic_brief"]
