"""Each article's language, and its sentences' in another one (our own sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.cli import main
from briefing.inputs.language import language_code, read_languages
from briefing.inputs.sources import parse_article
from briefing.models import Brief

from .fake_openai import FakeOpenAI

SPANISH = ("El consejo municipal de Ostby aprobó el martes el cierre de la línea de tranvía para hacer reparaciones.\n"
           "Las obras costarán cuatro millones de euros, según el ayuntamiento.\n")  # fmt: skip
ENGLISH_WITH_A_SPANISH_QUOTE = (
    "The Ostby council voted on Tuesday to close the tram line for repairs.\n"
    "Los trabajadores no aceptarán el cierre de la línea sin un acuerdo con el ayuntamiento.\n"
    "The repairs will take six weeks and cost four million euros, the council said on Wednesday.\n"
    "Drivers of the line will be moved to the bus routes in the north of the city until the work is done.\n"
)


@pytest.mark.parametrize(("value", "code"), [("es", "es"), ("pt-BR", "pt"), ("en_GB", "en"), ("FR", "fr"),
                                              ("Spanish", None), ("", None), (3, None)])  # fmt: skip
def test_a_language_in_the_metadata_is_read_as_its_two_letter_code(value: object, code: str | None) -> None:
    assert language_code(value) == code


def test_an_article_is_given_its_own_language_and_a_sentence_in_another_is_marked() -> None:
    spanish, mixed = read_languages([parse_article(SPANISH, "es.txt"),
                                     parse_article(ENGLISH_WITH_A_SPANISH_QUOTE, "en.txt")])  # fmt: skip
    assert (spanish.language, mixed.language) == ("es", "en")
    assert spanish.language_from is not None and spanish.language_from.startswith("detected (py3langid")
    # the Spanish sentence of the English article is marked; the article's own sentences carry no mark
    assert [s.language for s in mixed.sentences] == [None, "es", None, None]
    # a line too short to read surely ("Sigue leyendo", two words) is taken to be in its article's language
    short = read_languages([parse_article(ENGLISH_WITH_A_SPANISH_QUOTE + "Gracias a todos.\n", "y.txt")])[0]
    assert short.sentences[-1].language is None


def test_the_article_says_its_language_in_its_metadata_and_the_detector_is_not_asked_over_it() -> None:
    (article,) = read_languages([parse_article("---\nlanguage: pt-BR\n---\n" + SPANISH, "x.txt")])
    assert (article.language, article.language_from) == ("pt", "front matter")


def test_the_build_records_each_articles_language_and_the_sources_list_shows_it(tmp_path: Path) -> None:
    (tmp_path / "es.txt").write_text(SPANISH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH_WITH_A_SPANISH_QUOTE, encoding="utf-8")
    with FakeOpenAI() as fake:
        code = main(["build", str(tmp_path / "es.txt"), str(tmp_path / "en.txt"), "-o", str(tmp_path / "out"),
                     "--base-url", fake.url, "--no-cache", "-q", "--no-written-lines"])  # fmt: skip
    assert code == 0
    brief = Brief.model_validate_json((tmp_path / "out" / "brief.json").read_text(encoding="utf-8"))
    assert sorted(a.language or "" for a in brief.articles) == ["en", "es"]
    markdown = (tmp_path / "out" / "brief.md").read_text(encoding="utf-8")
    assert "[es] — " in markdown and "[en] — " in markdown
    assert "language es (detected (py3langid" in (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
