"""Lexical retrieval: rank-bm25 statistics over accented and accent-folded Vietnamese tokens, scored with postings."""

from __future__ import annotations

import numpy as np
from rank_bm25 import BM25Okapi

from index.text import accented_terms, folded_terms, has_diacritics, whitespace_terms


class _Field:
    """One BM25 field: rank-bm25 computes the statistics; scoring walks postings instead of every document."""

    def __init__(self, corpus: list[list[str]], k1: float, b: float) -> None:
        # rank-bm25 divides by the mean document length; an all-empty corpus would divide by zero.
        bm = BM25Okapi([doc if doc else ["\x00"] for doc in corpus], k1=k1, b=b)
        self.size = len(corpus)
        norm = bm.k1 * (1 - bm.b + bm.b * np.asarray(bm.doc_len, dtype=np.float64) / bm.avgdl)
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for i, freqs in enumerate(bm.doc_freqs):
            for term, tf in freqs.items():
                ids, weights = postings.setdefault(term, ([], []))
                ids.append(i)
                weights.append(tf * (bm.k1 + 1) / (tf + norm[i]))
        self._postings = {
            t: (np.asarray(ids, dtype=np.int64), bm.idf[t] * np.asarray(w, dtype=np.float64))
            for t, (ids, w) in postings.items()
        }

    def scores(self, terms: list[str]) -> np.ndarray:
        """Same scores as ``BM25Okapi.get_scores`` (each query term counted as often as it occurs)."""
        out = np.zeros(self.size, dtype=np.float64)
        for t in terms:
            hit = self._postings.get(t)
            if hit is not None:
                np.add.at(out, hit[0], hit[1])
        return out


class LexicalIndex:
    """BM25 over two fields: a query with diacritics is matched on both, one without only on the folded field."""

    def __init__(
        self, texts: list[str], tokenizer: str = "vietnamese", folded_weight: float = 0.6, k1: float = 1.2, b: float = 0.75
    ) -> None:
        self.tokenizer = tokenizer
        self.folded_weight = folded_weight
        self.size = len(texts)
        if tokenizer == "whitespace":
            self._plain = _Field([whitespace_terms(t) for t in texts], k1, b)
            self.vocabulary: frozenset[str] = frozenset()
        else:
            folded = [folded_terms(t) for t in texts]
            self._accented = _Field([accented_terms(t) for t in texts], k1, b)
            self._folded = _Field(folded, k1, b)
            self.vocabulary = frozenset(term for doc in folded for term in doc if "_" not in term)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for the query."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float64)
        if self.tokenizer == "whitespace":
            return self._plain.scores(whitespace_terms(query))
        folded = self._folded.scores(folded_terms(query))
        if not has_diacritics(query):
            return folded
        return self._accented.scores(accented_terms(query)) + self.folded_weight * folded

    def coverage(self, query: str) -> float:
        """Share of the query's folded syllables that occur anywhere in the indexed passages."""
        terms = [t for t in folded_terms(query) if "_" not in t]
        if not terms or not self.vocabulary:
            return 0.0
        return sum(t in self.vocabulary for t in terms) / len(terms)


def top(scores: np.ndarray, n: int) -> list[tuple[int, float]]:
    """Top ``n`` (index, score) pairs with a positive score, best first."""
    if scores.size == 0 or n <= 0:
        return []
    n = min(n, scores.size)
    idx = np.argpartition(-scores, n - 1)[:n]
    idx = idx[np.argsort(-scores[idx], kind="stable")]
    return [(int(i), float(scores[i])) for i in idx if scores[i] > 0]
