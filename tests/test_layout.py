"""Compose: sections and ranking on plain data; the fitting loop keeps the PDF to one A4 page."""

from __future__ import annotations

import io
import random
from datetime import date

import pytest
from pypdf import PdfReader

from briefing.inputs.sources import parse_article
from briefing.model.calls import RetryPolicy
from briefing.model.config import ModelConfig
from briefing.models import Article, ArticleReport, Brief, FactKind, Sentence
from briefing.page.assess import assess, garbled_statements, ranked_claims
from briefing.page.fit import FONT_BASE_PT, FONT_FLOOR_PT, fit_one_page
from briefing.page.layout import compose, droppable_count
from briefing.page.render import render_markdown, render_print_html
from briefing.pipeline import assemble, build_brief
from briefing.text.furniture import not_a_fact
from briefing.text.reading import garbled

from .conftest import sentence_facts
from .fake_openai import FakeOpenAI


def brief_of(texts: dict[str, list[str]]) -> Brief:
    """A cross-checked Brief whose facts are every sentence of the given articles (name -> sentences)."""
    articles, facts = [], []
    for name, sentences in texts.items():
        article = parse_article("---\npublished: 2025-11-04\n---\n" + "\n".join(sentences) + "\n", f"{name}.txt")
        articles.append(article)
        facts.extend(sentence_facts(article))
    reports = [ArticleReport(article_id=a.id) for a in articles]
    return assemble(articles, facts, [], reports, ModelConfig(model="m", base_url=None, api_key="k"))


SMALL = brief_of({
    "a": ["The port strike began yesterday.", "About 1,400 dock workers walked out.", "The mayor urged calm."],
    "b": ["The port strike began on Monday.", "Some 1,200 dock workers walked out.", "A ferry was delayed."],
})  # fmt: skip


def test_bottom_line_takes_the_best_corroborated_claims() -> None:
    ranked = ranked_claims(SMALL)
    assert ranked[0].independent == 2 and "strike began" in ranked[0].statement
    page = compose(SMALL)
    assert page.sections[0].key == "bottom_line"
    assert [i.text for i in page.sections[0].items] == ["The port strike began yesterday."]


def test_sections_hold_disputes_timeline_and_single_sources() -> None:
    sections = {s.key: s for s in compose(SMALL).sections}
    assert set(sections) == {"bottom_line", "disputed", "timeline", "single"}
    (dispute,) = sections["disputed"].items
    assert [value for value, *_ in dispute.sides] == ["Some 1,200", "About 1,400"]
    assert [i.date for i in sections["timeline"].items] == ["2025-11-03"]


def test_cutting_keeps_the_best_items_and_moves_the_rest_to_overflow() -> None:
    total = droppable_count(SMALL)
    page = compose(SMALL, keep=1)
    kept = [i for s in page.sections[1:] for i in s.items]
    assert len(kept) == 1 and kept[0].sides  # the dispute ranks first
    assert len(page.overflow) == total - 1
    assert [c.number for c in page.on_page()] == list(range(1, len(page.on_page()) + 1))


def _sentence(seed: int, words: int) -> str:
    """A sentence of made-up words, different enough from every other that no two merge."""
    rng = random.Random(seed)
    made_up = ["".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(words)]
    return " ".join(made_up).capitalize() + "."


def test_a_long_brief_is_cut_to_one_a4_page() -> None:
    long = brief_of({f"s{n}": [_sentence(n * 10 + k, 12) for k in range(3)] for n in range(40)})
    page, pdf, font = fit_one_page(long)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert len(page.overflow) > 0 and font == FONT_BASE_PT


def test_type_shrinks_only_when_the_fewest_items_do_not_fit() -> None:
    wordy = brief_of({f"w{n}": [_sentence(1000 + n, 55)] for n in range(30)})
    _page, pdf, font = fit_one_page(wordy)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert FONT_FLOOR_PT <= font < FONT_BASE_PT


