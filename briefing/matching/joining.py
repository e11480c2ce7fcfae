"""Proposed pairs -> claims of one fact each: a fact joins a claim only when it states the claim's fact. Pure.

Joins used to be pairwise and a claim everything they connected, so a sentence that stated several facts glued
their claims together (a chain: A ~ B and B ~ C put A and C in one claim). Here claims grow one join at a time,
best proposal first, and each join is checked against the whole claim: every guard must pass between every member
of the one and every member of the other (and no member may come from an article the other already holds), and the
question put to the judge is whether the two claims' first facts (their heads) state one fact, so the heads must
pass the guards as a proposed pair does (enough words in common beyond the story's, figures of one kind). A pair
whose two facts already sit in one claim is not asked about at all.

The builder asks, the caller answers: `questions()` lists the judgements the next proposals need, `answer()` takes
them, `advance()` applies proposals in order until one needs an answer it does not have. The outcome depends only
on the proposals and the answers, never on how many questions were asked at once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from ..models import MAX_KEPT_APART, ApartRule, GroundedFact, JoinBasis, JoinRule, KeptApart, Verdict
from .candidates import Proposal
from .guards import Checked, Profile, check

STRICT_SIMILARITY = 0.80  # joins without a judge: above the highest cosine of a different-fact pair measured
CORE_MEMBERS = 8  # members of each claim whose guards a join of two claims must pass
CLOSE_SIMILARITY = 0.45  # quotes this close that the judge said no to are asked in the other order too


@dataclass(frozen=True)
class Question:
    """One judgement a join needs: does the fact `second` state the fact `first` states? (indices of facts)"""

    first: int
    second: int


@dataclass(frozen=True)
class Answer:
    """The judge's answer to a Question: its verdict (None when the call failed) and what it said."""

    verdict: Verdict | None
    said: str = ""


@dataclass
class _Claim:
    head: int
    members: list[int]
    articles: dict[str, int]  # article ID -> the member from it


@dataclass(frozen=True)
class Joined:
    """What the proposals decided.

    Attributes:
        links: the joins, in the order they were made (each joins the heads of two claims).
        vetoed: pairs of fact IDs that no join may put in one claim (a guard vetoed them, or the judge said no).
        kept_apart: the proposals not joined, each with why (the closest MAX_KEPT_APART).
        counts: how many proposals ended each way ("vetoed", "judged apart", "refused", "together already", ...).
        disputed: pairs that no claim could hold together (one of them sits in a claim with another fact of the
            other's article) but that the judge found to state one fact, which they give differently (two
            deadlines): a dispute between two claims.
    """

    links: list[JoinBasis]
    vetoed: frozenset[frozenset[str]]
    kept_apart: list[KeptApart]
    counts: dict[str, int] = field(default_factory=dict)
    disputed: list[KeptApart] = field(default_factory=list)


