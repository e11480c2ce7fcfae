"""`brief eval --claims`: cross-article merging scored against a person's claims.yaml, on hand-built briefs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.cli import main
from briefing.evaluation.claims import Loss, evaluate_claims
from briefing.inputs.sources import parse_article
from briefing.models import (
    MAX_KEPT_APART,
    ApartRule,
    Brief,
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    FactKind,
    GroundedFact,
    Guard,
    JoinBasis,
    JoinRule,
    KeptApart,
    MatchingReport,
    ModelInfo,
    Verdict,
)

from .conftest import sentence_facts

# Three invented reports of one invented event (text written for this test), keyed as claims.yaml keys them.
ARTICLES = {
    "001_tribune.txt": "The Riverton bridge closed on March 3 for repairs. Mayor Elena Ortiz said the work would take "
    '"about six weeks." Trucks must use the northern ring road. The council denied any safety fault.\n',
    "002_courier.txt": "Officials shut the Riverton bridge on March 3, citing worn cables. Ortiz expects the repairs "
    "to last two months. Engineers accused the council of ignoring warnings. Trucks are barred from the old town.\n",
    "003_gazette.txt": "Drivers face delays after the bridge shut on March 3. The town's former mayor Elena Ortiz "
    "urged patience. A ferry will run every hour.\n",
}

TRUTH: dict[str, Any] = {
    "claims": [
        {"id": "closed", "says": "The bridge closed on March 3.", "in": {
            "001": "bridge closed on March 3", "002": "shut the Riverton bridge on March 3",
            "003": "bridge shut on March 3"}},
        {"id": "trucks", "says": "Trucks cannot cross.", "in": {
            "001": "Trucks must use the northern ring road", "002": "Trucks are barred from the old town"}},
        {"id": "ferry", "says": "A ferry runs.", "in": {"003": "A ferry will run", "004": "ferries every hour"}},
    ],
    "distinct": [
        {"why": "denial vs accusation", "a": {"001": "The council denied any safety fault"},
         "b": {"002": "accused the council of ignoring warnings"}},
    ],
    "conflicts": [
        # curly quotes here, straight ones in the article
        {"id": "duration", "says": "Six weeks vs two months.", "sides": [
            {"001": "take \u201cabout six weeks.\u201d"}, {"002": "repairs to last two months"}]},
        {"id": "role", "says": "Mayor vs former mayor.", "sides": [
            {"001": "Mayor Elena Ortiz"}, {"003": "town\u2019s former mayor Elena Ortiz"}, {"004": "the mayor"}]},
        {"id": "absent", "says": "One side is not in the build.", "sides": [
            {"002": "Trucks are barred"}, {"004": "trucks may cross"}]},
    ],
}  # fmt: skip

GOOD_JOINS: list[tuple[str, ...]] = [("001.1", "002.1", "003.1"), ("001.3", "002.4")]
GOOD_CONFLICTS: list[list[tuple[str, ...]]] = [[("001.2",), ("002.2",)], [("001.2",), ("003.2",)]]


def make_brief(
    joins: list[tuple[str, ...]],
    conflicts: list[list[tuple[str, ...]]] | None = None,
    drop: tuple[str, ...] = (),
    articles: dict[str, str] = ARTICLES,
) -> Brief:
    """ARTICLES as a Brief whose facts are every sentence, named "001.2" (article key, sentence number): each
    group of `joins` is one claim, every other fact a claim alone; each conflict is a list of sides' facts."""
    parsed = {name.split("_")[0]: parse_article(text, name) for name, text in articles.items()}
    facts = {f"{key}.{n}": fact for key, article in parsed.items() for n, fact in enumerate(sentence_facts(article), 1)}
    facts = {ref: fact for ref, fact in facts.items() if ref not in drop}
    groups = [[ref for ref in group if ref in facts] for group in joins]
    groups += [[ref] for ref in facts if not any(ref in group for group in joins)]
    claims = [
        Claim(id=f"C{n}", statement=facts[group[0]].quote, kind=FactKind.EVENT, fact_ids=[facts[r].id for r in group],
              article_ids=sorted({facts[r].article_id for r in group}), independent=len(group))
        for n, group in enumerate(groups, 1) if group
    ]  # fmt: skip
    disputes = [
        Conflict(id=f"X{n}", kind=ConflictKind.OUTCOME, subject="s", attribute="a",
                 sides=[_side([facts[ref] for ref in side]) for side in sides])
        for n, sides in enumerate(conflicts or [], 1)
    ]  # fmt: skip
    return Brief(version="test", model=ModelInfo(name="m", endpoint="e", embedded=False),
                 articles=list(parsed.values()), facts=list(facts.values()), rejections=[], claims=claims, reports=[],
                 conflicts=disputes)  # fmt: skip


