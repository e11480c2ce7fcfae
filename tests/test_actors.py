"""Who a subject names, and whether two subjects may be one actor: each rule with a sentence of our own
(tests/actor_story.py); countries from countryinfo's data, or from records invented here for the table's rules."""

from __future__ import annotations

import pytest

from briefing.model.gazetteer import load_gazetteer
from briefing.models import Article, FactKind, GroundedFact, MatchStatus, RawFact
from briefing.text.actors import GOVERNMENT, Who
from briefing.text.doers import Link, compatible, fact_actors, subject_actors, subject_resolution
from briefing.text.places import CountryRecord, Gazetteer, PlaceKind, build_gazetteer
from briefing.text.syntax import Parses

from .actor_story import build, locate

Story = tuple[Who, Parses, dict[str, Article]]


@pytest.fixture(scope="module")
def story() -> Story:
    return build()


def _subject(story: Story, name: str, phrase: str) -> frozenset[str] | None:
    who, parses, articles = story
    article, sentence, start, end = locate(articles, name, phrase)
    return subject_actors(parses[article, sentence], start, end, who, article)


# --- the country table ------------------------------------------------------------------------------------------

INVENTED = [
    CountryRecord("Norvia", ("NV", "NVA", "Republic of Norvia"), "Brask D.C.", "Norvish", ("NV", "NVA"), True, 9_000),
    CountryRecord("United Provinces", ("UP", "United Provinces of Ostland"), "Helm", "Ostish", ("UP",), True, 4_000),
    CountryRecord("Little Norvia", ("LN",), "Port Vell", "Norvish", ("LN",), True, 50),
    CountryRecord("Old Norvia", ("XN",), "Brask", "Old Norvish", ("NV",), False, 20_000),
]  # fmt: skip


@pytest.fixture(scope="module")
def invented() -> Gazetteer:
    return build_gazetteer(INVENTED)


@pytest.mark.parametrize(
    ("written", "country", "kind"),
    [
        ("Norvia", "norvia", PlaceKind.NAME),
        ("the Republic of Norvia", "norvia", PlaceKind.NAME),
        ("NV", "norvia", PlaceKind.CODE),
        ("N.V.", "norvia", PlaceKind.CODE),  # a code written with dots
        ("Ostland", "united provinces", PlaceKind.SHORT),  # the short form inside the long name
        ("Brask", "norvia", PlaceKind.CAPITAL),  # the capital without its district's letters
        ("Brask D.C.", "norvia", PlaceKind.CAPITAL),
        ("Norvish", "norvia", PlaceKind.DEMONYM),  # shared with a country a hundredth its size: the larger one's
    ],
    ids=["name", "long-name", "code", "code-with-dots", "short-form", "capital-abbreviated", "capital", "demonym"],
)
def test_the_table_names_a_country_by_each_of_its_names(
    invented: Gazetteer, written: str, country: str, kind: PlaceKind
) -> None:
    [place] = invented.lookup(written)
    assert (place.country, place.kind) == (country, kind)


def test_a_code_is_read_only_in_capitals_and_a_listed_country_goes_before_a_former_one(invented: Gazetteer) -> None:
    assert invented.lookup("nv") == frozenset()  # "us" is a pronoun, "US" a country
    assert {p.country for p in invented.lookup("NV")} == {"norvia"}  # not the former state that used the code


@pytest.mark.parametrize(
    ("written", "country"),
    [("US", "united states"), ("U.S.", "united states"), ("the United States", "united states"),
     ("America", "united states"), ("Washington", "united states"), ("American", "united states"),
     ("Accra", "ghana"), ("Ghanaian", "ghana"), ("Bogotá", "colombia"), ("Bogota", "colombia")],
    ids=["code", "dotted", "name", "short-form", "capital", "demonym", "capital-2", "demonym-2", "accent", "no-accent"],
)  # fmt: skip
def test_countryinfo_gives_the_names_news_uses(written: str, country: str) -> None:
    assert {p.country for p in load_gazetteer().lookup(written)} == {country}


# --- who a subject names ----------------------------------------------------------------------------------------

