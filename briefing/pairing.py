"""Same-fact candidates across articles: nearest neighbours by embedding, then guards that veto a join. Pure.

Embeddings propose well but cannot decide (shared/research: the true partner is among the 5 nearest for 86% of
pairs, yet unrelated facts of one story score as high as true pairs), so a pair only becomes a candidate when
each fact is among the other's few nearest in its article, and no guard vetoes it: the grammatical subjects
must not name different people, and figures and dates of one kind must be compatible (incompatible figures are
the cross-check's business, never one claim). What passes is joined by a judge, or, without one, only above a
strict similarity.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from .entities import ROLE_HEADS, mentions
from .lexicon import GENERIC_WORDS
from .models import GroundedFact, JoinBasis, JoinRule, Verdict
from .textnorm import content_words
from .values import Value, dates, quantities

NEAREST = 2  # each fact's nearest facts in every other article that may pair with it (both ways)
NEAREST_OVERALL = 8  # and in all other articles together: a large corpus gives each fact a few partners, not all
FIGURE_KEY_MAX = 12  # facts sharing one figure or date, above which the figure proposes nothing
MAX_KEPT_APART = 1000  # pairs kept apart listed with their basis (the closest first): a review, not a dump
ROWS = 1024  # facts scored against all others at once: 1024 x 100,000 floats is 400 MB at most
DENSE = 64  # above-floor scores a row has on average, past which rows are cut to their best before sorting
PROPOSE_FLOOR = 0.45  # below this cosine two quotes are not about one thing (research: true pairs >= 0.5)
STRICT_SIMILARITY = 0.80
# The embedded judge's answer flips with the order of the quotes at times: a "yes" in one order only is weak
# evidence, enough to join only quotes this close.
ONE_YES_SIMILARITY = 0.65  # joins without a judge: above the highest cosine of a different-fact pair measured

STEM_CHARS = 5  # "requested" and "request", "confirmed" and "confirms" share a stem
COMMON_SHARE = 0.1  # a stem in a tenth of all facts is the story's ("pressure", "call"), not a fact's
COMMON_MIN_FACTS = 3

# An opening phrase before the subject: "During the talks, Ruiz ..." / "However, Okoro ...".
_OPENING = re.compile(
    r"^(?:(?:in|during|after|since|however|additionally|while|as|on|at|following|despite|amid|with|meanwhile|"
    r"domestically|yet|but|and|so|now|according|earlier|later|also)\b[^,]{0,90},\s+)+",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\W\d_][\w.'\u2019-]*")
# Words a subject may hold around a name ("former Governor Lena Ruiz", "the Ruiz administration").
_SUBJECT_FILLER = {"the", "a", "an", "former", "his", "her", "their", "its", "of", "and", "both"}
# A subject that is a pronoun or a plain description names nobody: the guard cannot tell, so it lets the pair by.
_PRONOUNS = {"he", "she", "they", "it", "this", "these", "those", "that", "we", "i", "there", "such", "who"}
# Capitalised at the start of a sentence but naming nobody in particular.
_UNNAMED = {"sources", "officials", "observers", "analysts", "reports", "critics", "experts", "residents", "many"}
_DEMONYM = re.compile(r"(?:an|ian|ean|ese|ish|i)$")


@dataclass(frozen=True)
class FactFeatures:
    """What matching reads in one fact, read once: who its subject names and the figures and dates it gives."""

    subjects: frozenset[str] | None
    values: tuple[Value, ...]
    stems: frozenset[str] = frozenset()  # content words cut to STEM_CHARS: "requested" ~ "request"
    roles: tuple[tuple[str, str], ...] = ()  # (surname, office as stated, "former ..." included)


@dataclass(frozen=True)
class Candidate:
    """Two facts of different articles proposed as one fact, with every guard's result."""

    left: GroundedFact
    right: GroundedFact
    similarity: float
    guards: tuple[str, ...]
    veto: str | None  # the guard that forbids the join, or None

    def basis(self, rule: JoinRule, verdict: Verdict | None = None, answers: Sequence[str] = ()) -> JoinBasis:
        """The record of a join (or a judged conflict) made from this pair."""
        return JoinBasis(facts=[self.left.id, self.right.id], rule=rule, similarity=round(self.similarity, 3),
                         guards=list(self.guards), verdict=verdict, answers=list(answers))  # fmt: skip


