"""Every hand-made word list of the package, each with the reason it exists. Pure data; imports nothing of ours.

All lists are English. Articles in another language mostly meet them as empty lists (no stopword dropped, no
role, outcome or advice recognised), but a short word can mean something else there (Spanish "a" is "to"), so
a brief of such articles needs lists of its own language; no rule here is meant to hold across languages.
Entries are written as `normalize.words` tokens them (lower case, accents folded, "don't" one token,
"vice-president" two), and an entry of several words matches a run of tokens: `phrase_at(tokens, "refused to
resign")`, never a substring of a word. The lists under "words inside patterns" are joined into regular
expressions by their owners instead (matched as whole words, case-insensitively where the owner says).
Kept where they are: the patterns whose words only mean something in their place in a phrase (the site
prompts, page lines and boxes of furniture.py, the patterns of text planted for a model in injection.py, the date
and figure grammars of values.py and sources.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

# --- normalize: which words carry meaning ------------------------------------------------------------------------

# Function words left out when grounding, merge and the cross-check compare content words: they would make any two
# sentences look alike.
STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from", "as", "is",
    "are", "was", "were", "be", "been", "being", "has", "have", "had", "that", "this", "these", "those", "it", "its",
    "their", "his", "her", "they", "he", "she", "them", "which", "who", "whom", "whose", "what", "when", "where",
    "will", "would", "can", "could", "may", "might", "should", "shall", "do", "does", "did", "not", "no", "than",
    "then", "there", "also", "into", "about", "over", "after", "before", "during", "while", "said", "says", "say",
    "s",
})  # fmt: skip

# --- entities: names and the offices sources give them ----------------------------------------------------------

# Role heads, longest first; each maps to the role it names. "generic" roles describe, they do not name an office,
# so they never conflict with anything ("Venezuelan leader" and "President" can both be true).
ROLE_HEADS: dict[str, str] = {
    "vice president": "vice president", "vice-president": "vice president", "president-elect": "president-elect",
    "prime minister": "prime minister", "chief executive": "chief executive",
    "chief executive officer": "chief executive", "ceo": "chief executive",
    "general secretary": "general secretary", "secretary general": "secretary general",
    "secretary-general": "secretary general", "harbour master": "harbour master", "harbor master": "harbour master",
    "president": "president", "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "chair": "chair",
    "minister": "minister", "mayor": "mayor", "governor": "governor", "senator": "senator", "director": "director",
    "spokesperson": "spokesperson", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "leader": "generic", "head": "generic", "official": "generic", "ally": "generic", "envoy": "generic",
}  # fmt: skip
# Words before a name that are not part of it: "Mr Hale" and "Hale" are one person.
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "prof", "former"})
# Capitalised words that open a run of capitalised words without being a name: sentence openers ("However Ruiz"),
# pronouns, and plural nouns that stand for unnamed people ("Officials", "Analysts").
NOT_NAMES = frozenset({
    "the", "a", "an", "in", "on", "at", "but", "and", "however", "while", "this", "that", "these", "those", "it",
    "he", "she", "they", "his", "her", "their", "as", "after", "before", "since", "during", "with", "for", "by",
    "yet", "so", "if", "when", "both", "some", "about", "around", "additionally", "conversely", "domestically",
    "officials", "sources", "observers", "analysts", "union", "workers",
})  # fmt: skip
# Lower-case particles inside a name ("Ursula von der Leyen", "Mohammed bin Salman"): the name goes on past them.
NAME_PARTICLES = ("de", "da", "del", "van", "von", "bin", "al")
# Bodies named by a common noun: "the union wants 9 percent" is about the union though no name is capitalised.
COLLECTIVE = frozenset({
    "union", "authority", "government", "company", "workers", "management", "council", "police", "ministry",
    "party", "court", "opposition", "administration", "army", "regime", "employers", "board", "agency",
    "chamber", "analysts", "investors", "officials",
})  # fmt: skip
# Weekdays in calendar order, Monday first as date.weekday() counts: "on Monday" is resolved by its position.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# ... and how page lines abbreviate them ("Tue, 4 Nov 2025", "Thurs. 3 p.m.").
WEEKDAY_ABBREVIATIONS = ("mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")
# Months in calendar order, and the abbreviations news text writes them with ("Nov. 3", "Sept 30"): the one
# spelling of months the package reads (normalize.MONTH_PATTERN is built from them).
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)  # fmt: skip
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
# Words after which "may" is the month, not the modal ("in May", "since May", "early May"): normalize keeps it as a
# content word there, so "reopened in May" is not stated by "reopened in June".
MONTH_PRECEDERS = frozenset({
    "in", "since", "until", "till", "from", "through", "by", "of", "last", "next", "early", "mid", "late",
})  # fmt: skip
# Months and weekdays are capitalised but are no one: "on Monday" names no actor.
CALENDAR = frozenset(MONTHS) | frozenset(MONTH_ABBREVIATIONS) | frozenset(WEEKDAYS)
# Conjunctions that open a new clause after a comma ("..., while the authority offered 4 percent"), and those that
# do so even without one: a figure belongs to the clause it is in, with that clause's actors.
CLAUSE_AFTER_COMMA = ("although", "and")
CLAUSE_OPENERS = ("while", "whereas", "after", "but")

# --- crosscheck: figures, names and outcomes --------------------------------------------------------------------

# Hedges and scale words around a figure say how big it is, not what it counts: two figures are about one thing
# when the rest of their clauses meet.
NOT_CONTEXT = frozenset({
    "per", "cent", "percent", "around", "some", "roughly", "nearly", "under", "more", "less", "least", "most",
    "approximately", "almost", "estimated", "million", "billion",
})  # fmt: skip
# Capitalised only because they open a sentence or a clause: never a name a statement could add.
IGNORED_CAPS = frozenset(
    {"the", "a", "an", "he", "she", "they", "it", "this", "that", "i", "we", "but", "and", "in", "on"}
)
# Outcomes that cannot both be true of one thing: one article saying each is a conflict ("accepted" vs "rejected").
OUTCOME_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("accepted", "rejected"), ("approved", "rejected"), ("confirmed", "denied"), ("agreed", "refused"),
    ("won", "lost"), ("passed", "failed"), ("admitted", "denied"), ("resigned", "refused to resign"),
)  # fmt: skip
# A negation just before an outcome turns it round: "was not approved" is no "approved" against "rejected".
NEGATIONS = frozenset({
    "not", "never", "no", "didn't", "doesn't", "don't", "wasn't", "weren't", "isn't", "aren't", "hasn't",
    "haven't", "hadn't", "won't", "wouldn't", "cannot", "can't", "couldn't",
})  # fmt: skip
NEGATION_REACH = 3  # tokens before an outcome word a negation may stand ("has not yet been approved")

# --- values: figures and dates --------------------------------------------------------------------------------

# Words before a figure that make it an interval: "about 1,400" is 1,330..1,470, "over 100" has no upper bound.
QUALIFIERS: dict[str, str] = {
    "about": "approx", "around": "approx", "some": "approx", "roughly": "approx", "nearly": "approx",
    "approximately": "approx", "almost": "approx", "estimated": "approx",
    "over": "min", "more than": "min", "at least": "min", "upwards of": "min", "above": "min",
    "under": "max", "less than": "max", "fewer than": "max", "up to": "max", "at most": "max", "below": "max",
}  # fmt: skip
# Numbers written as words that count something ("two weeks", "fifty ships"); news writes larger ones in digits.
WORD_NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
# Scale words after a figure and what they multiply it by: "$4 million", "1.2bn", "30k".
SCALES: dict[str, float] = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
}  # fmt: skip
# Units of a duration in minutes, so "90 minutes" and "two hours" compare as one kind of figure.
DURATION_MINUTES: dict[str, int] = {
    "minute": 1, "hour": 60, "day": 1440, "week": 10080, "month": 43200, "year": 525600,
}  # fmt: skip
# Days in a unit of "two weeks ago" and the like; a month is taken as 30 days (the interval gets slack).
RELATIVE_UNIT_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 30}
# Days from the publication date that these words name: what "yesterday" means depends on when it was written.
RELATIVE_DAYS: dict[str, int] = {"yesterday": -1, "today": 0, "tomorrow": 1}
# Which way these words move a week, month or year from the publication date ("last month", "next year").
RELATIVE_STEPS: dict[str, int] = {"last": -1, "this": 0, "next": 1}
# Words that put a clause in the future, so a weekday in that clause is the next one, not the last ("talks will
# resume on Monday"). Joined into a pattern, matched case-insensitively within the date's own clause (values.py):
# "said on Monday that she would resign" dates the saying. "is due"/"are due", not "due to": "stopped on Friday due
# to high winds" is a cause.
FUTURE_MARKERS = (
    "will", "would", "shall", "is due", "are due", "scheduled", "expected to", "plan to", "plans to", "set to",
    "next", "upcoming", "tomorrow",
)  # fmt: skip
# Words that end the clause a date phrase is read in (with , ; : and a dash): a future word beyond them belongs to
# another clause.
CLAUSE_BREAKS = ("and", "but", "that", "after", "before", "while", "because", "when", "although")

# --- compose: what is not a reported fact, and statements cut off -----------------------------------------------

# The writer speaking to the reader ("If you travel ..."): advice, not news. Only outside quotation marks: a person
# quoted saying "you" is still reported speech.
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves", "you'll", "you're", "you've", "you'd"})
# Imperatives that open reader-directed advice ("Make sure ...", "Don't ..."); matched at the start of a sentence
# only, where news prose does not use them.
IMPERATIVE_OPENERS = (
    "make sure", "be sure", "keep in mind", "remember", "consider", "avoid", "don't", "do not", "never forget",
    "check", "try", "click", "subscribe", "sign up", "note that", "bear in mind",
)  # fmt: skip
# Lines about the page itself (dates of editing, reading time, rights): metadata, never an event. Anywhere in a
# sentence these say so; the openers below only at its start, and only in a line that does not go on into a
# sentence after a comma ("First published on 2 December" is metadata; "First published in 1902, the Herald
# closed its print edition" and "The report, first published by the Herald, ..." are news).
PAGE_METADATA = (
    "last updated on", "last updated at", "min read", "mins read", "minute read", "minutes read", "read time",
    "all rights reserved", "photo credit", "image credit",
)  # fmt: skip
PAGE_METADATA_OPENERS = (
    "last updated", "updated on", "first published", "originally published", "published on", "posted on",
    "last modified", "this article", "reading time",
)  # fmt: skip
# Labels of boxes addressed to the reader ("Pro Tip: ...", "FAQ: ..."), matched before a colon opening a line.
READER_LABELS = (
    "pro tip", "tip", "tips", "expert insight", "expert tip", "faq", "q", "a", "question", "answer",
    "key takeaways", "takeaway", "did you know", "editor's note", "note", "read more", "also read", "related",
)  # fmt: skip
READER_LABEL_WORDS = 3  # a label is at most this many words before its colon
# Words a whole sentence does not end with: a statement ending "... confirmed he held a" was cut off. Particles
# that do end sentences ("stepped down", "sworn in", "called off") are not here.
DANGLING_ENDINGS = frozenset({
    "a", "an", "the", "his", "their", "its", "my", "our", "your", "and", "or", "but", "nor", "because", "although",
    "whether", "than", "he", "she", "they", "we", "whose", "which",
})  # fmt: skip
# Prepositions end a whole sentence that strands them ("where the money came from.", "were not allowed to."), so
# they mark a cut only where the text has no closing stop ("... the talks ended with").
DANGLING_PREPOSITIONS = frozenset({"of", "to", "from", "into", "with", "at"})


# --- reading: reported facts against the writer's analysis ------------------------------------------------------

# Verbs that attribute words or a stance to someone: a sentence holding one reports what somebody said or holds,
# however abstract it sounds ("Officials argue that ...").
ATTRIBUTION_VERBS = (
    "said", "says", "told", "tells", "according to", "reported", "reports", "confirmed", "confirms", "argue",
    "argues", "argued", "maintain", "maintains", "maintained", "assert", "asserts", "asserted", "accused",
    "accuses", "claimed", "claims", "warned", "warns", "revealed", "stated", "announced", "denied", "insisted",
    "noted", "wrote", "urged", "called for", "allegedly", "reportedly",
)  # fmt: skip
# Openings of the writer's own commentary in text-only reading (reading.analysis): pronouns and determiners that
# name no actor. Whether a noun phrase names one ("The situation ..." against "The union ...") is the parse's
# question (stance.py), not a list's.
ANALYSIS_OPENERS = ("this", "these", "that", "those", "it", "such")
# Verbs that interpret rather than report, when the subject is one of the openers above: the interpretive verbs
# of stance.py as written in the present, and linking verbs that evaluate ("This remains a sore point").
ANALYSIS_VERBS = (
    "signals", "signal", "underscores", "underscore", "underlines", "underline", "highlights", "highlight",
    "illustrates", "illustrate", "shows", "show", "demonstrates", "demonstrate", "suggests", "suggest", "reflects",
    "reflect", "represents", "represent", "means", "mean", "indicates", "indicate", "implies", "imply", "remains",
    "remain", "is a",
)  # fmt: skip
# Modal words of speculation: what might happen is not an event.
SPECULATION = frozenset({"might", "could", "may", "potentially", "perhaps", "likely", "unlikely"})


# --- stance: commentary, negation, modality and attribution read on the parse (stance.py) ---------------------
# Entries are lemmas (spaCy's, lower case): the parse gives "refused" as "refuse", "couldn't" as "could" + "n't".

# Verbs that put words or a view in someone's mouth: a clause under one of them, with a speaker as its subject
# ("Officials said the pier will close"), is attributed, however it reads. A passive one attributes without a
# speaker ("The sale was announced", "Ruiz is said to have resigned"): someone said it. The last few also
# interpret ("This suggests ..."): they report only with an actor as subject (stance.py).
REPORTING_VERBS = frozenset({
    "say", "tell", "report", "claim", "confirm", "announce", "state", "add", "note", "write", "reveal", "disclose",
    "insist", "argue", "maintain", "assert", "allege", "accuse", "warn", "declare", "explain", "acknowledge",
    "admit", "deny", "describe", "urge", "testify", "tweet", "post", "estimate", "predict", "concede", "contend",
    "suggest", "indicate", "signal", "hint", "imply",
})  # fmt: skip
# Verbs of holding a view: attributed with a subject ("Many fear the strike will spread"), but in the passive with
# a to-clause they hedge, naming nobody ("The vote is expected to pass", "The ship is thought to have sunk").
BELIEF_VERBS = frozenset({
    "believe", "think", "expect", "fear", "hope", "doubt", "suspect", "understand", "presume", "foresee", "anticipate",
})  # fmt: skip
# Adverbs that judge a whole clause, opening it before a comma ("Arguably, ...", "Predictably, ..."): the writer's
# comment on what follows, unless someone is said to say it.
WRITER_ADVERBS = frozenset({
    "arguably", "undoubtedly", "unquestionably", "surely", "clearly", "evidently", "obviously", "ironically",
    "predictably", "understandably", "tellingly", "inevitably", "unsurprisingly", "sadly", "fortunately",
    "unfortunately", "admittedly", "remarkably", "worryingly",
})  # fmt: skip
# Adverbs that attribute a clause to unnamed others, as "according to" does ("The mayor reportedly resigned").
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "reputedly", "supposedly"})
# Pronouns that stand for no speaker: "This suggests ...", "It shows ..." are the writer's reading, not a report.
NON_SPEAKERS = frozenset({"it", "this", "that", "these", "those", "what"})
# Verbs that interpret rather than report: with a subject that is no actor ("This decision signals a harder line",
# "The delay shows how weak the board is") the sentence is the writer's reading of events.
INTERPRETIVE_VERBS = frozenset({
    "signal", "underscore", "underline", "highlight", "illustrate", "show", "demonstrate", "suggest", "reflect",
    "represent", "mean", "indicate", "imply",
})  # fmt: skip
# Linking verbs: with an adjective or noun complement and no actor as subject they evaluate ("The gap appears
# vast", "The mood remains tense", "It is clear that ..."); with an actor or a figure they report.
COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "stay", "look", "prove", "grow", "sound"})
# Adjectives that state a checkable condition or the terms of a deal, not a judgement: "The pier remains closed",
# "The sale is subject to a vote", "The grant is conditional on new jobs" are reported.
STATE_ADJECTIVES = frozenset({
    "open", "closed", "shut", "empty", "vacant", "dead", "alive", "injured", "wounded", "unharmed",
    "intact", "unchanged", "operational", "available", "unavailable", "absent", "present", "pregnant", "married",
    "subject", "conditional", "contingent", "due", "eligible", "entitled", "liable",
})  # fmt: skip
# Demonstratives: a subject that opens with one points back at what the text just said ("This decision",
# "These talks"); in the present simple it comments on it ("This leaves the port with no buyer").
DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})
# Nouns for people and bodies of people: a subject headed by one is an actor, so "The union is furious" reports
# someone's stance and "The union suggested a vote" reports a proposal, not the writer's reading. Roles and
# bodies named elsewhere in this module count too (ROLE_HEADS, COLLECTIVE, UNNAMED_SUBJECTS).
ACTOR_NOUNS = frozenset({
    "people", "person", "man", "woman", "child", "family", "resident", "citizen", "voter", "worker", "employee",
    "member", "staff", "crew", "lawmaker", "legislator", "politician", "diplomat", "negotiator", "ambassador",
    "expert", "critic", "observer", "activist", "protester", "reporter", "journalist", "correspondent", "witness",
    "officer", "soldier", "troop", "lawyer", "prosecutor", "judge", "investigator", "opponent", "rival",
    "supporter", "candidate", "councillor", "councilor", "owner", "buyer", "seller", "manager", "executive",
    "founder", "fan", "player", "coach", "student", "teacher", "doctor", "nurse", "patient", "victim", "passenger",
    "driver", "farmer", "customer", "shareholder", "investor", "landlord", "tenant", "source",
    "analyst", "committee", "parliament", "congress", "senate", "cabinet", "military", "force", "team", "club",
    "firm", "group", "alliance", "coalition", "organisation", "organization", "bank", "jury", "newspaper",
    "leadership",
})  # fmt: skip
# Modal auxiliaries of possibility, obligation or hypothesis: what could, must or would happen is no event.
# "will" and "shall" are not here: a plan or schedule stated as such ("The vote will take place on Monday") is
# reported.
HEDGE_MODALS = frozenset({"could", "might", "may", "would", "should", "can", "must", "ought"})
# Adverbs and adjectives that hedge a predicate ("The board will likely sell", "A sale is possible").
HEDGE_ADVERBS = frozenset({
    "likely", "unlikely", "possibly", "probably", "perhaps", "maybe", "potentially", "presumably", "apparently",
    "seemingly", "conceivably",
})  # fmt: skip
HEDGE_ADJECTIVES = frozenset({"likely", "unlikely", "possible", "probable", "impossible"})
# Verbs of seeming: with a complement they hedge what follows ("The strike appears to have ended"); alone they
# report ("Ruiz appeared before the committee").
SEEMING_VERBS = frozenset({"seem", "appear"})
# Verbs whose meaning is a "no" to their object or complement: "Ruiz denied the report", "The board refused to
# sell", "The union rejected the offer", "She declined to comment" say that something did not or will not happen,
# so they never state the same fact as "confirmed", "agreed to sell" or "accepted".
NEGATING_VERBS = frozenset({"deny", "refuse", "decline", "reject"})
# Verbs that negate their to-clause only: "The talks failed to produce a deal" = no deal; "The talks failed" is an
# event.
FAILING_VERBS = frozenset({"fail", "neglect"})
# Determiners and pronouns that negate the clause through its subject or object: "No ferry sailed", "Neither
# union signed", "The board received no offer", "Nobody came".
NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "neither", "noone"})
# Subordinators of a condition ("If prices rise, ...", "Unless the board pays, ..."): a clause they open is a
# hypothesis, and a main clause that hangs on one reports no event unless it happened.
CONDITION_MARKERS = frozenset({"if", "unless"})

# --- pairing: what two facts must share ---------------------------------------------------------------------

# Words any two facts of a story may share without stating the same thing: units of time and the like. Shared
# alone, they are no evidence of one fact ("costing $4 million a day" / "in the third day of the strike").
GENERIC_WORDS = frozenset({
    "day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "today", "tomorrow",
    "yesterday", "morning", "evening", "night", "people", "part", "way", "number", "first", "last", "new",
})  # fmt: skip


# --- features: who a fact is about ------------------------------------------------------------------------------

# Words a subject may hold around a name ("former Governor Lena Ruiz", "the Ruiz administration"): not names.
SUBJECT_FILLER = frozenset({"the", "a", "an", "former", "his", "her", "their", "its", "of", "and", "both"})
# A subject that is a pronoun or a plain description names nobody: the subject guard cannot tell, so it lets the
# pair by.
SUBJECT_PRONOUNS = frozenset(
    {"he", "she", "they", "it", "this", "these", "those", "that", "we", "i", "there", "such", "who"}
)
# Verbs that only pass someone's words on ("Okafor said members would stay out"): the fact is what was said, not
# the saying. Verbs that are news themselves ("confirmed", "denied", "announced", "warned") are not here.
PLAIN_SAYING = frozenset({"say", "tell", "state", "write", "note"})
# Pronouns that stand for one person named just before: "Ruiz met the board. She asked for an inquiry." (doers.py
# reads "she" as Ruiz). "They" and "it" are left alone: a group or a thing, too often not the last subject.
PERSONAL_PRONOUNS = frozenset({"he", "she"})
# Capitalised at the start of a sentence but naming nobody in particular ("Officials said ...").
UNNAMED_SUBJECTS = frozenset(
    {"sources", "officials", "observers", "analysts", "reports", "critics", "experts", "residents", "many"}
)

# --- actors: who is who -----------------------------------------------------------------------------------------

# Nouns for a country's government: "the Norvish government", "the administration in Brask", "the Varga regime"
# stand for the country (or, led by a named person, for that leader's government), not for a new actor.
GOVERNMENT_BODIES = frozenset({"government", "administration", "regime", "leadership", "cabinet", "authorities"})
# Offices (ROLE_HEADS values, and the generic "leader" and "head") whose holder stands for a country's government
# when a text ties them to the country ("Norvish President Ilse Varga"): "Norvia refused" and "Varga refused" may
# report one act. A former holder does not.
GOVERNMENT_HEADS = frozenset({"president", "prime minister", "leader", "head"})
# Generic role words that, with a country, mean whoever leads it ("the Norvish leader"), whatever their office.
LEADER_WORDS = frozenset({"leader", "head"})
# (CONDITION_MARKERS, above, also tell doers.py a condition's subject is not the doer of the fact the sentence states:
# "if Brask lifted the fines" asserts nothing of Brask; the clause it qualifies does.)
# Verbs whose subject is on the receiving end ("Varga received an ultimatum"): the subject is not who acted, and
# the doer goes unnamed, so the clause names no actor to compare.
RECEIVING_VERBS = frozenset({"receive", "get", "face", "suffer", "undergo", "endure"})

# --- words inside patterns: joined into regular expressions by their owners --------------------------------------

# features.py: words opening a scene-setting phrase before the subject ("During the talks, Ruiz ...", "However,
# Okoro ..."), cut off (up to its comma) so the subject is the name after it.
SUBJECT_PREAMBLE_OPENERS = (
    "in", "during", "after", "since", "however", "additionally", "while", "as", "on", "at", "following", "despite",
    "amid", "with", "meanwhile", "domestically", "yet", "but", "and", "so", "now", "according", "earlier", "later",
    "also",
)  # fmt: skip
# merge.py: a statement opening with one of these leans on the sentence before it ("They argue ...", "This
# exchange ..."); a claim shows, where it has one, a member that names its subject instead.
CONTEXT_OPENERS = frozenset(
    {"he", "she", "they", "it", "this", "these", "that", "those", "his", "her", "their", "its", "such"}
)
# ground.py: a narrowed quote opening with a relative pronoun ("which took place ...") is taken back to the part
# it describes, or it would name nothing.
RELATIVE_PRONOUNS = ("which", "who", "whose", "whom")
# ground.py: a conjunction left at the start of a narrowed quote ("and the union ...") is dropped, so the quote
# opens at its subject.
LEADING_CONJUNCTIONS = ("and", "but", "while", "whereas", "which", "as well as")


def phrase_at(tokens: Sequence[str], phrase: str) -> list[int]:
    """Where a list entry of one or more words starts in a run of word tokens (every place, in order)."""
    wanted = phrase.split()
    first, size = wanted[0], len(wanted)
    return [i for i, token in enumerate(tokens) if token == first and list(tokens[i : i + size]) == wanted]


def starts_with_any(tokens: Sequence[str], phrases: Iterable[str]) -> str | None:
    """The first entry the tokens open with, or None."""
    return next((p for p in phrases if list(tokens[: len(p.split())]) == p.split()), None)


# --- clauses.py: which words of a parsed sentence state which fact ----------------------------------------------

# Subordinators of a condition: the writer's "..., if the council pays" asserts nothing ("Ruiz will sign if the
# council pays": no one has paid), so it is no part of its own; one in reported words is a term someone sets
# ("Ruiz said she would sign if the council paid"), a part read with the clause it conditions.
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "provided", "providing", "lest"})
# Words that open examples of the noun before them: each example is a fact of its own ("new rules, including a
# ban on night shifts" states the ban), and the noun's clause is one without them.
EXAMPLE_PREPOSITIONS = ("including", "such as")
# Prepositions whose gerund says its subject did it ("walked out after rejecting the offer": they rejected it), a
# second act of the clause's subject; "before signing", "without signing", "instead of signing" say nothing of it.
PRESUPPOSING_PREPOSITIONS = frozenset({"after", "since", "upon"})
# Prepositions whose object list is one relation, not several facts: "talks between the union and the port" are
# one set of talks.
SYMMETRIC_PREPOSITIONS = frozenset({"between", "among", "amongst"})
# An attribution phrase that is not a clause: a part cut out of the sentence keeps it, or it reads as the
# writer's own claim ("..., according to two officials").
REPORTING_PREPOSITIONS = frozenset({"according to"})