SUBJECTS = [
    # people
    ("harbour", "Marcus Hale, the port's chief executive, declined", {"marcus hale"}, "full-name"),
    ("harbour", "Mr Hale kept the port open", {"marcus hale"}, "honorific-surname"),
    ("wire", "Ms. Lind kept the levy", {"ana lind"}, "honorific-with-dot"),
    ("wire", "President Mensah rejected the request", {"efua mensah"}, "title-surname"),
    ("harbour", "Vice-President Tomás Núñez will chair", {"tomas nunez"}, "hyphenated-title"),
    ("wire", "Nunez will chair the talks", {"tomas nunez"}, "surname-without-accent"),
    ("digest", "Hale declined the offer", {"nina hale"}, "surname-in-its-own-article"),
    ("wire", "Mr Hale declined to comment", {"marcus hale", "nina hale"}, "surname-shared-by-two"),
    # countries and governments
    ("wire", "Accra rejected the fleet owners' request", {"ghana"}, "capital"),
    ("wire", "Ghana's government rejected", {"ghana"}, "country's-government"),
    ("wire", "The government of Ghana rejected", {"ghana"}, "government-of"),
    ("wire", "The administration in Accra rejected", {"ghana"}, "administration-in-capital"),
    ("wire", "The Ghanaian government rejected", {"ghana"}, "demonym-government"),
    ("wire", "The Mensah administration rejected", {"efua mensah"}, "leader's-administration"),
    ("wire", "Neither government commented", {GOVERNMENT}, "government-unnamed"),
    ("harbour", "Mensah and her government rejected", {"efua mensah"}, "leader-and-her-government"),
    ("abroad", "The United States offered", {"united states"}, "country-name"),
    ("abroad", "Washington offered", {"united states"}, "capital-2"),
    ("abroad", "America offered", {"united states"}, "short-form"),
    ("abroad", "The US offered", {"united states"}, "code"),
    ("abroad", "The American government offered", {"united states"}, "demonym-government-2"),
    # descriptions the articles tie to a person
    ("wire", "The Ghanaian leader rejected", {"efua mensah"}, "country's-leader"),
    ("wire", "Ghana's president turned down", {"efua mensah"}, "country's-president"),
    ("wire", "The chief executive declined", {"marcus hale"}, "office-by-apposition"),
    ("harbour", "The minister defended the levy", {"ana lind"}, "office-in-its-own-article"),
    ("digest", "The minister defended the levy", {"joel brandt"}, "office-in-its-own-article-2"),
    # bodies
    ("wire", "The union called a strike", {"harbour workers union"}, "body-by-its-noun"),
    # which clause's subject
    ("harbour", "The pay offer was rejected by Okafor", {"dana okafor"}, "passive-agent"),
    ("harbour", "Mensah is said to have asked", {"efua mensah"}, "raised-subject"),
    ("harbour", "led the walkout", {"dana okafor"}, "relative-pronoun"),
    ("harbour", "the union lifted the blockade", {"marcus hale"}, "condition"),
    ("harbour", "to end the strike", {"harbour workers union"}, "object-control"),
    ("harbour", "shorter shifts", {"dana okafor"}, "list-item"),
    ("harbour", "to comment on the strike", {"marcus hale"}, "infinitive"),
    ("digest", "The harbour board said Ruiz had rejected the offer.", {"carla ruiz", "the board"},
     "what-is-reported-and-who-reports-it"),
]


@pytest.mark.parametrize(("name", "phrase", "keys"), [s[:3] for s in SUBJECTS], ids=[s[3] for s in SUBJECTS])
def test_a_subject_resolves_to_its_actors(story: Story, name: str, phrase: str, keys: set[str]) -> None:
    assert _subject(story, name, phrase) == frozenset(keys)


NOBODY = [
    ("harbour", "The strike was called off", "passive-without-agent"),
    ("harbour", "There was no reply", "expletive"),
    ("harbour", "The union received a final offer", "receiving-verb"),
    ("harbour", "Officials said the terminal", "unnamed-people"),
    ("harbour", "The decision surprised", "abstract-noun"),
    ("harbour", "They want a meeting", "pronoun"),
    ("abroad", "U.S. diplomats offered", "unnamed-people-of-a-country"),
    ("digest", "Another director resigned", "an-indefinite-office"),
    ("digest", "Other ministers backed", "a-plural-office"),
    ("digest", "A new government would scrap", "a-government-that-may-be"),
]


