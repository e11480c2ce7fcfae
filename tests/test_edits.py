"""An editor's corrections (edits.yaml): read strictly, applied by the build after matching, kept across builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import main
from briefing.errors import InputError
from briefing.inputs.edits import read_edits
from briefing.inputs.sources import parse_article
from briefing.model.calls import RetryPolicy
from briefing.model.config import ModelConfig
from briefing.models import Article, Brief, Edit, EditAction, Edits, FactAddress, article_key
from briefing.page.layout import compose
from briefing.pipeline import build_brief
from briefing.summary import summary_lines

from .fake_openai import FakeOpenAI

FAST = RetryPolicy(transport_attempts=1, backoff_initial=0.01, backoff_max=0.05, reasks=0)
CLOSE = "The Ostby transit board voted on Tuesday to close the Kell tram line for repairs."
SHUT = "The Ostby transit board on Tuesday voted to shut the Kell tram line for repairs."
COST = "Repairs on the Kell line will cost 4 million euros, the board said."
CROWD = "Commuters crowded the last trams on Tuesday night."
ENDS = "Kell line trams will stop running for repairs after a transit board vote."
SHOPS = "Shop owners near the line fear that the closure will cost them a season of trade."


def article(name: str, *sentences: str) -> Article:
    return parse_article("---\npublished: 2026-03-02\n---\n" + "\n".join(sentences) + "\n", name)


def build(articles: list[Article], edits: list[Edit], verdict: str = "yes", since: Brief | None = None) -> Brief:
    with FakeOpenAI(verdict=verdict) as fake:
        config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10)
        return build_brief(articles, model=config, retry=FAST, edits=Edits(edits=edits), since=since,
                           written_lines=False)  # fmt: skip


def at(name: str, quote: str) -> FactAddress:
    return FactAddress(article=name, quote=quote)


def claim_of(brief: Brief, sentence: str) -> str:
    """The claim of the sentence's fact (the longest quote in it: "X, the board said" quotes X)."""
    fact = max((f for f in brief.facts if f.quote in sentence), key=lambda f: len(f.quote))
    return next(c.id for c in brief.claims if fact.id in c.fact_ids)


TRAMS, WIRE = article("trams.txt", CLOSE, COST, CROWD), article("wire.txt", SHUT, SHOPS)


# --- the file ------------------------------------------------------------------------------------------------------


