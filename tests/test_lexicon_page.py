"""Word lists of the families "page lines", "values" and "parts" (lexicon.py), each entry decided by a sentence of
our own: content words, a figure's context and names (normalize, checks/figures.py, checks/crosscheck.py), figures,
durations and dates (values.py), what is no reported fact or is cut off (reading.py), which claim line leans on the
sentence before it (merge.py), where a narrowed quote starts (ground.py) and how a parsed sentence is cut into
parts (parts.py, clausecues.py, adjuncts.py, coordination.py).

Every sentence is about invented ports, councils, unions and clubs; each contrast is the same sentence with the
entry swapped for another word (or dropped), and the probe of its list answers differently on the two. The dates
are read against a publication date of Wednesday 12 March 2025.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

import pytest

from briefing.checks.crosscheck import _capitalised
from briefing.checks.figures import _context
from briefing.facts.evidence import states
from briefing.facts.ground import narrow
from briefing.facts.parts import atomic_parts
from briefing.matching.merge import merge_facts
from briefing.model.parse import Parser
from briefing.models import GroundedFact, JoinBasis, JoinRule, MatchStatus, RawFact, Verdict
from briefing.text.entities import mentions
from briefing.text.furniture import not_a_fact
from briefing.text.lexicon import QUALIFIERS
from briefing.text.normalize import content_words
from briefing.text.reading import cut_off
from briefing.text.values import quantities, read_dates

from .lexicon_cases import Case, decides

PUBLISHED = date(2025, 3, 12)  # a Wednesday

CASES: list[Case] = []
# What the probe of a case's list answers on its sentence, where it is clear which way (by Case.id).
EXPECTED: dict[str, Any] = {}
# The statement a narrowing case supports (ground.narrow keeps the shortest run of parts that states it).
STATEMENTS: dict[str, str] = {}
_UNSET = object()


def add(name: str, entry: str, sentence: str, contrast: str, expected: Any = _UNSET) -> None:
    """A case with an explicit contrast."""
    case = Case(name, entry, sentence, contrast)
    CASES.append(case)
    if expected is not _UNSET:
        EXPECTED[case.id] = expected


def swap(name: str, entry: str, sentence: str, other: str, expected: Any = _UNSET) -> None:
    """A case whose contrast is the sentence with its one occurrence of the entry replaced by `other` (an empty
    `other` drops it), keeping a capital first letter."""
    pattern = re.compile(rf"(?<![\w']){re.escape(entry)}(?![\w'])", re.IGNORECASE)
    [found] = pattern.findall(sentence)

    def replace(match: re.Match[str]) -> str:
        return other[:1].upper() + other[1:] if found[:1].isupper() else other

    contrast = " ".join(pattern.sub(replace, sentence).split()).replace(" .", ".")
    add(name, entry, sentence, contrast, expected)


def each(name: str, rows: list[tuple[str, str, str]], expected: Callable[[str], Any] | None = None) -> None:
    """swap() for rows of (entry, sentence, other); `expected` gives the probe's answer on the sentence."""
    for entry, sentence, other in rows:
        swap(name, entry, sentence, other, _UNSET if expected is None else expected(entry))


# Entries no sentence of ours can decide (another entry or rule already decides the same), and entries that decide
# wrongly on ordinary English ("WRONG ...": their case is kept as well; the sentences are in WRONG_* below).
UNDECIDED: dict[str, str] = {
}


# --- normalize: STOPWORDS ---------------------------------------------------------------------------------------

each("STOPWORDS", [
    ("a", "Ilves signed a lease on the north pier.", "one"),
    ("an", "The port opened an inquiry into the collapse.", "one"),
    ("the", "Dunmore council approved plans for the pier on Monday.", "each"),
    ("and", "Dockers and crane drivers joined the strike.", "plus"),
    ("or", "The club hopes to sell two or three players in June.", "plus"),
    ("but", "The union accepted the offer but rejected the new rota.", "yet"),
    ("of", "A third of the dockers voted to strike.", "among"),
    ("to", "The ferry returned to Dunmore on Friday.", "towards"),
    ("in", "The pier closed in March after the storm.", "until"),
    ("on", "The council voted on Tuesday to close the pier.", "last"),
    ("at", "Crews gathered at the harbour gates.", "outside"),
    ("by", "The lease was signed by the mayor.", "without"),
    ("for", "The port paid for the repairs.", "toward"),
    ("with", "Ilves met with the harbour board.", "alongside"),
    ("from", "The ferry sailed from Dunmore at dawn.", "past"),
    ("as", "Ilves served as harbour master for ten years.", "like"),
    ("is", "The pier is closed to traffic.", "stays"),
    ("are", "The ferries are late again.", "ran"),
    ("was", "The lease was cancelled on Friday.", "got"),
    ("were", "Two dockers were injured in the fall.", "got"),
    ("be", "The pier will be closed for a month.", "stay"),
    ("been", "The pier has been closed for a month.", "stayed"),
    ("being", "The pier is being repaired after the storm.", "getting"),
    ("has", "The union has rejected the offer.", "just"),
    ("have", "The dockers have voted to strike.", "finally"),
    ("had", "The council had approved the plan in March.", "first"),
    ("that", "The council sold that pier in May.", "one"),
    ("this", "The strike began this week.", "last"),
    ("these", "These dockers voted to strike.", "many"),
    ("those", "Those dockers voted to strike.", "older"),
    ("it", "The council sold it in May.", "everything"),
    ("its", "The club sold its stadium.", "one"),
    ("their", "The dockers ended their strike.", "Monday's"),
    ("his", "Hale lost his seat on the board.", "one"),
    ("her", "Ilves kept her seat on the board.", "one"),
    ("they", "The dockers said they would strike.", "crews"),
    ("he", "Hale said he would resign.", "Ilves"),
    ("she", "Ilves said she would resign.", "Hale"),
    ("them", "The council paid them in March.", "everyone"),
    ("which", "The council chose which pier to close.", "one"),
    ("who", "Nobody knows who owns the pier.", "Dunmore"),
    ("whom", "The dockers, most of whom live in Dunmore, voted to strike.", "us"),
    ("whose", "Ilves, whose term ends in May, resigned.", "current"),
    ("what", "Nobody knows what the pier will cost.", "how"),
    ("when", "Nobody knows when the pier will reopen.", "whether"),
    ("where", "Nobody knows where the ferry sank.", "why"),
    ("will", "The pier will reopen in May.", "must"),
    ("would", "Ilves said the pier would reopen in May.", "must"),
    ("can", "The ferry can carry 300 passengers.", "must"),
    ("could", "The pier could reopen in May.", "must"),
    ("may", "The pier may reopen in June.", "must"),
    ("might", "The pier might reopen in June.", "must"),
    ("should", "The pier should reopen in June.", "must"),
    ("shall", "The board shall meet every month.", "must"),
    ("do", "The dockers do want a vote.", "really"),
    ("does", "The union does want a vote.", "really"),
    ("did", "The union did sign the deal.", "finally"),
    ("not", "The pier will not reopen in May.", "never"),
    ("no", "The council made no offer.", "one"),
    ("than", "The strike lasted longer than planned.", "beyond"),
    ("then", "The council met, then voted to close the pier.", "later"),
    ("there", "The ferry stopped there on Friday.", "here"),
    ("also", "The union also rejected the rota.", "again"),
    ("into", "The ferry crashed into the pier.", "against"),
    ("about", "Ilves spoke about the pier.", "regarding"),
    ("over", "The dispute over pay ended.", "regarding"),
    ("after", "The pier closed after the storm.", "following"),
    ("before", "The pier closed before the storm.", "following"),
    ("during", "The pier closed during the storm.", "amid"),
    ("while", "The pier closed while crews fixed the rails.", "until"),
    ("said", "Ilves said the pier will reopen.", "insisted"),
    ("says", "Ilves says the pier will reopen.", "insists"),
    ("say", "Officials say the pier will reopen.", "insist"),
    ("s", "The council backed Plan S on Tuesday.", "B"),
])  # fmt: skip


