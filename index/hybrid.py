"""Hybrid fusion of lexical and dense result lists: reciprocal-rank or weighted normalised scores."""

from __future__ import annotations

from dataclasses import dataclass

from index.chunk import Chunk


@dataclass(frozen=True)
class Hit:
    """A scored passage from search; ranks are 1-based positions in each retriever's list (None if absent)."""

    chunk: Chunk
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None
    bm25_score: float | None = None
    dense_score: float | None = None

    doc_id = property(lambda self: self.chunk.doc_id)
    chunk_id = property(lambda self: self.chunk.chunk_id)
    text = property(lambda self: self.chunk.text)
    start = property(lambda self: self.chunk.start)
    end = property(lambda self: self.chunk.end)
    section = property(lambda self: self.chunk.section)
    paragraph = property(lambda self: self.chunk.paragraph)

    def to_dict(self) -> dict:
        d = self.chunk.to_dict()
        d.update(score=self.score, bm25_rank=self.bm25_rank, dense_rank=self.dense_rank)
        return d


Ranked = list[tuple[int, float]]


def rrf(lists: list[Ranked], k: int = 60, weights: list[float] | None = None) -> Ranked:
    """Reciprocal-rank fusion: sum of weight / (k + rank) over the lists an item appears in."""
    weights = weights or [1.0] * len(lists)
    fused: dict[int, float] = {}
    for w, ranked in zip(weights, lists):
        for rank, (idx, _) in enumerate(ranked, start=1):
            fused[idx] = fused.get(idx, 0.0) + w / (k + rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))


def _minmax(ranked: Ranked) -> dict[int, float]:
    if not ranked:
        return {}
    vals = [s for _, s in ranked]
    lo, hi = min(vals), max(vals)
    if hi - lo < 1e-12:
        return {i: 1.0 for i, _ in ranked}
    return {i: (s - lo) / (hi - lo) for i, s in ranked}


def weighted(lists: list[Ranked], weights: list[float]) -> Ranked:
    """Weighted sum of min-max normalised scores (an item missing from a list scores 0 there)."""
    fused: dict[int, float] = {}
    for w, ranked in zip(weights, lists):
        for idx, s in _minmax(ranked).items():
            fused[idx] = fused.get(idx, 0.0) + w * s
    return sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