def known_names(quotes: Iterable[str]) -> frozenset[str]:
    """Words written capitalised inside a sentence somewhere in the corpus: names, as far as case can tell.

    A capitalised first word proves nothing ("Engineers found ..."); it counts as a name only if it is one of
    these.
    """
    found: set[str] = set()
    for quote in quotes:
        tokens = _TOKEN.findall(quote)
        for previous, token in itertools.pairwise(tokens):
            if token[:1].isupper() and not previous.endswith("."):
                found.add(_bare(token).lower())
    return frozenset(found)


def _bare(token: str) -> str:
    return re.sub(r"['\u2019]s$", "", token.rstrip(".,"))


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
            if position == 0 and folded in _PRONOUNS:
                return None
            if position == 0 and names is not None and folded not in names:
                continue  # "Engineers found ...": a common noun that opens the sentence
            following = tokens[position + 1] if position + 1 < len(tokens) else ""
            if _DEMONYM.search(folded) and following[:1].islower():
                continue  # "Norvish minister", "American officials": an adjective, not the name
            found.append(folded)
        elif folded not in _SUBJECT_FILLER:
            break
    keys = {n for n in found if n not in ROLE_HEADS and n not in _PRONOUNS | _SUBJECT_FILLER | _UNNAMED}
    return frozenset(keys) or None


def fact_features(fact: GroundedFact, published: date | None, names: frozenset[str] | None = None) -> FactFeatures:
    """The features of one fact, from its verified quote (never from the model's statement)."""
    values = tuple(quantities(fact.quote)) + tuple(dates(fact.quote, published))
    # Words of a scene-setting opening ("During the November phone call, ...") are shared by many facts of one
    # story; what the clause itself says is what two facts must share.
    clause = _OPENING.sub("", fact.quote.strip(), count=1)
    stems = frozenset(word[:STEM_CHARS] for word in content_words(clause) if word not in GENERIC_WORDS)
    roles = tuple(
        (m.key.split()[-1], ("former " if m.former else "") + m.role)
        for m in mentions(fact.quote)
        if m.role and m.role != "generic"
    )
    return FactFeatures(subjects(fact.quote, names), values, stems, roles)


def common_stems(features: Sequence[FactFeatures]) -> frozenset[str]:
    """Stems so frequent in this corpus (the story's own names: "ruiz", "orrin") that sharing them says nothing."""
    counts = Counter(stem for f in features for stem in f.stems)
    floor = max(COMMON_MIN_FACTS, COMMON_SHARE * len(features))
    return frozenset(stem for stem, count in counts.items() if count >= floor)


def guard(
    left: FactFeatures, right: FactFeatures, common: frozenset[str] = frozenset()
) -> tuple[tuple[str, ...], str | None]:
    """Each guard's result in words, and the first veto (None when the pair may join)."""
    results: list[str] = []
    veto: str | None = None
    shared = sorted((left.stems & right.stems) - common)
    if shared:
        results.append("words shared: " + ", ".join(shared[:6]))
    else:
        veto = "no word shared beyond the story's common ones"
        results.append(veto)
    if left.subjects is None or right.subjects is None:
        results.append("subjects: not both named")
    elif left.subjects & right.subjects:
        results.append("subjects shared: " + ", ".join(sorted(left.subjects & right.subjects)))
    else:
        differ = f"subjects differ: {', '.join(sorted(left.subjects))} / {', '.join(sorted(right.subjects))}"
        results.append(differ)
        veto = veto or differ
    offices = sorted({f"{name}: {a} / {b}" for name, a in left.roles for other, b in right.roles
                      if name == other and a != b})  # fmt: skip
    if offices:
        results.append("roles differ: " + "; ".join(offices))
        veto = veto or results[-1]
    clash = _figure_clash(left.values, right.values) or _different_quantities(left.values, right.values)
    if clash is not None:
        results.append(clash)
        veto = veto or clash
    elif left.values and right.values:
        results.append("figures compatible")
    return tuple(results), veto