# --- crosscheck: NOT_CONTEXT (what a figure's clause says besides it), IGNORED_CAPS (no names) ---------------------

each("NOT_CONTEXT", [
    ("per", "The strike costs the port $2 million per day.", "each"),
    ("cent", "Fares on the island ferry rose by 40 cent.", "pence"),
    ("percent", "The union wants a 6 percent rise.", "point"),
    ("around", "Around 300 dockers joined the strike.", "exactly"),
    ("some", "Some 300 dockers joined the strike.", "exactly"),
    ("roughly", "Roughly 300 dockers joined the strike.", "exactly"),
    ("nearly", "Nearly 300 dockers joined the strike.", "exactly"),
    ("under", "Under 300 dockers joined the strike.", "exactly"),
    ("more", "More than 300 dockers joined the strike.", "fewer"),
    ("less", "Less than a third of the 300 dockers joined the strike.", "fewer"),
    ("least", "At least 300 dockers joined the strike.", "last"),
    ("most", "At most 300 dockers joined the strike.", "last"),
    ("approximately", "Approximately 300 dockers joined the strike.", "exactly"),
    ("almost", "Almost 300 dockers joined the strike.", "exactly"),
    ("estimated", "An estimated 300 dockers joined the strike.", "extra"),
    ("million", "The port handled 4 million tonnes of grain.", "thousand"),
    ("billion", "The port owes 2 billion euros to the council.", "hundred"),
])  # fmt: skip

each("IGNORED_CAPS", [
    ("the", "Ilves resigned. The council thanked her.", "Dunmore"),
    ("a", "Ilves resigned. A council vote followed.", "One"),
    ("an", "Ilves resigned. An inquiry followed.", "One"),
    ("he", "Ilves resigned. He left the board too.", "Hale"),
    ("she", "Hale resigned. She left the board too.", "Ilves"),
    ("they", "The dockers voted. They rejected the offer.", "Most"),
    ("it", "The council met. It approved the lease.", "Everyone"),
    ("this", "The pier closed. This angered the dockers.", "Ilves"),
    ("that", "The pier closed. That angered the dockers.", "Ilves"),
    ("i", "Ilves told reporters: I will not sign the lease.", "Hale"),
    ("we", "The union wrote: We will not sign the lease.", "Dockers"),
    ("but", "Ilves resigned. But the pier stayed open.", "Yet"),
    ("and", "Ilves resigned. And the pier stayed open.", "Still"),
    ("in", "Ilves resigned. In March the pier closed.", "By"),
    ("on", "Ilves resigned. On Friday the pier closed.", "By"),
])  # fmt: skip


# --- values: QUALIFIERS, WORD_NUMBERS, SCALES, DURATION_MINUTES (figures) -------------------------------------------

INF = float("inf")
APPROX, AT_LEAST, AT_MOST = ("count", 285.0, 315.0), ("count", 300.0, INF), ("count", 0.0, 300.0)
each("QUALIFIERS", [
    ("about", "About 300 dockers joined the strike.", ""),
    ("around", "Around 300 dockers joined the strike.", ""),
    ("some", "Some 300 dockers joined the strike.", ""),
    ("roughly", "Roughly 300 dockers joined the strike.", ""),
    ("nearly", "Nearly 300 dockers joined the strike.", ""),
    ("approximately", "Approximately 300 dockers joined the strike.", ""),
    ("almost", "Almost 300 dockers joined the strike.", ""),
    ("estimated", "Officials estimated 300 dockers joined the strike.", "said"),
    ("over", "Over 300 dockers joined the strike.", ""),
    ("more than", "More than 300 dockers joined the strike.", ""),
    ("at least", "At least 300 dockers joined the strike.", ""),
    ("upwards of", "Upwards of 300 dockers joined the strike.", ""),
    ("under", "Under 300 dockers joined the strike.", ""),
    ("less than", "Less than 300 dockers joined the strike.", ""),
    ("fewer than", "Fewer than 300 dockers joined the strike.", ""),
    ("up to", "Up to 300 dockers joined the strike.", ""),
    ("at most", "At most 300 dockers joined the strike.", ""),
], expected=lambda entry: {"approx": APPROX, "min": AT_LEAST, "max": AT_MOST}[QUALIFIERS[entry]])  # fmt: skip
swap("QUALIFIERS", "above", "Ferry fares rose above $30 after the strike.", "to", ("money", 30.0, INF))
swap("QUALIFIERS", "below", "Ferry fares fell below $30 after the strike.", "to", ("money", 0.0, 30.0))