def _side(facts: list[GroundedFact], quotes: list[str] | None = None) -> ConflictSide:
    return ConflictSide(value=facts[0].quote, fact_ids=[f.id for f in facts], article_ids=[f.article_id for f in facts],
                        quotes=[f.quote for f in facts] if quotes is None else quotes)  # fmt: skip


def fact(brief: Brief, ref: str) -> GroundedFact:
    """The fact make_brief names `ref` ("002.4": article 002's fourth sentence)."""
    key, number = ref.split(".")
    article = next(a for a in brief.articles if a.path.startswith(key))
    return next(f for f in brief.facts if f.id == f"{article.id}#F{number}")


def _checks(brief: Brief, truth: Any = TRUTH, min_pairs: int | None = None) -> dict[str, tuple[int, int, bool]]:
    return {c.name: (c.found, c.expected, c.passed) for c in evaluate_claims(brief, truth, min_pairs).checks}


@pytest.mark.parametrize(
    ("joins", "joined", "reasons"),
    [
        (GOOD_JOINS, 4, []),
        # a 3-article claim is 3 pairs: two articles joined, the third apart, scores 1 of them
        ([("001.1", "002.1")], 1, ["pair closed 001-003: MISSED, never proposed; 001#F1 / 003#F1 in claims C1 vs C",
                                   "pair trucks 001-002: MISSED, never proposed"]),
        ([("001.1", "003.1"), ("002.1", "003.1")], 2, ["pair closed 001-002: MISSED, joined elsewhere"]),
        ([], 0, ["pair closed 002-003: MISSED, never proposed; 002#F1 / 003#F1 in claims C"]),
    ],
)  # fmt: skip
def test_gold_pairs_count_only_when_one_claim_holds_both(
    joins: list[tuple[str, ...]], joined: int, reasons: list[str]
) -> None:
    result = evaluate_claims(make_brief(joins), TRUTH)
    assert (result.checks[0].found, result.checks[0].expected, result.checks[0].passed) == (joined, 4, joined == 4)
    for reason in reasons:
        assert any(line.startswith(reason) for line in result.lines), (reason, result.lines)
    assert sum(line.startswith("pair ") and "MISSED" not in line for line in result.lines) == joined


def test_a_phrase_no_fact_covers_is_told_apart_from_a_merge_miss() -> None:
    # 002's first sentence has no fact: extraction or grounding missed it, merging could not join it
    result = evaluate_claims(make_brief(GOOD_JOINS, drop=("002.1",)), TRUTH)
    assert "pair closed 001-002: MISSED, no fact covers 002's phrase" in result.lines
    assert "pair closed 001-003: joined in C1" in result.lines


def test_a_fact_covers_a_phrase_when_it_overlaps_half_of_it() -> None:
    half = {"claims": [{"id": "x", "in": {"001": "repairs. Mayor", "002": "citing worn cables. Ortiz expects"}}]}
    # 001.1 holds "repairs." (8 of 14 chars); 002.1 holds "citing worn cables." (19 of 33)
    assert _checks(make_brief([("001.1", "002.1")]), half)["gold article pairs joined"] == (1, 1, True)
    # 001.2 holds "Mayor" (5 of 14) only
    assert _checks(make_brief([("001.2", "002.1")]), half)["gold article pairs joined"] == (0, 1, False)


