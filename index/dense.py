"""Dense retrieval: inner product over L2-normalised passage vectors, exact when small, FAISS IVF candidates when large."""

from __future__ import annotations

import faiss
import numpy as np

APPROXIMATE_MIN_PASSAGES = 50_000
"""From this many passages an IVF index proposes candidates; below it exact search is as fast (benchmarks/dense_threshold.py)."""
IVF_TRAIN_PER_LIST = 40     # training vectors per inverted list (FAISS asks for at least 39)
IVF_PROBE = 16              # lists searched per query
IVF_RERANK = 4              # candidates proposed per result wanted, then re-scored exactly
EXACT_MAX_ALLOWED = 20_000
"""A filter that leaves at most this many passages is searched exactly over them, however large the index."""


def _top(ids: np.ndarray, scores: np.ndarray, n: int) -> list[tuple[int, float]]:
    if len(scores) > n:
        part = np.argpartition(-scores, n - 1)[:n]
        ids, scores = ids[part], scores[part]
    order = np.lexsort((ids, -scores))  # ties (copies of one sentence) in passage order
    return [(int(ids[i]), float(scores[i])) for i in order]


def _sorted_unique(ids: np.ndarray) -> np.ndarray:
    """``np.unique`` of a few thousand ids, without its first call's import of ``numpy.ma`` (about 12 ms, paid by
    the first question a process answers)."""
    ids = np.sort(ids)
    return ids[np.concatenate(([True], ids[1:] != ids[:-1]))] if len(ids) else ids


class DenseIndex:
    """Passage vectors stored once (a possibly memory-mapped float32 array), searched exactly, or through an IVF
    index of 8-bit codes that proposes candidates which are then re-scored exactly from the vectors."""

    def __init__(self, vectors: np.ndarray, ivf: faiss.Index | None = None) -> None:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)  # no copy for mapped float32 vectors
        if vectors.ndim != 2:
            raise ValueError("vectors must be a 2-D array (passages x dimensions)")
        self.vectors = vectors
        self.ivf = ivf
        if ivf is not None:
            ivf.nprobe = min(IVF_PROBE, ivf.nlist)

    @classmethod
    def build(cls, vectors: np.ndarray, approximate: bool | None = None) -> "DenseIndex":
        """Exact search below ``APPROXIMATE_MIN_PASSAGES`` passages, IVF candidates from there (or as
        ``approximate`` says)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if approximate is None:
            approximate = len(vectors) >= APPROXIMATE_MIN_PASSAGES
        if not approximate or vectors.ndim != 2 or not len(vectors):
            return cls(vectors)
        n, d = vectors.shape
        nlist = max(1, min(int(np.sqrt(n)), n // IVF_TRAIN_PER_LIST))
        index = faiss.IndexIVFScalarQuantizer(faiss.IndexFlatIP(d), d, nlist, faiss.ScalarQuantizer.QT_8bit,
                                              faiss.METRIC_INNER_PRODUCT)
        index.cp.niter = 10
        sample = np.random.default_rng(0).choice(n, size=min(n, nlist * IVF_TRAIN_PER_LIST), replace=False)
        index.train(vectors[np.sort(sample)])
        index.add(vectors)
        return cls(vectors, index)

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
        params = None
        if allowed is not None:
            ids = np.flatnonzero(allowed)
            if not len(ids):
                return []
            if self.ivf is None or len(ids) <= EXACT_MAX_ALLOWED:
                return _top(ids, self.vectors[ids] @ q, min(n, len(ids)))
            bitmap = np.packbits(np.asarray(allowed, dtype=bool), bitorder="little")
            params = faiss.SearchParametersIVF(sel=faiss.IDSelectorBitmap(total, faiss.swig_ptr(bitmap)),
                                               nprobe=self.ivf.nprobe)
        elif self.ivf is None:
            return _top(np.arange(total), np.asarray(self.vectors @ q), min(n, total))
        _, found = self.ivf.search(q.reshape(1, -1), min(total, IVF_RERANK * n), params=params)
        ids = _sorted_unique(found[0][found[0] >= 0])
        return _top(ids, self.vectors[ids] @ q, min(n, len(ids))) if len(ids) else []

    def saved(self) -> tuple[dict[str, np.ndarray], bytes | None]:
        """What to save: the vectors as an array, and the IVF index of their 8-bit codes when there is one."""
        vectors = {"dense.vectors": np.ascontiguousarray(self.vectors, dtype=np.float32)}
        return vectors, faiss.serialize_index(self.ivf).tobytes() if self.ivf is not None else None

    @classmethod
    def from_saved(cls, arrays: dict[str, np.ndarray], ivf_bytes: bytes | None) -> "DenseIndex":
        ivf = faiss.deserialize_index(np.frombuffer(ivf_bytes, dtype=np.uint8)) if ivf_bytes is not None else None
        if ivf is not None and not isinstance(ivf, faiss.IndexIVF):
            raise ValueError(f"expected an IVF index, not {type(ivf).__name__}")
        if ivf is not None and ivf.ntotal != len(arrays["dense.vectors"]):
            raise ValueError("the IVF index and the vectors disagree on the number of passages")
        return cls(arrays["dense.vectors"], ivf)