@pytest.mark.parametrize(("name", "phrase"), [n[:2] for n in NOBODY], ids=[n[2] for n in NOBODY])
def test_a_subject_that_names_nobody_is_none(story: Story, name: str, phrase: str) -> None:
    assert _subject(story, name, phrase) is None


def test_each_key_carries_its_reason(story: Story) -> None:
    who, parses, articles = story
    article, sentence, start, end = locate(articles, "wire", "The Ghanaian leader rejected")
    found = subject_resolution(parses[article, sentence], start, end, who, article)
    assert found is not None
    assert found.reasons == (f"the leader of ghana -> efua mensah: so described in {articles['harbour'].id}",)


# --- whether two subjects may be one actor ----------------------------------------------------------------------

PAIRS = [
    # one actor, named two ways
    (("harbour", "Ghanaian President Efua Mensah rejected"), ("wire", "Accra rejected"), Link.LEADER, "leader-capital"),
    (("wire", "Ghana's government rejected"), ("wire", "President Mensah rejected"), Link.LEADER, "government-leader"),
    (("harbour", "Marcus Hale, the port's"), ("wire", "The chief executive declined"), Link.SAME, "office"),
    (("harbour", "Vice-President Tomás"), ("wire", "Nunez will chair"), Link.SAME, "accents"),
    (("harbour", "The pay offer was rejected by Okafor"), ("wire", "Okafor rejected"), Link.SAME, "passive-active"),
    (("wire", "Neither government commented"), ("wire", "Accra rejected"), Link.GOVERNMENT, "unnamed-government"),
    (("wire", "Mr Hale declined"), ("harbour", "Mr Hale kept"), Link.SAME, "ambiguous-surname"),
    # different actors, and the traps
    (("digest", "Ruiz rejected the union's offer"), ("digest", "The union rejected Ruiz's offer"), Link.DIFFERENT,
     "roles-reversed"),
    (("digest", "Hale declined the offer"), ("digest", "Okafor declined the offer"), Link.DIFFERENT, "two-people"),
    (("harbour", "The minister defended"), ("digest", "The minister defended"), Link.DIFFERENT,
     "one-office-two-people"),
    (("wire", "The union called"), ("harbour", "Dana Okafor, the union's"), Link.DIFFERENT, "body-and-its-leader"),
    (("abroad", "Washington offered"), ("wire", "Accra rejected"), Link.DIFFERENT, "two-countries"),
    (("abroad", "Washington offered"), ("wire", "President Mensah"), Link.DIFFERENT, "another-country's-leader"),
]  # fmt: skip


@pytest.mark.parametrize(("left", "right", "link"), [p[:3] for p in PAIRS], ids=[p[3] for p in PAIRS])
def test_two_subjects_are_one_actor_only_when_the_articles_say_so(
    story: Story, left: tuple[str, str], right: tuple[str, str], link: Link
) -> None:
    match = compatible(_subject(story, *left), _subject(story, *right), story[0])
    assert match.link is link
    assert match.compatible is (link is not Link.DIFFERENT)
    swapped = compatible(_subject(story, *right), _subject(story, *left), story[0])
    assert (swapped.compatible, swapped.link) == (match.compatible, match.link)  # either order


def test_the_basis_names_the_link_and_the_article_that_makes_it(story: Story) -> None:
    who, _, articles = story
    match = compatible(frozenset({"ghana"}), frozenset({"efua mensah"}), who)
    assert match.reason == f"efua mensah ~ ghana: leader of the country, per {articles['harbour'].id}"
    assert compatible(None, frozenset({"ghana"}), who).reason == "subjects: not both named"


# --- rules that need a story of their own (a sentence here would change who is who in the main one) --------------