def test_a_joined_look_alike_pair_is_reported_and_fails() -> None:
    assert _checks(make_brief(GOOD_JOINS))["look-alike pairs joined"] == (0, 0, True)
    result = evaluate_claims(make_brief([*GOOD_JOINS, ("001.4", "002.3")]), TRUTH)
    check = next(c for c in result.checks if c.name == "look-alike pairs joined")
    assert (check.found, check.passed) == (1, False) and "look-alike 1 (denial vs accusation) 001-002" in check.detail
    assert any(line.startswith("look-alike 1 (denial vs accusation) 001-002: JOINED") for line in result.lines)


@pytest.mark.parametrize(
    ("conflicts", "found"),
    [
        (GOOD_CONFLICTS, 2),
        ([], 0),
        ([[("001.2",), ("002.2",)]], 1),
        ([[("001.2", "002.2"), ("003.3",)]], 0),  # both truth sides on one side of the brief's conflict
        ([[("001.3",), ("002.3",)]], 0),  # sides that cover neither phrase
        ([[("001.2",), ("002.3",), ("003.2",)]], 1),  # a third side covering the role's other truth side
    ],
)  # fmt: skip
def test_a_conflict_is_found_when_two_sides_cover_two_truth_sides(
    conflicts: list[list[tuple[str, ...]]], found: int
) -> None:
    assert _checks(make_brief(GOOD_JOINS, conflicts))["conflicts found"] == (found, 2, found == 2)


def test_a_conflict_side_quoting_the_phrase_counts_though_its_facts_do_not_cover_it() -> None:
    brief = make_brief(GOOD_JOINS)
    quoted = ["Ortiz expects the repairs to last two months."]
    for article, found in [(fact(brief, "002.2").article_id, 1), (fact(brief, "003.1").article_id, 0)]:
        # the side's only fact is another sentence; its quote holds the phrase, from 002 or (wrongly) from 003
        wide = _side([fact(brief, "002.4")], quotes=quoted).model_copy(update={"article_ids": [article]})
        sides = [_side([fact(brief, "001.2")]), wide]
        brief.conflicts = [Conflict(id="X1", kind=ConflictKind.OUTCOME, subject="s", attribute="a", sides=sides)]
        assert _checks(brief)["conflicts found"] == (found, 2, False)


def test_article_keys_not_in_the_build_are_left_out_and_listed() -> None:
    result = evaluate_claims(make_brief(GOOD_JOINS, GOOD_CONFLICTS), TRUTH)
    # "closed" gives 3 pairs, "trucks" 1, "ferry" (003 and 004) none; "absent" has one side in the build
    assert [(c.found, c.expected, c.passed) for c in result.checks] == [
        (4, 4, True), (0, 0, True), (2, 2, True), (0, 0, True)]  # fmt: skip
    assert sum(line.startswith("pair closed ") for line in result.lines) == 3
    assert "not in this build (left out of the counts): 004" in result.lines
    assert not [line for line in result.lines if line.startswith("error:")]  # curly quotes matched straight ones


def test_a_phrase_not_in_its_article_is_an_error_line_not_a_crash() -> None:
    truth = {"claims": [{"id": "typo", "in": {"001": "the brigde closed", "002": "shut the Riverton bridge"}}]}
    result = evaluate_claims(make_brief([("001.1", "002.1")]), truth)
    assert result.checks[0].found == 0 and "pair typo 001-002: MISSED, 001's phrase not found" in result.lines
    assert "error: 001: phrase not found in 001_tribune.txt: 'the brigde closed'" in result.lines