DAY, WEEK, MONTH, YEAR = 1440.0, 10080.0, 43200.0, 525600.0
for entry, sentence, other, minutes in [
    ("one", "The pier closed for one week.", "another", WEEK),
    ("two", "The strike lasted two weeks.", "several", 2 * WEEK),
    ("three", "Talks ran for three days.", "several", 3 * DAY),
    ("four", "The ferry was delayed four hours.", "many", 4 * 60.0),
    ("five", "The vote took five minutes.", "mere", 5.0),
    ("six", "The pier will stay shut for six months.", "many", 6 * MONTH),
    ("seven", "The crews worked seven days straight.", "many", 7 * DAY),
    ("eight", "The meeting lasted eight hours.", "long", 8 * 60.0),
    ("nine", "The club was banned for nine months.", "several", 9 * MONTH),
    ("ten", "Ilves ran the port for ten years.", "many", 10 * YEAR),
    ("eleven", "The ferry sat idle for eleven days.", "several", 11 * DAY),
    ("twelve", "Dockers worked twelve hours without a break.", "long", 12 * 60.0),
    ("fifteen", "The crossing takes fifteen minutes.", "mere", 15.0),
    ("twenty", "The strike has lasted twenty days.", "many", 20 * DAY),
    ("thirty", "The lease runs for thirty years.", "many", 30 * YEAR),
    ("forty", "The pier has stood for forty years.", "many", 40 * YEAR),
    ("fifty", "The ferry line has run for fifty years.", "many", 50 * YEAR),
    ("hundred", "The blockade of the port lasted a hundred days.", "few", 100 * DAY),
]:
    swap("WORD_NUMBERS", entry, sentence, other, ("duration", minutes, minutes))

for entry, sentence, expected in [
    ("thousand", "The port handled 40 thousand containers in March.", ("count", 40e3, 40e3)),
    ("k", "A fund for the lifeboat crew raised £30 k in a week.", ("money", 30e3, 30e3)),
    ("million", "The port lost $4 million in fees.", ("money", 4e6, 4e6)),
    ("m", "The stadium sold for £30 m in cash.", ("money", 30e6, 30e6)),
    ("mn", "The council borrowed €12 mn for the new pier.", ("money", 12e6, 12e6)),
    ("billion", "The port's debt reached $2 billion in May.", ("money", 2e9, 2e9)),
    ("bn", "The port's debt reached $2 bn in May.", ("money", 2e9, 2e9)),
    ("b", "The harbour fund is worth $1.5 b after the sale.", ("money", 1.5e9, 1.5e9)),
]:
    swap("SCALES", entry, sentence, "", expected)

for entry, sentence, other, expected in [
    ("minute", "The council held a 90-minute debate on the pier.", "second", ("duration", 90.0, 90.0)),
    ("hour", "Dockers staged a 24-hour strike at the port.", "dock", ("duration", 1440.0, 1440.0)),
    ("day", "The union called a three-day strike.", "port", ("duration", 3 * DAY, 3 * DAY)),
    ("week", "The pier closed for a two-week repair.", "stage", ("duration", 2 * WEEK, 2 * WEEK)),
    ("month", "The council imposed a six-month ban on night ferries.", "point", ("duration", 6 * MONTH, 6 * MONTH)),
    ("year", "Ilves signed a five-year lease on the pier.", "page", ("duration", 5 * YEAR, 5 * YEAR)),
]:
    swap("DURATION_MINUTES", entry, sentence, other, expected)


# --- values: WEEKDAYS, RELATIVE_UNIT_DAYS, RELATIVE_DAYS, RELATIVE_STEPS (dates), FUTURE_MARKERS ---------------------

for entry, sentence, other, day in [
    ("monday", "The ferry strike began on Monday.", "cue", "2025-03-10"),
    ("tuesday", "Talks between the port and the union collapsed on Tuesday.", "arrival", "2025-03-11"),
    ("wednesday", "The council met on Wednesday.", "site", "2025-03-12"),
    ("thursday", "The pier has been closed since Thursday.", "dawn", "2025-03-06"),
    ("friday", "The port reopened last Friday.", "night", "2025-03-07"),
    ("saturday", "Crowds gathered at the pier on Saturday.", "foot", "2025-03-08"),
    ("sunday", "The ferry sank on Sunday.", "impact", "2025-03-09"),
]:
    swap("WEEKDAYS", entry, sentence, other, [day])

for entry, sentence, span in [
    ("day", "The pier closed a day ago.", "2025-03-11"),
    ("week", "The ferry sank a week ago.", "2025-03-04..2025-03-06"),
    ("month", "The strike began a month ago.", "2025-02-03..2025-02-17"),
]:
    add("RELATIVE_UNIT_DAYS", entry, sentence, sentence.replace(f"a {entry} ago", "a while ago"), [span])

each("RELATIVE_DAYS", [
    ("yesterday", "The council voted yesterday to close the pier.", "recently"),
    ("today", "The ferries resume today.", "soon"),
    ("tomorrow", "The ferries resume tomorrow.", "soon"),
], expected=lambda entry: [{"yesterday": "2025-03-11", "today": "2025-03-12", "tomorrow": "2025-03-13"}[entry]])

each("RELATIVE_STEPS", [
    ("last", "The port reopened last month.", "that"),
    ("this", "The council votes this week.", "that"),
    ("next", "The lease ends next year.", "that"),
], expected=lambda entry: [{"last": "2025-02-01..2025-02-28", "this": "2025-03-10..2025-03-16",
                            "next": "2026-01-01..2026-12-31"}[entry]])  # fmt: skip

