"""Countries and the names that stand for them, as a plain table built from a country database's records. Pure.

gazetteer.py reads the records from the `countryinfo` package (not pure: it reads its files); the rules here turn
each record into the words an English news text uses for the country or its government: its name and other
names, its ISO codes written with or without dots ("US", "U.S."), the short form inside a long one ("United
States of America" -> "America"), its capital as a metonym ("Accra said ..."), and its demonym ("the Ghanaian
government"). No country is typed in by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from .normalize import normalize


class PlaceKind(Enum):
    """How a word names a country; the reason a mention resolves to it."""

    NAME = "the country's name"
    CODE = "the country's code"
    SHORT = "the short form of the country's long name"
    CAPITAL = "the capital, standing for its government"
    DEMONYM = "the country's adjective"


@dataclass(frozen=True)
class Place:
    """One reading of a word as a country: which country (its folded name, the actor key) and how."""

    country: str
    kind: PlaceKind


@dataclass(frozen=True)
class CountryRecord:
    """What the table is built from, one country as a country database gives it."""

    name: str
    alt_spellings: tuple[str, ...] = ()
    capital: str | None = None
    demonym: str | None = None
    codes: tuple[str, ...] = ()  # ISO alpha-2 and alpha-3
    listed: bool = True  # in ISO 3166-1 today (it has a numeric code): not a former state or a duplicate entry
    population: int = 0


@dataclass(frozen=True)
class Gazetteer:
    """Folded words -> the countries they may name (an ambiguous word, "Congo", names each it may mean).

    Attributes:
        words: folded names, short forms, capitals and demonyms (lower case, accents folded).
        codes: ISO codes, upper case and without dots: matched only as written in capitals ("US", not "us").
        labels: a country key -> its name as the database writes it.
    """

    words: Mapping[str, frozenset[Place]]
    codes: Mapping[str, frozenset[Place]]
    labels: Mapping[str, str]

    def lookup(self, written: str) -> frozenset[Place]:
        """The countries a name as written may be ("U.S.", "Accra", "the Netherlands"), or none."""
        bare = written.replace(".", "").replace(" ", "")
        if bare.isupper() and bare.isalpha() and (found := self.codes.get(bare)):
            return found
        return self.words.get(fold(written), frozenset())


def fold(text: str) -> str:
    """The comparison form of a name: lower case, accents folded, a leading "the" and trailing dots dropped."""
    folded = normalize(text).text.strip().rstrip(".")
    return folded[4:] if folded.startswith("the ") else folded


def fold_word(word: str) -> str:
    """fold() of one token: lower case and without trailing dots, accents folded (ASCII, most words, skips the
    full normalisation: actor resolution folds every word of every name it reads)."""
    return word.lower().rstrip(".") if word.isascii() else fold(word)


# "Washington D.C." / "Washington, D.C." -> "Washington": news names a capital without its district's letters.
_TRAILING_ABBREVIATION = re.compile(r",?\s+(?:[A-Z]\.){2,}$")
# "United States of America" -> "America", "Kingdom of the Netherlands" -> "Netherlands": the part after "of" is
# the name in short. A form with a comma ("Korea, Republic of") is a list entry turned round, not a name.
_LONG_FORM = re.compile(r"^[^,]+?\s+of\s+(?:the\s+)?(?P<short>[^,]+)$")


def build_gazetteer(records: Iterable[CountryRecord]) -> Gazetteer:
    """The table of every record's names, codes, short forms, capitals and demonyms."""
    words: dict[str, set[Place]] = {}
    codes: dict[str, set[Place]] = {}
    labels: dict[str, str] = {}
    weight: dict[str, tuple[bool, int]] = {}

    def add(table: dict[str, set[Place]], key: str, place: Place) -> None:
        if key:
            table.setdefault(key, set()).add(place)

    for record in records:
        country = fold(record.name)
        labels[country] = record.name
        weight[country] = (record.listed, record.population)
        add(words, country, Place(country, PlaceKind.NAME))
        for code in record.codes:
            add(codes, code.upper(), Place(country, PlaceKind.CODE))
        for spelling in record.alt_spellings:
            if spelling.isupper() and spelling.isalpha() and len(spelling) <= 3:
                add(codes, spelling, Place(country, PlaceKind.CODE))  # "UK" is no ISO code, yet a code in use
                continue
            add(words, fold(spelling), Place(country, PlaceKind.NAME))
            if short := _LONG_FORM.match(spelling):
                add(words, fold(short["short"]), Place(country, PlaceKind.SHORT))
        if record.capital:
            add(words, fold(record.capital), Place(country, PlaceKind.CAPITAL))
            add(words, fold(_TRAILING_ABBREVIATION.sub("", record.capital)), Place(country, PlaceKind.CAPITAL))
        if record.demonym:
            add(words, fold(record.demonym), Place(country, PlaceKind.DEMONYM))
    return Gazetteer(
        words={key: _best(places, weight) for key, places in words.items()},
        codes={key: _best(places, weight) for key, places in codes.items()},
        labels=labels,
    )


SHARE = 0.1  # a country a tenth as populous as another using the same word is still a reading of it ("Korea")


def _best(places: set[Place], weight: Mapping[str, tuple[bool, int]]) -> frozenset[Place]:
    """The readings of a word that several entries use.

    A country's own name names that country, not another's short form. Entries listed in ISO 3166-1 today go
    before former states and duplicate entries ("Wales" carries the United Kingdom's code). And a demonym, capital
    or code read as the largest countries using it: "American" is the United States, not the Northern Mariana
    Islands; "Congolese" is mostly the larger Congo; "Korea" stays both.
    """
    chosen = {p for p in places if p.kind is PlaceKind.NAME} or places
    chosen = {p for p in chosen if weight[p.country][0]} or chosen
    largest = max(weight[p.country][1] for p in chosen)
    return frozenset(p for p in chosen if weight[p.country][1] >= SHARE * largest)


def countries_of(places: Iterable[Place]) -> frozenset[str]:
    """The country keys of some places."""
    return frozenset(p.country for p in places)


def kinds(places: Iterable[Place]) -> Mapping[str, PlaceKind]:
    """For each country of some places, how it was named (the first reading found)."""
    found: dict[str, PlaceKind] = {}
    for place in places:
        found.setdefault(place.country, place.kind)
    return found