def test_a_claim_from_many_articles_cites_five_and_counts_the_rest() -> None:
    figures = [1000] * 6 + [2000] * 2
    many = brief_of({
        f"outlet{n}": [f"Story {n} opens here.", "The port strike began yesterday.", f"About {f:,} workers struck."]
        for n, f in enumerate(figures)
    })  # fmt: skip
    page = compose(many)
    lines = [i for s in page.sections for i in s.items if i.text == "The port strike began yesterday."]
    assert lines and all(len(i.citations) == 5 and i.uncited == 3 for i in lines)  # bottom line and timeline
    assert lines[0].note.startswith("8 sources")
    assert "+3 more" in render_markdown(page, many)
    conflicts, capped = {c.id: c for c in many.conflicts}, False
    for dispute in [i for s in page.sections for i in s.items if i.sides]:
        for (_, numbers, more), side in zip(dispute.sides, conflicts[dispute.key].sides, strict=True):
            assert len(numbers) <= 5 and len(numbers) + more == len(side.article_ids)
            capped = capped or more > 0
    assert capped  # the side of six articles cites five


# --- only facts make the page: questions, advice, page lines and opinion are kept apart ---------------------------


@pytest.mark.parametrize(
    ("text", "span", "why"),
    [
        ("Will the Orrin harbour reopen before winter?", None, "a question"),
        ("The mayor asked: \u201cWill the Orrin harbour reopen before winter?\u201d", None, None),
        ('"Will it reopen?" the mayor asked the harbour board.', None, None),
        ("If you sail from Orrin this week, carry proof of booking.", None, "advice to the reader"),
        ("\u201cYou will not close our port,\u201d the mayor told the board.", None, None),
        ("You will not close our port,\u201d the mayor told the board.", None, None),  # a quote begun before
        ("Make sure your ferry ticket shows the new berth.", None, "advice to the reader"),
        ("Checks at the harbour gate were tightened on Monday.", None, None),
        ("Check-in desks at Orrin airport closed on Monday.", None, None),
        ("Pro Tip: Book the early ferry from Orrin.", None, "a box for readers"),
        ("Expert Insight: Harbour strikes rarely last a month.", None, "a box for readers"),
        ("Update: The harbour board closed berth four.", None, None),
        ("This page was last updated on 3 November 2025 at 09:10.", None, "about the page, not the story"),
        ("Harbour closures explained, 4 min read.", None, "about the page, not the story"),
        ("First published on 2 November 2025.", None, "about the page, not the story"),
        ("The account, first published by the Orrin Gazette, was denied.", None, None),
        ("The travel advice, last updated in June, warns of strikes.", None, None),
        ("The board closed berth four, and if you sail this week, expect delays.", (0, 27), None),
        ("The board closed berth four, and if you sail this week, expect delays.", (33, 70), "advice to the reader"),
        ("The harbour board closed berth four on Monday.", None, None),
    ],
    ids=["question", "quoted-question", "quoted-question-straight", "second-person", "quoted-you",
         "quoted-you-continued", "imperative", "checks-is-no-imperative", "check-in-is-no-imperative", "pro-tip",
         "expert-insight", "update-label", "last-updated", "min-read", "first-published", "first-published-news",
         "last-updated-news", "fact-part-of-advice", "advice-part", "fact"],
)  # fmt: skip
def test_what_the_text_shows_is_no_reported_fact(text: str, span: tuple[int, int] | None, why: str | None) -> None:
    assert not_a_fact(text, span) == why


