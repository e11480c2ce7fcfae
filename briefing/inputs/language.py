"""Which language each article, and each sentence, is written in: the article's own metadata (front matter
`language:` or `lang:`) when it says, else py3langid (langid.py's model, in its wheel; deterministic).

A sentence is given a language of its own only when the detector is sure of one other than its article's: a
short line ("Leia mais:", a name) is read too poorly to tell, and is taken to be in its article's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Article

MIN_SENTENCE_WORDS = 5  # fewer words are read too poorly to give a sentence a language of its own
SURE = 0.9  # the detector's normalised probability a sentence's own language needs
CODE_LENGTH = 2  # ISO 639-1


def language_code(value: object) -> str | None:
    """A front matter's `language` ("es", "pt-BR", "en_GB") as ISO 639-1 ("es", "pt", "en"); None if it is none."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == CODE_LENGTH and code.isalpha() else None


class LanguageReader:
    """The detector, loaded once a build (about a second: its model is compressed in the wheel)."""

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._identifier: Any = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def classify(self, text: str) -> tuple[str, float]:
        code, probability = self._identifier.classify(text)
        return str(code), float(probability)

    def read(self, article: Article) -> Article:
        """The article with its language (its own, else detected on its body) and the sentences in another one."""
        language, basis = article.language, article.language_from
        if language is None:
            body = " ".join(article.sentence_text(s) for s in article.sentences)
            language, probability = self.classify(body)
            basis = f"detected (py3langid, {probability:.2f})"
        sentences = []
        for sentence in article.sentences:
            text = article.sentence_text(sentence)
            own = None
            if len(text.split()) >= MIN_SENTENCE_WORDS:
                code, probability = self.classify(text)
                own = code if code != language and probability >= SURE else None
            sentences.append(sentence.model_copy(update={"language": own}) if own else sentence)
        return article.model_copy(update={"language": language, "language_from": basis, "sentences": sentences})


def read_languages(articles: Sequence[Article]) -> list[Article]:
    """Every article with its language and its sentences' (see LanguageReader.read)."""
    if not articles:
        return []
    reader = LanguageReader()
    return [reader.read(article) for article in articles]
