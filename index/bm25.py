"""Lexical retrieval: Okapi BM25 over accented and accent-folded Vietnamese tokens, held as saved postings arrays."""

from __future__ import annotations

import functools
import hashlib
from array import array
from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from index.text import fold, has_diacritics, syllables, whitespace_terms, with_bigrams

IDF_FLOOR = 0.25
"""A term in more than half the passages gets this share of the mean IDF (rank-bm25's ``epsilon``), not a negative one."""


@functools.lru_cache(maxsize=1024)
def query_syllables(query: str) -> tuple[str, ...]:
    """Syllables of a query, tokenised once however many fields and indexes score it."""
    return tuple(syllables(query))


def term_keys(terms: Iterable[str]) -> np.ndarray:
    """64-bit keys of terms: the saved index looks terms up by key, so no vocabulary is read back at load."""
    return np.fromiter(
        (int.from_bytes(hashlib.blake2b(t.encode("utf-8"), digest_size=8).digest(), "little") for t in terms),
        dtype=np.uint64,
    )


@dataclass
class Postings:
    """One BM25 field: for each term key (sorted), the passages holding it and their BM25 weight for that term."""

    size: int
    keys: np.ndarray      # uint64, sorted
    indptr: np.ndarray    # int64, len(keys) + 1: term t's postings are docs[indptr[t]:indptr[t + 1]]
    docs: np.ndarray      # int32 passage numbers
    weights: np.ndarray   # float64: idf(t) * tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl))
    df: np.ndarray        # int32 passages holding each term

    @classmethod
    def build(cls, corpus: Iterable[Sequence[str]], k1: float, b: float) -> "Postings":
        """Postings of passages given as term lists (read once, so a generator will do)."""
        vocab: dict[str, int] = {}
        ids = array("q")
        lengths = array("q")
        for doc in corpus:
            lengths.append(len(doc))
            ids.extend(vocab.setdefault(t, len(vocab)) for t in doc)
        n, v = len(lengths), len(vocab)
        lengths = np.frombuffer(lengths, dtype=np.int64) if n else np.zeros(0, np.int64)
        if v == 0:
            empty = np.zeros(0, np.int32)
            return cls(n, np.zeros(0, np.uint64), np.zeros(1, np.int64), empty, np.zeros(0, np.float64), empty)
        keys = term_keys(vocab)
        order = np.argsort(keys, kind="stable")
        rank = np.empty(v, dtype=np.int64)
        rank[order] = np.arange(v)
        term_of = rank[np.frombuffer(ids, dtype=np.int64)]
        doc_of = np.repeat(np.arange(n, dtype=np.int64), lengths)
        pairs, tf = np.unique(term_of * n + doc_of, return_counts=True)  # sorted by term, then passage
        term, doc = pairs // n, pairs % n
        df = np.bincount(term, minlength=v)
        indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        # rank-bm25's BM25Okapi: idf = ln((N - n + 0.5) / (n + 0.5)), negatives raised to a share of the mean.
        idf = np.log(n - df + 0.5) - np.log(df + 0.5)
        idf = np.where(idf < 0, IDF_FLOOR * idf.mean(), idf)
        avgdl = lengths.mean() if n and lengths.mean() > 0 else 1.0
        norm = k1 * (1 - b + b * lengths / avgdl)
        weights = idf[term] * tf * (k1 + 1) / (tf + norm[doc])
        return cls(n, keys[order], indptr, doc.astype(np.int32), weights.astype(np.float64), df.astype(np.int32))

    def slots(self, terms: Sequence[str]) -> np.ndarray:
        """Position of each term in ``keys``, -1 for a term no passage holds."""
        if not terms or not len(self.keys):
            return np.full(len(terms), -1, dtype=np.int64)
        keys = term_keys(terms)
        pos = np.minimum(np.searchsorted(self.keys, keys), len(self.keys) - 1)
        return np.where(self.keys[pos] == keys, pos, -1)

    def doc_freq(self, term: str) -> int:
        """Number of passages holding the term."""
        i = int(self.slots([term])[0])
        return int(self.df[i]) if i >= 0 else 0

    def scores(self, terms: list[str]) -> np.ndarray:
        """BM25 score of every passage (each query term counted as often as it occurs, as BM25Okapi does)."""
        out = np.zeros(self.size, dtype=np.float64)
        # Term by term, in the query's order, each term's postings added where they lie: no copy of all the query's
        # postings is made (at 300k passages a query's common words hold megabytes of them, and fresh memory is
        # mostly page faults), and a passage's weights are summed in term order as before.
        for i in self.slots(terms).tolist():
            if i >= 0:
                a, z = self.indptr[i], self.indptr[i + 1]
                np.add.at(out, self.docs[a:z], self.weights[a:z])
        return out

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}.{name}": getattr(self, name) for name in ("keys", "indptr", "docs", "weights", "df")}

    @classmethod
    def from_arrays(cls, prefix: str, arrays: dict[str, np.ndarray], size: int) -> "Postings":
        parts = {name: arrays[f"{prefix}.{name}"] for name in ("keys", "indptr", "docs", "weights", "df")}
        if len(parts["indptr"]) != len(parts["keys"]) + 1 or len(parts["docs"]) != len(parts["weights"]):
            raise ValueError(f"the {prefix} postings disagree in length")
        return cls(size, **parts)


