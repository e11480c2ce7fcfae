"""Same-fact candidates against a ground truth: for each k (a fact's nearest facts in each other article), the gold
pairs of claims.yaml among the proposed pairs, and how many pairs the guards let through to the judge. No model.

Usage: python bench/candidates.py [ARTICLES_DIR]   (default ../shared/seeds; needs its claims.yaml)

The facts are the embedded build's: every body sentence, split into its atomic parts, read on the parse, the
writer's commentary left out. A gold pair is proposed when some pair of facts covering its two phrases (each over
at least half the phrase, as `brief eval --claims` counts) is proposed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path, PurePath

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.assembly import published_dates
from briefing.facts.atomize import AS_WRITTEN, atomize, skipped_sentences
from briefing.facts.features import read_features
from briefing.inputs.sources import load_articles
from briefing.matching.candidates import PROPOSE_FLOOR, propose
from briefing.matching.guards import Profile, check, common_stems
from briefing.matching.run import reading
from briefing.model.embed import Embedder
from briefing.model.gazetteer import load_gazetteer
from briefing.model.parse import parse_articles
from briefing.models import Article, GroundedFact
from briefing.text.actors import who_is_who
from briefing.text.normalize import normalize


def covering(article: Article, phrase: str, facts: list[GroundedFact]) -> set[int]:
    """Indices of the article's facts over at least half of a place of the phrase (folded)."""
    text, wanted = normalize(article.text), normalize(phrase).text
    found, at = set(), text.text.find(wanted)
    while at >= 0:
        start, end = text.source_span(at, at + len(wanted))
        inside = [n for n, f in enumerate(facts) if f.article_id == article.id]
        found |= {n for n in inside if 2 * (min(end, facts[n].end) - max(start, facts[n].start)) >= end - start}
        at = text.text.find(wanted, at + 1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared" / "seeds"))
    parser.add_argument("--floors", type=float, nargs="+", default=[PROPOSE_FLOOR], help="cosine floors to try")
    args = parser.parse_args()
    claims = Path(args.articles) / "claims.yaml"
    if not claims.is_file():
        sys.exit(f"{claims}: no ground truth to score the candidates on")
    truth = yaml.safe_load(claims.read_text(encoding="utf-8"))
    articles = load_articles([args.articles]).articles
    parses = parse_articles(articles)
    who = who_is_who(parses, load_gazetteer())
    sentences = [(a, f) for a in articles for f in skipped_sentences(a, [], [], AS_WRITTEN)]
    facts = [part for article, fact in sentences for part in atomize(article, fact, parses)]
    features = read_features(facts, published_dates(articles, facts), parses, who)
    facts = [f for f in facts if features[f.id].commentary is None]
    by_key = {PurePath(a.path).name.split("_")[0].split(".")[0]: a for a in articles}
    gold = [(covering(by_key[ka], pa, facts), covering(by_key[kb], pb, facts))
            for claim in truth["claims"] for (ka, pa), (kb, pb) in combinations(claim["in"].items(), 2)
            if ka in by_key and kb in by_key]  # fmt: skip
    vectors = Embedder.load().embed([reading(f) for f in facts])
    common = common_stems([features[f.id] for f in facts])
    profiles = [Profile.of(f, features[f.id], common, who) for f in facts]
    print(f"{len(articles)} articles, {len(facts)} facts (commentary left out), {len(gold)} gold pairs\n")

    def hits(pairs: set[frozenset[int]]) -> int:
        return sum(any(frozenset((i, j)) in pairs for i in left for j in right) for left, right in gold)

    print("| floor | k | pairs proposed | gold pairs proposed | pairs the guards pass | gold pairs the guards pass |")
    print("|---|---|---|---|---|---|")
    vetoes: Counter[str] = Counter()
    for floor in args.floors:
        for nearest in (1, 2, 3, 4, 5, 8):
            proposals = propose(facts, vectors, features, nearest=nearest, floor=floor)
            proposed = {frozenset((p.left, p.right)) for p in proposals}
            checked = {pair: check(*(profiles[i] for i in sorted(pair))) for pair in proposed}
            passing = {pair for pair, result in checked.items() if result.veto is None}
            print(f"| {floor} | {nearest} | {len(proposed)} | {hits(proposed)} of {len(gold)} | {len(passing)} | "
                  f"{hits(passing)} of {len(gold)} |")  # fmt: skip
    # Which guard stands between a proposed gold pair and the judge (at the last floor and k): a guard that vetoes
    # every proposed pair of its facts loses the gold pair.
    for left, right in gold:
        pairs = [frozenset((i, j)) for i in left for j in right if frozenset((i, j)) in checked]
        if pairs and all(checked[p].veto is not None for p in pairs):
            vetoes[str(checked[pairs[0]].veto)] += 1
    lost = ", ".join(f"{guard} {count}" for guard, count in vetoes.most_common()) or "none"
    print(f"\ngold pairs proposed but vetoed, by guard: {lost}")


if __name__ == "__main__":
    main()