def test_a_valid_file_reads_into_edits(tmp_path: Path) -> None:
    path = tmp_path / "edits.yaml"
    path.write_text(f"version: 1\nedits:\n  - action: pin\n    facts: [{{article: trams.txt, quote: '{CROWD}'}}]\n"
                    "    by: R. Okafor\n    why: the lead\n", encoding="utf-8")  # fmt: skip
    (edit,) = read_edits(path).edits
    assert (edit.action, edit.facts[0].quote, edit.by) == (EditAction.PIN, CROWD, "R. Okafor")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version: 1\nedits:\n  - action: join\n    facts: [{article: a.txt, quote: x}]\n",
         "edit 1: join takes 2 fact(s), got 1"),
        ("version: 1\nedits:\n  - action: pin\n    facts: [{article: a.txt, quote: x}]\n  - action: scrap\n"
         "    facts: [{article: a.txt, quote: x}]\n", "edit 2: action:"),
        ("version: 1\nedits:\n  - action: headline\n    facts: [{article: a.txt, quote: x}]\n",
         "edit 1: a headline needs its text"),
        ("version: 1\nedits:\n  - action: pin\n    facts: [{article: a.txt}]\n", "edit 1: facts.0.quote:"),
        ("version: 2\nedits: []\n", "version:"),
        ("edits: [unclosed\n", "not YAML"),
        ("- a list\n", "expected `version: 1`"),
    ],
    ids=["join-one-fact", "unknown-action", "headline-no-text", "no-quote", "version", "not-yaml", "not-a-mapping"],
)
def test_a_bad_file_is_one_line_naming_the_entry(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "edits.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_edits(path)
    assert message in str(raised.value) and "\n" not in str(raised.value) and str(path) in str(raised.value)


def test_a_bad_edits_file_exits_2_and_overwrites_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(TRAMS.text, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.md").write_text("yesterday's brief\n", encoding="utf-8")
    (out / "edits.yaml").write_text("version: 1\nedits:\n  - action: pin\n    facts: []\n", encoding="utf-8")
    with FakeOpenAI() as fake:
        code = main(["build", str(tmp_path / "a.txt"), "-o", str(out), "--base-url", fake.url, "--no-cache"])
        assert not fake.bodies  # stopped before any model call
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and "edit 1: facts:" in err[0]
    assert (out / "brief.md").read_text(encoding="utf-8") == "yesterday's brief\n"
    assert not (out / "brief.json").exists()
    assert main(["build", str(tmp_path / "a.txt"), "-o", str(out), "--edits", str(tmp_path / "none.yaml")]) == 2


# --- each decision ---------------------------------------------------------------------------------------------------


def test_keep_apart_separates_a_join_and_join_makes_one() -> None:
    joined = build([TRAMS, WIRE], [])
    assert claim_of(joined, CLOSE) == claim_of(joined, SHUT)  # the careless judge joined them
    apart = build([TRAMS, WIRE], [Edit(action=EditAction.KEEP_APART, facts=[at("trams.txt", CLOSE),
                                                                             at("wire.txt", SHUT)], by="ed")])
    assert claim_of(apart, CLOSE) != claim_of(apart, SHUT)
    (done,) = apart.edits
    assert done.applied and "kept apart (ed)" in done.basis
    # a judge that says "no" leaves two wordings of one fact apart; the editor joins them: two sources
    radio = article("radio.txt", ENDS)
    left = build([TRAMS, radio], [], verdict="no")
    assert claim_of(left, CLOSE) != claim_of(left, ENDS)
    together = build([TRAMS, radio], [Edit(action=EditAction.JOIN, facts=[at("trams.txt", CLOSE),
                                                                          at("radio.txt", ENDS)])], verdict="no")
    claim = next(c for c in together.claims if c.id == claim_of(together, CLOSE))
    assert claim_of(together, ENDS) == claim.id and len(claim.article_ids) == 2
    assert [b.rule.value for b in claim.joins] == ["editor"]


def test_not_a_fact_commentary_and_pin_change_where_a_line_stands() -> None:
    edits = [Edit(action=EditAction.NOT_A_FACT, facts=[at("trams.txt", COST)], why="a forecast"),
             Edit(action=EditAction.COMMENTARY, facts=[at("wire.txt", SHOPS)]),
             Edit(action=EditAction.PIN, facts=[at("trams.txt", CROWD)])]  # fmt: skip
    brief = build([TRAMS, WIRE], edits)
    assert all(d.applied for d in brief.edits)
    page = compose(brief)
    sections = {s.key: [i.key for i in s.items] for s in page.sections}
    assert sections["bottom_line"][0] == claim_of(brief, CROWD)  # pinned first, single source or not
    assert claim_of(brief, SHOPS) in sections["opinion"]
    (dropped,) = [i for i in page.overflow if i.key == claim_of(brief, COST)]
    assert "not a fact, an editor's decision" in dropped.note and "a forecast" in dropped.note
    assert "3 editor corrections applied" in page.summary


def test_a_headline_is_shown_when_its_quotes_hold_it_and_refused_with_the_reason_when_not() -> None:
    good = Edit(action=EditAction.HEADLINE, facts=[at("trams.txt", CLOSE)], text="Ostby board votes to close Kell line")
    bad = Edit(action=EditAction.HEADLINE, facts=[at("trams.txt", COST)], text="Kell repairs to cost 9 million euros")
    brief = build([TRAMS, WIRE], [good, bad])
    done = {d.edit.text: d for d in brief.edits}
    assert done[good.text].applied and not done[bad.text].applied
    assert "refused: not in its quotes: 9" in done[bad.text].basis
    items = {i.key: i for s in compose(brief).sections for i in s.items}
    assert items[claim_of(brief, CLOSE)].text == good.text
    assert "own line:" in items[claim_of(brief, CLOSE)].alternative
    assert items[claim_of(brief, COST)].text != bad.text


def test_an_edit_whose_fact_is_gone_is_reported_not_dropped() -> None:
    edit = Edit(action=EditAction.COMMENTARY, facts=[at("trams.txt", "The mayor resigned.")])
    brief = build([TRAMS, WIRE], [edit])
    (done,) = brief.edits
    assert not done.applied and "no longer applies: no such fact in this build (trams.txt" in done.basis
    assert "1 editor corrections not applied" in compose(brief).summary
    assert any(line.startswith("editor corrections: 0 applied, 1 not; commentary: no longer applies")
               for line in summary_lines(brief, 0.1))  # fmt: skip


# --- kept across builds ----------------------------------------------------------------------------------------------


def test_an_edit_survives_a_rerun_a_new_article_other_sentences_changing_and_a_since_build() -> None:
    edits = [Edit(action=EditAction.KEEP_APART, facts=[at("trams.txt", CLOSE), at("wire.txt", SHUT)]),
             Edit(action=EditAction.COMMENTARY, facts=[at("trams.txt", CROWD)])]  # fmt: skip

    def applied(brief: Brief) -> bool:
        return len(brief.edits) == 2 and all(d.applied for d in brief.edits)

    first = build([TRAMS, WIRE], edits)
    again = build([TRAMS, WIRE], edits)
    assert applied(first) and applied(again)
    # the same sentence, other sentences of its article rewritten: its address is the same, its ID is not
    rewritten = article("trams.txt", CLOSE, "The repairs are due to cost 4 million euros.", CROWD)
    changed = build([rewritten, WIRE], edits)
    assert applied(changed) and rewritten.id != TRAMS.id
    more = build([TRAMS, WIRE, article("radio.txt", "Trams on the Kell line stopped running on Tuesday.")], edits)
    assert applied(more)
    # a --since build applies the edits of the brief it follows, given none of its own
    day_two = build([TRAMS, WIRE, article("later.txt", "Crews began work on the Kell line on Wednesday.")], [],
                    since=first)  # fmt: skip
    assert applied(day_two) and day_two.changes is not None


def test_keep_apart_on_the_command_line_is_kept_as_an_edit(tmp_path: Path) -> None:
    first = build([TRAMS, WIRE], [])
    ids = [next(f.id for f in first.facts if f.quote == quote) for quote in (CLOSE, SHUT)]
    with FakeOpenAI() as fake:
        config = ModelConfig(model="fake", base_url=fake.url, api_key="test", timeout=10)
        brief = build_brief([TRAMS, WIRE], model=config, retry=FAST, keep_apart=[(ids[0], ids[1])],
                            written_lines=False)  # fmt: skip
    (done,) = brief.edits
    assert done.applied and done.edit.by == "--keep-apart"
    assert [a.article for a in done.edit.facts] == [article_key(TRAMS.path), article_key(WIRE.path)]


def test_the_readmes_example_is_a_valid_edits_file(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\nversion: 1\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "edits.yaml"
    path.write_text("version: 1\n" + block, encoding="utf-8")
    (edit,) = read_edits(path).edits
    assert edit.action == EditAction.KEEP_APART and edit.by == "R. Okafor"


EXAMPLES = Path(__file__).parent.parent / "examples" / "strike"


def test_edits_made_on_day_one_survive_the_second_day(tmp_path: Path) -> None:
    """`make demo-day2`'s two builds (day two into out/day2, --since day one) with an edits.yaml in out/."""
    out = tmp_path / "out"
    day_two = [EXAMPLES / "articles" / "01-estermouth-gazette.md", EXAMPLES / "articles" / "02-coastline-wire.txt",
               EXAMPLES / "articles" / "05-valley-courier.txt", EXAMPLES / "day2" / "articles"]  # fmt: skip
    with FakeOpenAI() as fake:
        options = ["--base-url", fake.url, "--model", "fake", "--no-cache", "-q"]
        assert main(["build", str(EXAMPLES / "articles"), "-o", str(out), *options]) == 0
        first = Brief.model_validate_json((out / "brief.json").read_text(encoding="utf-8"))
        names = {a.id: article_key(a.path) for a in first.articles}
        # an editor separates a join of the first two articles and calls a line of the first commentary
        pair = {"01-estermouth-gazette.md", "02-coastline-wire.txt"}
        join = next(b for c in first.claims for b in c.joins if {names[i.split("#")[0]] for i in b.facts} == pair)
        facts = {f.id: f for f in first.facts}
        line = next(c for c in first.claims if c.fact_ids[0].startswith(next(
            a.id for a in first.articles if article_key(a.path) == "01-estermouth-gazette.md")))
        edits = Edits(edits=[
            Edit(action=EditAction.KEEP_APART, facts=[at(names[i.split("#")[0]], facts[i].quote) for i in join.facts]),
            Edit(action=EditAction.COMMENTARY, facts=[at("01-estermouth-gazette.md", facts[line.fact_ids[0]].quote)]),
        ])  # fmt: skip
        (out / "edits.yaml").write_text(edits.model_dump_json(), encoding="utf-8")  # JSON is YAML
        assert main(["build", str(EXAMPLES / "articles"), "-o", str(out), *options]) == 0
        assert main(["build", *map(str, day_two), "-o", str(out / "day2"), "--since", str(out / "brief.json"),
                     *options]) == 0  # fmt: skip
    for folder in (out, out / "day2"):
        brief = Brief.model_validate_json((folder / "brief.json").read_text(encoding="utf-8"))
        assert [(d.edit.action, d.applied) for d in brief.edits] == [(EditAction.KEEP_APART, True),
                                                                     (EditAction.COMMENTARY, True)], folder
        claim_of = {f: c.id for c in brief.claims for f in c.fact_ids}
        assert len({claim_of[i] for i in brief.edits[0].fact_ids}) == 2
        assert "2 editor corrections applied" in (folder / "brief.md").read_text(encoding="utf-8")
