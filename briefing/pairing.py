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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from .features import FactFeatures
from .lexicon import NEGATIONS, OUTCOME_OPPOSITES
from .models import MAX_KEPT_APART, GroundedFact, JoinBasis, JoinRule, Verdict
from .textnorm import words
from .values import Value, ValueKind, by_kind, figure_clash

NEAREST = 2  # each fact's nearest facts in every other article that may pair with it (both ways)
NEAREST_OVERALL = 8  # and in all other articles together: a large corpus gives each fact a few partners, not all
FIGURE_KEY_MAX = 12  # facts sharing one figure or date, above which the figure proposes nothing
# Facts scored against all others at once: 256 x 100,000 floats is 100 MB at most. At 20,000 facts, blocks of
# 256 rows took 1.1-1.2 s against 1.3-2.6 s for 1,024 (smaller buffers, passed over several times each).
ROWS = 256
SAMPLE_COLUMNS = 2048  # columns a row's cut is first estimated on (see _neighbours)
PROPOSE_FLOOR = 0.45  # below this cosine two quotes are not about one thing (research: true pairs >= 0.5)
STRICT_SIMILARITY = 0.80
# The embedded judge's answer flips with the order of the quotes at times: a "yes" in one order only is weak
# evidence, enough to join only quotes this close.
ONE_YES_SIMILARITY = 0.65  # joins without a judge: above the highest cosine of a different-fact pair measured

NOTHING_TO_DISPUTE = "a one-order 'conflict' ignored: no figure, date, office or outcome to disagree on"
# The same, answered in both orders: the pair is kept apart (the model saw two facts), but is no conflict to show.
NO_CONFLICT = "the model's 'conflict' is no dispute: no figure, date, office or outcome to disagree on"
SHARED_VALUE = "the same figure or day stated"  # a guard's result that puts a join first (see decide)
COMMON_SHARE = 0.1  # a stem in a tenth of all facts is the story's ("pressure", "call"), not a fact's
COMMON_MIN_FACTS = 3
DISPUTE_WORDS = NEGATIONS | {word for pair in OUTCOME_OPPOSITES for side in pair for word in side.split()} - {"to"}


@dataclass(frozen=True)
class Candidate:
    """Two facts of different articles proposed as one fact, with every guard's result."""

    left: GroundedFact
    right: GroundedFact
    similarity: float
    guards: tuple[str, ...]
    veto: str | None  # the guard that forbids the join, or None
    # Something two quotes could disagree on: figures or dates in both, offices in both, or an outcome word or
    # negation in either. A judge's one-order "conflict" about quotes with none of these is noise.
    disputable: bool = True

    def basis(self, rule: JoinRule, verdict: Verdict | None = None, answers: Sequence[str] = ()) -> JoinBasis:
        """The record of a join (or a judged conflict) made from this pair."""
        return JoinBasis(facts=[self.left.id, self.right.id], rule=rule, similarity=round(self.similarity, 3),
                         guards=list(self.guards), verdict=verdict, answers=list(answers))  # fmt: skip


def common_stems(features: Sequence[FactFeatures]) -> frozenset[str]:
    """Stems so frequent in this corpus (the story's own names: "ruiz", "orrin") that sharing them says nothing."""
    counts = Counter(stem for f in features for stem in f.stems)
    floor = max(COMMON_MIN_FACTS, COMMON_SHARE * len(features))
    return frozenset(stem for stem, count in counts.items() if count >= floor)


def guard(
    left: FactFeatures, right: FactFeatures, common: frozenset[str] = frozenset()
) -> tuple[tuple[str, ...], str | None]:
    """Each guard's result in words, and the first veto (None when the pair may join)."""
    return _guard(_Guarded.of(left, common, value_keys(left)), _Guarded.of(right, common, value_keys(right)))


@dataclass(frozen=True)
class _Guarded:
    """What the guards compare in one fact beyond its features, derived once per fact, not once per pair."""

    features: FactFeatures
    stems: frozenset[str]  # without the story's common stems
    keys: set[tuple[str, str, float, float]]  # value_keys
    grouped: dict[tuple[ValueKind, str], list[Value]]  # values.by_kind of its figures and dates
    kinds: frozenset[str]  # the kinds of its figures and dates

    @classmethod
    def of(cls, features: FactFeatures, common: frozenset[str], keys: set[tuple[str, str, float, float]]) -> _Guarded:
        grouped = by_kind(features.values)
        return cls(features, features.stems - common, keys, grouped, frozenset(kind.value for kind, _ in grouped))


