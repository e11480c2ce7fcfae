"""How well the build tells the writer's commentary from reported facts, on labelled sentences: precision and recall
of the parse-based reading (features.commentary, the decision a build makes for a whole sentence) and of the
word-only reading (reading.analysis, what compose falls back on), reported apart for

- our own sentences (tests/data/commentary_sentences.yaml), written blind to the word lists, in two halves: the
  even rows, which a rule may be developed on, and the odd rows, held out, and
- the shared seeds (../shared/seeds), labelled by hand blind to the detector (bench/data/seeds_commentary_labels.yaml
  holds only file names, sentence IDs and labels; the text is read from the seeds at run time).

Usage: python bench/commentary.py [--seeds ../shared/seeds] [--misses]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefing.facts.atomize import AS_WRITTEN, skipped_sentences
from briefing.facts.features import read_features
from briefing.inputs.sources import load_articles, parse_article
from briefing.model.parse import parse_articles
from briefing.models import Article
from briefing.text.reading import analysis

ROOT = Path(__file__).resolve().parent.parent
OWN = ROOT / "tests" / "data" / "commentary_sentences.yaml"
SEED_LABELS = ROOT / "bench" / "data" / "seeds_commentary_labels.yaml"


@dataclass(frozen=True)
class Judged:
    text: str
    label: str  # "commentary" or "reported"
    parse_says: bool  # features.commentary is not None
    words_say: bool  # reading.analysis is not None


def judge(articles: Sequence[Article], labels: dict[tuple[str, str], str]) -> list[Judged]:
    """Each labelled sentence of the articles, as a whole-sentence fact, read as a build reads it."""
    parses = parse_articles(articles)
    found = []
    for article in articles:
        facts = skipped_sentences(article, [], [], AS_WRITTEN)
        features = read_features(facts, {article.id: article.published}, parses)
        for fact in facts:
            label = labels.get((article.path, fact.sentence_ids[0]))
            if label in ("commentary", "reported"):
                said = features[fact.id].commentary is not None
                found.append(Judged(fact.quote, label, said, analysis(fact.quote) is not None))
    return found


def scores(judged: Sequence[Judged], parse: bool) -> str:
    said = [(j.parse_says if parse else j.words_say, j.label == "commentary") for j in judged]
    hits = sum(s and t for s, t in said)
    flagged, truth = sum(s for s, _ in said), sum(t for _, t in said)
    precision = f"{hits / flagged:.0%}" if flagged else "n/a"
    recall = f"{hits / truth:.0%}" if truth else "n/a"
    return f"precision {precision} ({hits}/{flagged}), recall {recall} ({hits}/{truth})"


def own_sentences(half: int) -> tuple[list[Article], dict[tuple[str, str], str]]:
    """One article per sentence of our own set (so no sentence is read in another's context): the even rows
    (half 0, the ones rules may be developed on) or the odd rows (half 1, held out)."""
    rows = yaml.safe_load(OWN.read_text(encoding="utf-8"))
    articles, labels = [], {}
    for number, row in enumerate(rows):
        if number % 2 != half:
            continue
        article = parse_article(row["text"] + "\n", f"own-{number:03}.txt")
        articles.append(article)
        for sentence in article.sentences:
            labels[(article.path, sentence.id)] = row["label"]
    return articles, labels


def seed_sentences(folder: Path) -> tuple[list[Article], dict[tuple[str, str], str]]:
    rows = yaml.safe_load(SEED_LABELS.read_text(encoding="utf-8"))
    articles = load_articles([folder]).articles
    by_name = {Path(a.path).name: a.path for a in articles}
    labels = {(by_name[row["file"]], row["sentence"]): row["label"] for row in rows if row["file"] in by_name}
    return articles, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--misses", action="store_true", help="print each sentence the parse-based reading gets wrong")
    args = parser.parse_args()
    print("| sentences | labelled commentary / reported | parse-based (a build's decision) | words only |")
    print("|---|---|---|---|")
    sets = [("our own, even rows (rules developed on them)", own_sentences(0)),
            ("our own, odd rows (held out)", own_sentences(1))]  # fmt: skip
    if args.seeds.is_dir() and (seeds := seed_sentences(args.seeds))[1]:
        sets.append(("the shared seeds", seeds))
    else:
        print(f"(no labelled seed article in {args.seeds}: the seeds' row is left out)", file=sys.stderr)
    misses: list[tuple[str, Judged]] = []
    for name, (articles, labels) in sets:
        judged = judge(articles, labels)
        counts = f"{sum(j.label == 'commentary' for j in judged)} / {sum(j.label == 'reported' for j in judged)}"
        print(f"| {name} | {counts} | {scores(judged, parse=True)} | {scores(judged, parse=False)} |")
        misses += [(name, j) for j in judged if j.parse_says != (j.label == "commentary")]
    if args.misses:
        for name, j in misses:
            print(f"- [{name}] labelled {j.label}, read as {'commentary' if j.parse_says else 'reported'}: {j.text}")


if __name__ == "__main__":
    main()