def _different_quantities(left: Sequence[Value], right: Sequence[Value]) -> str | None:
    """Both quotes state figures, but of no common kind (a head count against a sum of money): the facts are
    about different things, whatever their words share."""
    mine, theirs = {v.kind.value for v in left}, {v.kind.value for v in right}
    if mine and theirs and not mine & theirs:
        return f"figures of different kinds: {', '.join(sorted(mine))} / {', '.join(sorted(theirs))}"
    return None


def _figure_clash(left: Sequence[Value], right: Sequence[Value]) -> str | None:
    for kind, unit in {(v.kind, v.unit) for v in left} & {(v.kind, v.unit) for v in right}:
        mine = [v for v in left if (v.kind, v.unit) == (kind, unit)]
        theirs = [v for v in right if (v.kind, v.unit) == (kind, unit)]
        if not any(a.overlaps(b) for a in mine for b in theirs):
            return f"{kind} differs: {mine[0].label()} / {theirs[0].label()}"
    return None


def propose(
    facts: Sequence[GroundedFact],
    vectors: npt.NDArray[np.float32],
    features: Mapping[str, FactFeatures],
    nearest: int = NEAREST,
    floor: float = PROPOSE_FLOOR,
) -> list[Candidate]:
    """Pairs of facts in different articles, each among the other's nearest (at most `nearest` in any one
    article, NEAREST_OVERALL in all), above `floor`.

    `vectors[i]` is the unit-length embedding of `facts[i]`'s quote. The result is sorted by similarity
    (highest first, then by fact IDs), so whatever consumes it does not depend on the input order.
    """
    if len(facts) < 2:
        return []
    near = _neighbours(facts, vectors, nearest, floor) | _same_figure(facts, vectors, features, floor)
    pairs = sorted((i, j) for i, j in near if (j, i) in near and _ordered(facts[i], facts[j]))
    common = common_stems([features[f.id] for f in facts])
    candidates = []
    for i, j in pairs:
        guards, veto = guard(features[facts[i].id], features[facts[j].id], common)
        candidates.append(Candidate(facts[i], facts[j], float(vectors[i] @ vectors[j]), guards, veto))
    return sorted(candidates, key=lambda c: (-round(c.similarity, 6), c.left.id, c.right.id))


