"""A story of our own for the actor tests: a port strike in a real country (its names, capital and demonym are
countryinfo's data; the people, the port and the union are invented), told by three articles that name the same
people and bodies differently, and by a fourth that sets traps (other people with the same office or surname).
"""

from __future__ import annotations

import functools

from briefing.inputs.sources import parse_article
from briefing.model.gazetteer import load_gazetteer
from briefing.model.parse import Parser, parse_articles
from briefing.models import Article
from briefing.text.actors import Who, who_is_who
from briefing.text.syntax import Parses

STORY: dict[str, list[str]] = {
    "harbour": [
        "Ghanaian President Efua Mensah rejected the fleet owners' request for a fuel subsidy on Monday.",
        "Finance Minister Ana Lind kept the harbour levy at 4 percent.",
        "Marcus Hale, the port's chief executive, declined to comment on the strike.",
        "Mr Hale kept the port open overnight.",
        "Vice-President Tomás Núñez will chair the next round of talks.",
        "The Harbour Workers Union called a two-day strike at the container terminal.",
        "Dana Okafor, the union's general secretary, led a picket at the gates.",
        "The pay offer was rejected by Okafor on Tuesday.",
        "The strike was called off on Friday.",
        "There was no reply from the ministry.",
        "Mensah is said to have asked for a second meeting.",
        "The union received a final offer on Thursday.",
        "Okafor, who led the walkout, refused the deal.",
        "Hale offered a bonus if the union lifted the blockade.",
        "Mensah urged the union to end the strike.",
        "Mensah and her government rejected the request.",
        "Officials said the terminal would reopen.",
        "The decision surprised the fleet owners.",
        "Okafor demanded higher pay, shorter shifts and a new crane.",
        "The minister defended the levy.",
        "They want a meeting with the board.",
    ],
    "wire": [
        "Accra rejected the fleet owners' request for a fuel subsidy.",
        "The Ghanaian leader rejected the request for a fuel subsidy.",
        "Ghana's president turned down the subsidy request.",
        "Ghana's government rejected the subsidy.",
        "The government of Ghana rejected the subsidy.",
        "The administration in Accra rejected the subsidy.",
        "The Mensah administration rejected the subsidy.",
        "Mr Hale declined to comment on the strike.",
        "The chief executive declined to comment on the strike.",
        "Ms. Lind kept the levy at 4 percent.",
        "Nunez will chair the talks.",
        "The union called a strike at the terminal.",
        "Okafor rejected the pay offer.",
        "Neither government commented on the talks.",
        "President Mensah rejected the request.",
        "The Ghanaian government rejected the request.",
    ],
    "abroad": [
        "The United States offered to mediate between the port and the union.",
        "Washington offered to mediate between the port and the union.",
        "America offered to mediate between the port and the union.",
        "The US offered to mediate between the port and the union.",
        "U.S. diplomats offered to mediate between the port and the union.",
        "The American government offered to mediate.",
    ],
    "digest": [
        "Transport Minister Joel Brandt visited the docks on Monday.",
        "The minister defended the levy.",
        "Port director Carla Ruiz toured the terminal.",
        "The harbour board said Ruiz had rejected the offer.",
        "Ruiz rejected the union's offer.",
        "The union rejected Ruiz's offer.",
        "Mayor Nina Hale opened the inquiry.",
        "Hale declined the offer.",
        "Okafor declined the offer.",
        "Another director resigned.",
        "Other ministers backed the levy.",
        "A new government would scrap the levy.",
    ],
}


def build(story: dict[str, list[str]] | None = None) -> tuple[Who, Parses, dict[str, Article]]:
    """The story's articles (by default STORY's), parsed, and who is who in them."""
    story = STORY if story is None else story
    articles = {name: parse_article("\n\n".join(sentences), f"{name}.txt") for name, sentences in story.items()}
    parses = parse_articles(list(articles.values()), _parser())
    return who_is_who(parses, load_gazetteer()), parses, articles


@functools.cache  # loading spaCy's model takes a second or two; the tests build several stories
def _parser() -> Parser:
    return Parser.load()


def locate(articles: dict[str, Article], name: str, phrase: str) -> tuple[str, str, int, int]:
    """(article ID, sentence ID, start, end) of the first place a phrase stands in one of the story's articles."""
    article = articles[name]
    start = article.text.index(phrase)
    sentence = next(s for s in article.sentences if s.start <= start < s.end)
    return article.id, sentence.id, start, start + len(phrase)
