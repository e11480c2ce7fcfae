"""What the stages after grounding read in a fact (figures, dates, people, subject, words), read once per build
and handed to matching, merge and cross-check, so none of them reads a quote again. Pure.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .entities import ROLE_HEADS, Mention, mentions
from .lexicon import GENERIC_WORDS, SUBJECT_FILLER, SUBJECT_PREAMBLE_OPENERS, SUBJECT_PRONOUNS, UNNAMED_SUBJECTS
from .models import GroundedFact
from .textnorm import content_words
from .values import Value, quantities, read_dates

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
    """

    quantities: tuple[Value, ...]
    dates: tuple[Value, ...]
    mentions: tuple[Mention, ...] = ()
    subjects: frozenset[str] | None = None
    stems: frozenset[str] = frozenset()
    roles: tuple[tuple[str, str], ...] = ()
    calendar_days: frozenset[tuple[int, int]] = frozenset()

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


def fact_features(fact: GroundedFact, published: date | None, names: frozenset[str] | None = None) -> FactFeatures:
    """The features of one fact, from its verified quote (never from the model's statement); `published` is the
    date of the text the quote stands in, which "yesterday" is read against."""
    found = mentions(fact.quote)
    # Words of a scene-setting opening ("During the November phone call, ...") are shared by many facts of one
    # story; what the clause itself says is what two facts must share.
    clause = _OPENING.sub("", fact.quote.strip(), count=1)
    stems = frozenset(word[:STEM_CHARS] for word in content_words(clause) if word not in GENERIC_WORDS)
    roles = tuple(
        (m.key.split()[-1], ("former " if m.former else "") + m.role) for m in found if m.role and m.role != "generic"
    )
    readings = read_dates(fact.quote, published)
    return FactFeatures(
        quantities=tuple(quantities(fact.quote)),
        dates=tuple(r.value for r in readings if r.value is not None),
        mentions=found,
        subjects=subjects(fact.quote, names),
        stems=stems,
        roles=roles,
        calendar_days=frozenset(r.calendar_day for r in readings if r.calendar_day is not None),
    )


def read_features(facts: Sequence[GroundedFact], published: Mapping[str, date | None]) -> dict[str, FactFeatures]:
    """Every fact's features by fact ID. `published` maps a fact's ID (else its article's) to the date of the text
    it stands in; the names known across all the quotes decide which capitalised openings are names."""
    names = known_names(f.quote for f in facts)
    # fact_features reads a fact's quote and nothing else of it: facts quoting the same words in texts of one date
    # (copies of a story) share what is read once.
    read: dict[tuple[str, date | None], FactFeatures] = {}
    features: dict[str, FactFeatures] = {}
    for fact in facts:
        when = published.get(fact.id, published.get(fact.article_id))
        if (found := read.get((fact.quote, when))) is None:
            found = read[fact.quote, when] = fact_features(fact, when, names)
        features[fact.id] = found
    return features