@pytest.mark.parametrize(
    ("statement", "quote", "why"),
    [
        ("The mayor confirmed he held a", "The mayor confirmed he held a call.", "ends on \u201ca\u201d"),
        ("Ruiz said the bridge was \u201cclosed", "Ruiz said the bridge was \u201cclosed for good.\u201d",
         "ends inside a quotation"),
        ('Ruiz said the bridge was closed for good."', 'Ruiz said the bridge was "closed for good."',
         "unbalanced quotation marks"),
        ("The board closed", "The board closed berth four.", "a fragment"),
        ("The envoy met the mayor of Orrin,", "The envoy met the mayor of Orrin, then left.", "cut off"),
        ("Is the port closed?", "The port is closed.", "a question"),
        ("The U. S. envoy met the mayor of Orrin.", "The U.S. envoy met the mayor of Orrin.",
         "respells \u201cU.S.\u201d as \u201cU. S.\u201d"),
        ("Delcy Rodr \u00edguez was sworn in on Monday.", "Delcy Rodr\u00edguez was sworn in on Monday.",
         "respells \u201cRodr\u00edguez\u201d as \u201cRodr \u00edguez\u201d"),
        ("He gave in to the union on Monday.", "He gave into the union on Monday.", None),
        ("Ruiz said the bridge was \u201cclosed for good.\u201d", "the bridge was \u201cclosed for good", None),
        ("The harbour board stepped down on Monday.", "The harbour board stepped down on Monday.", None),
    ],
    ids=["ends-on-a", "open-quotation", "unbalanced", "fragment", "trailing-comma", "question", "initials",
         "split-accented-word", "in-to-is-a-spelling", "whole", "particle-ending"],
)  # fmt: skip
def test_a_statement_is_shown_only_when_whole(statement: str, quote: str, why: str | None) -> None:
    assert garbled(statement, quote) == why


def numbered(name: str, sentences: list[str]) -> Article:
    """An article whose every line is a numbered sentence, as it reaches compose when no cleaner set a line apart
    (compose must hold even then: it is the last stage before the page)."""
    text, spans, at = "\n".join(sentences), [], 0
    for n, sentence in enumerate(sentences, start=1):
        spans.append(Sentence(id=f"S{n}", start=at, end=at + len(sentence), paragraph=n))
        at += len(sentence) + 1
    return Article(id=name, path=f"{name}.txt", published=date(2025, 11, 4), text=text, blocks=[], sentences=spans,
                   content_hash=name)  # fmt: skip


def fixture_brief(*, statements: dict[str, str] | None = None, opinions: tuple[str, ...] = ()) -> Brief:
    """Two articles of our own about a harbour closure, with a question, advice, a page line and opinion; every
    sentence a fact (its statement replaced where `statements` says, its kind opinion where `opinions` says)."""
    texts = {
        "gazette": ["Will the Orrin harbour reopen before winter?",
                    "The harbour board closed berth four on Monday after a crane collapsed.",
                    "Make sure your ferry ticket shows the new berth.",
                    "This page was last updated on 3 November 2025 at 09:10.",
                    "The closure is a sign of years of neglect by the harbour board."],
        "courier": ["The harbour board closed berth four on Monday after a crane collapsed.",
                    "Harbour master Ines Varga said the repairs would take six weeks.",
                    "In my view the board has lost the trust of the whole town."],
    }  # fmt: skip
    articles, facts = [], []
    for name, sentences in texts.items():
        article = numbered(name, sentences)
        articles.append(article)
        for fact in sentence_facts(article):
            update = {"kind": FactKind.OPINION} if fact.quote in opinions else {}
            if fact.quote in (statements or {}):
                update["statement"] = (statements or {})[fact.quote]
            facts.append(fact.model_copy(update={"fact": fact.fact.model_copy(update=update)}))
    reports = [ArticleReport(article_id=a.id) for a in articles]
    return assemble(articles, facts, [], reports, ModelConfig(model="m", base_url=None, api_key="k"))


OPINIONS = ("The closure is a sign of years of neglect by the harbour board.",
            "In my view the board has lost the trust of the whole town.")  # fmt: skip
NOT_FACTS = ("Will the Orrin", "Make sure", "last updated")