AHEAD = ["2025-03-14"]  # "on Friday" read forward from Wednesday 12 March; back, it is 7 March
each("FUTURE_MARKERS", [
    ("will", "The union will meet the port on Friday.", "could"),
    ("would", "The union said it would meet the port on Friday.", "could"),
    ("shall", "The board shall meet on Friday.", "must"),
    ("is due", "The ferry is due to sail on Friday.", "is ready"),
    ("are due", "The crews are due back on Friday.", "are"),
    ("scheduled", "A vote is scheduled on Friday.", "held"),
    ("expected to", "The council is expected to vote on Friday.", "keen to"),
    ("plan to", "Dockers plan to strike on Friday.", "voted to"),
    ("plans to", "The union plans to strike on Friday.", "voted to"),
    ("set to", "The talks are set to resume on Friday.", "slow to"),
    ("next", "The next vote is on Friday.", "first"),
    ("upcoming", "The union's upcoming vote on Friday decides the strike.", "secret"),
    ("tomorrow", "The talks tomorrow settle the vote on Friday.", "today"),
], expected=lambda entry: AHEAD)  # fmt: skip

BEHIND = ["2025-03-07"]  # "on Friday" read back from Wednesday 12 March
# A future word beyond a clause break belongs to another clause: the weekday's own clause is told in the past.
each("CLAUSE_BREAKS", [
    ("and", "The ferry left on Friday and the crew will rest.", "so"),
    ("but", "The pier shut on Friday but it will reopen.", "yet"),
    ("that", "The mayor said on Friday that she will resign.", ""),
    ("after", "The board met on Friday after the union said it will strike.", "as"),
    ("before", "The crews left on Friday before inspectors will arrive.", "so"),
    ("while", "The port closed on Friday while the talks will go on.", "as"),
    ("because", "The port closed on Friday because the storm will return.", "as"),
    ("when", "The port closed on Friday when the levy will rise.", "as"),
    ("although", "The port closed on Friday although it will reopen soon.", "yet"),
], expected=lambda entry: BEHIND)  # fmt: skip

# --- reading: SECOND_PERSON, IMPERATIVE_OPENERS, PAGE_METADATA(_OPENERS), READER_LABELS (not a fact) ---------------

ADVICE, PAGE, BOX = "advice to the reader", "about the page, not the story", "a box for readers"
for entry, sentence, contrast in [
    ("you", "If you travel on Friday, expect long queues at the Dunmore pier.",
     "If crews travel on Friday, expect long queues at the Dunmore pier."),
    ("your", "Ferry staff will check your ticket at the pier.", "Ferry staff will check their ticket at the pier."),
    ("yours", "The choice of crossing is yours, the port authority says.",
     "The choice of crossing is theirs, the port authority says."),
    ("yourself", "Brace yourself for delays at the Dunmore pier this week.",
     "Islanders braced themselves for delays at the Dunmore pier this week."),
    ("yourselves", "Book early and save yourselves an hour at the north pier.",
     "Groups who book early save themselves an hour at the north pier."),
    ("you'll", "On Friday you'll wait an hour at the Dunmore pier.",
     "On Friday crews will wait an hour at the Dunmore pier."),
    ("you're", "If you're sailing on Friday, the ferry leaves at six.",
     "If crews are sailing on Friday, the ferry leaves at six."),
    ("you've", "If you've booked the Friday ferry, the port will refund the fare.",
     "If islanders have booked the Friday ferry, the port will refund the fare."),
    ("you'd", "The pier is quieter than you'd expect after the storm.",
     "The pier is quieter than locals would expect after the storm."),
]:
    add("SECOND_PERSON", entry, sentence, contrast, ADVICE)

for entry, sentence, contrast in [
    ("make sure", "Make sure to book ferry seats before the strike on Friday.",
     "Islanders rushed to book ferry seats before the strike on Friday."),
    ("be sure", "Be sure to book ahead for the Friday ferry.", "Islanders rushed to book ahead for the Friday ferry."),
    ("keep in mind", "Keep in mind that the pier closes at six.", "Staff say that the pier closes at six."),
    ("remember", "Remember to carry cash on the island ferry.", "Passengers had to carry cash on the island ferry."),
    ("consider", "Consider booking the early ferry on Friday.",
     "Many islanders are booking the early ferry on Friday."),
    ("avoid", "Avoid the coast road during the storm.", "Drivers avoided the coast road during the storm."),
    ("don't", "Don't travel to the island before Monday.", "Ferries won't travel to the island before Monday."),
    ("do not", "Do not travel to the island before Monday.", "Ferries will not travel to the island before Monday."),
    ("never forget", "Never forget to carry a ticket on the island ferry.",
     "Guards demand a ticket on the island ferry."),
    ("check", "Check the timetable before travelling to the pier on Friday.",
     "Staff posted the timetable before the strike at the pier on Friday."),
    ("try", "Try the north pier if the south one is closed.", "Crews used the north pier when the south one closed."),
    ("click", "Click the link below to see the new ferry timetable.",
     "The link below shows the new ferry timetable."),
    ("subscribe", "Subscribe to the Dunmore Herald for daily port updates.",
     "Readers turned to the Dunmore Herald for daily port updates."),
    ("sign up", "Sign up for alerts on ferry cancellations.",
     "Thousands of islanders signed up for alerts on ferry cancellations."),
    ("note that", "Note that ferries will not sail on Friday.",
     "Officials noted that ferries will not sail on Friday."),
    ("bear in mind", "Bear in mind that the pier closes at six.", "Staff say that the pier closes at six."),
]:
    add("IMPERATIVE_OPENERS", entry, sentence, contrast, ADVICE)

for entry, sentence, contrast in [
    ("last updated on", "Ferry timetable, last updated on 3 March.", "Ferry timetable, first drafted on 3 March."),
    ("last updated at", "Ferry timetable last updated at 09:00 on Friday.",
     "Ferry timetable first changed at 09:00 on Friday."),
    ("min read", "The Dunmore port strike, explained in a 4 min read",
     "The Dunmore port strike, explained in a 4 min film"),
    ("mins read", "The Dunmore port strike, explained in 4 mins read",
     "The Dunmore port strike, explained in 4 mins flat"),
    ("minute read", "The Dunmore port strike, explained in a 6 minute read",
     "The Dunmore port strike, explained in a 6 minute film"),
    ("minutes read", "The Dunmore port strike, explained in 6 minutes read",
     "The Dunmore port strike, explained in 6 minutes flat"),
    ("read time", "Read time: 3 minutes", "Wait time: 3 minutes"),
    ("all rights reserved", "Photos by the Dunmore Herald, all rights reserved.",
     "Photos by the Dunmore Herald, all taken on Friday."),
    ("photo credit", "Photo credit: Mara Ilves for the Dunmore Herald",
     "Photo caption: Mara Ilves for the Dunmore Herald"),
    ("image credit", "Image credit: Mara Ilves for the Dunmore Herald",
     "Image caption: Mara Ilves for the Dunmore Herald"),
]:
    add("PAGE_METADATA", entry, sentence, contrast, PAGE)

