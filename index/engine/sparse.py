"""Client-side BM25 sparse vectors: passage side tf saturation, query side IDF, so their dot product is hoidap's BM25."""

from __future__ import annotations

from collections import Counter

import numpy as np

from index.bm25 import IDF_FLOOR, LexicalIndex, Postings, query_syllables
from index.text import fold, has_diacritics, with_bigrams


def _idf(p: Postings) -> np.ndarray:
    idf = np.log(p.size - p.df + 0.5) - np.log(p.df + 0.5)
    return np.where(idf < 0, IDF_FLOOR * idf.mean(), idf) if len(idf) else idf


class SparseEncoder:
    """Encodes passages and queries of one LexicalIndex into one id space: accented terms first, then folded."""

    def __init__(self, lexical: LexicalIndex) -> None:
        self.lexical = lexical
        self.accented, self.folded = lexical.fields["accented"], lexical.fields["folded"]
        self.offset = len(self.accented.keys)
        self.idf = {"accented": _idf(self.accented), "folded": _idf(self.folded)}

    def passages(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(ids, values) of every passage: BM25 weight divided by the term's IDF (the saturated term frequency)."""
        ids_parts, val_parts, doc_parts = [], [], []
        for name, p, base in (("accented", self.accented, 0), ("folded", self.folded, self.offset)):
            term = np.repeat(np.arange(len(p.keys)), np.diff(p.indptr))
            idf = self.idf[name][term]
            sat = np.divide(p.weights, idf, out=np.zeros(len(idf), np.float64), where=idf != 0)
            ids_parts.append(term + base)
            val_parts.append(sat)
            doc_parts.append(np.asarray(p.docs, dtype=np.int64))
        ids, vals, docs = np.concatenate(ids_parts), np.concatenate(val_parts), np.concatenate(doc_parts)
        order = np.argsort(docs, kind="stable")
        ids, vals, docs = ids[order], vals[order], docs[order]
        cuts = np.searchsorted(docs, np.arange(self.lexical.size + 1))
        return [(ids[cuts[i]:cuts[i + 1]], vals[cuts[i]:cuts[i + 1]]) for i in range(self.lexical.size)]

    def query(self, query: str) -> tuple[list[int], list[float]]:
        """(ids, values) of a query: IDF times count, the folded field weighted as ``LexicalIndex.scores`` does."""
        sylls = list(query_syllables(query))
        weights: Counter[int] = Counter()
        parts = [("folded", self.folded, self.offset, 1.0 if not has_diacritics(query) else self.lexical.folded_weight,
                  with_bigrams([fold(s) for s in sylls]))]
        if has_diacritics(query):
            parts.append(("accented", self.accented, 0, 1.0, with_bigrams(sylls)))
        for name, p, base, w, terms in parts:
            for slot in p.slots(terms).tolist():
                if slot >= 0:
                    weights[base + slot] += w * float(self.idf[name][slot])
        ids = sorted(weights)
        return ids, [weights[i] for i in ids]
