"""The deterministic checks on a proposed same-fact pair: what the code, not the model, can tell. Pure.

A guard either vetoes a pair (the two quotes cannot state one fact: different actors, one side negated or hedged,
too little in common) or lets it by; what the two quotes state differently about one thing (a figure, a date, a
person's office, a deadline) is no veto but a dispute: if they are one fact, the claim carries that conflict.
Every check's result is kept in words for the join's basis, and the veto as a typed `Guard`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..checks.deadlines import time_frame
from ..facts.features import FactFeatures
from ..models import GroundedFact, Guard
from ..text.actors import Who
from ..text.doers import compatible
from ..text.values import Value, ValueKind, by_kind, figure_clash

COMMON_SHARE = 0.1  # a stem in a tenth of all facts is the story's ("pressure", "call"), not a fact's
COMMON_MIN_FACTS = 3
# Content words two quotes must share beyond the story's common ones: one when both name one subject (the actor
# says who; the word says what), two when either names nobody ("The differences appear vast" and "the talks
# failed" share a word and nothing else). One exact figure or date both state is enough by itself: a checkable
# value two sources give is evidence of one event (the writer's commentary rarely states one); so is one shared
# word with two values of one kind given for it ("an ultimatum ... within one week" / "an ultimatum ... at once").
SHARED_WITH_SUBJECT = 1
SHARED_WITHOUT_SUBJECT = 2
SHARED_VALUE = "the same figure or day stated"  # a check's words that put a join first (see joining.py)


def common_stems(features: Sequence[FactFeatures]) -> frozenset[str]:
    """Stems so frequent in this corpus (the story's own names: "ruiz", "orrin") that sharing them says nothing."""
    counts = Counter(stem for f in features for stem in f.stems)
    floor = max(COMMON_MIN_FACTS, COMMON_SHARE * len(features))
    return frozenset(stem for stem, count in counts.items() if count >= floor)


def value_keys(read: FactFeatures) -> frozenset[tuple[str, str, float, float]]:
    """The exact figures and dates a fact states, and each day of a month it names even where no publication
    date gives its year ("on November 21"): two facts sharing one are likely about one event."""
    keys = {(v.kind.value, v.unit, v.low, v.high) for v in read.values}
    return frozenset(keys | {("calendar day", "", float(month), float(day)) for month, day in read.calendar_days})


@dataclass(frozen=True)
class Profile:
    """What the guards compare in one fact, derived once per fact, not once per pair."""

    features: FactFeatures
    stems: frozenset[str]  # without the story's common stems
    keys: frozenset[tuple[str, str, float, float]]  # value_keys
    grouped: dict[tuple[ValueKind, str], list[Value]]  # values.by_kind of its figures and dates
    kinds: frozenset[str]  # the kinds of its figures and dates
    frame: tuple[str, int] | None  # the one deadline it gives ("within one week"), in minutes
    who: Who | None = None  # the build's who-is-who, which tells whether two subjects may be one actor

    @classmethod
    def of(cls, fact: GroundedFact, features: FactFeatures, common: frozenset[str], who: Who | None = None) -> Profile:
        grouped = by_kind(features.values)
        kinds = frozenset(kind.value for kind, _ in grouped)
        frame = time_frame(fact.quote)
        return cls(features, features.stems - common, value_keys(features), grouped, kinds, frame, who)


# The vetoes that show two facts differ (another actor, one side negated or hedged, the writer's own reading), as
# against too little in common (SHARED_WORDS) or figures of different kinds (FIGURES: "stopped work on 3 May after
# rejecting a 4 per cent offer" and "1,400 dockers walked out": the figures are of other clauses), which only say
# the pair alone is no evidence: two members of one claim may still both state its fact.
DIFFERENT = frozenset({Guard.SUBJECT, Guard.NEGATION, Guard.MODALITY, Guard.COMMENTARY})


@dataclass(frozen=True)
class Checked:
    """Every guard's result on one pair.

    Attributes:
        words: each check's result in words, for the join's basis ("words shared: sanct, lifted").
        veto: the first guard that forbids the join, or None.
        disputes: what the two quotes state differently about one thing (figures, dates, offices, deadlines): if
            they are one fact, a conflict to show with the claim.
        shared_value: both state one exact figure, date or day of a month.
        values: of the disputes, those about the fact itself (a figure, a date, a deadline), not about who someone
            is (an office): two quotes that give the fact's own values differently are one fact only where the
            judge says they disagree ("conflict"), never on a plain "yes".
    """

    words: tuple[str, ...]
    veto: Guard | None
    disputes: tuple[str, ...] = ()
    shared_value: bool = False
    values: tuple[str, ...] = ()

    @property
    def differ(self) -> bool:
        """A guard found the two to be different facts (not merely too little in common)."""
        return self.veto in DIFFERENT


def check(mine: Profile, theirs: Profile) -> Checked:
    """Every guard on a pair of facts (the order of the two does not matter)."""
    left, right = mine.features, theirs.features
    words: list[str] = []
    veto: Guard | None = None

    def forbid(guard: Guard, why: str) -> None:
        nonlocal veto
        words.append(why)
        if veto is None or (veto not in DIFFERENT and guard in DIFFERENT):
            veto = guard  # a guard that shows the two differ says more than one that finds too little in common

    if left.commentary or right.commentary:
        forbid(Guard.COMMENTARY, f"the writer's own reading: {left.commentary or right.commentary}")
    if left.negated != right.negated:
        forbid(Guard.NEGATION, "negated on one side only")
    if (left.modal is None) != (right.modal is None):
        forbid(Guard.MODALITY, f"hedged on one side only ({left.modal or right.modal})")
    named = left.subjects is not None and right.subjects is not None
    who = mine.who or theirs.who
    if who is not None:  # aliases resolved: a country and its leader, a surname and the full name
        match = compatible(left.subjects, right.subjects, who)
        if match.compatible:
            words.append(match.reason)
        else:
            forbid(Guard.SUBJECT, match.reason)
    elif not named:
        words.append("subjects: not both named")
    elif left.subjects and right.subjects and left.subjects & right.subjects:
        words.append("subjects shared: " + ", ".join(sorted(left.subjects & right.subjects)))
    else:
        forbid(Guard.SUBJECT, f"subjects differ: {', '.join(sorted(left.subjects or ()))} / "
                              f"{', '.join(sorted(right.subjects or ()))}")  # fmt: skip
    shared = sorted(mine.stems & theirs.stems)
    shared_value = bool(mine.keys & theirs.keys)
    # Two things one speaker said name only the speaker: what was said must share as much as two unnamed facts.
    said = left.speaker_only or right.speaker_only
    needed = SHARED_WITH_SUBJECT if named and not said else SHARED_WITHOUT_SUBJECT
    clash = figure_clash(mine.grouped, theirs.grouped) if mine.grouped and theirs.grouped else None
    values = ([clash] if clash else []) + _deadline(mine, theirs)  # what the fact itself gives differently
    offices = _offices(mine, theirs)  # who someone is, said differently
    # Two values of one kind given for one thing (two deadlines, two head counts) are evidence of one fact too.
    if len(shared) < needed and not shared_value and not (shared and (values or offices)):
        forbid(Guard.SHARED_WORDS, f"{len(shared)} word(s) shared beyond the story's common ones, {needed} needed"
                                   + (f": {', '.join(shared)}" if shared else ""))  # fmt: skip
    elif shared:
        words.append("words shared: " + ", ".join(shared[:6]))
    if mine.kinds and theirs.kinds and not mine.kinds & theirs.kinds:
        forbid(Guard.FIGURES, f"figures of different kinds: {', '.join(sorted(mine.kinds))} / "
                              f"{', '.join(sorted(theirs.kinds))}")  # fmt: skip
    elif mine.grouped and theirs.grouped and clash is None:
        words.append("figures compatible")
    disputes = values + offices
    words.extend(disputes)
    if shared_value and not disputes:
        words.append(SHARED_VALUE)
    return Checked(tuple(words), veto, tuple(disputes), shared_value and not disputes, tuple(values))


def _offices(mine: Profile, theirs: Profile) -> list[str]:
    """One person given two offices."""
    left, right = mine.features.roles, theirs.features.roles
    offices = sorted({f"{name}: {a} / {b}" for name, a in left for other, b in right if name == other and a != b})
    return ["roles differ: " + "; ".join(offices)] if offices else []


def _deadline(mine: Profile, theirs: Profile) -> list[str]:
    """Two deadlines."""
    if mine.frame and theirs.frame and mine.frame[1] != theirs.frame[1]:
        return [f"deadlines differ: {mine.frame[0]} / {theirs.frame[0]}"]
    return []