for entry, sentence, contrast in [
    ("last updated", "Last updated 14:05 GMT, 3 March 2025.", "Harbour reopened 14:05 GMT, 3 March 2025."),
    ("updated on", "Updated on 4 March with the council's response.",
     "Amended on 4 March with the council's response."),
    ("first published", "First published in the Dunmore Herald on 2 March.",
     "Reported in the Dunmore Herald on 2 March."),
    ("originally published", "Originally published in the Dunmore Herald on 2 March.",
     "Reported in the Dunmore Herald on 2 March."),
    ("published on", "Published on 2 March 2025.", "Signed on 2 March 2025."),
    ("posted on", "Posted on 5 March by the port authority.", "Approved on 5 March by the port authority."),
    ("last modified", "Last modified 6 March 2025.", "Last inspected 6 March 2025."),
    ("reading time", "Reading time: 5 minutes", "Waiting time: 5 minutes"),
    ("this article", "This article was amended on Friday to correct the name of the ferry operator.",
     "This notice was amended on Friday to correct the name of the ferry operator."),
]:
    add("PAGE_METADATA_OPENERS", entry, sentence, contrast, PAGE)

for entry, sentence in [
    ("pro tip", "Pro tip: the early ferry from Dunmore is rarely full."),
    ("tip", "Tip: the early ferry from Dunmore is rarely full."),
    ("tips", "Tips: book early and carry cash for the island ferry."),
    ("expert insight", "Expert insight: the pier was never built for container ships."),
    ("expert tip", "Expert tip: the early ferry from Dunmore is rarely full."),
    ("faq", "FAQ: ferry refunds after the Dunmore strike."),
    ("q", "Q: ferry refunds after the Dunmore strike."),
    ("a", "A: Ferries resume on Monday, the port says."),
    ("question", "Question: who pays for the new pier."),
    ("answer", "Answer: the pier reopens on Monday."),
    ("key takeaways", "Key takeaways: the strike cost the port two contracts."),
    ("takeaway", "Takeaway: the strike cost the port two contracts."),
    ("did you know", "Did you know: the Dunmore pier is 120 years old."),
    ("editor's note", "Editor's note: this story was corrected on Friday."),
    ("note", "Note: ferries will not sail on Friday."),
    ("read more", "Read more: Dunmore ferry strike enters its second week."),
    ("also read", "Also read: Dunmore ferry strike enters its second week."),
    ("related", "Related: council approves the new pier."),
]:
    label = sentence.split(":")[0]
    add("READER_LABELS", entry, sentence, sentence.replace(label, "Update", 1), BOX)


# --- reading: DANGLING_ENDINGS (a statement cut off) ----------------------------------------------------------------

# A preposition marks a cut only without a closing stop: "where the money came from." strands it whole.
each("DANGLING_PREPOSITIONS", [
    ("of", "Crews reported the loss of", "overnight"),
    ("to", "The ferry was diverted to", "overnight"),
    ("from", "The union demanded an apology from", "immediately"),
    ("into", "Divers found water pouring into", "everywhere"),
    ("with", "The port signed a new lease with", "yesterday"),
    ("at", "Dockers gathered on Friday at", "morning"),
], expected=lambda entry: f"ends on \u201c{entry}\u201d")  # fmt: skip

each("DANGLING_ENDINGS", [
    ("a", "Port staff said they had found a", "one"),
    ("an", "The harbour council has opened an", "talks"),
    ("the", "Ilves confirmed she had signed the", "it"),
    ("his", "Hale told the board he would give up his", "everything"),
    ("their", "Dockers said the port still owed them their", "money"),
    ("its", "The club said it would sell its", "everything"),
    ("my", "Ilves said: I will not give up my", "now"),
    ("our", "The union wrote that dockers will defend our", "themselves"),
    ("your", "Port staff will now inspect your", "luggage"),
    ("and", "The council sold the pier and", "quickly"),
    ("or", "The club may sell the stadium or", "soon"),
    ("but", "The union accepted the offer but", "reluctantly"),
    ("nor", "The council did not sell the pier nor", "either"),
    ("because", "The ferry was cancelled because", "again"),
    ("although", "The pier reopened on Monday although", "morning"),
    ("whether", "The council has not decided whether", "yet"),
    ("than", "The repairs cost far more than", "expected"),
    ("he", "The mayor resigned before he", "Friday"),
    ("she", "The board voted after she", "midnight"),
    ("they", "Dockers walked out when they", "ordered"),
    ("we", "The union told its members that we", "evening"),
    ("whose", "The port thanked the crews whose", "warmly"),
    ("which", "The council backed a plan which", "unanimously"),
], expected=lambda entry: f"ends on \u201c{entry}\u201d")  # fmt: skip


# --- merge: CONTEXT_OPENERS (a claim's line reads alone) ------------------------------------------------------------

for entry, sentence, contrast in [
    ("he", "He approved the lease of the north pier.", "Hale approved the lease of the north pier."),
    ("she", "She approved the lease of the north pier.", "Ilves approved the lease of the north pier."),
    ("they", "They approved the lease of the north pier.", "Councillors approved the lease of the north pier."),
    ("it", "It approved the lease of the north pier.", "Dunmore approved the lease of the north pier."),
    ("this", "This lease of the north pier was approved on Monday.",
     "The lease of the north pier was approved on Monday."),
    ("these", "These terms for the north pier were approved on Monday.",
     "New terms for the north pier were approved on Monday."),
    ("that", "That lease of the north pier was approved on Monday.",
     "A lease of the north pier was approved on Monday."),
    ("those", "Those terms for the north pier were approved on Monday.",
     "New terms for the north pier were approved on Monday."),
    ("his", "His lease of the north pier was approved on Monday.",
     "Hale's lease of the north pier was approved on Monday."),
    ("her", "Her lease of the north pier was approved on Monday.",
     "Ilves's lease of the north pier was approved on Monday."),
    ("their", "Their lease of the north pier was approved on Monday.",
     "The club's lease of the north pier was approved on Monday."),
    ("its", "Its lease of the north pier was approved on Monday.",
     "The club's lease of the north pier was approved on Monday."),
    ("such", "Such a lease of the north pier was approved on Monday.",
     "A lease of the north pier was approved on Monday."),
]:
    add("CONTEXT_OPENERS", entry, sentence, contrast, False)