class ClaimBuilder:
    """Claims grown from proposals, one checked join at a time (see the module's docstring)."""

    def __init__(
        self,
        facts: Sequence[GroundedFact],
        proposals: Sequence[Proposal],
        profiles: Sequence[Profile],
        vectors: npt.NDArray[np.float32],
        *,
        judging: bool = True,
        groups: Sequence[Collection[int]] = (),
        apart: Collection[frozenset[str]] = (),
    ) -> None:
        """`groups`: facts that start out in one claim (merge's lexical rules joined them); `apart`: pairs of fact
        IDs never to be joined (an editor's keep-apart)."""
        self.facts, self.proposals, self.profiles, self.vectors = facts, proposals, profiles, vectors
        self.judging = judging
        self.claim_of: dict[int, _Claim] = {}
        for group in groups:
            members = sorted(group, key=lambda i: facts[i].id)
            claim = _Claim(members[0], members, {facts[i].article_id: i for i in members})
            self.claim_of.update(dict.fromkeys(members, claim))
        self.apart: set[frozenset[str]] = set(apart)
        position = {f.id: n for n, f in enumerate(facts)}
        self.partners: dict[int, set[int]] = {}  # each fact's kept-apart partners, for set checks against a claim
        for pair in self.apart:
            known = [position[i] for i in pair if i in position]
            if len(known) == 2:
                self._part(*known)
        self.answers: dict[Question, Answer] = {}
        self.checked: dict[tuple[int, int], Checked] = {}
        self.cursor = 0
        self.links: list[JoinBasis] = []
        self.kept_apart: list[KeptApart] = []
        self.disputed: list[KeptApart] = []
        self.counts: dict[str, int] = {}

    # --- the caller's side ----------------------------------------------------------------------------------

    @property
    def done(self) -> bool:
        """True once every proposal has been decided."""
        return self.cursor >= len(self.proposals)

    def questions(self, limit: int = 1) -> list[Question]:
        """Up to `limit` unanswered questions the next proposals need, as the claims stand now (later ones may turn
        out not to be needed once earlier answers join claims: they are asked ahead only to use idle slots)."""
        wanted: list[Question] = []
        for proposal in self.proposals[self.cursor :]:
            step = self._step(proposal)
            if isinstance(step, Question) and step not in self.answers and step not in wanted:
                wanted.append(step)
                if len(wanted) >= limit:
                    break
        return wanted

    def answer(self, question: Question, answer: Answer) -> None:
        """Take the judge's answer to a question."""
        self.answers[question] = answer

    def advance(self) -> None:
        """Apply proposals in order until one needs a question that has no answer yet."""
        while not self.done:
            proposal = self.proposals[self.cursor]
            step = self._step(proposal)
            if isinstance(step, Question) and step not in self.answers:
                return
            self._apply(proposal, step)
            self.cursor += 1

    def result(self) -> Joined:
        """The links and what was kept apart (call once done)."""
        return Joined(list(self.links), frozenset(self.apart), list(self.kept_apart), dict(self.counts),
                      list(self.disputed))  # fmt: skip

    # --- one proposal ------------------------------------------------------------------------------------------

    def _claim(self, index: int) -> _Claim:
        claim = self.claim_of.get(index)
        if claim is None:
            claim = self.claim_of[index] = _Claim(index, [index], {self.facts[index].article_id: index})
        return claim

    def _check(self, i: int, j: int) -> Checked:
        key = (min(i, j), max(i, j))
        found = self.checked.get(key)
        if found is None:
            found = self.checked[key] = check(self.profiles[key[0]], self.profiles[key[1]])
        return found

    def _step(self, proposal: Proposal) -> Question | str | None:
        """What a proposal needs: nothing (None: already one claim), a reason it cannot join (str), or a Question."""
        mine, theirs = self._claim(proposal.left), self._claim(proposal.right)
        if mine is theirs:
            return None
        if not self.judging and proposal.similarity < STRICT_SIMILARITY:
            return "unjudged"  # without a judge only the strict similarity joins: nothing to check
        if self._check(proposal.left, proposal.right).veto is not None:
            return "vetoed"
        if self._refusal(mine, theirs) is not None:
            pair = self._check(proposal.left, proposal.right)
            if pair.disputes and self.judging:
                # The two cannot share a claim, but they give one thing differently (two deadlines): whether they
                # state one fact decides whether that is a dispute to show.
                question = Question(*sorted((proposal.left, proposal.right), key=lambda i: self.facts[i].id))
                if question not in self.answers:
                    return question
            return "refused"
        first, second = (mine, theirs) if self._leads(mine, theirs) else (theirs, mine)
        similarity = self._similarity(first.head, second.head)
        heads = self._check(first.head, second.head)
        if heads.veto is not None:
            # The judge is asked about the heads, so its answer counts only for heads the guards let by: the proposal
            # that led here shares enough with some member, not necessarily with the claim's fact.
            return "unrelated"
        close = similarity >= STRICT_SIMILARITY and not heads.values
        if close or not self.judging:
            return "decided"
        forward = Question(first.head, second.head)
        answer = self.answers.get(forward)
        settled = answer is None or self._reading(answer, first.head, second.head) is not None
        if settled or similarity < CLOSE_SIMILARITY:
            return forward
        # Close quotes the model said no to in the builder's order are asked once more in the other order (the
        # embedded judge answers the two orders differently for 28% of pairs): the outcome is what either order
        # says, which no order of the articles changes.
        return Question(second.head, first.head)

    def _leads(self, mine: _Claim, theirs: _Claim) -> bool:
        """Which claim's head is asked about first: the larger claim (its fact is the established one), then the
        lower fact ID."""
        return (-len(mine.members), self.facts[mine.head].id) <= (-len(theirs.members), self.facts[theirs.head].id)

    def _refusal(self, mine: _Claim, theirs: _Claim) -> tuple[int, int, Checked | None] | None:
        """A pair of members, one of each claim, that may not share a claim: (mine, theirs, the guards' result;
        None when the reason is one article holding both, or a pair kept apart before). Only a guard that shows two
        facts differ refuses (guards.DIFFERENT): the judge confirms the join against the claim's head, and the
        proposal that led to it shares enough words."""
        for article, member in theirs.articles.items():
            if article in mine.articles:
                return mine.articles[article], member, None
        others = set(theirs.members)
        for x in mine.members:
            if kept := self.partners.get(x, set()) & others:
                return x, min(kept), None
        # The guards are read between the two claims' core members (their first CORE_MEMBERS), not all of them: a
        # claim of hundreds of copies would cost a check for every pair of its members and the other's.
        for x in mine.members[:CORE_MEMBERS]:
            for y in theirs.members[:CORE_MEMBERS]:
                found = self._check(x, y)
                if found.differ:
                    return x, y, found
        return None

    def _similarity(self, i: int, j: int) -> float:
        return float(self.vectors[i] @ self.vectors[j])

    def _apply(self, proposal: Proposal, step: Question | str | None) -> None:
        left, right = proposal.left, proposal.right
        if step is None:
            self._count("together already")
            return
        if step == "unjudged":
            if len(self.kept_apart) < MAX_KEPT_APART:  # checked only for the record, while it is kept
                self._keep_apart(proposal, ApartRule.BELOW_STRICT, self._check(left, right))
            self._count("no verdict, below the strict similarity")
            return
        if step == "vetoed":
            checked = self._check(left, right)
            if checked.differ:  # two different facts: no chain may join them; too little in common is no such proof
                self._part(left, right)
            self._keep_apart(proposal, ApartRule.VETOED, checked, veto=checked)
            self._count("vetoed")
            return
        mine, theirs = self._claim(left), self._claim(right)
        if step == "unrelated":
            first, second = (mine, theirs) if self._leads(mine, theirs) else (theirs, mine)
            heads = self._check(first.head, second.head)
            head = first.head if first.head not in (left, right) else second.head
            self._keep_apart(proposal, ApartRule.REFUSED, heads, veto=heads, refused_by=self.facts[head].id)
            self._count("too little in common with the claim's fact")
            return
        if step == "refused":
            asked = Question(*sorted((left, right), key=lambda i: self.facts[i].id))
            answer = self.answers.get(asked)
            # Here a "yes" counts as well as a "conflict": the two are not joined, only shown side by side.
            if answer is not None and answer.verdict in (Verdict.SAME, Verdict.CONTRADICTS):
                pair = self._check(proposal.left, proposal.right)
                self.disputed.append(KeptApart(
                    facts=[self.facts[proposal.left].id, self.facts[proposal.right].id], rule=ApartRule.REFUSED,
                    similarity=round(proposal.similarity, 3), guards=list(pair.words), verdict=answer.verdict,
                    answers=[answer.said] if answer.said else [],
                ))  # fmt: skip
            refusal = self._refusal(mine, theirs)
            assert refusal is not None
            x, y, refusing = refusal
            member = y if x in (left, right) else x
            self._keep_apart(proposal, ApartRule.REFUSED, self._check(left, right), veto=refusing,
                             refused_by=self.facts[member].id, verdict=answer.verdict if answer else None,
                             said=[answer.said] if answer and answer.said else [])  # fmt: skip
            self._count("refused by a claim")
            return
        first, second = (mine, theirs) if self._leads(mine, theirs) else (theirs, mine)
        heads = self._check(first.head, second.head)
        similarity = self._similarity(first.head, second.head)
        orders = [Question(first.head, second.head), Question(second.head, first.head)]
        answers = [a for q in orders if isinstance(step, Question) and (a := self.answers.get(q)) is not None]
        said = [a.said for a in answers if a.said]
        joined = next((v for a in answers if (v := self._reading(a, first.head, second.head)) is not None), None)
        verdict = joined or (answers[0].verdict if answers else None)
        if joined is not None:
            conflict = any(a.verdict == Verdict.CONTRADICTS for a in answers) and joined == Verdict.SAME
            self._join(first, second, JoinRule.JUDGED, _noted(heads, NO_DISPUTE) if conflict else heads, similarity,
                       joined, said)  # fmt: skip
        elif verdict is not None:
            self._part(first.head, second.head)
            self._keep_apart(proposal, ApartRule.JUDGED, heads, verdict=verdict, said=said)
            self._count("judged apart")
        elif similarity >= STRICT_SIMILARITY and not heads.values:
            # Nearly the same words; not when they give a figure, a date or a deadline differently ("12 ferries"
            # / "19 ferries"): only a judge's "conflict" makes those one fact.
            self._join(first, second, JoinRule.SIMILAR, heads, similarity, None, said)
        else:
            self._keep_apart(proposal, ApartRule.BELOW_STRICT, heads, said=said)
            self._count("no verdict, below the strict similarity")

    def _reading(self, answer: Answer, first: int, second: int) -> Verdict | None:
        """The verdict an answer joins on, or None where it keeps the two apart.

        "yes": one fact ("same"), unless the code sees the two give a figure, date or deadline differently, which
        the model did not see: no proof then. "conflict": one fact; "contradicts" where the code finds what the two
        disagree on (a figure, a date, a deadline, an office), and the claim carries that dispute, which the
        cross-check shows with both quotes; "same" where it finds nothing to disagree on (the model's disagreement
        is its own misreading: the embedded judge answered "conflict" 9 times over the seeds' 106 labelled pairs
        asked with two prompts, each time about a pair of one fact, never about one of the 60 that are not:
        docs/benchmarks.md). Either way the pair has passed every guard first."""
        checked = self._check(first, second)
        if answer.verdict == Verdict.SAME and not checked.values:
            return Verdict.SAME  # a "yes" over two figures, dates or deadlines the code sees differ is no proof
        if answer.verdict == Verdict.CONTRADICTS:
            return Verdict.CONTRADICTS if checked.disputes else Verdict.SAME
        return None

    def _join(self, first: _Claim, second: _Claim, rule: JoinRule, heads: Checked, similarity: float,
              verdict: Verdict | None, said: list[str]) -> None:  # fmt: skip
        self.links.append(JoinBasis(
            facts=[self.facts[first.head].id, self.facts[second.head].id], rule=rule, similarity=round(similarity, 3),
            guards=list(heads.words), verdict=verdict, answers=said, disputes=list(heads.disputes),
        ))  # fmt: skip
        first.members += second.members
        first.articles.update(second.articles)
        for member in second.members:
            self.claim_of[member] = first
        self._count("joined")

    def _keep_apart(
        self,
        proposal: Proposal,
        rule: ApartRule,
        checked: Checked,
        *,
        veto: Checked | None = None,
        verdict: Verdict | None = None,
        said: Sequence[str] = (),
        refused_by: str | None = None,
    ) -> None:
        if len(self.kept_apart) >= MAX_KEPT_APART:
            return
        self.kept_apart.append(KeptApart(
            facts=[self.facts[proposal.left].id, self.facts[proposal.right].id], rule=rule,
            similarity=round(proposal.similarity, 3), guards=list(checked.words), verdict=verdict, answers=list(said),
            veto=veto.veto if veto is not None else None, refused_by=refused_by,
        ))  # fmt: skip

    def _part(self, i: int, j: int) -> None:
        """Keep two facts apart: no later join may put them in one claim."""
        self.apart.add(self._ids(i, j))
        self.partners.setdefault(i, set()).add(j)
        self.partners.setdefault(j, set()).add(i)

    def _ids(self, i: int, j: int) -> frozenset[str]:
        return frozenset((self.facts[i].id, self.facts[j].id))

    def _count(self, outcome: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1


NO_DISPUTE = "the model's 'conflict' is no dispute: no figure, date, office or deadline to disagree on; one fact"


def _noted(checked: Checked, note: str) -> Checked:
    return Checked((*checked.words, note), checked.veto, checked.disputes, checked.shared_value, checked.values)