def test_questions_advice_and_page_lines_never_reach_the_page_and_are_labelled_in_overflow() -> None:
    page = compose(fixture_brief(opinions=OPINIONS))
    shown = [item.text for section in page.sections for item in section.items]
    assert shown and not [text for text in shown if any(words in text for words in NOT_FACTS)]
    labelled = {i.text: i.note for i in page.overflow if "not a reported fact" in i.note}
    assert sorted(note.split("not a reported fact: ")[1] for note in labelled.values()) == [
        "a question", "about the page, not the story", "advice to the reader"
    ]  # fmt: skip
    assert "3 questions, asides or page lines left off" in page.summary


def test_opinion_has_its_own_section_after_the_reported_facts() -> None:
    page = compose(fixture_brief(opinions=OPINIONS))
    keys = [s.key for s in page.sections]
    assert keys[-1] == "opinion" and page.sections[-1].title == "Analysis and opinion"
    assert sorted(i.text for i in page.sections[-1].items) == sorted(OPINIONS)
    for section in page.sections[:-1]:
        assert not any(i.text in OPINIONS for i in section.items)


def test_reported_facts_rank_before_opinion_and_opinion_is_cut_first() -> None:
    brief = fixture_brief(opinions=OPINIONS)
    assessed = assess(brief)
    shown = [c for c in ranked_claims(brief) if assessed[c.id].on_page]
    assert len(shown) == len(brief.claims) - len(NOT_FACTS)
    kinds = [c.kind == FactKind.OPINION for c in shown]
    assert kinds == sorted(kinds) and any(kinds)  # every reported fact before any opinion
    page = compose(brief, keep=droppable_count(brief) - len(OPINIONS))
    assert "opinion" not in [s.key for s in page.sections]
    assert {i.text for i in page.overflow} >= set(OPINIONS)


def test_a_garbled_statement_shows_its_verified_quote_and_is_counted() -> None:
    quote = "Harbour master Ines Varga said the repairs would take six weeks."
    brief = fixture_brief(statements={quote: "Harbour master Ines Varga said the repairs would take a"})
    page = compose(brief)
    (item,) = [i for s in page.sections for i in s.items if "Varga" in i.text]
    assert item.text == quote
    assert "shown as quoted: the model's statement was garbled (ends on \u201ca\u201d)" in item.note
    assert list(garbled_statements(brief).values()) == ["ends on \u201ca\u201d"]
    assert "1 garbled statements shown as quoted or left off" in page.summary


def test_a_statement_with_unsupported_details_shows_its_quote() -> None:
    quote = "Harbour master Ines Varga said the repairs would take six weeks."
    brief = fixture_brief(statements={quote: "Harbour master Ines Varga said the repairs would take 9 weeks."})
    (item,) = [i for s in compose(brief).sections for i in s.items if "Varga" in i.text]
    assert item.text == quote and "unsupported: 9" in item.note and "shown as quoted" in item.note


def test_quoted_words_cut_from_their_speaker_are_left_off() -> None:
    article = parse_article("The mayor told the board: \u201cYou will not close our port.\u201d\n", "speech.txt")
    (whole,) = sentence_facts(article)
    cut = "You will not close our port"
    start = article.text.index(cut)
    raw = whole.fact.model_copy(update={"statement": cut, "quote": cut})
    fact = whole.model_copy(update={"fact": raw, "start": start, "end": start + len(cut), "quote": cut})
    brief = assemble([article], [fact], [], [ArticleReport(article_id=article.id)], ModelConfig("m", None, "k"))
    page = compose(brief)
    assert not [i for s in page.sections for i in s.items]
    (left,) = page.overflow
    assert "someone's quoted words without who said them" in left.note