# --- ground: RELATIVE_PRONOUNS, LEADING_CONJUNCTIONS (where a narrowed quote starts) -------------------------------

for name, entry, sentence, contrast, statement, quote in [
    ("RELATIVE_PRONOUNS", "which",
     "The port board met the union on Friday, which ended the strike at the harbour after six weeks.",
     "The port board met the union on Friday, and this ended the strike at the harbour after six weeks.",
     "The meeting ended the strike at the harbour after six weeks.",
     "The port board met the union on Friday, which ended the strike at the harbour after six weeks."),
    ("RELATIVE_PRONOUNS", "who",
     "The council thanked the ferry crews, who carried sandbags to the harbour wall all night.",
     "The council thanked the ferry crews, and the crews carried sandbags to the harbour wall all night.",
     "The crews carried sandbags to the harbour wall all night.",
     "The council thanked the ferry crews, who carried sandbags to the harbour wall all night."),
    ("RELATIVE_PRONOUNS", "whose",
     "The council thanked the ferry crews, whose boats carried sandbags to the harbour wall all night.",
     "The council thanked the ferry crews, their boats carried sandbags to the harbour wall all night.",
     "Boats carried sandbags to the harbour wall all night.",
     "The council thanked the ferry crews, whose boats carried sandbags to the harbour wall all night."),
    ("RELATIVE_PRONOUNS", "whom",
     "The mayor praised the harbour pilots, whom the council hired in March after the long winter storm.",
     "The mayor praised the harbour pilots, and the council hired them in March after the long winter storm.",
     "The council hired the pilots in March after the long winter storm.",
     "The mayor praised the harbour pilots, whom the council hired in March after the long winter storm."),
    ("LEADING_CONJUNCTIONS", "and",
     "Storm water flooded the old market, and the ferry crews carried sandbags to the harbour wall all night.",
     "Storm water flooded the old market, so the ferry crews carried sandbags to the harbour wall all night.",
     "The ferry crews carried sandbags to the harbour wall all night.",
     "the ferry crews carried sandbags to the harbour wall all night."),
    ("LEADING_CONJUNCTIONS", "but",
     "The council promised help, but the ferry crews carried sandbags to the harbour wall all night.",
     "The council promised help, so the ferry crews carried sandbags to the harbour wall all night.",
     "The ferry crews carried sandbags to the harbour wall all night.",
     "the ferry crews carried sandbags to the harbour wall all night."),
    ("LEADING_CONJUNCTIONS", "while",
     "Storm water flooded the old market, while the ferry crews carried sandbags to the harbour wall all night.",
     "Storm water flooded the old market, as the ferry crews carried sandbags to the harbour wall all night.",
     "The ferry crews carried sandbags to the harbour wall all night.",
     "the ferry crews carried sandbags to the harbour wall all night."),
    ("LEADING_CONJUNCTIONS", "whereas",
     "The council did nothing, whereas the ferry crews carried sandbags to the harbour wall all night.",
     "The council did nothing, yet the ferry crews carried sandbags to the harbour wall all night.",
     "The ferry crews carried sandbags to the harbour wall all night.",
     "the ferry crews carried sandbags to the harbour wall all night."),
    # a quote the model began inside a sentence, at its relative pronoun
    ("LEADING_CONJUNCTIONS", "which",
     "which the council approved on Monday, and the ferries resumed sailing on Tuesday",
     "once the council approved it on Monday, and the ferries resumed sailing on Tuesday",
     "The council approved the lease on Monday.",
     "the council approved on Monday, and the ferries resumed sailing on Tuesday"),
    ("LEADING_CONJUNCTIONS", "as well as",
     "The council praised the lifeboat volunteers, as well as the harbour pilots who guided the ferries through "
     "the storm.",
     "The council praised the lifeboat volunteers, along with the harbour pilots who guided the ferries through "
     "the storm.",
     "The harbour pilots guided the ferries through the storm.",
     "the harbour pilots who guided the ferries through the storm."),
]:  # fmt: skip
    add(name, entry, sentence, contrast, quote)
    STATEMENTS[f"{name}:{entry}"] = statement


# --- parts: CONDITIONAL_MARKS, EXAMPLE_PREPOSITIONS, PRESUPPOSING_PREPOSITIONS, SYMMETRIC_PREPOSITIONS,
# REPORTING_PREPOSITIONS (how a parsed sentence is cut into parts) --------------------------------------------------