def _same_figure(
    facts: Sequence[GroundedFact], vectors: npt.NDArray[np.float32], features: Mapping[str, FactFeatures], floor: float
) -> set[tuple[int, int]]:
    """Facts of different articles that give one exact figure or date ("on March 3") are proposed too,
    even when other facts are nearer: a shared specific value is evidence of one event that embeddings miss."""
    holders: dict[tuple[str, str, float, float], list[int]] = {}
    for index, fact in enumerate(facts):
        for value in {(v.kind.value, v.unit, v.low, v.high) for v in features[fact.id].values}:
            holders.setdefault(value, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in holders.values():
        if len(members) > FIGURE_KEY_MAX:
            continue  # a figure this common ("one", a year) says nothing about which fact
        for i, j in itertools.permutations(members, 2):
            if facts[i].article_id != facts[j].article_id and float(vectors[i] @ vectors[j]) >= floor:
                pairs.add((i, j))
    return pairs


def _neighbours(
    facts: Sequence[GroundedFact], vectors: npt.NDArray[np.float32], nearest: int, floor: float
) -> set[tuple[int, int]]:
    """(i, j) for each fact i and its nearest facts j of other articles. Rows are scored in blocks, so memory
    stays at ROWS x facts however large the corpus; ties are broken by fact ID, never by input order."""
    count = len(facts)
    articles = {a: n for n, a in enumerate(sorted({f.article_id for f in facts}))}
    article_of = np.array([articles[f.article_id] for f in facts])
    rank = np.empty(count, dtype=np.int64)
    rank[sorted(range(count), key=lambda i: facts[i].id)] = np.arange(count)
    keep = min(NEAREST_OVERALL, count - 1)
    near: set[tuple[int, int]] = set()
    for start in range(0, count, ROWS):
        rows = np.arange(start, min(start + ROWS, count))
        scores = vectors[rows] @ vectors.T
        scores[article_of[rows][:, None] == article_of[None, :]] = -np.inf
        # Only scores above the floor can propose anything: most rows have few, so the costly partial sort runs
        # on those alone.
        if keep < count and np.count_nonzero(scores >= floor) > DENSE * len(rows):
            # Many scores above the floor (a corpus of near-copies): cut each row to its `keep` best first.
            top = np.argpartition(-scores, keep - 1, axis=1)[:, :keep]
            cut = np.take_along_axis(scores, top, axis=1).min(axis=1, keepdims=True)
            scores[scores < np.maximum(cut, floor)] = -np.inf
        above_rows, above_columns = np.nonzero(scores >= floor)
        bounds = np.searchsorted(above_rows, np.arange(len(rows) + 1))
        for offset, row in enumerate(rows):
            columns = above_columns[bounds[offset] : bounds[offset + 1]]
            if len(columns) == 0:
                continue
            row_scores = scores[offset]
            if len(columns) > keep:  # keep every tie at the cut: they are then ordered by ID
                cut = np.partition(row_scores[columns], len(columns) - keep)[len(columns) - keep]
                columns = columns[row_scores[columns] >= cut]
            taken: Counter[int] = Counter()
            for column in sorted(columns, key=lambda j: (-row_scores[j], rank[j]))[:keep]:
                if taken[article_of[column]] < nearest:
                    taken[article_of[column]] += 1
                    near.add((int(row), int(column)))
    return near


def _ordered(left: GroundedFact, right: GroundedFact) -> bool:
    return (left.article_id, left.id) < (right.article_id, right.id)


@dataclass(frozen=True)
class Decisions:
    """What the pairs decided: links to join (strongest first), pairs never to join, judged contradictions."""

    links: list[JoinBasis]
    vetoed: frozenset[frozenset[str]]
    contradictions: list[tuple[Candidate, JoinBasis]]
    kept_apart: list[JoinBasis]


def decide(
    candidates: Sequence[Candidate],
    verdicts: Mapping[tuple[str, str], Verdict | None],
    answers: Mapping[tuple[str, str], Sequence[str]] | None = None,
) -> Decisions:
    """Code decides, the judge only advises: a vetoed pair never joins whatever the verdict; a judged "related"
    or "contradicts" keeps the pair apart too; "same" from one order of the quotes only joins above
    ONE_YES_SIMILARITY; a pair without a verdict (no judge, or its call failed) joins only above
    STRICT_SIMILARITY."""
    links: list[JoinBasis] = []
    vetoed: set[frozenset[str]] = set()
    contradictions: list[tuple[Candidate, JoinBasis]] = []
    kept_apart: list[JoinBasis] = []
    for candidate in candidates:
        pair = frozenset((candidate.left.id, candidate.right.id))
        if candidate.veto is not None:
            vetoed.add(pair)
            kept_apart.append(candidate.basis(JoinRule.VETOED))
            continue
        key = (candidate.left.id, candidate.right.id)
        verdict, said = verdicts.get(key), (answers or {}).get(key, ())
        if verdict == Verdict.SAME and (list(said).count("yes") > 1 or candidate.similarity >= ONE_YES_SIMILARITY):
            links.append(candidate.basis(JoinRule.JUDGED, verdict, said))
        elif verdict == Verdict.SAME:
            kept_apart.append(candidate.basis(JoinRule.ONE_YES, verdict, said))
        elif verdict is not None:
            vetoed.add(pair)
            kept_apart.append(candidate.basis(JoinRule.JUDGED, verdict, said))
            if verdict == Verdict.CONTRADICTS:
                contradictions.append((candidate, kept_apart[-1]))
        elif candidate.similarity >= STRICT_SIMILARITY:
            links.append(candidate.basis(JoinRule.SIMILAR))
        else:
            kept_apart.append(candidate.basis(JoinRule.BELOW_STRICT, None, said))
            if "conflict" in said:
                # The model saw a disagreement in one order: not enough for a conflict, but enough that no chain
                # of other joins may put the two in one claim.
                vetoed.add(pair)
    return Decisions(links, frozenset(vetoed), contradictions, kept_apart[:MAX_KEPT_APART])


def needs_judge(candidate: Candidate) -> bool:
    """Only unvetoed pairs below the strict similarity are worth a model call."""
    return candidate.veto is None and candidate.similarity < STRICT_SIMILARITY