def _guard(mine: _Guarded, theirs: _Guarded) -> tuple[tuple[str, ...], str | None]:
    left, right = mine.features, theirs.features
    results: list[str] = []
    veto: str | None = None
    shared = sorted(mine.stems & theirs.stems)
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
    if left.roles and right.roles:
        offices = sorted({f"{name}: {a} / {b}" for name, a in left.roles for other, b in right.roles
                          if name == other and a != b})  # fmt: skip
        if offices:
            results.append("roles differ: " + "; ".join(offices))
            veto = veto or results[-1]
    clash = None
    if mine.grouped and theirs.grouped:  # figures can only clash, or be compatible, when both quotes state some
        clash = figure_clash(mine.grouped, theirs.grouped) or _different_quantities(mine.kinds, theirs.kinds)
        if clash is not None:
            results.append(clash)
            veto = veto or clash
        else:
            results.append("figures compatible")
    if clash is None and mine.keys & theirs.keys:
        results.append(SHARED_VALUE)
    return tuple(results), veto


def _different_quantities(mine: frozenset[str], theirs: frozenset[str]) -> str | None:
    """Both quotes state figures, but of no common kind (a head count against a sum of money): the facts are
    about different things, whatever their words share."""
    if mine and theirs and not mine & theirs:
        return f"figures of different kinds: {', '.join(sorted(mine))} / {', '.join(sorted(theirs))}"
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
    read = [features[f.id] for f in facts]
    keys = [value_keys(r) for r in read]
    rows, columns = _neighbours(facts, vectors, nearest, floor)
    figure_pairs = _same_figure(facts, vectors, keys, floor)
    more = np.array(sorted(figure_pairs), dtype=np.int64).reshape(-1, 2)
    pairs = _mutual(facts, np.concatenate([rows, more[:, 0]]), np.concatenate([columns, more[:, 1]]))
    # What each fact brings to its pairs' guards, derived once: tens of thousands of pairs share 20,000 facts.
    common = common_stems(read)
    guarded = {i: _Guarded.of(read[i], common, keys[i]) for i in {i for pair in pairs for i in pair}}
    dispute = {i: _has_dispute_word(facts[i].quote) for i in guarded}
    candidates = []
    for i, j in pairs:
        guards, veto = _guard(guarded[i], guarded[j])
        disputable = _disputable(guarded[i], guarded[j]) or dispute[i] or dispute[j]
        candidates.append(Candidate(facts[i], facts[j], float(vectors[i] @ vectors[j]), guards, veto, disputable))
    return sorted(candidates, key=lambda c: (-round(c.similarity, 6), c.left.id, c.right.id))