@pytest.mark.parametrize(
    ("name", "key", "matches"),
    [("001_tribune.txt", "001", True), ("001.md", "001", True), ("notes/001", "001", True),
     ("0011_tribune.txt", "001", False), ("x001_tribune.txt", "001", False), ("001-tribune.txt", "001", False)],
)  # fmt: skip
def test_an_article_key_is_a_file_name_prefix(name: str, key: str, matches: bool) -> None:
    articles = {name: ARTICLES["001_tribune.txt"], "002_courier.txt": ARTICLES["002_courier.txt"]}
    truth = {"claims": [{"id": "x", "in": {key: "bridge closed on March 3", "002": "bridge on March 3"}}]}
    result = evaluate_claims(make_brief([], articles=articles), truth)
    assert result.checks[0].expected == (1 if matches else 0)


def test_min_pairs_sets_how_many_gold_pairs_must_be_joined() -> None:
    brief = make_brief([("001.1", "002.1"), ("001.3", "002.4")])  # 2 of 4
    assert _checks(brief, min_pairs=2)["gold article pairs joined"] == (2, 4, True)
    assert _checks(brief, min_pairs=3)["gold article pairs joined"] == (2, 4, False)
    assert "at least 3 needed" in evaluate_claims(brief, TRUTH, 3).checks[0].detail


@pytest.mark.parametrize("truth", [None, [], {"claims": 3}, {"claims": [{"id": "x", "in": "001"}]},
                                   {"conflicts": [{"id": "x", "sides": {"001": "a"}}]}])  # fmt: skip
def test_a_malformed_truth_file_is_a_value_error(truth: Any) -> None:
    with pytest.raises(ValueError):
        evaluate_claims(make_brief([]), truth)


# --- where a missed pair was lost ---------------------------------------------------------------------------------
# "trucks" is the pair 001.3 / 002.4; matching's records about it are written by hand, as brief.json holds them.


def _basis(brief: Brief, left: str, right: str, rule: ApartRule, **fields: Any) -> KeptApart:
    return KeptApart(facts=[fact(brief, left).id, fact(brief, right).id], rule=rule, **fields)


def _trucks(brief: Brief) -> str:
    return next(line for line in evaluate_claims(brief, TRUTH).lines if line.startswith("pair trucks 001-002:"))


def _kept(brief: Brief, *records: KeptApart) -> Brief:
    brief.matching = MatchingReport(kept_apart=list(records))
    return brief


TRUCKS = ("001.3", "002.4")


@pytest.mark.parametrize(
    ("record", "stage", "words"),
    [
        (None, Loss.NEVER_PROPOSED, "MISSED, never proposed; 001#F3 / 002#F4 in claims C3 vs C7"),
        ({"rule": ApartRule.VETOED, "veto": Guard.SUBJECT, "guards": ["subjects differ: lorries / vans"]},
         Loss.VETOED, "MISSED, vetoed by subject (subjects differ: lorries / vans);"),
        # today's builds name no guard: every guard's words are shown
        ({"rule": ApartRule.VETOED, "guards": ["words shared: truck", "subjects differ: lorries / vans"]},
         Loss.VETOED, "MISSED, vetoed (words shared: truck; subjects differ: lorries / vans);"),
        ({"rule": ApartRule.JUDGED, "verdict": Verdict.RELATED, "similarity": 0.712, "answers": ["no", "no"]},
         Loss.JUDGED_APART, "MISSED, judged apart: related (similarity 0.71; answers no / no);"),
        ({"rule": ApartRule.JUDGED, "verdict": Verdict.CONTRADICTS, "answers": ["conflict", "no"]},
         Loss.JUDGED_APART, "MISSED, judged apart: contradicts (answers conflict / no);"),
        ({"rule": ApartRule.BELOW_STRICT, "similarity": 0.62},
         Loss.BELOW_THRESHOLD, "MISSED, below the threshold (similarity 0.62);"),
        ({"rule": ApartRule.ONE_YES, "verdict": Verdict.SAME, "similarity": 0.6, "answers": ["yes", "no"]},
         Loss.BELOW_THRESHOLD, "MISSED, below the threshold: 'yes' in one order only (similarity 0.60; answers yes"),
        ({"rule": ApartRule.REFUSED}, Loss.REFUSED, "MISSED, refused by the claim;"),
    ],
    ids=["none", "vetoed", "vetoed-unnamed", "related", "contradicts", "below-strict", "one-yes", "refused"],
)  # fmt: skip
def test_a_missed_pair_says_which_record_of_matching_lost_it(
    record: dict[str, Any] | None, stage: Loss, words: str
) -> None:
    brief = make_brief(GOOD_JOINS[:1])
    if record is not None:
        _kept(brief, _basis(brief, *TRUCKS, **record))
    result = evaluate_claims(brief, TRUTH)
    assert [miss.stage for miss in result.misses] == [stage]
    assert _trucks(brief).removeprefix("pair trucks 001-002: ").startswith(words)


