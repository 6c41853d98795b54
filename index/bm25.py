"""Lexical retrieval: rank-bm25 over accented and accent-folded Vietnamese tokens."""

from __future__ import annotations

import numpy as np
from rank_bm25 import BM25Okapi

from index.text import accented_terms, fold, folded_terms, has_diacritics, whitespace_terms


def _bm25(corpus: list[list[str]]) -> BM25Okapi:
    # rank-bm25 divides by the mean document length; an all-empty corpus would divide by zero.
    return BM25Okapi([doc if doc else ["\x00"] for doc in corpus])


class LexicalIndex:
    """BM25 over two fields: a query with diacritics is matched on both, one without only on the folded field."""

    def __init__(self, texts: list[str], tokenizer: str = "vietnamese", folded_weight: float = 0.6) -> None:
        self.tokenizer = tokenizer
        self.folded_weight = folded_weight
        self.size = len(texts)
        if tokenizer == "whitespace":
            self._plain = _bm25([whitespace_terms(t) for t in texts])
            self.vocabulary: frozenset[str] = frozenset()
        else:
            folded = [folded_terms(t) for t in texts]
            self._accented = _bm25([accented_terms(t) for t in texts])
            self._folded = _bm25(folded)
            self.vocabulary = frozenset(term for doc in folded for term in doc if "_" not in term)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for the query."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float32)
        if self.tokenizer == "whitespace":
            return np.asarray(self._plain.get_scores(whitespace_terms(query)), dtype=np.float32)
        folded = np.asarray(self._folded.get_scores(folded_terms(query)), dtype=np.float32)
        if not has_diacritics(query):
            return folded
        accented = np.asarray(self._accented.get_scores(accented_terms(query)), dtype=np.float32)
        return accented + self.folded_weight * folded

    def search(self, query: str, n: int) -> list[tuple[int, float]]:
        """Top ``n`` (passage index, score) pairs with a positive score, best first."""
        s = self.scores(query)
        if s.size == 0:
            return []
        n = min(n, s.size)
        top = np.argpartition(-s, n - 1)[:n]
        top = top[np.argsort(-s[top], kind="stable")]
        return [(int(i), float(s[i])) for i in top if s[i] > 0]

    def coverage(self, query: str) -> float:
        """Share of the query's folded syllables that occur anywhere in the indexed passages."""
        terms = [t for t in folded_terms(query) if "_" not in t]
        if not terms or not self.vocabulary:
            return 0.0
        return sum(t in self.vocabulary for t in terms) / len(terms)


__all__ = ["LexicalIndex", "fold"]
