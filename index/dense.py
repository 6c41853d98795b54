"""Dense retrieval: a FAISS inner-product index over L2-normalised passage vectors."""

from __future__ import annotations

import faiss
import numpy as np


class DenseIndex:
    """Exact inner-product search (cosine on normalised vectors)."""

    def __init__(self, vectors: np.ndarray) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2:
            raise ValueError("vectors must be a 2-D array (passages x dimensions)")
        self.vectors = vectors
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        if len(vectors):
            self.index.add(vectors)

    @classmethod
    def from_faiss(cls, index: faiss.Index, vectors: np.ndarray) -> "DenseIndex":
        obj = cls.__new__(cls)
        obj.vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        obj.index = index
        return obj

    @property
    def dim(self) -> int:
        return int(self.index.d)

    def search(self, query_vec: np.ndarray, n: int) -> list[tuple[int, float]]:
        """Top ``n`` (passage index, cosine) pairs, best first."""
        if self.index.ntotal == 0:
            return []
        n = min(n, self.index.ntotal)
        q = np.ascontiguousarray(query_vec, dtype=np.float32).reshape(1, -1)
        scores, ids = self.index.search(q, n)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