for name, entry, sentence, contrast, kinds in [
    # someone's term is a part of its own, read with the clause it conditions
    ("CONDITIONAL_MARKS", "if", "The mayor said he would sign the lease if the club paid its debts.",
     "The mayor said he would sign the lease after the club paid its debts.", ("main", "condition")),
    ("CONDITIONAL_MARKS", "unless", "The mayor said he would resign unless the council approved the budget.",
     "The mayor said he would resign because the council approved the budget.", ("main", "condition")),
    ("CONDITIONAL_MARKS", "provided", "Okoro told the board he was willing to step down provided he kept his pension.",
     "Okoro told the board he was willing to step down because he kept his pension.", ("main", "condition")),
    ("CONDITIONAL_MARKS", "providing", "Ilves told the council she was ready to step down providing she kept her "
     "pension.", "Ilves told the council she was ready to step down because she kept her pension.",
     ("main", "condition")),
    # the writer's condition asserts nothing: no adverbial part
    ("CONDITIONAL_MARKS", "whether", "The dockers returned to work on Monday, whether the port paid them or not.",
     "The dockers returned to work on Monday, because the port paid them.", ("main",)),
    ("CONDITIONAL_MARKS", "lest", "The harbour master said he would keep the ferries in port lest the gale wreck "
     "them.", "The harbour master said he would keep the ferries in port before the gale wrecks them.",
     ("main", "condition")),
    ("EXAMPLE_PREPOSITIONS", "including", "The board adopted new rules, including a ban on night shifts and a cap "
     "on overtime hours.", "The board adopted new rules, with a ban on night shifts and a cap on overtime hours.",
     ("main", "example", "example")),
    ("EXAMPLE_PREPOSITIONS", "such as", "The board adopted new rules, such as a ban on night shifts and a cap on "
     "overtime hours.", "The board adopted new rules, with a ban on night shifts and a cap on overtime hours.",
     ("main", "example", "example")),
    ("PRESUPPOSING_PREPOSITIONS", "after", "The ferry crews walked out on Friday after turning down a 3 per cent "
     "rise.", "The ferry crews walked out on Friday before turning down a 3 per cent rise.", ("main", "participle")),
    ("PRESUPPOSING_PREPOSITIONS", "since", "The crews have stayed out since rejecting the offer from the port "
     "board.", "The crews have stayed out despite rejecting the offer from the port board.",
     ("main", "participle")),
    ("PRESUPPOSING_PREPOSITIONS", "upon", "The union called off the strike upon winning a 5 per cent rise from the "
     "port.", "The union called off the strike without winning a 5 per cent rise from the port.",
     ("main", "participle")),
    ("SYMMETRIC_PREPOSITIONS", "between", "The council brokered talks between the harbour union and the port "
     "authority.", "The council brokered talks with the harbour union and the port authority.", ("main",)),
    ("SYMMETRIC_PREPOSITIONS", "among", "The council shared the grant among the harbour union and the ferry "
     "operators.", "The council shared the grant with the harbour union and the ferry operators.", ("main",)),
    ("SYMMETRIC_PREPOSITIONS", "amongst", "The council shared the grant amongst the harbour union and the ferry "
     "operators.", "The council shared the grant with the harbour union and the ferry operators.", ("main",)),
    # the relative clause cut out keeps who says it
    ("REPORTING_PREPOSITIONS", "according to", "The ferry company, which cut 40 jobs in March, closed the north "
     "pier, according to two officials.", "The ferry company, which cut 40 jobs in March, closed the north pier, "
     "thanks to two new contracts.", ("relative", "main")),
]:  # fmt: skip
    add(name, entry, sentence, contrast, kinds)


# --- entries that decide wrongly on ordinary English ----------------------------------------------------------------
# Each has its case above (it does decide); here the sentences of ours on which its decision is wrong, tested as
# expected failures (strict: a fix of the reading makes them pass, and then they belong with the cases).

# A future marker anywhere in the sentence sends a past weekday forward: a cause, reported speech, a later event
# of the past. (sentence, the day it means)
# Past weekdays beside a future word of another clause, or of no future at all (once read forward).
WRONG_FUTURE = [
    ("due-to-a-cause", "The ferries stopped on Friday due to high winds.", ["2025-03-07"]),
    ("would-in-reported-speech", "The mayor said on Monday that she would resign.", ["2025-03-10"]),
    ("will-in-reported-speech", "The union said on Monday that the strike will go on.", ["2025-03-10"]),
    ("next-of-the-past", "The ferry sank on Friday and divers reached it the next morning.", ["2025-03-07"]),
    ("scheduled-of-the-past", "The pier was scheduled for demolition but reopened on Friday.", ["2025-03-07"]),
]
# News sentences holding a page line's words (once read as lines about the page).
WRONG_PAGE = [
    ("this-article-of-a-contract", "The union says this article of the contract bans night shifts."),
    ("reading-time-in-schools", "The council cut reading time in Dunmore schools by an hour."),
    ("published-on-a-report", "Published on Friday, the council's report found that the pier was unsafe."),
    ("first-published-a-paper", "First published in 1902, the Dunmore Herald closed its print edition on Monday."),
    ("posted-on-a-notice", "Posted on the pier gates, the notice warned of falling masonry."),
]
# Whole sentences ending on a stranded preposition or an infinitive's "to" (once read as cut off).
WRONG_CUT = [
    ("stranded-from", "Ilves declined to say where the money came from."),
    ("ellipsis-to", "The union wanted to strike, but its members were not allowed to."),
    ("stranded-with", "The port named the firm it had signed the lease with."),
    ("stranded-into", "Crews found the wreck the ferry had crashed into."),
]

# --- probes ---------------------------------------------------------------------------------------------------------


def figure_context(text: str) -> frozenset[str]:
    """What a figure's clause says besides the figure (figures.py), for a one-clause text."""
    return _context(text, "")


def name_keys(text: str) -> frozenset[str]:
    """The names and capitalised words the cross-check looks for in a claim's evidence (crosscheck.py)."""
    return _capitalised(text, mentions(text))[0]


def figure(text: str) -> tuple[str, float, float] | None:
    """The first figure of the text: its kind and interval."""
    found = quantities(text)
    return (found[0].kind.value, found[0].low, found[0].high) if found else None


def dated(text: str) -> list[str]:
    """The days and intervals the text's date phrases resolve to."""
    return [r.value.label() for r in read_dates(text, PUBLISHED) if r.value is not None]


def weekdays(text: str) -> list[str]:
    """The days the text's weekday phrases ("on Friday") resolve to, forward or back by the sentence's tense."""
    return [
        r.value.label()
        for r in read_dates(text, PUBLISHED)
        if r.value is not None and any(day in r.phrase.lower() for day in ("monday", "friday"))
    ]


def grounded(fact_id: str, article_id: str, statement: str) -> GroundedFact:
    raw = RawFact(statement=statement, kind="event", actors=[], evidence=["S1"], quote=statement)
    return GroundedFact(id=fact_id, article_id=article_id, fact=raw, start=0, end=len(statement), quote=statement,
                        sentence_ids=["S1"], match=MatchStatus.EXACT, support=1.0)  # fmt: skip


OTHER_ARTICLE = "The Dunmore council approved the lease of the north pier."