def test_a_vetoed_pair_counts_under_its_guard() -> None:
    brief = make_brief(GOOD_JOINS[:1])
    _kept(brief, _basis(brief, *TRUCKS, ApartRule.VETOED, veto=Guard.NEGATION))
    result = evaluate_claims(brief, TRUTH)
    assert result.misses[0].guard is Guard.NEGATION and result.stages() == [("vetoed by negation", 1)]


def test_a_refused_pair_names_the_claim_and_the_member_that_refused_it() -> None:
    # 002.4 would join 001.3; 003.3 sits in a claim with 001.3 and its check refused
    brief = make_brief([*GOOD_JOINS[:1], ("001.3", "003.3")])
    _kept(brief, _basis(brief, *TRUCKS, ApartRule.REFUSED, refused_by=fact(brief, "003.3").id))
    assert "MISSED, refused by the claim C2 (its member 003#F3 refused it);" in _trucks(brief)


def test_a_commentary_fact_is_told_apart_from_a_pair_never_proposed() -> None:
    brief = make_brief(GOOD_JOINS[:1])
    fact(brief, "002.4").commentary = "the writer's own reading"
    assert "MISSED, commentary (002#F4: the writer's own reading);" in _trucks(brief)
    assert evaluate_claims(brief, TRUTH).misses[0].stage is Loss.COMMENTARY


def test_facts_joined_into_different_multi_article_claims_were_joined_elsewhere() -> None:
    brief = make_brief([*GOOD_JOINS[:1], ("001.3", "003.3"), ("002.4", "003.2")])
    assert _trucks(brief).startswith("pair trucks 001-002: MISSED, joined elsewhere; 001#F3 / 002#F4 in claims C2 vs C")
    # one of them alone in its claim: nothing joined it, and no record says it was proposed
    assert "never proposed" in _trucks(make_brief([*GOOD_JOINS[:1], ("001.3", "003.3")]))


def test_a_join_recorded_in_a_claim_whose_facts_sit_apart_is_joined_elsewhere() -> None:
    brief = make_brief(GOOD_JOINS[:1])
    join = JoinBasis(facts=[fact(brief, t).id for t in TRUCKS], rule=JoinRule.JUDGED, verdict=Verdict.SAME)
    brief.claims[0].joins.append(join)
    assert "MISSED, joined elsewhere (joined by judged in C1, yet apart now);" in _trucks(brief)


def test_a_full_kept_apart_list_says_not_recorded_rather_than_never_proposed() -> None:
    brief = make_brief(GOOD_JOINS[:1])
    other = _basis(brief, "001.4", "002.3", ApartRule.BELOW_STRICT)
    assert "never proposed" in _trucks(_kept(brief, *[other] * (MAX_KEPT_APART - 1)))
    assert "MISSED, not recorded (kept_apart holds its cap of 1,000 pairs);" in _trucks(
        _kept(brief, *[other] * MAX_KEPT_APART)
    )


