"""Numbers, money, percentages, durations and dates in evidence text, as comparable intervals. Pure.

Dates relative to publication ("yesterday", "on Monday", "tomorrow") and days without a year ("November 21")
resolve against the publication date of the text they stand in, forward or back by the sentence's tense;
anything vague stays an interval. Without that date they stay unresolved: a year is never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from ..memo import per_build
from .lexicon import (
    CLAUSE_BREAKS,
    DURATION_MINUTES,
    FUTURE_MARKERS,
    QUALIFIERS,
    RELATIVE_DAYS,
    RELATIVE_STEPS,
    RELATIVE_UNIT_DAYS,
    SCALES,
    WEEKDAYS,
    WORD_NUMBERS,
)
from .normalize import MONTH_PATTERN, CaselessPattern

APPROXIMATE = 0.05  # "about 1,400" spans 1,330..1,470
# Currency signs before a figure and the currency each stands for (signs, not words: not in the lexicon).
_CURRENCY = {"$": "USD", "£": "GBP", "€": "EUR", "us$": "USD"}
_QUALIFIER = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
_NUMBER_WORD = "|".join(WORD_NUMBERS)
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_DURATION = "|".join(DURATION_MINUTES)
# A quantity starts at a word boundary or a currency sign: "over" inside "moreover" is no qualifier, "380" in
# "A380" no count; and the engine skips mid-word positions at once (half the time of the pattern without it).
# Caseless patterns (this one, _DATE and _FUTURE): their groups are only read lowered; words as written are cut
# from the text.
_QUANTITY = CaselessPattern(
    rf"(?:\b|(?=[$£€]))(?:(?P<qual>{_QUALIFIER})\s+)?(?P<cur>us\$|[$£€])?\s?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{_NUMBER_WORD})\b)(?![\d,.]\d)"
    rf"(?:\s?(?P<scale>{_SCALE})\b)?"
    r"(?P<pct>\s?(?:%|per ?cent\b))?"
    rf"(?:[\s-](?P<dur>{_DURATION})s?\b)?"
)
_NOUN = re.compile(r"\s*(?:[a-z-]+\s+){0,2}?(?P<noun>[a-z]+s)\b")


class ValueKind(StrEnum):
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    DURATION = "duration"  # in minutes
    DATE = "date"  # ordinal days


@dataclass(frozen=True)
class Value:
    """A quantity as an interval [low, high], where in the text it stands, and what it counts."""

    kind: ValueKind
    low: float
    high: float
    text: str
    start: int
    end: int
    unit: str = ""  # the counted noun ("workers"), the currency, or "" for percentages and dates

    def overlaps(self, other: Value) -> bool:
        """True when the two intervals share any point (so the values are compatible)."""
        return self.low <= other.high and other.low <= self.high

    def label(self) -> str:
        """The value as a person reads it."""
        if self.kind == ValueKind.DATE:
            first, last = date.fromordinal(int(self.low)), date.fromordinal(int(self.high))
            return first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
        return self.text


def by_kind(values: Iterable[Value]) -> dict[tuple[ValueKind, str], list[Value]]:
    """The values grouped by kind and unit: only values of one kind and unit can clash."""
    groups: dict[tuple[ValueKind, str], list[Value]] = {}
    for value in values:
        groups.setdefault((value.kind, value.unit), []).append(value)
    return groups


def clashing_kind(
    left: Mapping[tuple[ValueKind, str], list[Value]], right: Mapping[tuple[ValueKind, str], list[Value]]
) -> tuple[ValueKind, str] | None:
    """The first kind and unit (in sorted order) both groupings give and of which no pair of values meets."""
    for key in sorted(left.keys() & right.keys()):
        theirs = right[key]  # Value.overlaps, written out: this runs for every pair of facts compared
        if not any(a.low <= b.high and b.low <= a.high for a in left[key] for b in theirs):
            return key
    return None


def figure_clash(
    mine: Mapping[tuple[ValueKind, str], list[Value]], theirs: Mapping[tuple[ValueKind, str], list[Value]]
) -> str | None:
    """How two quotes' figures (each grouped by by_kind, once a quote) cannot both be true, or None: values of
    one kind and unit of which no pair meets ("count differs: 31 / 44"). Such quotes are a conflict, never one
    fact."""
    key = clashing_kind(mine, theirs)
    return None if key is None else f"{key[0]} differs: {mine[key][0].label()} / {theirs[key][0].label()}"


def quantities(text: str) -> list[Value]:
    """Counts, money, percentages and durations in a text, each an interval."""
    return list(_quantities(text))


@per_build  # merge and cross-check read the figures of every quote
def _quantities(text: str) -> tuple[Value, ...]:
    found: list[Value] = []
    calendar_days: list[tuple[int, int]] | None = None  # read only when a number could be a day of a month
    for match in _QUANTITY.finditer(text):
        if len(match["num"]) <= 2 and match["num"].isdigit():  # "May 2,000 workers" is a count
            if calendar_days is None:
                calendar_days = [(m.start(), m.end()) for m in _date_matches(text, 0) if m["dm"] or m["md"]]
            # The day of "November 3" or "4 Nov" is a date, read by dates(), not a count of anything.
            if any(start <= match.start("num") < end for start, end in calendar_days):
                continue
        raw = match["num"].lower()
        if raw in WORD_NUMBERS and not (match["dur"] or match["pct"]):
            continue  # "one of the ..." is not a figure; "one week" is
        if _looks_like_year(match, text):
            continue
        number = float(WORD_NUMBERS.get(raw) or raw.replace(",", ""))
        number *= SCALES.get((match["scale"] or "").lower(), 1)
        kind, unit = _kind_and_unit(match, text)
        if kind == ValueKind.DURATION:
            number *= DURATION_MINUTES[match["dur"].lower()]
        low, high = _bounds(number, QUALIFIERS.get((match["qual"] or "").lower()))
        raw_text = match.group()
        start = match.start() + len(raw_text) - len(raw_text.lstrip())
        end = match.end() - (len(raw_text) - len(raw_text.rstrip()))
        found.append(Value(kind, low, high, text[start:end], start, end, unit))
    return tuple(found)


def _looks_like_year(match: re.Match[str], text: str) -> bool:
    plain = match["num"].isdigit() and len(match["num"]) == 4 and 1900 <= int(match["num"]) <= 2100
    return plain and not (
        match["cur"] or match["pct"] or match["scale"] or match["dur"] or _following_noun(text, match.end())
    )


def _following_noun(text: str, end: int) -> str:
    noun = _NOUN.match(text[end:].lower())
    return noun["noun"] if noun else ""


def _kind_and_unit(match: re.Match[str], text: str) -> tuple[ValueKind, str]:
    if match["cur"]:
        return ValueKind.MONEY, _CURRENCY[match["cur"].lower()]
    if match["pct"]:
        return ValueKind.PERCENT, ""
    if match["dur"]:
        return ValueKind.DURATION, ""
    return ValueKind.COUNT, _following_noun(text, match.end())


def _bounds(number: float, qualifier: str | None) -> tuple[float, float]:
    if qualifier == "approx":
        return number * (1 - APPROXIMATE), number * (1 + APPROXIMATE)
    if qualifier == "min":
        return number, float("inf")
    if qualifier == "max":
        return 0.0, number
    return number, number


# --- dates ---------------------------------------------------------------------------------------------------

_MONTHS = MONTH_PATTERN
_WEEKDAYS = "|".join(WEEKDAYS)
_DATE = CaselessPattern(
    rf"\b(?:(?P<dm>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?(?:,?\s+\d{{4}})?)"
    rf"|(?P<md>(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
    rf"|(?P<wd>(?:on|since|last|next|this|by)\s+(?:{_WEEKDAYS})(?:\s+(?:morning|afternoon|evening|night))?)"
    r"|(?P<rel>yesterday|today|tomorrow|last (?:week|month|year)|next (?:week|month|year)|this (?:week|month|year)"
    r"|(?:about |some )?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten) (?:days?|weeks?|months?) ago))\b",
)
_FUTURE = CaselessPattern(rf"\b({'|'.join(FUTURE_MARKERS)})\b")
_CLAUSE_BREAK = re.compile(rf"[,;:\u2013\u2014]|\s-\s|\b(?:{'|'.join(CLAUSE_BREAKS)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateReading:
    """A date phrase of a text and how it was read, so an editor can check it.

    Attributes:
        phrase, start, end: the words as written and where they stand in the text.
        value: the day or interval; None when the phrase is unresolved (it names no year, or is relative,
            and the text has no publication date to read it against).
        base: the publication date it was read against; None when the phrase names its own year.
        calendar_day: (month, day) when the phrase names a day of a month, whether or not a year resolves it.
    """

    phrase: str
    start: int
    end: int
    value: Value | None
    base: date | None
    calendar_day: tuple[int, int] | None = None

    @property
    def resolved(self) -> bool:
        """True when the phrase was read as a day or an interval."""
        return self.value is not None

    @property
    def basis(self) -> str:
        """Why the phrase reads as it does, in words."""
        if self.value is None:
            names_year = re.search(r"\d{4}", self.phrase)
            why = "not a day" if names_year or self.base else "no publication date to read it against"
            return f"'{self.phrase}' unresolved: {why}"
        if self.base is None:
            return f"'{self.phrase}' names its year"
        return f"'{self.phrase}' read against the publication date {self.base.isoformat()}"


def read_dates(text: str, published: date | None) -> list[DateReading]:
    """Every date phrase of a text, each resolved against `published` (the date of the text it stands in) or
    marked unresolved; never against a guessed year."""
    return list(_read_dates(text, published))


_LEADING_DATELINE = re.compile(r"^[^\n()]{0,60}?\(\s*[^()\n]{2,40}\)\s*[-\u2013\u2014]\s")


def dateline_length(text: str) -> int:
    """How many characters of `text` a leading dateline takes ("CARACAS, Dec 1 (Reuters) - "), else 0."""
    dateline = _LEADING_DATELINE.match(text)
    return dateline.end() if dateline else 0


@per_build
def _read_dates(text: str, published: date | None) -> tuple[DateReading, ...]:
    found: list[DateReading] = []
    # A dateline ("CARACAS, Dec 1 (Reuters) -") dates the text, it reports no event: its date is the article's
    # publication date (sources.py reads it as that), never a date the quote states.
    dateline = _LEADING_DATELINE.match(text)
    for match in _date_matches(text, dateline.end() if dateline else 0):
        phrase = text[match.start() : match.end()]  # as written (the match may be of the text lowered)
        interval = _resolve(match, published, _in_the_future(text, match.start(), match.end()))
        value = None
        if interval is not None:
            value = Value(ValueKind.DATE, interval[0].toordinal(), interval[1].toordinal(), phrase, match.start(),
                          match.end())  # fmt: skip
        base = None if _names_year(match) else published
        day = _calendar_day(match.group().lower()) if match["dm"] or match["md"] else None
        calendar_day = (day[1], day[2]) if day is not None else None
        found.append(DateReading(phrase, match.start(), match.end(), value, base, calendar_day))
    return tuple(found)


@per_build  # quantities() and read_dates() both read the date phrases of every quote (from its start, mostly)
def _date_matches(text: str, start: int) -> tuple[re.Match[str], ...]:
    return tuple(_DATE.finditer(text, start))


def dates(text: str, published: date | None) -> list[Value]:
    """The resolved dates of a text as day intervals; unresolved phrases are left out (see `read_dates`)."""
    return [r.value for r in _read_dates(text, published) if r.value is not None]


def _names_year(match: re.Match[str]) -> bool:
    return bool((match["dm"] or match["md"]) and re.search(r"\d{4}", match.group()))


def _in_the_future(text: str, start: int, end: int) -> bool:
    """A future word in the clause the date phrase at start..end stands in (bounded by punctuation and clause
    words, CLAUSE_BREAKS): "talks will resume on Monday", not "said on Monday that she would resign"."""
    breaks = [m for m in _CLAUSE_BREAK.finditer(text)]
    left = max((m.end() for m in breaks if m.end() <= start), default=0)
    right = min((m.start() for m in breaks if m.start() >= end), default=len(text))
    return bool(_FUTURE.search(text[left:right]))


def _resolve(match: re.Match[str], published: date | None, future: bool) -> tuple[date, date] | None:
    phrase = match.group().lower()
    if match["dm"] or match["md"]:
        found = _calendar_day(phrase)
        if found is None:
            return None
        year, month, day = found
        if year is not None:
            return date(year, month, day), date(year, month, day)
        if published is None:
            return None
        # A month and day without a year: the one nearest the publication date, whatever the tense.
        years = [published.year + k for k in (-1, 0, 1) if _valid(month, day, published.year + k)]
        candidates = [date(year, month, day) for year in years]
        nearest = min(candidates, key=lambda d: abs((d - published).days))
        return nearest, nearest
    if published is None:
        return None
    if match["wd"]:
        weekday = next(d for d in WEEKDAYS if d in phrase)
        ahead = phrase.startswith("next") or (future and not phrase.startswith(("last", "since")))
        on = _nearest_weekday(published, weekday, ahead)
        return on, on
    return _relative(phrase, published)


@per_build  # the same few phrases recur across a corpus; dateparser is the costly part
def _calendar_day(phrase: str) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a phrase naming a day of a month; the year only when the phrase gives one.

    Read once per phrase, whatever the publication date: the nearest year is chosen afterwards, so a corpus of
    many publication dates asks dateparser once for "November 5", not once for each date.
    """
    import dateparser

    # A leap year's last day as the base: "February 29" without a year reads as a day, as it may be one.
    settings = {"RELATIVE_BASE": datetime(2000, 12, 31), "PREFER_DATES_FROM": "past",
                "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}  # fmt: skip
    # Only a number's ordinal ending goes ("3rd"): "august" keeps its "st".
    parsed = dateparser.parse(re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", phrase), languages=["en"], settings=settings)
    if parsed is None:
        return None
    return (parsed.year if re.search(r"\d{4}", phrase) else None), parsed.month, parsed.day


def _valid(month: int, day: int, year: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _nearest_weekday(published: date, weekday: str, ahead: bool) -> date:
    target = WEEKDAYS.index(weekday)
    # "On Monday" in an article published on a Monday is that day; "next Monday" is a week on.
    if ahead:
        return published + timedelta(days=(target - published.weekday()) % 7 or 7)
    return published - timedelta(days=(published.weekday() - target) % 7)


def _relative(phrase: str, published: date) -> tuple[date, date] | None:
    if phrase in RELATIVE_DAYS:
        day = published + timedelta(days=RELATIVE_DAYS[phrase])
        return day, day
    if phrase.endswith("ago"):
        words = phrase.replace("about ", "").replace("some ", "").split()
        count = WORD_NUMBERS.get(words[0]) or (1 if words[0] == "a" else int(words[0]))
        days = count * RELATIVE_UNIT_DAYS[words[1].rstrip("s")]
        slack = 0 if words[1].startswith("day") and not phrase.startswith(("about", "some")) else max(1, days // 4)
        return published - timedelta(days=days + slack), published - timedelta(days=max(0, days - slack))
    direction, unit = phrase.split()
    step = RELATIVE_STEPS[direction]
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + step
        first = date(month_index // 12, month_index % 12 + 1, 1)
        following = date((month_index + 1) // 12, (month_index + 1) % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return date(published.year + step, 1, 1), date(published.year + step, 12, 31)