ON_THEIR_OWN = [
    (["The port's new chief executive, Lena Voss, met the union."], "The port's new chief executive, Lena Voss, met",
     {"lena voss"}, "a-name-beside-an-office-is-who"),
    (["Lena Voss is the port's chief executive.", "The chief executive resigned."], "The chief executive resigned",
     {"lena voss"}, "an-office-given-by-the-verb-be"),
    (["The council approved the budget."], "The council approved", {"the council"}, "a-body-no-name-is-given"),
    (["The Kessler news agency reported the strike."], "The Kessler news agency reported", {"kessler"},
     "a-body-named-before-its-noun"),
    (["Former mayor Kofi Adjei opened the terminal.", "The former mayor cut the ribbon."], "The former mayor cut",
     {"kofi adjei"}, "a-former-office"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("sentences", "phrase", "keys"), [o[:3] for o in ON_THEIR_OWN], ids=[o[3] for o in ON_THEIR_OWN]
)
def test_rules_on_their_own(sentences: list[str], phrase: str, keys: set[str]) -> None:
    assert _subject(build({"extra": sentences}), "extra", phrase) == frozenset(keys)


def test_a_former_office_ties_no_one_to_a_country() -> None:
    who, _, _ = build({"extra": ["Former Ghanaian President Kofi Adjei opened the new terminal."]})
    assert "kofi adjei" not in who.heads
    assert [office.former for office in who.offices["kofi adjei"]] == [True]


def test_a_dateline_before_an_office_is_not_whose_office() -> None:
    who, _, _ = build({"extra": ["LONDON - Ghana's President Efua Mensah flew home on Sunday."]})
    assert who.heads["efua mensah"].keys() == {"ghana"}


def test_a_country_s_own_name_goes_before_another_s_short_form() -> None:
    places = build_gazetteer([*INVENTED, CountryRecord("Ostland", (), None, None, ("OS",), True, 10)])
    assert {(p.country, p.kind) for p in places.lookup("Ostland")} == {("ostland", PlaceKind.NAME)}


def test_a_grounded_fact_s_actors_are_those_of_its_quote_s_clause(story: Story) -> None:
    who, parses, articles = story
    article = articles["harbour"]
    text = "the union lifted the blockade"
    start = article.text.index(text)
    sentence = next(s for s in article.sentences if s.start <= start < s.end)
    raw = RawFact(statement="The union lifted the blockade.", kind=FactKind.EVENT, actors=[], evidence=[sentence.id])
    fact = GroundedFact(id=f"{article.id}#F1", article_id=article.id, fact=raw, start=start, end=start + len(text),
                        quote=text, sentence_ids=[sentence.id], match=MatchStatus.EXACT, support=1.0)  # fmt: skip
    assert fact_actors(fact, parses, who) == frozenset({"marcus hale"})  # the condition's subject is not the fact's
    assert fact_actors(fact.model_copy(update={"sentence_ids": ["S999"]}), parses, who) is None


PRONOUNS = [
    (["Dana Okafor led the picket.", "She asked the board for a meeting."], "She asked", {"dana okafor"}, "previous"),
    (["Dana Okafor led the picket.", "The pickets stayed all night.", "She asked the board for a meeting."],
     "She asked", {"dana okafor"}, "over-a-sentence-naming-nobody"),
    (["Dana Okafor led the picket.", "She asked for a meeting.", "She also called for a vote."], "She also called",
     {"dana okafor"}, "through-another-she"),
    (["Dana Okafor and Marcus Hale met on Monday.", "He left early."], "He left", None, "two-people-before"),
    (["The terminal closed.", "The pickets went home.", "Nobody spoke.", "He left early."], "He left", None,
     "nobody-named-within-reach"),
]  # fmt: skip


@pytest.mark.parametrize(("sentences", "phrase", "keys"), [p[:3] for p in PRONOUNS], ids=[p[3] for p in PRONOUNS])
def test_he_or_she_is_the_one_person_the_sentences_before_name(
    sentences: list[str], phrase: str, keys: set[str] | None
) -> None:
    who, parses, articles = build({"extra": sentences})
    article = articles["extra"]
    start = article.text.index(phrase)
    sentence = next(s for s in article.sentences if s.start <= start < s.end)
    raw = RawFact(statement=phrase, kind=FactKind.EVENT, actors=[], evidence=[sentence.id])
    fact = GroundedFact(id=f"{article.id}#F1", article_id=article.id, fact=raw, start=sentence.start,
                        end=sentence.end, quote=article.sentence_text(sentence), sentence_ids=[sentence.id],
                        match=MatchStatus.EXACT, support=1.0)  # fmt: skip
    assert fact_actors(fact, parses, who) == (frozenset(keys) if keys is not None else None)