def test_of_every_pair_of_covering_facts_the_one_that_got_furthest_is_reported() -> None:
    # 002's phrase is covered by two parts of its sentence (as atomize splits one): one vetoed, one judged apart
    brief = make_brief(GOOD_JOINS[:1])
    whole = fact(brief, "002.4")
    part = whole.model_copy(update={"id": whole.id + ".2", "start": whole.start + 7})
    brief.facts.append(part)
    vetoed = _basis(brief, *TRUCKS, ApartRule.VETOED, veto=Guard.SHARED_WORDS)
    judged = KeptApart(facts=[part.id, fact(brief, "001.3").id], rule=ApartRule.JUDGED, verdict=Verdict.RELATED)
    for records in ([vetoed, judged], [judged, vetoed]):
        line = _trucks(_kept(brief, *records))
        assert "MISSED, judged apart: related (no answers recorded); 001#F3 / 002#F4.2 in claims" in line


def test_the_stage_summary_counts_misses_in_pipeline_order() -> None:
    brief = make_brief([], drop=("003.1",))  # closed 001-002 never proposed, both pairs with 003 uncovered
    _kept(brief, _basis(brief, *TRUCKS, ApartRule.BELOW_STRICT, similarity=0.5))
    result = evaluate_claims(brief, TRUTH)
    assert result.stages() == [("no fact covers a phrase", 2), ("never proposed", 1), ("below the threshold", 1)]


# --- claims that glue different gold facts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("joins", "mixed"),
    [
        (GOOD_JOINS, []),
        # a member of a third article that carries no gold fact mixes nothing
        ([("001.1", "002.1", "003.2"), ("001.3", "002.4")], []),
        ([("001.1", "002.4")], ["C1"]),  # the closure with the trucks
        ([("001.1", "002.1", "003.1"), ("001.3", "002.4", "003.3")], ["C2"]),  # the trucks with the ferry
    ],
    ids=["good", "extra-member", "two-facts", "third-article"],
)  # fmt: skip
def test_a_multi_article_claim_whose_members_carry_different_gold_facts_is_mixed(
    joins: list[tuple[str, ...]], mixed: list[str]
) -> None:
    result = evaluate_claims(make_brief(joins), TRUTH)
    check = next(c for c in result.checks if c.name == "multi-article claims mixing gold facts")
    assert (check.found, check.passed) == (len(mixed), not mixed)
    assert [line.split()[2] for line in result.lines if line.startswith("MIXED claim")] == mixed


def test_a_mixed_claim_line_shows_the_statement_and_each_members_gold_facts() -> None:
    result = evaluate_claims(make_brief([("001.1", "002.1", "003.1"), ("001.3", "002.4", "003.3")]), TRUTH)
    assert ('MIXED claim C2 "Trucks must use the northern ring road.": 001#F3 -> trucks; 002#F4 -> trucks; '
            "003#F3 -> ferry") in result.lines  # fmt: skip


def test_a_chain_through_a_member_carrying_two_gold_facts_is_mixed() -> None:
    # 001.1 states both facts; 002.1 states only the first and 003.1 only the second: they share none
    truth = {"claims": [{"id": "shut", "in": {"001": "bridge closed", "002": "shut the Riverton bridge"}},
                        {"id": "date", "in": {"001": "closed on March 3", "003": "shut on March 3"}}]}  # fmt: skip
    assert _checks(make_brief([("001.1", "002.1", "003.1")]), truth)["multi-article claims mixing gold facts"] == (
        1, 0, False)  # fmt: skip
    # without the third article the two members share "shut"
    assert _checks(make_brief([("001.1", "002.1")]), truth)["multi-article claims mixing gold facts"] == (0, 0, True)


# --- the CLI ------------------------------------------------------------------------------------------------------


@pytest.fixture
def build_dir(tmp_path: Path) -> Path:
    (tmp_path / "claims.yaml").write_text(yaml.safe_dump(TRUTH, allow_unicode=True), encoding="utf-8")
    return tmp_path


def _write(folder: Path, brief: Brief) -> Path:
    out = folder / "out"
    out.mkdir(exist_ok=True)
    (out / "brief.json").write_text(brief.model_dump_json(), encoding="utf-8")
    return out


