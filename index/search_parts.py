"""The search structures of a corpus (BM25 postings, paragraph groups, vectors, article table), built once and saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from index import store
from index.archive_filter import ArticleRef, ArticleTable, ref_of
from index.article import Document
from index.bm25 import LexicalIndex
from index.chunk import Chunk
from index.config import IndexConfig
from index.dense import DenseIndex
from index.embedder import Embedder
from index.errors import IndexStoreError


def paragraph_groups(chunks: Sequence[Chunk]) -> np.ndarray:
    """Group id of each passage: sentences of one paragraph share one (a question often names it in other words)."""
    keys = [(c.doc_id, c.paragraph) if c.paragraph else (c.doc_id, -1 - i) for i, c in enumerate(chunks)]
    group_of: dict[tuple, int] = {}
    return np.array([group_of.setdefault(key, len(group_of)) for key in keys], dtype=np.int64)


def group_members(group: np.ndarray) -> list[np.ndarray]:
    """Passages of each group, in order."""
    if not len(group):
        return []
    order = np.argsort(group, kind="stable")
    cuts = np.flatnonzero(np.diff(group[order])) + 1
    return np.split(order, cuts)


def mean_vectors(vectors: np.ndarray, members: list[np.ndarray], dim: int) -> np.ndarray:
    """L2-normalised mean vector of each group."""
    if not members or not len(vectors):
        return np.zeros((0, dim), np.float32)
    gv = np.stack([np.asarray(vectors[m], dtype=np.float32).mean(axis=0) for m in members])
    norms = np.linalg.norm(gv, axis=1, keepdims=True)
    return (gv / np.where(norms == 0, 1, norms)).astype(np.float32)


@dataclass
class SearchParts:
    """What search needs besides the passages themselves."""

    lexical: LexicalIndex
    group: np.ndarray
    group_lexical: LexicalIndex
    group_vectors: np.ndarray
    dense: DenseIndex
    articles: ArticleTable

    @classmethod
    def build(cls, documents: Sequence[Document] | Sequence[ArticleRef], chunks: Sequence[Chunk],
              chunk_syllables: Sequence[Sequence[str]], vectors: np.ndarray, config: IndexConfig,
              approximate: bool | None = None) -> "SearchParts":
        """Index passages given with their syllables (tokenised once) and vectors."""
        group = paragraph_groups(chunks)
        members = group_members(group)
        k1, b, fw = config.bm25_k1, config.bm25_b, config.folded_weight
        if config.tokenizer == "whitespace":
            lexical = LexicalIndex([c.text for c in chunks], "whitespace", fw, k1, b)
            group_lexical = LexicalIndex([" ".join(chunks[i].text for i in m) for m in members], "whitespace", fw, k1, b)
        else:
            lexical = LexicalIndex.from_syllables(chunk_syllables, fw, k1, b)
            group_lexical = LexicalIndex.from_syllables(
                [[s for i in m for s in chunk_syllables[i]] for m in members], fw, k1, b
            )
        dense = DenseIndex.build(vectors, approximate)
        refs = [d if isinstance(d, ArticleRef) else ref_of(d) for d in documents]
        articles = ArticleTable.of_refs(refs, [c.doc_id for c in chunks])
        return cls(lexical, group, group_lexical, mean_vectors(vectors, members, dense.dim), dense, articles)

    def to_saved(self) -> tuple[dict, dict[str, np.ndarray], bytes | None]:
        refs, arrays = self.articles.to_saved()
        arrays.update(self.lexical.arrays("lexical"))
        arrays.update(self.group_lexical.arrays("group_lexical"))
        arrays["group"] = self.group
        arrays["group_vectors"] = self.group_vectors
        dense_arrays, ann = self.dense.saved()
        arrays.update(dense_arrays)
        meta = {"articles": refs, "groups": int(len(self.group_vectors)), "dim": self.dense.dim}
        return meta, arrays, ann

    @classmethod
    def from_saved(cls, stored: store.Stored, n_chunks: int, embedder: Embedder, config: IndexConfig) -> "SearchParts":
        """The saved parts, memory-mapped; IndexStoreError when they do not fit the passages or the embedder."""
        a = stored.arrays
        try:
            meta = stored.corpus["search"]
            groups = int(meta["groups"])
            articles = ArticleTable.from_saved(meta["articles"], a)
            lexical = LexicalIndex.from_arrays("lexical", a, n_chunks, config.tokenizer, config.folded_weight)
            group_lexical = LexicalIndex.from_arrays("group_lexical", a, groups, config.tokenizer, config.folded_weight)
            dense = DenseIndex.from_saved(a, stored.ann)
            group, group_vectors = a["group"], a["group_vectors"]
        except (KeyError, TypeError, ValueError, RuntimeError) as exc:
            raise IndexStoreError(f"the saved index has an unexpected layout ({exc})") from None
        if len(dense) != n_chunks or len(group) != n_chunks or len(articles.chunk_article) != n_chunks:
            raise IndexStoreError("the saved passages and vectors disagree in number")
        if len(group_vectors) != groups or (n_chunks and int(group.max()) >= groups):
            raise IndexStoreError("the saved paragraph groups disagree in number")
        if n_chunks and dense.dim != embedder.dim:
            raise IndexStoreError(f"the saved vectors have {dense.dim} dimensions, the embedder {embedder.dim}")
        return cls(lexical, group, group_lexical, group_vectors, dense, articles)
