"""Who a noun phrase names: people, organisations and countries resolved to canonical actor keys, with the reason.
Pure.

Two quotes about one act may name its doer differently: "Mr Hale" and "Marcus Hale", "Norvia" and its capital or
"the Norvish government", "the Norvish leader" and the president a text names. The corpus's own text says who is
who: a name given with its office ("Norvish President Ilse Varga", "Marcus Hale, the port's chief executive") makes
"the Norvish president" or "the chief executive" that person, and a head of state or government that a text ties
to a country may stand for the country's government. Countries and the words for them come from a country table
(places.Gazetteer, built from countryinfo by gazetteer.py), never from a list typed here.

Keys: a country is its folded name ("venezuela"); a person or an organisation its folded full name as the
articles write it ("marcus hale", "harbour workers union"); a body named only by a common noun "the union"; a
government whose country goes unsaid GOVERNMENT. A body and its leader are different actors, except a country's
government and its head of state or government.

The rules read a dependency parse (syntax.ParsedSentence): a phrase is read from its head leftwards, as
[anchor] [title] [name] -- "Venezuela's | President | Nicolás Maduro", "the port's | chief executive", "the
Caracas | government".
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from .lexicon import (
    CALENDAR,
    COLLECTIVE,
    GOVERNMENT_BODIES,
    GOVERNMENT_HEADS,
    HONORIFICS,
    LEADER_WORDS,
    ROLE_HEADS,
    SUBJECT_PRONOUNS,
    UNNAMED_SUBJECTS,
)
from .places import Gazetteer, fold
from .syntax import ParsedSentence, Parses

GOVERNMENT = "a government"  # the key of a government whose country the phrase does not say ("neither government")
_GROUPS = COLLECTIVE - GOVERNMENT_BODIES - UNNAMED_SUBJECTS  # bodies a common noun names: "the union", "the council"
_NOBODY = SUBJECT_PRONOUNS | UNNAMED_SUBJECTS
_NAME_TYPES = frozenset({"PERSON", "ORG", "GPE"})
# Entity types of capitalised words that are no one's name: dates, nationalities as nouns, seas and regions.
_NOT_NAME_TYPES = frozenset({"DATE", "TIME", "NORP", "LOC", "EVENT", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
# Role heads as runs of words ("vice-president" -> vice, president), longest first, each with the role it names
# (a generic one by its own word: "leader", "envoy").
_ROLES = sorted(
    ((tuple(key.replace("-", " ").split()), key if value == "generic" else value) for key, value in ROLE_HEADS.items()),
    key=lambda role: -len(role[0]),
)
_ROLE_ENDS = frozenset(words[-1] for words, _ in _ROLES)
# Dependents before a head that are not part of its phrase's title or anchor.
_NOT_PREMODIFIERS = frozenset({"appos", "relcl", "acl", "advcl", "prep", "conj", "cc", "punct"})
# Prepositions after a role or a government that say whose it is: "the president of Norvia", "the administration
# in Brask".
_WHOSE = frozenset({"of", "in"})


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
        surnames: a word of a full name other than its first ("maduro") -> the full names holding it.
        named_in: an article's ID -> the canonical names it mentions.
        offices: a canonical name -> the offices the articles give it.
        heads: a canonical name -> the countries it leads -> the article that says so.
        name_words: every word of the names the articles write as proper nouns.
    """

    places: Gazetteer
    surnames: Mapping[str, frozenset[str]]
    named_in: Mapping[str, frozenset[str]]
    offices: Mapping[str, tuple[Office, ...]]
    heads: Mapping[str, Mapping[str, str]]
    name_words: frozenset[str] = frozenset()

    def canonical(self, words: tuple[str, ...], article: str | None) -> Resolution:
        """A folded name as the articles write it in full: a lone word is the surname of a full name the same
        article gives, else of one the corpus gives (every such name when several share it)."""
        written = " ".join(words)
        if len(words) > 1:
            return Resolution(frozenset({written}), ())
        full = self.surnames.get(written, frozenset())
        local = full & self.named_in.get(article or "", frozenset())
        found = local or full
        if not found:
            return Resolution(frozenset({written}), ())
        where = f"in {article}" if local and article else "in the articles"
        return Resolution(found, (f"{written} -> {' | '.join(sorted(found))}: a surname of the full name {where}",))

    def holders(self, role: str, anchor: frozenset[str], article: str | None) -> Resolution:
        """Who holds an office ("the Norvish leader", "the chief executive"): those the articles give it, the
        same article's people first; a country's leader is whoever heads it."""
        found: dict[str, str] = {}
        for person, offices in self.offices.items():
            linked = frozenset().union(*(o.anchor for o in offices if not o.former))
            for office in offices:
                fits_anchor = not anchor or office.anchor & anchor or (not office.anchor and linked & anchor)
                if not office.former and office.role == role and fits_anchor:
                    found.setdefault(person, office.article)
            if role in LEADER_WORDS and anchor & self.heads.get(person, {}).keys():
                found.setdefault(person, min(self.heads[person][c] for c in anchor & self.heads[person].keys()))
        local = found.keys() & self.named_in.get(article or "", frozenset())
        chosen = sorted(local or found)
        whose = f" of {' and '.join(sorted(anchor))}" if anchor else ""
        reasons = tuple(f"the {role}{whose} -> {p}: so described in {found[p]}" for p in chosen)
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


