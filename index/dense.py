"""Dense retrieval: inner product over L2-normalised passage vectors, exact when small, FAISS HNSW when large."""

from __future__ import annotations

import faiss
import numpy as np

HNSW_MIN_PASSAGES = 60_000
"""From this many passages the approximate HNSW graph answers; below it exact search is as fast (benchmarks/archive.py)."""
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 64
HNSW_EF_SEARCH = 96
EXACT_MAX_ALLOWED = 20_000
"""A filter that leaves at most this many passages is searched exactly over them, however large the index."""


def _top(ids: np.ndarray, scores: np.ndarray, n: int) -> list[tuple[int, float]]:
    if len(scores) > n:
        part = np.argpartition(-scores, n - 1)[:n]
        ids, scores = ids[part], scores[part]
    order = np.lexsort((ids, -scores))  # ties (copies of one sentence) in passage order
    return [(int(ids[i]), float(scores[i])) for i in order]


class DenseIndex:
    """Passage vectors stored once: a (possibly memory-mapped) array, or the storage of an HNSW graph."""

    def __init__(self, vectors: np.ndarray, hnsw: faiss.Index | None = None) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)  # no copy for mapped float32 vectors
        if vectors.ndim != 2:
            raise ValueError("vectors must be a 2-D array (passages x dimensions)")
        self.vectors = vectors
        self.hnsw = hnsw

    @classmethod
    def build(cls, vectors: np.ndarray, approximate: bool | None = None) -> "DenseIndex":
        """Exact search below ``HNSW_MIN_PASSAGES`` passages, an HNSW graph from there (or as ``approximate`` says)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if approximate is None:
            approximate = len(vectors) >= HNSW_MIN_PASSAGES
        if not approximate or not len(vectors):
            return cls(vectors)
        index = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.add(vectors)
        return cls.from_hnsw(index)

    @classmethod
    def from_hnsw(cls, index: faiss.Index) -> "DenseIndex":
        """Wrap a loaded HNSW index; its flat storage is viewed as the vectors, not copied."""
        if not isinstance(index, faiss.IndexHNSWFlat):
            raise ValueError(f"expected an HNSW flat index, not {type(index).__name__}")
        index.hnsw.efSearch = HNSW_EF_SEARCH
        n, d = index.ntotal, index.d
        storage = faiss.downcast_index(index.storage)
        view = faiss.rev_swig_ptr(storage.get_xb(), n * d).reshape(n, d) if n else np.zeros((0, d), np.float32)
        obj = cls(view, index)
        obj._storage = storage  # keeps the memory the view points into alive
        return obj

    @property
    def dim(self) -> int:
        return int(self.vectors.shape[1])

    def __len__(self) -> int:
        return int(self.vectors.shape[0])

    def vectors_of(self, ids: np.ndarray | list[int]) -> np.ndarray:
        """The vectors of the given passages."""
        return np.asarray(self.vectors[np.asarray(ids, dtype=np.int64)], dtype=np.float32)

    def search(self, query_vec: np.ndarray, n: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top ``n`` (passage index, cosine) pairs, best first; ``allowed``: a boolean mask of passages to consider."""
        total = len(self)
        if total == 0 or n <= 0:
            return []
        q = np.ascontiguousarray(query_vec, dtype=np.float32).reshape(-1)
        if allowed is not None:
            ids = np.flatnonzero(allowed)
            if not len(ids):
                return []
            if self.hnsw is None or len(ids) <= EXACT_MAX_ALLOWED:
                return _top(ids, self.vectors[ids] @ q, min(n, len(ids)))
            bitmap = np.packbits(np.asarray(allowed, dtype=bool), bitorder="little")
            selector = faiss.IDSelectorBitmap(total, faiss.swig_ptr(bitmap))
            params = faiss.SearchParametersHNSW(sel=selector, efSearch=max(HNSW_EF_SEARCH, n))
            scores, found = self.hnsw.search(q.reshape(1, -1), min(n, len(ids)), params=params)
            return [(int(i), float(s)) for i, s in zip(found[0], scores[0]) if i >= 0]
        if self.hnsw is None:
            return _top(np.arange(total), np.asarray(self.vectors @ q), min(n, total))
        params = faiss.SearchParametersHNSW(efSearch=max(HNSW_EF_SEARCH, n))
        scores, found = self.hnsw.search(q.reshape(1, -1), min(n, total), params=params)
        return [(int(i), float(s)) for i, s in zip(found[0], scores[0]) if i >= 0]

    def saved(self) -> tuple[dict[str, np.ndarray], bytes | None]:
        """What to save: the vectors as an array (exact search), or the HNSW index that holds them."""
        if self.hnsw is None:
            return {"dense.vectors": np.ascontiguousarray(self.vectors, dtype=np.float32)}, None
        return {}, faiss.serialize_index(self.hnsw).tobytes()

    @classmethod
    def from_saved(cls, arrays: dict[str, np.ndarray], hnsw_bytes: bytes | None) -> "DenseIndex":
        if hnsw_bytes is not None:
            return cls.from_hnsw(faiss.deserialize_index(np.frombuffer(hnsw_bytes, dtype=np.uint8)))
        return cls(arrays["dense.vectors"])