def test_one_fact_repeated_in_one_article_is_one_item() -> None:
    brief = fixture_brief()
    claim = next(c for c in brief.claims if "Varga" in c.statement)
    fact = next(f for f in brief.facts if f.id == claim.fact_ids[0])
    again = fact.model_copy(update={"id": fact.id + "-again", "fact": fact.fact.model_copy(
        update={"statement": "Ines Varga, the harbour master, expects six weeks of repairs."})})  # fmt: skip
    twice = brief.model_copy(update={
        "facts": [*brief.facts, again],
        "claims": [*brief.claims, claim.model_copy(update={"id": "C99", "fact_ids": [again.id],
                                                           "statement": again.fact.statement})],
    })  # fmt: skip
    on_page = [i for s in compose(twice).sections for i in s.items if "Varga" in i.text]
    assert len(on_page) == 1
    (repeat,) = [i for i in compose(twice).overflow if "Varga" in i.text]
    assert "one fact counts once" in repeat.note


def test_a_careless_model_puts_no_question_advice_or_page_line_on_the_page() -> None:
    """Through the loopback test server, which states every numbered sentence as a fact (kind "event")."""
    text = "\n\n".join([
        "Will the Orrin harbour reopen before winter?",
        "The harbour board closed berth four on Monday after a crane collapsed. Harbour master Ines Varga said "
        "the repairs would take six weeks.",
        "If you sail from Orrin this week, carry proof of booking. Make sure your ferry ticket shows the new berth.",
        "This page was last updated on 4 November 2025 at 09:10.",
    ])  # fmt: skip
    articles = [parse_article("---\npublished: 2025-11-04\n---\n" + text + "\n", "orrin.txt")]
    with FakeOpenAI() as fake:
        config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10.0)
        brief = build_brief(articles, model=config, retry=RetryPolicy(transport_attempts=2, reasks=0), judge=False)
    page = compose(brief)
    shown = [i.text for s in page.sections if s.key != "opinion" for i in s.items]
    assert any("berth four" in t for t in shown)
    assert not [t for t in shown if "?" in t or "you" in t.lower().split() or "updated" in t or "Make sure" in t]
    assert not [i for s in page.sections if s.key == "timeline" for i in s.items if "updated" in i.text]


def test_the_opinion_section_says_what_it_holds_in_every_output() -> None:
    brief = fixture_brief(opinions=OPINIONS)
    page = compose(brief)
    caption = "The writers' own analysis and judgement, not reported facts."
    assert f"## Analysis and opinion\n\n*{caption}*\n" in render_markdown(page, brief)
    assert f'<p class="caption">{caption}</p>' in render_print_html(page, FONT_BASE_PT)


def test_a_claim_whose_sources_disagree_on_a_detail_is_no_bottom_line_and_says_so() -> None:
    walkout = [c for c in SMALL.claims if "walked out" in c.statement]
    assert len(walkout) == 2  # the two counts, kept apart by merge's rules
    joined = SMALL.claims[0].model_copy(update={
        "id": "C9", "statement": walkout[0].statement, "fact_ids": walkout[0].fact_ids + walkout[1].fact_ids,
        "article_ids": walkout[0].article_ids + walkout[1].article_ids, "independent": 2,
        "disputes": [SMALL.conflicts[0].id],
    })  # fmt: skip
    brief = SMALL.model_copy(update={"claims": [c for c in SMALL.claims if c not in walkout] + [joined]})
    page = compose(brief)
    assert all("walked out" not in item.text for item in page.sections[0].items)
    shown = [item for section in page.sections for item in section.items if item.key == "C9"]
    assert shown and "they disagree on a detail (X1)" in shown[0].note