def claim_line(statement: str) -> bool:
    """Whether a statement is the line of a claim it shares with another article's fact that names its subject
    (it comes first in its article order, so it is the line unless it leans on the sentence before it)."""
    facts = [grounded("a#F1", "a", statement), grounded("b#F1", "b", OTHER_ARTICLE)]
    link = JoinBasis(facts=["a#F1", "b#F1"], rule=JoinRule.JUDGED, similarity=0.9, verdict=Verdict.SAME)
    [claim] = merge_facts(facts, links=[link])
    return claim.statement == statement


def narrowed(statement: str) -> Callable[[str], str]:
    def probe(text: str) -> str:
        start, end = narrow(text, 0, len(text), statement)
        return text[start:end]

    return probe


@cache
def parser() -> Parser:
    return Parser.load()


def parts(text: str) -> tuple[tuple[str, str], ...]:
    """Each atomic part of the sentence: how it was cut out, and its reading."""
    [parsed] = parser().parse([text], [0])
    return tuple(
        (part.kind.value, " ".join(parsed.tokens[i].text for i in part.reading))
        for part in atomic_parts(parsed, 0, len(text))
    )


def cases_of(*names: str) -> list[Case]:
    return [case for case in CASES if case.name in names]


# --- tests ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", cases_of("STOPWORDS"), ids=lambda c: c.id)
def test_a_stopword_is_no_content_word(case: Case) -> None:
    mine, theirs = decides(content_words, case)
    assert mine != theirs
    assert case.entry not in mine


@pytest.mark.parametrize("case", cases_of("NOT_CONTEXT"), ids=lambda c: c.id)
def test_a_hedge_or_scale_word_is_no_context_of_a_figure(case: Case) -> None:
    mine, theirs = decides(figure_context, case)
    assert mine != theirs
    assert case.entry not in mine


@pytest.mark.parametrize("case", cases_of("IGNORED_CAPS"), ids=lambda c: c.id)
def test_a_capitalised_function_word_is_no_name(case: Case) -> None:
    mine, theirs = decides(name_keys, case)
    assert mine != theirs
    assert case.entry not in mine


@pytest.mark.parametrize(
    "case", cases_of("QUALIFIERS", "WORD_NUMBERS", "SCALES", "DURATION_MINUTES"), ids=lambda c: c.id
)
def test_a_figure_reads_its_qualifier_number_scale_and_unit(case: Case) -> None:
    mine, theirs = decides(figure, case)
    assert mine != theirs
    assert mine == EXPECTED[case.id]


@pytest.mark.parametrize(
    "case", cases_of("WEEKDAYS", "RELATIVE_UNIT_DAYS", "RELATIVE_DAYS", "RELATIVE_STEPS"), ids=lambda c: c.id
)
def test_a_date_phrase_resolves_against_the_publication_date(case: Case) -> None:
    mine, theirs = decides(dated, case)
    assert mine != theirs
    assert mine == EXPECTED[case.id]


@pytest.mark.parametrize("case", cases_of("FUTURE_MARKERS", "CLAUSE_BREAKS"), ids=lambda c: c.id)
def test_a_future_marker_reads_a_weekday_forward(case: Case) -> None:
    mine, theirs = decides(weekdays, case)
    assert mine != theirs
    assert mine == EXPECTED[case.id]


@pytest.mark.parametrize(("text", "meant"), [(t, m) for _, t, m in WRONG_FUTURE], ids=[i for i, _, _ in WRONG_FUTURE])
def test_a_past_weekday_beside_a_future_marker_that_is_no_future(text: str, meant: list[str]) -> None:
    assert weekdays(text) == meant


@pytest.mark.parametrize("text", [t for _, t in WRONG_PAGE], ids=[i for i, _ in WRONG_PAGE])
def test_a_news_sentence_holding_a_page_line_phrase_is_a_fact(text: str) -> None:
    assert not_a_fact(text) is None


@pytest.mark.parametrize("text", [t for _, t in WRONG_CUT], ids=[i for i, _ in WRONG_CUT])
def test_a_whole_sentence_ending_on_a_preposition_is_not_cut_off(text: str) -> None:
    assert cut_off(text) is None


def test_a_month_named_may_is_a_content_word() -> None:
    assert not states("The pier reopened in May.", "The pier reopened in June.")


@pytest.mark.parametrize(
    "case",
    cases_of("SECOND_PERSON", "IMPERATIVE_OPENERS", "PAGE_METADATA", "PAGE_METADATA_OPENERS", "READER_LABELS"),
    ids=lambda c: c.id,
)
def test_advice_page_lines_and_reader_boxes_are_no_facts(case: Case) -> None:
    mine, theirs = decides(not_a_fact, case)
    assert mine != theirs
    assert (mine, theirs) == (EXPECTED[case.id], None)


@pytest.mark.parametrize("case", cases_of("DANGLING_ENDINGS", "DANGLING_PREPOSITIONS"), ids=lambda c: c.id)
def test_a_statement_ending_on_a_dangling_word_is_cut_off(case: Case) -> None:
    mine, theirs = decides(cut_off, case)
    assert mine != theirs
    assert (mine, theirs) == (EXPECTED[case.id], None)


@pytest.mark.parametrize("case", cases_of("CONTEXT_OPENERS"), ids=lambda c: c.id)
def test_a_statement_leaning_on_the_sentence_before_is_no_claim_line(case: Case) -> None:
    mine, theirs = decides(claim_line, case)
    assert (mine, theirs) == (False, True)


@pytest.mark.parametrize("case", cases_of("RELATIVE_PRONOUNS", "LEADING_CONJUNCTIONS"), ids=lambda c: c.id)
def test_a_narrowed_quote_starts_at_what_it_is_about(case: Case) -> None:
    mine, theirs = decides(narrowed(STATEMENTS[case.id]), case)
    assert mine != theirs
    assert mine == EXPECTED[case.id]


@pytest.mark.parametrize(
    "case",
    cases_of("CONDITIONAL_MARKS", "EXAMPLE_PREPOSITIONS", "PRESUPPOSING_PREPOSITIONS", "SYMMETRIC_PREPOSITIONS",
             "REPORTING_PREPOSITIONS"),
    ids=lambda c: c.id,
)  # fmt: skip
def test_a_sentence_is_cut_into_parts_at_its_markers(case: Case) -> None:
    mine, theirs = decides(parts, case)
    assert mine != theirs
    assert tuple(kind for kind, _ in mine) == EXPECTED[case.id]