@pytest.mark.parametrize(
    ("joins", "extra", "code"),
    [
        (GOOD_JOINS, ["--strict"], 0),
        ([("001.1", "002.1")], [], 0),  # failures without --strict
        ([("001.1", "002.1")], ["--strict"], 1),
        ([("001.1", "002.1"), ("001.3", "002.4")], ["--strict", "--min-pairs", "2"], 0),
        ([("001.1", "002.1"), ("001.3", "002.4")], ["--strict", "--min-pairs", "3"], 1),
        ([*GOOD_JOINS, ("001.4", "002.3")], ["--strict"], 1),  # a look-alike pair joined
        ([GOOD_JOINS[0], ("001.3", "002.4", "003.3")], ["--strict"], 1),  # every gold pair joined, but a claim mixes
        ([GOOD_JOINS[0], ("001.3", "002.4", "003.3")], [], 0),
    ],
)  # fmt: skip
def test_eval_claims_exit_codes(
    build_dir: Path, joins: list[tuple[str, ...]], extra: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _write(build_dir, make_brief(joins, GOOD_CONFLICTS))
    assert main(["eval", str(out), "--claims", str(build_dir / "claims.yaml"), *extra]) == code
    printed = capsys.readouterr().out
    assert "gold article pairs joined" in printed and "pair closed 001-002:" in printed


def test_eval_claims_prints_the_misses_by_stage_after_the_checks(
    build_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    brief = make_brief([("001.1", "002.1", "003.1")])
    _kept(brief, _basis(brief, *TRUCKS, ApartRule.VETOED, veto=Guard.SUBJECT))
    claims = ["--claims", str(build_dir / "claims.yaml")]
    assert main(["eval", str(_write(build_dir, brief)), *claims]) == 0
    printed = capsys.readouterr().out
    checks, summary, lines = printed.index("multi-article claims"), printed.index("by stage"), printed.index("\npair ")
    assert checks < summary < lines
    assert "missed gold pairs by stage (1)" in printed and "vetoed by subject" in printed[summary:lines]
    # nothing missed: no table
    assert main(["eval", str(_write(build_dir, make_brief(GOOD_JOINS))), *claims]) == 0
    assert "by stage" not in capsys.readouterr().out


def test_eval_prints_both_tables_when_given_both_files(build_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _write(build_dir, make_brief(GOOD_JOINS, GOOD_CONFLICTS))
    (out / "brief.md").write_text("# A brief\n", encoding="utf-8")
    (build_dir / "expected.yaml").write_text("conflicts: []\n", encoding="utf-8")
    files = ["--expected", str(build_dir / "expected.yaml"), "--claims", str(build_dir / "claims.yaml")]
    assert main(["eval", str(out), *files]) == 0
    printed = capsys.readouterr().out
    assert "planted conflicts reported" in printed and "look-alike pairs joined" in printed


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"claims.yaml": None}, "No such file"),
        ({"claims.yaml": "claims: [unclosed\n"}, "cannot evaluate"),
        ({"claims.yaml": "claims: 3\n"}, "claims: expected a list of mappings"),
        ({"out/brief.json": "{}"}, "validation error"),
    ],
)  # fmt: skip
def test_eval_claims_bad_files_are_one_line_and_exit_2(
    build_dir: Path, files: dict[str, str | None], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _write(build_dir, make_brief(GOOD_JOINS))
    for name, text in files.items():
        if text is None:
            (build_dir / name).unlink()
        else:
            (build_dir / name).write_text(text, encoding="utf-8")
    assert main(["eval", str(out), "--claims", str(build_dir / "claims.yaml")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("brief: error: cannot evaluate") and message in err[0]


@pytest.mark.parametrize("args", [[], ["--strict"], ["--expected", "e.yaml", "--min-pairs", "8"]])
def test_eval_needs_expected_or_claims(build_dir: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", str(_write(build_dir, make_brief([]))), *args])
    assert exit_info.value.code == 2 and "usage: brief eval" in capsys.readouterr().err
