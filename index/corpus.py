"""A searchable corpus: documents, chunks, figures, BM25 and dense indexes, built once or loaded from cache."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import fields
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np

from index import store
from index.article import Document
from index.archive_filter import PREFER_DENSE, PREFER_LEXICAL, ArticleFilter, ArticleRef
from index.bm25 import top
from index.chunk import Chunk, chunk_document
from index.config import MODES, IndexConfig
from index.embedder import Embedder
from index.errors import IndexStoreError
from index.figures import Figure, extract_figures
from index.hybrid import Hit, Ranked, rrf, weighted
from index.search_parts import SearchParts
from index.text import has_diacritics, syllables

log = logging.getLogger(__name__)

_FIGURE_FIELDS = {f.name for f in fields(Figure)}

Progress = Callable[[Iterable, int, str], Iterable]


def _no_progress(it: Iterable, total: int, desc: str) -> Iterable:
    return it


class Corpus:
    """Everything needed to search a set of articles: passages, their figures, lexical and dense indexes."""

    def __init__(
        self,
        documents: Mapping[str, Document],
        chunks: Sequence[Chunk],
        figures: Sequence[list[Figure]],
        parts: SearchParts,
        embedder: Embedder,
        config: IndexConfig,
        key: str = "",
        passage_syllables: Sequence[list[str]] | None = None,
        text_lengths: Mapping[str, int] | None = None,
    ) -> None:
        self.documents = documents
        self.chunks = chunks
        self.figures = figures
        self.passage_syllables = passage_syllables  # each passage's search syllables when stored (an archive's)
        self.text_lengths = text_lengths  # each article's length in characters when known apart (an archive's)
        # Whether ``syllables`` reads each passage as tokenising its text now would: stored ones were read by the
        # pipeline of their day (an archive says when all of its articles are read as now).
        self.syllables_current = passage_syllables is None
        self.parts = parts
        self.lexical = parts.lexical
        self.group_lexical = parts.group_lexical
        self.group = parts.group
        self.group_vectors = parts.group_vectors
        self.dense = parts.dense
        self.articles = parts.articles
        self.embedder = embedder
        self.config = config
        self._key = key
        self._qcache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._qlock = threading.Lock()
        self._members: tuple[np.ndarray | None, np.ndarray] | None = None
        self.loaded_from: Path | None = None

    # --- building and caching -------------------------------------------------------------

    @classmethod
    def build(
        cls, documents: list[Document], embedder: Embedder, config: IndexConfig, progress: Progress = _no_progress,
        key: str = "",
    ) -> "Corpus":
        chunks: list[Chunk] = []
        for doc in documents:
            chunks.extend(chunk_document(doc, config.window, config.stride))
        docs = {d.doc_id: d for d in documents}
        figures = [extract_figures(c.text, base=c.start, published=docs[c.doc_id].published, context=docs[c.doc_id].text)
                   for c in chunks]
        vectors = embed_passages(embedder, [c.text for c in chunks], progress)
        parts = SearchParts.build(documents, chunks, [syllables(c.text) for c in chunks], vectors, config)
        return cls(docs, chunks, figures, parts, embedder, config, key)

    def key(self) -> str:
        return self._key or corpus_key(list(self.documents.values()), self.embedder, self.config)

    @property
    def n_chunks(self) -> int:
        """Number of passages."""
        return len(self.chunks)

    def syllables(self, idx: int) -> list[str]:
        """A passage's search syllables: as stored (an archive keeps them from indexing), else tokenised now."""
        if self.passage_syllables is not None:
            return self.passage_syllables[idx]
        return syllables(self.chunks[idx].text)

    def text_length(self, doc_id: str) -> int:
        """Characters of an article's text (an archive knows them without reading the article)."""
        if self.text_lengths is not None:
            return self.text_lengths[doc_id]
        return len(self.documents[doc_id].text)

    def term_df(self, term: str) -> int:
        """Passages holding a folded syllable, or a folded syllable bigram written ``a_b`` (saved, not recounted)."""
        return self.lexical.term_df(term)

    def members(self, groups: Sequence[int]) -> np.ndarray:
        """Passages of the given paragraph groups, in order (found once, on first use: a Python walk over every
        passage would cost about a second at 300k passages)."""
        if self._members is None:
            group = np.asarray(self.group)
            # A paragraph's sentences are consecutive, so passages are usually in group order already and a group's
            # members are the run of passages after those of every lower group; otherwise they are sorted first.
            order = None if bool(np.all(group[1:] >= group[:-1])) else np.argsort(group, kind="stable")
            sizes = np.bincount(group, minlength=len(self.group_vectors))
            self._members = (order, np.concatenate([[0], np.cumsum(sizes)]))
        order, cuts = self._members
        if not len(groups):
            return np.zeros(0, np.int64)
        if order is None:
            return np.concatenate([np.arange(cuts[g], cuts[g + 1]) for g in groups])
        return np.concatenate([order[cuts[g]:cuts[g + 1]] for g in groups])

    def save(self, cache_dir: Path) -> Path:
        payload = {
            "documents": [d.to_dict() for d in self.documents.values()],
            "chunks": [c.to_dict() for c in self.chunks],
            "figures": [[{k: v for k, v in f.to_dict().items() if k in _FIGURE_FIELDS} for f in fs] for fs in self.figures],
        }
        meta, arrays, ann = self.parts.to_saved()
        payload["search"] = meta
        return store.save(cache_dir, self.key(), self.embedder.name, payload, arrays, len(self.chunks), ann)

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
        key = corpus_key(documents, embedder, config)
        if cache_dir is not None:
            path = Path(cache_dir) / key
            if path.exists():
                try:
                    stored = store.load(path, key=key, embedder_name=embedder.name)
                    corpus = cls._from_stored(stored, embedder, config, key)
                    corpus.loaded_from = path
                    return corpus
                except IndexStoreError as exc:
                    log.warning("rebuilding the index: %s", exc)
        corpus = cls.build(documents, embedder, config, progress, key)
        if cache_dir is not None:
            try:
                corpus.loaded_from = corpus.save(Path(cache_dir))
            except OSError as exc:
                log.warning("could not save the index to %s (%s); continuing without a cache", cache_dir, exc)
        return corpus

    @classmethod
    def _from_stored(cls, stored: store.Stored, embedder: Embedder, config: IndexConfig, key: str) -> "Corpus":
        try:
            docs = [Document.from_dict(d) for d in stored.corpus["documents"]]
            chunks = [Chunk.from_dict(c) for c in stored.corpus["chunks"]]
            figures = [[Figure(**f) for f in fs] for fs in stored.corpus["figures"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise IndexStoreError(f"the saved index has an unexpected layout ({exc})") from None
        parts = SearchParts.from_saved(stored, len(chunks), embedder, config)
        if len(figures) != len(chunks):
            raise IndexStoreError("the saved passages and figures disagree in number")
        return cls({d.doc_id: d for d in docs}, chunks, figures, parts, embedder, config, key)

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

    def clear_query_cache(self) -> None:
        """Forget cached query embeddings (benchmarks measure the embedding this way)."""
        with self._qlock:
            self._qcache.clear()

    def search(self, query: str, k: int = 5, mode: str = "hybrid", dense_query: str | None = None,
               where: ArticleFilter | None = None) -> list[Hit]:
        """Top-k chunks for a cleaned query in ``bm25``, ``dense`` or ``hybrid`` mode (``dense_query``: embed this
        instead). Callers check what users typed first (qa.validation).

        ``where`` keeps only passages of the articles it selects; an outlet or year the query names is preferred.
        """
        if mode not in MODES:
            raise ValueError(f"mode {mode!r} is not one of {', '.join(MODES)}")
        if not len(self.chunks):
            return []
        allowed = self.articles.chunk_mask(where)
        prefer = self.articles.preference(query)
        n = max(k * self.config.overfetch, 20)
        lexical = self._lexical(query, n, allowed, prefer) if mode != "dense" else []
        dense = self._dense(dense_query or query, n, allowed, prefer) if mode != "bm25" else []
        return self.fuse(query, lexical, dense, k, mode)

    def fuse(self, query: str, lexical: Ranked, dense: Ranked, k: int, mode: str) -> list[Hit]:
        """Hits from the lexical and dense candidate lists, fused as the mode and configuration say."""
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

    def _lexical(self, query: str, n: int, allowed: np.ndarray | None = None,
                 prefer: np.ndarray | None = None) -> Ranked:
        s = self.lexical.scores(query)
        w = self.config.context_lexical
        top_s = s.max() if s.size else 0.0
        if w > 0 and top_s > 0:
            g = self.group_lexical.scores(query)
            s /= top_s  # in place, as the sums after it: the scores are this call's own, and fresh memory costs
            top_g = g.max()
            if top_g > 0:
                s += (w * g / top_g)[self.group]  # scaled per group, then spread
        if prefer is not None:
            s = s + PREFER_LEXICAL * prefer * (s > 0)
        if allowed is not None:
            s = np.where(allowed, s, 0.0)
        return top(s, n)

    def _dense(self, query: str, n: int, allowed: np.ndarray | None = None,
               prefer: np.ndarray | None = None) -> Ranked:
        qv = self.query_vector(query)
        w = self.config.context_dense
        if w <= 0 and prefer is None:
            return self.dense.search(qv, n, allowed)
        pool = self.dense.search(qv, min(len(self.chunks), 4 * n), allowed)
        if not pool:
            return []
        ids = np.array([i for i, _ in pool], dtype=np.int64)
        scores = np.array([s for _, s in pool], dtype=np.float64)
        if w > 0:
            groups = self.group[ids]
            scores += w * (self.group_vectors[groups] @ qv)
        if prefer is not None:
            scores += PREFER_DENSE * prefer[ids]
        order = np.lexsort((ids, -scores))[:n]
        return [(int(ids[i]), float(scores[i])) for i in order]

    def chunk_index(self, chunk_id: str) -> int:
        """Position of a chunk in ``chunks``; KeyError for an unknown id."""
        try:
            i = self.articles.chunk_index(chunk_id)
        except (KeyError, ValueError):
            raise KeyError(chunk_id) from None
        if not 0 <= i < len(self.chunks) or self.chunks[i].chunk_id != chunk_id:
            raise KeyError(chunk_id)
        return i

    def article(self, doc_id: str) -> ArticleRef:
        """Title, outlet, date and address of an article, for citations."""
        return self.articles.ref(doc_id)


def corpus_key(documents: Sequence[Document], embedder: Embedder, config: IndexConfig) -> str:
    """The cache key of a corpus of these documents, computed once per load or build."""
    return store.index_key([d.content_hash for d in documents], embedder.name, config.saved_index_key())


def embed_passages(embedder: Embedder, texts: Sequence[str], progress: Progress = _no_progress) -> np.ndarray:
    """Passage vectors, embedded in batches of similar length (less work wasted on padding)."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    batch = 16
    vectors = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    for i in progress(range(0, len(order), batch), (len(order) + batch - 1) // batch, "embedding"):
        ids = order[i : i + batch]
        vectors[ids] = embedder.embed_passages([texts[j] for j in ids])
    return vectors