def test_a_few_single_source_facts_an_editor_needs_rank_among_the_corroborated_lines() -> None:
    # ten facts two articles both state (in a word's difference: not copies), then single-source ones: a lead with a
    # figure, and a plain later sentence
    places = [("Dunmore", "north"), ("Brask", "south"), ("Estermouth", "east"), ("Varn", "west"), ("Kell", "inner"),
              ("Ostby", "outer"), ("Lund", "upper"), ("Tarr", "lower"), ("Hale", "main"), ("Mosk", "old"),
              ("Pell", "far"), ("Rinn", "near")]
    brief = brief_of({
        "a": ["The harbour board fined the ferry firm 40,000 euros.",
              *(f"The {name} port reopened its {gate} gate." for name, gate in places),
              "Gulls nested on the old crane."],
        "b": ["A storm delayed the morning ferry.",
              *(f"The {name} port reopened the {gate} gate." for name, gate in places)],
    })  # fmt: skip
    plan = compose.__globals__["_plan"](brief)
    ranked = [e.claim.id for e in plan.droppable if e.claim]
    fine = next(c.id for c in brief.claims if "40,000" in c.statement)
    gulls = next(c.id for c in brief.claims if "Gulls" in c.statement)
    corroborated = [r for r in ranked if next(c for c in brief.claims if c.id == r).independent >= 2]
    assert len(corroborated) >= 8
    # the lead with a figure ranks before the last corroborated lines; the plain later sentence after all of them
    assert ranked.index(fine) < ranked.index(corroborated[-1]) < ranked.index(gulls)
    line = next(i for s in compose(brief).sections for i in s.items if i.key == fine)
    assert line.note.startswith("1 source")


def test_a_single_source_line_is_on_the_page_only_when_checkable() -> None:
    brief = brief_of({
        "a": ["The ferry strike ended on Monday.", "The mood in the harbour has soured badly.",
              "Captain Ruiz docked the last ferry.", "Ferry fares after the strike rose to 40 euros."],
        "b": ["The ferry strike ended on Monday."],
    })  # fmt: skip
    read = {"The mood": [], "Captain Ruiz": ["ruiz"], "Ferry fares": []}  # as the parse would read the subjects
    facts = [f.model_copy(update={"doers": next((v for k, v in read.items() if f.quote.startswith(k)), None)})
             for f in brief.facts]  # fmt: skip
    page = compose(brief.model_copy(update={"facts": facts}))
    shown = [i.text for s in page.sections for i in s.items]
    # a doer named, or a figure: checkable; a subject that names no one and no detail: the review page only
    assert "Captain Ruiz docked the last ferry." in shown and "Ferry fares after the strike rose to 40 euros." in shown
    (mood,) = [i for i in page.overflow if i.text.startswith("The mood")]
    assert "names no one who did it" in mood.note and mood.note.startswith("1 source")


def test_corroborated_claims_sit_under_what_they_are_events_statements_and_numbers() -> None:
    stories = {"The ferry union voted to strike.": FactKind.EVENT, "The mayor said the port must stay open.":
               FactKind.STATEMENT, "Ferry fares rose by 12 per cent.": FactKind.NUMBER,
               "The union demands a new contract.": FactKind.DEMAND, "Ferry traffic fell by 40 per cent.":
               FactKind.NUMBER, "The port reopened two ferry berths.": FactKind.EVENT, "The harbour sold 900 season "
               "tickets.": FactKind.NUMBER, "The ferry firm hired 30 crew.": FactKind.EVENT}  # fmt: skip
    # the second article words each a little differently: two sources, not copies of one story
    brief = brief_of({"a": list(stories), "b": [text.replace(".", " again.") for text in stories]})
    kind_of = {**stories, **{text.replace(".", " again."): kind for text, kind in stories.items()}}
    kinds = [c.model_copy(update={"kind": kind_of[c.statement]}) for c in brief.claims]
    page = compose(brief.model_copy(update={"claims": kinds}))
    after = {s.key: [kind_of[i.text] for i in s.items] for s in page.sections if s.key != "bottom_line"}
    # after the bottom line, every line under what it is: no catch-all
    assert set(after) <= {"happened", "positions", "numbers"} and after.get("numbers")
    assert set(after["numbers"]) == {FactKind.NUMBER}
    assert set(after.get("positions", [])) <= {FactKind.STATEMENT, FactKind.DEMAND}
    assert set(after.get("happened", [])) <= {FactKind.EVENT}