# --- reading one phrase -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reading:
    """One noun phrase read from its head leftwards: [anchor] [title] [name], or [anchor] [title or noun]."""

    name: tuple[int, ...]  # the proper name's tokens
    role: str | None  # the office the title names
    former: bool
    anchor: tuple[int, ...]  # the tokens before the title: whose office, or whose government
    noun: str | None  # the head's lemma when neither a name nor a title heads the phrase


def _read(parse: ParsedSentence, head: int, known: frozenset[str] = frozenset()) -> _Reading:
    tokens = parse.tokens
    before = [
        i
        for child in parse.children(head)
        if child < head and tokens[child].dep not in _NOT_PREMODIFIERS
        for i in parse.subtree(child)
    ]
    # A hyphen is no word: "Vice-President" reads as "vice president".
    run = [i for i in sorted(before) if any(c.isalnum() for c in tokens[i].text)] + [head]
    words = [fold(tokens[i].text) for i in run[:-1]] + [_head_word(parse, head)]
    position = len(run) - 1
    name: list[int] = []
    while position >= 0 and _name_like(parse, run[position], known) and not _title_ends(words, position):
        if name and run[position] != name[0] - 1:
            break  # a gap the parse dropped ("WASHINGTON - Venezuela"): two names, not one
        name.insert(0, run[position])
        position -= 1
    role = None
    if (found := _role_at(words, position)) is not None:
        role, length = found
        position -= length
    while position >= 0 and words[position] in HONORIFICS:
        position -= 1
    noun = words[-1] if not name and role is None else None
    return _Reading(tuple(name), role, "former" in words, tuple(run[: position + 1]), noun)


def _head_word(parse: ParsedSentence, head: int) -> str:
    token = parse.tokens[head]
    return fold(token.text) if token.pos == "PROPN" else token.lemma


def _name_like(parse: ParsedSentence, index: int, known: frozenset[str] = frozenset()) -> bool:
    """A word of a proper name: capitalised, a proper noun (or a noun the recogniser puts in a name, or one the
    articles write as a name elsewhere: the tagger takes a name opening a sentence for a noun at times), and no
    month, weekday, nationality or place that is not a country ("Caribbean")."""
    token = parse.tokens[index]
    return (
        token.text[:1].isupper()
        and (
            token.pos == "PROPN" or (token.pos == "NOUN" and (token.entity in _NAME_TYPES or fold(token.text) in known))
        )
        and token.entity not in _NOT_NAME_TYPES
        and fold(token.text) not in CALENDAR
    )


def _title_ends(words: list[str], position: int) -> bool:
    return words[position] in HONORIFICS or _role_at(words, position) is not None


def _role_at(words: list[str], position: int) -> tuple[str, int] | None:
    """The longest role head ending at words[position]: its role and its length in words."""
    if position < 0 or words[position] not in _ROLE_ENDS:
        return None
    for role_words, role in _ROLES:
        size = len(role_words)
        if size <= position + 1 and tuple(words[position - size + 1 : position + 1]) == role_words:
            return role, size
    return None


def _written(parse: ParsedSentence, indices: Iterable[int]) -> str:
    """Tokens as written, a space wherever the text had one."""
    text, last = "", None
    for index in indices:
        token = parse.tokens[index]
        text += ("" if last is None or token.start == last else " ") + token.text
        last = token.end
    return text


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
    if token.pos == "PRON" or fold(token.text) in _NOBODY:
        return None
    reading = _read(parse, head, who.name_words)
    if reading.name:
        return _named(parse, reading.name, who, article)
    if reading.role is not None:
        for appositive in (c for c in parse.children(head) if parse.tokens[c].dep == "appos"):
            named = _read(parse, appositive, who.name_words)
            if named.name:  # "Norvia's president, Ilse Varga, ...": the name says who, the office only describes
                return _named(parse, named.name, who, article)
        anchor = _anchor(parse, head, reading, who, article)
        return who.holders(reading.role, anchor.keys, article)
    if reading.noun in GOVERNMENT_BODIES:
        anchor = _anchor(parse, head, reading, who, article)
        if anchor.keys:  # "the Norvish government" is Norvia; "the Varga government" is Varga's (see compatible)
            return Resolution(anchor.keys, (f"{reading.noun} of {', '.join(sorted(anchor.keys))}", *anchor.reasons))
        return Resolution(frozenset({GOVERNMENT}), (f"a {reading.noun} whose country goes unsaid",))
    if reading.noun in _GROUPS:
        return who.group(reading.noun, article)
    return None


