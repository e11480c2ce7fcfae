"""Typed errors. The CLI turns each into one line and an exit code (see README, "Exit codes")."""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error `brief` reports to the user as one line."""

    exit_code = 1


class InputError(BriefingError):
    """An input path or file that cannot be read as an article."""

    exit_code = 2


class ModelUnavailableError(BriefingError):
    """The model endpoint or the embedded model could not be reached or started."""

    exit_code = 3


class EmbeddingUnavailableError(BriefingError):
    """The sentence-embedding model is missing, altered or will not start; callers fall back to lexical matching."""

    exit_code = 3


class ExtractionError(BriefingError):
    """The model failed on one article after every bounded retry; names the article and the attempts."""

    exit_code = 3

    def __init__(self, article_id: str, attempts: int, reason: str, last_answer: str | None = None) -> None:
        self.article_id = article_id
        self.attempts = attempts
        self.reason = reason
        self.last_answer = last_answer
        super().__init__(f"{article_id}: extraction failed after {attempts} attempt(s): {reason}")


class NoUsableArticlesError(BriefingError):
    """Every article failed, so no brief is written (never a brief without sources)."""

    exit_code = 3


class PreviousBriefError(InputError):
    """The previous brief given to follow a story (`--since`) is missing or is no brief.json this version reads."""


class ParserUnavailableError(BriefingError):
    """The English dependency parser (spaCy's model package) is missing or will not load."""

    exit_code = 3


def first_line(error: BaseException) -> str:
    """An error as one short line for a report or a log: its message's first line, else its class name."""
    text = str(error).strip().splitlines()
    return text[0][:300] if text else error.__class__.__name__
