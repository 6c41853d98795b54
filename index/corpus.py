"""A searchable corpus: documents, chunks, figures, BM25 and dense indexes, built once or loaded from cache."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import fields
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from index import store
from index.article import Document
from index.bm25 import LexicalIndex, top
from index.chunk import Chunk, chunk_document
from index.config import MODES, IndexConfig
from index.dense import DenseIndex
from index.embedder import Embedder
from index.errors import IndexStoreError
from index.figures import Figure, extract_figures
from index.hybrid import Hit, rrf, weighted
from index.text import has_diacritics

log = logging.getLogger(__name__)

_FIGURE_FIELDS = {f.name for f in fields(Figure)}

Progress = Callable[[Iterable, int, str], Iterable]


def _no_progress(it: Iterable, total: int, desc: str) -> Iterable:
    return it


class Corpus:
    """Everything needed to search a set of articles."""

    def __init__(
        self,
        documents: list[Document],
        chunks: list[Chunk],
        figures: list[list[Figure]],
        dense: DenseIndex,
        embedder: Embedder,
        config: IndexConfig,
    ) -> None:
        self.documents = {d.doc_id: d for d in documents}
        self.chunks = chunks
        self.figures = figures
        self.dense = dense
        self.embedder = embedder
        self.config = config
        self.lexical = LexicalIndex([c.text for c in chunks], config.tokenizer, config.folded_weight, config.bm25_k1, config.bm25_b)
        # Sentences of one paragraph share a context: questions often name it in words the answer sentence lacks.
        keys = [(c.doc_id, c.paragraph) if c.paragraph else (c.doc_id, -1 - i) for i, c in enumerate(chunks)]
        group_of: dict[tuple, int] = {}
        self.group = np.array([group_of.setdefault(key, len(group_of)) for key in keys], dtype=np.int64)
        members: list[list[int]] = [[] for _ in group_of]
        for i, g in enumerate(self.group):
            members[g].append(i)
        self.group_lexical = LexicalIndex(
            [" ".join(chunks[i].text for i in m) for m in members], config.tokenizer, config.folded_weight, config.bm25_k1, 0.75
        )
        vecs = dense.vectors
        gv = np.stack([vecs[m].mean(axis=0) for m in members]) if members and len(vecs) else np.zeros((0, dense.dim), np.float32)
        norms = np.linalg.norm(gv, axis=1, keepdims=True)
        self.group_vectors = (gv / np.where(norms == 0, 1, norms)).astype(np.float32)
        self._qcache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._qlock = threading.Lock()
        self.loaded_from: Path | None = None

    # --- building and caching -------------------------------------------------------------

    @classmethod
    def build(
        cls, documents: list[Document], embedder: Embedder, config: IndexConfig, progress: Progress = _no_progress
    ) -> "Corpus":
        chunks: list[Chunk] = []
        for doc in documents:
            chunks.extend(chunk_document(doc, config.window, config.stride))
        figures = [extract_figures(c.text, base=c.start) for c in chunks]
        # Batches of similar length waste less work on padding.
        order = sorted(range(len(chunks)), key=lambda i: len(chunks[i].text))
        batch = 16
        vectors = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
        for i in progress(range(0, len(order), batch), (len(order) + batch - 1) // batch, "embedding"):
            ids = order[i : i + batch]
            vectors[ids] = embedder.embed_passages([chunks[j].text for j in ids])
        return cls(documents, chunks, figures, DenseIndex(vectors), embedder, config)

    def key(self) -> str:
        return store.index_key([d.content_hash for d in self.documents.values()], self.embedder.name, self.config.chunking_key())

    def save(self, cache_dir: Path) -> Path:
        payload = {
            "documents": [d.to_dict() for d in self.documents.values()],
            "chunks": [c.to_dict() for c in self.chunks],
            "figures": [[{k: v for k, v in f.to_dict().items() if k in _FIGURE_FIELDS} for f in fs] for fs in self.figures],
        }
        return store.save(cache_dir, self.key(), self.embedder.name, payload, self.dense.vectors, self.dense.index)

    @classmethod
    def load_or_build(
        cls,
        documents: list[Document],
        embedder: Embedder,
        config: IndexConfig,
        cache_dir: Path | None,
        progress: Progress = _no_progress,
    ) -> "Corpus":
        """Load the cached index for these documents and embedder, or build (and cache) it, logging why."""
        key = store.index_key([d.content_hash for d in documents], embedder.name, config.chunking_key())
        if cache_dir is not None:
            path = Path(cache_dir) / key
            if path.exists():
                try:
                    stored = store.load(path, key=key, embedder_name=embedder.name)
                    corpus = cls._from_stored(stored, embedder, config)
                    corpus.loaded_from = path
                    return corpus
                except IndexStoreError as exc:
                    log.warning("rebuilding the index: %s", exc)
        corpus = cls.build(documents, embedder, config, progress)
        if cache_dir is not None:
            try:
                corpus.loaded_from = corpus.save(Path(cache_dir))
            except OSError as exc:
                log.warning("could not save the index to %s (%s); continuing without a cache", cache_dir, exc)
        return corpus

    @classmethod
    def _from_stored(cls, stored: store.Stored, embedder: Embedder, config: IndexConfig) -> "Corpus":
        try:
            docs = [Document.from_dict(d) for d in stored.corpus["documents"]]
            chunks = [Chunk.from_dict(c) for c in stored.corpus["chunks"]]
            figures = [[Figure(**f) for f in fs] for fs in stored.corpus["figures"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise IndexStoreError(f"the saved index has an unexpected layout ({exc})") from None
        if len(chunks) != len(stored.vectors) or len(figures) != len(chunks):
            raise IndexStoreError("the saved passages and vectors disagree in number")
        if stored.vectors.shape[1] != embedder.dim:
            raise IndexStoreError(f"the saved vectors have {stored.vectors.shape[1]} dimensions, the embedder {embedder.dim}")
        return cls(docs, chunks, figures, DenseIndex.from_faiss(stored.faiss_index, stored.vectors), embedder, config)

    # --- search ---------------------------------------------------------------------------

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding, from a small LRU cache when the same question comes again."""
        with self._qlock:
            vec = self._qcache.get(query)
            if vec is not None:
                self._qcache.move_to_end(query)
                return vec
        vec = self.embedder.embed_queries([query])[0]
        with self._qlock:
            self._qcache[query] = vec
            if len(self._qcache) > 512:
                self._qcache.popitem(last=False)
        return vec

    def search(self, query: str, k: int = 5, mode: str = "hybrid", dense_query: str | None = None) -> list[Hit]:
        """Top-k chunks for a cleaned query in ``bm25``, ``dense`` or ``hybrid`` mode (``dense_query``: embed this
        instead). Callers check what users typed first (qa.validation)."""
        if mode not in MODES:
            raise ValueError(f"mode {mode!r} is not one of {', '.join(MODES)}")
        if not self.chunks:
            return []
        n = max(k * self.config.overfetch, 20)
        lexical = self._lexical(query, n) if mode != "dense" else []
        dense = self._dense(dense_query or query, n) if mode != "bm25" else []
        if mode == "bm25":
            fused = lexical
        elif mode == "dense":
            fused = dense
        else:
            # Unaccented Vietnamese: trust BM25's folded field more; another language: trust the dense side more.
            known = self.lexical.coverage(query)  # share of the query's syllables the articles use
            unaccented_vietnamese = not has_diacritics(query) and known >= 0.6
            dense_w = 0.35 if unaccented_vietnamese else 1.0
            lex_w = 0.1 if known < 0.5 else 1.0
            if self.config.fusion == "rrf":
                fused = rrf([lexical, dense], self.config.rrf_k, [lex_w, dense_w])
            else:
                fused = weighted(
                    [lexical, dense],
                    [lex_w * (1.0 - self.config.dense_weight), dense_w * self.config.dense_weight],
                )
        b_rank = {i: (r, s) for r, (i, s) in enumerate(lexical, 1)}
        d_rank = {i: (r, s) for r, (i, s) in enumerate(dense, 1)}
        hits = []
        for idx, score in fused[:k]:
            br, bs = b_rank.get(idx, (None, None))
            dr, ds = d_rank.get(idx, (None, None))
            hits.append(Hit(self.chunks[idx], float(score), br, dr, bs, ds))
        return hits

    def _lexical(self, query: str, n: int) -> list[tuple[int, float]]:
        s = self.lexical.scores(query)
        w = self.config.context_lexical
        if w > 0 and s.size and s.max() > 0:
            g = self.group_lexical.scores(query)
            s = s / s.max() + (w * g[self.group] / g.max() if g.max() > 0 else 0.0)
        return top(s, n)

    def _dense(self, query: str, n: int) -> list[tuple[int, float]]:
        qv = self.query_vector(query)
        w = self.config.context_dense
        if w <= 0:
            return self.dense.search(qv, n)
        pool = self.dense.search(qv, min(len(self.chunks), 4 * n))
        ctx = self.group_vectors @ qv
        rescored = [(i, s + w * float(ctx[self.group[i]])) for i, s in pool]
        rescored.sort(key=lambda t: -t[1])
        return rescored[:n]

    def chunk_index(self, chunk_id: str) -> int:
        return self._chunk_pos()[chunk_id]

    def _chunk_pos(self) -> dict[str, int]:
        pos = getattr(self, "_pos", None)
        if pos is None:
            pos = self._pos = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        return pos

