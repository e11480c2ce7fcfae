"""What the stages after grounding read in a fact (figures, dates, people, subject, words), read once per build
and handed to matching, merge and cross-check, so none of them reads a quote again. Pure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..models import GroundedFact
from ..text.actors import Who
from ..text.doers import fact_actors, speaker_only
from ..text.entities import ROLE_HEADS, Mention, mentions
from ..text.lexicon import (
    GENERIC_WORDS,
    HEARSAY_ADVERBS,
    HEDGE_ADVERBS,
    SPECULATION,
    STOPWORDS,
    SUBJECT_FILLER,
    SUBJECT_PREAMBLE_OPENERS,
    SUBJECT_PRONOUNS,
    UNNAMED_SUBJECTS,
)
from ..text.normalize import content_words, normalize
from ..text.stance import read_stance
from ..text.syntax import ParsedSentence, Parses
from ..text.values import Value, dateline_length, quantities, read_dates

STEM_CHARS = 5  # "requested" and "request", "confirmed" and "confirms" share a stem
# An opening phrase before the subject: "During the talks, Ruiz ..." / "However, Okoro ...".
_OPENING = re.compile(rf"^(?:(?:{'|'.join(SUBJECT_PREAMBLE_OPENERS)})\b[^,]{{0,90}},\s+)+", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_][\w.'\u2019-]*")
_DEMONYM = re.compile(r"(?:an|ian|ean|ese|ish|i)$")
_NOT_SUBJECT_NAMES = SUBJECT_PRONOUNS | SUBJECT_FILLER | UNNAMED_SUBJECTS  # joined once, not for every name read


@dataclass(frozen=True)
class FactFeatures:
    """What the stages after grounding read in one fact, read once per build from its verified quote.

    Attributes:
        quantities: counts, sums of money, percentages and other figures, with their units.
        dates: the dates the quote states, resolved against the publication date of the text it stands in.
        mentions: the people it names, with the office it gives each.
        subjects: who the grammatical subject names (folded), None when it names nobody (a pronoun, "officials").
        stems: content words cut to STEM_CHARS ("requested" ~ "request"), without a scene-setting opening.
        roles: (surname, office as stated, "former ..." included) for each person given an office.
        calendar_days: (month, day) of each day of a month the quote names, resolved to a year or not.
        negated: the predicate that governs the quote is negated or denied ("did not", "no further", "denied").
        modal: a modal or hedge on that predicate ("could", "may", "likely"), or None.
        commentary: why the quote is the writer's own reading rather than a reported fact, or None.
        attributed: the parse finds someone the quote's predicate is attributed to ("officials said", "according
            to", "reportedly"): a statement someone made, not an event the writer tells.
        speaker_only: a report whose only named subject is the speaker ("Okafor said members would stay out").
    """

    quantities: tuple[Value, ...]
    dates: tuple[Value, ...]
    mentions: tuple[Mention, ...] = ()
    subjects: frozenset[str] | None = None
    stems: frozenset[str] = frozenset()
    roles: tuple[tuple[str, str], ...] = ()
    calendar_days: frozenset[tuple[int, int]] = frozenset()
    negated: bool = False
    modal: str | None = None
    commentary: str | None = None
    attributed: bool = False
    speaker_only: bool = False

    @property
    def values(self) -> tuple[Value, ...]:
        """Figures and dates together, as the guards and the figure rules compare them."""
        return self.quantities + self.dates


def known_names(quotes: Iterable[str]) -> frozenset[str]:
    """Words written capitalised inside a sentence somewhere in the corpus: names, as far as case can tell.

    A capitalised first word proves nothing ("Engineers found ..."); it counts as a name only if it is one of
    these.
    """
    found: set[str] = set()
    for quote in dict.fromkeys(quotes):  # a quote found twice adds nothing (copies of a story repeat many)
        tokens = _TOKEN.findall(quote)
        for previous, token in itertools.pairwise(tokens):
            if token[:1].isupper() and not previous.endswith("."):
                found.add(_bare(token).lower())
    return frozenset(found)


def _bare(token: str) -> str:
    """The token without trailing dots and commas, nor a possessive "'s" (tokens hold no newline, so an ending
    is simply the last chars; module-level re.sub looked its pattern up again on each of ~100,000 tokens)."""
    token = token.rstrip(".,")
    return token[:-2] if token.endswith(("'s", "\u2019s")) else token


def subjects(quote: str, names: frozenset[str] | None = None) -> frozenset[str] | None:
    """The names in a clause's grammatical subject, folded ("ruiz"), or None when it names nobody.

    The subject is read as the run of capitalised words (and the fillers between them) before the first other
    word, after an opening phrase: "former Harbour Governor Lena Ruiz has ..." -> {harbour, lena, ruiz}. With
    `names` (see known_names), a capitalised word that opens the clause must be one of them.
    """
    text = _OPENING.sub("", quote.strip().lstrip("\"'\u201c\u2018"), count=1)
    found: list[str] = []
    tokens = _TOKEN.findall(text)
    for position, token in enumerate(tokens):
        bare = _bare(token)
        folded = bare.lower()
        if bare[:1].isupper():
            if position == 0 and folded in SUBJECT_PRONOUNS:
                return None
            if position == 0 and names is not None and folded not in names:
                continue  # "Engineers found ...": a common noun that opens the sentence
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            if _DEMONYM.search(folded) and following[:1].islower():
                continue  # "Norvish minister", "American officials": an adjective, not the name
            found.append(folded)
        elif folded not in SUBJECT_FILLER:
            break
    keys = {n for n in found if n not in ROLE_HEADS and n not in _NOT_SUBJECT_NAMES}
    return frozenset(keys) or None


# Parts of speech that carry what is said of someone (function words and pronouns say nothing of it); of the
# adverbs, those that say how sure or whose it is ("reportedly", "likely") are left out too (see content_lemmas).
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})


def fact_tokens(fact: GroundedFact, parses: Parses) -> list[tuple[ParsedSentence, list[int]]]:
    """The parsed sentences of a fact's quote, each with the indices of its tokens inside the quote's span; for a
    part the code cut from a sentence (its statement is its reading: the sentence's own words in order), the tokens
    of that reading ("He sought repeal of the levy" holds "He sought" though its quote is "repeal of the levy")."""
    found = []
    for sentence_id in fact.sentence_ids:
        parsed = parses.get((fact.article_id, sentence_id))
        if parsed is None:
            continue
        if fact.split_from is not None:
            first, last = parsed.tokens[0].start, parsed.tokens[-1].end
            inside = _reading_tokens(parsed, parsed.within(first, last), fact.fact.statement)
        else:
            inside = parsed.within(fact.start, fact.end)
        if inside:
            found.append((parsed, inside))
    return found


def _reading_tokens(parsed: ParsedSentence, indices: Sequence[int], reading: str) -> list[int]:
    """The sentence's tokens that make up a reading of its words in their order: each written word of the sentence
    (its tokens with no space between: "Maduro's", "U.S.") taken when it spells the reading's next word (a reading
    only ever leaves words out)."""
    wanted = [letters for word in reading.split() if (letters := _letters(word))]
    written: list[list[int]] = []
    for index in indices:
        if written and parsed.tokens[written[-1][-1]].end == parsed.tokens[index].start:
            written[-1].append(index)
        else:
            written.append([index])
    found, at = [], 0
    for word in written:
        if at < len(wanted) and "".join(_letters(parsed.tokens[i].text) for i in word) == wanted[at]:
            found += word
            at += 1
    return found


def _letters(text: str) -> str:
    return "".join(c for c in normalize(text).text if c.isalnum())


# Dependents that set a scene before the clause's subject ("In a surprising turn, ...", "During the talks, ...").
SCENE_DEPS = frozenset({"prep", "advmod", "npadvmod", "advcl", "obl"})


def content_lemmas(parsed: ParsedSentence, indices: Sequence[int]) -> frozenset[str]:
    """What a quote says of its subject, as the dictionary forms of its content words ("requested" and "requests"
    are one: "request"), folded. Left out: the subject itself (the subject guard compares who), the titles in a
    name ("former US President"), numbers (compared as values), and a scene-setting phrase before the subject
    ("In a surprising turn, ..."): words many facts of one story share without stating one thing."""
    skipped = _scene_setting(parsed, indices) | _subjects(parsed, indices) | _offices(parsed, indices)
    found = set()
    for index in indices:
        token = parsed.tokens[index]
        if index in skipped or token.pos not in CONTENT_POS or _in_a_name(parsed, index):
            continue
        if token.pos == "ADV" and (token.lemma in HEARSAY_ADVERBS or token.lemma in HEDGE_ADVERBS):
            continue
        lemma = normalize(token.lemma).text
        if lemma and lemma not in STOPWORDS and lemma not in GENERIC_WORDS and any(c.isalpha() for c in lemma):
            found.add(lemma)
    return frozenset(found)



def _subjects(parsed: ParsedSentence, indices: Sequence[int]) -> set[int]:
    """The names in the subjects of the clauses a quote holds ("Governor Lena Ruiz"): who, not what. A subject
    that names nobody ("The repairs will cost ...") is what the quote is about, and stays."""
    chosen = set(indices)
    subject = {i for s in chosen if parsed.tokens[s].dep in ("nsubj", "nsubjpass") for i in parsed.subtree(s)}
    return {i for i in subject & chosen if parsed.tokens[i].pos == "PROPN" or parsed.tokens[i].entity in _NAMED}


# Entity types that name someone or something that acts (people, countries, organisations, nationalities).
_NAMED = frozenset({"PERSON", "GPE", "ORG", "NORP"})


def _offices(parsed: ParsedSentence, indices: Sequence[int]) -> set[int]:
    """The words of an office given someone, with what it is an office of: "chief executive of the port authority"
    beside a name, "Port authority chairman" before one."""
    found: set[int] = set()
    for index in indices:
        token = parsed.tokens[index]
        if token.lemma in _OFFICE_WORDS and token.dep in ("appos", "compound", "nmod", "amod", "attr"):
            found.update(parsed.subtree(index))
    return found


def _in_a_name(parsed: ParsedSentence, index: int) -> bool:
    """A word that is part of how someone is named: "former" and "President" in "former US President Ana Lind",
    or an office anywhere ("Ana Lind, the port's chief executive,"): who someone is, not what is said of them."""
    token = parsed.tokens[index]
    head = parsed.tokens[token.head]
    if token.lemma in _OFFICE_WORDS:
        return True
    return token.dep in ("amod", "compound") and token.pos != "PROPN" and head.entity == "PERSON"


# The words of the offices lexicon.ROLE_HEADS names ("chief", "executive", "president", "minister"); not the words
# that only describe ("leader", "official", "head"), which also say what a fact is about ("100 officials").
_OFFICE_WORDS = frozenset(
    word for head, role in ROLE_HEADS.items() if role != "generic" for word in head.replace("-", " ").split()
)


def _scene_setting(parsed: ParsedSentence, indices: Sequence[int]) -> set[int]:
    """Tokens of an adjunct that opens a clause before its subject and a comma: "During the November talks, ..."."""
    scene: set[int] = set()
    for head in parsed.top(list(indices)):
        children = parsed.children(head)
        subject = next((c for c in children if parsed.tokens[c].dep in ("nsubj", "nsubjpass")), head)
        for child in children:
            if child < subject and parsed.tokens[child].dep in SCENE_DEPS:
                span = parsed.subtree(child)
                after = span[-1] + 1
                if after < len(parsed.tokens) and parsed.tokens[after].text == ",":
                    scene.update(span)
    return scene


def fact_features(
    fact: GroundedFact,
    published: date | None,
    names: frozenset[str] | None = None,
    syntax: Sequence[tuple[ParsedSentence, list[int]]] = (),
) -> FactFeatures:
    """The features of one fact, from its verified quote (never from the model's statement); `published` is the
    date of the text the quote stands in, which "yesterday" is read against; `syntax`, the quote's parsed tokens
    (fact_tokens), gives what it says as lemmas."""
    # A dateline ("ESTERMOUTH, Nov 4 (Coastline Wire) - ") says where and by whom a text was filed, not what it
    # reports: two wire stories share its words whatever they report.
    lead = dateline_length(fact.quote)
    found = tuple(m for m in mentions(fact.quote) if m.start >= lead)
    negated, modal, commentary, attributed = False, None, None, False
    if syntax:
        dateline = range(fact.start, fact.start + lead)
        stems = frozenset().union(*(
            content_lemmas(parsed, [i for i in indices if parsed.tokens[i].start not in dateline])
            for parsed, indices in syntax
        ))
        # The stance is its quote's (its own words, not its reading's: a list item's reading holds the other
        # clauses' verbs); a quote over two sentences is read in the first.
        parsed = syntax[0][0]
        stance = read_stance(parsed, max(fact.start, parsed.tokens[0].start), min(fact.end, parsed.tokens[-1].end))
        negated = stance.negated
        # Only a hedge of the writer's marks what might be, not what is: "could close" against "closed". In reported
        # words it is the speaker's ("he said he would leave"), and "believed to have", "expected to" report a
        # belief, not a guess.
        modal = stance.modal if stance.modal in SPECULATION and not stance.attributed else None
        commentary = stance.commentary.value if stance.commentary is not None else None
        attributed = stance.attributed
    else:
        # Words of a scene-setting opening ("During the November phone call, ...") are shared by many facts of one
        # story; what the clause itself says is what two facts must share.
        clause = _OPENING.sub("", fact.quote[lead:].strip(), count=1)
        stems = frozenset(word[:STEM_CHARS] for word in content_words(clause) if word not in GENERIC_WORDS)
    roles = tuple(
        (m.key.split()[-1], ("former " if m.former else "") + m.role) for m in found if m.role and m.role != "generic"
    )
    readings = read_dates(fact.quote, published)
    return FactFeatures(
        quantities=tuple(quantities(fact.quote)),
        dates=tuple(r.value for r in readings if r.value is not None),
        mentions=found,
        subjects=subjects(fact.quote[lead:], names),
        stems=stems,
        roles=roles,
        calendar_days=frozenset(r.calendar_day for r in readings if r.calendar_day is not None),
        negated=negated,
        modal=modal,
        commentary=commentary,
        attributed=attributed,
    )


def read_features(
    facts: Sequence[GroundedFact],
    published: Mapping[str, date | None],
    parses: Parses | None = None,
    who: Who | None = None,
) -> dict[str, FactFeatures]:
    """Every fact's features by fact ID. `published` maps a fact's ID (else its article's) to the date of the text
    it stands in; the names known across all the quotes decide which capitalised openings are names; `parses`
    (parse.parse_articles) give the quotes' syntax, and `who` (actors.who_is_who) resolves their subjects to
    actors, where a build has them."""
    names = known_names(f.quote for f in facts)
    features: dict[str, FactFeatures] = {}
    if parses is not None:
        for fact in facts:
            when = published.get(fact.id, published.get(fact.article_id))
            parsed = fact_features(fact, when, names, fact_tokens(fact, parses))
            if who is not None:  # the subject read on the parse, names resolved through the articles' own text
                parsed = replace(
                    parsed, subjects=fact_actors(fact, parses, who), speaker_only=speaker_only(fact, parses, who)
                )
            features[fact.id] = parsed
        return features
    # fact_features reads a fact's quote and nothing else of it: facts quoting the same words in texts of one date
    # (copies of a story) share what is read once.
    read: dict[tuple[str, date | None], FactFeatures] = {}
    for fact in facts:
        when = published.get(fact.id, published.get(fact.article_id))
        if (found := read.get((fact.quote, when))) is None:
            found = read[fact.quote, when] = fact_features(fact, when, names)
        features[fact.id] = found
    return features
