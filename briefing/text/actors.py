"""Who a noun phrase names: people, organisations and countries resolved to canonical actor keys, with the reason.
Pure.

Two quotes about one act may name its doer differently: "Mr Hale" and "Marcus Hale", "Norvia" and its capital or
"the Norvish government", "the Norvish leader" and the president a text names. The corpus's own text says who is
who: a name given with its office ("Norvish President Ilse Varga", "Marcus Hale, the port's chief executive") makes
"the Norvish president" or "the chief executive" that person, and a head of state or government that a text ties
to a country may stand for the country's government. Countries and the words for them come from a country table
(places.Gazetteer, built from countryinfo by gazetteer.py), never from a list typed here.

Keys: a country is its folded name ("ghana"); a person or an organisation its folded full name as the
articles write it ("marcus hale", "harbour workers union"); a body named only by a common noun "the union"; a
government whose country goes unsaid GOVERNMENT. A body and its leader are different actors, except a country's
government and its head of state or government.

The rules read a dependency parse (syntax.ParsedSentence): a phrase is read from its head leftwards, as
[anchor] [title] [name] -- "Ghana's | President | Efua Mensah", "the port's | chief executive", "the Accra |
government" (see phrases.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .lexicon import (
    COLLECTIVE,
    GOVERNMENT_BODIES,
    GOVERNMENT_HEADS,
    LEADER_WORDS,
    SUBJECT_PRONOUNS,
    UNNAMED_SUBJECTS,
)
from .phrases import Reading, name_heads, read_phrase, written
from .places import Gazetteer, fold_word
from .syntax import ParsedSentence, Parses

GOVERNMENT = "a government"  # the key of a government whose country the phrase does not say ("neither government")
_GROUPS = COLLECTIVE - GOVERNMENT_BODIES - UNNAMED_SUBJECTS  # bodies a common noun names: "the union", "the council"
_NOBODY = SUBJECT_PRONOUNS | UNNAMED_SUBJECTS
# Prepositions after a role or a government that say whose it is: "the president of Norvia", "the administration
# in Brask".
_WHOSE = frozenset({"of", "in"})
# Determiners and adjectives that make a phrase indefinite: "an official", "other allies", "some union".
_INDEFINITE = frozenset({"a", "an", "another", "other", "some", "any", "several"})


@dataclass(frozen=True)
class Resolution:
    """The actor keys a phrase names, and why each (one reason a key, in words)."""

    keys: frozenset[str]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Office:
    """An office a text gives a named person: "Norvish President" is ("president", {norvia})."""

    role: str
    anchor: frozenset[str]  # whose office: country or body keys, empty when the text does not say
    former: bool
    article: str


@dataclass(frozen=True)
class Who:
    """Who is who in one build's articles, read once from their parses (see who_is_who).

    Attributes:
        places: the country table.
        surnames: a word of a full name other than its first ("mensah") -> the full names holding it.
        named_in: an article's ID -> the canonical names it mentions.
        offices: a canonical name -> the offices the articles give it.
        heads: a canonical name -> the countries it leads -> the article that says so.
        name_words: every word of the names the articles write as proper nouns.
        by_role, former_roles, linked: current and former offices by role, and whom each person's current
            offices tie them to.
    """

    places: Gazetteer
    surnames: Mapping[str, frozenset[str]]
    named_in: Mapping[str, frozenset[str]]
    offices: Mapping[str, tuple[Office, ...]]
    heads: Mapping[str, Mapping[str, str]]
    name_words: frozenset[str] = frozenset()
    by_role: Mapping[str, tuple[tuple[str, Office], ...]] = field(default_factory=dict)
    former_roles: Mapping[str, tuple[tuple[str, Office], ...]] = field(default_factory=dict)
    linked: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def canonical(self, words: tuple[str, ...], article: str | None) -> Resolution:
        """A folded name as the articles write it in full: a lone word is the surname of a full name the same
        article gives, else of one the corpus gives (every such name when several share it)."""
        joined = " ".join(words)
        if len(words) > 1:
            return Resolution(frozenset({joined}), (f"{joined}: a name in full",))
        full = self.surnames.get(joined, frozenset())
        local = full & self.named_in.get(article or "", frozenset())
        found = local or full
        if not found:
            return Resolution(frozenset({joined}), (f"{joined}: a name no article gives in full",))
        where = f"in {article}" if local and article else "in the articles"
        return Resolution(found, (f"{joined} -> {' | '.join(sorted(found))}: a surname of the full name {where}",))

    def holders(self, role: str, anchor: frozenset[str], article: str | None, former: bool = False) -> Resolution:
        """Who holds an office ("the Norvish leader", "the chief executive"), or held it ("the former mayor"):
        those the articles give it, the same article's people first; a country's leader is whoever heads it."""
        found: dict[str, str] = {}
        held = self.by_role.get(role, ()) if not former else self.former_roles.get(role, ())
        for person, office in held:
            linked = self.linked.get(person, frozenset())
            if not anchor or office.anchor & anchor or (not office.anchor and linked & anchor):
                found.setdefault(person, office.article)
        if role in LEADER_WORDS and not former:
            for person, countries in self.heads.items():
                if led := sorted(anchor & countries.keys()):
                    found.setdefault(person, min(countries[c] for c in led))
        local = found.keys() & self.named_in.get(article or "", frozenset())
        chosen = sorted(local or found)
        described = f"{'former ' if former else ''}{role}{' of ' + ' and '.join(sorted(anchor)) if anchor else ''}"
        reasons = tuple(f"the {described} -> {p}: so described in {found[p]}" for p in chosen)
        return Resolution(frozenset(chosen), reasons)

    def group(self, noun: str, article: str | None) -> Resolution:
        """A body named by its common noun ("the union"): the one full name ending in that noun that the article
        (else the corpus) gives, else the noun itself."""
        full = frozenset(n for n in self.surnames.get(noun, frozenset()) if n.rsplit(" ", 1)[-1] == noun)
        found = (full & self.named_in.get(article or "", frozenset())) or full
        if len(found) == 1:
            return Resolution(found, (f"the {noun} -> {next(iter(found))}: the only one so named",))
        return Resolution(frozenset({f"the {noun}"}), ())

    def leads(self, person: str, country: str) -> str | None:
        """The article that ties a person to a country as its head of state or government, or None."""
        return self.heads.get(person, {}).get(country)


# --- resolving a phrase -----------------------------------------------------------------------------------------


def resolve(parse: ParsedSentence, head: int, who: Who, article: str | None = None) -> Resolution | None:
    """The actors the noun phrase headed by token `head` names, with the phrases joined to it by "and"; None when it
    names nobody (a pronoun, "officials", an abstract noun, an office nobody is given)."""
    parts = [head]
    for part in parts:
        parts.extend(c for c in parse.children(part) if parse.tokens[c].dep == "conj")
    found = [r for r in (_resolve_one(parse, part, who, article) for part in parts) if r is not None and r.keys]
    if not found:
        return None
    keys = frozenset().union(*(r.keys for r in found))
    reasons = tuple(itertools.chain(*(r.reasons for r in found)))
    if GOVERNMENT in keys and len(keys) > 1:  # "Varga and her government": the government is the named actor's
        return Resolution(keys - {GOVERNMENT}, (*reasons, "the unnamed government is that of the actor beside it"))
    return Resolution(keys, reasons)


def _resolve_one(parse: ParsedSentence, head: int, who: Who, article: str | None) -> Resolution | None:
    token = parse.tokens[head]
    if token.pos == "PRON" or fold_word(token.text) in _NOBODY:
        return None
    reading = read_phrase(parse, head, who.name_words)
    if reading.name:
        return _named(parse, reading.name, who, article)
    if reading.role is not None:
        for appositive in (c for c in parse.children(head) if parse.tokens[c].dep == "appos"):
            named = read_phrase(parse, appositive, who.name_words)
            if named.name:  # "Norvia's president, Ilse Varga, ...": the name says who, the office only describes
                return _named(parse, named.name, who, article)
        if _unspecific(parse, head):  # "an official", "other ministers": nobody in particular
            return None
        anchor = _anchor(parse, head, reading, who, article)
        return who.holders(reading.role, anchor.keys, article, former=reading.former)
    # the word as written too: "the authorities" is a government, though its lemma "authority" is also a body
    # of its own ("the port authority")
    if reading.noun in GOVERNMENT_BODIES or parse.tokens[head].text.lower() in GOVERNMENT_BODIES:
        anchor = _anchor(parse, head, reading, who, article)
        if anchor.keys:  # "the Norvish government" is Norvia; "the Varga government" is Varga's (see compatible)
            return Resolution(anchor.keys, (f"{reading.noun} of {', '.join(sorted(anchor.keys))}", *anchor.reasons))
        if _unspecific(parse, head):  # "a new government would ...": none that exists
            return None
        return Resolution(frozenset({GOVERNMENT}), (f"the {reading.noun}, whose country goes unsaid",))
    if reading.noun in _GROUPS and not _unspecific(parse, head):
        # "the Harbour Workers union" is the body the name says; "the Norvish union" is still just "the union"
        for run in _anchor_runs(parse, reading.anchor):
            if not _is_place(parse, run, who.places) and all(parse.tokens[i].pos == "PROPN" for i in run):
                return _named(parse, run, who, article)
        return who.group(reading.noun, article)
    return None


def _unspecific(parse: ParsedSentence, head: int) -> bool:
    """A plural ("ministers", "unions") or an indefinite phrase ("an official", "another union"): no one body or
    person the articles name."""
    tokens = parse.tokens
    if tokens[head].tag in ("NNS", "NNPS"):
        return True
    return any(tokens[c].lemma in _INDEFINITE for c in parse.children(head) if tokens[c].dep in ("det", "amod"))


def _named(
    parse: ParsedSentence, name: tuple[int, ...], who: Who, article: str | None, anchor: bool = False
) -> Resolution:
    """A proper name: a country by any of its names (unless the parser takes it for a person's), else a person or
    an organisation by the full name the articles give. As an anchor, a capitalised adjective that names no
    country ("Authoritarian") is nobody."""
    text = written(parse, name)
    if parse.tokens[name[-1]].entity != "PERSON" and (places := who.places.lookup(text)):
        keys = frozenset(p.country for p in places)
        return Resolution(keys, tuple(f"{text} -> {p.country}: {p.kind.value}" for p in sorted(places, key=str)))
    if anchor and not all(parse.tokens[i].pos == "PROPN" for i in name):
        return Resolution(frozenset(), ())
    return who.canonical(tuple(fold_word(parse.tokens[i].text) for i in name), article)


def _anchor(parse: ParsedSentence, head: int, reading: Reading, who: Who, article: str | None) -> Resolution:
    """Whose office or government a phrase names: its possessor ("Norvia's"), else the country words or name
    just before the title ("Norvish", "US", "Harbour Authority", "the US and Norvish governments") or a body noun
    ("union leader"), and "of"/"in" after it ("the president of Norvia", "the administration in Brask")."""
    tokens = parse.tokens
    found: list[Resolution] = []
    for owner in (i for i in reading.anchor if tokens[i].dep == "poss"):
        if (resolved := resolve(parse, owner, who, article)) is not None:
            found.append(resolved)
        elif tokens[owner].pos == "NOUN":  # "the port's chief executive": the port, though no actor alone
            found.append(Resolution(frozenset({f"the {tokens[owner].lemma}"}), ()))
    if not found:
        found = [_named(parse, run, who, article, anchor=True) for run in _anchor_runs(parse, reading.anchor)]
        found += [Resolution(frozenset({f"the {tokens[i].lemma}"}), ()) for i in reading.anchor
                  if tokens[i].pos == "NOUN" and tokens[i].lemma in _GROUPS]  # fmt: skip
    for preposition in parse.children(head):
        if fold_word(tokens[preposition].text) in _WHOSE and tokens[preposition].dep == "prep":
            for pobj in parse.children(preposition):
                if tokens[pobj].dep == "pobj" and (resolved := resolve(parse, pobj, who, article)) is not None:
                    found.append(resolved)
    keys = frozenset().union(*(r.keys for r in found)) if found else frozenset()
    return Resolution(keys, tuple(itertools.chain(*(r.reasons for r in found))))


def _anchor_runs(parse: ParsedSentence, anchor: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The capitalised runs nearest the title, right to left, joined by "and" or a comma; what lies further (a
    dateline's "LONDON -") is not part of the office."""
    tokens = parse.tokens
    runs: list[list[int]] = []
    joined = True
    for index in reversed(anchor):
        token = tokens[index]
        if token.text[:1].isupper() and token.dep != "case" and token.pos != "DET":
            if runs and runs[-1][0] == index + 1:
                runs[-1].insert(0, index)
            elif joined:
                runs.append([index])
            else:
                break
            joined = False
        elif fold_word(token.text) in ("and", ",") and runs:
            joined = True
        elif runs and (token.pos not in ("DET", "ADJ") or index + 1 not in anchor):
            break  # a gap the parse dropped (a dash) or another word: the run before it is another phrase's
    return [tuple(run) for run in reversed(runs)]


# --- who is who in a build --------------------------------------------------------------------------------------


def who_is_who(parses: Parses, places: Gazetteer) -> Who:
    """Read every parsed sentence of a build once: the names each article gives, and the offices it gives them
    (a title before a name, an apposition, "X is the Y")."""
    names: dict[str, set[tuple[str, ...]]] = {}
    read: list[tuple[str, ParsedSentence, dict[int, Reading]]] = []
    for (article, _), parse in sorted(parses.items()):
        readings = {head: read_phrase(parse, head) for head in name_heads(parse)}
        read.append((article, parse, readings))
        for reading in readings.values():
            if reading.name and not _is_place(parse, reading.name, places):
                names.setdefault(article, set()).add(tuple(fold_word(parse.tokens[i].text) for i in reading.name))
    full = {" ".join(n) for found in names.values() for n in found if len(n) > 1}
    surnames: dict[str, set[str]] = {}
    for full_name in sorted(full):
        for word in full_name.split()[1:]:
            surnames.setdefault(word, set()).add(full_name)
    named_in: dict[str, frozenset[str]] = {}
    for article, found in names.items():
        own = {" ".join(n) for n in found if len(n) > 1}
        keys = set(own)
        for name in found:
            if len(name) == 1:  # a lone surname is the full name its article gives, else the corpus's
                candidates = surnames.get(name[0], set())
                keys |= (candidates & own) or candidates or {name[0]}
        named_in[article] = frozenset(keys)
    words = frozenset(w for found in names.values() for n in found for w in n)
    who = Who(places, {w: frozenset(n) for w, n in surnames.items()}, named_in, {}, {}, words)
    offices: dict[str, list[Office]] = {}
    for article, parse, readings in read:
        for person, office in _offices(parse, readings, who, article):
            offices.setdefault(person, []).append(office)
    heads: dict[str, dict[str, str]] = {}
    for person, given in offices.items():
        for office in given:
            if office.former or office.role not in GOVERNMENT_HEADS:
                continue
            for country in sorted(office.anchor & places.labels.keys()):
                heads.setdefault(person, {}).setdefault(country, office.article)
    by_role: dict[str, list[tuple[str, Office]]] = {}
    former_roles: dict[str, list[tuple[str, Office]]] = {}
    for person, given in offices.items():
        for office in given:
            (former_roles if office.former else by_role).setdefault(office.role, []).append((person, office))
    return replace(
        who,
        offices={p: tuple(o) for p, o in offices.items()},
        heads=heads,
        by_role={role: tuple(held) for role, held in by_role.items()},
        former_roles={role: tuple(held) for role, held in former_roles.items()},
        linked={p: frozenset().union(*(o.anchor for o in given if not o.former)) for p, given in offices.items()},
    )


def _is_place(parse: ParsedSentence, name: tuple[int, ...], places: Gazetteer) -> bool:
    return parse.tokens[name[-1]].entity != "PERSON" and bool(places.lookup(written(parse, name)))


def _offices(
    parse: ParsedSentence, readings: dict[int, Reading], who: Who, article: str
) -> Iterable[tuple[str, Office]]:
    """(person, office) for each office the sentence gives a name: "Norvish President Ilse Varga", "Marcus Hale,
    the port's chief executive," (or the other way round), "Hale is the port's chief executive". `readings` are
    the sentence's names, read once."""
    tokens = parse.tokens
    pairs: list[tuple[int, int]] = [(i, i) for i, reading in readings.items() if reading.role is not None]
    for index, token in enumerate(tokens):
        if token.dep == "appos":
            pairs += [(token.head, index), (index, token.head)]
        elif token.dep == "attr" and tokens[token.head].lemma == "be":
            pairs += [(s, index) for s in parse.children(token.head) if tokens[s].dep == "nsubj"]
    for named_at, titled_at in pairs:
        named = readings.get(named_at) or read_phrase(parse, named_at)
        titled = named if titled_at == named_at else (readings.get(titled_at) or read_phrase(parse, titled_at))
        if not named.name or titled.role is None or (titled_at != named_at and titled.name):
            continue
        if _is_place(parse, named.name, who.places):
            continue
        anchor = _anchor(parse, titled_at, titled, who, article).keys
        for person in who.canonical(tuple(fold_word(tokens[i].text) for i in named.name), article).keys:
            yield person, Office(titled.role, anchor, titled.former, article)