def _same_figure(
    facts: Sequence[GroundedFact],
    vectors: npt.NDArray[np.float32],
    keys: Sequence[set[tuple[str, str, float, float]]],
    floor: float,
) -> set[tuple[int, int]]:
    """Facts of different articles that give one exact figure, date or day of a month (`keys[i]`, value_keys of
    facts[i]) are proposed too, even when other facts are nearer: a shared specific value is evidence of one
    event that embeddings miss."""
    holders: dict[tuple[str, str, float, float], list[int]] = {}
    for index, fact_keys in enumerate(keys):
        for key in fact_keys:
            holders.setdefault(key, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in holders.values():
        if len(members) > FIGURE_KEY_MAX:
            continue  # a figure this common ("one", a year) says nothing about which fact
        for i, j in itertools.permutations(members, 2):
            if facts[i].article_id != facts[j].article_id and float(vectors[i] @ vectors[j]) >= floor:
                pairs.add((i, j))
    return pairs


def _mutual(
    facts: Sequence[GroundedFact], rows: npt.NDArray[np.int64], columns: npt.NDArray[np.int64]
) -> list[tuple[int, int]]:
    """The pairs (i, j) found both ways among (rows[k], columns[k]), each once, as (first, second) in the order
    of (article ID, fact ID), sorted by i then j. In numpy: at 20,000 facts there are some 160,000 (i, j)."""
    count = len(facts)
    codes = np.unique(rows.astype(np.int64) * count + columns)
    rows, columns = np.divmod(codes, count)
    both = np.isin(columns * count + rows, codes, assume_unique=True)
    rank = np.empty(count, dtype=np.int64)
    rank[sorted(range(count), key=lambda i: (facts[i].article_id, facts[i].id))] = np.arange(count)
    kept = both & (rank[rows] < rank[columns])
    return list(zip(rows[kept].tolist(), columns[kept].tolist(), strict=True))  # codes are sorted: by i, then j


def _disputable(mine: _Guarded, theirs: _Guarded) -> bool:
    """Figures or dates in both quotes, or offices in both (an outcome word or a negation in either quote, see
    _has_dispute_word, makes a pair disputable too)."""
    return bool((mine.grouped and theirs.grouped) or (mine.features.roles and theirs.features.roles))


def _has_dispute_word(quote: str) -> bool:
    return any(word in DISPUTE_WORDS for word in words(quote))


def value_keys(read: FactFeatures) -> set[tuple[str, str, float, float]]:
    """The exact figures and dates a fact states, and each day of a month it names even where no publication
    date gives its year ("on November 21"): two facts sharing one are likely about one event."""
    keys = {(v.kind.value, v.unit, v.low, v.high) for v in read.values}
    return keys | {("calendar day", "", float(month), float(day)) for month, day in read.calendar_days}


def _neighbours(
    facts: Sequence[GroundedFact], vectors: npt.NDArray[np.float32], nearest: int, floor: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(i, j) for each fact i and its nearest facts j of other articles (two arrays: the i, the j): the `keep`
    best by similarity (ties broken by fact ID, never by input order), of which at most `nearest` in any one
    article.

    All selection is done by numpy, in two passes over row blocks (memory stays at ROWS x facts however large
    the corpus): the first finds each row's cut, the second scores each pair once (similarity is symmetric)
    and keeps it for either fact whose cut it reaches. One block's scores and masks are written into the same
    buffers each time: fresh arrays of that size cost as much in page faults as comparing them.
    """
    count = len(facts)
    articles = {a: n for n, a in enumerate(sorted({f.article_id for f in facts}))}
    # Facts in article order: the blocks (and so the float rounding of every score) do not depend on input order.
    order = np.argsort(np.array([articles[f.article_id] for f in facts]), kind="stable")
    ordered = vectors[order]
    in_order = [facts[i] for i in order.tolist()]
    article_of = np.array([articles[f.article_id] for f in in_order])
    by_id = np.empty(count, dtype=np.int64)
    by_id[sorted(range(count), key=lambda i: in_order[i].id)] = np.arange(count)
    keep = min(NEAREST_OVERALL, count - 1)
    cut = _cuts(ordered, article_of, keep, floor)
    found: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float32]]] = []
    size = min(ROWS, count) * count
    buffer, by_row, by_column = np.empty(size, np.float32), np.empty(size, np.bool_), np.empty(size, np.bool_)
    for start in range(0, count, ROWS):
        stop = min(start + ROWS, count)
        width = count - start  # columns from `start` on: each pair once
        scores = buffer[: (stop - start) * width].reshape(stop - start, width)
        np.matmul(ordered[start:stop], ordered[start:].T, out=scores)
        mask = np.greater_equal(scores, cut[start:stop, None], out=by_row[: scores.size].reshape(scores.shape))
        mask |= np.greater_equal(scores, cut[None, start:], out=by_column[: scores.size].reshape(scores.shape))
        flat = np.flatnonzero(mask)
        rows, columns = np.divmod(flat, width)
        rows, columns, values = rows + start, columns + start, scores.reshape(-1)[flat]
        # A fact is never its own partner, nor is a fact of its own article; each pair is kept once.
        other = (columns > rows) & (article_of[rows] != article_of[columns])
        rows, columns, values = rows[other], columns[other], values[other]
        for mine, theirs in ((rows, columns), (columns, rows)):
            reached = values >= cut[mine]
            found.append((mine[reached], theirs[reached], values[reached]))
    rows, columns, values = (np.concatenate(part) for part in zip(*found, strict=True))
    if len(rows) == 0:
        return rows, columns
    # Each row's columns best first, ties by fact ID; then the first `keep` of them, at most `nearest` from
    # any one article.
    ranked = _best_first(rows, values, by_id[columns], count)
    rows, columns = rows[ranked], columns[ranked]
    position = np.arange(len(rows)) - np.searchsorted(rows, rows)
    rows, columns, position = rows[position < keep], columns[position < keep], position[position < keep]
    by_article = np.lexsort((position, article_of[columns], rows))
    grouped = np.stack([rows[by_article], article_of[columns[by_article]]])
    opens = np.concatenate([[True], np.any(grouped[:, 1:] != grouped[:, :-1], axis=0)])
    group_start = np.maximum.accumulate(np.where(opens, np.arange(len(opens)), 0))
    chosen = by_article[np.arange(len(opens)) - group_start < nearest]
    return order[rows[chosen]], order[columns[chosen]]


def _best_first(
    rows: npt.NDArray[np.int64], values: npt.NDArray[np.float32], ids: npt.NDArray[np.int64], count: int
) -> npt.NDArray[np.intp]:
    """The order of entries by row, then value (highest first), then ID: np.lexsort((ids, -values, rows)).

    Every (row, ID) is one entry, so where row, value and ID fit one 64-bit key (up to 65,536 facts) one plain
    sort of that key gives the same order at a seventh of lexsort's cost (1.5 million entries at 1,000 articles).
    """
    bits = max(1, (count - 1).bit_length())
    if 2 * bits + 32 > 64:
        return np.lexsort((ids, -values, rows))
    # Float bits as an unsigned integer in the float's order (negatives flipped); -0.0 is made 0.0 first. Built
    # in 32 bits, then widened once: 64-bit temporaries of a million entries cost more than the sort.
    raw = (values + np.float32(0)).view(np.uint32)
    descending = ~np.where(raw >> np.uint32(31), ~raw, raw | np.uint32(0x80000000))
    key = rows.astype(np.uint64)
    key <<= np.uint64(32 + bits)
    key |= descending.astype(np.uint64) << np.uint64(bits)
    key |= ids.astype(np.uint64)
    return np.argsort(key)


def _cuts(
    ordered: npt.NDArray[np.float32], article_of: npt.NDArray[np.int64], keep: int, floor: float
) -> npt.NDArray[np.float32]:
    """A score below which no fact is among a row's `keep` best: the floor, or the `keep`-th best score against
    every SAMPLE-th fact when higher (the best of a sample are never better than the best of all)."""
    count = len(ordered)
    sample = np.arange(0, count, max(1, count // SAMPLE_COLUMNS))
    cut = np.full(count, floor, dtype=np.float32)
    if len(sample) <= keep:
        return cut
    columns, column_articles = np.ascontiguousarray(ordered[sample].T), article_of[None, sample]  # gathered once
    for start in range(0, count, ROWS):
        stop = min(start + ROWS, count)
        scores = ordered[start:stop] @ columns
        scores[article_of[start:stop, None] == column_articles] = -np.inf
        best = np.partition(scores, len(sample) - keep, axis=1)[:, len(sample) - keep]
        cut[start:stop] = np.maximum(cut[start:stop], best)
    return cut


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
    or "contradicts" keeps the pair apart too, and "contradicts" is a conflict only where the quotes hold
    something to dispute; "same" from one order of the quotes only joins above
    ONE_YES_SIMILARITY; a pair without a verdict (no judge, or its call failed) joins only above
    STRICT_SIMILARITY. Links come in candidate order, those stating the same figure or day first."""
    links: list[JoinBasis] = []
    vetoed: set[frozenset[str]] = set()
    contradictions: list[tuple[Candidate, JoinBasis]] = []
    kept_apart: list[JoinBasis] = []

    def keep_apart(candidate: Candidate, rule: JoinRule, verdict: Verdict | None, said: Sequence[str]) -> None:
        # Only the closest MAX_KEPT_APART are listed: a large corpus has tens of thousands, each a record to build.
        if len(kept_apart) < MAX_KEPT_APART:
            kept_apart.append(candidate.basis(rule, verdict, said))

    answered = answers or {}
    for candidate in candidates:
        pair = frozenset((candidate.left.id, candidate.right.id))
        if candidate.veto is not None:
            vetoed.add(pair)
            keep_apart(candidate, JoinRule.VETOED, None, ())
            continue
        key = (candidate.left.id, candidate.right.id)
        verdict, said = verdicts.get(key), answered.get(key, ())
        if verdict == Verdict.SAME and (list(said).count("yes") > 1 or candidate.similarity >= ONE_YES_SIMILARITY):
            links.append(candidate.basis(JoinRule.JUDGED, verdict, said))
        elif verdict == Verdict.SAME:
            keep_apart(candidate, JoinRule.ONE_YES, verdict, said)
        elif verdict is not None:
            vetoed.add(pair)
            if verdict == Verdict.CONTRADICTS and not candidate.disputable:
                candidate = replace(candidate, guards=(*candidate.guards, NO_CONFLICT))
            keep_apart(candidate, JoinRule.JUDGED, verdict, said)
            if verdict == Verdict.CONTRADICTS and candidate.disputable:
                contradictions.append((candidate, candidate.basis(JoinRule.JUDGED, verdict, said)))
        elif candidate.similarity >= STRICT_SIMILARITY:
            links.append(candidate.basis(JoinRule.SIMILAR))
        elif "conflict" in said and candidate.disputable:
            # The model saw a disagreement in one order: not enough for a conflict, but enough that no chain of
            # other joins may put the two in one claim.
            vetoed.add(pair)
            keep_apart(candidate, JoinRule.BELOW_STRICT, None, said)
        elif "conflict" in said:
            keep_apart(replace(candidate, guards=(*candidate.guards, NOTHING_TO_DISPUTE)), JoinRule.BELOW_STRICT,
                       None, said)  # fmt: skip
        else:
            keep_apart(candidate, JoinRule.BELOW_STRICT, None, said)
    # Merge applies links in order and never puts two facts of one article in a claim, so where a fact's
    # partners compete, the link whose quotes state the same figure or day wins over a merely closer one.
    links.sort(key=lambda basis: SHARED_VALUE not in basis.guards)
    return Decisions(links, frozenset(vetoed), contradictions, kept_apart)


def needs_judge(candidate: Candidate) -> bool:
    """Only unvetoed pairs below the strict similarity are worth a model call."""
    return candidate.veto is None and candidate.similarity < STRICT_SIMILARITY