def _named(
    parse: ParsedSentence, name: tuple[int, ...], who: Who, article: str | None, anchor: bool = False
) -> Resolution:
    """A proper name: a country by any of its names (unless the parser takes it for a person's), else a person or
    an organisation by the full name the articles give. As an anchor, a capitalised adjective that names no
    country ("Authoritarian") is nobody."""
    written = _written(parse, name)
    if parse.tokens[name[-1]].entity != "PERSON" and (places := who.places.lookup(written)):
        keys = frozenset(p.country for p in places)
        return Resolution(keys, tuple(f"{written} -> {p.country}: {p.kind.value}" for p in sorted(places, key=str)))
    if anchor and not all(parse.tokens[i].pos == "PROPN" for i in name):
        return Resolution(frozenset(), ())
    return who.canonical(tuple(fold(parse.tokens[i].text) for i in name), article)


def _anchor(parse: ParsedSentence, head: int, reading: _Reading, who: Who, article: str | None) -> Resolution:
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
        if fold(tokens[preposition].text) in _WHOSE and tokens[preposition].dep == "prep":
            for pobj in parse.children(preposition):
                if tokens[pobj].dep == "pobj" and (resolved := resolve(parse, pobj, who, article)) is not None:
                    found.append(resolved)
    keys = frozenset().union(*(r.keys for r in found)) if found else frozenset()
    return Resolution(keys, tuple(itertools.chain(*(r.reasons for r in found))))


def _anchor_runs(parse: ParsedSentence, anchor: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The capitalised runs nearest the title, right to left, joined by "and" or a comma; what lies further (a
    dateline's "WASHINGTON -") is not part of the office."""
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
        elif fold(token.text) in ("and", ",") and runs:
            joined = True
        elif runs and (token.pos not in ("DET", "ADJ") or index + 1 not in anchor):
            break  # a gap the parse dropped (a dash) or another word: the run before it is another phrase's
    return [tuple(run) for run in reversed(runs)]


# --- who is who in a build --------------------------------------------------------------------------------------


def who_is_who(parses: Parses, places: Gazetteer) -> Who:
    """Read every parsed sentence of a build once: the names each article gives, and the offices it gives them
    (a title before a name, an apposition, "X is the Y")."""
    names: dict[str, set[tuple[str, ...]]] = {}
    for (article, _), parse in sorted(parses.items()):
        for head in _name_heads(parse):
            reading = _read(parse, head)
            if reading.name and not _is_place(parse, reading.name, places):
                names.setdefault(article, set()).add(tuple(fold(parse.tokens[i].text) for i in reading.name))
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
    for (article, _), parse in sorted(parses.items()):
        for person, office in _offices(parse, who, article):
            offices.setdefault(person, []).append(office)
    heads: dict[str, dict[str, str]] = {}
    for person, given in offices.items():
        for office in given:
            if office.former or office.role not in GOVERNMENT_HEADS:
                continue
            for country in sorted(office.anchor & places.labels.keys()):
                heads.setdefault(person, {}).setdefault(country, office.article)
    return replace(who, offices={p: tuple(o) for p, o in offices.items()}, heads=heads)


def _name_heads(parse: ParsedSentence, known: frozenset[str] = frozenset()) -> list[int]:
    """Tokens that end a proper name: not inside a longer one ("Donald" in "Donald Trump" is not)."""
    tokens = parse.tokens
    return [
        i
        for i, t in enumerate(tokens)
        if _name_like(parse, i, known)
        and not (t.dep in ("compound", "flat") and _name_like(parse, t.head, known) and t.head > i)
    ]


def _is_place(parse: ParsedSentence, name: tuple[int, ...], places: Gazetteer) -> bool:
    return parse.tokens[name[-1]].entity != "PERSON" and bool(places.lookup(_written(parse, name)))


def _offices(parse: ParsedSentence, who: Who, article: str) -> Iterable[tuple[str, Office]]:
    """(person, office) for each office the sentence gives a name: "Norvish President Ilse Varga", "Marcus Hale,
    the port's chief executive," (or the other way round), "Hale is the port's chief executive"."""
    tokens = parse.tokens
    pairs: list[tuple[int, int]] = [(i, i) for i in _name_heads(parse, who.name_words)]
    for index, token in enumerate(tokens):
        if token.dep == "appos":
            pairs += [(token.head, index), (index, token.head)]
        if token.dep == "attr" and tokens[token.head].lemma == "be":
            pairs += [(s, index) for s in parse.children(token.head) if tokens[s].dep == "nsubj"]
    for named_at, titled_at in pairs:
        named, titled = _read(parse, named_at, who.name_words), _read(parse, titled_at, who.name_words)
        if not named.name or titled.role is None or (titled_at != named_at and titled.name):
            continue
        if _is_place(parse, named.name, who.places):
            continue
        anchor = _anchor(parse, titled_at, titled, who, article).keys
        for person in who.canonical(tuple(fold(tokens[i].text) for i in named.name), article).keys:
            yield person, Office(titled.role, anchor, titled.former, article)