class LexicalIndex:
    """BM25 over two fields: a query with diacritics is matched on both, one without only on the folded field."""

    def __init__(self, texts: Sequence[str], tokenizer: str = "vietnamese", folded_weight: float = 0.6,
                 k1: float = 1.2, b: float = 0.75) -> None:
        """Index passages given as text."""
        if tokenizer == "whitespace":
            fields = {"plain": Postings.build([whitespace_terms(t) for t in texts], k1, b)}
        else:
            fields = LexicalIndex.from_syllables([syllables(t) for t in texts], folded_weight, k1, b).fields
        self._set(fields, tokenizer, folded_weight)

    def _set(self, fields: dict[str, Postings], tokenizer: str, folded_weight: float) -> None:
        self.tokenizer = tokenizer
        self.folded_weight = folded_weight
        self.fields = fields
        self.size = next(iter(fields.values())).size if fields else 0

    @classmethod
    def from_fields(cls, fields: dict[str, Postings], tokenizer: str = "vietnamese",
                    folded_weight: float = 0.6) -> "LexicalIndex":
        """An index of already built (or loaded) fields."""
        obj = cls.__new__(cls)
        obj._set(fields, tokenizer, folded_weight)
        return obj

    @classmethod
    def from_syllables(cls, passages: Sequence[Sequence[str]], folded_weight: float = 0.6,
                       k1: float = 1.2, b: float = 0.75) -> "LexicalIndex":
        """Index passages given as their accented syllables (``index.text.syllables``), tokenised once upstream."""
        folds: dict[str, str] = {}  # a syllable is folded once, however often it occurs

        def folded_of(s: str) -> str:
            f = folds.get(s)
            if f is None:
                f = folds[s] = fold(s)
            return f

        folded = (with_bigrams([folded_of(s) for s in p]) for p in passages)
        accented = (with_bigrams(list(p)) for p in passages)
        fields = {"accented": Postings.build(accented, k1, b), "folded": Postings.build(folded, k1, b)}
        return cls.from_fields(fields, "vietnamese", folded_weight)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for the query."""
        if self.size == 0:
            return np.zeros(0, dtype=np.float64)
        if self.tokenizer == "whitespace":
            return self.fields["plain"].scores(whitespace_terms(query))
        sylls = list(query_syllables(query))
        folded = self.fields["folded"].scores(with_bigrams([fold(s) for s in sylls]))
        if not has_diacritics(query):
            return folded
        out = self.fields["accented"].scores(with_bigrams(sylls))
        out += np.multiply(folded, self.folded_weight, out=folded)  # both fresh: summed without temporaries
        return out

    def term_df(self, term: str) -> int:
        """Passages holding a folded syllable or folded bigram ``a_b`` (0 for the whitespace ablation)."""
        field = self.fields.get("folded")
        return field.doc_freq(term) if field is not None else 0

    def coverage(self, query: str) -> float:
        """Share of the query's folded syllables that occur anywhere in the indexed passages."""
        terms = [fold(s) for s in query_syllables(query)]
        if not terms or "folded" not in self.fields:
            return 0.0
        return sum(self.term_df(t) > 0 for t in terms) / len(terms)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for name, field in self.fields.items():
            out.update(field.arrays(f"{prefix}.{name}"))
        return out

    @classmethod
    def from_arrays(cls, prefix: str, arrays: dict[str, np.ndarray], size: int, tokenizer: str,
                    folded_weight: float) -> "LexicalIndex":
        names = ("plain",) if tokenizer == "whitespace" else ("accented", "folded")
        fields = {n: Postings.from_arrays(f"{prefix}.{n}", arrays, size) for n in names}
        return cls.from_fields(fields, tokenizer, folded_weight)


SELECT_BLOCK = 256
"""Scores per block whose maximum bounds the n-th largest score from below (see ``largest``)."""


def largest(scores: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` largest scores (``0 < n <= scores.size``), in no order: the ones
    ``np.argpartition(-scores, n - 1)[:n]`` gives.

    A full partition of every passage's score is most of a search at 300k passages. The n-th largest of the
    blocks' maxima is at most the n-th largest score, so only the scores reaching it are partitioned. When scores
    tied with the n-th largest fall on both sides of the cut, which of them make it is the full partition's
    choice, so it is made by the full partition.
    """
    if scores.size < 4 * SELECT_BLOCK * n:
        return np.argpartition(-scores, n - 1)[:n]
    whole = scores.size // SELECT_BLOCK * SELECT_BLOCK
    maxima = scores[:whole].reshape(-1, SELECT_BLOCK).max(axis=1)
    floor = np.partition(maxima, maxima.size - n)[maxima.size - n]
    near = np.flatnonzero(scores >= floor)
    if near.size >= n:
        sub = scores[near]
        nth = np.partition(sub, sub.size - n)[sub.size - n]
        kept = sub >= nth
        if np.count_nonzero(kept) == n:
            return near[kept]
    return np.argpartition(-scores, n - 1)[:n]


def top(scores: np.ndarray, n: int) -> list[tuple[int, float]]:
    """Top ``n`` (index, score) pairs with a positive score, best first."""
    if scores.size == 0 or n <= 0:
        return []
    n = min(n, scores.size)
    idx = largest(scores, n)
    idx = idx[np.lexsort((idx, -scores[idx]))]  # ties in passage order
    return [(int(i), float(scores[i])) for i in idx if scores[i] > 0]
